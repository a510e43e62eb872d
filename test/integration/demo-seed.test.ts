import { randomBytes } from 'node:crypto';
import { loadLocalDefaults } from '@elara/dev-stack/local-defaults';
import { seedDemoTenant } from '@elara/dev-stack/prepare-database';
import { createPool } from '@elara/db/pool';
import { createSecretBox } from '@elara/secrets/secret-box';
import { createTestDatabase, type TestDatabase } from '@elara/testkit/database';
import { createSenderDirectory } from '@elara/whatsapp/senders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

/** One checkout's local settings: its own generated key and demo credentials. */
function checkout() {
  return loadLocalDefaults({
    DATABASE_URL: db.appUrl,
    ELARA_SECRETS_KEY: randomBytes(32).toString('base64'),
    DEMO_TWILIO_ACCOUNT_SID: `AC${randomBytes(16).toString('hex')}`,
    DEMO_TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
  });
}

describe('the demo tenant seed', () => {
  it('seeds once, then finds it present', async () => {
    const local = checkout();
    expect(await seedDemoTenant(local, db.appUrl, local.ELARA_SECRETS_KEY)).toBe('seeded');
    expect(await seedDemoTenant(local, db.appUrl, local.ELARA_SECRETS_KEY)).toBe('present');
  });

  it('takes the demo number over for a second checkout with another key, so its webhooks verify', async () => {
    const second = checkout();
    expect(await seedDemoTenant(second, db.appUrl, second.ELARA_SECRETS_KEY)).toBe('credentials replaced');
    const pool = createPool({ connectionString: db.appUrl, max: 1, applicationName: 'test' });
    const directory = createSenderDirectory({ pool, secretBox: createSecretBox(second.ELARA_SECRETS_KEY) });
    const sender = await directory.resolve(second.DEMO_WHATSAPP_NUMBER);
    await pool.end();
    expect(sender).toMatchObject({
      accountSid: second.DEMO_TWILIO_ACCOUNT_SID,
      authToken: second.DEMO_TWILIO_AUTH_TOKEN,
    });
  });
});
