import { truncate } from './whatsapp-format.ts';

/** A truncated reason shorter than this would say nothing; it is dropped instead. */
const MIN_REASON_CHARS = 24;

export interface ReplyBlocks {
  /** Blocks shown before the reasons (welcome, verdict line); never shortened. */
  before: readonly string[];
  /** Heading above the reason lines; dropped together with them when none fit. */
  heading: string;
  /** One line each, most important first. */
  reasons: readonly string[];
  /** Blocks shown after the reasons (links note, next step); never shortened. */
  after: readonly string[];
}

/**
 * Joins blocks with blank lines, keeping as many whole reasons as fit in `maxLength` (the first one
 * may be cut short). Only reasons give way: if the fixed blocks alone exceed `maxLength`, the result
 * does too, so callers must keep those bounded (tenant names are capped for that reason).
 */
export function layoutReply(blocks: ReplyBlocks, maxLength: number): string {
  const { before, heading, reasons, after } = blocks;
  const fixedLength = [...before, ...after].join('\n\n').length;
  let budget = maxLength - fixedLength - '\n\n'.length - heading.length;
  const kept: string[] = [];
  for (const line of reasons) {
    const room = budget - '\n'.length;
    const fitted =
      line.length <= room
        ? line
        : kept.length === 0 && room >= MIN_REASON_CHARS
          ? truncate(line, room)
          : null;
    if (fitted === null) break;
    kept.push(fitted);
    budget -= '\n'.length + fitted.length;
  }
  const reasonsBlock = kept.length > 0 ? [`${heading}\n${kept.join('\n')}`] : [];
  return [...before, ...reasonsBlock, ...after].join('\n\n');
}
