import { ENTRY_POINTS, spawnService, waitForHttp, type ServiceProcess } from '@elara/testkit/processes';
import { loadLocalDefaults } from './local-defaults.ts';
import { loadLocalEnv } from './local-env.ts';
import { prepareDatabase, seedDemoOwner, seedDemoTenant } from './prepare-database.ts';

/*
 * `pnpm start`: the whole of Elara on this machine. Prepares the database, seeds the demo tenant,
 * then runs the Twilio sandbox, API, worker and scheduler as separate processes until Ctrl-C.
 */
loadLocalEnv();
const local = loadLocalDefaults(process.env);
const db = await prepareDatabase(local);
const seeded = await seedDemoTenant(local, db.appUrl, local.ELARA_SECRETS_KEY);
const demoOwner = await seedDemoOwner(local, db.appUrl);

const sandboxPort = new URL(local.SANDBOX_URL).port || '3100';
const apiPort = new URL(local.API_URL).port || '3000';
const shared = {
  DATABASE_URL: local.DATABASE_URL,
  TWILIO_API_BASE_URL: local.SANDBOX_URL,
  PUBLIC_BASE_URL: local.PUBLIC_BASE_URL,
};
const services: ServiceProcess[] = [
  spawnService('sandbox', ENTRY_POINTS.sandbox, {
    echo: true,
    env: {
      SANDBOX_PORT: sandboxPort,
      SANDBOX_ACCOUNTS: `${local.DEMO_TWILIO_ACCOUNT_SID}:${local.DEMO_TWILIO_AUTH_TOKEN}`,
    },
  }),
  spawnService('api', ENTRY_POINTS.api, { echo: true, env: { ...shared, PORT: apiPort } }),
  spawnService('worker', ENTRY_POINTS.worker, { echo: true, env: shared }),
  spawnService('scheduler', ENTRY_POINTS.scheduler, { echo: true, env: shared }),
];

let stopping = false;
async function stopAll(code: number): Promise<never> {
  stopping = true;
  await Promise.all(services.map((s) => s.stop('SIGTERM')));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
for (const s of services) {
  s.child.once('exit', (code) => {
    if (stopping) return;
    console.error(`[${s.name}] exited with code ${code}; stopping the stack`);
    void stopAll(1);
  });
}

await waitForHttp(`${local.SANDBOX_URL}/__sandbox/health`);
await waitForHttp(`${local.API_URL}/health/ready`);
console.log(`
Elara is running.
  API (Twilio webhook)  ${local.API_URL}/webhooks/twilio/whatsapp   (public URL ${local.PUBLIC_BASE_URL})
  Health                ${local.API_URL}/health/ready
  Twilio sandbox        ${local.SANDBOX_URL}   (messages: ${local.SANDBOX_URL}/__sandbox/messages)
  Database              ${local.DATABASE_NAME} as elara_app; migrations applied now: ${db.migrationsApplied.length}
  Demo tenant           Demo Bank, WhatsApp ${local.DEMO_WHATSAPP_NUMBER} (${seeded})
  Admin API             ${local.API_URL}/api/v1 (OpenAPI: /api/v1/openapi.json); console owner ${demoOwner ?? '(none)'},
                        tenant "demo-bank", password DEMO_OWNER_PASSWORD in .elara/local.env

Try it in another terminal:  pnpm elara send "Your parcel is held, pay the fee at http://dhl-fee.top/pay"
                             pnpm elara chat
Ctrl-C stops everything.
`);
