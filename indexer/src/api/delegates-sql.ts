import { and, desc, eq, gt, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { DIRECTORY_RECENT } from '../../../lib/delegates';
import * as schema from '../../ponder.schema';
import type { Cursor } from './params';
import { after, contains } from './respond';

// The delegates directory's and the non-voters' queries, one each, apart from the routes (./delegates) so that
// delegates-sql.test.ts runs them in PGlite.

/** What the queries need of a database: Ponder's read-only one in the API, a PGlite one in the tests. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export type Db = Pick<PgDatabase<PgQueryResultHKT, any>, 'select'>;

const d = schema.delegate;
const g = schema.commonsGroup;
const p = schema.proposal;
const b = schema.ballot;
const pr = schema.profile;

/**
 * The last `DIRECTORY_RECENT` proposals whose voting has started at `now` (snapshot past), not canceled, newest
 * first: at most ten ids, read once per query (an uncorrelated subquery), so participation stays right as
 * proposals are created.
 */
const recentProposals = (now: bigint) =>
  sql`(select ${p.id} from ${p} where ${p.canceled} = false and ${p.snapshot} < ${now} order by ${p.createdAt} desc, ${p.id} desc limit ${DIRECTORY_RECENT})`;

/**
 * Votes delegated to `delegatee` at `now`: the units of the accounts delegating to it whose lock has not ended
 * (docs/MECHANISMS.md §4.1), as `liveVotes` in ./commons and the contract's `getVotes` count them.
 */
export const livePowerSql = (delegatee: SQL | typeof d.address, now: bigint) =>
  sql<string>`(select coalesce(sum(l.units), 0) from ${schema.delegation} dl join ${schema.veLock} l on l.account = dl.account where dl.delegatee = ${delegatee} and l."end" > ${now} and l.amount > 0)`;

/** One page of the directory (GET /delegates): `limit + 1` rows after `cursor`, largest stored power first. */
export async function directoryRows(
  db: Db,
  {
    now,
    q,
    minParticipation,
    interestBit,
    limit,
    cursor,
  }: { now: bigint; q?: string; minParticipation?: number; interestBit?: number; limit: number; cursor?: Cursor },
) {
  const recent = recentProposals(now);
  const power = livePowerSql(d.address, now);
  const voted = sql<number>`(select count(*)::int from ${b} where ${b.voter} = ${d.address} and ${b.proposalId} in ${recent})`;
  const of = sql<number>`(select count(*)::int from ${recent} r)`;
  const rows = await db
    .select({
      address: d.address,
      storedPower: d.power,
      delegators: d.delegators,
      votesCast: d.votesCast,
      lastVoteProposal: d.lastVoteProposal,
      lastVoteAt: d.lastVoteAt,
      lastVoteTitle: p.title,
      groupAddress: g.address,
      groupName: g.name,
      profileName: pr.name,
      // Enough of an inline statement for an excerpt (lib/profiles.ts `statementExcerpt`), never the whole of a long one.
      statement: sql<string | null>`left(${pr.statement}, 1000)`,
      statementURI: sql<string | null>`case when ${pr.statement} is null then ${pr.statementURI} end`,
      interests: pr.interests,
      power,
      voted,
      of,
    })
    .from(d)
    .leftJoin(g, eq(g.address, d.address))
    .leftJoin(p, eq(p.id, d.lastVoteProposal))
    .leftJoin(pr, eq(pr.address, d.address))
    .where(
      and(
        gt(d.power, 0n),
        sql`${power} > 0`,
        minParticipation ? sql`${voted} >= ${minParticipation}` : undefined,
        interestBit === undefined ? undefined : sql`(${pr.interests} >> ${interestBit}) & 1 = 1`,
        q ? or(ilike(d.address, contains(q)), ilike(g.name, contains(q)), ilike(pr.name, contains(q))) : undefined,
        after(cursor, d.power, d.address),
      ),
    )
    .orderBy(desc(d.power), desc(d.address))
    .limit(limit + 1);
  return rows;
}

/** One page of a proposal's non-voters (GET /proposals/:id/non-voters), largest power at `snapshot` first. */
export async function nonVoterRows(db: Db, { id, snapshot, limit, cursor }: { id: bigint; snapshot: bigint; limit: number; cursor?: Cursor }) {
  const s = schema.delegationSpan;
  const power = sql<string>`sum(${s.units})`;
  const rows = await db
    .select({ address: s.delegatee, power, groupAddress: g.address, groupName: g.name })
    .from(s)
    .leftJoin(g, eq(g.address, s.delegatee))
    .where(
      and(
        gt(s.end, snapshot),
        sql`${s.from} <= ${snapshot}`,
        or(isNull(s.to), gt(s.to, snapshot)),
        sql`not exists (select 1 from ${b} where ${b.proposalId} = ${id} and ${b.voter} = ${s.delegatee})`,
      ),
    )
    .groupBy(s.delegatee, g.address, g.name)
    .having(and(gt(power, 0n), after(cursor, power, s.delegatee)))
    .orderBy(desc(power), desc(s.delegatee))
    .limit(limit + 1);
  return rows;
}
