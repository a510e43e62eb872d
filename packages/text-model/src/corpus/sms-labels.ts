import type { TextLabel } from './corpus.types.ts';

// The SMS Spam Collection labels messages only `ham` or `spam`. Most of its spam is the prize trap
// of 2011 ("You have WON a £1000 prize, call 09061..."), which takes money by deceit: a scam in
// Elara's terms. The rest is unwanted marketing (ringtones, chat lines, "txt STOP"). This rule,
// applied once when the corpus is loaded, sorts the spam into those two classes.
const FRAUD_CUES =
  /\b(?:won|winner|prize|claim|award(?:ed)?|selected|guaranteed|urgent|lottery|bonus caller|your account|security|verify|delivery|cash)\b/iu;

export function labelSmsMessage(rawLabel: string, text: string): TextLabel {
  if (rawLabel === 'ham') return 'safe';
  if (rawLabel !== 'spam') throw new Error(`unknown SMS label "${rawLabel}"`);
  return FRAUD_CUES.test(text) ? 'scam' : 'spam';
}
