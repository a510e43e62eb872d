import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureKubeTools } from '@elara/deploy-checks/kube-tools';
import {
  blocks,
  checkTerraformTree,
  formatFindings,
  loadTerraformTree,
  nested,
  plainBlocks,
  type TerraformModule,
} from '@elara/deploy-checks/terraform-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { chartDefaults, render, repoRoot, valueAt } from './chart.ts';

/*
 * Terraform cannot run here (no binary, no network), so terraform/ is held to what can be
 * checked offline: HCL that parses, fmt's layout, module interfaces and references, pinned
 * providers, no literal secrets, encrypted storage; then the settings Elara depends on, and the
 * Helm values the production environment outputs, rendered with the real chart.
 */
const terraformDir = path.join(repoRoot, 'terraform');
const MODULES = ['network', 'eks', 'postgres', 'redis', 'media-bucket', 'secrets', 'irsa-role'];

let modules: TerraformModule[];
const moduleAt = (dir: string) => {
  const found = modules.find((m) => m.dir === path.join(terraformDir, dir));
  if (!found) throw new Error(`no Terraform module in terraform/${dir}`);
  return found;
};
const resource = (module: TerraformModule, type: string, name: string) => {
  const found = blocks(module, 'resource').find((b) => b.labels[0] === type && b.labels[1] === name);
  if (!found) throw new Error(`${module.dir} has no ${type}.${name}`);
  return found.body;
};
const variableDefault = (module: TerraformModule, name: string) =>
  blocks(module, 'variable').find((b) => b.labels[0] === name)?.body.default;

beforeAll(async () => {
  modules = (await loadTerraformTree(terraformDir)).modules;
});

describe('terraform/', () => {
  it('passes every offline check: parse, fmt layout, interfaces, references, pins, secrets, encryption', async () => {
    expect(formatFindings(await checkTerraformTree(terraformDir))).toBe('');
  });

  it.each(MODULES)('module %s has main.tf, variables.tf, outputs.tf, versions.tf and a README', (name) => {
    const missing = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md'].filter(
      (file) => !existsSync(path.join(terraformDir, 'modules', name, file)),
    );
    expect(missing).toEqual([]);
  });

  it('the production environment calls every module but the shared IRSA role by its path', () => {
    const sources = blocks(moduleAt('environments/production'), 'module').map((m) => m.body.source);
    for (const name of MODULES.filter((m) => m !== 'irsa-role'))
      expect(sources).toContain(`../../modules/${name}`);
  });
});

describe('settings Elara depends on', () => {
  it('Redis: the replication group uses a parameter group with maxmemory-policy noeviction (BullMQ)', () => {
    const redis = moduleAt('modules/redis');
    const parameters = nested(resource(redis, 'aws_elasticache_parameter_group', 'this'), 'parameter');
    expect(parameters).toContainEqual({ name: 'maxmemory-policy', value: 'noeviction' });
    const group = resource(redis, 'aws_elasticache_replication_group', 'this');
    expect(group.parameter_group_name).toBe('${aws_elasticache_parameter_group.this.name}');
    expect(group).toMatchObject({ automatic_failover_enabled: true, multi_az_enabled: true });
  });

  it('PostgreSQL 17: TLS forced, master password managed by RDS, Multi-AZ and a read replica by default', () => {
    const postgres = moduleAt('modules/postgres');
    const parameterGroup = resource(postgres, 'aws_db_parameter_group', 'this');
    expect(parameterGroup.family).toBe('postgres17');
    expect(nested(parameterGroup, 'parameter')).toContainEqual({ name: 'rds.force_ssl', value: '1' });
    expect(resource(postgres, 'aws_db_instance', 'primary')).toMatchObject({
      manage_master_user_password: true,
      performance_insights_enabled: true,
      skip_final_snapshot: false,
    });
    expect(variableDefault(postgres, 'multi_az')).toBe(true);
    expect(variableDefault(postgres, 'deletion_protection')).toBe(true);
    expect(variableDefault(postgres, 'read_replica_count')).toBe(1);
  });

  it('media bucket: forwarded media expires after 30 days by default', () => {
    const bucket = moduleAt('modules/media-bucket');
    expect(variableDefault(bucket, 'expiration_days')).toBe(30);
    const lifecycle = resource(bucket, 'aws_s3_bucket_lifecycle_configuration', 'this');
    const expiry = nested(lifecycle, 'rule').flatMap((rule) => nested(rule, 'expiration'));
    expect(expiry).toContainEqual({ days: '${var.expiration_days}' });
  });
});

