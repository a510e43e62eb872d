import { describe, expect, it } from 'vitest';
import { checkTerraformSources } from './terraform-check.ts';
import type { TerraformRule } from './terraform-check.types.ts';
import { VERSIONS } from './terraform.fixtures.ts';

async function messages(main: string, rule: TerraformRule): Promise<string[]> {
  const findings = await checkTerraformSources({ '/tf/m/versions.tf': VERSIONS, '/tf/m/main.tf': main });
  return findings.filter((f) => f.rule === rule).map((f) => `${f.line}: ${f.message}`);
}

describe('hard-coded secrets', () => {
  it('finds secret-named attributes holding a literal string', async () => {
    const main = 'locals {\n  db = {\n    master_password = "hunter22"\n  }\n  auth_token = "abc"\n}\n';
    expect(await messages(main, 'secret')).toEqual([
      '3: "master_password" is a literal string; generate it or read it from a secret store',
      '5: "auth_token" is a literal string; generate it or read it from a secret store',
    ]);
  });

  it('finds a literal secret_string and a secret variable with a default', async () => {
    const main = `variable "api_key" {
  type        = string
  description = "Key."
  default     = "k-123"
}

resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "x"
  secret_string = "plain"
}
`;
    expect(await messages(main, 'secret')).toEqual([
      '1: variable "api_key" has a literal default; secrets get no default',
      '9: "secret_string" is a literal string; generate it or read it from a secret store',
    ]);
  });

  it('finds private keys and AWS access keys anywhere, comments included', async () => {
    const main = '# AKIAABCDEFGHIJKLMNOP\nlocals {\n  pem = "-----BEGIN PRIVATE KEY-----"\n}\n';
    expect(await messages(main, 'secret')).toEqual([
      '1: contains an AWS access key id',
      '3: contains a PEM private key',
    ]);
  });

  it('accepts expressions, empty strings and names that merely contain a secret word', async () => {
    const main = `locals {
  password                   = random_password.db.result
  token                      = ""
  auth_token_update_strategy = "ROTATE"
  http_tokens                = "required"
  existingSecret             = "elara-app"
}
`;
    expect(await messages(main, 'secret')).toEqual([]);
  });
});

describe('encryption of stored data', () => {
  it('wants RDS storage_encrypted literally true', async () => {
    const main = `resource "aws_db_instance" "off" {
  storage_encrypted = var.encrypted
}

resource "aws_db_instance" "on" {
  storage_encrypted = true
}
`;
    expect(await messages(main, 'encryption')).toEqual([
      '1: aws_db_instance.off: storage_encrypted must be true',
    ]);
  });

  it('wants ElastiCache encrypted at rest and in transit', async () => {
    const main =
      'resource "aws_elasticache_replication_group" "r" {\n  at_rest_encryption_enabled = "true"\n}\n';
    expect(await messages(main, 'encryption')).toEqual([
      '1: aws_elasticache_replication_group.r: transit_encryption_enabled must be true',
    ]);
  });

  it('wants a server-side encryption configuration for every S3 bucket', async () => {
    const main = `resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}

resource "aws_s3_bucket" "sealed" {
  bucket = "sealed"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sealed" {
  bucket = aws_s3_bucket.sealed.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}
`;
    expect(await messages(main, 'encryption')).toEqual([
      '1: aws_s3_bucket.plain: no aws_s3_bucket_server_side_encryption_configuration for this bucket',
    ]);
  });

  it('wants EKS Secrets encryption and customer-managed keys on Secrets Manager secrets', async () => {
    const main = `resource "aws_eks_cluster" "c" {
  name = "c"
}

resource "aws_secretsmanager_secret" "s" {
  name = "s"
}
`;
    expect(await messages(main, 'encryption')).toEqual([
      '1: aws_eks_cluster.c: no encryption_config (KMS envelope encryption of Secrets)',
      '5: aws_secretsmanager_secret.s: no kms_key_id (customer-managed key)',
    ]);
  });
});
