import type { RecordAuditEventInput } from '@elara/audit-log/types';
import type { Pool } from '@elara/db/pool';
import type { PrismaClient } from '@elara/db/prisma';
import { createDeadLetterService } from '@elara/pipeline/dead-letters';
import type { Producer } from '@elara/queue/queues';
import type { SecretBox } from '@elara/secrets/secret-box';
import { createTenantOnboarding } from '@elara/tenancy/onboarding';
import { createTenantUrlRules } from '@elara/tenancy/url-rules';
import { createDeadLetterAdminService } from './dead-letters/dead-letter.service.ts';
import { createMessageService } from './messages/message.service.ts';
import { createRateLimitService } from './rate-limits/rate-limit.service.ts';
import { createSenderService } from './senders/sender.service.ts';
import { createSettingsService } from './settings/settings.service.ts';
import { createAuditTrail, type AuditSink } from './shared/audit-trail.ts';
import { createTenantService } from './tenants/tenant.service.ts';
import { createUrlRuleService } from './url-rules/url-rule.service.ts';
import { createWhatsappUserService } from './whatsapp-users/whatsapp-user.service.ts';

export type { AuditSink };

export interface TenantAdminDeps {
  /** The application role's pool (`elara_app`): every tenant read and write goes through RLS. */
  pool: Pool;
  /** Prisma over the same role, for `@elara/tenancy` (onboarding, senders, url rules). */
  prisma: PrismaClient;
  /** Seals sender auth tokens (`ELARA_SECRETS_KEY`). */
  secretBox: SecretBox;
  /** `@elara/audit-log`'s `createAuditLog({ pool })`, or anything with its `record`. */
  audit: AuditSink;
  /** The `whatsapp-inbound` producer, for re-driving dead letters. */
  producer: Producer<'whatsapp-inbound'>;
  /** Told when the audit event of a failed (denied or erroneous) attempt could not be recorded. */
  onAuditFailure?: (error: unknown, event: RecordAuditEventInput) => void;
}

/**
 * The domain services behind the admin API, built from the infrastructure. Every method takes the
 * request's `AdminContext` (`{ actor, ability }`) first, authorizes before it reads or writes,
 * works inside the tenant's RLS context and audits every change.
 */
export function createTenantAdmin(deps: TenantAdminDeps) {
  const { pool, prisma, secretBox, audit, producer, onAuditFailure } = deps;
  const trail = createAuditTrail({ audit, onAuditFailure });
  const onboarding = createTenantOnboarding({ prisma, secretBox });
  const tenants = createTenantService({ pool, onboarding, trail });
  return {
    tenants,
    settings: createSettingsService({ pool, trail }),
    rateLimits: createRateLimitService({ pool, tenants }),
    senders: createSenderService({ pool, onboarding, trail }),
    urlRules: createUrlRuleService({ pool, urlRules: createTenantUrlRules({ prisma }), trail }),
    whatsappUsers: createWhatsappUserService({ pool, trail }),
    messages: createMessageService({ pool }),
    deadLetters: createDeadLetterAdminService({
      pool,
      redriver: createDeadLetterService({ pool, producer }),
      trail,
    }),
  };
}

export type TenantAdmin = ReturnType<typeof createTenantAdmin>;
