import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../detection.types.ts';
import { scanMessage } from '../scan-message.ts';

// Sanity numbers against the SMS Spam Collection v.1 (Almeida & Gómez Hidalgo, CC BY 4.0), read in
// place from the shared datasets folder and never copied into the repo. Where the folder is absent
// the same assertions run on a small hand-written sample, so the test never silently skips.
const DATASET_PATH = '/work/shared/datasets/sms-spam-collection/SMSSpamCollection.tsv';

type Label = 'ham' | 'spam';

const FALLBACK_SAMPLE: ReadonlyArray<[Label, string]> = [
  ['ham', 'Are we still meeting at 6? I can pick you up from the station'],
  ['ham', 'Sorry, running late, traffic is terrible. Be there in 20 min'],
  ['ham', 'Can you pay me back for the cinema tickets when you get a chance?'],
  ['ham', 'Happy birthday!! Hope you have a lovely day'],
  ['ham', 'Did you see the match last night? What a goal'],
  ['ham', 'Mum says dinner is at 7, bring the salad'],
  ['ham', 'I sent you the photos from the trip, check your email'],
  ['ham', 'Call me when you are free, nothing urgent'],
  ['ham', 'The plumber is coming tomorrow morning so I will work from home'],
  ['ham', 'Thanks for lunch today, my treat next time'],
  ['ham', 'ok see you at 5'],
  ['ham', 'Have you finished the report? The deadline is Friday'],
  ['spam', 'WINNER! You have been selected for a £1000 cash prize. Call 09061234567 now to claim, 150p/min'],
  ['spam', 'FREE entry to win an iPhone! Text WIN to 80082. T&Cs apply, 18+ only'],
  ['spam', 'Congratulations, you have won a holiday! Claim your prize at www.prize-claim.xyz/now'],
  ['spam', 'Huge sale: 70% off all mobiles this weekend only. Reply STOP to unsubscribe'],
  ['spam', 'Your parcel is on hold. Pay the customs fee within 24 hours: http://parcel-release.top/pay'],
  ['spam', 'URGENT: your account will be suspended. Verify your account at http://secure-login.click/verify'],
  ['spam', 'Earn $400 a day working from home, no experience needed. Reply YES to join'],
  ['spam', 'Limited offer: new ringtones every week, txt TONES to 87121, 50p per msg'],
];

function loadMessages(): { source: string; rows: Array<[Label, string]> } {
  if (!existsSync(DATASET_PATH)) return { source: 'inline fallback sample', rows: [...FALLBACK_SAMPLE] };
  const rows = readFileSync(DATASET_PATH, 'utf8')
    .split('\n')
    .slice(1) // header "Label<TAB>SMS"
    .map((line): [Label, string] | null => {
      const tab = line.indexOf('\t');
      const label = line.slice(0, tab);
      return label === 'ham' || label === 'spam' ? [label, line.slice(tab + 1)] : null;
    })
    .filter((row): row is [Label, string] => row !== null);
  return { source: DATASET_PATH, rows };
}

interface Tally {
  ham: number;
  spam: number;
  hamAsScam: number;
  hamFlagged: number;
  spamFlagged: number;
}

function tally(rows: ReadonlyArray<[Label, string]>): Tally {
  const counts: Tally = { ham: 0, spam: 0, hamAsScam: 0, hamFlagged: 0, spamFlagged: 0 };
  for (const [label, text] of rows) {
    const verdict: Verdict = scanMessage({ text, brandDomains: ['demobank.com'] }).verdict;
    const flagged = verdict !== 'safe';
    if (label === 'ham') {
      counts.ham++;
      if (verdict === 'scam') counts.hamAsScam++;
      if (flagged) counts.hamFlagged++;
    } else {
      counts.spam++;
      if (flagged) counts.spamFlagged++;
    }
  }
  return counts;
}

describe('SMS Spam Collection sanity numbers', () => {
  const { source, rows } = loadMessages();
  const counts = tally(rows);
  const recall = counts.spamFlagged / counts.spam;
  const precision = counts.spamFlagged / (counts.spamFlagged + counts.hamFlagged);
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  console.log(
    `[sms-eval] ${source}: ${counts.ham} ham, ${counts.spam} spam; ham as scam ${pct(counts.hamAsScam / counts.ham)}, ` +
      `ham flagged ${pct(counts.hamFlagged / counts.ham)}, spam flagged (recall) ${pct(recall)}, ` +
      `precision ${pct(precision)}, F1 ${pct((2 * precision * recall) / (precision + recall))}`,
  );

  it('loads both classes', () => {
    expect(counts.ham).toBeGreaterThan(0);
    expect(counts.spam).toBeGreaterThan(0);
  });

  it('flags under 2% of ham as scam', () => {
    expect(counts.hamAsScam / counts.ham).toBeLessThan(0.02);
  });

  it('flags at least 40% of spam as spam, suspicious or scam', () => {
    expect(recall).toBeGreaterThanOrEqual(0.4);
  });
});

describe('inline fallback sample', () => {
  // Runs even when the dataset is present, so the fallback cannot rot unnoticed.
  const counts = tally(FALLBACK_SAMPLE);

  it('meets the same bars as the dataset', () => {
    expect(counts.hamAsScam / counts.ham).toBeLessThan(0.02);
    expect(counts.spamFlagged / counts.spam).toBeGreaterThanOrEqual(0.4);
  });
});
