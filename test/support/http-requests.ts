import { request, type Agent } from 'node:http';
import type { BuiltSender } from '@elara/testkit/builders';
import { signTwilioRequest } from '@elara/whatsapp/signature';
import { inboundParams, type InboundInput } from './stack.ts';

/** A request ready to send to any instance: Twilio signs for the public URL, not the instance. */
export interface PreparedRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  /** The `Connection` response header: `close` asks the client not to reuse the connection. */
  connection: string | undefined;
  body: string;
}

const WEBHOOK_PATH = '/webhooks/twilio/whatsapp';

/** An inbound WhatsApp webhook as Twilio sends it, signed with the sender's token. */
export function signedInbound(
  publicBaseUrl: string,
  input: InboundInput & { sender: BuiltSender },
): PreparedRequest & { params: Record<string, string> } {
  const params = inboundParams(input);
  const signature = signTwilioRequest(input.sender.authToken, publicBaseUrl + WEBHOOK_PATH, params);
  return {
    method: 'POST',
    path: WEBHOOK_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
    params,
  };
}

export interface HeldRequest {
  /** Sends the rest of the body; the answer arrives on `answer`. */
  finish(): void;
  /** The answer, or the connection's error (a request cut short). */
  answer: Promise<HttpAnswer>;
}

/**
 * Sends a request over node:http (with `agent`, e.g. a keep-alive one). With `hold`, only the
 * headers and half the body go out until `finish()`: a request that stays in flight on purpose.
 */
export function sendRequest(
  baseUrl: string,
  prepared: PreparedRequest,
  options: { agent?: Agent | false; hold?: boolean } = {},
): HeldRequest {
  const body = Buffer.from(prepared.body ?? '');
  const url = new URL(prepared.path, baseUrl);
  const req = request(url, {
    method: prepared.method,
    headers: { ...prepared.headers, 'content-length': String(body.length) },
    agent: options.agent ?? false,
  });
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  });
  if (!options.hold) {
    req.end(body);
    return { finish: () => undefined, answer };
  }
  const half = Math.floor(body.length / 2);
  req.write(body.subarray(0, half));
  return { finish: () => void req.end(body.subarray(half)), answer };
}
