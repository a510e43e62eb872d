import type { Signal, SignalCode, UrlFinding, Verdict } from '../detection.types.ts';
import { noisyOr } from './noisy-or.ts';

// Thresholds, in one place. Scores are noisy-ORs of signal weights (see noisy-or.ts), so 0.75 is
// e.g. one 0.55 credential request plus one 0.45 payment cue, and 0.4 is one medium cue.

/** Fraud evidence at or above this is a scam on its own. */
export const SCAM_SCORE = 0.75;
/** Fraud evidence at or above this is suspicious. */
export const SUSPICIOUS_SCORE = 0.4;
/** A weaker fraud cue still makes a message suspicious when spam cues lift the total to SUSPICIOUS_SCORE. */
export const MIXED_FRAUD_MIN = 0.25;
/** Spam-cue evidence needed for a spam verdict: one strong cue, or two weak ones. */
export const SPAM_SCORE = 0.25;
/** A link this risky (e.g. an IP address over plain http) turns any fraud cue into a scam. */
export const RISKY_LINK = 0.5;
/** Payment evidence this strong (gift cards, fees, crypto; or several weak cues) counts as a demand. */
export const STRONG_PAYMENT = 0.4;

/** Impersonation this strong ("this is my new number", "bank security team") makes any money ask a scam. */
export const STRONG_IMPERSONATION = 0.4;

/** Cues of unwanted marketing rather than fraud; alone they give at most a spam verdict. */
const SPAM_CODES: ReadonlySet<string> = new Set<SignalCode>([
  'text.marketing',
  'text.prize',
  'text.premium_rate',
]);
/** Cues that, next to a risky link, show intent. */
const FRAUD_CUES: readonly SignalCode[] = [
  'text.urgency',
  'text.credential_request',
  'text.otp_request',
  'text.payment_request',
  'text.impersonation',
  'text.new_number_claim',
  'text.job_investment_lure',
];
/**
 * Cues of what the message wants the reader to do. The model's supporting threshold needs one of
 * these (or a risky link): a pretext alone ("this is my new number") is what the model has
 * already weighed, so counting it again would be double evidence.
 */
const ACTION_CUES: readonly SignalCode[] = [
  'text.urgency',
  'text.credential_request',
  'text.otp_request',
  'text.payment_request',
  'text.job_investment_lure',
  // "Claim your prize": a prize is bait to make the reader call, reply or pay.
  'text.prize',
];
/** Learned signals are reported as reasons but scored through {@link ModelEvidence}, not the noisy-OR. */
const MODEL_CODES: ReadonlySet<string> = new Set<SignalCode>(['text.model_scam', 'text.model_spam']);
/** A link this risky is a fraud cue in its own right when the wording already resembles a scam. */
const SUPPORTING_LINK = 0.3;
/** The weakest explicit cue that confirms the model ("pay", alone, is everyday language). */
const SUPPORTING_CUE = 0.3;
/** Spam probability from the text model that makes an otherwise clean message spam. */
export const MODEL_SPAM = 0.75;

/** What the trained text model thinks, with the cut-offs it was calibrated with. */
export interface ModelEvidence {
  scam: number;
  spam: number;
  /** At or above this scam probability the model alone calls a scam. */
  strong: number;
  /** At or above this it backs up an explicit fraud cue (and alone makes a message suspicious). */
  supporting: number;
}

export interface VerdictEvidence {
  textSignals: readonly Signal[];
  urls: readonly UrlFinding[];
  /** Whether the message links anywhere outside the tenant's own domains (checked or not). */
  hasUntrustedLink: boolean;
  /** The text model's opinion; without it only explicit signals count. */
  model?: ModelEvidence;
}

export interface VerdictDecision {
  verdict: Verdict;
  score: number;
  /** The combination rule that forced a scam verdict, if any; for tests and debugging. */
  rule: string | null;
}

interface Facts {
  weight: (code: SignalCode) => number;
  urlCodes: ReadonlySet<string>;
  maxUrlRisk: number;
  hasUntrustedLink: boolean;
  model: ModelEvidence | undefined;
}

