import { defaultAddressPolicy } from './address-policy.ts';
import type { AddressPolicy, HostLookup, LinkFacts, LinkTarget } from './link-inspection.types.ts';
import { createRdapClient } from './rdap-client.ts';
import { createRedirectFollower } from './redirect-follower.ts';
import type { RedirectChain } from './redirect-follower.ts';
import { createSafeRequester, systemLookup } from './safe-request.ts';
import { createTtlCache } from './ttl-cache.ts';
import type { TtlCache } from './ttl-cache.ts';

export interface LinkInspectorOptions {
  /** Follow redirects of links on known shortener hosts. Off by default in config. */
  expandShorteners: boolean;
  /** Look up the registration date of each link's domain over RDAP. Off by default in config. */
  rdap: boolean;
  /** Budget for one `inspect` call, all links and hops together. */
  timeoutMs: number;
  /** Redirects followed per link (and per RDAP query). */
  maxRedirects: number;
  /** Most body bytes read per response (meta-refresh pages, RDAP JSON); default 64 KiB. */
  maxBodyBytes?: number;
  /** How long answers are cached. */
  cacheTtlMs: number;
  /** Cached answers kept at most, per kind (redirect chains, domain ages); default 10,000. */
  cacheMaxEntries?: number;
  /** RDAP service, e.g. "https://rdap.org". */
  rdapBaseUrl: string;
  /** Shortener hosts (e.g. `SHORTENER_HOSTS` from detection); subdomains count too. */
  shortenerHosts: Iterable<string>;
  /** Registrable domain of a host as registries know it (ICANN suffixes), null for IPs. */
  registrableDomain: (host: string) => string | null;
  /** Which addresses and ports may be connected to; the default allows public unicast on 80/443. */
  addressPolicy?: AddressPolicy;
  /** DNS resolution; the system resolver by default. */
  lookup?: HostLookup;
  /** Clock in milliseconds, for domain ages and cache expiry. */
  now?: () => number;
  /** Called with every failure swallowed for a link (for logging); `inspect` itself never throws. */
  onError?: (error: unknown, link: LinkTarget) => void;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_CACHE_ENTRIES = 10_000;
const BACKSTOP_GRACE_MS = 100;
const USER_AGENT = 'Mozilla/5.0 (compatible; ElaraLinkCheck/1.0; +https://elara.example/link-check)';

function hostAndParents(host: string): string[] {
  const result = [host];
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1))
    result.push(host.slice(dot + 1));
  return result;
}

/** Rejects when the signal aborts, so a step that ignores its signal still cannot outlive the budget. */
function withDeadline<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Caches a pending answer, so concurrent callers share it; forgets it if it fails or `keep` says no. */
function cached<T>(
  cache: TtlCache<Promise<T>>,
  key: string,
  load: () => Promise<T>,
  keep: (value: T) => boolean,
) {
  const hit = cache.get(key);
  if (hit) return hit;
  const pending = load();
  cache.set(key, pending);
  pending.then(
    (value) => {
      if (!keep(value)) cache.deleteIf(key, pending);
    },
    () => cache.deleteIf(key, pending),
  );
  return pending;
}

/**
 * The optional network steps before a scan: where shortened links really lead and how old each
 * link's domain is. Every connection goes through the address policy (no private, loopback,
 * link-local or metadata addresses; re-checked on every redirect), everything has a deadline,
 * answers are cached, and `inspect` never throws: a link it could not inspect has no entry.
 */
export function createLinkInspector(options: LinkInspectorOptions) {
  const now = options.now ?? Date.now;
  const shorteners = new Set([...options.shortenerHosts].map((host) => host.toLowerCase()));
  const isShortener = (host: string) => hostAndParents(host.toLowerCase()).some((h) => shorteners.has(h));
  const requester = createSafeRequester({
    policy: options.addressPolicy ?? defaultAddressPolicy,
    lookup: options.lookup ?? systemLookup,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    userAgent: USER_AGENT,
  });
  const follower = createRedirectFollower({ requester, maxRedirects: options.maxRedirects, isShortener });
  const rdap = createRdapClient({
    requester,
    rdapBaseUrl: options.rdapBaseUrl,
    maxRedirects: options.maxRedirects,
    now,
  });
  const cacheOptions = {
    ttlMs: options.cacheTtlMs,
    maxEntries: options.cacheMaxEntries ?? DEFAULT_CACHE_ENTRIES,
    now,
  };
  const chains = createTtlCache<Promise<RedirectChain>>(cacheOptions);
  const ages = createTtlCache<Promise<number | null>>(cacheOptions);

  /** Where a shortened link leads; throws when even its first hop failed. */
  async function expand(link: LinkTarget, facts: LinkFacts, signal: AbortSignal): Promise<string> {
    const chain = await cached(
      chains,
      link.url,
      () => follower.follow(link.url, signal),
      (c) => c.complete,
    );
    if (chain.redirects > 0) facts.redirects = chain.redirects;
    if (chain.finalUrl === new URL(link.url).href) return link.host;
    facts.finalUrl = chain.finalUrl;
    return new URL(chain.finalUrl).hostname;
  }

  async function inspectOne(link: LinkTarget, signal: AbortSignal): Promise<LinkFacts> {
    const facts: LinkFacts = {};
    const host =
      options.expandShorteners && isShortener(link.host) ? await expand(link, facts, signal) : link.host;
    const domain = options.rdap ? options.registrableDomain(host) : null;
    if (domain === null) return facts;
    try {
      const age = await cached(
        ages,
        domain,
        () => rdap.domainAgeDays(domain, signal),
        () => true,
      );
      if (age !== null) facts.domainAgeDays = age;
    } catch (error) {
      // Where the link leads is still worth reporting without its age.
      options.onError?.(error, link);
    }
    return facts;
  }

  return {
    /**
     * Facts for each link, keyed by its `url`; links with nothing learned (or that failed) are
     * absent. Resolves within about `timeoutMs`.
     */
    async inspect(links: readonly LinkTarget[]): Promise<Map<string, LinkFacts>> {
      const result = new Map<string, LinkFacts>();
      if (!options.expandShorteners && !options.rdap) return result;
      const signal = AbortSignal.timeout(options.timeoutMs);
      // Every step honours `signal`; this later backstop only guards against one that does not,
      // leaving the steps a moment to return what they learned before the deadline.
      const backstop = AbortSignal.timeout(options.timeoutMs + BACKSTOP_GRACE_MS);
      const unique = [...new Map(links.map((link) => [link.url, link])).values()];
      await Promise.all(
        unique.map(async (link) => {
          try {
            const facts = await withDeadline(inspectOne(link, signal), backstop);
            if (Object.keys(facts).length > 0) result.set(link.url, facts);
          } catch (error) {
            options.onError?.(error, link);
          }
        }),
      );
      return result;
    },
  };
}

export type LinkInspector = ReturnType<typeof createLinkInspector>;
