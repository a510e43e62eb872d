import type twilio from 'twilio';
import { createTwilioHttpClient, createTwilioRestClient } from './twilio-http-client.ts';

export interface SendRequest {
  accountSid: string;
  authToken: string;
  from: string;
  to: string;
  body: string;
}

export interface SentMessage {
  sid: string;
  status: string;
}

/** Why a send did not succeed, which decides what the pipeline does next. */
export type SendFailureKind =
  /** Twilio refused it for good (bad number, bad credentials): retrying cannot help. */
  | 'rejected'
  /** It certainly did not go out (connection refused, 5xx, 429): safe to retry. */
  | 'retryable'
  /** The request may have reached Twilio (timeout, connection reset): it may or may not be sent. */
  | 'unknown';

export class SendFailure extends Error {
  readonly kind: SendFailureKind;
  readonly httpStatus: number | undefined;
  readonly code: string | undefined;

  constructor(kind: SendFailureKind, message: string, httpStatus?: number, code?: string) {
    super(message);
    this.name = 'SendFailure';
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code;
  }
}

export interface TwilioMessagingOptions {
  apiBaseUrl?: string | undefined;
  timeoutMs: number;
  /** Where Twilio posts delivery status; omitted: no callbacks. */
  statusCallbackUrl?: string | undefined;
}

export interface TwilioMessaging {
  send(request: SendRequest): Promise<SentMessage>;
  /**
   * Messages the provider already has from `from` to `to` with this body, created since `since`,
   * newest first: the candidates for a send whose outcome we never learned.
   */
  findSent(request: SendRequest, since: Date): Promise<SentMessage[]>;
}

const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Maps an SDK or network error onto what the pipeline can do about it. */
export function classifySendError(error: unknown): SendFailure {
  const e = error as { status?: number; code?: number | string; message?: string };
  const message = e.message ?? String(error);
  if (typeof e.status === 'number') {
    const code = e.code === undefined ? undefined : String(e.code);
    if (e.status === 429 || e.status >= 500) return new SendFailure('retryable', message, e.status, code);
    return new SendFailure('rejected', message, e.status, code);
  }
  const networkCode = typeof e.code === 'string' ? e.code : undefined;
  if (networkCode && NOT_SENT_NETWORK_CODES.has(networkCode)) {
    return new SendFailure('retryable', message, undefined, networkCode);
  }
  return new SendFailure('unknown', message, undefined, networkCode);
}

/** Sends WhatsApp messages through the official SDK; one REST client per account, reused. */
export function createTwilioMessaging(options: TwilioMessagingOptions): TwilioMessaging {
  const httpClient = createTwilioHttpClient({ apiBaseUrl: options.apiBaseUrl, timeoutMs: options.timeoutMs });
  const clients = new Map<string, twilio.Twilio>();
  const clientFor = (accountSid: string, authToken: string): twilio.Twilio => {
    const key = `${accountSid}:${authToken}`;
    let client = clients.get(key);
    if (!client) {
      client = createTwilioRestClient(accountSid, authToken, httpClient);
      clients.set(key, client);
    }
    return client;
  };

  return {
    async send(request) {
      try {
        const message = await clientFor(request.accountSid, request.authToken).messages.create({
          from: `whatsapp:${request.from}`,
          to: `whatsapp:${request.to}`,
          body: request.body,
          ...(options.statusCallbackUrl ? { statusCallback: options.statusCallbackUrl } : {}),
        });
        return { sid: message.sid, status: message.status };
      } catch (error) {
        throw classifySendError(error);
      }
    },
    async findSent(request, since) {
      // No DateSent filter: Twilio leaves date_sent empty while a message is still queued, and a
      // queued message is exactly the one we must not send again. Filter on creation time here.
      const messages = await clientFor(request.accountSid, request.authToken).messages.list({
        from: `whatsapp:${request.from}`,
        to: `whatsapp:${request.to}`,
        limit: 50,
      });
      return messages
        .filter((m) => m.body === request.body && m.dateCreated.getTime() >= since.getTime())
        .map((m) => ({ sid: m.sid, status: m.status }));
    },
  };
}
