import type { Redis } from 'ioredis';

export interface RedisRequirements {
  /** BullMQ loses jobs when Redis evicts keys under memory pressure: only `noeviction` is safe. */
  noEviction: boolean;
  /** Without the append-only file a Redis restart forgets every queued job. */
  appendOnly: boolean;
}

export interface RedisSettings {
  maxmemoryPolicy: string | undefined;
  aofEnabled: boolean;
}

/** One `INFO` section as key/value pairs (`key:value` lines). */
function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

/**
 * Reads the settings through `INFO`, not `CONFIG GET`: managed Redis (ElastiCache, Memorystore)
 * disables `CONFIG` but answers `INFO`.
 */
export async function readRedisSettings(redis: Redis): Promise<RedisSettings> {
  const memory = parseInfo(await redis.info('memory'));
  const persistence = parseInfo(await redis.info('persistence'));
  return {
    maxmemoryPolicy: memory.get('maxmemory_policy'),
    aofEnabled: persistence.get('aof_enabled') === '1',
  };
}

/** What is wrong with `settings` for queues, as sentences an operator can act on; empty when fine. */
export function redisSettingProblems(settings: RedisSettings, required: RedisRequirements): string[] {
  const problems: string[] = [];
  if (required.noEviction && settings.maxmemoryPolicy !== 'noeviction') {
    problems.push(
      `maxmemory-policy is ${settings.maxmemoryPolicy ?? 'unknown'}, not noeviction: Redis could evict queued jobs`,
    );
  }
  if (required.appendOnly && !settings.aofEnabled) {
    problems.push('appendonly is off: a Redis restart would forget queued jobs (turn on AOF)');
  }
  return problems;
}
