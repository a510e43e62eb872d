import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountRegistry } from './account-registry.ts';
import { parseFault, type FaultInjector } from './fault-injector.ts';
import { parseJson, readBody, sendJson } from './http-io.ts';
import type { MessageStore } from './message-store.ts';
import { matchesFilter, type MessageWaiters } from './message-waiters.ts';
import type { MessageFilter } from './sandbox.types.ts';
import { toSandboxMessage } from './twilio-format.ts';

/** Path prefix of the sandbox's own control API. */
export const CONTROL_PREFIX = '/__sandbox';
const DEFAULT_WAIT_MS = 5_000;
/** Long polls are capped so a forgotten client cannot hold a request forever. */
const MAX_WAIT_MS = 300_000;
const OK = { ok: true };

export interface ControlRoutesDeps {
  store: MessageStore;
  accounts: AccountRegistry;
  faults: FaultInjector;
  waiters: MessageWaiters;
  /** Clears stored messages and restarts pending waits' counts. */
  clearMessages: () => void;
}

function filterFrom(search: URLSearchParams): MessageFilter {
  return { to: search.get('to') || undefined, from: search.get('from') || undefined };
}

/** Handlers for `/__sandbox/*`: accounts, inspection, long-poll waits and faults. */
export function createControlRoutes(deps: ControlRoutesDeps) {
  const { store, faults, waiters } = deps;

  function listMessages(res: ServerResponse, search: URLSearchParams): void {
    const filter = filterFrom(search);
    const messages = store.filter((record) => matchesFilter(record, filter)).map(toSandboxMessage);
    sendJson(res, 200, { messages });
  }

  async function waitForMessages(res: ServerResponse, search: URLSearchParams): Promise<void> {
    const count = Number(search.get('count') ?? 1);
    const timeoutMs = Number(search.get('timeoutMs') ?? DEFAULT_WAIT_MS);
    if (!Number.isInteger(count) || count < 1)
      return sendJson(res, 400, { error: 'count must be a positive integer' });
    if (!(timeoutMs >= 0)) return sendJson(res, 400, { error: 'timeoutMs must be a non-negative number' });
    const filter = filterFrom(search);
    const pending = waiters.wait(filter, count, Math.min(timeoutMs, MAX_WAIT_MS));
    res.once('close', pending.cancel); // the client gave up: stop tracking its wait
    const found = await pending.promise;
    if (found) return sendJson(res, 200, { messages: found.map(toSandboxMessage) });
    const sofar = store.filter((record) => matchesFilter(record, filter)).map(toSandboxMessage);
    sendJson(res, 408, { error: `timed out waiting for ${count} messages`, messages: sofar });
  }

  async function addAccount(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const input = parseJson(await readBody(req)) as { sid?: unknown; token?: unknown } | null;
    if (typeof input?.sid !== 'string' || typeof input.token !== 'string' || !input.sid || !input.token) {
      return sendJson(res, 400, { error: 'body must be { sid: string, token: string }' });
    }
    deps.accounts.add(input.sid, input.token);
    sendJson(res, 201, OK);
  }

  async function setFault(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = parseFault(parseJson(await readBody(req)));
    if (typeof fault === 'string') return sendJson(res, 400, { error: fault });
    faults.set(fault);
    sendJson(res, 200, OK);
  }

  function reset(res: ServerResponse): void {
    deps.clearMessages();
    faults.clear();
    sendJson(res, 200, OK);
  }

  /** Routes a request whose path starts with {@link CONTROL_PREFIX}. */
  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    search: string,
  ): Promise<void> {
    const route = `${req.method} ${path.slice(CONTROL_PREFIX.length)}`;
    switch (route) {
      case 'GET /health':
        return sendJson(res, 200, OK);
      case 'POST /accounts':
        return addAccount(req, res);
      case 'GET /messages':
        return listMessages(res, new URLSearchParams(search));
      case 'GET /messages/wait':
        return waitForMessages(res, new URLSearchParams(search));
      case 'DELETE /messages':
        deps.clearMessages();
        return sendJson(res, 200, OK);
      case 'POST /reset':
        return reset(res);
      case 'POST /faults':
        return setFault(req, res);
      case 'DELETE /faults':
        faults.clear();
        return sendJson(res, 200, OK);
      default:
        return sendJson(res, 404, { error: `no route ${route}` });
    }
  }

  return { handle };
}
