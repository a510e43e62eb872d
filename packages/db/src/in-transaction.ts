import type { Pool, PoolClient } from './pool.ts';

/**
 * Runs `work` in one transaction on one pooled connection, opened by `begin` (which may set
 * transaction-local settings in the same round trip). A connection that could not roll back is
 * discarded rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: Pool,
  begin: string,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
