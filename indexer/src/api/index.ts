import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { and, count, desc, eq, gt, gte, isNull, lt, lte, or } from 'ponder';
import type { AprWindow, BeaconDrawItem, BusMessageItem, SequencerItem, TransferItem } from '../../../lib/api';
import type { ChainKey } from '../../../lib/deployment/types';
import { pollMs } from '../../../lib/polling';
import { SEQUENCER_STATUS, type SequencerStatus } from '../../../lib/sequencers';
import config, { network } from '../../ponder.config';
import { accountSlashes } from './account-sql';
import challenges from './challenges';
import commons from './commons';
import delegates from './delegates';
import ecoNodes from './eco-nodes';
import exportRoutes, { isExportPath } from './exports';
import { positionItem, stakeEventItem, unbondingItem } from './items';
import { chainNow } from './live';
import { BadRequest, parseAddress, parseChain, parseCursor, parseEnum, parseId, parseLimit, parseUint256 } from './params';
import profiles from './profiles';
import { after, page, reply, type Wire } from './respond';
import rewards, { realisedApr } from './rewards';
import { sharedAnswers } from './shared';

// Ponder itself serves /health (process up), /ready (historical indexing done) and /status
// (latest indexed block per chain). Every list here is newest (or largest) first, paged with an
// opaque keyset cursor: { items, nextCursor }.
const app = new Hono();
app.use(sharedAnswers(pollMs(network, 'shared'), { bypass: isExportPath }));

app.onError((err, c) => {
  if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
  // PostgreSQL's query_canceled: the replica's statement timeout (ponder.config.ts) ended a query.
  if (codeOf(err) === '57014') return c.json({ error: 'the query took too long; try again shortly' }, 503);
  console.error(err);
  return c.json({ error: 'internal error' }, 500);
});

/** The SQLSTATE of a database error, wherever the driver or the query builder has wrapped it. */
function codeOf(err: unknown): string | undefined {
  for (let e = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const chainKey = (chainId: number): ChainKey => (chainId === config.chains.l1.id ? 'l1' : 'l2');

/** GET /accounts/:address/transfers?limit=&cursor=&chain=  METIS transfers touching an account. */
app.get('/accounts/:address/transfers', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const chain = parseChain(c.req.query('chain'));
  const t = schema.accountTransfer;
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.account, account), chain ? eq(t.chainId, config.chains[chain].id) : undefined, after(cursor, t.timestamp, t.id)))
    .orderBy(desc(t.timestamp), desc(t.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.timestamp, id: r.id }));
  return reply(c, '/accounts/:address/transfers', {
    nextCursor: result.nextCursor,
    items: result.items.map((row) => ({
      id: row.id,
      chain: chainKey(row.chainId),
      chainId: row.chainId,
      direction: row.direction as TransferItem['direction'],
      counterparty: row.counterparty,
      amount: row.amount,
      blockNumber: row.blockNumber,
      timestamp: row.timestamp,
      txHash: row.txHash,
    })),
  });
});

/** The statuses a listed sequencer can have: every one but `none` (not registered). */
const STATUSES = SEQUENCER_STATUS.filter((s): s is Exclude<SequencerStatus, 'none'> => s !== 'none');
/** Epochs counted as "recent" for a sequencer. */
const RECENT_EPOCHS = 100n;

async function epochCounts() {
  const e = schema.epoch;
  const [latest] = await db.select({ id: e.id }).from(e).orderBy(desc(e.id)).limit(1);
  const since = (latest?.id ?? 0n) - RECENT_EPOCHS;
  const total = await db.select({ sequencerId: e.sequencerId, n: count() }).from(e).groupBy(e.sequencerId);
  const recent = await db.select({ sequencerId: e.sequencerId, n: count() }).from(e).where(gt(e.id, since)).groupBy(e.sequencerId);
  const current = latest ? (await db.select().from(e).where(eq(e.id, latest.id)))[0] : undefined;
  const by = (rows: { sequencerId: bigint; n: number }[]) => new Map(rows.map((r) => [r.sequencerId, Number(r.n)]));
  return { total: by(total), recent: by(recent), current };
}

/** A sequencer row as the API lists it, with its epoch counts and realised APR (`aprWindow` in the single answer). */
function sequencerItem(
  row: typeof schema.sequencer.$inferSelect,
  epochs: Awaited<ReturnType<typeof epochCounts>>,
  aprBps: Map<bigint, number | null>,
  aprWindow?: AprWindow,
): Wire<SequencerItem> {
  return {
    id: row.id,
    owner: row.owner,
    signer: row.signer,
    status: row.status as SequencerItem['status'],
    selfLock: row.selfLock,
    delegated: row.delegated,
    totalStake: row.totalStake,
    unbonding: row.unbonding,
    commissionBps: row.commissionBps,
    pendingCommissionBps: row.pendingCommissionBps,
    commissionEffectiveAt: row.commissionEffectiveAt,
    jailedUntil: row.jailedUntil,
    unlockAt: row.unlockAt,
    metadataURI: row.metadataURI,
    delegatorCount: row.delegatorCount,
    epochsProduced: epochs.total.get(row.id) ?? 0,
    epochsRecent: epochs.recent.get(row.id) ?? 0,
    current: epochs.current?.sequencerId === row.id,
    aprBps: aprBps.get(row.id) ?? null,
    ...(aprWindow === undefined ? {} : { aprWindow }),
  };
}

