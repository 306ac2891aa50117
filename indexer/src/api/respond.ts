import { and, eq, lt, or } from 'ponder';
import { type Cursor, encodeCursor } from './params';

/** JSON-safe: bigints as decimal strings. */
export function json<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Rows after `cursor` in (key desc, id desc) order; `key` and `id` are the sort columns. */
export function after(cursor: Cursor | undefined, key: Parameters<typeof lt>[0], id: Parameters<typeof lt>[0]) {
  if (!cursor) return undefined;
  return or(lt(key, cursor.key), and(eq(key, cursor.key), lt(id, cursor.id)));
}

/** A page of `limit` from `limit + 1` fetched rows, with the cursor of its last row. */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(cursorOf(last)) : null };
}
