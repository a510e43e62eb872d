import { RISKY_TLDS } from '../url/url-lists.ts';
import { hostAndParents } from '../url/url-host.ts';
import type { HostParts } from '../url/url-host.ts';
import { createLookalikeTarget, findLookalike } from './brand-lookalike.ts';
import type { HostToken, LookalikeTarget } from './brand-lookalike.ts';
import { KNOWN_BRANDS, NOT_LOOKALIKES } from './known-brands.ts';

const KNOWN_TARGETS = KNOWN_BRANDS.map((brand) =>
  createLookalikeTarget(brand.label, {
    strict: false,
    ...(brand.ordinaryWords ? { ordinaryWords: brand.ordinaryWords } : {}),
    ...(brand.regional ? { regional: true } : {}),
  }),
);

/** Targets grouped by a key, each group in list order. */
function groupBy(targets: readonly LookalikeTarget[], key: (target: LookalikeTarget) => string) {
  const groups = new Map<string, LookalikeTarget[]>();
  for (const target of targets) {
    const group = groups.get(key(target));
    if (group) group.push(target);
    else groups.set(key(target), [target]);
  }
  return groups;
}

// Indexes so a host is compared only with brands it could match: every check needs the brand's
// skeleton (or, for short labels, its letters) inside a token, or a typo keeping the first letter.
const BY_SKELETON_START = groupBy(KNOWN_TARGETS, (target) => target.skeleton.slice(0, 2));
const BY_LABEL_START = groupBy(
  KNOWN_TARGETS.filter((target) => target.label.length < 5),
  (target) => target.label.slice(0, 2),
);
const BY_FIRST_LETTER = groupBy(
  KNOWN_TARGETS.filter((target) => target.maxEdits > 0),
  (target) => target.skeleton.slice(0, 1),
);

function addAll(into: Set<LookalikeTarget>, targets: readonly LookalikeTarget[] | undefined): void {
  if (targets) for (const target of targets) into.add(target);
}

function candidateTargets(tokens: readonly HostToken[]): Set<LookalikeTarget> {
  const candidates = new Set<LookalikeTarget>();
  for (const { skeleton, literal } of tokens) {
    addAll(candidates, BY_FIRST_LETTER.get(skeleton.slice(0, 1)));
    for (let i = 0; i + 1 < skeleton.length; i++)
      addAll(candidates, BY_SKELETON_START.get(skeleton.slice(i, i + 2)));
    if (literal === null) continue;
    for (let i = 0; i + 1 < literal.length; i++)
      addAll(candidates, BY_LABEL_START.get(literal.slice(i, i + 2)));
  }
  return candidates;
}

const BRAND_LABELS: ReadonlySet<string> = new Set(KNOWN_BRANDS.map((brand) => brand.label));
const OFFICIAL_DOMAINS: ReadonlySet<string> = new Set([
  ...KNOWN_BRANDS.flatMap((brand) => brand.officialDomains),
  ...NOT_LOOKALIKES,
]);

/**
 * True when the host belongs to any known brand: one of its official domains (or a subdomain), or
 * "<label>.<suffix>" for a registry suffix that is not a risky TLD ("amazon.de" yes; "paypal.top"
 * and "paypal.github.io" no). Such a host is never a look-alike of another brand either
 * ("correios.com.br" is not a fake "correos").
 */
export function isKnownBrandHost(parts: HostParts): boolean {
  if (BRAND_LABELS.has(parts.name) && !parts.privateSuffix) {
    const tld = parts.labels[parts.labels.length - 1] ?? '';
    return !RISKY_TLDS.has(tld);
  }
  return hostAndParents(parts.labels.join('.')).some((domain) => OFFICIAL_DOMAINS.has(domain));
}

/**
 * The well-known brand an untrusted host imitates (e.g. "paypal"), or null. A brand the host
 * names outright beats one it is merely a typo of ("correios-rastreio" is Correios, not Correos).
 */
export function knownBrandLookalike(parts: HostParts, tokens: readonly HostToken[]): string | null {
  if (isKnownBrandHost(parts)) return null;
  if (BRAND_LABELS.has(parts.name)) return parts.name;
  let typoOf: string | null = null;
  const candidates = candidateTargets(tokens);
  for (const target of KNOWN_TARGETS) {
    if (!candidates.has(target)) continue;
    const kind = findLookalike(tokens, target);
    if (kind === 'typo') typoOf ??= target.label;
    else if (kind !== null) return target.label;
  }
  return typoOf;
}
