import type { Redis } from 'ioredis';
import type { TierLimits } from './tier-limits.ts';

export type RateLimitScope = 'user' | 'tenant';

export type RateLimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      scope: RateLimitScope;
      /** First rejection in this window: tell the user once. */ notify: boolean;
    };

/*
 * Fixed windows per user (minute, day) and per tenant (minute), counted in one round trip.
 * A message over the user's limit does not count against the tenant (it does count toward the
 * user's own day). The notice key is set NX for a minute (for the rest of the day once the daily
 * limit is hit), so an over-limit user hears about it once, not once per message.
 */
const CHECK_SCRIPT = `
local function hit(key, ttl)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, ttl) end
  return n
end
local userMinute = hit(KEYS[1], 60000)
local userDay = hit(KEYS[2], 86400000)
local scope = nil
if userMinute > tonumber(ARGV[1]) or userDay > tonumber(ARGV[2]) then
  scope = 'user'
elseif hit(KEYS[3], 60000) > tonumber(ARGV[3]) then
  scope = 'tenant'
end
if not scope then return {1, '', 0} end
local ttl = userDay > tonumber(ARGV[2]) and redis.call('PTTL', KEYS[2]) or 60000
local notify = redis.call('SET', KEYS[4], '1', 'PX', ttl, 'NX') and 1 or 0
return {0, scope, notify}
`;

export interface RateLimiter {
  check(input: { tenantId: string; userId: string; limits: TierLimits }): Promise<RateLimitDecision>;
}

/** Tier-based limits per WhatsApp user and per tenant, kept in Redis so every worker shares them. */
export function createRateLimiter(redis: Redis, prefix: string): RateLimiter {
  // defineCommand runs EVALSHA and falls back to EVAL when Redis lost its script cache.
  redis.defineCommand('elaraRateLimit', { numberOfKeys: 4, lua: CHECK_SCRIPT });
  const run = (
    redis as unknown as Record<string, (...args: (string | number)[]) => Promise<[number, string, number]>>
  ).elaraRateLimit!;
  return {
    async check({ tenantId, userId, limits }) {
      const now = Date.now();
      const minute = Math.floor(now / 60_000);
      const day = Math.floor(now / 86_400_000);
      const base = `${prefix}:rl:{${tenantId}}`;
      const [allowed, scope, notify] = await run.call(
        redis,
        `${base}:u:${userId}:m:${minute}`,
        `${base}:u:${userId}:d:${day}`,
        `${base}:t:m:${minute}`,
        `${base}:u:${userId}:notice`,
        limits.userPerMinute,
        limits.userPerDay,
        limits.tenantPerMinute,
      );
      if (allowed === 1) return { allowed: true };
      return { allowed: false, scope: scope as RateLimitScope, notify: notify === 1 };
    },
  };
}
