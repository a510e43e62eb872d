import type { SignalCode, Verdict } from '@elara/detection/types';

/** Every sentence a reply can contain, for one language. */
export interface ReplyCatalog {
  /** One line for first contact: who we are and that anything suspicious can be forwarded. */
  welcome: (tenant: string) => string;
  /** The verdict line, always first (after the welcome); carries the emoji and the bold label. */
  verdictLine: Record<Verdict, string>;
  /** Heading above the reasons; safe messages get a softer one. */
  reasonsHeading: Record<Verdict, string>;
  /** Plain-words explanation per signal code, without final punctuation. */
  reasons: Record<SignalCode, (tenant: string) => string>;
  /** Fallbacks for codes newer than this catalog. */
  genericReason: { url: string; text: string };
  /** Joins a reason to its detail, e.g. ': ' (French wants ' : '). */
  detailSeparator: string;
  /** Says only some links were checked; `checked` may be 0 when the scan was told to skip links. */
  linksChecked: (checked: number, total: number) => string;
  /** The one next step per verdict, always last. */
  nextStep: Record<Verdict, (tenant: string) => string>;
  /** The whole reply to a message that is only attachments, which are not analysed yet. */
  mediaOnly: string;
  /** Note that a message's attachments were not analysed (its text and links were). */
  mediaNotChecked: string;
  /** Polite notice that the user is sending too much, with a rough time to retry. */
  rateLimit: (tenant: string) => string;
}
