/**
 * Bad input, at volume: ten thousand generated requests over every route of the chain-data API
 * (indexer/src/api), most of them malformed or adversarial (wrong types, huge and negative numbers,
 * non-hex addresses, SQL and JSON injection text, control characters, forged and oversized cursors,
 * unknown and repeated params, path traversal). Every malformed parameter must answer 400 with a
 * reason that names it, a well-formed unknown id 404, a well-formed request 200; nothing answers 5xx,
 * and afterwards the indexer still answers normally. The generator is seeded (FUZZ_SEED to replay one
 * run; FUZZ_REQUESTS to change the count).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { before, describe, test } from 'node:test';
import type { Address } from 'viem';
import type { ApiPath } from '../lib/api';
import { EXPORT_KINDS, EXPORT_ROUTE } from '../lib/exports';
import { INTEREST_KEYS } from '../lib/interests';
import { apiGet } from './harness/api';
import { demoAccount, type TestStack, useStack } from './harness/stack';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 12;

/** mulberry32: a small seeded PRNG, so that a failing run can be replayed with FUZZ_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** `count`: a whole number 0..10 (`minParticipation`). */
type Kind = 'address' | 'addresses' | 'id' | 'uint256' | 'limit' | 'count' | 'cursor' | 'search' | readonly string[];

interface Route {
  /** A route of lib/api.ts `ApiRoutes`, or the CSV exports' (lib/exports.ts). */
  path: ApiPath | typeof EXPORT_ROUTE;
  /** Path parameters by name (`:name` in `path`), each with its kind. */
  params: Record<string, Kind>;
  query: Record<string, Kind>;
  /** The name a bad path/query parameter is reported by, when it differs from its own. */
  reportedAs?: Record<string, string>;
  /** Chain reads on every answered request: sent well-formed less often. */
  slow?: boolean;
}

