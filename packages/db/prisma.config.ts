import { defineConfig } from 'prisma/config';

// Generation only: migrations are SQL files applied by postgrator (see src/migrate.ts).
export default defineConfig({ schema: 'prisma/schema.prisma' });
