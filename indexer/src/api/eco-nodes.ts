import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { and, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte } from 'ponder';
import type { Address, Hex } from 'viem';
import type { MotionItem, ReputationEventItem, TimelineStep, TimelockOperationItem } from '../../../lib/api';
import { ecoNodeCouncilAbi, ecoNodePromotionAbi } from '../../../lib/contracts/abis';
import { contractAt } from '../../../lib/contracts/descriptors';
import {
  decodeCall,
  functionBySelector,
  functionSignature,
  MOTION_KINDS,
  MOTION_STATES,
  type MotionState,
  motionBar,
  motionState,
} from '../../../lib/council-motions';
import { ratificationDeadline } from '../../../lib/proposals';
import config from '../../ponder.config';
import { ecoNodeItem, ratificationItem, ratificationVoteItem } from './items';
import { chainNow, live } from './live';
import { parseAddress, parseCursor, parseEnum, parseLimit, parseUint256 } from './params';
import { proposalWithState } from './proposal-state';
import { after, page, reply, type Wire } from './respond';

// The Eco Node council: seats with reputation (read from the chain: it decays lazily between
// writes), reputation history, ratifications with votes and reasons, promotion candidates, and a
// proposal's whole timeline across both chains.
const eco = new Hono();
const council = { abi: ecoNodeCouncilAbi, address: config.contracts.EcoNodeCouncil.address as Address } as const;
const l2 = () => live.l2;
const n = schema.ecoNode;
const r = schema.ratification;

/** GET /eco-nodes  The seated nodes, largest reputation first: share, participation, origin. */
eco.get('/eco-nodes', async (c) => {
  const rows = await db.select().from(n).where(eq(n.seated, true));
  const [total, live] = await Promise.all([
    l2().readContract({ ...council, functionName: 'totalReputation' }),
    Promise.all(rows.map((row) => l2().readContract({ ...council, functionName: 'reputationOf', args: [row.address] }))),
  ]);
  const groups = rows.length
    ? await db
        .select()
        .from(schema.commonsGroup)
        .where(
          inArray(
            schema.commonsGroup.address,
            rows.map((x) => x.address),
          ),
        )
    : [];
  const items = rows
    .map((row, i) => ecoNodeItem(row, live[i], total, groups.find((g) => g.address === row.address)?.name ?? null))
    .sort((a, b) => (b.reputation > a.reputation ? 1 : b.reputation < a.reputation ? -1 : 0));
  return reply(c, '/eco-nodes', { items, totalReputation: total });
});

/**
 * GET /eco-nodes/:address/reputation?limit=&cursor=  Every reputation change of a node with its cause, newest first; a
 * peer penalty with its motion (opener, reason, backers).
 */
eco.get('/eco-nodes/:address/reputation', async (c) => {
  const node = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const [seat] = await db.select().from(n).where(eq(n.address, node));
  if (!seat) return c.json({ error: `${node} has never been an Eco Node` }, 404);
  const e = schema.reputationEvent;
  const cm = schema.councilMotion;
  // A peer penalty carries its motion (by primary key): who opened it and why.
  const rows = await db
    .select({ event: e, motion: { motionId: cm.motionId, opener: cm.opener, reason: cm.reason, backers: cm.backers } })
    .from(e)
    .leftJoin(cm, eq(cm.motionId, e.motionId))
    .where(and(eq(e.node, node), after(cursor, e.timestamp, e.id)))
    .orderBy(desc(e.timestamp), desc(e.id))
    .limit(limit + 1);
  const result = page(rows, limit, (x) => ({ key: x.event.timestamp, id: x.event.id }));
  return reply(c, '/eco-nodes/:address/reputation', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ event, motion }) => ({
      id: event.id,
      node: event.node,
      delta: event.delta,
      reputation: event.reputation,
      cause: event.cause as ReputationEventItem['cause'],
      reason: event.reason,
      motionId: event.motionId,
      motion: motion && motion.motionId !== null ? motion : null,
      timestamp: event.timestamp,
      txHash: event.txHash,
    })),
  });
});

/** The council's promotion-criteria module (an immutable of the council: read once). */
let promotionAddress: Promise<Address> | undefined;
const promotion = async () => {
  promotionAddress ??= l2().readContract({ ...council, functionName: 'promotion' });
  return { abi: ecoNodePromotionAbi, address: await promotionAddress };
};

