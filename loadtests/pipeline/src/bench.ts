import { parseArgs } from 'node:util';
import { measureBareExpress, measureBullmqNoop } from './baselines.ts';
import { prepareInbound } from './bench-messages.ts';
import { runPhase, type PhaseResult } from './bench-phase.ts';
import { startBenchStack } from './bench-stack.ts';
import { createLoadClient } from './load-generator.ts';

/*
 * `pnpm bench:pipeline`: signed webhooks over real HTTP through the real API, queue, worker(s),
 * PostgreSQL and the Twilio sandbox, all on this machine; with two baselines measured in the same
 * run. The last line printed is one JSON object with every figure.
 */
const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '300' },
    'rate-seconds': { type: 'string', default: '30' },
    'max-messages': { type: 'string', default: '15000' },
    concurrency: { type: 'string', default: '64' },
    tenants: { type: 'string', default: '50' },
    workers: { type: 'string', default: '1' },
    'worker-concurrency': { type: 'string', default: '128' },
    'status-callbacks': { type: 'boolean', default: false },
    'skip-baselines': { type: 'boolean', default: false },
    /** Write .cpuprofile files of the API and worker to this folder. */
    profile: { type: 'string' },
  },
});
const num = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const adminUrl = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const concurrency = num('concurrency');

const stack = await startBenchStack({
  adminUrl,
  redisUrl,
  tenants: num('tenants'),
  workers: num('workers'),
  workerConcurrency: num('worker-concurrency'),
  statusCallbacks: values['status-callbacks'],
  apiPort: 3801,
  sandboxPort: 3802,
  profileDir: values.profile,
});
const log = (line: string) => console.log(line);
try {
  const baselines = values['skip-baselines']
    ? { bullmqNoopJobsPerSecond: Number.NaN, bareExpressRequestsPerSecond: Number.NaN }
    : {
        bullmqNoopJobsPerSecond: await measureBullmqNoop(redisUrl, `bench-baseline-${process.pid}`, 20_000),
        bareExpressRequestsPerSecond: await measureBareExpress(
          prepareInbound(stack.tenants, 'http://127.0.0.1:3803', 20_000),
          concurrency,
          3803,
        ),
      };
  log(
    `baseline: raw BullMQ no-op ${baselines.bullmqNoopJobsPerSecond} jobs/s; bare Express ${baselines.bareExpressRequestsPerSecond} req/s`,
  );

  const client = createLoadClient(stack.apiUrl, concurrency);
  const warmup = await runPhase(
    client,
    stack.sandboxUrl,
    prepareInbound(stack.tenants, stack.publicBaseUrl, 2_000),
    { kind: 'max', concurrency },
    60_000,
  );
  log(`warm-up: ${warmup.acknowledged} acknowledged, ${warmup.lost} lost`);

  const rate = num('rate');
  const atRate = await runPhase(
    client,
    stack.sandboxUrl,
    prepareInbound(stack.tenants, stack.publicBaseUrl, rate * num('rate-seconds')),
    { kind: 'rate', perSecond: rate },
    60_000,
  );
  const atMax = await runPhase(
    client,
    stack.sandboxUrl,
    prepareInbound(stack.tenants, stack.publicBaseUrl, num('max-messages')),
    { kind: 'max', concurrency },
    120_000,
  );
  client.close();

  const describe = (name: string, r: PhaseResult) =>
    `${name}: intake ${r.intakePerSecond} req/s (ack p50 ${r.ack.p50} ms, p99 ${r.ack.p99} ms); ` +
    `answered ${r.answeredPerSecond} msg/s; webhook-to-reply p50 ${r.webhookToReply.p50} / p95 ${r.webhookToReply.p95} / ` +
    `p99 ${r.webhookToReply.p99} ms; lost ${r.lost}, duplicates ${r.duplicates}, rejected ${r.rejected}; ` +
    `load generator ${r.generatorCpuCores} cores`;
  log(describe(`fixed rate ${rate}/s`, atRate));
  log(describe('maximum', atMax));
  const ratios = {
    intakeVsBareExpress:
      Math.round((atMax.intakePerSecond / baselines.bareExpressRequestsPerSecond) * 1000) / 1000,
    answeredVsBullmqNoop:
      Math.round((atMax.answeredPerSecond / baselines.bullmqNoopJobsPerSecond) * 1000) / 1000,
  };
  log(
    `ratios: intake / bare Express ${ratios.intakeVsBareExpress}; answered / raw BullMQ ${ratios.answeredVsBullmqNoop}`,
  );
  console.log(
    JSON.stringify({
      config: {
        tenants: num('tenants'),
        workers: num('workers'),
        workerConcurrency: num('worker-concurrency'),
        concurrency,
        statusCallbacks: values['status-callbacks'],
      },
      baselines,
      fixedRate: { perSecond: rate, ...atRate },
      maximum: atMax,
      ratios,
    }),
  );
} finally {
  await stack.teardown();
}
