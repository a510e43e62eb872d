import { createSandboxControlClient, type SandboxMessage } from '@elara/twilio-sandbox/client';
import {
  driveAtMaximum,
  driveAtRate,
  type LoadClient,
  type PreparedRequest,
  type SentRecord,
} from './load-generator.ts';
import { cpuCores, summarize, type LatencySummary } from './stats.ts';

export interface PhaseResult {
  messages: number;
  acknowledged: number;
  rejected: number;
  intakePerSecond: number;
  ack: LatencySummary;
  answeredPerSecond: number;
  webhookToReply: LatencySummary;
  lost: number;
  duplicates: number;
  generatorCpuCores: number;
}

export type PhaseLoad = { kind: 'rate'; perSecond: number } | { kind: 'max'; concurrency: number };

/** Replies for this phase's users, waiting until every acknowledged message has one or time runs out. */
async function collectReplies(
  sandboxUrl: string,
  expected: number,
  timeoutMs: number,
): Promise<SandboxMessage[]> {
  const sandbox = createSandboxControlClient(sandboxUrl);
  try {
    return await sandbox.waitForMessages({ count: expected, timeoutMs });
  } catch {
    return sandbox.listMessages();
  }
}

/**
 * Sends `requests` with the given load, waits for the replies, and measures. The sandbox's message
 * list is cleared first, so every reply it holds afterwards belongs to this phase.
 */
export async function runPhase(
  client: LoadClient,
  sandboxUrl: string,
  requests: PreparedRequest[],
  load: PhaseLoad,
  replyTimeoutMs: number,
): Promise<PhaseResult> {
  await createSandboxControlClient(sandboxUrl).clearMessages();
  const cpuStart = process.cpuUsage();
  const started = Date.now();
  const sent: SentRecord[] =
    load.kind === 'rate'
      ? await driveAtRate(client, requests, load.perSecond)
      : await driveAtMaximum(client, requests, load.concurrency);
  const intakeMs = Date.now() - started;
  const generatorCpuCores = cpuCores(cpuStart, intakeMs);
  const acked = sent.filter((s) => s.status === 200);
  const replies = await collectReplies(sandboxUrl, acked.length, replyTimeoutMs);

  const sentAt = new Map(acked.map((s) => [`whatsapp:${s.userPhone}`, s.sentAt]));
  const firstReply = new Map<string, number>();
  let duplicates = 0;
  for (const reply of replies) {
    if (!sentAt.has(reply.to)) continue;
    if (firstReply.has(reply.to)) duplicates += 1;
    else firstReply.set(reply.to, Date.parse(reply.createdAt));
  }
  const latencies = [...firstReply].map(([to, at]) => at - sentAt.get(to)!);
  const lastReplyAt = firstReply.size ? Math.max(...firstReply.values()) : started;
  return {
    messages: requests.length,
    acknowledged: acked.length,
    rejected: sent.length - acked.length,
    intakePerSecond: Math.round(sent.length / (intakeMs / 1_000)),
    ack: summarize(acked.map((s) => s.ackMs)),
    answeredPerSecond: firstReply.size ? Math.round(firstReply.size / ((lastReplyAt - started) / 1_000)) : 0,
    webhookToReply: summarize(latencies),
    lost: acked.length - firstReply.size,
    duplicates,
    generatorCpuCores,
  };
}
