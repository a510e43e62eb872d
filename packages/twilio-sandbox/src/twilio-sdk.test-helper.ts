import { createTwilioHttpClient, createTwilioRestClient } from '@elara/whatsapp/http-client';
import twilio from 'twilio';

export interface Credentials {
  sid: string;
  token: string;
}

/**
 * The official SDK pointed at the sandbox, built exactly as Elara builds it (@elara/whatsapp's
 * http client). `accountSid` lets a test act on another account's path with these credentials.
 */
export function sdkClient(
  sandboxUrl: string,
  credentials: Credentials,
  options: { timeoutMs?: number; accountSid?: string } = {},
): twilio.Twilio {
  const httpClient = createTwilioHttpClient({
    apiBaseUrl: sandboxUrl,
    timeoutMs: options.timeoutMs ?? 2_000,
  });
  if (!options.accountSid) return createTwilioRestClient(credentials.sid, credentials.token, httpClient);
  return twilio(credentials.sid, credentials.token, { httpClient, accountSid: options.accountSid });
}

/** Basic auth header value for raw `fetch` calls. */
export function basicAuth(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.sid}:${credentials.token}`).toString('base64')}`;
}

/** Test account credentials, shaped like real ones. */
export const ACCOUNT: Credentials = { sid: `AC${'1'.repeat(32)}`, token: 'sandbox-test-token' };
export const OTHER_ACCOUNT: Credentials = { sid: `AC${'2'.repeat(32)}`, token: 'other-test-token' };

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