/** The indexed beacon of epoch `epochNumber`'s draw (null: not requested yet, as far as indexed). */
async function beaconFor(epochNumber: bigint): Promise<BeaconDrawItem | null> {
  const [row] = await db.select().from(schema.beaconDraw).where(eq(schema.beaconDraw.id, epochNumber));
  if (!row) return null;
  const str = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    epoch: row.id.toString(),
    requestedAt: str(row.requestedAt),
    recordedAt: str(row.recordedAt),
    l1BlockNumber: str(row.l1BlockNumber),
    receivedAt: str(row.receivedAt),
  };
}

/** GET /sequencers?status=  Every sequencer (a bounded set), largest stake first, with epoch counts. */
app.get('/sequencers', async (c) => {
  const status = parseEnum(c.req.query('status'), 'status', STATUSES);
  const s = schema.sequencer;
  const rows = await db
    .select()
    .from(s)
    .where(status ? eq(s.status, status) : undefined)
    .orderBy(desc(s.totalStake), s.id);
  const [epochs, apr] = await Promise.all([epochCounts(), realisedApr(rows)]);
  return reply(c, '/sequencers', {
    items: rows.map((row) => sequencerItem(row, epochs, apr.aprBps)),
    currentEpoch: epochs.current ?? null,
    nextBeacon: await beaconFor((epochs.current?.id ?? 0n) + 1n),
    recentEpochWindow: Number(RECENT_EPOCHS),
    aprWindow: apr.window,
  });
});

/** GET /sequencers/:id  One sequencer with its epoch counts. */
app.get('/sequencers/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  const [row] = await db.select().from(schema.sequencer).where(eq(schema.sequencer.id, id));
  if (!row) return c.json({ error: `no sequencer ${id}` }, 404);
  const [epochs, apr] = await Promise.all([epochCounts(), realisedApr([row])]);
  return reply(c, '/sequencers/:id', sequencerItem(row, epochs, apr.aprBps, apr.window));
});

/** GET /sequencers/:id/delegators?limit=&cursor=  Positions behind a sequencer, largest first. */
app.get('/sequencers/:id/delegators', async (c) => {
  const id = parseId(c.req.param('id'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const p = schema.position;
  const rows = await db
    .select()
    .from(p)
    .where(and(eq(p.sequencerId, id), gt(p.shares, 0n), after(cursor, p.value, p.id)))
    .orderBy(desc(p.value), desc(p.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.value, id: r.id }));
  return reply(c, '/sequencers/:id/delegators', { items: result.items.map(positionItem), nextCursor: result.nextCursor });
});

/** GET /sequencers/:id/history?limit=&cursor=  Stake changes of a sequencer, newest first. */
app.get('/sequencers/:id/history', async (c) => {
  const id = parseId(c.req.param('id'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const h = schema.stakeEvent;
  const rows = await db
    .select()
    .from(h)
    .where(and(eq(h.sequencerId, id), after(cursor, h.timestamp, h.id)))
    .orderBy(desc(h.timestamp), desc(h.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.timestamp, id: r.id }));
  return reply(c, '/sequencers/:id/history', { items: result.items.map(stakeEventItem), nextCursor: result.nextCursor });
});

/** GET /epochs?sequencer=&limit=&cursor=  L2 epochs and who produced them, newest first. */
app.get('/epochs', async (c) => {
  const sequencerId = c.req.query('sequencer') ? parseId(c.req.query('sequencer'), 'sequencer') : undefined;
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const e = schema.epoch;
  const rows = await db
    .select()
    .from(e)
    .where(and(sequencerId ? eq(e.sequencerId, sequencerId) : undefined, cursor ? lt(e.id, cursor.key) : undefined))
    .orderBy(desc(e.id))
    .limit(limit + 1);
  return reply(
    c,
    '/epochs',
    page(rows, limit, (r) => ({ key: r.id, id: '' })),
  );
});

/** GET /accounts/:address/positions  An account's open positions. */
app.get('/accounts/:address/positions', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const p = schema.position;
  const rows = await db
    .select()
    .from(p)
    .where(and(eq(p.account, account), gt(p.shares, 0n)))
    .orderBy(desc(p.value));
  return reply(c, '/accounts/:address/positions', { items: rows.map(positionItem) });
});

/**
 * GET /accounts/:address/slashes  What each slash took from the account, newest first: a position's part
 * of a pool slash (its shares at the slash × the pool before it / the shares, × the fraction) and the
 * liable unbonding or redelegated stake it paid later, each with the slash's reason.
 */
app.get('/accounts/:address/slashes', async (c) => {
  const account = parseAddress(c.req.param('address'));
  return reply(c, '/accounts/:address/slashes', { items: await accountSlashes(db, account) });
});

/** GET /accounts/:address/unbonding?state=pending|withdrawn  An account's unbonding entries, soonest first. */
app.get('/accounts/:address/unbonding', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const state = parseEnum(c.req.query('state'), 'state', ['pending', 'withdrawn'] as const);
  const u = schema.unbonding;
  const rows = await db
    .select()
    .from(u)
    .where(and(eq(u.account, account), state === 'pending' ? isNull(u.withdrawnAt) : state === 'withdrawn' ? gt(u.withdrawnAt, 0n) : undefined))
    .orderBy(u.maturesAt, u.id);
  return reply(c, '/accounts/:address/unbonding', { items: rows.map(unbondingItem) });
});

