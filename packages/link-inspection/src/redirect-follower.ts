import { LinkRefusedError } from './safe-request.ts';
import type { SafeRequester, SafeResponse } from './safe-request.ts';

/** Where a chain of redirects led. */
export interface RedirectChain {
  /** The last URL reached or pointed to; equals the start when nothing redirected. */
  finalUrl: string;
  /** Redirects seen (Location headers and meta refreshes). */
  redirects: number;
  /**
   * False when the chain was cut by a network error or the deadline: `finalUrl` is only the
   * furthest point known, so the result is not worth caching.
   */
  complete: boolean;
}

export interface RedirectFollowerOptions {
  requester: SafeRequester;
  maxRedirects: number;
  /** Hosts whose own pages may redirect with a `<meta http-equiv="refresh">` interstitial. */
  isShortener: (host: string) => boolean;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const META_TAG = /<meta\b[^>]*>/gi;
const REFRESH = /http-equiv\s*=\s*["']?refresh/i;
const REFRESH_URL = /content\s*=\s*["']?\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'\s>]+)/i;

/** The target of a `<meta http-equiv="refresh" content="0; url=...">` tag in an HTML page, if any. */
export function metaRefreshTarget(html: string): string | null {
  for (const tag of html.match(META_TAG) ?? []) {
    if (!REFRESH.test(tag)) continue;
    const target = REFRESH_URL.exec(tag)?.[1];
    if (target) return target.replace(/&amp;/g, '&');
  }
  return null;
}

function resolveLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

/**
 * Follows a link's redirects by hand, one vetted request per hop (see `createSafeRequester`), so
 * every hop is checked against the address policy before anything connects to it.
 */
export function createRedirectFollower(options: RedirectFollowerOptions) {
  const { requester } = options;

  /** Where this hop points next: a Location (HEAD first, GET when HEAD fails) or a meta refresh. */
  async function nextHop(url: URL, signal: AbortSignal): Promise<string | null> {
    const head = await requester.request({ url, method: 'HEAD', signal, readBody: false });
    if (REDIRECT_STATUSES.has(head.status) && head.location) return head.location;
    const interstitial = head.status < 400 && options.isShortener(url.hostname);
    // Many shorteners answer HEAD with 403/405/501, or with a 200 page that refreshes.
    if (head.status < 400 && !interstitial) return null;
    const get: SafeResponse = await requester.request({ url, method: 'GET', signal, readBody: true });
    if (REDIRECT_STATUSES.has(get.status) && get.location) return get.location;
    if (get.status === 200 && get.contentType.includes('html'))
      return metaRefreshTarget(get.body.toString('latin1'));
    return null;
  }

  return {
    /**
     * Follows `start` for at most `maxRedirects` redirects. Rejects only when the very first
     * request fails; later failures end the chain at the furthest URL known. A redirect to a
     * refused address is not followed, but where it pointed is reported.
     */
    async follow(start: string, signal: AbortSignal): Promise<RedirectChain> {
      let current = new URL(start);
      const visited = new Set([current.href]);
      let redirects = 0;
      for (;;) {
        let location: string | null;
        try {
          location = await nextHop(current, signal);
        } catch (error) {
          if (redirects === 0) throw error;
          return { finalUrl: current.href, redirects, complete: error instanceof LinkRefusedError };
        }
        const next = location === null ? null : resolveLocation(location, current);
        if (next === null) return { finalUrl: current.href, redirects, complete: true };
        redirects++;
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return { finalUrl: current.href, redirects, complete: true };
        }
        // A loop, or more hops than allowed: report where it pointed without going there.
        if (visited.has(next.href) || redirects > options.maxRedirects) {
          return { finalUrl: next.href, redirects, complete: true };
        }
        visited.add(next.href);
        current = next;
      }
    },
  };
}

export type RedirectFollower = ReturnType<typeof createRedirectFollower>;
