import { runMigrator } from './migrator-cli.ts';

// `node services/migrator/src/main.ts migrate|wait`: the migration Job and the pods' initContainer.
// exitCode, not exit(): the process ends once the log lines are written and connections closed.
process.exitCode = await runMigrator(process.argv.slice(2), process.env);