/**
 * GET /unbonding?maturedAfter=&maturedBy=&limit=&cursor=  Unbonding entries not yet withdrawn whose maturity
 * is in (maturedAfter, maturedBy] (unix seconds; maturedBy defaults to the L2 clock), latest maturity first:
 * what the notifier tells their accounts they can withdraw (docs/ARCHITECTURE.md, "Notifier").
 */
app.get('/unbonding', async (c) => {
  const now = await chainNow('l2');
  const maturedAfter = c.req.query('maturedAfter') ? parseUint256(c.req.query('maturedAfter'), 'maturedAfter') : undefined;
  const maturedBy = c.req.query('maturedBy') ? parseUint256(c.req.query('maturedBy'), 'maturedBy') : now;
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const u = schema.unbonding;
  const rows = await db
    .select()
    .from(u)
    .where(
      and(
        isNull(u.withdrawnAt),
        lte(u.maturesAt, maturedBy),
        maturedAfter === undefined ? undefined : gt(u.maturesAt, maturedAfter),
        after(cursor, u.maturesAt, u.id),
      ),
    )
    .orderBy(desc(u.maturesAt), desc(u.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.maturesAt, id: r.id }));
  return reply(c, '/unbonding', { nextCursor: result.nextCursor, items: result.items.map(unbondingItem), now });
});

/**
 * GET /bus/messages?from=l1|l2&status=sent|attested|delivered|failed|expired|cancelled&limit=&cursor=
 * Cross-chain messages, newest first. A failed message can be retried until its `retryDeadline`
 * (target chain time); after it, it is `expired`. `cancelled`: governance cancelled it (docs/MECHANISMS.md §5).
 */
app.get('/bus/messages', async (c) => {
  const from = parseEnum(c.req.query('from'), 'from', ['l1', 'l2'] as const);
  const status = parseEnum(c.req.query('status'), 'status', ['sent', 'attested', 'delivered', 'failed', 'expired', 'cancelled'] as const);
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const m = schema.busMessage;
  const d = schema.busDelivery;
  // Expiry is judged against the clock of the chain the message executes on.
  const [l1Now, l2Now] = await Promise.all([chainNow('l1'), chainNow('l2')]);
  const nowOn = (chainId: number) => (chainId === config.chains.l1.id ? l1Now : l2Now);
  const expired = or(
    and(eq(m.targetChainId, config.chains.l1.id), lt(d.retryDeadline, l1Now)),
    and(eq(m.targetChainId, config.chains.l2.id), lt(d.retryDeadline, l2Now)),
  );
  const retryable = or(
    isNull(d.retryDeadline),
    and(eq(m.targetChainId, config.chains.l1.id), gte(d.retryDeadline, l1Now)),
    and(eq(m.targetChainId, config.chains.l2.id), gte(d.retryDeadline, l2Now)),
  );
  const statusFilter =
    status === 'sent'
      ? isNull(d.id)
      : status === 'expired'
        ? and(eq(d.status, 'failed'), expired)
        : status === 'failed'
          ? and(eq(d.status, 'failed'), retryable)
          : status
            ? eq(d.status, status)
            : undefined;
  const rows = await db
    .select({ message: m, delivery: d })
    .from(m)
    .leftJoin(d, eq(d.id, m.id))
    .where(and(from ? eq(m.sourceChainId, config.chains[from].id) : undefined, statusFilter, after(cursor, m.sentAt, m.id)))
    .orderBy(desc(m.sentAt), desc(m.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.message.sentAt, id: r.message.id }));
  return reply(c, '/bus/messages', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ message, delivery }) => ({
      id: message.id,
      from: chainKey(message.sourceChainId),
      sourceChainId: message.sourceChainId,
      targetChainId: message.targetChainId,
      nonce: message.nonce,
      sender: message.sender,
      target: message.target,
      sentAt: message.sentAt,
      sentTx: message.sentTx,
      status:
        delivery?.status === 'failed' && delivery.retryDeadline !== null && delivery.retryDeadline < nowOn(message.targetChainId)
          ? 'expired'
          : ((delivery?.status ?? 'sent') as BusMessageItem['status']),
      attestations: delivery?.attestations ?? 0,
      deliveredTx: delivery?.deliveredTx ?? null,
      failureReason: delivery?.failureReason ?? null,
      retryDeadline: delivery?.retryDeadline ?? null,
    })),
  });
});

app.route('/', challenges);
app.route('/', commons);
app.route('/', delegates);
app.route('/', rewards);
app.route('/', ecoNodes);
app.route('/', profiles);
app.route('/', exportRoutes);

app.notFound((c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

export default app;