const LIST = { limit: 'limit', cursor: 'cursor' } as const;
const ROUTES: Route[] = [
  { path: '/accounts/:address/transfers', params: { address: 'address' }, query: { ...LIST, chain: ['l1', 'l2'] } },
  { path: '/accounts/:address/positions', params: { address: 'address' }, query: {} },
  { path: '/accounts/:address/unbonding', params: { address: 'address' }, query: { state: ['pending', 'withdrawn'] } },
  { path: '/unbonding', params: {}, query: { maturedAfter: 'uint256', maturedBy: 'uint256', ...LIST } },
  { path: '/accounts/:address/votes', params: { address: 'address' }, query: LIST },
  { path: '/accounts/:address/lock', params: { address: 'address' }, query: {} },
  { path: '/accounts/:address/rewards', params: { address: 'address' }, query: { epochs: 'limit' }, slow: true },
  { path: '/sequencers', params: {}, query: { status: ['active', 'jailed', 'unlocking', 'exited'] } },
  { path: '/sequencers/:id', params: { id: 'id' }, query: {} },
  { path: '/sequencers/:id/delegators', params: { id: 'id' }, query: LIST },
  { path: '/sequencers/:id/history', params: { id: 'id' }, query: LIST },
  { path: '/epochs', params: {}, query: { sequencer: 'id', ...LIST } },
  {
    path: '/bus/messages',
    params: {},
    query: { from: ['l1', 'l2'], status: ['sent', 'attested', 'delivered', 'failed', 'expired', 'cancelled'], ...LIST },
  },
  { path: '/commons/groups', params: {}, query: { steward: 'address', ...LIST } },
  { path: '/commons/groups/:address', params: { address: 'address' }, query: {} },
  { path: '/commons/groups/:address/members', params: { address: 'address' }, query: LIST },
  { path: '/commons/groups/:address/power', params: { address: 'address' }, query: LIST },
  {
    path: '/commons/groups/:address/motions',
    params: { address: 'address' },
    query: { ...LIST, status: ['active', 'defeated', 'succeeded', 'executed', 'voided', 'expired'] },
  },
  { path: '/commons/groups/:address/votes', params: { address: 'address' }, query: LIST },
  {
    path: '/proposals',
    params: {},
    query: { state: ['pending', 'active', 'defeated', 'succeeded', 'queued', 'executed', 'canceled'], q: 'search', ...LIST },
  },
  { path: '/proposals/:id', params: { id: 'uint256' }, query: {} },
  { path: '/proposals/:id/votes', params: { id: 'uint256' }, query: LIST },
  { path: '/proposals/:id/non-voters', params: { id: 'uint256' }, query: LIST },
  { path: '/delegates', params: {}, query: { q: 'search', minParticipation: 'count', interest: INTEREST_KEYS, ...LIST } },
  { path: '/delegates/:address/power', params: { address: 'address' }, query: LIST },
  { path: '/proposals/:id/ratification', params: { id: 'uint256' }, query: {} },
  { path: '/proposals/:id/timeline', params: { id: 'uint256' }, query: {} },
  { path: '/eco-nodes', params: {}, query: {}, slow: true },
  { path: '/eco-nodes/candidates', params: {}, query: {}, slow: true },
  { path: '/eco-nodes/:address/reputation', params: { address: 'address' }, query: LIST },
  { path: '/ratifications', params: {}, query: { status: ['open', 'ratified', 'rejected'], ...LIST } },
  { path: '/timelock/operations', params: {}, query: { status: ['waiting', 'ready', 'executed', 'cancelled'], ...LIST } },
  { path: '/rewards/epochs', params: {}, query: { sequencer: 'id', ...LIST } },
  { path: '/rewards/network', params: {}, query: { limit: 'limit' }, slow: true },
  { path: '/profiles/:address', params: { address: 'address' }, query: {} },
  { path: '/names', params: {}, query: { addresses: 'addresses' } },
  { path: EXPORT_ROUTE, params: { address: 'address', kind: EXPORT_KINDS }, query: {} },
];

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
/** Text that must never reach SQL or JSON as anything but a value. */
const INJECTION = [
  "' OR '1'='1",
  '1; DROP TABLE proposal; --',
  "1' UNION SELECT * FROM pg_catalog.pg_user --",
  '"; SELECT pg_sleep(5); --',
  '{"$ne":null}',
  '{"__proto__":{"admin":true}}',
  '[1,2,3]',
  '</script><script>alert(1)</script>',
  '${7*7}',
  '%00',
  '\\',
  '%',
  '_',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-Infinity',
];
const TRAVERSAL = ['../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '....//....//', '/etc/passwd', '..\\..\\windows\\win.ini', '%2e%2e%2f%2e%2e%2f'];
const UNICODE = ['😀', 'é', '\u202e', '\ufeff', '１２３', '١٢٣', 'Ａ', '\u0007', '\r\n', '\t'];

/** A malformed value for a parameter of `kind`: the API must refuse it with 400. */
function malformed(kind: Kind): string {
  const common = [
    ...INJECTION.filter((s) => !/^\w+$/.test(s) || kind !== 'search'),
    ...TRAVERSAL,
    ...UNICODE,
    'x'.repeat(int(200, 3_000)),
    '-1',
    '1e308',
    '0x',
    ' ',
  ];
  switch (kind) {
    case 'address':
      return pick([
        ...common,
        '0x123',
        `0x${hex(39)}`,
        `0x${hex(41)}`,
        `0x${hex(64)}`,
        `0X${hex(40)}`,
        hex(40),
        `0x${'g'.repeat(40)}`,
        `0x${hex(38)}zz`,
        ` 0x${hex(40)}`,
        `0x${hex(40)} `,
        `0x${hex(40)}'--`,
        '0',
        '-0x1',
      ]);
    case 'addresses': {
      const ok = () => `0x${hex(40)}`;
      return pick([
        ...common.filter((v) => v !== ''),
        Array.from({ length: 101 }, ok).join(','),
        // Over the limit, but under the server's 16 KB header limit (beyond it the answer is Node's 431, before the API).
        Array.from({ length: int(102, 250) }, ok).join(','),
        `${ok()},`,
        `,${ok()}`,
        `${ok()},,${ok()}`,
        `${ok()}, ${ok()}`,
        `${ok()},0x123`,
        `${ok()};${ok()}`,
        `${ok()},${pick(INJECTION)}`,
      ]);
    }
    case 'id':
      return pick([...common, '0', '00', '01', '-5', '1.5', '1e3', '0x10', '9'.repeat(20), '9'.repeat(int(21, 500)), '+1', ' 1', '1 ', '١', 'abc']);
    case 'uint256':
      return pick([...common, '-5', '1.0', '0x1', '1e5', (2n ** 256n).toString(), '9'.repeat(79), '9'.repeat(int(80, 2_000)), '+1', ' 1', 'abc', '١٢']);
    case 'limit':
      return pick([...common, '0', '-1', '101', '1000000', '9'.repeat(int(20, 400)), '1.5', '1e2', '0x10', 'abc', '+5', ' 5', '٥']);
    case 'count':
      return pick([...common, '11', '100', '9'.repeat(int(20, 400)), '1.5', '1e1', '0x1', 'abc', '+5', ' 5', '٥']);
    case 'cursor':
      return pick([
        'garbage',
        '!!!',
        ...INJECTION.filter((s) => s.length > 0),
        b64('1'),
        b64('|'),
        b64(`${'9'.repeat(41)}|x`),
        b64(`-1|x`),
        b64(`1|${'a'.repeat(161)}`),
        b64("1|' OR 1=1 --"),
        b64('1|a b'),
        b64(`${'1'.repeat(int(50, 4_000))}|x`),
        b64('x'.repeat(int(1_000, 5_000))),
        'A'.repeat(int(1_000, 6_000)),
        b64('\u0000|\u0000'),
      ]);
    case 'search':
      return pick(['x'.repeat(int(101, 3_000)), 'a\u0000b', '\u0000', `${'é'.repeat(101)}`, 'bad\u0001ctl', 'x\u001bx', 'y\u007fy']);
    default:
      return pick([
        ...common.filter((s) => s.trim() !== '' && s !== ' '),
        ...kind.map((k) => k.toUpperCase()),
        ...kind.map((k) => `${k} `),
        ...kind.map((k) => `${k};`),
        'all',
      ]);
  }
}

interface Known {
  address: Address;
  group: Address;
  node: Address;
  sequencer: string;
  proposal: string;
  /** A cursor each of a few list routes issued (a cursor is only valid on the route that issued it). */
  cursors: Map<string, string>;
}

/** A well-formed value (the API answers 200, or 404 for an id it does not know). */
function wellFormed(kind: Kind, name: string, known: Known, route: Route): string {
  switch (kind) {
    case 'address':
      if (name === 'steward') return pick([known.address, `0x${hex(40)}`]);
      if (route.path.startsWith('/commons/groups')) return pick([known.group, known.group.toLowerCase(), `0x${hex(40)}`]);
      if (route.path.startsWith('/eco-nodes')) return pick([known.node, `0x${hex(40)}`]);
      return pick([known.address, known.address.toLowerCase(), `0x${hex(40)}`, `0x${'0'.repeat(40)}`]);
    case 'addresses':
      return pick([
        '',
        known.address,
        `${known.address},${known.group},${known.node}`,
        `${known.address.toLowerCase()},${known.address}`,
        Array.from({ length: 100 }, () => `0x${hex(40)}`).join(','),
      ]);
    case 'id':
      return pick([known.sequencer, '1', String(int(1, 50)), '9'.repeat(19), '9223372036854775807']);
    case 'uint256':
      return pick([known.proposal, '0', String(int(1, 10_000)), (2n ** 256n - 1n).toString()]);
    case 'limit':
      return pick(['1', '20', '100', String(int(1, 100)), '']);
    case 'count':
      return pick(['0', '10', String(int(0, 10)), '']);
    case 'cursor': {
      const issued = known.cursors.get(route.path.replace(':address', known.address));
      return pick(issued ? ['', issued] : ['']);
    }
    case 'search':
      // Injection and wildcards are only text to search for: 200, no match.
      return pick([
        '',
        'treasury',
        'a',
        ...INJECTION.filter((s) => !s.includes('\u0000')),
        ...UNICODE.filter((u) => ![...u].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)),
        'x'.repeat(100),
      ]);
    default:
      // Absent is well-formed for a query parameter, never for a path segment.
      return pick(name in route.params ? [...kind] : ['', ...kind]);
  }
}

