import { type AbiParameter, isAddress, isHex } from 'viem';
import type { Parsed } from './amounts';

/**
 * One function argument typed by a person, read against its ABI type: addresses, whole numbers
 * (with range checks), booleans, strings, bytes as hex, and arrays or tuples as JSON. What it
 * returns is what viem's encodeFunctionData takes.
 */
export function parseAbiInput(param: AbiParameter, text: string): Parsed<unknown> {
  const t = text.trim();
  const type = param.type;
  if (type.endsWith(']') || type === 'tuple') {
    try {
      return { ok: true, value: JSON.parse(t, (_k, v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : v)) };
    } catch {
      return { ok: false, error: 'Enter JSON, e.g. ["0x…", "1"] (numbers as strings).' };
    }
  }
  if (type === 'address') return isAddress(t) ? { ok: true, value: t } : { ok: false, error: 'Enter an address: 0x and 40 hexadecimal digits.' };
  if (type === 'bool') return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : { ok: false, error: 'Enter true or false.' };
  if (type === 'string') return { ok: true, value: text };
  if (type.startsWith('bytes')) {
    const size = Number(type.slice(5) || 0);
    if (!isHex(t)) return { ok: false, error: 'Enter hex bytes starting with 0x.' };
    if (size > 0 && t.length !== 2 + size * 2) return { ok: false, error: `Enter exactly ${size} bytes (${size * 2} hex digits).` };
    return { ok: true, value: t };
  }
  const int = /^(u?)int(\d*)$/.exec(type);
  if (int) {
    if (!/^-?\d+$/.test(t)) return { ok: false, error: 'Enter a whole number (no decimals; amounts in wei).' };
    const value = BigInt(t);
    const bits = BigInt(int[2] || 256);
    const [lo, hi] = int[1] ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n];
    if (value < lo || value > hi) return { ok: false, error: `Must be between ${lo} and ${hi}.` };
    return { ok: true, value };
  }
  return { ok: false, error: `Type ${type} is not supported here.` };
}
