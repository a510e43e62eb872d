import type { Queue } from 'bullmq';

/** One queue's depth: jobs per state, and how long the oldest waiting job has waited. */
export interface QueueDepth {
  queue: string;
  counts: { waiting: number; active: number; delayed: number; prioritized: number; failed: number };
  /** Seconds since the oldest waiting job was added (its BullMQ timestamp), null if none waits. */
  oldestWaitingAgeSeconds: number | null;
}

/**
 * Reads a queue's depth in two cheap Redis calls (BullMQ's `getJobCounts` and the tail of the wait
 * list), for metrics and the operators' health check. Never touches job payloads beyond one job.
 */
export async function readQueueDepth(queue: Queue, now = Date.now()): Promise<QueueDepth> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'),
    queue.getJobs(['waiting'], 0, 0, true),
  ]);
  const job = oldest[0];
  return {
    queue: queue.name,
    counts: {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      failed: counts.failed ?? 0,
    },
    oldestWaitingAgeSeconds: job ? Math.max(0, (now - job.timestamp) / 1_000) : null,
  };
}
