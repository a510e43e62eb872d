import { blocks, type Block, isBody, isLiteralTrue, nested } from './terraform-blocks.ts';
import type { TerraformFinding, TerraformFile, TerraformModule } from './terraform-check.types.ts';

/** Attribute names that hold a credential (snake_case, as providers name them). */
const SECRET_NAME =
  /(^|_)(password|passwd|secret|token|private_key|api_key|pepper)$|^secret_(string|binary)$/;
/** Credentials recognisable by their shape wherever they appear, comments included. */
const SECRET_SHAPES: [RegExp, string][] = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a PEM private key'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
];

const isLiteralSecret = (value: unknown) =>
  typeof value === 'string' && value !== '' && !value.includes('${');

function literalSecrets(value: unknown, key: string, found: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => literalSecrets(item, key, found));
  else if (isBody(value)) Object.entries(value).forEach(([k, v]) => literalSecrets(v, k, found));
  else if (SECRET_NAME.test(key) && isLiteralSecret(value)) found.push(key);
}

/** No credential written into the configuration: secret-named attributes and variable defaults hold expressions. */
export function checkHardcodedSecrets(file: TerraformFile): TerraformFinding[] {
  const at = (message: string, line = 1): TerraformFinding => ({
    file: file.path,
    line,
    rule: 'secret',
    message,
  });
  const variable = file.body.variable;
  const found: string[] = [];
  literalSecrets(file.body, '', found);
  const attributes = found.map((key) => {
    const line = file.text.slice(0, file.text.search(new RegExp(`\\b${key}\\s*=\\s*"`))).split('\n').length;
    return at(`"${key}" is a literal string; generate it or read it from a secret store`, line);
  });
  const defaults = Object.entries(isBody(variable) ? variable : {})
    .filter(
      ([name, bodies]) =>
        SECRET_NAME.test(name) && (bodies as unknown[]).some((b) => isBody(b) && isLiteralSecret(b.default)),
    )
    .map(([name]) => at(`variable "${name}" has a literal default; secrets get no default`));
  const shapes = SECRET_SHAPES.filter(([shape]) => shape.test(file.text)).map(([shape, what]) =>
    at(`contains ${what}`, file.text.slice(0, file.text.search(shape)).split('\n').length),
  );
  return [...attributes, ...defaults, ...shapes].sort((a, b) => a.line - b.line);
}

/** Resource types that store data, and the literal settings that keep it encrypted. */
const ENCRYPTION_SETTINGS: Record<string, string[]> = {
  aws_db_instance: ['storage_encrypted'],
  aws_rds_cluster: ['storage_encrypted'],
  aws_elasticache_replication_group: ['at_rest_encryption_enabled', 'transit_encryption_enabled'],
};

const problem = (block: Block, message: string): TerraformFinding => ({
  file: block.file.path,
  line: block.line,
  rule: 'encryption',
  message: `${block.labels.join('.')}: ${message}`,
});

/**
 * Data at rest is encrypted, and not by a variable that could turn it off: RDS and ElastiCache
 * settings are literally `true`, every S3 bucket has a server-side encryption configuration, EKS
 * encrypts Kubernetes Secrets with KMS, Secrets Manager secrets use a customer-managed key.
 */
export function checkEncryption(module: TerraformModule): TerraformFinding[] {
  const resources = blocks(module, 'resource');
  const ofType = (type: string) => resources.filter((r) => r.labels[0] === type);
  const settings = resources.flatMap((r) =>
    (ENCRYPTION_SETTINGS[r.labels[0]!] ?? [])
      .filter((key) => !isLiteralTrue(r.body[key]))
      .map((key) => problem(r, `${key} must be true`)),
  );
  const sseTargets = ofType('aws_s3_bucket_server_side_encryption_configuration').map((r) =>
    String(r.body.bucket),
  );
  const buckets = ofType('aws_s3_bucket')
    .filter((bucket) => !sseTargets.some((target) => target.includes(`aws_s3_bucket.${bucket.labels[1]}.`)))
    .map((bucket) =>
      problem(bucket, 'no aws_s3_bucket_server_side_encryption_configuration for this bucket'),
    );
  const clusters = ofType('aws_eks_cluster')
    .filter((cluster) => !nested(cluster.body, 'encryption_config').some((c) => 'resources' in c))
    .map((cluster) => problem(cluster, 'no encryption_config (KMS envelope encryption of Secrets)'));
  const secrets = ofType('aws_secretsmanager_secret')
    .filter((secret) => secret.body.kms_key_id === undefined)
    .map((secret) => problem(secret, 'no kms_key_id (customer-managed key)'));
  return [...settings, ...buckets, ...clusters, ...secrets];
}
