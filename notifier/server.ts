import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BadRequest, encodeCursor, parseAddress, parseCursor, parseLimit } from '../indexer/src/api/params';
import type { NotifierRoutes } from '../lib/notices';
import { atomFeed, icsCalendar } from './feeds';
import type { NoticeStore } from './store';

/** How many notices the feeds carry (newest first). */
const FEED_SIZE = 100;

/**
 * The notifier's HTTP server (docs/ARCHITECTURE.md, "Notifier"): `/health`, an account's notices as JSON
 * (lib/notices.ts `NotifierRoutes`), marking them read, and its Atom and iCalendar feeds. Open to every
 * origin, like the chain-data API: the inbox is public data (what the chain says concerns an account).
 * Marking read takes no signature for now; e-mail and webhook subscriptions will need one (SIWE).
 */
export function notifierServer(opts: { store: NoticeStore; webUrl: string; ready: () => boolean }): Server {
  const { store } = opts;
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BadRequest) return send(res, 400, 'application/json', JSON.stringify({ error: err.message }));
      console.error(`[notifier] ${req.method} ${req.url}: ${err instanceof Error ? err.stack : String(err)}`);
      send(res, 500, 'application/json', JSON.stringify({ error: 'internal error' }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://notifier');
    if (req.method === 'OPTIONS') return send(res, 204, 'text/plain', '');
    if (url.pathname === '/health') return opts.ready() ? send(res, 200, 'text/plain', 'ok') : send(res, 503, 'text/plain', 'not ready');
    const match = /^\/accounts\/([^/]+)\/(notices|notices\/read|feed\.atom|calendar\.ics)$/.exec(url.pathname);
    if (!match) return send(res, 404, 'application/json', JSON.stringify({ error: `no route ${url.pathname}` }));
    const account = parseAddress(decodeURIComponent(match[1]));
    const [, , what] = match;
    if (what === 'notices/read') {
      if (req.method !== 'POST') return send(res, 405, 'application/json', JSON.stringify({ error: 'POST to mark notices read' }));
      const keys = parseKeys(await body(req));
      const marked = await store.markRead(account, Math.floor(Date.now() / 1000), keys);
      const answer: NotifierRoutes['/accounts/:address/notices/read']['response'] = { marked, unread: await store.unread(account) };
      return send(res, 200, 'application/json', JSON.stringify(answer));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/json', JSON.stringify({ error: 'GET only' }));
    await store.watch(account);
    if (what === 'notices') {
      const limit = parseLimit(url.searchParams.get('limit') ?? undefined);
      const cursor = parseCursor(url.searchParams.get('cursor') ?? undefined);
      if (cursor && !/^\d{1,19}$/.test(cursor.id)) throw new BadRequest('cursor is not one this API issued');
      const rows = await store.list(account, limit + 1, cursor && { at: cursor.key, id: cursor.id });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      const answer: NotifierRoutes['/accounts/:address/notices']['response'] = {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor({ key: BigInt(last.at), id: last.id }) : null,
        unread: await store.unread(account),
      };
      return send(res, 200, 'application/json', JSON.stringify(answer));
    }
    const notices = await store.list(account, FEED_SIZE);
    const ctx = { account, webUrl: opts.webUrl, selfUrl: `http://${req.headers.host ?? 'localhost'}${url.pathname}`, now: Math.floor(Date.now() / 1000) };
    if (what === 'feed.atom') return send(res, 200, 'application/atom+xml; charset=utf-8', atomFeed(notices, ctx));
    return send(res, 200, 'text/calendar; charset=utf-8', icsCalendar(notices, ctx));
  }
}

function send(res: ServerResponse, status: number, type: string, text: string) {
  res
    .writeHead(status, {
      'content-type': type,
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'cache-control': 'no-cache',
    })
    .end(text);
}

const BODY_MAX = 64 * 1024;

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > BODY_MAX) throw new BadRequest(`body must be at most ${BODY_MAX} bytes`);
  }
  return text;
}

/** `{ keys?: string[] }` (at most 1000 keys); an empty body marks all. */
export function parseKeys(text: string): string[] | undefined {
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('body must be JSON: { "keys"?: string[] }');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new BadRequest('body must be JSON: { "keys"?: string[] }');
  const { keys } = parsed as { keys?: unknown };
  if (keys === undefined) return undefined;
  if (!Array.isArray(keys) || keys.length > 1000 || !keys.every((k) => typeof k === 'string' && k.length <= 300)) {
    throw new BadRequest('keys must be an array of at most 1000 notice keys');
  }
  return keys as string[];
}
