import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { eq, sql } from 'ponder';
import type { DelegateItem, NonVoterItem } from '../../../lib/api';
import { DIRECTORY_RECENT } from '../../../lib/delegates';
import { INTEREST_KEYS, INTERESTS } from '../../../lib/interests';
import { sharedReads } from '../../../lib/live';
import { pollMs } from '../../../lib/polling';
import { statementExcerpt } from '../../../lib/profiles';
import { network } from '../../ponder.config';
import { powerHistory } from './commons';
import { directoryRows, livePowerSql, nonVoterRows, snapshotRanking } from './delegates-sql';
import { chainNow } from './live';
import { parseAddress, parseCount, parseCursor, parseEnum, parseLimit, parseSearch, parseUint256 } from './params';
import { page, reply, type Wire } from './respond';

// The delegates directory (docs/MECHANISMS.md §4.1 for why power is read against the L2 clock): everyone holding
// delegated veMETIS votes, an account or a Commons group (whose pool is the votes delegated to its address).
const delegates = new Hono();

const d = schema.delegate;
const p = schema.proposal;

/**
 * GET /delegates?q=&minParticipation=&limit=&cursor=  Everyone holding delegated votes now, largest power first,
 * in one query: the walk follows the stored power (its last checkpoint, `delegate_power_address_index`) and
 * reports the power against the L2 clock, so a delegate whose delegators' locks ended since its last checkpoint
 * is listed where its last checkpoint put it, with its power now (none: left out). `q` is a substring of the
 * address, the group's name or the profile's name; `minParticipation` keeps those that voted on at least that
 * many of the last proposals; `interest` (a key of lib/interests.ts) those whose profile names that topic. All
 * are checked row by row along the walk.
 */
delegates.get('/delegates', async (c) => {
  const q = parseSearch(c.req.query('q'));
  const minParticipation = parseCount(c.req.query('minParticipation'), 'minParticipation', DIRECTORY_RECENT);
  const interest = parseEnum(c.req.query('interest'), 'interest', INTEREST_KEYS);
  const interestBit = interest === undefined ? undefined : INTERESTS.find((i) => i.key === interest)?.bit;
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const now = await chainNow('l2');
  const rows = await directoryRows(db, { now, q, minParticipation, interestBit, limit, cursor });
  const result = page(rows, limit, (r) => ({ key: r.storedPower, id: r.address }));
  const items = result.items.map(
    (r): Wire<DelegateItem> => ({
      address: r.address,
      kind: r.groupAddress ? 'group' : 'account',
      groupName: r.groupName,
      profile:
        r.profileName === null
          ? null
          : {
              name: r.profileName,
              excerpt: r.statement ? statementExcerpt(r.statement) : null,
              statementURI: r.statementURI || null,
              interests: r.interests ?? 0,
            },
      power: BigInt(r.power),
      delegators: r.delegators,
      participation: { voted: Number(r.voted), of: Number(r.of) },
      votesCast: r.votesCast,
      lastVote:
        r.lastVoteProposal !== null && r.lastVoteAt !== null ? { proposalId: r.lastVoteProposal, title: r.lastVoteTitle, timestamp: r.lastVoteAt } : null,
    }),
  );
  return reply(c, '/delegates', { items, nextCursor: result.nextCursor, now });
});

/** GET /delegates/:address/power?limit=&cursor=  Its power over time (checkpoints, newest first) and its power now. */
delegates.get('/delegates/:address/power', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const now = await chainNow('l2');
  const [[row], history] = await Promise.all([
    db
      .select({ address: d.address, power: livePowerSql(d.address, now) })
      .from(d)
      .where(eq(d.address, address)),
    powerHistory(address, limit, cursor),
  ]);
  if (!row) return c.json({ error: `no delegate at ${address}` }, 404);
  return reply(c, '/delegates/:address/power', { ...history, address: row.address, power: BigInt(row.power), now });
});

/** How many delegates a proposal's kept ranking holds: its first pages; later ones are read from the aggregate. */
const RANKED = 5_000;

/**
 * Each proposal's ranking at its snapshot, made once per process (single-flight) and kept: the powers at a past
 * snapshot do not change, but a reorganisation could, so one is remade after ten minutes.
 */
const rankings = sharedReads(10 * 60_000, { staleMs: 10 * 60_000, maxEntries: 64 });

/**
 * The timestamp of the last block the indexer has indexed on `chain` (the first ten digits of Ponder's
 * checkpoint), read once per shared pace.
 */
async function indexedTime(chain: 'l1' | 'l2'): Promise<bigint> {
  return checkpoints(chain, async () => {
    const { rows } = await db.execute<{ latest_checkpoint: string }>(sql`select latest_checkpoint from _ponder_checkpoint where chain_name = ${chain}`);
    return rows[0] ? BigInt(rows[0].latest_checkpoint.slice(0, 10)) : 0n;
  });
}
const checkpoints = sharedReads(pollMs(network, 'shared'));

/**
 * GET /proposals/:id/non-voters?limit=&cursor=  Delegates that held votes at the proposal's snapshot and have
 * not voted on it (no ballot of theirs: directly, or a group's), largest power at the snapshot first. The power
 * is the sum of the delegation spans open at the end of the snapshot's second whose lock had not ended
 * (ponder.schema.ts `delegation_span`): the governor's `getVotes(address, snapshot)`. Empty until the
 * snapshot has passed on the L2 clock (before that the powers are not fixed).
 */
delegates.get('/proposals/:id/non-voters', async (c) => {
  const id = parseUint256(c.req.param('id'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const now = await chainNow('l2');
  const [proposal] = await db.select({ snapshot: p.snapshot }).from(p).where(eq(p.id, id));
  if (!proposal) return c.json({ error: `no proposal ${id}` }, 404);
  const { snapshot } = proposal;
  if (snapshot >= now) return reply(c, '/proposals/:id/non-voters', { items: [], nextCursor: null, snapshot, now });
  // The ranking is kept once the indexer has passed the snapshot (before, spans of that second may be missing).
  const ranking = (await indexedTime('l2')) > snapshot ? await rankings(`${id}:${snapshot}`, () => snapshotRanking(db, { snapshot, top: RANKED })) : undefined;
  const rows = await nonVoterRows(db, { id, snapshot, limit, cursor, ranking });
  const result = page(rows, limit, (r) => ({ key: r.power, id: r.address }));
  const items = result.items.map(
    (r): Wire<NonVoterItem> => ({ address: r.address, kind: r.groupName === null ? 'account' : 'group', groupName: r.groupName, power: r.power }),
  );
  return reply(c, '/proposals/:id/non-voters', { items, nextCursor: result.nextCursor, snapshot, now });
});

export default delegates;
