import { randomBytes, randomInt } from 'node:crypto';
import type { PrismaClient } from '@elara/db/prisma';
import type { SecretBox } from '@elara/secrets/secret-box';
import { createTenantOnboarding, type NewTenantInput } from '@elara/tenancy/onboarding';

export interface BuiltTenant {
  id: string;
  slug: string;
  name: string;
}

export interface BuiltSender {
  id: string;
  tenantId: string;
  phoneNumber: string;
  accountSid: string;
  authToken: string;
}

export const randomPhone = (): string => `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
export const randomAccountSid = (): string => `AC${randomBytes(16).toString('hex')}`;
export const randomMessageSid = (): string => `SM${randomBytes(16).toString('hex')}`;

/** Test data through the same onboarding code the product uses. */
export function createBuilders({ prisma, secretBox }: { prisma: PrismaClient; secretBox: SecretBox }) {
  const onboarding = createTenantOnboarding({ prisma, secretBox });
  return {
    async newTenant(overrides: Partial<NewTenantInput> = {}): Promise<BuiltTenant> {
      const slug = overrides.slug ?? `t-${randomBytes(5).toString('hex')}`;
      const name = overrides.name ?? `Tenant ${slug}`;
      const { id } = await onboarding.createTenant({
        brandDomains: ['demobank.com'],
        ...overrides,
        slug,
        name,
      });
      return { id, slug, name };
    },

    async newSender(
      tenantId: string,
      overrides: Partial<Omit<BuiltSender, 'id' | 'tenantId'>> = {},
    ): Promise<BuiltSender> {
      const sender = {
        phoneNumber: overrides.phoneNumber ?? randomPhone(),
        accountSid: overrides.accountSid ?? randomAccountSid(),
        authToken: overrides.authToken ?? randomBytes(16).toString('hex'),
      };
      const { id } = await onboarding.addSender(tenantId, sender);
      return { id, tenantId, ...sender };
    },
  };
}

export type Builders = ReturnType<typeof createBuilders>;
