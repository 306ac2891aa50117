import { isAddress, parseUnits, zeroAddress } from 'viem';
import { formatBps } from './format';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a METIS amount typed by a person ("1,250.5"): positive, at most 18 decimals. */
export function parseMetisInput(text: string): Parsed<bigint> {
  const cleaned = text.replace(/[,_\s]/g, '');
  if (cleaned === '') return { ok: false, error: 'Enter an amount.' };
  if (!/^\d*\.?\d*$/.test(cleaned) || cleaned === '.') return { ok: false, error: 'Enter a number, like 1250.5.' };
  const [, fraction = ''] = cleaned.split('.');
  if (fraction.length > 18) return { ok: false, error: 'METIS has at most 18 decimals.' };
  const value = parseUnits(cleaned, 18);
  if (value === 0n) return { ok: false, error: 'The amount must be more than zero.' };
  return { ok: true, value };
}

/** Parses a percentage typed by a person ("7.5") into basis points, from 0 up to `maxBps`. */
export function parsePercentInput(text: string, maxBps: number): Parsed<number> {
  const cleaned = text.replace(/[%\s]/g, '');
  if (cleaned === '') return { ok: false, error: 'Enter a percentage.' };
  if (!/^\d*\.?\d{0,2}$/.test(cleaned) || cleaned === '.') return { ok: false, error: 'Enter a percentage with at most two decimals, like 7.5.' };
  const [whole, fraction = ''] = cleaned.split('.');
  const bps = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'));
  if (bps > maxBps) return { ok: false, error: `The commission can be at most ${formatBps(maxBps)}.` };
  return { ok: true, value: bps };
}

/** Why `text` cannot be the address of `what` ("The signer", "The steward"), if it cannot. */
export function addressError(text: string, what: string): string | undefined {
  if (!isAddress(text)) return 'Enter an address: 0x and 40 hexadecimal digits.';
  if (text.toLowerCase() === zeroAddress) return `${what} cannot be the zero address.`;
  return undefined;
}
