import { and, eq, lt, or } from 'ponder';
import { BadRequest, type Cursor, encodeCursor } from './params';

/**
 * JSON-safe: bigints as decimal strings, all else as `JSON.stringify` then writes it. A walk, not a
 * stringify-and-parse round trip: answers are written once, by `c.json`.
 */
export function json<T>(value: T): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(json);
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = json((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Rows after `cursor` in (key desc, id desc) order; `key` and `id` are the sort columns. A cursor
 * whose id does not fit a numeric id column was not issued here: 400, not a failed SQL cast.
 */
export function after(cursor: Cursor | undefined, key: Parameters<typeof lt>[0], id: Parameters<typeof lt>[0]) {
  if (!cursor) return undefined;
  const numericId = typeof id === 'object' && id !== null && 'dataType' in id && id.dataType === 'bigint';
  if (numericId && !/^\d{1,78}$/.test(cursor.id)) throw new BadRequest('cursor is not one this API issued');
  return or(lt(key, cursor.key), and(eq(key, cursor.key), lt(id, numericId ? BigInt(cursor.id) : cursor.id)));
}

/** A page of `limit` from `limit + 1` fetched rows, with the cursor of its last row. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
