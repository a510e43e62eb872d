import { ensureDatabase, ensureRoles, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { migrateDatabase } from '@elara/db/migrate';
import { createPrismaClient } from '@elara/db/prisma';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createTenantOnboarding } from '@elara/tenancy/onboarding';
import pg from 'pg';
import type { LocalDefaults } from './local-defaults.ts';

export interface PreparedDatabase {
  appUrl: string;
  migrationsApplied: string[];
  seeded: boolean;
}

/** Roles, database, migrations: everything `start` needs before the services boot. Idempotent. */
export async function prepareDatabase(local: LocalDefaults): Promise<Omit<PreparedDatabase, 'seeded'>> {
  await ensureRoles(local.DATABASE_ADMIN_URL);
  await ensureDatabase(local.DATABASE_ADMIN_URL, local.DATABASE_NAME);
  const { applied } = await migrateDatabase(
    withUserAndDatabase(local.DATABASE_ADMIN_URL, ROLES.owner, local.DATABASE_NAME),
  );
  return {
    appUrl: local.DATABASE_URL,
    migrationsApplied: applied,
  };
}

/** The demo tenant: a bank with one WhatsApp number and its brand domains. Skipped if present. */
export async function seedDemoTenant(
  local: LocalDefaults,
  appUrl: string,
  secretsKey: string,
): Promise<boolean> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  const { rowCount } = await client.query('SELECT 1 FROM resolve_whatsapp_sender($1)', [
    local.DEMO_WHATSAPP_NUMBER,
  ]);
  await client.end();
  if (rowCount) return false;
  const prisma = createPrismaClient(appUrl);
  try {
    const onboarding = createTenantOnboarding({ prisma, secretBox: createSecretBox(secretsKey) });
    const tenant = await onboarding.createTenant({
      slug: 'demo-bank',
      name: 'Demo Bank',
      tier: 'standard',
      brandDomains: ['demobank.com', 'demobank.co.uk'],
    });
    await onboarding.addSender(tenant.id, {
      phoneNumber: local.DEMO_WHATSAPP_NUMBER,
      accountSid: local.DEMO_TWILIO_ACCOUNT_SID,
      authToken: local.DEMO_TWILIO_AUTH_TOKEN,
    });
    return true;
  } finally {
    await prisma.$disconnect();
  }
}
