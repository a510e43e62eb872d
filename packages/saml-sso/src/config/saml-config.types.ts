/** Roles an SSO login can be given in the admin console, most privileged first. */
export const SAML_ROLES = ['owner', 'admin', 'analyst', 'viewer'] as const;
export type SamlRole = (typeof SAML_ROLES)[number];

export const SSO_BINDINGS = ['HTTP-Redirect', 'HTTP-POST'] as const;
/** How the browser carries our AuthnRequest to the IdP. */
export type SsoBinding = (typeof SSO_BINDINGS)[number];

/** NameID formats we may ask the IdP for (SAML core 8.3). */
export const NAME_ID_FORMATS = {
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
} as const;
export type NameIdFormat = keyof typeof NAME_ID_FORMATS;

/** The tenant's identity provider: who it is, where to send users, which keys sign for it. */
export interface IdpSettings {
  entityId: string;
  ssoUrl: string;
  ssoBinding: SsoBinding;
  /** PEM certificates (RSA, 2048 bits or more); the only keys trusted for this tenant. */
  certificates: readonly string[];
}

/** Which SAML attribute (by its Name) carries each user field; null for email means "use the NameID". */
export interface AttributeMapping {
  email: string | null;
  displayName: string | null;
  groups: string | null;
}

/** Group value to role; users with no mapped group get `defaultRole`, or are refused when it is null. */
export interface RoleMapping {
  groups: Readonly<Record<string, SamlRole>>;
  defaultRole: SamlRole | null;
}

/** A tenant's validated SAML configuration, as `parseTenantSamlConfig` returns it. */
export interface TenantSamlConfig {
  tenantId: string;
  /** URL slug: the SP entity ID and ACS URL are derived from it, so it selects the tenant. */
  slug: string;
  idp: IdpSettings;
  nameIdFormat: NameIdFormat;
  attributeMapping: AttributeMapping;
  roleMapping: RoleMapping;
  /** Password login disabled for this tenant's users (enforced by the identity package). */
  ssoOnly: boolean;
  maxAssertionAgeSeconds: number;
  clockSkewSeconds: number;
}

/** The IdP either as its metadata XML or as separate fields. */
export type IdpSettingsInput =
  | { metadataXml: string }
  | { entityId: string; ssoUrl: string; ssoBinding?: SsoBinding; certificates: readonly string[] };

/** What `parseTenantSamlConfig` accepts (stored tenant configuration, e.g. JSON from the database). */
export interface TenantSamlConfigInput {
  tenantId: string;
  slug: string;
  idp: IdpSettingsInput;
  nameIdFormat?: NameIdFormat;
  attributeMapping?: Partial<AttributeMapping>;
  roleMapping?: { groups?: Record<string, SamlRole>; defaultRole?: SamlRole | null };
  ssoOnly?: boolean;
  maxAssertionAgeSeconds?: number;
  clockSkewSeconds?: number;
}
