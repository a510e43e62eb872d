/** Lifecycle states the sandbox moves a message through (a subset of Twilio's). */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed';

/** A stored message as the control API reports it. */
export interface SandboxMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  status: MessageStatus;
  statusCallback: string | null;
  /** ISO 8601. */
  createdAt: string;
}

/** Internal record; the Twilio resource and {@link SandboxMessage} are both derived from it. */
export interface MessageRecord {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  mediaUrls: readonly string[];
  status: MessageStatus;
  statusCallback: string | null;
  errorCode: number | null;
  createdMs: number;
  updatedMs: number;
  /** Position in insertion order; lets the store find a page cursor without a scan. */
  seq: number;
}

/** Filter for the control API; absent fields match everything. */
export interface MessageFilter {
  to?: string | undefined;
  from?: string | undefined;
}

/**
 * An injected failure for message creation. `count` is how many create requests it affects;
 * omitted means until cleared.
 */
export type SandboxFault =
  | { mode: 'fail'; status?: number; code?: number; count?: number }
  | { mode: 'delay'; delayMs: number; count?: number }
  /** Never answers and creates nothing; the client times out. */
  | { mode: 'hang'; count?: number }
  /** Creates and stores the message, answers only after `delayMs`: the client times out unaware. */
  | { mode: 'accept-then-hang'; delayMs: number; count?: number };

/** Options for {@link createSandboxServer}. */
export interface SandboxServerOptions {
  /** accountSid → authToken. */
  accounts?: Record<string, string>;
  /** Delays from creation until each status; defaults 20 and 60 ms. */
  statusCallbackDelaysMs?: { sent: number; delivered: number };
  /** Whether to POST status callbacks at all (statuses advance either way); default true. */
  sendStatusCallbacks?: boolean;
  /** Most messages kept in memory; the oldest are dropped first. Default 200,000. */
  maxMessages?: number;
  /** Clock for message timestamps (epoch ms); tests pass a fake one to place messages in time. */
  now?: () => number;
  /** Receives operational events (callback failures); default writes one JSON line to stderr. */
  log?: (event: SandboxLogEvent) => void;
}

export interface SandboxLogEvent {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [key: string]: unknown;
}
