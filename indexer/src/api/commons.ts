import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { getTableColumns } from 'drizzle-orm';
import { Hono } from 'hono';
import { and, count, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from 'ponder';
import { type Abi, type Address, decodeFunctionData, type Hex } from 'viem';
import type { GroupItem, ProposalItem } from '../../../lib/api';
import { CONTRACTS } from '../../../lib/contracts/descriptors';
import { OVERRIDE_BAR, PROPOSAL_STATES, type ProposalState, ratificationDeadline, requiredQuorum } from '../../../lib/proposals';
import { STEWARD_MOTION_STATES, stewardMotionExecutableUntil, stewardMotionStatus } from '../../../lib/steward-motions';
import config from '../../ponder.config';
import { voteItem } from './items';
import { chainNow, live } from './live';
import { type Cursor, parseAddress, parseCursor, parseEnum, parseLimit, parseSearch, parseUint256 } from './params';
import { proposalStateSql, proposalWithState } from './proposal-state';
import { after, contains, page, reply, type Wire } from './respond';

// The Commons on L2: interest groups, proposals, votes, veMETIS locks. Proposal states are computed
// at request time against the L2 chain's clock (its latest block), as the governor computes them.
const commons = new Hono();

const g = schema.commonsGroup;
const p = schema.proposal;

/**
 * Votes delegated to each of `accounts` at `now`, counting only locks that have not ended (docs/MECHANISMS.md §4.1: a lock's
 * units stop counting at its end, with no event then, so stored vote totals go stale at expiries). Computed
 * from the lock and delegation rows, as the contract's `getVotes` is.
 */
async function liveVotes(accounts: Address[], now: bigint): Promise<Map<string, bigint>> {
  if (accounts.length === 0) return new Map();
  const l = schema.veLock;
  const d = schema.delegation;
  const rows = await db
    .select({ delegatee: d.delegatee, votes: sql<string>`coalesce(sum(${l.units}), 0)` })
    .from(d)
    .innerJoin(l, eq(l.account, d.account))
    .where(and(inArray(d.delegatee, accounts), gt(l.end, now), gt(l.amount, 0n)))
    .groupBy(d.delegatee);
  return new Map(rows.map((r) => [r.delegatee.toLowerCase(), BigInt(r.votes)]));
}

/** A group as the API lists it: `pooledVotes` as of `now` (`live`: expired locks no longer pooled) and its participation. */
function groupItem(row: typeof g.$inferSelect, live: Map<string, bigint>, shares: Awaited<ReturnType<typeof participation>>): Wire<GroupItem> {
  return {
    address: row.address,
    groupId: row.groupId,
    name: row.name,
    metadataURI: row.metadataURI,
    creator: row.creator,
    steward: row.steward,
    remainderPolicy: row.remainderPolicy as GroupItem['remainderPolicy'],
    memberCount: row.memberCount,
    pooledVotes: live.get(row.address.toLowerCase()) ?? 0n,
    createdAt: row.createdAt,
    stewardEpoch: row.stewardEpoch,
    seatVotingFrom: row.seatVotingFrom,
    participation: shares.get(row.address) ?? { voted: 0, eligible: 0, share: null },
  };
}

/** Share of proposals a group could vote on (voting started after it was created, not canceled) that it voted on. */
async function participation(groups: { address: Address; createdAt: bigint }[], now: bigint) {
  const b = schema.ballot;
  const voted = groups.length
    ? await db
        .select({ voter: b.voter, n: count() })
        .from(b)
        .where(
          and(
            eq(b.isGroup, true),
            inArray(
              b.voter,
              groups.map((x) => x.address),
            ),
          ),
        )
        .groupBy(b.voter)
    : [];
  const votedBy = new Map(voted.map((r) => [r.voter, Number(r.n)]));
  // Proposals each group could vote on, all groups in one query.
  const eligibleRows = groups.length
    ? await db
        .select({ address: g.address, n: count(p.id) })
        .from(g)
        .leftJoin(p, and(eq(p.canceled, false), gt(p.snapshot, g.createdAt), lt(p.snapshot, now)))
        .where(
          inArray(
            g.address,
            groups.map((x) => x.address),
          ),
        )
        .groupBy(g.address)
    : [];
  const eligibleBy = new Map(eligibleRows.map((r) => [r.address, Number(r.n)]));
  return new Map(
    groups.map((group) => {
      const eligible = eligibleBy.get(group.address) ?? 0;
      const v = votedBy.get(group.address) ?? 0;
      return [group.address, { voted: v, eligible, share: eligible ? v / eligible : null }] as const;
    }),
  );
}

/** GET /commons/groups?steward=&limit=&cursor=  Interest groups, largest pooled power first, with participation; `steward` keeps those it stewards. */
commons.get('/commons/groups', async (c) => {
  const stewardParam = c.req.query('steward');
  const steward = stewardParam === undefined ? undefined : parseAddress(stewardParam, 'steward');
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const [rows, now] = await Promise.all([
    db
      .select()
      .from(g)
      .where(and(steward ? eq(g.steward, steward) : undefined, after(cursor, g.pooledVotes, g.address)))
      .orderBy(desc(g.pooledVotes), desc(g.address))
      .limit(limit + 1),
    chainNow('l2'),
  ]);
  const result = page(rows, limit, (r) => ({ key: r.pooledVotes, id: r.address }));
  const [shares, live] = await Promise.all([
    participation(result.items, now),
    liveVotes(
      result.items.map((r) => r.address),
      now,
    ),
  ]);
  // Ordered by the pool at its last change; the pool reported is the live one (expired locks excluded).
  return reply(c, '/commons/groups', { items: result.items.map((row) => groupItem(row, live, shares)), nextCursor: result.nextCursor });
});

async function findGroup(address: Address) {
  const [row] = await db.select().from(g).where(eq(g.address, address));
  return row;
}
const noGroup = (address: Address) => ({ error: `no group at ${address}` });

/** GET /commons/groups/:address  One group with its participation. */
commons.get('/commons/groups/:address', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const [row, now] = await Promise.all([findGroup(address), chainNow('l2')]);
  if (!row) return c.json(noGroup(address), 404);
  const [shares, live] = await Promise.all([participation([row], now), liveVotes([row.address], now)]);
  return reply(c, '/commons/groups/:address', groupItem(row, live, shares));
});

