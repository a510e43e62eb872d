/** One policy violation in rendered manifests. */
export interface Finding {
  /** Which rule (see the README's table), e.g. `container-security`. */
  rule: string;
  /** `Kind/name` of the offending object, or `release` for something missing from the whole render. */
  ref: string;
  message: string;
}

export function formatFinding(finding: Finding): string {
  return `${finding.ref}: ${finding.message} [${finding.rule}]`;
}
