import { loadLocalDefaults } from '@elara/dev-stack/local-defaults';
import { loadLocalEnv } from '@elara/dev-stack/local-env';
import { prepareDatabase, seedDemoTenant } from '@elara/dev-stack/prepare-database';
import { chatCommand, sendCommand } from './commands/conversation.command.ts';
import { deadLettersCommand } from './commands/dead-letters.command.ts';
import { auditCommand } from './commands/audit.command.ts';
import { feedsCommand } from './commands/feeds.command.ts';
import { accountsCommand } from './commands/accounts.command.ts';
import { buildOfflineThreatIndex } from '@elara/threat-feeds/offline-index';
import { classifyCommand } from './commands/classify.command.ts';
import { evalDetectionCommand } from './commands/eval-detection.command.ts';

const USAGE = `usage: pnpm elara <command>
  send "<text>" [--from +E164] [--to +E164]   send one WhatsApp message as a demo user, print the reply
  chat [--from +E164] [--to +E164]            the same, interactively
  db prepare                                  create roles and database, apply migrations, seed the demo tenant
  dlq list                                    list dead-lettered messages
  dlq redrive <tenantId> <messageId> | --all  send them through the pipeline again
  audit verify [--tenant <id|platform>]       check the audit log's hash chains (exit 1 on tampering)
  accounts create-platform-admin <email>      bootstrap an operator of Elara (password: ELARA_NEW_PASSWORD or generated)
  accounts create-user <tenant> <email> <role>
                                              add a console user to a tenant (owner, admin, analyst or viewer)
  feeds import <name> --format <f> --source <url|file>
                                              import a threat feed now (feeds list; feeds remove <name>)
  classify [--brand domain.com ...]           JSON lines {"text": "..."} on stdin -> one verdict per line on stdout
  eval-detection [--split test|train] [--misses N]
                                              per-class precision/recall/F1 on the held-out split, CPU per message`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  // Detection commands need no database, Redis or local secrets.
  if (command === 'eval-detection') return evalDetectionCommand(args);
  if (command === 'classify') return classifyCommand(args, { threats: buildOfflineThreatIndex() });
  loadLocalEnv();
  const local = loadLocalDefaults(process.env);
  switch (command) {
    case 'send':
      return sendCommand(local, args);
    case 'chat':
      return chatCommand(local, args);
    case 'db': {
      if (args[0] !== 'prepare') throw new Error(USAGE);
      const db = await prepareDatabase(local);
      const seeded = await seedDemoTenant(local, db.appUrl, local.ELARA_SECRETS_KEY);
      console.log(`Migrations applied: ${db.migrationsApplied.length}; demo tenant: ${seeded}.`);
      return;
    }
    case 'accounts':
      return accountsCommand(local, args);
    case 'dlq':
      return deadLettersCommand(local, args);
    case 'audit':
      return auditCommand(local, args);
    case 'feeds':
      return feedsCommand(local, args);
    default:
      throw new Error(USAGE);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
