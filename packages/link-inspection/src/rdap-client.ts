import type { SafeRequester } from './safe-request.ts';

export interface RdapClientOptions {
  requester: SafeRequester;
  /** e.g. "https://rdap.org" (a bootstrap service that redirects to the registry's server). */
  rdapBaseUrl: string;
  maxRedirects: number;
  now: () => number;
}

interface RdapEvent {
  eventAction?: unknown;
  eventDate?: unknown;
}

const DAY_MS = 86_400_000;
const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

/** The `registration` event date of an RDAP domain object, or null. */
export function registrationDate(body: unknown): Date | null {
  if (typeof body !== 'object' || body === null) return null;
  const events = (body as { events?: unknown }).events;
  if (!Array.isArray(events)) return null;
  for (const event of events as RdapEvent[]) {
    if (event?.eventAction !== 'registration' || typeof event.eventDate !== 'string') continue;
    const time = Date.parse(event.eventDate);
    if (Number.isFinite(time)) return new Date(time);
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Asks RDAP when a domain was registered: GET `<base>/domain/<domain>`, following the bootstrap
 * redirect through the same vetted requester, and reads the `registration` event.
 */
export function createRdapClient(options: RdapClientOptions) {
  const base = options.rdapBaseUrl.replace(/\/+$/, '');

  return {
    /** Whole days since registration, or null when RDAP does not say (unknown domain, no event). */
    async domainAgeDays(domain: string, signal: AbortSignal): Promise<number | null> {
      if (!DOMAIN.test(domain)) return null;
      let url = new URL(`${base}/domain/${domain}`);
      for (let hop = 0; hop <= options.maxRedirects; hop++) {
        const response = await options.requester.request({
          url,
          method: 'GET',
          signal,
          readBody: true,
          accept: 'application/rdap+json, application/json',
        });
        if (REDIRECT_STATUSES.has(response.status) && response.location) {
          url = new URL(response.location, url);
          continue;
        }
        if (response.status !== 200 || response.truncated) return null;
        const registered = registrationDate(parseJson(response.body.toString('utf8')));
        if (registered === null) return null;
        return Math.max(0, Math.floor((options.now() - registered.getTime()) / DAY_MS));
      }
      return null;
    },
  };
}

export type RdapClient = ReturnType<typeof createRdapClient>;