/**
 * GET /eco-nodes/candidates  Commons groups without a seat, and promoted groups that could be demoted, with
 * each promotion criterion at each snapshot of the window (the last counted closed proposals, newest first;
 * EcoNodePromotion.progress on the chain): which snapshots qualified, the verdicts `eligible` and `demotable`.
 */
eco.get('/eco-nodes/candidates', async (c) => {
  const groups = await db.select().from(schema.commonsGroup).orderBy(desc(schema.commonsGroup.pooledVotes)).limit(50);
  const reader = await promotion();
  const progress = await Promise.all(groups.map((g) => l2().readContract({ ...reader, functionName: 'progress', args: [council.address, g.address] })));
  return reply(c, '/eco-nodes/candidates', {
    items: groups
      .map((g, i) => ({ address: g.address, name: g.name, ...progress[i], checks: [...progress[i].checks] }))
      .filter((x) => !x.seated || x.demotable)
      .sort((a, b) => Number(b.demotable) - Number(a.demotable) || Number(b.eligible) - Number(a.eligible)),
  });
});

const RATIFICATION_STATES = ['open', 'ratified', 'rejected'] as const;

/** GET /ratifications?status=&limit=&cursor=  Ratifications, soonest deadline first, with the proposal's title and the quorum. */
eco.get('/ratifications', async (c) => {
  const status = parseEnum(c.req.query('status'), 'status', RATIFICATION_STATES);
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const [rows, params, now] = await Promise.all([
    db
      .select({ ratification: r, title: schema.proposal.title })
      .from(r)
      .leftJoin(schema.proposal, eq(schema.proposal.id, r.proposalId))
      .where(and(status ? eq(r.status, status) : undefined, after(cursor, r.deadline, r.proposalId)))
      .orderBy(desc(r.deadline), desc(r.proposalId))
      .limit(limit + 1),
    l2().readContract({ ...council, functionName: 'params' }),
    chainNow('l2'),
  ]);
  const result = page(rows, limit, (x) => ({ key: x.ratification.deadline, id: x.ratification.proposalId.toString() }));
  return reply(c, '/ratifications', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ ratification, title }) => ({ ...ratificationItem(ratification, params.quorumBps), title })),
    quorumBps: params.quorumBps,
    now,
  });
});

/** GET /proposals/:id/ratification  The proposal's ratification (null before it opens) and every node's vote with its reason. */
eco.get('/proposals/:id/ratification', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const [[row], votes, params] = await Promise.all([
    db.select().from(r).where(eq(r.proposalId, id)),
    db.select().from(schema.ratificationVote).where(eq(schema.ratificationVote.proposalId, id)).orderBy(desc(schema.ratificationVote.weight)),
    l2().readContract({ ...council, functionName: 'params' }),
  ]);
  return reply(c, '/proposals/:id/ratification', {
    ratification: row ? ratificationItem(row, params.quorumBps) : null,
    votes: votes.map(ratificationVoteItem),
    ratificationPeriod: params.ratificationPeriod,
  });
});

/**
 * GET /proposals/:id/timeline  Every stage of docs/MECHANISMS.md §6 that happened, each with who, when and the
 * transaction: created, voting, ratification opened and settled, queued, executed on L2, and for L1
 * actions each bus message relayed and the L1 executor's calls.
 */
