import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import type { MessageStore } from './message-store.ts';
import type { MessageRecord, MessageStatus, SandboxLogEvent } from './sandbox.types.ts';
import { API_VERSION } from './twilio-format.ts';

/** A callback receiver that does not answer within this long is given up on. */
const CALLBACK_TIMEOUT_MS = 5_000;

export interface StatusProgressionDeps {
  store: MessageStore;
  tokenFor: (accountSid: string) => string | undefined;
  delaysMs: { sent: number; delivered: number };
  sendCallbacks: boolean;
  log: (event: SandboxLogEvent) => void;
  /** Clock for `updatedMs`. */
  now: () => number;
}

/** The form fields Twilio posts to a StatusCallback URL. */
export function statusCallbackParams(record: MessageRecord): Record<string, string> {
  const params: Record<string, string> = {
    MessageSid: record.sid,
    SmsSid: record.sid,
    AccountSid: record.accountSid,
    From: record.from,
    To: record.to,
    MessageStatus: record.status,
    SmsStatus: record.status,
    ApiVersion: API_VERSION,
  };
  if (record.errorCode !== null) params.ErrorCode = String(record.errorCode);
  return params;
}

/**
 * Moves each new message queued → sent → delivered and, when it has a StatusCallback, posts each
 * change there, signed like Twilio does.
 *
 * Invariants: a callback failure is logged and dropped, never thrown; `delivered` is posted only after
 * the `sent` callback has settled, so receivers see them in order; messages that were cleared,
 * evicted, or outlived `close()` get no further updates.
 */
export function createStatusProgression(deps: StatusProgressionDeps) {
  const { store, delaysMs, log } = deps;
  const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 128 });
  let closed = false;

  function isLive(record: MessageRecord): boolean {
    return !closed && store.holds(record);
  }

  function setStatus(record: MessageRecord, status: MessageStatus): void {
    record.status = status;
    record.updatedMs = deps.now();
  }

  function post(record: MessageRecord): Promise<void> {
    const url = record.statusCallback;
    const token = deps.tokenFor(record.accountSid);
    if (!deps.sendCallbacks || url === null || token === undefined) return Promise.resolve();
    const params = statusCallbackParams(record);
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      'User-Agent': 'TwilioProxy/1.1',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, params),
    };
    const fail = (reason: string): void =>
      log({
        level: 'warn',
        msg: 'status callback failed',
        sid: record.sid,
        status: params.MessageStatus,
        url,
        reason,
      });
    return new Promise((resolve) => {
      try {
        const secure = url.startsWith('https:');
        const req = (secure ? https : http).request(url, {
          method: 'POST',
          headers,
          agent: secure ? httpsAgent : httpAgent,
          timeout: CALLBACK_TIMEOUT_MS,
        });
        req.once('response', (res) => {
          if ((res.statusCode ?? 0) >= 400) fail(`HTTP ${res.statusCode}`);
          res.resume(); // drain so the keep-alive socket returns to the agent
          res.once('close', resolve); // also fires when the response is cut off
        });
        req.once('timeout', () => req.destroy(new Error('timed out')));
        req.once('error', (err) => {
          fail(err.message);
          resolve();
        });
        req.end(new URLSearchParams(params).toString());
      } catch (err) {
        fail(err instanceof Error ? err.message : String(err)); // e.g. an unparsable URL
        resolve();
      }
    });
  }

  function onDelivered(record: MessageRecord): void {
    if (!isLive(record)) return;
    setStatus(record, 'delivered');
    void post(record);
  }

  function onSent(record: MessageRecord): void {
    if (!isLive(record)) return;
    setStatus(record, 'sent');
    // Timed on the monotonic clock: the injectable `now` may be fake, and a slow `sent` callback
    // uses up part of the gap rather than adding to it.
    const started = performance.now();
    void post(record).then(() => {
      if (!isLive(record)) return;
      const wait = Math.max(0, delaysMs.delivered - delaysMs.sent - (performance.now() - started));
      setTimeout(onDelivered, wait, record).unref();
    });
  }

  /** Starts the lifecycle of a newly stored message. */
  function track(record: MessageRecord): void {
    setTimeout(onSent, delaysMs.sent, record).unref();
  }

  /** Stops all further updates and drops idle callback connections. */
  function close(): void {
    closed = true;
    httpAgent.destroy();
    httpsAgent.destroy();
  }

  return { track, close };
}

export type StatusProgression = ReturnType<typeof createStatusProgression>;
