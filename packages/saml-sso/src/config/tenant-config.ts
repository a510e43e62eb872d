import { normalizeCertificates } from './certificates.ts';
import { parseIdpMetadata } from './idp-metadata.ts';
import {
  NAME_ID_FORMATS,
  SAML_ROLES,
  SSO_BINDINGS,
  type AttributeMapping,
  type IdpSettings,
  type NameIdFormat,
  type RoleMapping,
  type SamlRole,
  type SsoBinding,
  type TenantSamlConfig,
} from './saml-config.types.ts';
import { SamlConfigError } from './saml-config-error.ts';
import { parseWebUrl } from './urls.ts';

export const DEFAULT_MAX_ASSERTION_AGE_SECONDS = 300;
export const MAX_ASSERTION_AGE_SECONDS = 3600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;
export const MAX_CLOCK_SKEW_SECONDS = 180;
const MAX_GROUP_MAPPINGS = 200;
const MAX_NAME_CHARS = 1024;

// Tenant ids and slugs end up in URLs and Redis keys (inside a `{hash tag}`): keep them plain.
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Validates a tenant's stored SAML configuration (the IdP from metadata XML or from fields, plus
 * the tenant's options) and fills in defaults. Throws {@link SamlConfigError} naming the field.
 */
export function parseTenantSamlConfig(input: unknown, nowMs: number = Date.now()): TenantSamlConfig {
  const raw = record(input, 'config');
  const tenantId = matching(raw.tenantId, TENANT_ID, 'tenantId');
  const slug = matching(raw.slug, SLUG, 'slug');
  const attributeMapping = parseAttributeMapping(raw.attributeMapping);
  const roleMapping = parseRoleMapping(raw.roleMapping, attributeMapping);
  return {
    tenantId,
    slug,
    idp: parseIdpSettings(raw.idp, nowMs),
    nameIdFormat: oneOf(
      raw.nameIdFormat ?? 'emailAddress',
      Object.keys(NAME_ID_FORMATS),
      'nameIdFormat',
    ) as NameIdFormat,
    attributeMapping,
    roleMapping,
    ssoOnly: boolean(raw.ssoOnly ?? false, 'ssoOnly'),
    maxAssertionAgeSeconds: integer(
      raw.maxAssertionAgeSeconds ?? DEFAULT_MAX_ASSERTION_AGE_SECONDS,
      1,
      MAX_ASSERTION_AGE_SECONDS,
      'maxAssertionAgeSeconds',
    ),
    clockSkewSeconds: integer(
      raw.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
      0,
      MAX_CLOCK_SKEW_SECONDS,
      'clockSkewSeconds',
    ),
  };
}

/** The IdP from `{ metadataXml }` or from `{ entityId, ssoUrl, ssoBinding?, certificates }`. */
export function parseIdpSettings(input: unknown, nowMs: number = Date.now()): IdpSettings {
  const raw = record(input, 'idp');
  if (raw.metadataXml !== undefined) {
    if (raw.entityId !== undefined || raw.ssoUrl !== undefined || raw.certificates !== undefined) {
      throw new SamlConfigError(
        'invalid_field',
        'give either metadataXml or the separate fields, not both',
        'idp',
      );
    }
    return parseIdpMetadata(raw.metadataXml as string, nowMs);
  }
  return {
    entityId: name(raw.entityId, 'idp.entityId'),
    ssoUrl: parseWebUrl(raw.ssoUrl, 'idp.ssoUrl'),
    ssoBinding: oneOf(raw.ssoBinding ?? 'HTTP-Redirect', SSO_BINDINGS, 'idp.ssoBinding') as SsoBinding,
    certificates: normalizeCertificates(raw.certificates, 'idp.certificates'),
  };
}

function parseAttributeMapping(input: unknown): AttributeMapping {
  const raw = input === undefined ? {} : record(input, 'attributeMapping');
  const optionalName = (value: unknown, field: string) => (value == null ? null : name(value, field));
  return {
    email: optionalName(raw.email, 'attributeMapping.email'),
    displayName: optionalName(raw.displayName, 'attributeMapping.displayName'),
    groups: optionalName(raw.groups, 'attributeMapping.groups'),
  };
}

function parseRoleMapping(input: unknown, attributes: AttributeMapping): RoleMapping {
  const raw = input === undefined ? {} : record(input, 'roleMapping');
  const groupsInput = raw.groups === undefined ? {} : record(raw.groups, 'roleMapping.groups');
  const entries = Object.entries(groupsInput);
  if (entries.length > MAX_GROUP_MAPPINGS) {
    throw new SamlConfigError(
      'invalid_field',
      `at most ${MAX_GROUP_MAPPINGS} group mappings`,
      'roleMapping.groups',
    );
  }
  const groups: Record<string, SamlRole> = Object.create(null) as Record<string, SamlRole>;
  for (const [group, role] of entries) {
    const field = `roleMapping.groups.${group}`;
    groups[name(group, field)] = oneOf(role, SAML_ROLES, field) as SamlRole;
  }
  const defaultRole =
    raw.defaultRole == null
      ? null
      : (oneOf(raw.defaultRole, SAML_ROLES, 'roleMapping.defaultRole') as SamlRole);
  if (entries.length > 0 && attributes.groups === null) {
    throw new SamlConfigError(
      'invalid_field',
      'group mappings need attributeMapping.groups',
      'roleMapping.groups',
    );
  }
  if (entries.length === 0 && defaultRole === null) {
    throw new SamlConfigError(
      'invalid_field',
      'no group mapping and no default role: nobody could sign in',
      'roleMapping',
    );
  }
  return { groups: Object.freeze(groups), defaultRole };
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SamlConfigError('invalid_field', 'must be an object', field);
  }
  return value as Record<string, unknown>;
}

function matching(value: unknown, pattern: RegExp, field: string): string {
  if (typeof value !== 'string' || !pattern.test(value))
    throw new SamlConfigError('invalid_field', 'invalid format', field);
  return value;
}

/** A SAML name (entity ID, attribute name, group value): non-empty, bounded, no control characters. */
function name(value: unknown, field: string): string {
  if (
    typeof value !== 'string' ||
    value.trim() !== value ||
    value.length === 0 ||
    value.length > MAX_NAME_CHARS ||
    hasControlCharacter(value)
  ) {
    throw new SamlConfigError(
      'invalid_field',
      'must be a non-empty string without surrounding spaces',
      field,
    );
  }
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function oneOf(value: unknown, allowed: readonly string[], field: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new SamlConfigError('invalid_field', `must be one of ${allowed.join(', ')}`, field);
  }
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new SamlConfigError('invalid_field', 'must be a boolean', field);
  return value;
}

function integer(value: unknown, min: number, max: number, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SamlConfigError('invalid_field', `must be an integer from ${min} to ${max}`, field);
  }
  return value;
}

export { parseIdpMetadata, MAX_METADATA_BYTES } from './idp-metadata.ts';
export { SamlConfigError, type SamlConfigProblem } from './saml-config-error.ts';
export {
  NAME_ID_FORMATS,
  SAML_ROLES,
  type AttributeMapping,
  type IdpSettings,
  type IdpSettingsInput,
  type NameIdFormat,
  type RoleMapping,
  type SamlRole,
  type SsoBinding,
  type TenantSamlConfig,
  type TenantSamlConfigInput,
} from './saml-config.types.ts';
