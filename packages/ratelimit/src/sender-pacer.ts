import type { Redis } from 'ioredis';

/*
 * GCRA (a leaky bucket kept as one timestamp) per sender number, on Redis's clock so every worker
 * agrees. Returns 0 when a send may go now, else how many milliseconds to wait. Burst: one second.
 */
const PACE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allowAt = tat - burst
if now < allowAt then return allowAt - now end
local nextTat = tat + interval
redis.call('SET', KEYS[1], nextTat, 'PX', math.ceil(nextTat - now) + 1000)
return 0
`;

export interface SenderPacer {
  /** Reserves a send slot for `senderId`; resolves with 0 or the wait in ms before trying again. */
  reserve(senderId: string): Promise<number>;
}

export function createSenderPacer(redis: Redis, prefix: string, messagesPerSecond: number): SenderPacer {
  const interval = 1000 / messagesPerSecond;
  const burst = 1000 - interval;
  redis.defineCommand('elaraPaceSender', { numberOfKeys: 1, lua: PACE_SCRIPT });
  const run = (redis as unknown as Record<string, (...args: (string | number)[]) => Promise<number>>)
    .elaraPaceSender!;
  return {
    async reserve(senderId) {
      return Number(await run.call(redis, `${prefix}:pace:${senderId}`, interval, burst));
    },
  };
}
