import { describe, expect, it } from 'vitest';
import { checkFormatting } from './terraform-format.ts';

const problems = (text: string) => checkFormatting('main.tf', text).map((f) => `${f.line}: ${f.message}`);

/**
 * Laid out as `terraform fmt` leaves it: nested blocks, multi-line calls, comments, and a heredoc,
 * whose attribute aligns with the lines after it (hclwrite sees the heredoc as one line).
 */
const FORMATTED = `# A comment line ends an alignment run, as a blank line does.
resource "aws_s3_bucket" "media" {
  bucket        = var.name
  force_destroy = false

  tags = merge(var.tags, {
    Name                     = "media"
    "kubernetes.io/role/elb" = "1"
  })
  policy = <<-EOT
    {"Resource": "\${var.arn}"}
      indented  content stays
  EOT
  count  = var.on ? 1 : 0 # one or none
  list   = [for s in var.list : "\${s}-x"]
  obj    = { a = 1, b = "=" }

  lifecycle {
    ignore_changes = [tags]
  }
}

variable "sizes" {
  type = list(object({
    name = string
  }))
  description = "Sizes."

  validation {
    condition = alltrue([
      for s in var.sizes : s.name != ""
    ])
    error_message = "Named."
  }
}
`;

describe('checkFormatting', () => {
  it('accepts what terraform fmt leaves', () => {
    expect(problems(FORMATTED)).toEqual([]);
  });

  it('finds indentation that is not two spaces per open bracket', () => {
    const text = 'resource "a" "b" {\n   name = "x"\n  tags = {\n  a = 1\n  }\n}\n';
    expect(problems(text)).toEqual([
      '2: indented 3 spaces, terraform fmt indents 2',
      '4: indented 2 spaces, terraform fmt indents 4',
    ]);
  });

  it('dedents a line that closes brackets opened on several lines', () => {
    const text = 'x = merge(a, {\n  b = [\n    1,\n  ]\n  })\n';
    expect(problems(text)).toEqual(['5: indented 2 spaces, terraform fmt indents 0']);
  });

  it('finds tabs and trailing whitespace, but not inside a heredoc', () => {
    const text = 'a = 1 \nb = <<EOT\n\tkept \nEOT\nc = {\n\td = 1\n}\n';
    expect(problems(text)).toEqual([
      '1: trailing whitespace',
      '6: tab character (indent with two spaces)',
      '6: indented 1 spaces, terraform fmt indents 2',
    ]);
  });

  it('aligns "=" over consecutive single-line attributes', () => {
    const text = 'a = 1\nlonger = 2\n';
    expect(problems(text)).toEqual(['1: "=" at column 3, aligned it is 8']);
  });

  it('does not align across a blank line, a comment line or a multi-line value', () => {
    expect(problems('a = 1\n\nlonger = 2\n')).toEqual([]);
    expect(problems('a = 1\n# note\nlonger = 2\n')).toEqual([]);
    expect(problems('a = 1\nlonger = {\n  b = 2\n}\n')).toEqual([]);
    expect(problems('a      = 1\nlonger = {\n  b = 2\n}\n')).toEqual(['1: "=" at column 8, aligned it is 3']);
  });

  it('wants one space around a "=" that is not aligned, and after every "="', () => {
    expect(problems('tags  = {\n  a = 1\n}\n')).toEqual(['1: one space before "="']);
    expect(problems('a =  1\n')).toEqual(['1: one space after "="']);
    expect(problems('a = { b=1 }\n')).toEqual(['1: one space after "="', '1: one space before "="']);
  });

  it('aligns trailing comments of consecutive lines', () => {
    expect(problems('a = 1 # one\nbb = 2 # two\n')).toEqual([
      '1: "=" at column 3, aligned it is 4',
      '1: comment at column 7, aligned it is 8',
    ]);
    expect(problems('a  = 1 # one\nbb = 2 # two\n')).toEqual([]);
  });

  it('treats a block comment as a token of its line, not as an aligned trailing comment', () => {
    const text = 'a = 1 /* x */\nbb = 2 # y\n/* two\nrows */\nc = {\n  d = "${format("%s", "}")}"\n}\n';
    expect(problems(text)).toEqual(['1: "=" at column 3, aligned it is 4']);
  });

  it('ignores brackets and "=" inside strings and comments', () => {
    const text = 'a = "{[(="\n# {\nb = 2 // (\n';
    expect(problems(text)).toEqual([]);
  });
});
