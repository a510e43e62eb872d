import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';

export interface LoginThrottleOptions {
  /** `REDIS_KEY_PREFIX`; keys are `<prefix>:login:{login}:…`. */
  keyPrefix: string;
  /** Attempts per account per window (`AUTH_LOGIN_MAX_ATTEMPTS_PER_ACCOUNT`). */
  maxPerAccount: number;
  /** Attempts per client address per window (`AUTH_LOGIN_MAX_ATTEMPTS_PER_IP`). */
  maxPerIp: number;
  /** Window length (`AUTH_LOGIN_WINDOW_SECONDS`); it starts at the first attempt. */
  windowSeconds: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/*
 * Fixed windows per account and per address, checked and counted atomically in one script: when
 * either is spent the attempt is refused and counts nowhere (a locked-out client cannot push its
 * window further); otherwise both count. Counting happens before the password is checked, so
 * concurrent guesses cannot slip past the limit; a successful login clears its account's window.
 */
const CONSUME_SCRIPT = `
local account = tonumber(redis.call('GET', KEYS[1]) or '0')
local ip = tonumber(redis.call('GET', KEYS[2]) or '0')
local wait = 0
if account >= tonumber(ARGV[1]) then wait = redis.call('PTTL', KEYS[1]) end
if ip >= tonumber(ARGV[2]) then wait = math.max(wait, redis.call('PTTL', KEYS[2])) end
if account >= tonumber(ARGV[1]) or ip >= tonumber(ARGV[2]) then
  if wait < 0 then wait = tonumber(ARGV[3]) end
  return {0, wait}
end
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
end
return {1, 0}
`;

/**
 * The address an attempt is counted against: IPv4 as is (also when IPv4-mapped), IPv6 by its /64,
 * since one client usually holds a whole /64. Anything unparsable counts as one shared bucket.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  // A trailing dotted quad is two groups; a zone (%eth0) says nothing about the client.
  const plain = ip
    .replace(/%.*$/, '')
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
      [(+a << 8) | +b, (+c << 8) | +d].map((n) => n.toString(16)).join(':'),
    );
  const [head = '', tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Account names become a hash in the key, so Redis holds no email addresses. */
const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 32);

/** Login attempt limits shared by every API process through Redis. */
export function createLoginThrottle(redis: Redis, options: LoginThrottleOptions) {
  redis.defineCommand('elaraLoginThrottle', { numberOfKeys: 2, lua: CONSUME_SCRIPT });
  const run = (
    redis as unknown as Record<string, (...args: (string | number)[]) => Promise<[number, number]>>
  ).elaraLoginThrottle!;
  // One hash tag for all login keys: a script's keys must share a Redis Cluster slot.
  const base = `${options.keyPrefix}:login:{login}`;
  const accountKey = (account: string) => `${base}:a:${digest(account)}`;
  const windowMs = options.windowSeconds * 1000;

  return {
    /** Counts one attempt by `account` (e.g. `tenant-slug:email`) from `ip`, or refuses it. */
    async consume({ account, ip }: { account: string; ip: string }): Promise<ThrottleDecision> {
      const [allowed, waitMs] = await run.call(
        redis,
        accountKey(account),
        `${base}:ip:${throttleAddress(ip)}`,
        options.maxPerAccount,
        options.maxPerIp,
        windowMs,
      );
      if (allowed === 1) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    },

    /** After a successful login: the account's failures no longer count (the address's still do). */
    async reset(account: string): Promise<void> {
      await redis.del(accountKey(account));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