/** `helm_values` with each expression replaced: variables by their default, module outputs by the chart's own default at that key. */
function placeholderValues(
  value: unknown,
  chartValue: unknown,
  variables: TerraformModule,
  at: string,
): unknown {
  if (typeof value === 'string' && value.includes('${')) {
    const variable = /^\$\{var\.([\w-]+)\}$/.exec(value)?.[1];
    if (variable) return variableDefault(variables, variable);
    if (chartValue === undefined)
      throw new Error(`helm_values.${at} is not a key of charts/elara/values.yaml`);
    return chartValue;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (chartValue === undefined)
      throw new Error(`helm_values.${at} is not a key of charts/elara/values.yaml`);
    return value;
  }
  if (isFreeFormMap(chartValue)) return freeFormPlaceholders(value);
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      placeholderValues(inner, valueAt(chartValue, key), variables, at ? `${at}.${key}` : key),
    ]),
  );
}

/** A key whose chart default is `{}` (annotations, env) takes any keys: the schema judges them. */
function isFreeFormMap(chartValue: unknown): boolean {
  return typeof chartValue === 'object' && chartValue !== null && Object.keys(chartValue).length === 0;
}

function freeFormPlaceholders(value: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      typeof inner === 'string' && inner.includes('${') ? `placeholder-for-${key}` : inner,
    ]),
  );
}

describe('helm_values output', () => {
  let production: TerraformModule;
  let helmValues: Record<string, unknown>;
  let scratch: string;

  beforeAll(async () => {
    production = moduleAt('environments/production');
    const locals = plainBlocks(production, 'locals').find(({ body }) => 'helm_values' in body);
    helmValues = locals!.body.helm_values as Record<string, unknown>;
    scratch = await mkdtemp(path.join(tmpdir(), 'terraform-helm-values-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('is the YAML of local.helm_values: external datastores and the synced secret', () => {
    const output = blocks(production, 'output').find((o) => o.labels[0] === 'helm_values');
    expect(output?.body.value).toBe('${yamlencode(local.helm_values)}');
    expect(valueAt(helmValues, 'postgres.mode')).toBe('external');
    expect(valueAt(helmValues, 'redis.mode')).toBe('external');
    expect(valueAt(helmValues, 'secrets.existingSecret')).toBe('${var.app_secret_name}');
  });

  it('renders with charts/elara: every key exists there and the schema accepts the values', async () => {
    const { helm } = await ensureKubeTools();
    const values = placeholderValues(helmValues, chartDefaults(), production, '');
    const file = path.join(scratch, 'values-infra.yaml');
    await writeFile(file, stringify(values));
    const objects = await render(helm, { valuesFiles: [file] });
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata?.name);
    expect(deployments).toEqual(expect.arrayContaining(['elara-api', 'elara-worker', 'elara-scheduler']));
    expect(objects.some((o) => o.kind === 'StatefulSet')).toBe(false);
    const roleOf = (name: string) =>
      objects.find((o) => o.kind === 'ServiceAccount' && o.metadata?.name === name)?.metadata?.annotations?.[
        'eks.amazonaws.com/role-arn'
      ];
    expect([roleOf('elara-api'), roleOf('elara-worker'), roleOf('elara-scheduler')]).toEqual([
      'placeholder-for-eks.amazonaws.com/role-arn',
      'placeholder-for-eks.amazonaws.com/role-arn',
      undefined,
    ]);
  }, 120_000);
});
