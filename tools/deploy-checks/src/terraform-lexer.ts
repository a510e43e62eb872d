/**
 * Just enough of HCL's native-syntax scanner to reproduce what `terraform fmt` (hclwrite) does with
 * whitespace: it splits the source into the "lines" hclwrite formats (a heredoc or a block comment
 * stays inside the line that opens it) and classifies each token by the only things formatting
 * looks at: brackets, the attribute `=`, comments and heredocs.
 */

export type HclTokenKind = 'open' | 'close' | 'equal' | 'comment' | 'heredoc' | 'other';

export interface HclToken {
  kind: HclTokenKind;
  /** 0-based physical row and column where the token starts, and the column where it ends. */
  row: number;
  column: number;
  endColumn: number;
}

/** One line as hclwrite sees it: the tokens between two newlines outside templates. */
export interface HclLine {
  row: number;
  tokens: HclToken[];
}

export interface HclScan {
  lines: HclLine[];
  /** Rows inside a heredoc's body, whose text is content, not layout. */
  heredocRows: Set<number>;
}

type Context = 'brace' | 'interp' | 'quoted' | { heredoc: string };
type Template = 'quoted' | { heredoc: string };

const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<=', '>=', '=>', '&&', '||', '::']);
const WORD = /[A-Za-z0-9_.-]/;
const HEREDOC_OPENER = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/;

/** Where the scan is: offset, open contexts, row starts, and the line being filled. */
interface Scanner {
  text: string;
  i: number;
  stack: Context[];
  rowStarts: number[];
  line: HclLine;
  lines: HclLine[];
  heredocRows: Set<number>;
}

const rowAt = (s: Scanner) => s.rowStarts.length - 1;
const columnOf = (s: Scanner, offset: number) => offset - s.rowStarts[rowAt(s)]!;
const newRow = (s: Scanner, offset: number) => s.rowStarts.push(offset + 1);

function emit(s: Scanner, kind: HclTokenKind, start: number, end: number): void {
  s.line.tokens.push({ kind, row: rowAt(s), column: columnOf(s, start), endColumn: columnOf(s, end) });
}

function endLine(s: Scanner): void {
  s.lines.push(s.line);
  s.line = { row: rowAt(s), tokens: [] };
}

/** At the start of a heredoc row: its terminator closes the heredoc, any other row is content. */
function heredocRowStart(s: Scanner, marker: string): boolean {
  const end = s.text.indexOf('\n', s.i);
  const row = s.text.slice(s.i, end === -1 ? s.text.length : end);
  if (row.trim() !== marker) {
    s.heredocRows.add(rowAt(s));
    return false;
  }
  const close = s.i + row.indexOf(marker);
  emit(s, 'heredoc', close, close + marker.length);
  s.i = close + marker.length;
  s.stack.pop();
  return true;
}

/** Template text up to the next `${`/`%{` or the closing quote; escapes are skipped. */
function scanTemplate(s: Scanner, top: Template): void {
  const { text } = s;
  while (s.i < text.length) {
    const ch = text[s.i]!;
    const next = text[s.i + 1];
    const atRowStart = s.i === 0 || text[s.i - 1] === '\n';
    if (typeof top !== 'string' && atRowStart && heredocRowStart(s, top.heredoc)) return;
    if (ch === '\\' && top === 'quoted') s.i += 2;
    else if ((ch === '$' || ch === '%') && next === ch && text[s.i + 2] === '{') s.i += 3;
    else if ((ch === '$' || ch === '%') && next === '{') {
      emit(s, 'open', s.i, s.i + 2);
      s.i += 2;
      s.stack.push('interp');
      return;
    } else if (ch === '"' && top === 'quoted') {
      emit(s, 'other', s.i, s.i + 1);
      s.i += 1;
      s.stack.pop();
      return;
    } else if (ch === '\n' && top === 'quoted') {
      s.stack.pop(); // an unterminated string; the parser reports it
      return;
    } else {
      if (ch === '\n') newRow(s, s.i);
      s.i += 1;
    }
  }
}

