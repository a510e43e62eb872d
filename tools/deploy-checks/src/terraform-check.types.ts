export type TerraformRule =
  | 'parse'
  | 'format'
  | 'variable'
  | 'output'
  | 'module-call'
  | 'reference'
  | 'provider'
  | 'secret'
  | 'encryption'
  | 'tfvars';

/** One problem, with the file and 1-based line it is about. */
export interface TerraformFinding {
  file: string;
  line: number;
  rule: TerraformRule;
  message: string;
}

/**
 * A file as `@cdktf/hcl2json` returns it: blocks are arrays of bodies keyed by their labels
 * (`resource.aws_s3_bucket.media[0]`), literals keep their JSON type, and every expression is a
 * string wrapped in `${...}`.
 */
export type HclBody = Record<string, unknown>;

export interface TerraformFile {
  path: string;
  text: string;
  body: HclBody;
}

/** The `.tf` files of one directory: one Terraform module (a root module is one too). */
export interface TerraformModule {
  dir: string;
  files: TerraformFile[];
}
