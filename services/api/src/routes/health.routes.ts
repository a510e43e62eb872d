import { Router } from 'express';

export interface HealthDeps {
  /** Resolves when every dependency answers; rejects with the first that does not. */
  checkDependencies: () => Promise<void>;
  isShuttingDown: () => boolean;
}

/** Liveness is the process alone; readiness needs Postgres and Redis and ends with shutdown. */
export function healthRoutes({ checkDependencies, isShuttingDown }: HealthDeps): Router {
  const router = Router();
  router.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/health/ready', async (_req, res) => {
    if (isShuttingDown()) return void res.status(503).json({ status: 'shutting_down' });
    try {
      await checkDependencies();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: (error as Error).message });
    }
  });
  return router;
}
