import { startRedisServer, type OwnRedisServer } from '@elara/testkit/redis-server';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRedisSettings, redisSettingProblems } from './redis-requirements.ts';

const both = { noEviction: true, appendOnly: true };
const servers: OwnRedisServer[] = [];
const clients: Redis[] = [];

async function redisWith(args: string[]): Promise<Redis> {
  const server = await startRedisServer(args);
  servers.push(server);
  const client = new Redis(server.url);
  clients.push(client);
  return client;
}

describe('Redis settings for queues, read from real servers', () => {
  let evicting: Redis;
  let durable: Redis;
  beforeAll(async () => {
    evicting = await redisWith(['--maxmemory-policy', 'allkeys-lru', '--appendonly', 'no']);
    durable = await redisWith(['--maxmemory-policy', 'noeviction', '--appendonly', 'yes']);
  });
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('finds an evicting, non-persistent Redis unfit', async () => {
    const settings = await readRedisSettings(evicting);
    expect(settings).toEqual({ maxmemoryPolicy: 'allkeys-lru', aofEnabled: false });
    const problems = redisSettingProblems(settings, both);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/allkeys-lru, not noeviction/);
    expect(problems[1]).toMatch(/appendonly is off/);
  });

  it('accepts noeviction with AOF', async () => {
    const settings = await readRedisSettings(durable);
    expect(settings).toEqual({ maxmemoryPolicy: 'noeviction', aofEnabled: true });
    expect(redisSettingProblems(settings, both)).toEqual([]);
  });

  it('checks only what is required', async () => {
    const settings = await readRedisSettings(evicting);
    expect(redisSettingProblems(settings, { noEviction: false, appendOnly: false })).toEqual([]);
  });
});
