import { isSameOrSubdomain, splitHost } from '../url/url-host.ts';
import type { HostParts } from '../url/url-host.ts';
import { createLookalikeTarget, findLookalike } from './brand-lookalike.ts';
import type { HostToken, LookalikeKind, LookalikeTarget } from './brand-lookalike.ts';
import { KNOWN_BRANDS } from './known-brands.ts';

/** The tenant's domains, prepared once per scan. */
export interface BrandContext {
  /** Normalised registrable-or-deeper domains; these and their subdomains are trusted. */
  trustedDomains: string[];
  tenantTargets: LookalikeTarget[];
}

const KNOWN_TARGETS = KNOWN_BRANDS.map((brand) => ({
  brand,
  target: createLookalikeTarget(brand.label, false),
}));

/** Accepts "demobank.com", "https://www.DemoBank.com/" and the like; returns a bare lowercase host. */
function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#:].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

// Tenants are few and their domain lists rarely change, so contexts are cached by content (not by
// array identity, which callers may rebuild or mutate). Cleared wholesale if it ever grows large.
const CONTEXT_CACHE = new Map<string, BrandContext>();
const CONTEXT_CACHE_LIMIT = 1_000;

/** Prepares the tenant's brand domains for {@link isTrustedHost} and {@link tenantLookalike}. */
export function createBrandContext(brandDomains: readonly string[]): BrandContext {
  const key = brandDomains.join('\n');
  const cached = CONTEXT_CACHE.get(key);
  if (cached) return cached;
  if (CONTEXT_CACHE.size >= CONTEXT_CACHE_LIMIT) CONTEXT_CACHE.clear();
  const context = buildBrandContext(brandDomains);
  CONTEXT_CACHE.set(key, context);
  return context;
}

function buildBrandContext(brandDomains: readonly string[]): BrandContext {
  const trustedDomains = [...new Set(brandDomains.map(normalizeDomain).filter((d) => d.includes('.')))];
  const labels = new Set(trustedDomains.map((domain) => splitHost(domain).name).filter(Boolean));
  return { trustedDomains, tenantTargets: [...labels].map((label) => createLookalikeTarget(label, true)) };
}

/** True when the host is one of the tenant's domains or a subdomain of one. */
export function isTrustedHost(host: string, context: BrandContext): boolean {
  return context.trustedDomains.some((domain) => isSameOrSubdomain(host, domain));
}

/** How an untrusted host imitates the tenant, or null. */
export function tenantLookalike(
  parts: HostParts,
  tokens: readonly HostToken[],
  context: BrandContext,
): LookalikeKind | null {
  for (const target of context.tenantTargets) {
    const kind = findLookalike(parts, tokens, target);
    if (kind !== null) return kind;
  }
  return null;
}

/** The well-known brand an untrusted host imitates (e.g. "paypal"), or null. */
export function knownBrandLookalike(parts: HostParts, tokens: readonly HostToken[]): string | null {
  for (const { brand, target } of KNOWN_TARGETS) {
    if (brand.officialDomains.includes(parts.registrable)) continue;
    if (findLookalike(parts, tokens, target) !== null) return brand.label;
  }
  return null;
}
