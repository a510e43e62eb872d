import http from 'node:http';

/** A request prepared ahead of time, so the timed loop spends no CPU on signing or encoding. */
export interface PreparedRequest {
  path: string;
  body: Buffer;
  headers: Record<string, string>;
  /** Correlates the reply: the WhatsApp user this message is from. */
  userPhone: string;
}

export interface SentRecord {
  userPhone: string;
  sentAt: number;
  ackMs: number;
  status: number;
}

/** A keep-alive HTTP client aimed at one origin. */
export function createLoadClient(origin: string, maxSockets: number) {
  const url = new URL(origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  function send(request: PreparedRequest): Promise<SentRecord> {
    const sentAt = Date.now();
    const started = performance.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: request.path,
          agent,
          headers: { ...request.headers, 'content-length': String(request.body.length) },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({
              userPhone: request.userPhone,
              sentAt,
              ackMs: performance.now() - started,
              status: res.statusCode ?? 0,
            }),
          );
        },
      );
      req.on('error', () =>
        resolve({ userPhone: request.userPhone, sentAt, ackMs: performance.now() - started, status: 0 }),
      );
      req.end(request.body);
    });
  }
  return { send, close: () => agent.destroy() };
}

export type LoadClient = ReturnType<typeof createLoadClient>;

/** Closed loop: `concurrency` requests always in flight until all are sent. */
export async function driveAtMaximum(client: LoadClient, requests: PreparedRequest[], concurrency: number) {
  const results: SentRecord[] = [];
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      results.push(await client.send(request));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/** Open loop: requests start on schedule at `ratePerSecond`, whether or not earlier ones finished. */
export async function driveAtRate(client: LoadClient, requests: PreparedRequest[], ratePerSecond: number) {
  const pending: Promise<SentRecord>[] = [];
  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(
        requests.length,
        Math.floor(((performance.now() - start) / 1_000) * ratePerSecond),
      );
      while (next < due) pending.push(client.send(requests[next++]!));
      if (next >= requests.length) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  return Promise.all(pending);
}
