import type { HostParts } from '../url/url-host.ts';
import { skeleton } from './brand-skeleton.ts';
import { boundedLevenshtein } from './edit-distance.ts';
import { LURE_WORDS } from './lure-words.ts';

/** Why a host was judged to imitate a brand label. */
export type LookalikeKind = 'other_suffix' | 'embedded' | 'confusable' | 'typo';

export interface LookalikeTarget {
  /** The label to protect, e.g. "demobank". */
  label: string;
  /** `label` reduced by {@link skeleton}, computed once. */
  skeleton: string;
  /** Edits tolerated for a typo-squat; 0 disables the edit-distance check. */
  maxEdits: number;
  /**
   * Tenants (strict): the label anywhere inside a host label counts, and any edit counts. Known
   * brands: inside a longer label only next to lure words ("paypalsecure", not "paypalooza"), and
   * a typo must keep the first letter ("finance" is one edit from "binance").
   */
  strict: boolean;
  /** Ordinary words that contain or nearly spell the label; never a look-alike ("revolt", "amazonas"). */
  ordinaryWords: ReadonlySet<string>;
  /**
   * A network of regional members with their own "<label>-<region>" domains (Sparkasse,
   * Volksbank): the label as one hyphen-separated part of a host label does not count.
   */
  regional: boolean;
}

export interface LookalikeTargetOptions {
  /** Tenant brands are strict; see {@link LookalikeTarget.strict}. */
  strict: boolean;
  /** See {@link LookalikeTarget.ordinaryWords}. */
  ordinaryWords?: readonly string[];
  /** See {@link LookalikeTarget.regional}. */
  regional?: boolean;
}

/** A host label (or hyphen-separated part of one), Unicode-decoded, with its skeleton. */
export interface HostToken {
  token: string;
  skeleton: string;
  /** A whole label, not a hyphen-separated part of one. */
  whole: boolean;
  /** `token` without hyphens when it is plain ASCII letters, else null; for short-label matching. */
  literal: string | null;
}

const LURE_LITERALS: ReadonlySet<string> = new Set(LURE_WORDS);
const LURE_SKELETONS: ReadonlySet<string> = new Set(LURE_WORDS.map(skeleton));
const HYPHENS = /-/g;
const PLAIN_ASCII = /^[a-z-]+$/;
const MIN_TYPO_TOKEN = 4;
/** Below this length a label hides inside ordinary words ("ups" in "groups"), so tenants lose substrings. */
const MIN_SUBSTRING_LABEL = 6;

/** Builds a target. Tenants allow two edits on labels of 8+ letters and one from 5; known brands one, from 6. */
export function createLookalikeTarget(label: string, options: LookalikeTargetOptions): LookalikeTarget {
  const { strict } = options;
  const maxEdits = strict ? (label.length >= 8 ? 2 : label.length >= 5 ? 1 : 0) : label.length >= 6 ? 1 : 0;
  return {
    label,
    skeleton: skeleton(label),
    maxEdits,
    strict,
    ordinaryWords: new Set(options.ordinaryWords ?? []),
    regional: options.regional ?? false,
  };
}

/** Labels left of the suffix (Unicode-decoded) plus their hyphen-separated parts, minus "www". */
export function hostTokens(parts: HostParts): HostToken[] {
  const tokens: HostToken[] = [];
  for (const label of [...parts.unicodeSubdomains, parts.unicodeName]) {
    if (label === 'www') continue;
    tokens.push(hostToken(label, true));
    if (!label.includes('-')) continue;
    for (const part of label.split('-')) {
      if (part.length > 1) tokens.push(hostToken(part, false));
    }
  }
  return tokens;
}

function hostToken(token: string, whole: boolean): HostToken {
  const literal = PLAIN_ASCII.test(token) ? token.replace(HYPHENS, '') : null;
  return { token, skeleton: skeleton(token), whole, literal };
}

/** True when `text` is one lure word or two glued together ("securelogin"). */
function isLureRun(text: string, lures: ReadonlySet<string>): boolean {
  if (text === '' || lures.has(text)) return true;
  for (let cut = 2; cut <= text.length - 2; cut++) {
    if (lures.has(text.slice(0, cut)) && lures.has(text.slice(cut))) return true;
  }
  return false;
}

/**
 * "dhltracking", "myhsbc", "securepaypallogin": the label glued to lure words and nothing else. A
 * three-letter label only counts at the start, since "banking" and "tracking" end in "ing". Short
 * labels compare letters as written when the token is plain ASCII: "lng-shipping" is not ING.
 */
function isLureCompound(token: HostToken, target: LookalikeTarget): boolean {
  const literal = target.label.length < 5 && token.literal !== null;
  const form = literal ? (token.literal ?? '') : token.skeleton;
  const label = literal ? target.label : target.skeleton;
  const lures = literal ? LURE_LITERALS : LURE_SKELETONS;
  if (form.length <= label.length) return false;
  for (let at = form.indexOf(label); at >= 0; at = form.indexOf(label, at + 1)) {
    if (at > 0 && target.label.length < 4) return false;
    if (isLureRun(form.slice(0, at), lures) && isLureRun(form.slice(at + label.length), lures)) return true;
  }
  return false;
}

function isTypo(token: HostToken, target: LookalikeTarget): boolean {
  if (target.maxEdits === 0 || token.skeleton.length < MIN_TYPO_TOKEN) return false;
  if (!target.strict && token.skeleton[0] !== target.skeleton[0]) return false;
  const distance = boundedLevenshtein(token.skeleton, target.skeleton, target.maxEdits);
  return distance >= 1 && distance <= target.maxEdits;
}

/** Cheap filter: every check below needs the label inside the token, or a possible typo. */
function mayMatch(token: HostToken, target: LookalikeTarget): boolean {
  const typoPossible =
    Math.abs(token.skeleton.length - target.skeleton.length) <= target.maxEdits &&
    (target.strict || token.skeleton[0] === target.skeleton[0]);
  return (
    typoPossible ||
    token.skeleton.includes(target.skeleton) ||
    (token.literal !== null && token.literal.includes(target.label))
  );
}

function tokenKind(token: HostToken, target: LookalikeTarget): LookalikeKind | null {
  if (!mayMatch(token, target) || target.ordinaryWords.has(token.token)) return null;
  if (token.token === target.label) return token.whole || !target.regional ? 'embedded' : null;
  if (token.skeleton === target.skeleton) {
    // "lng" is a word, not ING in disguise: a short label needs a digit or foreign letter to be faked.
    return target.label.length >= 5 || token.literal === null ? 'confusable' : null;
  }
  if (isLureCompound(token, target)) return 'embedded';
  if (
    target.strict &&
    target.label.length >= MIN_SUBSTRING_LABEL &&
    token.skeleton.includes(target.skeleton)
  ) {
    return 'embedded';
  }
  return isTypo(token, target) ? 'typo' : null;
}

/**
 * How the host's tokens imitate the target, or null. The caller handles the brand's own domains
 * and a host whose name is exactly the label ("demobank.net", "amazon.de").
 */
export function findLookalike(tokens: readonly HostToken[], target: LookalikeTarget): LookalikeKind | null {
  for (const token of tokens) {
    const kind = tokenKind(token, target);
    if (kind !== null) return kind;
  }
  return null;
}
