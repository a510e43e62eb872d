/**
 * Reads one sample from Prometheus text exposition, matching the given labels in any order (other
 * labels are ignored). Returns the sum over matching series, or undefined when none matches. Meant
 * for tests and scripts that scrape `/metrics`.
 */
export function sampleValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const seen = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      seen.set(pair[1]!, pair[2]!);
    if (Object.entries(labels).every(([k, v]) => seen.get(k) === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
