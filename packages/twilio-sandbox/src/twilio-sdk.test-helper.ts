import http from 'node:http';
import twilio from 'twilio';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

export interface Credentials {
  sid: string;
  token: string;
}

/**
 * The official SDK pointed at the sandbox, built the way Elara builds it: the SDK's own RequestClient
 * with a plain-http keep-alive agent and the Twilio origin rewritten to `sandboxUrl`. `accountSid`
 * lets a test act on another account's path with these credentials.
 */
export function sdkClient(
  sandboxUrl: string,
  credentials: Credentials,
  options: { timeoutMs?: number; accountSid?: string } = {},
): twilio.Twilio {
  const requestClient = new twilio.RequestClient({ timeout: options.timeoutMs ?? 2_000, keepAlive: true });
  requestClient.axios.defaults.httpAgent = new http.Agent({ keepAlive: true });
  const request = requestClient.request.bind(requestClient);
  requestClient.request = (opts) =>
    request({
      ...opts,
      uri: opts.uri.startsWith(TWILIO_API_ORIGIN)
        ? sandboxUrl + opts.uri.slice(TWILIO_API_ORIGIN.length)
        : opts.uri,
    });
  return twilio(credentials.sid, credentials.token, {
    httpClient: requestClient,
    accountSid: options.accountSid,
  });
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
