import {
  databaseEnv,
  httpEnv,
  logEnv,
  parseEnv,
  pipelineEnv,
  publicUrlEnv,
  redisEnv,
  secretsEnv,
} from '@elara/config/env';

const apiEnv = logEnv
  .extend(databaseEnv.shape)
  .extend(redisEnv.shape)
  .extend(secretsEnv.shape)
  .extend(publicUrlEnv.shape)
  .extend(httpEnv.shape)
  .extend(pipelineEnv.shape);

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** The API's configuration, validated once at start-up. */
export function loadApiConfig(env: NodeJS.ProcessEnv) {
  return parseEnv(apiEnv, env);
}
