import { type Address, getAddress, isAddress } from 'viem';

/** A request parameter that failed validation: the API answers 400 with `message`. */
export class BadRequest extends Error {}

/** A refused value as the error quotes it: at most 100 characters. */
const clip = (value: string) => (value.length > 100 ? `${value.slice(0, 100)}…` : value);

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** A checksummed address, or BadRequest. */
export function parseAddress(value: string | undefined, name = 'address'): Address {
  if (!value || !isAddress(value, { strict: false })) {
    throw new BadRequest(`${name} must be a 0x-prefixed 20-byte hex address, got "${clip(value ?? '')}"`);
  }
  return getAddress(value);
}

/** Page size in 1..PAGE_SIZE.max (default PAGE_SIZE.default), or BadRequest. */
export function parseLimit(value: string | undefined, name = 'limit'): number {
  if (value === undefined || value === '') return PAGE_SIZE.default;
  if (!/^\d+$/.test(value)) throw new BadRequest(`${name} must be a whole number, got "${clip(value)}"`);
  const limit = Number(value);
  if (limit < 1 || limit > PAGE_SIZE.max) {
    throw new BadRequest(`${name} must be between 1 and ${PAGE_SIZE.max}, got ${clip(value)}`);
  }
  return limit;
}

/** An optional whole number in 0..`max` (undefined when absent), or BadRequest. */
export function parseCount(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new BadRequest(`${name} must be a whole number, got "${clip(value)}"`);
  const n = Number(value);
  if (n > max) throw new BadRequest(`${name} must be between 0 and ${max}, got ${clip(value)}`);
  return n;
}

/** Keyset cursor: the sort key (a number such as a timestamp, and an id) of the last row of a page. */
export interface Cursor {
  key: bigint;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.key}|${cursor.id}`).toString('base64url');
}

export function parseCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined || value === '') return undefined;
  const decoded = Buffer.from(value, 'base64url').toString();
  const match = /^(\d{1,40})\|([\w-]{0,160})$/.exec(decoded);
  if (!match) throw new BadRequest('cursor is not one this API issued');
  return { key: BigInt(match[1]), id: match[2] };
}

/** Optional chain filter: `l1` or `l2`. */
export function parseChain(value: string | undefined): 'l1' | 'l2' | undefined {
  return parseEnum(value, 'chain', ['l1', 'l2'] as const);
}

/** A sequencer id (a positive whole number), or BadRequest. */
export function parseId(value: string | undefined, name = 'id'): bigint {
  if (!value || !/^[1-9]\d{0,18}$/.test(value)) throw new BadRequest(`${name} must be a positive whole number, got "${clip(value ?? '')}"`);
  return BigInt(value);
}

/** One of `allowed`, or undefined when absent, or BadRequest. */
export function parseEnum<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!allowed.includes(value as T)) throw new BadRequest(`${name} must be one of ${allowed.join(', ')}; got "${clip(value)}"`);
  return value as T;
}

const UINT256_MAX = 2n ** 256n - 1n;

/** A uint256 such as a proposal id (decimal), or BadRequest. */
export function parseUint256(value: string | undefined, name = 'id'): bigint {
  if (!value || !/^\d{1,78}$/.test(value) || BigInt(value) > UINT256_MAX) {
    throw new BadRequest(`${name} must be a whole number below 2^256, got "${clip(value ?? '')}"`);
  }
  return BigInt(value);
}

export const SEARCH_MAX = 100;

/**
 * A free-text search term (trimmed; undefined when blank), or BadRequest when too long or holding a
 * control character (PostgreSQL text cannot hold NUL; none of them is in a title).
 */
export function parseSearch(value: string | undefined, name = 'q'): string | undefined {
  const q = value?.trim();
  if (!q) return undefined;
  if (q.length > SEARCH_MAX) throw new BadRequest(`${name} must be at most ${SEARCH_MAX} characters, got ${q.length}`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  if (/[\u0000-\u001f\u007f]/.test(q)) throw new BadRequest(`${name} must not contain control characters`);
  return q;
}
