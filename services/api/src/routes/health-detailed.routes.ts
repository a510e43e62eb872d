import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { DetailedHealth } from '../health-checks.ts';

export interface DetailedHealthDeps {
  /** The operators' bearer token; without one the route does not exist (404). */
  token: string | undefined;
  check: () => Promise<DetailedHealth>;
}

/** Constant-time comparison; hashing first makes both sides the same length. */
function sameToken(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * `GET /health/detailed`: every dependency's state and latency, for operators only. 200 when all
 * checks pass, 503 otherwise; 401 without the right bearer token.
 */
export function detailedHealthRoutes({ token, check }: DetailedHealthDeps): Router {
  const router = Router();
  if (!token) return router;
  router.get('/health/detailed', async (req, res) => {
    const [scheme, given] = (req.get('authorization') ?? '').split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !given || !sameToken(given, token)) {
      res.set('www-authenticate', 'Bearer').status(401);
      return void res.json({ error: { code: 'unauthorized', message: 'operator token required' } });
    }
    const health = await check();
    res
      .set('cache-control', 'no-store')
      .status(health.status === 'ok' ? 200 : 503)
      .json(health);
  });
  return router;
}
