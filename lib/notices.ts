import type { Address } from 'viem';
import type { Page } from './api';

/**
 * The one vocabulary of notices (docs/ARCHITECTURE.md, "Notifier"): each kind the notifier derives from
 * indexed chain data, with its label. The notifier writes these kinds, its HTTP routes answer them, the
 * bell and the feeds label them from here.
 */
export const NOTICE_KINDS = {
  'vote-open': 'Vote open',
  'vote-closing': 'Vote closes within 24 h',
  'commission-rise': 'Commission rise',
  'unbonding-matured': 'Unbonding matured',
  'ready-to-queue': 'Ready to queue',
  'ready-to-execute': 'Ready to execute',
  slashed: 'Slashed',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

/** Before the end of a vote, how long ahead the "closes soon" notice comes: 24 h of chain time. */
export const CLOSING_SOON_SECONDS = 86_400;

/**
 * The deterministic id of a notice: its kind, its subject (a proposal id, a sequencer and effective time,
 * an unbonding entry, a slash's transaction) and its account. The notifier inserts with `on conflict
 * (key) do nothing`, so deriving a notice again (after a restart) never repeats it; the feeds use it as
 * the entry's id and the event's UID.
 */
export function noticeKey(kind: NoticeKind, subject: string, account: Address | string): string {
  return `${kind}:${subject}:${account.toLowerCase()}`;
}

/** A notice as the notifier's routes answer it (times in unix seconds, as decimal strings like the chain-data API). */
export interface NoticeItem {
  id: string;
  account: Address;
  kind: NoticeKind;
  key: string;
  title: string;
  body: string;
  /** A path of the web app (e.g. `/proposals/12`), or an absolute URL. */
  link: string;
  /** Chain time of what happened (the L2 clock the API reports, or the event's block time). */
  at: string;
  /** Chain time by which to act (the end of a vote, a commission's effective time), or null. */
  deadline: string | null;
  /** Wall-clock unix seconds at which the inbox's owner marked it read, or null. */
  readAt: string | null;
}

/**
 * Every JSON route of the notifier's HTTP server (notifier/server.ts), with its query and answer; the
 * feeds (`/accounts/:address/feed.atom`, `/accounts/:address/calendar.ics`) are text and not in it.
 */
export interface NotifierRoutes {
  '/accounts/:address/notices': { query: { limit?: number; cursor?: string }; response: Page<NoticeItem> & { unread: number } };
  /** POST: marks the given keys read (all of the account's notices when `keys` is absent). */
  '/accounts/:address/notices/read': { query: object; response: { marked: number; unread: number } };
}

/** The URLs of an account's feeds on the notifier at `notifierUrl`. */
export function feedUrls(notifierUrl: string, account: string): { atom: string; ics: string } {
  const base = `${notifierUrl.replace(/\/$/, '')}/accounts/${encodeURIComponent(account)}`;
  return { atom: `${base}/feed.atom`, ics: `${base}/calendar.ics` };
}

/** The notifier's client: an account's notices, newest first, with its unread count. */
export async function fetchNotices(
  notifierUrl: string,
  account: string,
  opts: { limit?: number; cursor?: string } = {},
): Promise<NotifierRoutes['/accounts/:address/notices']['response']> {
  const url = new URL(`/accounts/${encodeURIComponent(account)}/notices`, notifierUrl);
  if (opts.limit !== undefined) url.searchParams.set('limit', String(opts.limit));
  if (opts.cursor) url.searchParams.set('cursor', opts.cursor);
  return answer(await fetch(url));
}

/** The notifier's client: marks `keys` (or all of the account's notices) read. */
export async function markNoticesRead(
  notifierUrl: string,
  account: string,
  keys?: string[],
): Promise<NotifierRoutes['/accounts/:address/notices/read']['response']> {
  const url = new URL(`/accounts/${encodeURIComponent(account)}/notices/read`, notifierUrl);
  // text/plain: a simple cross-origin request (no preflight); the server parses the JSON itself.
  return answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(keys ? { keys } : {}) }));
}

async function answer<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `the notifier answered ${res.status}`);
  }
  return (await res.json()) as T;
}
