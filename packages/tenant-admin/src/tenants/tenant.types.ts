import type { TenantSubject } from '@elara/access-control/subjects';
import type { Tier } from '@elara/ratelimit/tiers';
import type { Language } from '../shared/validation.ts';
import type { PageRequest } from '../shared/pagination.ts';

export interface CreateTenantInput {
  /** `^[a-z0-9][a-z0-9-]{1,62}$`, unique across tenants. */
  slug: string;
  /** 1 to 200 characters. */
  name: string;
  /** `standard` when unset. */
  tier?: Tier;
  /** The tenant's initial settings; `en` and none when unset. */
  defaultLanguage?: Language;
  /** Normalised like url rules: lowercase, punycode, host only. At most 50. */
  brandDomains?: string[];
}

export interface ListTenantsQuery extends PageRequest {
  status?: 'active' | 'suspended';
}

/** A tenant as the actor may see it. `tenantId` is the tenant's own id. */
export type TenantView = Partial<TenantSubject>;

export interface TenantRef {
  tenantId: string;
}
