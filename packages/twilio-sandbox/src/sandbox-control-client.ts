import type { MessageFilter, SandboxFault, SandboxMessage } from './sandbox.types.ts';

export type { MessageFilter, SandboxFault, SandboxMessage } from './sandbox.types.ts';

/** Input to {@link SandboxControlClient.waitForMessages}. */
export interface WaitForMessagesInput extends MessageFilter {
  count: number;
  timeoutMs: number;
}

/** Thrown when the sandbox answers a control call with an unexpected status. */
export class SandboxControlError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(message: string, status: number, body: unknown) {
    super(message);
    this.name = 'SandboxControlError';
    this.status = status;
    this.body = body;
  }
}

/** Extra time for the HTTP round trip on top of a long poll's own timeout. */
const WAIT_GRACE_MS = 5_000;

function filterQuery(filter: MessageFilter & { count?: number; timeoutMs?: number }): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A typed client for the sandbox's `/__sandbox` control API, over HTTP with global `fetch`. */
export function createSandboxControlClient(baseUrl: string) {
  const root = `${baseUrl.replace(/\/+$/, '')}/__sandbox`;

  async function call<T>(method: string, path: string, body?: unknown, timeoutMs = 10_000): Promise<T> {
    const res = await fetch(root + path, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const payload = (await res.json().catch(() => null)) as T & { error?: string };
    if (!res.ok) {
      throw new SandboxControlError(
        `sandbox ${method} ${path}: ${payload?.error ?? res.status}`,
        res.status,
        payload,
      );
    }
    return payload;
  }

  return {
    /** Resolves when the sandbox answers its health check. */
    health: (): Promise<{ ok: true }> => call('GET', '/health'),
    /** Adds or replaces an account the sandbox accepts. */
    addAccount: async (sid: string, token: string): Promise<void> => {
      await call('POST', '/accounts', { sid, token });
    },
    /** Stored messages matching `filter`, oldest first. */
    listMessages: async (filter: MessageFilter = {}): Promise<SandboxMessage[]> =>
      (await call<{ messages: SandboxMessage[] }>('GET', `/messages${filterQuery(filter)}`)).messages,
    /**
     * Resolves with the matching messages (oldest first) once at least `count` exist; rejects with a
     * {@link SandboxControlError} (status 408) when `timeoutMs` passes first.
     */
    waitForMessages: async (input: WaitForMessagesInput): Promise<SandboxMessage[]> => {
      const path = `/messages/wait${filterQuery(input)}`;
      return (
        await call<{ messages: SandboxMessage[] }>('GET', path, undefined, input.timeoutMs + WAIT_GRACE_MS)
      ).messages;
    },
    /** Applies a fault to subsequent message creations. */
    setFault: async (fault: SandboxFault): Promise<void> => {
      await call('POST', '/faults', fault);
    },
    /** Removes the fault and ends hung requests. */
    clearFaults: async (): Promise<void> => {
      await call('DELETE', '/faults');
    },
    /** Deletes every stored message. */
    clearMessages: async (): Promise<void> => {
      await call('DELETE', '/messages');
    },
    /** Deletes every stored message and removes the fault. */
    reset: async (): Promise<void> => {
      await call('POST', '/reset');
    },
  };
}

export type SandboxControlClient = ReturnType<typeof createSandboxControlClient>;
