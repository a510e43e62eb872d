import { request } from 'node:http';

export interface Backend {
  name: string;
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
}

export interface ServiceEndpoints {
  /** The next backend in rotation (round robin over the ready ones); null when none is ready. */
  next(): Backend | null;
  /** When `name` first left the rotation (`Date.now()`), if it did. */
  removedAt(name: string): number | undefined;
  stop(): void;
}

export interface EndpointOptions {
  /** How often each backend's readiness is probed (the kubelet's periodSeconds, scaled down). */
  periodMs?: number;
  /** A probe without an answer within this counts as failed (timeoutSeconds). */
  timeoutMs?: number;
}

/** GET `/health/ready` on a fresh connection: true only for a 200 within the timeout. */
function probeReady(backend: Backend, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      new URL('/health/ready', backend.url),
      { agent: false, timeout: timeoutMs },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.once('timeout', () => req.destroy(new Error('probe timed out')));
    req.once('error', () => resolve(false));
    req.end();
  });
}

/**
 * Stands in for a Service's endpoints as a layer-7 balancer uses them (an ingress controller
 * balancing requests over pod addresses): each backend is probed every `periodMs`, like the
 * kubelet's readiness probe, and is in rotation while its last probe answered 200. One failed probe
 * takes it out (failureThreshold 1); every backend is assumed ready at the start.
 */
export function createServiceEndpoints(backends: Backend[], options: EndpointOptions = {}): ServiceEndpoints {
  const { periodMs = 100, timeoutMs = 2_000 } = options;
  const ready = new Map(backends.map((b) => [b.name, true]));
  const removed = new Map<string, number>();
  let stopped = false;
  let turn = 0;

  async function watch(backend: Backend): Promise<void> {
    while (!stopped) {
      const ok = await probeReady(backend, timeoutMs);
      if (!ok && ready.get(backend.name) && !removed.has(backend.name)) removed.set(backend.name, Date.now());
      ready.set(backend.name, ok);
      await new Promise((r) => setTimeout(r, periodMs));
    }
  }
  for (const backend of backends) void watch(backend);

  return {
    next() {
      const inRotation = backends.filter((b) => ready.get(b.name));
      if (inRotation.length === 0) return null;
      turn = (turn + 1) % inRotation.length;
      return inRotation[turn]!;
    },
    removedAt: (name) => removed.get(name),
    stop() {
      stopped = true;
    },
  };
}
