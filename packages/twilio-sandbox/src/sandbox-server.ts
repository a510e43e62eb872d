import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccountRegistry } from './account-registry.ts';
import { CONTROL_PREFIX, createControlRoutes } from './control.routes.ts';
import { createFaultInjector, parseFault } from './fault-injector.ts';
import { BodyTooLargeError, sendJson } from './http-io.ts';
import { createMessageStore, type NewMessageRecord } from './message-store.ts';
import { createMessageWaiters } from './message-waiters.ts';
import type { SandboxFault, SandboxLogEvent, SandboxMessage, SandboxServerOptions } from './sandbox.types.ts';
import { createStatusProgression } from './status-callbacks.ts';
import { toSandboxMessage, twilioError } from './twilio-format.ts';
import { ACCOUNTS_PREFIX, createTwilioMessageRoutes } from './twilio-messages.routes.ts';

export type { SandboxFault, SandboxMessage, SandboxServerOptions } from './sandbox.types.ts';

const DEFAULT_MAX_MESSAGES = 200_000;
/** Longer than any client's idle keep-alive, so the server never closes a socket a client is reusing. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

function logToStderr(event: SandboxLogEvent): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
}

/**
 * A local stand-in for the parts of Twilio's REST API Elara uses (Messages create, fetch, list, and
 * signed status callbacks), plus a `/__sandbox` control API for tests. State is in memory only.
 */
export function createSandboxServer(options: SandboxServerOptions = {}) {
  const log = options.log ?? logToStderr;
  const now = options.now ?? Date.now;
  const store = createMessageStore(options.maxMessages ?? DEFAULT_MAX_MESSAGES);
  const accounts = createAccountRegistry(options.accounts);
  const faults = createFaultInjector();
  const waiters = createMessageWaiters(store);
  const progression = createStatusProgression({
    store,
    tokenFor: accounts.tokenFor,
    delaysMs: options.statusCallbackDelaysMs ?? { sent: 20, delivered: 60 },
    sendCallbacks: options.sendStatusCallbacks ?? true,
    log,
    now,
  });

  function recordMessage(input: NewMessageRecord) {
    const record = store.add(input);
    progression.track(record);
    waiters.notify(record);
    return record;
  }

  function clearMessages(): void {
    store.clear();
    waiters.reset();
  }

  const twilioRoutes = createTwilioMessageRoutes({ store, accounts, faults, recordMessage, now });
  const controlRoutes = createControlRoutes({ store, accounts, faults, waiters, clearMessages });

  function route(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q + 1);
    if (path.startsWith(ACCOUNTS_PREFIX)) return twilioRoutes.handle(req, res, path, search);
    if (path.startsWith(CONTROL_PREFIX)) return controlRoutes.handle(req, res, path, search);
    sendJson(res, 404, twilioError(404, 20404, `The requested resource ${path} was not found`));
  }

  function onError(res: ServerResponse, err: unknown): void {
    if (res.headersSent || res.destroyed) return;
    if (err instanceof BodyTooLargeError) return sendJson(res, 413, twilioError(413, 20001, err.message));
    log({
      level: 'error',
      msg: 'sandbox request failed',
      err: err instanceof Error ? err.message : String(err),
    });
    sendJson(res, 500, twilioError(500, 20500, 'Internal Server Error'));
  }

  const server = http.createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS }, (req, res) => {
    try {
      route(req, res)?.catch((err: unknown) => onError(res, err));
    } catch (err) {
      onError(res, err);
    }
  });
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  /** Starts listening; port 0 picks a free port. */
  function listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const bound = (server.address() as AddressInfo).port;
        const urlHost = host.includes(':') ? `[${host}]` : host;
        resolve({ url: `http://${urlHost}:${bound}`, port: bound });
      });
    });
  }

  /** Stops the server, ending held and idle connections, pending waits and status updates. */
  function close(): Promise<void> {
    faults.close();
    waiters.close();
    progression.close();
    return new Promise((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  }

  return {
    listen,
    close,
    /** Adds or replaces an account. */
    addAccount: (sid: string, token: string): void => accounts.add(sid, token),
    /** Makes the next message creations fail, slow down or hang; see {@link SandboxFault}. */
    setFault: (fault: SandboxFault): void => {
      const parsed = parseFault(fault);
      if (typeof parsed === 'string') throw new TypeError(`invalid sandbox fault: ${parsed}`);
      faults.set(parsed);
    },
    /** Removes the fault and ends hung requests. */
    clearFaults: (): void => faults.clear(),
    /** Stored messages, oldest first. */
    messages: (): SandboxMessage[] => store.filter(() => true).map(toSandboxMessage),
  };
}

export type SandboxServer = ReturnType<typeof createSandboxServer>;
