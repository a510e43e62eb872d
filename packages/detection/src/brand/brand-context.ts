import type { TenantUrlLists } from '../detection.types.ts';
import { hostAndParents, splitHost, toAsciiHost } from '../url/url-host.ts';
import type { HostParts } from '../url/url-host.ts';
import { createLookalikeTarget, findLookalike } from './brand-lookalike.ts';
import type { HostToken, LookalikeKind, LookalikeTarget } from './brand-lookalike.ts';

/** How the tenant regards a host: its own brand, allowed, blocked, or no opinion (null). */
export type HostTrust = 'brand' | 'allowed' | 'blocked' | null;

/** The tenant's domains and lists, prepared once per tenant (cached by content). */
export interface BrandContext {
  /** Normalised ASCII brand domains; these and their subdomains are trusted, always. */
  brandDomains: ReadonlySet<string>;
  /** The tenant's allow list: trusted like brand domains, but not protected against look-alikes. */
  allowDomains: ReadonlySet<string>;
  blockDomains: ReadonlySet<string>;
  /** Names of the brand domains ("demobank"), whose look-alikes are flagged. */
  brandNames: ReadonlySet<string>;
  tenantTargets: LookalikeTarget[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//;
const AFTER_HOST = /[/?#:].*$/;
const LEADING = /^(?:\*\.|www\.)/;

/**
 * Accepts "demobank.com", "https://www.DemoBank.com/", "*.evil.example" or a Unicode domain;
 * returns a bare lowercase ASCII host, or null when nothing usable is left.
 */
export function normalizeDomain(domain: string): string | null {
  const host = domain.trim().toLowerCase().replace(SCHEME, '').replace(AFTER_HOST, '').replace(LEADING, '');
  const ascii = toAsciiHost(host);
  return ascii !== null && ascii.includes('.') ? ascii : null;
}

function domainSet(domains: readonly string[] | undefined): Set<string> {
  const set = new Set<string>();
  for (const domain of domains ?? []) {
    const normalized = normalizeDomain(domain);
    if (normalized !== null) set.add(normalized);
  }
  return set;
}

// Tenants are few and their lists rarely change, so contexts are cached by content (not by array
// identity, which callers may rebuild or mutate). Cleared wholesale if it ever grows large.
const CONTEXT_CACHE = new Map<string, BrandContext>();
const CONTEXT_CACHE_LIMIT = 1_000;

/**
 * Prepares the tenant's brand domains and allow/block lists for {@link hostTrust},
 * {@link isTrustedHost} and {@link tenantLookalike}.
 */
export function createBrandContext(brandDomains: readonly string[], lists?: TenantUrlLists): BrandContext {
  const key = [brandDomains.join('\n'), lists?.allow.join('\n') ?? '', lists?.block.join('\n') ?? ''].join(
    '\0',
  );
  const cached = CONTEXT_CACHE.get(key);
  if (cached) return cached;
  if (CONTEXT_CACHE.size >= CONTEXT_CACHE_LIMIT) CONTEXT_CACHE.clear();
  const context = buildBrandContext(brandDomains, lists);
  CONTEXT_CACHE.set(key, context);
  return context;
}

function buildBrandContext(brandDomains: readonly string[], lists: TenantUrlLists | undefined): BrandContext {
  const brands = domainSet(brandDomains);
  const names = new Set([...brands].map((domain) => splitHost(domain).unicodeName).filter(Boolean));
  return {
    brandDomains: brands,
    allowDomains: domainSet(lists?.allow),
    blockDomains: domainSet(lists?.block),
    brandNames: names,
    tenantTargets: [...names].map((label) => createLookalikeTarget(label, { strict: true })),
  };
}

/**
 * The tenant's view of a host. Brand domains (and their subdomains) win over everything; between
 * the allow and block lists the most specific entry wins, and allow wins a tie.
 */
export function hostTrust(host: string, context: BrandContext): HostTrust {
  const candidates = hostAndParents(host);
  if (candidates.some((domain) => context.brandDomains.has(domain))) return 'brand';
  for (const domain of candidates) {
    if (context.allowDomains.has(domain)) return 'allowed';
    if (context.blockDomains.has(domain)) return 'blocked';
  }
  return null;
}

/** True when the host is one of the tenant's brand or allowed domains, or a subdomain of one. */
export function isTrustedHost(host: string, context: BrandContext): boolean {
  const trust = hostTrust(host, context);
  return trust === 'brand' || trust === 'allowed';
}

/** How an untrusted host imitates the tenant, or null. */
export function tenantLookalike(
  parts: HostParts,
  tokens: readonly HostToken[],
  context: BrandContext,
): LookalikeKind | null {
  // "demobank.net" is not the tenant's "demobank.com": another suffix is a look-alike for tenants.
  if (context.brandNames.has(parts.unicodeName)) return 'other_suffix';
  for (const target of context.tenantTargets) {
    const kind = findLookalike(tokens, target);
    if (kind !== null) return kind;
  }
  return null;
}
