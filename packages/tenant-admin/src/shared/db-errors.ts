/**
 * True for a unique-key violation, from pg (`23505`) or from Prisma (`P2002`, or the driver
 * adapter's error carrying the pg code).
 */
export function isUniqueViolation(error: unknown, depth = 0): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === '23505' || code === 'P2002') return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return depth < 3 && cause !== undefined && isUniqueViolation(cause, depth + 1);
}

/** Prisma's "record to update not found" (`P2025`): the row went away between check and write. */
export function isRecordNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2025';
}
