import { z } from 'zod';
import { ROLES, withUserAndDatabase } from '@elara/db/bootstrap';
import { parseEnv, redisEnv, retryEnv, secretsEnv } from '@elara/config/env';

const e164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/);

/** What the local stack and the CLI need beyond each service's own config; all overridable. */
const localEnv = z
  .object({
    DATABASE_ADMIN_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
    DATABASE_NAME: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .default('elara'),
    /** The application role's URL; derived from the admin URL and database name when unset. */
    DATABASE_URL: z.url().optional(),
    API_URL: z.url().default('http://127.0.0.1:3000'),
    PUBLIC_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    SANDBOX_URL: z.url().default('http://127.0.0.1:3100'),
    DEMO_TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-f]{32}$/),
    DEMO_TWILIO_AUTH_TOKEN: z.string().min(16),
    DEMO_WHATSAPP_NUMBER: e164.default('+14155238886'),
    DEMO_USER_NUMBER: e164.default('+15551230001'),
    /** The demo tenant's console owner, owner@demobank.example, signs in with this. */
    DEMO_OWNER_EMAIL: z.email().default('owner@demobank.example'),
    DEMO_OWNER_PASSWORD: z.string().min(12).optional(),
  })
  .extend(redisEnv.shape)
  .extend(retryEnv.shape)
  .extend(secretsEnv.shape)
  .transform((env) => ({
    ...env,
    DATABASE_URL:
      env.DATABASE_URL ?? withUserAndDatabase(env.DATABASE_ADMIN_URL, ROLES.app, env.DATABASE_NAME),
  }));

export type LocalDefaults = z.output<typeof localEnv>;

/** The local tools' configuration, validated once (the same way the services do theirs). */
export function loadLocalDefaults(env: NodeJS.ProcessEnv): LocalDefaults {
  return parseEnv(localEnv, env);
}
