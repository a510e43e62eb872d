import { Agent } from 'node:http';
import { sendRequest, type PreparedRequest } from './http-requests.ts';
import type { ServiceEndpoints } from './service-endpoints.ts';

/** One request the generator sent, and how it ended. */
export interface LoadRecord {
  /** What the caller named the request (e.g. its MessageSid). */
  key: string;
  backend: string;
  sentAt: number;
  latencyMs: number;
  /** The HTTP status, or null when no answer came (reset, refused, hang-up). */
  status: number | null;
  error?: string;
  /** The answer carried `Connection: close`. */
  connectionClose: boolean;
}

export interface LoadInput {
  endpoints: ServiceEndpoints;
  ratePerSecond: number;
  durationMs: number;
  /** The next request to send, and its key. */
  nextRequest: () => { key: string; request: PreparedRequest };
  /** Called once per tick with the time since the start, e.g. to send signals mid-run. */
  onTick?: (elapsedMs: number) => void;
}

export interface LoadResult {
  records: LoadRecord[];
  /** Requests due while no backend was in rotation (not sent). */
  unroutable: number;
}

/**
 * Sends requests at a steady rate, each to the next backend in rotation, over one keep-alive agent
 * per backend (as a balancer keeps upstream connections), and waits for every answer.
 */
export async function runWebhookLoad(input: LoadInput): Promise<LoadResult> {
  const agents = new Map<string, Agent>();
  const agentFor = (name: string) => {
    if (!agents.has(name)) agents.set(name, new Agent({ keepAlive: true, maxSockets: 64 }));
    return agents.get(name)!;
  };
  const records: Promise<LoadRecord>[] = [];
  let unroutable = 0;
  const started = Date.now();

  const sendOne = (): void => {
    const backend = input.endpoints.next();
    if (!backend) return void (unroutable += 1);
    const { key, request } = input.nextRequest();
    const sentAt = Date.now();
    const done = (fields: Pick<LoadRecord, 'status' | 'connectionClose'> & { error?: string }) => ({
      key,
      backend: backend.name,
      sentAt,
      latencyMs: Date.now() - sentAt,
      ...fields,
    });
    records.push(
      sendRequest(backend.url, request, { agent: agentFor(backend.name) }).answer.then(
        (a) => done({ status: a.status, connectionClose: a.connection === 'close' }),
        (error: Error) => done({ status: null, connectionClose: false, error: error.message }),
      ),
    );
  };

  let sent = 0;
  while (Date.now() - started < input.durationMs) {
    const elapsed = Date.now() - started;
    input.onTick?.(elapsed);
    const due = Math.floor((elapsed * input.ratePerSecond) / 1000);
    for (; sent < due; sent += 1) sendOne();
    await new Promise((r) => setTimeout(r, 10));
  }
  const settled = await Promise.all(records);
  for (const agent of agents.values()) agent.destroy();
  return { records: settled, unroutable };
}
