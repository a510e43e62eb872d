import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';
import type { AddressPolicy, HostLookup, ResolvedAddress } from './link-inspection.types.ts';

/** A connection the policy does not allow: a private address, a port, a scheme. Never retried. */
export class LinkRefusedError extends Error {
  override name = 'LinkRefusedError';
}

export interface SafeResponse {
  status: number;
  /** The Location header, as sent. */
  location: string | null;
  contentType: string;
  /** Up to `maxBodyBytes` of the body; empty unless it was asked for. */
  body: Buffer;
  /** Whether the body was cut at `maxBodyBytes`. */
  truncated: boolean;
}

export interface SafeRequestOptions {
  policy: AddressPolicy;
  lookup: HostLookup;
  maxBodyBytes: number;
  userAgent: string;
}

export interface SafeRequestInput {
  url: URL;
  method: 'HEAD' | 'GET';
  signal: AbortSignal;
  /** Read the body (up to `maxBodyBytes`); otherwise the response is dropped after its headers. */
  readBody: boolean;
  accept?: string;
}

/** The system resolver, every address, in the order the system prefers. */
export const systemLookup: HostLookup = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

function defaultPort(url: URL): number {
  return url.protocol === 'https:' ? 443 : 80;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A `lookup` for `http.request` that always answers with the address already vetted, so the
 * socket connects exactly there: a second DNS answer (rebinding) can never swap it.
 */
function pinnedLookup(vetted: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: vetted.address, family: vetted.family }]);
    else callback(null, vetted.address, vetted.family);
  };
}

function readResponse(response: IncomingMessage, input: SafeRequestInput, maxBodyBytes: number) {
  const head = {
    status: response.statusCode ?? 0,
    location: typeof response.headers.location === 'string' ? response.headers.location : null,
    contentType: response.headers['content-type'] ?? '',
  };
  if (!input.readBody || input.method === 'HEAD') {
    response.destroy();
    return Promise.resolve<SafeResponse>({ ...head, body: Buffer.alloc(0), truncated: false });
  }
  return new Promise<SafeResponse>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (truncated: boolean) => resolve({ ...head, body: Buffer.concat(chunks, size), truncated });
    response.on('data', (chunk: Buffer) => {
      if (size + chunk.length > maxBodyBytes) {
        chunks.push(chunk.subarray(0, maxBodyBytes - size));
        size = maxBodyBytes;
        response.destroy();
        finish(true);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    response.on('end', () => finish(false));
    response.on('error', reject);
  });
}

/**
 * One HTTP(S) request that can only reach what the policy allows. It resolves the host itself,
 * refuses the request if any resolved address (or a literal IP host) is not allowed, and connects
 * to the first vetted address through a pinned lookup. No redirects are followed here, no
 * cookies or credentials are sent, and the connection is never pooled.
 */
export function createSafeRequester(options: SafeRequestOptions) {
  async function vet(url: URL, signal: AbortSignal): Promise<ResolvedAddress> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new LinkRefusedError(`scheme ${url.protocol}`);
    const port = url.port === '' ? defaultPort(url) : Number(url.port);
    if (!options.policy.allowsPort(port)) throw new LinkRefusedError(`port ${port}`);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(hostname);
    const addresses: ResolvedAddress[] =
      literal === 0
        ? await abortable(options.lookup(hostname), signal)
        : [{ address: hostname, family: literal === 6 ? 6 : 4 }];
    if (addresses.length === 0) throw new Error(`no address for ${hostname}`);
    // All or nothing: one private answer among public ones is how rebinding attacks start.
    const refused = addresses.find(({ address }) => !options.policy.allowsAddress(address, hostname));
    if (refused) throw new LinkRefusedError(`address not allowed for ${hostname}`);
    return addresses[0]!;
  }

  return {
    async request(input: SafeRequestInput): Promise<SafeResponse> {
      const { url, signal } = input;
      const vetted = await vet(url, signal);
      const hostname = url.hostname.replace(/^\[|\]$/g, '');
      const requestOptions: RequestOptions & { servername?: string } = {
        hostname,
        port: url.port === '' ? defaultPort(url) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: input.method,
        headers: { 'user-agent': options.userAgent, accept: input.accept ?? '*/*' },
        lookup: pinnedLookup(vetted),
        agent: false,
        signal,
      };
      if (url.protocol === 'https:' && isIP(hostname) === 0) requestOptions.servername = hostname;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      return new Promise<SafeResponse>((resolve, reject) => {
        const req = send(requestOptions, (response) => {
          readResponse(response, input, options.maxBodyBytes).then(resolve, reject);
        });
        req.on('error', reject);
        req.end();
      });
    },
  };
}

export type SafeRequester = ReturnType<typeof createSafeRequester>;