/** Pairs of cues that are near-proof together even when each is only medium evidence alone. */
const SCAM_RULES: ReadonlyArray<{ name: string; applies: (f: Facts) => boolean }> = [
  {
    name: 'link is a known threat',
    applies: (f) => f.urlCodes.has('url.threat_feed') || f.urlCodes.has('url.tenant_blocked'),
  },
  {
    name: 'wording matches known scams',
    applies: (f) => f.model !== undefined && f.model.scam >= f.model.strong,
  },
  {
    name: 'wording resembles scams and shows a fraud cue',
    applies: (f) =>
      f.model !== undefined &&
      f.model.scam >= f.model.supporting &&
      (ACTION_CUES.some((code) => f.weight(code) >= SUPPORTING_CUE) || f.maxUrlRisk >= SUPPORTING_LINK),
  },
  {
    name: 'link imitates a brand',
    applies: (f) => f.urlCodes.has('url.lookalike_tenant') || f.urlCodes.has('url.lookalike_brand'),
  },
  {
    name: 'credential or code request with a link',
    applies: (f) => credentialAsk(f) && f.hasUntrustedLink,
  },
  {
    name: 'credential or code request with pressure',
    applies: (f) => credentialAsk(f) && (f.weight('text.urgency') > 0 || f.weight('text.impersonation') > 0),
  },
  {
    name: 'payment demand with urgency',
    applies: (f) => f.weight('text.payment_request') >= STRONG_PAYMENT && f.weight('text.urgency') > 0,
  },
  {
    name: 'payment request from an impersonator',
    // "Hi mum, can you pay for lunch?" alone is not enough: one side must be strong.
    applies: (f) => {
      const impersonation = Math.max(f.weight('text.impersonation'), f.weight('text.new_number_claim'));
      const payment = f.weight('text.payment_request');
      return (
        payment > 0 &&
        impersonation > 0 &&
        (payment >= STRONG_PAYMENT || impersonation >= STRONG_IMPERSONATION)
      );
    },
  },
  {
    name: 'fee to collect a prize',
    applies: (f) => f.weight('text.payment_request') >= STRONG_PAYMENT && f.weight('text.prize') > 0,
  },
  {
    name: 'job or investment lure asking for money',
    applies: (f) => f.weight('text.job_investment_lure') > 0 && f.weight('text.payment_request') > 0,
  },
  {
    name: 'risky link with a fraud cue',
    applies: (f) => f.maxUrlRisk >= RISKY_LINK && FRAUD_CUES.some((code) => f.weight(code) > 0),
  },
];

function credentialAsk(f: Facts): boolean {
  return f.weight('text.credential_request') > 0 || f.weight('text.otp_request') > 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Turns evidence into a verdict: a matching {@link SCAM_RULES} entry or fraud evidence >=
 * SCAM_SCORE is a scam; fraud evidence >= SUSPICIOUS_SCORE is suspicious; spam cues alone give
 * spam; anything else is safe. The score is the noisy-OR of all evidence, raised to SCAM_SCORE
 * when a rule fires, so scores order messages the same way verdicts do.
 */
export function decideVerdict(evidence: VerdictEvidence): VerdictDecision {
  const weights = new Map(evidence.textSignals.map((s) => [s.code, s.weight]));
  const maxUrlRisk = Math.max(0, ...evidence.urls.map((u) => u.risk));
  const facts: Facts = {
    weight: (code) => weights.get(code) ?? 0,
    urlCodes: new Set(evidence.urls.flatMap((u) => u.signals.map((s) => s.code))),
    maxUrlRisk,
    hasUntrustedLink: evidence.hasUntrustedLink,
    model: evidence.model,
  };
  const explicit = evidence.textSignals.filter((s) => !MODEL_CODES.has(s.code));
  const fraud = explicit.filter((s) => !SPAM_CODES.has(s.code)).map((s) => s.weight);
  const spam = explicit.filter((s) => SPAM_CODES.has(s.code)).map((s) => s.weight);
  const fraudScore = noisyOr([...fraud, maxUrlRisk]);
  const spamScore = noisyOr(spam);
  const modelScam = evidence.model?.scam ?? 0;
  const score = noisyOr([fraudScore, spamScore, modelScam]);
  const rule = SCAM_RULES.find((r) => r.applies(facts))?.name ?? null;
  if (rule !== null) return { verdict: 'scam', score: round(Math.max(score, SCAM_SCORE)), rule };
  const verdict = verdictFromScores(fraudScore, spamScore, score, evidence.model);
  return {
    verdict,
    score: round(verdict === 'safe' ? Math.min(score, SUSPICIOUS_SCORE - 0.001) : score),
    rule: null,
  };
}

function verdictFromScores(
  fraudScore: number,
  spamScore: number,
  score: number,
  model: ModelEvidence | undefined,
): Verdict {
  if (fraudScore >= SCAM_SCORE) return 'scam';
  if (fraudScore >= SUSPICIOUS_SCORE) return 'suspicious';
  if (model !== undefined && model.scam >= model.supporting) return 'suspicious';
  if (fraudScore >= MIXED_FRAUD_MIN && score >= SUSPICIOUS_SCORE) return 'suspicious';
  if (spamScore >= SPAM_SCORE) return 'spam';
  if (model !== undefined && model.spam >= MODEL_SPAM) return 'spam';
  return 'safe';
}
