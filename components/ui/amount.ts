import { parseMetisInput } from '@/lib/amounts';

/**
 * The METIS amount a form's text says: its value (0 while the text is not an amount) and, when it
 * is not one, why. A blank text counts as `blank` when one is given (an amount that may be left out).
 */
export function amountOf(text: string, blank?: bigint): { value: bigint; error?: string } {
  if (blank !== undefined && text.trim() === '') return { value: blank };
  const parsed = parseMetisInput(text);
  return parsed.ok ? { value: parsed.value } : { value: 0n, error: parsed.error };
}