eco.get('/proposals/:id/timeline', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const now = await chainNow('l2');
  const [[p], [rat]] = await Promise.all([
    db.select(proposalWithState(schema.proposal, now)).from(schema.proposal).where(eq(schema.proposal.id, id)),
    db.select().from(r).where(eq(r.proposalId, id)),
  ]);
  if (!p) return c.json({ error: `no proposal ${id}` }, 404);
  type Step = Omit<TimelineStep, 'at' | 'overrides' | 'eta' | 'nonce'> & { at: bigint | null; overrides?: bigint; eta?: bigint; nonce?: bigint };
  const steps: Step[] = [
    { stage: 'created', at: p.createdAt, who: p.proposer, tx: p.txHash, chain: 'l2' },
    { stage: 'voting-opens', at: p.snapshot },
    { stage: 'voting-closes', at: p.deadline, ...(p.extended ? { extended: true } : {}) },
  ];
  if (p.isOverride && p.overrides !== null) {
    steps.splice(1, 0, { stage: 'override-proposed', at: p.createdAt, tx: p.txHash, chain: 'l2', overrides: p.overrides });
  }
  // docs/MECHANISMS.md §4.3: the ratification must open by deadline + window, or the proposal expires.
  const openBy = ratificationDeadline(p);
  if (!rat && openBy !== null && (p.state === 'succeeded' || p.state === 'expired')) {
    steps.push({ stage: p.state === 'expired' ? 'expired' : 'ratification-opens-by', at: openBy });
  }
  if (rat) {
    steps.push({ stage: 'ratification-opened', at: rat.openedAt, who: rat.opener, tx: rat.openedTx, chain: 'l2' });
    steps.push(
      rat.settledAt
        ? { stage: rat.status === 'ratified' ? 'ratification-ratified' : 'ratification-rejected', at: rat.settledAt, tx: rat.settledTx, chain: 'l2' }
        : { stage: 'ratification-closes', at: rat.deadline },
    );
  }
  if (p.queuedAt) steps.push({ stage: 'queued', at: p.queuedAt, tx: p.queuedTx, chain: 'l2', ...(p.eta ? { eta: p.eta } : {}) });
  if (p.executedAt) steps.push({ stage: 'executed', at: p.executedAt, tx: p.executedTx, chain: 'l2' });
  if (p.canceledAt) steps.push({ stage: 'canceled', at: p.canceledAt, tx: p.canceledTx, chain: 'l2' });
  // L1 actions: the messages the timelock sent through the bus in the execution, their delivery, and what the executor did.
  const relays = p.executedTx
    ? await db
        .select({ message: schema.busMessage, delivery: schema.busDelivery })
        .from(schema.busMessage)
        .leftJoin(schema.busDelivery, eq(schema.busDelivery.id, schema.busMessage.id))
        .where(eq(schema.busMessage.sentTx, p.executedTx))
    : [];
  let l1Now: bigint | undefined;
  for (const { message, delivery } of relays) {
    steps.push({ stage: 'relayed', at: message.sentAt, tx: message.sentTx, chain: 'l2', nonce: message.nonce, target: message.target });
    if (delivery?.deliveredTx) {
      const calls = await db.select().from(schema.l1Execution).where(eq(schema.l1Execution.txHash, delivery.deliveredTx));
      steps.push({ stage: 'executed-on-l1', at: delivery.updatedAt, tx: delivery.deliveredTx, chain: 'l1', targets: calls.map((x) => x.target) });
    } else if (delivery?.status === 'failed' || delivery?.status === 'cancelled') {
      steps.push({
        stage: 'l1-failed',
        at: delivery.failedAt ?? delivery.updatedAt,
        chain: 'l1',
        ...(delivery.failureReason ? { reason: delivery.failureReason } : {}),
      });
      // docs/MECHANISMS.md §5: retriable until its deadline, unless governance cancels it.
      if (delivery.status === 'cancelled') {
        steps.push({ stage: 'l1-cancelled', at: delivery.updatedAt, chain: 'l1' });
      } else if (delivery.retryDeadline !== null) {
        if (l1Now === undefined) l1Now = await chainNow('l1');
        const now1: bigint = l1Now;
        steps.push(
          now1 > delivery.retryDeadline
            ? { stage: 'l1-expired', at: delivery.retryDeadline, chain: 'l1' }
            : { stage: 'l1-retry-closes', at: delivery.retryDeadline, chain: 'l1' },
        );
      }
    }
  }
  return reply(c, '/proposals/:id/timeline', { state: p.state, override: p.isOverride, steps, now });
});

// ---------------------------------------------------------------------------------------------------------
// Motions (docs/MECHANISMS.md §4.4): peer penalties and decisive actions, their backers, and the allow-list.
// ---------------------------------------------------------------------------------------------------------

const m = schema.councilMotion;

