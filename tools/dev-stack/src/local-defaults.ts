import { z } from 'zod';
import { parseEnv } from '@elara/config/env';

/** What the local stack and the CLI need beyond each service's own config; all overridable. */
const localEnv = z.object({
  DATABASE_ADMIN_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('elara'),
  API_URL: z.url().default('http://127.0.0.1:3000'),
  PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
  SANDBOX_URL: z.url().default('http://127.0.0.1:3100'),
  DEMO_TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/),
  DEMO_TWILIO_AUTH_TOKEN: z.string().min(16),
  DEMO_WHATSAPP_NUMBER: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/)
    .default('+14155238886'),
  DEMO_USER_NUMBER: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/)
    .default('+15551230001'),
});

export type LocalDefaults = z.output<typeof localEnv>;

export function loadLocalDefaults(env: NodeJS.ProcessEnv): LocalDefaults {
  return parseEnv(localEnv, env);
}
