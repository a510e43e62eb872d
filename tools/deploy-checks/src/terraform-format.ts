import type { TerraformFinding } from './terraform-check.types.ts';
import { bracketChange, scanHcl, type HclLine, type HclToken } from './terraform-lexer.ts';

/*
 * The whitespace `terraform fmt` would change, found by redoing hclwrite's own passes
 * (hclwrite/format.go: formatIndent, formatSpaces around `=`, formatCells) on a token stream that
 * keeps only what those passes read. What fmt also rewrites but is not checked here: spacing
 * between other tokens, `"${x}"` unwrapping and legacy type quotes.
 */

/** hclwrite's three cells of a line: what comes before the attribute `=`, the `=` onwards, a trailing comment. */
interface Cells {
  lead: HclToken[];
  assign: HclToken[] | null;
  comment: HclToken | null;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function splitCells(line: HclLine): Cells {
  let lead = line.tokens;
  let comment: HclToken | null = null;
  if (lead.length > 1 && lead.at(-1)!.kind === 'comment') {
    comment = lead.at(-1)!;
    lead = lead.slice(0, -1);
  }
  const equal = lead.findIndex((token, index) => index > 0 && token.kind === 'equal');
  // A `=` whose right side opens a multi-line expression is not an aligned "assign" cell.
  if (equal > 0 && sum(lead.slice(equal).map(bracketChange)) === 0) {
    return { lead: lead.slice(0, equal), assign: lead.slice(equal), comment };
  }
  return { lead, assign: null, comment };
}

function netBrackets(cells: Cells): number {
  let net = 0;
  for (const token of cells.lead) {
    net += bracketChange(token);
    if (token.kind === 'heredoc') break;
  }
  return net + sum((cells.assign ?? []).map(bracketChange));
}

/** hclwrite's indent stack: two spaces per line that opened brackets and has not closed them yet. */
function expectedIndents(lines: { cells: Cells; line: HclLine }[]): Map<HclLine, number> {
  const indents: number[] = [];
  const expected = new Map<HclLine, number>();
  for (const { cells, line } of lines) {
    const net = netBrackets(cells);
    if (net > 0) {
      expected.set(line, 2 * indents.length);
      indents.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && indents.length > 0) {
      const top = indents.at(-1)!;
      if (closed >= top) indents.pop();
      else indents[indents.length - 1] = top - closed;
      closed -= Math.min(closed, top);
    }
    expected.set(line, 2 * indents.length);
  }
  return expected;
}

/** Consecutive lines that all have a cell of one kind; any other line ends the run. */
function runs<T>(items: T[], inRun: (item: T) => boolean): T[][] {
  const result: T[][] = [[]];
  for (const item of items) {
    if (inRun(item)) result.at(-1)!.push(item);
    else if (result.at(-1)!.length > 0) result.push([]);
  }
  return result.filter((run) => run.length > 0);
}

const endOf = (tokens: HclToken[]) => tokens.at(-1)!.endColumn;

function alignmentProblems(formatted: { cells: Cells; line: HclLine }[]): [number, string][] {
  const problems: [number, string][] = [];
  for (const run of runs(formatted, ({ cells }) => cells.assign !== null)) {
    const column = Math.max(...run.map(({ cells }) => endOf(cells.lead))) + 1;
    for (const { cells, line } of run) {
      if (cells.assign![0]!.column !== column)
        problems.push([
          line.row,
          `"=" at column ${cells.assign![0]!.column + 1}, aligned it is ${column + 1}`,
        ]);
    }
  }
  for (const run of runs(formatted, ({ cells }) => cells.comment !== null)) {
    const code = ({ cells }: (typeof run)[number]) => endOf([...cells.lead, ...(cells.assign ?? [])]);
    const column = Math.max(...run.map(code)) + 1;
    for (const { cells, line } of run) {
      if (cells.comment!.column !== column)
        problems.push([
          line.row,
          `comment at column ${cells.comment!.column + 1}, aligned it is ${column + 1}`,
        ]);
    }
  }
  return problems;
}

/** One space after every `=`, and one before it unless alignment decides. */
function equalSpacingProblems(formatted: { cells: Cells; line: HclLine }[]): [number, string][] {
  const problems: [number, string][] = [];
  for (const { cells, line } of formatted) {
    const aligned = cells.assign?.[0];
    line.tokens.forEach((token, index) => {
      if (token.kind !== 'equal') return;
      const before = line.tokens[index - 1];
      const after = line.tokens[index + 1];
      if (after && after.row === token.row && after.column !== token.endColumn + 1)
        problems.push([token.row, 'one space after "="']);
      if (token !== aligned && before && before.row === token.row && token.column !== before.endColumn + 1)
        problems.push([token.row, 'one space before "="']);
    });
  }
  return problems;
}

function whitespaceProblems(text: string, heredocRows: Set<number>): [number, string][] {
  const problems: [number, string][] = [];
  text.split('\n').forEach((row, index) => {
    if (heredocRows.has(index)) return;
    if (row.includes('\t')) problems.push([index, 'tab character (indent with two spaces)']);
    if (/[ \t]+\r?$/.test(row)) problems.push([index, 'trailing whitespace']);
  });
  return problems;
}

/** Whitespace in `text` (one HCL file) that `terraform fmt` would rewrite. */
export function checkFormatting(file: string, text: string): TerraformFinding[] {
  const { lines, heredocRows } = scanHcl(text);
  const formatted = lines
    .filter((line) => line.tokens.length > 0)
    .map((line) => ({ line, cells: splitCells(line) }));
  const indents = expectedIndents(formatted);
  const problems: [number, string][] = [
    ...whitespaceProblems(text, heredocRows),
    ...formatted.flatMap(({ line }): [number, string][] => {
      const want = indents.get(line)!;
      const have = line.tokens[0]!.column;
      return have === want ? [] : [[line.row, `indented ${have} spaces, terraform fmt indents ${want}`]];
    }),
    ...alignmentProblems(formattedWithBlanks(lines)),
    ...equalSpacingProblems(formatted),
  ];
  return problems
    .sort((a, b) => a[0] - b[0])
    .map(([row, message]) => ({ file, line: row + 1, rule: 'format' as const, message }));
}

/** Blank lines break alignment runs, so the alignment pass sees them (with no cells). */
function formattedWithBlanks(lines: HclLine[]): { cells: Cells; line: HclLine }[] {
  return lines.map((line) => ({
    line,
    cells: line.tokens.length > 0 ? splitCells(line) : { lead: [], assign: null, comment: null },
  }));
}