/** The deployed L2 contracts by deployment name (both-chain contracts by their L2 address), to name targets. */
const l2Contracts: Record<string, { address?: unknown }> = Object.fromEntries(
  Object.entries(config.contracts as Record<string, { chain: unknown; address?: unknown }>).map(([name, c]) => [
    name,
    {
      address:
        c.chain === 'l2'
          ? c.address
          : typeof c.chain === 'object' && c.chain && 'l2' in c.chain
            ? (c.chain as { l2: { address: unknown } }).l2.address
            : undefined,
    },
  ]),
);

/** Whether a motion row is in `state` at `now`: the SQL form of lib/council-motions.ts `motionState` (same rule). */
function motionStateIs(state: MotionState, now: bigint) {
  const pending = eq(m.executed, false);
  switch (state) {
    case 'executed':
      return eq(m.executed, true);
    case 'voting':
      return and(pending, isNull(m.executableAt), gte(m.deadline, now));
    case 'defeated':
      return and(pending, isNull(m.executableAt), lt(m.deadline, now));
    case 'passed':
      return and(pending, gt(m.executableAt, now));
    case 'executable':
      return and(pending, lte(m.executableAt, now), gte(m.expiresAt, now));
    case 'expired':
      return and(pending, lt(m.expiresAt, now));
  }
}

/** A motion as the API reports it: its state at `now`, the bar, and a decisive action named and decoded from the ABI. */
function motionItem(row: typeof m.$inferSelect, now: bigint, votes: (typeof schema.motionVote.$inferSelect)[]): Wire<MotionItem> {
  const contract = row.kind === 'action' ? contractAt('l2', l2Contracts, row.subject) : undefined;
  const decoded = contract && row.data ? decodeCall(contract.abi, row.data as Hex) : undefined;
  return {
    motionId: row.motionId,
    kind: row.kind as MotionItem['kind'],
    opener: row.opener,
    subject: row.subject,
    selector: row.selector,
    data: row.data,
    amount: row.amount,
    reason: row.reason,
    snapshot: row.snapshot,
    deadline: row.deadline,
    totalReputation: row.totalReputation,
    yesWeight: row.yesWeight,
    backers: row.backers,
    openedAt: row.openedAt,
    openedTx: row.openedTx,
    passedAt: row.passedAt,
    executableAt: row.executableAt,
    expiresAt: row.expiresAt,
    executed: row.executed,
    executedAt: row.executedAt,
    executedTx: row.executedTx,
    executor: row.executor,
    votes: votes.map((v) => ({ id: v.id, motionId: v.motionId, node: v.node, voter: v.voter, weight: v.weight, timestamp: v.timestamp, txHash: v.txHash })),
    state: motionState(row, now),
    bar: motionBar(row.totalReputation),
    action:
      row.kind === 'action'
        ? {
            target: row.subject,
            contract: contract?.name ?? null,
            selector: row.selector,
            functionName: decoded?.functionName ?? null,
            signature: decoded?.signature ?? null,
            args: decoded?.args ?? null,
          }
        : null,
  };
}

/**
 * GET /eco-nodes/motions?kind=&state=&subject=&limit=&cursor=  Council motions, newest first, each with its state
 * on the L2 clock, the 2/3 bar, a decisive action decoded, and its backers (largest weight first).
 */
eco.get('/eco-nodes/motions', async (c) => {
  const kind = parseEnum(c.req.query('kind'), 'kind', MOTION_KINDS);
  const state = parseEnum(c.req.query('state'), 'state', MOTION_STATES);
  const subject = c.req.query('subject') ? parseAddress(c.req.query('subject'), 'subject') : undefined;
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const now = await chainNow('l2');
  const rows = await db
    .select()
    .from(m)
    .where(
      and(
        kind ? eq(m.kind, kind) : undefined,
        subject ? eq(m.subject, subject) : undefined,
        state ? motionStateIs(state, now) : undefined,
        after(cursor, m.openedAt, m.motionId),
      ),
    )
    .orderBy(desc(m.openedAt), desc(m.motionId))
    .limit(limit + 1);
  const result = page(rows, limit, (x) => ({ key: x.openedAt, id: x.motionId.toString() }));
  const v = schema.motionVote;
  // One more query for the whole page's backers.
  const votes = result.items.length
    ? await db
        .select()
        .from(v)
        .where(
          inArray(
            v.motionId,
            result.items.map((x) => x.motionId),
          ),
        )
        .orderBy(desc(v.weight))
    : [];
  return reply(c, '/eco-nodes/motions', {
    nextCursor: result.nextCursor,
    items: result.items.map((row) =>
      motionItem(
        row,
        now,
        votes.filter((x) => x.motionId === row.motionId),
      ),
    ),
    now,
  });
});

