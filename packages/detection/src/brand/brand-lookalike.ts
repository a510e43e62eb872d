import { foldScriptConfusables } from '../text/confusables.ts';
import type { HostParts } from '../url/url-host.ts';
import { boundedLevenshtein } from './edit-distance.ts';

/** Why a host was judged to imitate a brand label. */
export type LookalikeKind = 'other_suffix' | 'embedded' | 'confusable' | 'typo';

export interface LookalikeTarget {
  /** The label to protect, e.g. "demobank". */
  label: string;
  /** `label` reduced by {@link skeleton}, computed once. */
  skeleton: string;
  /** Edits tolerated for a typo-squat; 0 disables the edit-distance check. */
  maxEdits: number;
  /** Whether "label.<other suffix>" counts as a look-alike (tenants) or as the brand itself (known brands). */
  flagOtherSuffix: boolean;
}

// Visual confusions: digit and symbol stand-ins, then letter pairs that read as one letter.
const LOOKALIKE_CHARS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
};
const LOOKALIKE_CHAR = /[01i|!34578]/g;
const RN = /rn/g;
const VV = /vv/g;

/** Reduces a label to how it looks: "dem0bank", "dernobank" and "demobank" share one skeleton. */
export function skeleton(label: string): string {
  return foldScriptConfusables(label.toLowerCase())
    .replace(RN, 'm')
    .replace(VV, 'w')
    .replace(LOOKALIKE_CHAR, (ch) => LOOKALIKE_CHARS[ch] ?? ch);
}

/** Builds a target; `strict` (tenant brands) allows two edits on long labels and flags other suffixes. */
export function createLookalikeTarget(label: string, strict: boolean): LookalikeTarget {
  const long = label.length >= 8 ? 2 : 1;
  const maxEdits = strict ? (label.length >= 5 ? long : 0) : label.length >= 6 ? 1 : 0;
  return { label, skeleton: skeleton(label), maxEdits, flagOtherSuffix: strict };
}

/** A host label (or hyphen-separated part of one) with its skeleton, computed once per host. */
export interface HostToken {
  token: string;
  skeleton: string;
}

/** Labels left of the suffix plus their hyphen-separated parts: "demobank-login" gives all three. */
export function hostTokens(parts: HostParts): HostToken[] {
  const tokens: string[] = [];
  for (const label of [...parts.subdomains, parts.name]) {
    tokens.push(label);
    if (label.includes('-')) tokens.push(...label.split('-').filter((part) => part.length > 1));
  }
  return tokens.map((token) => ({ token, skeleton: skeleton(token) }));
}

function tokenKind(
  { token, skeleton: tokenSkeleton }: HostToken,
  target: LookalikeTarget,
): LookalikeKind | null {
  if (token === target.label) return 'embedded';
  if (tokenSkeleton === target.skeleton) return 'confusable';
  // Substring only for labels long enough not to occur inside ordinary words ("ups" in "groups").
  if (target.label.length >= 6 && tokenSkeleton.includes(target.skeleton)) return 'embedded';
  if (target.maxEdits === 0) return null;
  const distance = boundedLevenshtein(tokenSkeleton, target.skeleton, target.maxEdits);
  return distance >= 1 && distance <= target.maxEdits ? 'typo' : null;
}

/**
 * How a host imitates the target, or null. The caller must already have excluded the brand's own
 * domains: "demobank.net" imitates "demobank.com" only when the target has `flagOtherSuffix`.
 */
export function findLookalike(
  parts: HostParts,
  tokens: readonly HostToken[],
  target: LookalikeTarget,
): LookalikeKind | null {
  // A known brand under another suffix ("amazon.de") is the brand itself; a tenant's is not.
  if (parts.name === target.label) return target.flagOtherSuffix ? 'other_suffix' : null;
  for (const token of tokens) {
    const kind = tokenKind(token, target);
    if (kind !== null) return kind;
  }
  return null;
}
