import { formatUnits } from 'viem';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/**
 * METIS amounts for people: thousands separators, at most `digits` decimals (never rounded up to
 * look larger than it is), "<0.0001" for dust, and compact notation from a million on when asked.
 */
export function formatMetis(wei: bigint, opts: { digits?: number; compact?: boolean; symbol?: boolean } = {}): string {
  const digits = opts.digits ?? 4;
  const symbol = opts.symbol === false ? '' : ' METIS';
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const exact = formatUnits(abs, 18);
  const [whole, fraction = ''] = exact.split('.');
  let text: string;
  if (opts.compact && abs >= 10n ** 24n) {
    text = compact.format(Number(exact));
  } else if (abs > 0n && BigInt(whole) === 0n && fraction.slice(0, digits).replace(/0/g, '') === '') {
    text = `<0.${'0'.repeat(Math.max(digits - 1, 0))}1`;
  } else {
    const cut = fraction.slice(0, digits).replace(/0+$/, '');
    text = BigInt(whole).toLocaleString('en-US') + (cut ? `.${cut}` : '');
  }
  return `${negative ? '−' : ''}${text}${symbol}`;
}

/** Votes in a tally, threshold or quorum, as whole votes: "106,578". */
export function formatVoteCount(units: bigint): string {
  return formatMetis(units, { digits: 0, symbol: false });
}

/** veMETIS voting units (18 decimals, like METIS) for people: "1,250.5 veMETIS". */
export function formatVotes(units: bigint): string {
  return `${formatMetis(units, { symbol: false })} veMETIS`;
}

export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

export function shortHash(hash: string): string {
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "in 2 days": `seconds` is a unix time. */
export function timeFromNow(seconds: number, now = Date.now() / 1000): string {
  const delta = seconds - now;
  const abs = Math.abs(delta);
  const [value, unit] = abs < 60 ? [delta, 'second'] : abs < 3_600 ? [delta / 60, 'minute'] : abs < 86_400 ? [delta / 3_600, 'hour'] : [delta / 86_400, 'day'];
  return relative.format(Math.round(value), unit as Intl.RelativeTimeFormatUnit);
}

export function formatDateTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A length of time in its largest whole unit, for explanations: "5 minutes", "7 days", "90 seconds". */
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  const [size, unit] = units.find(([size]) => seconds >= size && seconds % size === 0) ?? [1, 'second'];
  const n = seconds / size;
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/** Time left, for countdowns: "3d 4h", "2h 05m", "12m 05s"; "0s" when due. */
export function formatTimeLeft(seconds: number): string {
  const left = Math.max(0, Math.ceil(seconds));
  const d = Math.floor(left / 86_400);
  const h = Math.floor((left % 86_400) / 3_600);
  const m = Math.floor((left % 3_600) / 60);
  const s = left % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${pad(m)}m` : m > 0 ? `${m}m ${pad(s)}s` : `${s}s`;
}

/** Basis points as a percentage for people: 500 → "5%", 1234 → "12.34%". */
export function formatBps(bps: number): string {
  return `${(bps / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}%`;
}

/**
 * A whole count for people, with its noun when given: (1, 'block') → "1 block", (50n, 'block') → "50 blocks",
 * (500000n, 'gas', 'gas') → "500,000 gas"; without a noun, "1,234".
 */
export function formatCount(n: bigint | number, noun?: string, plural = `${noun}s`): string {
  const text = n.toLocaleString('en-US');
  if (noun === undefined) return text;
  return `${text} ${BigInt(n) === 1n ? noun : plural}`;
}

/**
 * A unix time (seconds) as ISO 8601 in UTC, to the second: 1796298857n → "2026-12-03T11:54:17Z". For files
 * and machines (CSV exports); people read `formatDateTime`.
 */
export function formatIsoTime(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An 18-decimal amount (METIS, veMETIS units) as an exact decimal for files and machines: every digit kept,
 * trailing zeros trimmed, no grouping, no symbol, never through a float: 1500000000000000000n → "1.5".
 */
export function formatDecimal18(wei: bigint): string {
  return formatUnits(wei, 18);
}
