import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProducer } from '@elara/queue/queues';
import { loadSchedulerConfig } from '@elara/scheduler/config';
import { registerSchedules } from '@elara/scheduler/schedules';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startStack, type Stack } from '../support/stack.ts';

let stack: Stack | undefined;
afterAll(async () => {
  await stack?.close();
});

describe('the threatFeeds.refresh job', () => {
  it('is scheduled, and the worker consuming maintenance imports the built-in and configured feeds', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'elara-feeds-e2e-'));
    const list = path.join(dir, 'blocklist.txt');
    await writeFile(list, '0.0.0.0 bad.example\n');
    stack = await startStack({
      env: {
        THREAT_FEEDS: JSON.stringify([
          { name: 'local', format: 'domain-list', url: pathToFileURL(list).href },
        ]),
        THREAT_FEED_REFRESH_MINUTES: '30',
      },
    });
    const stopSchedules = await registerSchedules(loadSchedulerConfig(stack.env), stack.redis);
    const maintenance = createProducer('maintenance', {
      connection: stack.redis,
      prefix: stack.env.REDIS_KEY_PREFIX!,
      sendRetry: { attempts: 1, backoffMs: 0 },
    });
    try {
      const scheduler = await maintenance.queue.getJobScheduler('threat-feeds-refresh');
      expect(scheduler).toMatchObject({ name: 'threatFeeds.refresh', every: 30 * 60_000 });
      // `every` runs once at once: no need to wait half an hour.
      const feeds = await eventually(async () => {
        const { rows } = await stack!.pool.query<{ name: string; version: string; entry_count: number }>(
          'SELECT name, version, entry_count FROM threat_feeds WHERE version > 0 ORDER BY name',
        );
        return rows.length === 2 ? rows : null;
      }, 20_000);
      expect(feeds.map((f) => [f.name, Number(f.version)])).toEqual([
        ['local', 1],
        ['metamask', 1],
      ]);
      expect(feeds[1]!.entry_count).toBeGreaterThan(13_000);
    } finally {
      await maintenance.close();
      await stopSchedules();
    }
  });
});