/** GET /eco-nodes/motions/:id  One motion with its state, decoded action and every backer with its weight. */
eco.get('/eco-nodes/motions/:id', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const v = schema.motionVote;
  const [[row], votes, now] = await Promise.all([
    db.select().from(m).where(eq(m.motionId, id)),
    db.select().from(v).where(eq(v.motionId, id)).orderBy(desc(v.weight)),
    chainNow('l2'),
  ]);
  if (!row) return c.json({ error: `no motion ${id}` }, 404);
  return reply(c, '/eco-nodes/motions/:id', { ...motionItem(row, now, votes), now });
});

/**
 * GET /eco-nodes/actions  The decisive actions the council may propose now (the allow-list), each with its
 * contract's deployment name, the function's signature and its ABI inputs (null for a pair the deployment
 * does not describe).
 */
eco.get('/eco-nodes/actions', async (c) => {
  const a = schema.councilAction;
  const rows = await db.select().from(a).where(eq(a.allowed, true)).orderBy(a.target, a.selector);
  return reply(c, '/eco-nodes/actions', {
    items: rows.map((row) => {
      const contract = contractAt('l2', l2Contracts, row.target);
      const fn = contract ? functionBySelector(contract.abi, row.selector as Hex) : undefined;
      return {
        target: row.target,
        selector: row.selector,
        contract: contract?.name ?? null,
        functionName: fn?.name ?? null,
        signature: fn ? functionSignature(fn) : null,
        inputs: fn?.inputs ?? null,
        allowedAt: row.updatedAt,
        txHash: row.txHash,
      };
    }),
  });
});

const OP_STATES = ['waiting', 'ready', 'executed', 'cancelled'] as const;

/**
 * GET /timelock/operations?status=&limit=&cursor=  The L2 timelock's operations, newest first: what
 * they call, when they become executable, and when they were executed or cancelled (with the
 * proposal that queued them, when the governor did).
 */
eco.get('/timelock/operations', async (c) => {
  const status = parseEnum(c.req.query('status'), 'status', OP_STATES);
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const op = schema.timelockOp;
  const now = await chainNow('l2');
  const pendingOp = and(isNull(op.executedAt), isNull(op.cancelledAt));
  const filter =
    status === 'executed'
      ? isNotNull(op.executedAt)
      : status === 'cancelled'
        ? isNotNull(op.cancelledAt)
        : status === 'ready'
          ? and(pendingOp, lte(op.readyAt, now))
          : status === 'waiting'
            ? and(pendingOp, gt(op.readyAt, now))
            : undefined;
  const rows = await db
    .select({ op, title: schema.proposal.title })
    .from(op)
    .leftJoin(schema.proposal, eq(schema.proposal.id, op.proposalId))
    .where(and(filter, after(cursor, op.scheduledAt, op.id)))
    .orderBy(desc(op.scheduledAt), desc(op.id))
    .limit(limit + 1);
  const result = page(rows, limit, (x) => ({ key: x.op.scheduledAt, id: x.op.id }));
  const statusOf = (o: typeof op.$inferSelect): TimelockOperationItem['status'] =>
    o.executedAt ? 'executed' : o.cancelledAt ? 'cancelled' : o.readyAt <= now ? 'ready' : 'waiting';
  return reply(c, '/timelock/operations', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ op: o, title }) => ({
      id: o.id,
      proposalId: o.proposalId,
      proposalTitle: title,
      calls: o.calls,
      targets: o.targets,
      scheduledAt: o.scheduledAt,
      scheduledTx: o.scheduledTx,
      readyAt: o.readyAt,
      executedAt: o.executedAt,
      executedTx: o.executedTx,
      cancelledAt: o.cancelledAt,
      cancelledTx: o.cancelledTx,
      status: statusOf(o),
    })),
    now,
  });
});

export default eco;
