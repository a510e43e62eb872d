import { readdirSync } from 'node:fs';
import path from 'node:path';

// `.dockerignore` read the way Docker reads it (moby/patternmatcher): one pattern per line, `#`
// starts a comment line, paths are relative to the context root (a leading `/` is dropped), `*` and
// `?` stay within one path segment, `**` spans any number of them, `!` re-includes, and the last
// pattern that matches wins. A path is excluded when it or one of its parent folders matches, so
// `node_modules` excludes only the root folder; `**/node_modules` reaches into every package.

export interface DockerignoreRule {
  pattern: string;
  /** A `!pattern`: matching paths are included again. */
  negated: boolean;
  regex: RegExp;
}

/** The rules of a `.dockerignore` file, in file order. */
export function parseDockerignore(text: string): DockerignoreRule[] {
  const rules: DockerignoreRule[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = cleanPattern(negated ? line.slice(1).trim() : line);
    if (pattern === '') continue;
    rules.push({ pattern, negated, regex: patternRegex(pattern) });
  }
  return rules;
}

/** Like Go's `filepath.Clean` on a relative pattern: no leading `/` or `./`, no trailing `/`. */
function cleanPattern(pattern: string): string {
  const cleaned = path.posix.normalize(pattern).replace(/^\/+/, '').replace(/\/+$/, '');
  return cleaned === '.' ? '' : cleaned;
}

function patternRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*' && pattern[i + 1] === '*') {
      // `**/` may also match no folder at all; a trailing `**` matches everything below.
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = pattern.indexOf(']', i);
      const body = end > i ? pattern.slice(i + 1, end) : '';
      source += end > i ? `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]` : '\\[';
      if (end > i) i = end;
    } else if (char === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
    else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegex(char: string): string {
  return char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** The path itself, then each parent folder: `a/b/c`, `a/b`, `a`. */
function pathAndParents(relativePath: string): string[] {
  const segments = relativePath.split('/');
  return segments.map((_, i) => segments.slice(0, segments.length - i).join('/'));
}

/** Whether `relativePath` (posix, from the context root) is left out of the build context. */
export function isExcluded(rules: DockerignoreRule[], relativePath: string): boolean {
  const candidates = pathAndParents(cleanPattern(relativePath));
  let excluded = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.regex.test(candidate))) excluded = !rule.negated;
  }
  return excluded;
}

/**
 * Whether a `!` rule could include something below the excluded folder `dir`, in which case
 * Docker still walks it. Decided segment by segment; a `**` could match anywhere.
 */
function mayIncludeBelow(rules: DockerignoreRule[], dir: string): boolean {
  const dirSegments = dir.split('/');
  return rules.some((rule) => {
    if (!rule.negated) return false;
    const segments = rule.pattern.split('/');
    for (const [i, dirSegment] of dirSegments.entries()) {
      const segment = segments[i];
      if (segment === undefined) return false;
      if (segment.includes('**')) return true;
      if (!patternRegex(segment).test(dirSegment)) return false;
    }
    return true;
  });
}

/** Every file Docker would send as the build context from `root`, as sorted posix paths. */
export function listBuildContext(root: string, rules: DockerignoreRule[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const excluded = isExcluded(rules, relative);
      if (entry.isDirectory()) {
        if (!excluded || mayIncludeBelow(rules, relative)) walk(relative);
      } else if (!excluded) files.push(relative);
    }
  };
  walk('');
  return files.sort();
}
