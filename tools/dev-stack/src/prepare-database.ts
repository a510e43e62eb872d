import { createAccountService } from '@elara/identity/accounts';
import { resolveTenantSlug } from '@elara/identity/directory';
import { createPasswordHasher } from '@elara/identity/passwords';
import { ensureDatabase, ensureRoles, ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { migrateDatabase } from '@elara/db/migrate';
import { createPool } from '@elara/db/pool';
import { createPrismaClient } from '@elara/db/prisma';
import { createSecretBox, type SecretBox } from '@elara/secrets/secret-box';
import { senderTokenAad } from '@elara/whatsapp/senders';
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
  ).catch((error: Error) => {
    if (!/checksum/i.test(error.message)) throw error;
    // Only possible locally: a migration file changed after this database applied it.
    throw new Error(
      `${error.message}: this local database was migrated by an older checkout. ` +
        `Drop it (DROP DATABASE ${local.DATABASE_NAME}) or choose another DATABASE_NAME.`,
    );
  });
  return {
    appUrl: local.DATABASE_URL,
    migrationsApplied: applied,
  };
}

interface DemoSender {
  tenant_id: string;
  sender_id: string;
  account_sid: string;
  auth_token_sealed: string;
}

async function findDemoSender(appUrl: string, phoneNumber: string): Promise<DemoSender | undefined> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<DemoSender>('SELECT * FROM resolve_whatsapp_sender($1)', [
      phoneNumber,
    ]);
    return rows[0];
  } finally {
    await client.end();
  }
}

/** Whether the stored demo credentials are this checkout's (same account, token opens with our key). */
function isOurs(sender: DemoSender, secretBox: SecretBox, local: LocalDefaults): boolean {
  if (sender.account_sid !== local.DEMO_TWILIO_ACCOUNT_SID) return false;
  try {
    const aad = senderTokenAad(sender.tenant_id, sender.sender_id);
    return secretBox.open(sender.auth_token_sealed, aad) === local.DEMO_TWILIO_AUTH_TOKEN;
  } catch {
    return false;
  }
}

export type SeedOutcome = 'seeded' | 'present' | 'credentials replaced';

/**
 * The demo tenant: a bank with one WhatsApp number and its brand domains. When another checkout
 * seeded this database (with its own generated key and demo token), the demo number's credentials
 * are replaced by this checkout's, so the local stack and `pnpm elara send` agree.
 */
export async function seedDemoTenant(
  local: LocalDefaults,
  appUrl: string,
  secretsKey: string,
): Promise<SeedOutcome> {
  const secretBox = createSecretBox(secretsKey);
  const existing = await findDemoSender(appUrl, local.DEMO_WHATSAPP_NUMBER);
  if (existing && isOurs(existing, secretBox, local)) return 'present';
  const prisma = createPrismaClient(appUrl);
  try {
    const onboarding = createTenantOnboarding({ prisma, secretBox });
    const credentials = {
      accountSid: local.DEMO_TWILIO_ACCOUNT_SID,
      authToken: local.DEMO_TWILIO_AUTH_TOKEN,
    };
    if (existing) {
      await onboarding.replaceSenderCredentials(existing.tenant_id, existing.sender_id, credentials);
      return 'credentials replaced';
    }
    const tenant = await onboarding.createTenant({
      slug: 'demo-bank',
      name: 'Demo Bank',
      tier: 'standard',
      brandDomains: ['demobank.com', 'demobank.co.uk'],
    });
    await onboarding.addSender(tenant.id, { phoneNumber: local.DEMO_WHATSAPP_NUMBER, ...credentials });
    return 'seeded';
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * The demo tenant's console owner, so the admin API can be tried at once. Its password comes from
 * this checkout's `.elara/local.env`; a database seeded by another checkout gets ours.
 */
export async function seedDemoOwner(local: LocalDefaults, appUrl: string): Promise<string | null> {
  if (!local.DEMO_OWNER_PASSWORD) return null;
  const pool = createPool({ connectionString: appUrl, max: 1, applicationName: 'elara-seed' });
  try {
    const tenant = await resolveTenantSlug(pool, 'demo-bank');
    if (!tenant) return null;
    const accounts = createAccountService({ pool, passwords: createPasswordHasher() });
    const existing = (await accounts.listUsers(tenant.tenantId)).find(
      (u) => u.email === local.DEMO_OWNER_EMAIL,
    );
    if (existing) await accounts.setPassword(tenant.tenantId, existing.id, local.DEMO_OWNER_PASSWORD);
    else
      await accounts.createUser({
        tenantId: tenant.tenantId,
        email: local.DEMO_OWNER_EMAIL,
        displayName: 'Demo owner',
        role: 'owner',
        password: local.DEMO_OWNER_PASSWORD,
      });
    return local.DEMO_OWNER_EMAIL;
  } finally {
    await pool.end();
  }
}
