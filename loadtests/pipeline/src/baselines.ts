import { spawnService, waitForHttp } from '@elara/testkit/processes';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createLoadClient, driveAtMaximum, type PreparedRequest } from './load-generator.ts';

/** Raw BullMQ: no-op jobs through one worker process-equivalent, jobs per second. */
export async function measureBullmqNoop(redisUrl: string, prefix: string, jobs: number): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('baseline-noop', { connection, prefix });
  for (let i = 0; i < jobs; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, jobs - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { removeOnComplete: true },
      })),
    );
  }
  let done = 0;
  const started = performance.now();
  const finished = new Promise<void>((resolve) => {
    const worker = new Worker('baseline-noop', async () => undefined, {
      connection,
      prefix,
      concurrency: 100,
    });
    worker.on('completed', () => {
      done += 1;
      if (done === jobs) void worker.close().then(resolve);
    });
  });
  await finished;
  const perSecond = jobs / ((performance.now() - started) / 1_000);
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  return Math.round(perSecond);
}

/** Bare Express answering the same webhook requests, requests per second at the same concurrency. */
export async function measureBareExpress(
  requests: PreparedRequest[],
  concurrency: number,
  port: number,
): Promise<number> {
  const server = spawnService('baseline-express', 'loadtests/pipeline/src/baseline-express-server.ts', {
    env: { PORT: String(port) },
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForHttp(`${origin}/health`, 10_000);
    const client = createLoadClient(origin, concurrency);
    await driveAtMaximum(client, requests.slice(0, 1_000), concurrency);
    const started = performance.now();
    await driveAtMaximum(client, requests, concurrency);
    const perSecond = requests.length / ((performance.now() - started) / 1_000);
    client.close();
    return Math.round(perSecond);
  } finally {
    await server.stop();
  }
}
