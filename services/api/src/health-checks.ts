import type { Pool } from '@elara/db/pool';
import { readQueueDepth, type QueueDepth } from '@elara/queue/depth';
import type { Redis } from 'ioredis';

type Queue = Parameters<typeof readQueueDepth>[0];

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  /** The failure, without stack or connection details. */
  error?: string;
}

export interface DetailedHealth {
  status: 'ok' | 'degraded';
  version: string;
  checks: {
    postgres: CheckResult;
    redis: CheckResult;
    queues: CheckResult & { queues?: QueueDepth[] };
    twilio: CheckResult & { httpStatus?: number };
    migrations: CheckResult & { version?: number; name?: string };
  };
}

export interface HealthCheckDeps {
  pool: Pool;
  redis: Redis;
  queues: Queue[];
  /** Twilio's REST origin (the sandbox locally); any HTTP answer counts as reachable. */
  twilioBaseUrl: string;
  version: string;
  timeoutMs?: number;
}

/** Runs `probe` with a deadline, timing it; never throws. */
async function timed<T extends object>(
  timeoutMs: number,
  probe: () => Promise<T>,
): Promise<CheckResult & Partial<T>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const extra = await Promise.race([probe(), deadline]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...extra };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const latencyMs = Math.round(performance.now() - started);
    return { ok: false, latencyMs, error: message.slice(0, 200) } as CheckResult & Partial<T>;
  } finally {
    clearTimeout(timer);
  }
}

/** The operators' detailed health check: each dependency probed in parallel, with a deadline. */
export function createDetailedHealthCheck({
  pool,
  redis,
  queues,
  twilioBaseUrl,
  version,
  timeoutMs = 2_000,
}: HealthCheckDeps) {
  return async (): Promise<DetailedHealth> => {
    const [postgres, redisCheck, queueCheck, twilio, migrations] = await Promise.all([
      timed(timeoutMs, async () => (await pool.query('SELECT 1'), {})),
      timed(timeoutMs, async () => (await redis.ping(), {})),
      timed(timeoutMs, async () => ({ queues: await Promise.all(queues.map((q) => readQueueDepth(q))) })),
      timed(timeoutMs, async () => {
        const res = await fetch(twilioBaseUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
        await res.body?.cancel();
        return { httpStatus: res.status };
      }),
      timed(timeoutMs, async () => {
        const { rows } = await pool.query<{ version: string; name: string }>(
          // Order by the bigint column, not its text form ('9' > '10').
          'SELECT m.version::text AS version, m.name FROM schema_migrations m ORDER BY m.version DESC LIMIT 1',
        );
        if (!rows[0]) throw new Error('no migrations applied');
        return { version: Number(rows[0].version), name: rows[0].name };
      }),
    ]);
    const checks = { postgres, redis: redisCheck, queues: queueCheck, twilio, migrations };
    const status = Object.values(checks).every((c) => c.ok) ? 'ok' : 'degraded';
    return { status, version, checks };
  };
}
