import { parseUnits } from 'viem';

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