/** GET /commons/groups/:address/members?limit=&cursor=  Current members, latest joined first, with their lock units and delegatee. */
commons.get('/commons/groups/:address/members', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  if (!(await findGroup(address))) return c.json(noGroup(address), 404);
  const m = schema.groupMember;
  const rows = await db
    .select({ member: m, units: schema.veLock.units, end: schema.veLock.end, delegatee: schema.delegation.delegatee })
    .from(m)
    .leftJoin(schema.veLock, eq(schema.veLock.account, m.account))
    .leftJoin(schema.delegation, eq(schema.delegation.account, m.account))
    .where(and(eq(m.group, address), isNull(m.leftAt), after(cursor, m.joinedAt, m.id)))
    .orderBy(desc(m.joinedAt), desc(m.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.member.joinedAt, id: r.member.id }));
  const now = await chainNow('l2');
  return reply(c, '/commons/groups/:address/members', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ member, units, end, delegatee }) => ({
      account: member.account,
      joinedAt: member.joinedAt,
      /** Units that count now: 0 once the lock has ended (docs/MECHANISMS.md §4.1). */
      units: end !== null && end > now ? (units ?? 0n) : 0n,
      expired: end !== null && units !== null && units > 0n && end <= now,
      delegatee: delegatee ?? null,
      /** Whether the member pools its power in this group (members may delegate elsewhere). */
      pooling: delegatee?.toLowerCase() === address.toLowerCase(),
    })),
  });
});

/** GET /commons/groups/:address/power?limit=&cursor=  The group's pooled power over time, newest first. */
commons.get('/commons/groups/:address/power', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  if (!(await findGroup(address))) return c.json(noGroup(address), 404);
  return reply(c, '/commons/groups/:address/power', await powerHistory(address, limit, cursor));
});

/** A page of the voting-power checkpoints of `address` (an account or a group), newest first. */
export async function powerHistory(address: Address, limit: number, cursor: Cursor | undefined) {
  const vp = schema.votingPower;
  const rows = await db
    .select({ id: vp.id, votes: vp.votes, blockNumber: vp.blockNumber, timestamp: vp.timestamp })
    .from(vp)
    .where(and(eq(vp.account, address), after(cursor, vp.timestamp, vp.id)))
    .orderBy(desc(vp.timestamp), desc(vp.id))
    .limit(limit + 1);
  return page(rows, limit, (r) => ({ key: r.timestamp, id: r.id }));
}

/**
 * GET /commons/groups/:address/motions?status=&limit=&cursor=  The group's steward motions, newest first
 * (docs/MECHANISMS.md §4.2): the snapshot at which members' units count, the end of the voting period, until when a
 * passed motion can be executed, support against the group's units at the snapshot, and the status at
 * the L2 chain's time (active | defeated | succeeded | executed | voided | expired; `status` keeps one).
 */
