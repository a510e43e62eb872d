import { randomUUID } from 'node:crypto';
import { withTenantPrisma, type PrismaClient } from '@elara/db/prisma';
import type { SecretBox } from '@elara/secrets/secret-box';
import { senderTokenAad } from '@elara/whatsapp/senders';

export interface NewTenantInput {
  slug: string;
  name: string;
  tier?: 'free' | 'standard' | 'enterprise';
  defaultLanguage?: string;
  brandDomains?: string[];
}

export interface NewSenderInput {
  phoneNumber: string;
  accountSid: string;
  /** Sealed before it reaches the database; never returned. */
  authToken: string;
}

/**
 * Creating tenants and their WhatsApp numbers. A new tenant is written inside its own tenant
 * context (its id chosen here), so even creation passes row-level security's WITH CHECK.
 */
export function createTenantOnboarding({
  prisma,
  secretBox,
}: {
  prisma: PrismaClient;
  secretBox: SecretBox;
}) {
  return {
    async createTenant(input: NewTenantInput): Promise<{ id: string }> {
      const id = randomUUID();
      await withTenantPrisma(prisma, id, (tx) =>
        tx.tenant.create({
          data: {
            id,
            slug: input.slug,
            name: input.name,
            tier: input.tier ?? 'standard',
            defaultLanguage: input.defaultLanguage ?? 'en',
            brandDomains: input.brandDomains ?? [],
          },
        }),
      );
      return { id };
    },

    async addSender(tenantId: string, input: NewSenderInput): Promise<{ id: string }> {
      const id = randomUUID();
      const authTokenSealed = secretBox.seal(input.authToken, senderTokenAad(tenantId, id));
      await withTenantPrisma(prisma, tenantId, (tx) =>
        tx.whatsappSender.create({
          data: {
            tenantId,
            id,
            phoneNumber: input.phoneNumber,
            accountSid: input.accountSid,
            authTokenSealed,
          },
        }),
      );
      return { id };
    },

    /** New Twilio credentials for a sender (a rotated token, or another account). */
    async replaceSenderCredentials(
      tenantId: string,
      senderId: string,
      input: Omit<NewSenderInput, 'phoneNumber'>,
    ) {
      const authTokenSealed = secretBox.seal(input.authToken, senderTokenAad(tenantId, senderId));
      await withTenantPrisma(prisma, tenantId, (tx) =>
        tx.whatsappSender.update({
          where: { tenantId_id: { tenantId, id: senderId } },
          data: { accountSid: input.accountSid, authTokenSealed },
        }),
      );
    },
  };
}

export type TenantOnboarding = ReturnType<typeof createTenantOnboarding>;
