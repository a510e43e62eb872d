import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body accepted; a 1600-character Body with media URLs fits easily. */
const MAX_BODY_BYTES = 1_000_000;

/** Thrown when a request body is larger than {@link MAX_BODY_BYTES}. */
export class BodyTooLargeError extends Error {}

/**
 * Reads the whole request body as UTF-8. An oversized body is drained and rejected with
 * {@link BodyTooLargeError} rather than cut off, so the caller can still answer 413.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new BodyTooLargeError('request body too large'));
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      );
    });
    req.on('error', reject);
  });
}

/** Writes `payload` as JSON with an explicit length, so keep-alive clients can reuse the socket. */
export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Parses a JSON body, answering `null` when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
