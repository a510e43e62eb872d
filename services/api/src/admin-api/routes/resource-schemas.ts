import { z } from 'zod';

/** A read model: the fields depend on what the caller may read (secrets never appear). */
export const ViewSchema = z.record(z.string(), z.unknown());
export const PageSchema = z.object({ items: z.array(ViewSchema), nextCursor: z.string().nullable() });

export const page = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
};
/** Operators name the tenant; tenant users and keys act on their own (another id answers 404). */
export const tenantQuery = { tenantId: z.uuid().optional() };
export const language = z.enum(['en', 'es', 'pt', 'fr', 'de']);
export const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Drops keys whose value is undefined, so services see only what the request gave. */
export function defined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
