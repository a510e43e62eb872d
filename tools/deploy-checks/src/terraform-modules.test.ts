import { describe, expect, it } from 'vitest';
import { checkTerraformSources } from './terraform-check.ts';
import type { TerraformRule } from './terraform-check.types.ts';
import { VERSIONS } from './terraform.fixtures.ts';

/*
 * Snippets checked as modules under a virtual /tf root. Each failing case is a valid module with
 * one thing broken, so the single finding expected is the one that thing causes.
 */
const CHILD_VARIABLES = `variable "name" {
  type        = string
  description = "Name."
}

variable "size" {
  type        = number
  description = "Size."
  default     = 1
}
`;

const CHILD_OUTPUTS = `output "id" {
  description = "ID."
  value       = var.name
}
`;

const child = {
  '/tf/modules/child/versions.tf': VERSIONS,
  '/tf/modules/child/variables.tf': CHILD_VARIABLES,
  '/tf/modules/child/outputs.tf': CHILD_OUTPUTS,
};

function caller(call: string, extra = '') {
  return { ...child, '/tf/env/versions.tf': VERSIONS, '/tf/env/main.tf': `${call}${extra}` };
}

async function messages(sources: Record<string, string>, rule: TerraformRule): Promise<string[]> {
  const findings = await checkTerraformSources(sources);
  return findings.filter((f) => f.rule === rule).map((f) => f.message);
}

const GOOD_CALL = `module "child" {
  source = "../modules/child"

  name = "x"
}
`;

describe('module interfaces', () => {
  it('accepts a module whose variables and outputs are typed and described', async () => {
    expect(await checkTerraformSources(caller(GOOD_CALL))).toEqual([]);
  });

  it('wants a type and a description on every variable', async () => {
    const sources = { ...child, '/tf/modules/child/extra.tf': 'variable "bare" {}\n' };
    expect(await messages(sources, 'variable')).toEqual([
      'variable "bare" has no type',
      'variable "bare" has no description',
    ]);
  });

  it('wants a description on every output', async () => {
    const sources = { ...child, '/tf/modules/child/extra.tf': 'output "bare" {\n  value = 1\n}\n' };
    expect(await messages(sources, 'output')).toEqual(['output "bare" has no description']);
  });
});

describe('module calls', () => {
  it('finds a source that is not a module here', async () => {
    const call = GOOD_CALL.replace('../modules/child', '../modules/missing');
    expect(await messages(caller(call), 'module-call')).toEqual([
      'module "child": source "../modules/missing" is not a local module here',
    ]);
  });

  it('finds an argument the module does not declare', async () => {
    const call = GOOD_CALL.replace('name = "x"', 'name  = "x"\n  color = "red"');
    expect(await messages(caller(call), 'module-call')).toEqual([
      'module "child" passes "color", which ../modules/child does not declare',
    ]);
  });

  it('finds a required variable that is not passed, and allows meta-arguments', async () => {
    const call = 'module "child" {\n  source = "../modules/child"\n  count  = 1\n}\n';
    expect(await messages(caller(call), 'module-call')).toEqual([
      'module "child" does not pass required variable "name"',
    ]);
  });
});

describe('references', () => {
  it.each([
    ['var.nope', 'var.nope is not a declared variable'],
    ['local.nope', 'local.nope is not defined in a locals block'],
    ['module.other.id', 'module.other is not a module call here'],
    ['module.child.nope', 'module.child.nope: the module has no such output'],
    ['data.aws_region.nope.region', 'data.aws_region.nope is not declared'],
    ['aws_s3_bucket.nope.id', 'aws_s3_bucket.nope is not a resource of this module'],
    ['"arn:${aws_s3_bucket.nope.arn}/*"', 'aws_s3_bucket.nope is not a resource of this module'],
  ])('finds %s', async (expression, message) => {
    const output = `\noutput "o" {\n  description = "O."\n  value       = ${expression}\n}\n`;
    expect(await messages(caller(GOOD_CALL, output), 'reference')).toEqual([message]);
  });

  it('accepts references to what the module declares', async () => {
    const declared = `
locals {
  l = module.child.id
}

data "aws_region" "current" {}

resource "aws_s3_bucket" "b" {
  bucket = "\${local.l}-\${data.aws_region.current.region}"
}

output "o" {
  description = "O."
  value       = [for s in [aws_s3_bucket.b.arn] : "\${s}/\${module.child.id}"]
}
`;
    expect(await messages(caller(GOOD_CALL, declared), 'reference')).toEqual([]);
  });

  it('checks variable files against the variables beside them', async () => {
    const sources = { ...child, '/tf/modules/child/example.tfvars': 'name  = "x"\ncolor = "red"\n' };
    expect(await messages(sources, 'tfvars')).toEqual([
      '"color" is not a variable of the module in /tf/modules/child',
    ]);
  });
});

describe('provider pins', () => {
  const module = (versions: string) => ({
    '/tf/m/versions.tf': versions,
    '/tf/m/main.tf': 'resource "random_id" "x" {\n  byte_length = 4\n}\n',
  });

  it('wants every used provider declared with a bounded version', async () => {
    expect(await messages(module(VERSIONS), 'provider')).toEqual([
      'provider "random" is used but not in required_providers',
    ]);
    const open = VERSIONS.replace('"~> 6.0"', '">= 6.0"').replace('"hashicorp/aws"', '"hashicorp/random"');
    expect(await messages(module(open.replace('aws = {', 'random = {')), 'provider')).toEqual([
      'provider "random" version is not pinned with an upper bound (got ">= 6.0")',
    ]);
  });

  it('wants required_version and a source', async () => {
    const bare =
      'terraform {\n  required_providers {\n    random = {\n      version = "3.7.2"\n    }\n  }\n}\n';
    expect(await messages(module(bare), 'provider')).toEqual([
      'no terraform required_version',
      'provider "random" has no source',
    ]);
  });
});