/** Whitespace, newlines and comments; false when the next character starts a token. */
function scanTrivia(s: Scanner): boolean {
  const { text } = s;
  const ch = text[s.i]!;
  const two = text.slice(s.i, s.i + 2);
  if (ch === ' ' || ch === '\t' || ch === '\r') {
    s.i += 1;
  } else if (ch === '\n') {
    newRow(s, s.i);
    s.i += 1;
    endLine(s);
  } else if (ch === '#' || two === '//') {
    const end = text.indexOf('\n', s.i);
    const stop = end === -1 ? text.length : end;
    emit(s, 'comment', s.i, stop);
    s.i = stop;
  } else if (two === '/*') {
    // A block comment is not a trailing-comment cell in hclwrite, just another token of the line.
    const close = text.indexOf('*/', s.i + 2);
    const stop = close === -1 ? text.length : close + 2;
    const token: HclToken = { kind: 'other', row: rowAt(s), column: columnOf(s, s.i), endColumn: 0 };
    for (let k = s.i; k < stop; k += 1) if (text[k] === '\n') newRow(s, k);
    token.endColumn = columnOf(s, stop);
    s.line.tokens.push(token);
    s.i = stop;
  } else return false;
  return true;
}

function scanToken(s: Scanner): void {
  const { text } = s;
  const ch = text[s.i]!;
  const heredoc = HEREDOC_OPENER.exec(text.slice(s.i, s.i + 80));
  const operator = [text.slice(s.i, s.i + 3), text.slice(s.i, s.i + 2)].find(
    (op) => op === '...' || TWO_CHAR_OPERATORS.has(op),
  );
  if (ch === '"') {
    emit(s, 'other', s.i, s.i + 1);
    s.stack.push('quoted');
    s.i += 1;
  } else if (heredoc) {
    emit(s, 'heredoc', s.i, s.i + heredoc[0].trimEnd().length);
    newRow(s, s.i + heredoc[0].length - 1);
    s.stack.push({ heredoc: heredoc[2]! });
    s.i += heredoc[0].length;
  } else if (ch === '{' || ch === '[' || ch === '(') {
    emit(s, 'open', s.i, s.i + 1);
    if (ch === '{') s.stack.push('brace');
    s.i += 1;
  } else if (ch === '}' || ch === ']' || ch === ')') {
    emit(s, 'close', s.i, s.i + 1);
    if (ch === '}') s.stack.pop(); // a brace, or the end of a template interpolation
    s.i += 1;
  } else if (operator) {
    emit(s, 'other', s.i, s.i + operator.length);
    s.i += operator.length;
  } else {
    const start = s.i;
    s.i += 1;
    if (WORD.test(ch)) while (s.i < text.length && WORD.test(text[s.i]!)) s.i += 1;
    emit(s, ch === '=' ? 'equal' : 'other', start, s.i);
  }
}

/** Splits HCL source into hclwrite's formatting lines. Unterminated constructs end at end of file. */
export function scanHcl(text: string): HclScan {
  const s: Scanner = {
    text,
    i: 0,
    stack: [],
    rowStarts: [0],
    line: { row: 0, tokens: [] },
    lines: [],
    heredocRows: new Set(),
  };
  while (s.i < text.length) {
    const top = s.stack.at(-1);
    if (top === 'quoted' || (typeof top === 'object' && 'heredoc' in top)) scanTemplate(s, top);
    else if (!scanTrivia(s)) scanToken(s);
  }
  s.lines.push(s.line);
  return { lines: s.lines, heredocRows: s.heredocRows };
}

/** hclwrite's `tokenBracketChange`: template sequences count as brackets too. */
export function bracketChange(token: HclToken): number {
  if (token.kind === 'open') return 1;
  if (token.kind === 'close') return -1;
  return 0;
}
