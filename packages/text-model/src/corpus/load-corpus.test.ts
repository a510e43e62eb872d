import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './load-corpus.ts';
import { labelSmsMessage } from './sms-labels.ts';

function dataDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'elara-corpus-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const SMS =
  'Label\tSMS\nham\tSee you at 6\nspam\tYou have WON a prize, call 09061701461\nspam\tNew ringtones, txt TONE to 87121\n';

describe('loadCorpus', () => {
  it('reads the SMS collection and every JSON-lines file, keeping each text once', () => {
    const dir = dataDir({
      'sms-spam-collection.tsv': SMS,
      'whatsapp-xx.jsonl':
        '{"text":"Hola mamá, este es mi número nuevo","label":"scam","lang":"es","category":"family"}\n\n' +
        '{"text":"see you at 6","label":"safe","lang":"en"}\n',
    });
    const corpus = loadCorpus(dir);
    expect(corpus.map((e) => [e.label, e.source])).toEqual([
      ['safe', 'sms-spam-collection'],
      ['scam', 'sms-spam-collection'],
      ['spam', 'sms-spam-collection'],
      ['scam', 'whatsapp-xx'],
    ]);
    expect(corpus[3]).toMatchObject({ lang: 'es', category: 'family' });
  });

  it('names the file and line of a bad example', () => {
    const sms = { 'sms-spam-collection.tsv': SMS };
    expect(() =>
      loadCorpus(dataDir({ ...sms, 'a.jsonl': '{"text":"x","label":"fraud","lang":"en"}\n' })),
    ).toThrow('a.jsonl:1: "label" must be one of scam, spam, safe');
    expect(() => loadCorpus(dataDir({ ...sms, 'b.jsonl': '\n{not json\n' }))).toThrow(
      'b.jsonl:2: not valid JSON',
    );
    expect(() =>
      loadCorpus(dataDir({ ...sms, 'c.jsonl': '{"text":"","label":"safe","lang":"en"}' })),
    ).toThrow('c.jsonl:1: "text" must be a non-empty string');
  });
});

describe('labelSmsMessage', () => {
  it('maps ham to safe, prize traps to scam and other spam to spam', () => {
    expect(labelSmsMessage('ham', 'You won the game!')).toBe('safe');
    expect(labelSmsMessage('spam', 'URGENT! You have won a 1 week FREE membership')).toBe('scam');
    expect(labelSmsMessage('spam', 'Get the latest ringtones, txt MUSIC to 87066')).toBe('spam');
    expect(() => labelSmsMessage('junk', 'x')).toThrow('unknown SMS label');
  });
});
