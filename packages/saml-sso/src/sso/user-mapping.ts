import type { TenantSamlConfig } from '../config/saml-config.types.ts';
import { SAML_ROLES, type SamlRole } from '../config/saml-config.types.ts';
import type { AssertionClaims } from './assertion-claims.ts';
import { SamlRejected } from './saml-rejected.ts';

export interface MappedUser {
  email: string;
  displayName: string | null;
  role: SamlRole;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;
const MAX_EMAIL_CHARS = 254;
const MAX_DISPLAY_NAME_CHARS = 256;

/**
 * The user fields from a verified assertion, per the tenant's attribute and role mapping. The
 * email is lower-cased. Several groups: the most privileged mapped role wins. No mapped group:
 * the tenant's default role, or `no_role` when it has none.
 */
export function mapUser(tenant: TenantSamlConfig, claims: AssertionClaims): MappedUser {
  return {
    email: resolveEmail(tenant, claims),
    displayName: resolveDisplayName(tenant, claims),
    role: resolveRole(tenant, claims),
  };
}

function resolveEmail(tenant: TenantSamlConfig, claims: AssertionClaims): string {
  const attributeName = tenant.attributeMapping.email;
  const candidates = attributeName === null ? [claims.nameId] : values(claims, attributeName);
  const distinct = [...new Set(candidates.map((v) => v.trim().toLowerCase()))];
  if (distinct.length !== 1) throw new SamlRejected('missing_identity', 'expected exactly one email value');
  const email = distinct[0]!;
  if (email.length > MAX_EMAIL_CHARS || !EMAIL.test(email)) {
    throw new SamlRejected('missing_identity', 'email value is not an email address');
  }
  return email;
}

function resolveDisplayName(tenant: TenantSamlConfig, claims: AssertionClaims): string | null {
  const attributeName = tenant.attributeMapping.displayName;
  if (attributeName === null) return null;
  // eslint-disable-next-line no-control-regex -- control characters have no place in a name shown in the console
  const name = (values(claims, attributeName)[0] ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return name === '' ? null : name.slice(0, MAX_DISPLAY_NAME_CHARS);
}

function resolveRole(tenant: TenantSamlConfig, claims: AssertionClaims): SamlRole {
  const groupsAttribute = tenant.attributeMapping.groups;
  const { groups, defaultRole } = tenant.roleMapping;
  const mapped = (groupsAttribute === null ? [] : values(claims, groupsAttribute))
    .filter((group) => Object.hasOwn(groups, group))
    .map((group) => groups[group]!);
  const best = SAML_ROLES.find((role) => mapped.includes(role)) ?? defaultRole;
  if (best === null)
    throw new SamlRejected('no_role', 'no group maps to a role and there is no default role');
  return best;
}

function values(claims: AssertionClaims, attributeName: string): readonly string[] {
  return claims.attributes.get(attributeName) ?? [];
}
