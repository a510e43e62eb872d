import http from 'node:http';
import twilio from 'twilio';

const TWILIO_API_ORIGIN = 'https://api.twilio.com';

export interface TwilioHttpClientOptions {
  /** Origin that replaces https://api.twilio.com, e.g. the local sandbox. Unset: talk to Twilio. */
  apiBaseUrl?: string | undefined;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
}

/**
 * The SDK's own RequestClient, optionally pointed at another origin. Everything else (auth,
 * serialisation, error mapping) stays the SDK's, so the same code talks to real Twilio.
 */
export function createTwilioHttpClient(options: TwilioHttpClientOptions): twilio.RequestClient {
  const client = new twilio.RequestClient({ timeout: options.timeoutMs, keepAlive: true });
  // The SDK only configures an https agent; a plain-http sandbox needs its own keep-alive agent.
  client.axios.defaults.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const base = options.apiBaseUrl?.replace(/\/+$/, '');
  if (!base) return client;
  const request = client.request.bind(client);
  client.request = (opts) =>
    request({
      ...opts,
      uri: opts.uri.startsWith(TWILIO_API_ORIGIN)
        ? base + opts.uri.slice(TWILIO_API_ORIGIN.length)
        : opts.uri,
    });
  return client;
}

/** A Twilio REST client for one account, using {@link createTwilioHttpClient}. */
export function createTwilioRestClient(
  accountSid: string,
  authToken: string,
  httpClient: twilio.RequestClient,
): twilio.Twilio {
  return twilio(accountSid, authToken, { httpClient, lazyLoading: true });
}
