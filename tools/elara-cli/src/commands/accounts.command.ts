import { randomBytes } from 'node:crypto';
import { createPool } from '@elara/db/pool';
import type { LocalDefaults } from '@elara/dev-stack/local-defaults';
import { createAccountService } from '@elara/identity/accounts';
import { createPasswordHasher } from '@elara/identity/passwords';
import { isTenantRole } from '@elara/identity/types';
import { createAuditLog } from '@elara/audit-log/service';
import { resolveTenantId } from './tenant-lookup.ts';

const USAGE = `usage: pnpm elara accounts create-platform-admin <email>
       pnpm elara accounts create-user <tenant-slug> <email> <owner|admin|analyst|viewer>
The password is read from ELARA_NEW_PASSWORD, or generated and printed once.`;

/** A password given by the operator, or a fresh one printed once. */
function initialPassword(): { password: string; generated: boolean } {
  const given = process.env.ELARA_NEW_PASSWORD;
  if (given) return { password: given, generated: false };
  return { password: randomBytes(18).toString('base64url'), generated: true };
}

/**
 * `elara accounts ...`: bootstrap accounts from the command line, which is where the first
 * platform admin and a new tenant's first owner come from. Each creation is audited as `system`.
 */
export async function accountsCommand(
  env: Pick<LocalDefaults, 'DATABASE_URL'>,
  args: string[],
): Promise<void> {
  const [action, ...rest] = args;
  const pool = createPool({ connectionString: env.DATABASE_URL, max: 2, applicationName: 'elara-cli' });
  const accounts = createAccountService({ pool, passwords: createPasswordHasher() });
  const audit = createAuditLog({ pool });
  const { password, generated } = initialPassword();
  try {
    if (action === 'create-platform-admin' && rest.length === 1) {
      const admin = await accounts.createPlatformAdmin({ email: rest[0] as string, password });
      await audit.record({
        tenantId: null,
        actor: { type: 'system', display: 'elara-cli' },
        action: 'platform_admin.create',
        target: { type: 'platform_admin', id: admin.id },
        outcome: 'success',
      });
      console.log(`Platform admin ${admin.email} created (${admin.id}).`);
    } else if (action === 'create-user' && rest.length === 3 && isTenantRole(rest[2])) {
      const tenantId = await resolveTenantId(pool, rest[0] as string);
      const user = await accounts.createUser({
        tenantId,
        email: rest[1] as string,
        displayName: rest[1] as string,
        role: rest[2],
        password,
      });
      await audit.record({
        tenantId,
        actor: { type: 'system', display: 'elara-cli' },
        action: 'admin_user.create',
        target: { type: 'admin_user', id: user.id },
        outcome: 'success',
      });
      console.log(`User ${user.email} (${user.role}) created in ${rest[0]} (${user.id}).`);
    } else {
      throw new Error(USAGE);
    }
    if (generated) console.log(`Initial password (shown once): ${password}`);
  } finally {
    await pool.end();
  }
}