interface Case {
  method: string;
  path: string;
  /** 'bad': 400 whose error names one of `names`; 'ok': 200 or (unknown id) 404; 'nowhere': 404 (or 400). */
  expect: 'bad' | 'ok' | 'nowhere';
  names: string[];
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

function generate(known: Known): Case {
  const roll = rand();
  if (roll < 0.06) {
    // Paths that are no route: traversal, unknown segments, other methods.
    const route = pick(ROUTES);
    const path = pick([
      `/${pick(TRAVERSAL)}`,
      `/../../${pick(['etc/passwd', 'indexer/ponder.config.ts', '.env'])}`,
      `${route.path.replace(/:\w+/g, '1')}/${pick(['x', '..', '%2e%2e', 'admin', enc(pick(INJECTION))])}`,
      `/${enc(pick(INJECTION))}`,
      `/proposals/1/votes/${hex(8)}`,
      `/accounts/${known.address}`,
      `/accounts//transfers`,
      `/sequencers//history`,
      `/%00`,
      `/${'a/'.repeat(int(10, 200))}`,
    ]);
    return { method: pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH']), path, expect: 'nowhere', names: [] };
  }
  const route = pick(ROUTES);
  const bad = new Set<string>();
  const names = [...Object.keys(route.params), ...Object.keys(route.query)];
  const wantBad = roll < 0.85 && names.length > 0;
  if (wantBad) {
    const n = int(1, Math.min(3, names.length));
    while (bad.size < n) bad.add(pick(names));
  }
  const value = (name: string, kind: Kind) => (bad.has(name) ? malformed(kind) : wellFormed(kind, name, known, route));
  let path: string = route.path;
  for (const [name, kind] of Object.entries(route.params)) path = path.replace(`:${name}`, enc(value(name, kind)));
  const query: string[] = [];
  for (const [name, kind] of Object.entries(route.query)) {
    if (!bad.has(name) && rand() < 0.5) continue;
    query.push(`${name}=${enc(value(name, kind))}`);
    // Repeated: the first value counts; a second, malformed one is ignored.
    if (rand() < 0.05) query.push(`${name}=${enc(malformed(kind))}`);
  }
  // Unknown params are ignored (also ones named like prototype keys or with brackets).
  if (rand() < 0.3)
    query.push(
      `${pick(['foo', '__proto__', 'constructor', 'limit[]', 'cursor[0]', 'where', 'order', 'select', enc(pick(INJECTION))])}=${enc(pick(INJECTION))}`,
    );
  const full = query.length ? `${path}?${query.join('&')}` : path;
  return {
    method: 'GET',
    path: full,
    expect: bad.size > 0 ? 'bad' : 'ok',
    names: [...bad].map((name) => route.reportedAs?.[name] ?? name),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(base: URL, method: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: base.hostname, port: base.port, method, path, agent, headers: { accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${method} ${path.slice(0, 200)}`)));
    req.on('error', reject);
    req.end();
  });
}

let stack: TestStack;
let known: Known;
before(async () => {
  stack = await useStack();
  const get = async <T>(path: string) => (await fetch(new URL(path, stack.urls.api))).json() as Promise<T>;
  const address = demoAccount(stack, 'Alice').address;
  const [proposals, groups, nodes, sequencers] = await Promise.all([
    apiGet(stack, '/proposals', { limit: 1 }),
    apiGet(stack, '/commons/groups', { limit: 1 }),
    apiGet(stack, '/eco-nodes'),
    apiGet(stack, '/sequencers'),
  ]);
  const cursors = new Map<string, string>();
  for (const path of [
    '/proposals',
    '/commons/groups',
    '/delegates',
    '/rewards/epochs',
    '/epochs',
    '/bus/messages',
    `/accounts/${address}/transfers`,
    `/accounts/${address}/votes`,
  ]) {
    const { nextCursor } = await get<{ nextCursor: string | null }>(`${path}?limit=1`);
    if (nextCursor) cursors.set(path, nextCursor);
  }
  known = {
    address,
    group: groups.items[0].address,
    node: nodes.items[0].address,
    sequencer: sequencers.items[0].id,
    proposal: proposals.items[0].id,
    cursors,
  };
});

describe('chain-data API under bad input', () => {
  test(`${REQUESTS} generated requests over every route: 400 with a reason, 404 or 200 as due; never 5xx`, { timeout: 240_000 }, async () => {
    const base = new URL(stack.urls.api);
    const cases: Case[] = [];
    let slowLeft = 60; // well-formed requests to the chain-heavy routes (each makes many chain reads)
    while (cases.length < REQUESTS) {
      const c = generate(known);
      const route = ROUTES.find((r) => new RegExp(`^${r.path.replace(/:\w+/g, '[^/]*')}(\\?|$)`).test(c.path));
      if (c.expect === 'ok' && route?.slow && slowLeft-- <= 0) continue;
      cases.push(c);
    }
    const failures: string[] = [];
    const tally = new Map<number, number>();
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const { status, body } = await send(base, c.method, c.path);
        tally.set(status, (tally.get(status) ?? 0) + 1);
        const where = `${c.method} ${c.path.length > 300 ? `${c.path.slice(0, 300)}…` : c.path}`;
        let error: unknown;
        try {
          error = (JSON.parse(body) as { error?: unknown }).error;
        } catch {
          error = undefined;
        }
        if (status >= 500) failures.push(`${status} for ${where}: ${body.slice(0, 200)}`);
        else if (c.expect === 'bad') {
          if (status !== 400) failures.push(`${status} (expected 400 naming ${c.names.join('/')}) for ${where}: ${body.slice(0, 200)}`);
          else if (typeof error !== 'string' || !c.names.some((n) => new RegExp(`\\b${n}\\b`).test(error)))
            failures.push(`400 without a reason naming ${c.names.join('/')} for ${where}: ${body.slice(0, 200)}`);
        } else if (c.expect === 'ok') {
          if (status !== 200 && !(status === 404 && typeof error === 'string'))
            failures.push(`${status} (expected 200, or 404 with a reason) for ${where}: ${body.slice(0, 200)}`);
        } else if (status !== 404 && status !== 400) failures.push(`${status} (expected 404) for ${where}: ${body.slice(0, 200)}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `fuzz: ${cases.length} requests in ${seconds.toFixed(1)} s (FUZZ_SEED=${SEED}); statuses ${[...tally].map(([s, n]) => `${s}×${n}`).join(', ')}`,
    );
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} wrong answers (FUZZ_SEED=${SEED})`);
  });

  test('an oversized request line is refused by the server (4xx), not answered 5xx', async () => {
    const { status } = await send(new URL(stack.urls.api), 'GET', `/proposals?cursor=${'A'.repeat(40_000)}`);
    assert.ok(status >= 400 && status < 500, `status ${status}`);
  });

  test('afterwards the indexer answers normally', async () => {
    for (const path of ['/health', '/ready', '/status', '/sequencers', `/accounts/${known.address}/transfers?limit=5`, '/proposals?limit=5']) {
      const res = await fetch(new URL(path, stack.urls.api));
      assert.equal(res.status, 200, path);
    }
    const { items } = (await (await fetch(new URL('/sequencers', stack.urls.api))).json()) as { items: unknown[] };
    assert.ok(items.length >= 5, 'the seeded sequencers are still listed');
  });
});