commons.get('/commons/groups/:address/motions', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const status = parseEnum(c.req.query('status'), 'status', STEWARD_MOTION_STATES);
  const group = await findGroup(address);
  if (!group) return c.json(noGroup(address), 404);
  const sm = schema.stewardMotion;
  const now = await chainNow('l2');
  const withStatus = (m: typeof sm.$inferSelect) => ({
    id: m.id,
    group: m.group,
    motionId: m.motionId,
    proposer: m.proposer,
    candidate: m.candidate,
    snapshot: m.snapshot,
    openedAt: m.openedAt,
    deadline: m.deadline,
    pooledVotes: m.pooledVotes,
    yesWeight: m.yesWeight,
    supporters: m.supporters,
    executed: m.executed,
    executedAt: m.executedAt,
    epoch: m.epoch,
    txHash: m.txHash,
    status: stewardMotionStatus(m, group.stewardEpoch, now),
    votingEndsAt: m.deadline,
    executableUntil: stewardMotionExecutableUntil(m),
    passing: m.yesWeight * 2n > m.pooledVotes,
  });
  if (status !== undefined) {
    // Status depends on the chain's time: filter after computing it (a group has few motions: an opener
    // needs a share of its units and has one open at a time).
    const rows = await db.select().from(sm).where(eq(sm.group, address)).orderBy(desc(sm.motionId));
    const items = rows.map(withStatus).filter((m) => m.status === status);
    return reply(c, '/commons/groups/:address/motions', { items: items.slice(0, limit), nextCursor: null });
  }
  const rows = await db
    .select()
    .from(sm)
    .where(and(eq(sm.group, address), after(cursor, sm.motionId, sm.id)))
    .orderBy(desc(sm.motionId), desc(sm.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.motionId, id: r.id }));
  return reply(c, '/commons/groups/:address/motions', { items: result.items.map(withStatus), nextCursor: result.nextCursor });
});

/**
 * GET /commons/groups/:address/votes?limit=&cursor=  The group's votes per proposal, newest proposal
 * first: what it forwarded to the governor, each member's vote inside it (with reasons) and any
 * remainder cast.
 */
commons.get('/commons/groups/:address/votes', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const b = schema.ballot;
  const now = await chainNow('l2');
  const [found, rows] = await Promise.all([
    findGroup(address),
    db
      .select({ ballot: b, proposal: { id: p.id, title: p.title, createdAt: p.createdAt, state: proposalStateSql(p, now) } })
      .from(b)
      .innerJoin(p, eq(p.id, b.proposalId))
      .where(and(eq(b.voter, address), after(cursor, p.createdAt, p.id)))
      .orderBy(desc(p.createdAt), desc(p.id))
      .limit(limit + 1),
  ]);
  if (!found) return c.json(noGroup(address), 404);
  const result = page(rows, limit, (r) => ({ key: r.proposal.createdAt, id: r.proposal.id.toString() }));
  const ids = result.items.map((r) => r.proposal.id);
  const v = schema.vote;
  const rc = schema.remainderCast;
  const [votes, remainders] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(v)
          .where(and(eq(v.group, address), inArray(v.proposalId, ids)))
          .orderBy(desc(v.weight), desc(v.id))
      : [],
    ids.length
      ? db
          .select()
          .from(rc)
          .where(and(eq(rc.group, address), inArray(rc.proposalId, ids)))
      : [],
  ]);
  return reply(c, '/commons/groups/:address/votes', {
    nextCursor: result.nextCursor,
    items: result.items.map(({ ballot, proposal }) => ({
      proposalId: proposal.id,
      title: proposal.title,
      state: proposal.state,
      forVotes: ballot.forVotes,
      againstVotes: ballot.againstVotes,
      abstainVotes: ballot.abstainVotes,
      weight: ballot.weight,
      members: votes.filter((x) => x.proposalId === proposal.id).map(voteItem),
      remainder: remainderOf(remainders.find((x) => x.proposalId === proposal.id)),
    })),
    now,
  });
});

/** A group's remainder cast, as its votes list it. */
const remainderOf = (r: typeof schema.remainderCast.$inferSelect | undefined) =>
  r ? { support: r.support, weight: r.weight, caller: r.caller, timestamp: r.timestamp } : null;

