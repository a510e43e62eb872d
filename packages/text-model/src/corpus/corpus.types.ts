/** What the text model learns to tell apart. `suspicious` is a verdict, never a training label. */
export const TEXT_LABELS = ['scam', 'spam', 'safe'] as const;
export type TextLabel = (typeof TEXT_LABELS)[number];

/** One labelled example, from any source. */
export interface LabelledText {
  text: string;
  label: TextLabel;
  /** ISO 639-1 code of the text's language. */
  lang: string;
  /** Which data file it came from, e.g. 'sms-spam-collection', 'whatsapp-en'. */
  source: string;
  /** Finer grouping such as 'parcel-fee' or 'family-chat', when the source has one. */
  category?: string;
}

export type SplitName = 'train' | 'test';
