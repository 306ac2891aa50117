import type { Context } from 'hono';
import { and, eq, lt, or } from 'ponder';
import type { ApiPath, ApiResponse } from '../../../lib/api';
import { BadRequest, type Cursor, encodeCursor } from './params';

/** What `json` makes of a value's type: bigints as decimal strings, at any depth. */
export type Json<T> = T extends bigint ? string : T extends readonly (infer E)[] ? Json<E>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/**
 * JSON-safe: bigints as decimal strings, all else as `JSON.stringify` then writes it. A walk, not a
 * stringify-and-parse round trip: answers are written once, by `c.json`.
 */
export function json<T>(value: T): Json<T>;
export function json(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(json);
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = json((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * What a handler may hand `reply` for an answer of type `T`: `T`, with any plain `string` field (the API's
 * decimal strings: amounts, times, ids, block numbers) also given as the bigint that `json` writes as one.
 */
export type Wire<T> = T extends string
  ? string extends T
    ? T | bigint
    : T
  : T extends readonly (infer E)[]
    ? readonly Wire<E>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type KeysOf<R> = R extends readonly unknown[] ? never : R extends object ? keyof R : never;
type At<R, K> = R extends object ? (K extends keyof R ? R[K] : never) : never;

/**
 * `unknown` when the JSON `J` a handler writes has no field, at any depth, that the answer type `R` lacks;
 * otherwise `never` at each such field (so the body fails to type-check there). Spread rows bring every
 * column: this is what makes handlers map them into the API's types.
 */
export type NoExtra<J, R> = unknown extends R
  ? unknown
  : Same<J, R> extends true
    ? unknown
    : J extends readonly (infer E)[]
      ? Extract<R, readonly unknown[]> extends readonly (infer F)[]
        ? readonly NoExtra<E, F>[]
        : unknown
      : J extends object
        ? { [K in keyof J]: K extends KeysOf<R> ? NoExtra<J[K], At<R, K>> : never }
        : unknown;

/**
 * Answers `route` (a key of lib/api.ts `ApiRoutes`) with `body` as JSON. The body must be the route's
 * response type (bigints allowed where it has decimal strings) with no field the type does not declare,
 * so that a change to the route map or to a handler fails the type check of the other.
 */
export function reply<P extends ApiPath, B extends Wire<ApiResponse<P>>>(c: Context, _route: P, body: B & NoExtra<Json<B>, ApiResponse<P>>) {
  return c.json(json(body) as ApiResponse<P>);
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

/** Case-insensitive substring pattern for ILIKE, with LIKE's wildcards taken literally. */
export const contains = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
