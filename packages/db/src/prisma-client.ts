import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type { PrismaClient };
export type PrismaTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** A Prisma client over node-postgres, connecting as the application role. */
export function createPrismaClient(connectionString: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, application_name: 'elara-prisma' }) });
}

/**
 * Prisma's twin of `withTenant`: one interactive transaction with the tenant set locally. Slower than
 * the pg path (two extra round trips), so it serves admin and tooling paths, not the message path.
 */
export async function withTenantPrisma<T>(
  prisma: PrismaClient,
  tenantId: string,
  work: (tx: PrismaTx) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('app.tenant_id', ${tenantId}, true)`;
    return work(tx);
  });
}
