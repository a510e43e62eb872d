import { createRequire } from 'node:module';
import type { FeedSpec } from '../feed.types.ts';

const require = createRequire(import.meta.url);

/** Where the MetaMask configuration shipped in `eth-phishing-detect` is; null when not installed. */
function metamaskConfigPath(): string | null {
  try {
    return require.resolve('eth-phishing-detect/src/config.json');
  } catch {
    return null;
  }
}

/** The name of the feed built from the installed `eth-phishing-detect` package. */
export const METAMASK_FEED = 'metamask';

/**
 * Feeds that need no network: MetaMask's phishing configuration from the `eth-phishing-detect`
 * npm package, so a fresh install has a working feed. Its source is the installed file's path;
 * `eth-phishing-detect` missing is reported as that feed's import error.
 */
export function builtinFeeds(): FeedSpec[] {
  return [
    {
      name: METAMASK_FEED,
      format: 'metamask',
      source: metamaskConfigPath() ?? 'eth-phishing-detect/src/config.json (not installed)',
    },
  ];
}
