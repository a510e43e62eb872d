import { describe, expect, it } from 'vitest';
import { sampleValue } from './exposition.ts';
import { createMetrics, timedJob, type QueueDepthSample } from './metrics.ts';
import { ELARA_METRIC_NAMES, HISTOGRAM_NAMES, METRIC_NAMES, METRIC_SERIES_NAMES } from './metric-names.ts';

const UNIT_SUFFIXES =
  /_(total|seconds|bytes|info)$|^elara_queue_jobs$|^elara_dead_letters$|_(handles|requests|resources|fds)$/;

const queues = async (): Promise<QueueDepthSample[]> => [
  {
    queue: 'whatsapp-inbound',
    counts: { waiting: 3, active: 1, delayed: 2, prioritized: 0, failed: 4 },
    oldestWaitingAgeSeconds: 12.5,
  },
];

function everySource() {
  return createMetrics({ service: 'worker', sources: { queues, deadLetters: async () => 7 } });
}

describe('createMetrics', () => {
  it('exports only names listed in metric-names.ts, every one elara_ prefixed', async () => {
    const { registry } = everySource();
    const names = (await registry.getMetricsAsJSON()).map((m) => m.name);
    for (const name of names) {
      expect(name, name).toMatch(/^elara_[a-z0-9_]+$/);
      expect(METRIC_NAMES, name).toContain(name);
    }
    for (const name of ELARA_METRIC_NAMES) expect(names, name).toContain(name);
    for (const name of METRIC_NAMES) expect(name).toMatch(/^elara_/);
  });

  it('puts the unit or kind in every name, and types histograms as histograms', async () => {
    const { registry } = everySource();
    for (const metric of await registry.getMetricsAsJSON()) {
      expect(metric.name, metric.name).toMatch(UNIT_SUFFIXES);
      if (String(metric.type) === 'counter') expect(metric.name).toMatch(/_total$/);
      expect(String(metric.type) === 'histogram', metric.name).toBe(HISTOGRAM_NAMES.includes(metric.name));
    }
    expect(METRIC_SERIES_NAMES).toContain('elara_webhook_to_reply_seconds_bucket');
  });

  it('labels series with the service and the declared labels, never more', async () => {
    const metrics = createMetrics({ service: 'api', defaultMetrics: false });
    metrics.webhookRequests.inc({ route: 'whatsapp', outcome: 'accepted', tenant_id: 't1' });
    metrics.verdicts.inc({ verdict: 'scam', tenant_id: 't1' });
    metrics.webhookToReply.observe({}, 1.2);
    metrics.providerSends.inc({ outcome: 'accepted' });
    metrics.rateLimitRejections.inc({ scope: 'user' });
    metrics.relayRequeued.inc(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'elara_webhook_requests_total{route="whatsapp",outcome="accepted",tenant_id="t1",service="api"} 1',
    );
    expect(text).toContain('elara_verdicts_total{verdict="scam",tenant_id="t1",service="api"} 1');
    expect(sampleValue(text, 'elara_webhook_to_reply_seconds_bucket', { le: '2', service: 'api' })).toBe(1);
    expect(sampleValue(text, 'elara_webhook_to_reply_seconds_bucket', { le: '1' })).toBe(0);
    expect(text).toContain('elara_relay_requeued_total{service="api"} 2');
    // Sources not given: no queue or dead-letter gauges in this service.
    expect(text).not.toContain('elara_queue_jobs');
    expect(text).not.toContain('elara_dead_letters');
    expect(text).not.toContain('process_cpu');
  });

  it('reads queue depths and dead letters on scrape, keeping old values when a source fails', async () => {
    let fail = false;
    const errors: string[] = [];
    const metrics = createMetrics({
      service: 'scheduler',
      defaultMetrics: false,
      sources: {
        queues: async () => (fail ? Promise.reject(new Error('redis away')) : queues()),
        deadLetters: async () => 7,
        onCollectError: (_e, source) => errors.push(source),
      },
    });
    const first = await metrics.registry.metrics();
    expect(first).toContain(
      'elara_queue_jobs{queue="whatsapp-inbound",state="waiting",service="scheduler"} 3',
    );
    expect(first).toContain(
      'elara_queue_jobs{queue="whatsapp-inbound",state="failed",service="scheduler"} 4',
    );
    expect(first).toContain(
      'elara_queue_oldest_waiting_age_seconds{queue="whatsapp-inbound",service="scheduler"} 12.5',
    );
    expect(first).toContain('elara_dead_letters{service="scheduler"} 7');
    await new Promise((r) => setTimeout(r, 5));
    fail = true;
    const second = await metrics.registry.metrics();
    expect(second).toContain(
      'elara_queue_jobs{queue="whatsapp-inbound",state="waiting",service="scheduler"} 3',
    );
    expect(errors).toContain('queues');
  });

  it('times jobs by outcome, a BullMQ DelayedError counting as delayed', async () => {
    const metrics = createMetrics({ service: 'worker', defaultMetrics: false });
    const delayed = Object.assign(new Error('later'), { name: 'DelayedError' });
    await timedJob(metrics, 'a.b', async () => undefined)();
    await expect(timedJob(metrics, 'a.b', async () => Promise.reject(delayed))()).rejects.toBe(delayed);
    await expect(timedJob(metrics, 'a.b', async () => Promise.reject(new Error('x')))()).rejects.toThrow('x');
    const text = await metrics.registry.metrics();
    for (const outcome of ['completed', 'delayed', 'failed'])
      expect(sampleValue(text, 'elara_job_duration_seconds_count', { job: 'a.b', outcome }), outcome).toBe(1);
  });
});
