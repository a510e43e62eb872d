/** An API key as lists show it: never the secret, never its hash. */
export interface ApiKeySummary {
  tenantId: string;
  /** The key id, also inside the key itself. */
  id: string;
  name: string;
  /** The non-secret start of the key (`elk_<key id>`), so a user can tell their keys apart. */
  keyPrefix: string;
  scopes: string[];
  createdBy: string | null;
  /** The key this one replaced, when it was created by a rotation. */
  rotatedFrom: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

/** A new key: `apiKey` is shown to the user once and is not recoverable afterwards. */
export interface CreatedApiKey {
  apiKey: string;
  key: ApiKeySummary;
}

export interface NewApiKeyInput {
  tenantId: string;
  name: string;
  /** Permission names (see `@elara/access-control`); at least one. */
  scopes: readonly string[];
  /** The staff member creating it; null when an operator or the system does. */
  createdBy?: string | null;
  expiresAt?: Date | null;
}

/** Who is calling, once a key has authenticated. */
export interface ApiKeyPrincipal {
  tenantId: string;
  keyId: string;
  name: string;
  scopes: string[];
}