/** The columns a proposal list shows: all but the description and the actions (those only in detail). */
const { description: _d, targets: _t, values: _v, calldatas: _c, ...listedColumns } = getTableColumns(p);
type ListedRow = Omit<typeof p.$inferSelect, 'description' | 'targets' | 'values' | 'calldatas'> & { state: ProposalState };

/** A proposal as the API lists it: state at `now` (selected with the row), tallies, timing. */
function summary(row: ListedRow): Wire<ProposalItem> {
  const { isOverride } = row;
  return {
    id: row.id,
    proposer: row.proposer,
    title: row.title,
    state: row.state,
    snapshot: row.snapshot,
    deadline: row.deadline,
    extended: row.extended,
    forVotes: row.forVotes,
    againstVotes: row.againstVotes,
    abstainVotes: row.abstainVotes,
    quorum: row.quorum,
    createdAt: row.createdAt,
    overrides: row.overrides,
    overriddenBy: row.overriddenBy,
    ratificationStatus: row.ratificationStatus,
    override: isOverride,
    /** The stricter bar of an override: For ≥ forShareNumerator/forShareDenominator of the votes cast, For + Abstain ≥ quorumMultiplier × quorum. */
    overrideBar: isOverride
      ? {
          forShareNumerator: Number(OVERRIDE_BAR.forShareNumerator),
          forShareDenominator: Number(OVERRIDE_BAR.forShareDenominator),
          quorumMultiplier: Number(OVERRIDE_BAR.quorumMultiplier),
        }
      : null,
    requiredQuorum: requiredQuorum(row),
    ratificationDeadline: ratificationDeadline(row),
  };
}

/** GET /proposals?state=&q=&limit=&cursor=  Proposals, newest first; `q` searches title and description. */
commons.get('/proposals', async (c) => {
  const state = parseEnum(c.req.query('state'), 'state', PROPOSAL_STATES);
  const q = parseSearch(c.req.query('q'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const now = await chainNow('l2');
  // One expression, selected and filtered on: the state the list shows is the state it was filtered by.
  const stateNow = proposalStateSql(p, now);
  const rows = await db
    .select({ ...listedColumns, state: stateNow })
    .from(p)
    .where(
      and(
        state ? eq(stateNow, state) : undefined,
        q ? or(ilike(p.title, contains(q)), ilike(p.description, contains(q))) : undefined,
        after(cursor, p.createdAt, p.id),
      ),
    )
    .orderBy(desc(p.createdAt), desc(p.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.createdAt, id: r.id.toString() }));
  return reply(c, '/proposals', { items: result.items.map(summary), nextCursor: result.nextCursor, now });
});

/** The deployed L2 contracts by address, to decode proposal actions against their ABIs. */
const known = new Map<string, { name: string; abi: Abi }>(
  Object.entries(config.contracts).flatMap(([name, contract]) =>
    contract.chain === 'l2' && typeof contract.address === 'string' ? [[contract.address.toLowerCase(), { name, abi: contract.abi as Abi }] as const] : [],
  ),
);

/** A call decoded against the target's ABI, when the target is a known contract and the data fits it. */
function decodeAction(target: Address, data: Hex) {
  const contract = known.get(target.toLowerCase());
  if (!contract) return null;
  try {
    const { functionName, args } = decodeFunctionData({ abi: contract.abi, data });
    return { contract: contract.name, functionName, args: args ?? [] };
  } catch {
    return null;
  }
}

const governorAddress = config.contracts.CommonsGovernor.address as Address;

async function findProposal(id: bigint) {
  const [row] = await db.select().from(p).where(eq(p.id, id));
  return row;
}
const noProposal = (id: bigint) => ({ error: `no proposal ${id}` });

/** GET /proposals/:id  One proposal: state, tallies, quorum, timing, description, actions (decoded when possible). */
commons.get('/proposals/:id', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const now = await chainNow('l2');
  const [row] = await db.select(proposalWithState(p, now)).from(p).where(eq(p.id, id));
  if (!row) return c.json(noProposal(id), 404);
  const { description, targets, values, calldatas, ...listed } = row;
  // The indexer reads quorum at the first vote; before anyone votes, read it here once the snapshot is past.
  const quorum =
    row.quorum ??
    (row.snapshot < now
      ? await live.l2.readContract({ abi: CONTRACTS.l2.CommonsGovernor, address: governorAddress, functionName: 'quorum', args: [row.snapshot] })
      : null);
  return reply(c, '/proposals/:id', {
    ...summary({ ...listed, quorum }),
    description,
    actions: targets.map((target, i) => ({
      target,
      value: values[i],
      calldata: calldatas[i],
      decoded: decodeAction(target, calldatas[i]),
    })),
    now,
  });
});

