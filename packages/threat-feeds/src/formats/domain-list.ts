import type { ParseResult } from '../feed.types.ts';
import { createEntryCollector } from './entry-collector.ts';
import { forEachDataLine } from './feed-lines.ts';

// The address column of a hosts file: IPv4 (0.0.0.0, 127.0.0.1) or IPv6 (::, ::1, fe80::1%lo0).
const HOSTS_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*(?:%\w+)?)$/i;
const ADBLOCK_DOMAIN = /^\|\|([^/^]+)\^$/;

/**
 * A plain domain list, one domain per line, or a hosts file (`0.0.0.0 bad.example other.example`,
 * every name after the address taken). `#` starts a comment anywhere in a line (a domain never
 * contains one). Also accepted: `*.bad.example` and `||bad.example^`. Each name becomes a
 * `domain` entry; hosts-file boilerplate (`localhost`, `broadcasthost`...) is rejected as
 * `local-name`.
 */
export function parseDomainList(text: string): ParseResult {
  const collector = createEntryCollector();
  forEachDataLine(text, collector.reject, (line, lineNumber) => {
    const hash = line.indexOf('#');
    const tokens = (hash < 0 ? line : line.slice(0, hash)).trim().split(/\s+/);
    if (tokens.length > 1 && HOSTS_ADDRESS.test(tokens[0]!)) {
      for (const name of tokens.slice(1)) collector.addDomain(lineNumber, name);
    } else if (tokens.length === 1) {
      collector.addDomain(lineNumber, ADBLOCK_DOMAIN.exec(tokens[0]!)?.[1] ?? tokens[0]!);
    } else {
      collector.reject(lineNumber, 'malformed');
    }
  });
  return collector.result();
}
