import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { and, desc, eq, inArray, lt } from 'ponder';
import type { ChallengeParamsItem } from '../../../lib/api';
import { CHALLENGE_KINDS, CHALLENGE_STATUSES, slashReason } from '../../../lib/challenges';
import { challengeItem, challengeVoteItem, stakeEventItem } from './items';
import { chainNow } from './live';
import { BadRequest, parseCursor, parseEnum, parseId, parseLimit } from './params';
import { page, reply } from './respond';

// Sequencer challenges (docs/MECHANISMS.md §4.5): the list (one query), one with its votes and the
// slash it caused on L1. Everything from the index; the clock is the L2 head's, read once per request.
const challenges = new Hono();
const ch = schema.challenge;
const STATUSES = CHALLENGE_STATUSES.filter((s) => s !== 'none');
const MAX_ID = 2n ** 63n - 1n;

/** A challenge id: 0 or a positive whole number that fits the index. */
function parseChallengeId(value: string | undefined): bigint {
  if (!value || !/^(0|[1-9]\d{0,17})$/.test(value)) throw new BadRequest(`challenge id must be a whole number, got "${value ?? ''}"`);
  return BigInt(value);
}

async function params(): Promise<ChallengeParamsItem | null> {
  const [p] = await db.select().from(schema.challengeParams).where(eq(schema.challengeParams.id, 'current'));
  if (!p) return null;
  return {
    bond: p.bond.toString(),
    window: p.window,
    votingPeriod: p.votingPeriod,
    quorumBps: p.quorumBps,
    minProductionBps: p.minProductionBps,
    rewardBps: p.rewardBps,
    severityBps: Object.fromEntries(CHALLENGE_KINDS.map((k, i) => [k, p.severityBps[i]])) as ChallengeParamsItem['severityBps'],
  };
}

/** GET /challenges?sequencer=&status=&limit=&cursor=  Newest first, each with its votes; with the parameters and the L2 clock. */
challenges.get('/challenges', async (c) => {
  const sequencer = c.req.query('sequencer') === undefined ? undefined : parseId(c.req.query('sequencer'), 'sequencer');
  const status = parseEnum(c.req.query('status'), 'status', STATUSES);
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  if (cursor && cursor.key > MAX_ID) throw new BadRequest('cursor is not one this API issued');
  const rows = await db
    .select()
    .from(ch)
    .where(
      and(
        sequencer === undefined ? undefined : eq(ch.sequencerId, sequencer),
        status ? eq(ch.status, status) : undefined,
        cursor ? lt(ch.id, cursor.key) : undefined,
      ),
    )
    .orderBy(desc(ch.id))
    .limit(limit + 1);
  const listed = page(rows, limit, (r) => ({ key: r.id, id: String(r.id) }));
  const v = schema.challengeVote;
  const ids = listed.items.map((r) => r.id);
  const [votes, p, now] = await Promise.all([
    ids.length ? db.select().from(v).where(inArray(v.challengeId, ids)).orderBy(desc(v.weight)) : Promise.resolve([]),
    params(),
    chainNow('l2'),
  ]);
  const items = listed.items.map((r) => ({ ...challengeItem(r), votes: votes.filter((x) => x.challengeId === r.id).map(challengeVoteItem) }));
  return reply(c, '/challenges', { items, nextCursor: listed.nextCursor, params: p, now });
});

/** GET /challenges/:id  One challenge, its votes (largest weight first) and its slash on L1. */
challenges.get('/challenges/:id', async (c) => {
  const id = parseChallengeId(c.req.param('id'));
  const [row] = await db.select().from(ch).where(eq(ch.id, id));
  if (!row) return c.json({ error: `no challenge ${id}` }, 404);
  const v = schema.challengeVote;
  const e = schema.stakeEvent;
  const [votes, [slash]] = await Promise.all([
    db.select().from(v).where(eq(v.challengeId, id)).orderBy(desc(v.weight)),
    db
      .select()
      .from(e)
      .where(and(eq(e.sequencerId, row.sequencerId), eq(e.kind, 'slash'), eq(e.reason, slashReason(id))))
      .limit(1),
  ]);
  return reply(c, '/challenges/:id', { challenge: challengeItem(row), votes: votes.map(challengeVoteItem), slash: slash ? stakeEventItem(slash) : null });
});

export default challenges;