/**
 * GET /proposals/:id/votes?limit=&cursor=  Who voted at the governor, largest weight first: accounts
 * with their vote(s), and groups with their members' votes nested and any remainder cast.
 */
commons.get('/proposals/:id/votes', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const b = schema.ballot;
  const v = schema.vote;
  const [proposal, rows] = await Promise.all([
    findProposal(id),
    db
      .select()
      .from(b)
      .where(and(eq(b.proposalId, id), after(cursor, b.weight, b.id)))
      .orderBy(desc(b.weight), desc(b.id))
      .limit(limit + 1),
  ]);
  if (!proposal) return c.json(noProposal(id), 404);
  const result = page(rows, limit, (r) => ({ key: r.weight, id: r.id }));
  const voters = result.items.map((r) => r.voter);
  const rc = schema.remainderCast;
  const [votes, groups, remainders] = voters.length
    ? await Promise.all([
        db
          .select()
          .from(v)
          .where(and(eq(v.proposalId, id), or(inArray(v.voter, voters), inArray(v.group, voters))))
          .orderBy(desc(v.weight), desc(v.id)),
        db.select().from(g).where(inArray(g.address, voters)),
        db
          .select()
          .from(rc)
          .where(and(eq(rc.proposalId, id), inArray(rc.group, voters))),
      ])
    : [[], [], []];
  return reply(c, '/proposals/:id/votes', {
    nextCursor: result.nextCursor,
    items: result.items.map((ballot) => {
      const cast = {
        id: ballot.id,
        voter: ballot.voter,
        isGroup: ballot.isGroup,
        forVotes: ballot.forVotes,
        againstVotes: ballot.againstVotes,
        abstainVotes: ballot.abstainVotes,
        weight: ballot.weight,
      };
      if (!ballot.isGroup) return { ...cast, votes: votes.filter((x) => x.group === null && x.voter === ballot.voter).map(voteItem) };
      const group = groups.find((x) => x.address === ballot.voter);
      const remainder = remainders.find((x) => x.group === ballot.voter);
      return {
        ...cast,
        group: group ? { name: group.name, remainderPolicy: group.remainderPolicy as GroupItem['remainderPolicy'] } : null,
        members: votes.filter((x) => x.group === ballot.voter).map(voteItem),
        remainder: remainder ? { support: remainder.support, weight: remainder.weight } : null,
      };
    }),
  });
});

/** GET /accounts/:address/votes?limit=&cursor=  An account's votes, direct or inside a group, newest first. */
commons.get('/accounts/:address/votes', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const v = schema.vote;
  const rows = await db
    .select({ vote: v, title: p.title, groupName: g.name })
    .from(v)
    .leftJoin(p, eq(p.id, v.proposalId))
    .leftJoin(g, eq(g.address, v.group))
    .where(and(eq(v.voter, account), after(cursor, v.timestamp, v.id)))
    .orderBy(desc(v.timestamp), desc(v.id))
    .limit(limit + 1);
  const result = page(rows, limit, (r) => ({ key: r.vote.timestamp, id: r.vote.id }));
  return reply(c, '/accounts/:address/votes', {
    items: result.items.map(({ vote, title, groupName }) => ({ ...voteItem(vote), proposalId: vote.proposalId, proposalTitle: title, groupName })),
    nextCursor: result.nextCursor,
  });
});

/** GET /accounts/:address/lock  The account's veMETIS lock (null if it never locked), current voting power and delegatee. */
commons.get('/accounts/:address/lock', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const now = await chainNow('l2');
  const [[lock], live, [delegation]] = await Promise.all([
    db.select().from(schema.veLock).where(eq(schema.veLock.account, account)),
    liveVotes([account], now),
    db.select().from(schema.delegation).where(eq(schema.delegation.account, account)),
  ]);
  return reply(c, '/accounts/:address/lock', {
    account,
    // `units` count only before `end` (docs/MECHANISMS.md §4.1); `lockedUnits` is what the lock was priced at.
    lock:
      lock && lock.amount > 0n
        ? { amount: lock.amount, end: lock.end, units: lock.end > now ? lock.units : 0n, lockedUnits: lock.units, expired: lock.end <= now }
        : null,
    votes: live.get(account.toLowerCase()) ?? 0n,
    delegatee: delegation?.delegatee ?? null,
    now,
  });
});

export default commons;
