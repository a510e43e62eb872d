import { createPool } from '@elara/db/pool';
import { createDeadLetterService } from '@elara/pipeline/dead-letters';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';
import { closeRedis, createProducer } from '@elara/queue/queues';
import { Redis } from 'ioredis';

type DeadLetterEnv = Pick<
  LocalDefaults,
  'DATABASE_URL' | 'REDIS_URL' | 'REDIS_KEY_PREFIX' | 'SEND_ATTEMPTS' | 'SEND_BACKOFF_MS'
>;

/** `elara dlq list` and `elara dlq redrive <tenantId> <messageId> | --all`. */
export async function deadLettersCommand(env: DeadLetterEnv, args: string[]): Promise<void> {
  const pool = createPool({ connectionString: env.DATABASE_URL, max: 2, applicationName: 'elara-cli' });
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 3 });
  const producer = createProducer('whatsapp-inbound', {
    connection: redis,
    prefix: env.REDIS_KEY_PREFIX,
    sendRetry: { attempts: env.SEND_ATTEMPTS, backoffMs: env.SEND_BACKOFF_MS },
  });
  const service = createDeadLetterService({ pool, producer });
  try {
    const [action, tenantId, messageId] = args;
    if (action === 'list') {
      const letters = await service.list(500);
      if (!letters.length) console.log('No dead-lettered messages.');
      for (const l of letters) {
        console.log(
          `${l.tenantId}  ${l.inboundMessageId}  ${l.receivedAt.toISOString()}  ${l.lastError ?? ''}`,
        );
      }
    } else if (action === 'redrive' && tenantId === '--all') {
      let count = 0;
      for (const l of await service.list(1_000))
        if (await service.redrive(l.tenantId, l.inboundMessageId)) count += 1;
      console.log(`Re-drove ${count} message(s).`);
    } else if (action === 'redrive' && tenantId && messageId) {
      const ok = await service.redrive(tenantId, messageId);
      console.log(ok ? 'Re-driven.' : 'Not found among dead letters.');
      if (!ok) process.exitCode = 1;
    } else {
      throw new Error('usage: pnpm elara dlq list | pnpm elara dlq redrive <tenantId> <messageId> | --all');
    }
  } finally {
    await producer.close();
    await closeRedis(redis);
    await pool.end();
  }
}
