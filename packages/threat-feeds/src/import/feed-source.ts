import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface ReadSourceOptions {
  /** Whole request, body included. */
  timeoutMs: number;
  /** Larger documents are refused (by Content-Length, then while reading). */
  maxBytes: number;
  /** Validators of the copy already imported: a 304 (or an unchanged file) is `not-modified`. */
  etag?: string | null;
  lastModified?: string | null;
}

export type SourceResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag: string | null; lastModified: string | null };

const HTTP_URL = /^https?:\/\//i;

/** True for the sources the importer can read: http(s) URLs, file:// URLs and paths. */
export function describeSource(source: string): 'http' | 'file' {
  return HTTP_URL.test(source) ? 'http' : 'file';
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

async function readBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the document is ${megabytes(declared)}, over the ${megabytes(maxBytes)} limit`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (reader)
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      total += chunk.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new Error(`the document is over the ${megabytes(maxBytes)} limit`);
      }
      chunks.push(chunk.value);
    }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

async function readHttp(url: string, options: ReadSourceOptions): Promise<SourceResult> {
  const headers: Record<string, string> = { 'user-agent': 'elara-threat-feeds/1', accept: '*/*' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { headers, signal, redirect: 'follow' });
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    }
    const text = await readBody(response, options.maxBytes);
    return {
      status: 'ok',
      text,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  } catch (error) {
    if (signal.aborted) throw new Error(`timed out after ${options.timeoutMs} ms`, { cause: error });
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    throw new Error(detail ? `${(error as Error).message} (${detail})` : (error as Error).message, {
      cause: error,
    });
  }
}

/**
 * A file's size and modification time stand in for an ETag, so an unchanged file (such as the
 * built-in MetaMask list) is not read or re-imported on every refresh.
 */
async function readLocalFile(source: string, options: ReadSourceOptions): Promise<SourceResult> {
  const path = source.startsWith('file:') ? fileURLToPath(source) : source;
  const info = await stat(path);
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.size > options.maxBytes)
    throw new Error(`the document is ${megabytes(info.size)}, over the ${megabytes(options.maxBytes)} limit`);
  const etag = `file:${info.size}:${Math.trunc(info.mtimeMs)}`;
  if (options.etag === etag) return { status: 'not-modified' };
  return { status: 'ok', text: await readFile(path, 'utf8'), etag, lastModified: info.mtime.toUTCString() };
}

/**
 * Reads a feed document from an http(s) URL (conditional GET, timeout, size cap) or from a file
 * (a path or a file:// URL). Throws an error whose message says what went wrong.
 */
export function readFeedSource(source: string, options: ReadSourceOptions): Promise<SourceResult> {
  return describeSource(source) === 'http' ? readHttp(source, options) : readLocalFile(source, options);
}
