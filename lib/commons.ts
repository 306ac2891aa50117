import { formatDuration } from './format';
import { encodeJsonMetadata, parseJsonMetadata } from './metadata';

const DAY = 86_400;

/** The duration chips of the lock forms; only those within the chain's bounds are offered. */
const PRESETS: readonly { label: string; days: number }[] = [
  { label: '1 month', days: 30 },
  { label: '6 months', days: 182 },
  { label: '1 year', days: 365 },
  { label: '2 years', days: 730 },
];

/** Preset lock durations (seconds) that the contract accepts, given its min and max. */
export function durationPresets(min: number, max: number): { label: string; seconds: number }[] {
  return PRESETS.map((p) => ({ label: p.label, seconds: p.days * DAY })).filter((p) => p.seconds >= min && p.seconds <= max);
}

/** `YYYY-MM-DD` of a unix time, in the viewer's time zone (what a date input shows). */
export function dateInputValue(seconds: number): string {
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The lock duration (seconds) that ends on `date` (a date input's `YYYY-MM-DD`) at the time of day
 * it is `now`: whole days, so that the unlock lands on the chosen day whatever the hour of signing.
 * Undefined for an empty or malformed date.
 */
export function durationUntilDate(date: string, now: number): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const today = new Date(now * 1000);
  const days = Math.round(
    (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - Date.UTC(today.getFullYear(), today.getMonth(), today.getDate())) / (DAY * 1000),
  );
  return Number.isFinite(days) ? days * DAY : undefined;
}

/** veMETIS lock ends lie on a grid of whole days (UTC midnight): `VeMetis.LOCK_GRID`. */
export const LOCK_GRID = 86_400;

/** Where a lock asked to end at `t` (unix seconds) really ends: rounded up to the day grid, as the contract does. */
export function lockEndFor(t: number): number {
  return Math.ceil(t / LOCK_GRID) * LOCK_GRID;
}

/** Why a lock of `seconds` is refused, if it is: the contract accepts [min, max]. */
export function durationError(seconds: number | undefined, min: number, max: number): string | undefined {
  if (seconds === undefined) return 'Choose how long to lock.';
  if (seconds < min) return `A lock lasts at least ${formatDuration(min)}.`;
  if (seconds > max) return `A lock lasts at most ${formatDuration(max)}.`;
  return undefined;
}

/** CommonsGroup.RemainderPolicy, in enum order (`value`), with the API's name and what each does in one line. */
export const REMAINDER_POLICIES = [
  {
    value: 0,
    name: 'follow-majority',
    label: 'Follow the majority',
    explain: "Weight members did not vote with goes to the group's majority option when internal voting closes.",
  },
  { value: 1, name: 'none', label: 'None', explain: 'Only what members vote themselves is cast; unvoted weight stays out.' },
] as const;
export type RemainderPolicy = (typeof REMAINDER_POLICIES)[number];
export type RemainderPolicyName = RemainderPolicy['name'];

/** The policy the contract's enum value names (the first, following the majority, for a value it does not define). */
export const remainderPolicyOf = (value: number): RemainderPolicy => REMAINDER_POLICIES[value] ?? REMAINDER_POLICIES[0];

/** The policy the API's name names. */
export const remainderPolicyNamed = (name: string): RemainderPolicy => REMAINDER_POLICIES.find((p) => p.name === name) ?? REMAINDER_POLICIES[0];

const GROUP_FIELDS = ['focus', 'description'] as const;

/** What a group's metadata URI says about it: a one-line focus and a description. */
export type GroupMetadata = Partial<Record<(typeof GROUP_FIELDS)[number], string>>;

export const parseGroupMetadata = (uri: string): GroupMetadata => parseJsonMetadata(uri, GROUP_FIELDS);
export const encodeGroupMetadata = (meta: GroupMetadata): string => encodeJsonMetadata(meta, GROUP_FIELDS);

/** Why `name` cannot name a group, if it cannot: the registry takes 1 to `maxBytes` bytes of UTF-8. */
export function groupNameError(name: string, maxBytes: number): string | undefined {
  const bytes = new TextEncoder().encode(name.trim()).length;
  if (bytes === 0) return 'Give the group a name.';
  if (bytes > maxBytes) return `At most ${maxBytes} bytes (this is ${bytes}).`;
  return undefined;
}

/** A group's participation for people: "3 of 4 (75%)", or "no proposals yet". */
export function formatParticipation(p: { voted: number; eligible: number; share: number | null }): string {
  if (p.share === null) return 'no proposals yet';
  return `${p.voted} of ${p.eligible} (${Math.round(p.share * 100)}%)`;
}
