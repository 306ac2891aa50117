import { and, desc, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
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

/** A delegate and its votes at a snapshot. */
export interface SnapshotPower {
  address: `0x${string}`;
  power: bigint;
}

/**
 * Delegates by their votes at the end of second `snapshot` (the governor's `getVotes(address, snapshot)`: the
 * spans open then whose lock had not ended, ponder.schema.ts `delegation_span`), largest first (ties: larger
 * address first), `limit + 1` after `cursor`; without those with a ballot on proposal `excludeVotersOf`.
 */
async function snapshotPowers(
  db: Db,
  { snapshot, excludeVotersOf, limit, cursor }: { snapshot: bigint; excludeVotersOf?: bigint; limit: number; cursor?: Cursor },
) {
  const s = schema.delegationSpan;
  const power = sql<string>`sum(${s.units})`;
  const rows = await db
    .select({ address: s.delegatee, power })
    .from(s)
    .where(
      and(
        gt(s.end, snapshot),
        sql`${s.from} <= ${snapshot}`,
        or(isNull(s.to), gt(s.to, snapshot)),
        excludeVotersOf === undefined
          ? undefined
          : sql`not exists (select 1 from ${b} where ${b.proposalId} = ${excludeVotersOf} and ${b.voter} = ${s.delegatee})`,
      ),
    )
    .groupBy(s.delegatee)
    .having(and(gt(power, 0n), after(cursor, power, s.delegatee)))
    .orderBy(desc(power), desc(s.delegatee))
    .limit(limit + 1);
  return rows.map((r): SnapshotPower => ({ address: r.address, power: BigInt(r.power) }));
}

/**
 * The `top` delegates with the most votes at `snapshot`, voters included: a proposal's ranking, fixed once the
 * indexer has passed the snapshot, which the API keeps (./delegates) so that a page of non-voters is a lookup
 * of ballots, not an aggregate over every delegation (docs/ARCHITECTURE.md, "Many readers").
 */
export async function snapshotRanking(db: Db, { snapshot, top }: { snapshot: bigint; top: number }) {
  const rows = await snapshotPowers(db, { snapshot, limit: top });
  return { ranked: rows.slice(0, top), complete: rows.length <= top };
}

/** How many ranked delegates a page looks up ballots for at once. */
const CHUNK = 200;

/**
 * One page of a proposal's non-voters (GET /proposals/:id/non-voters), largest power at `snapshot` first:
 * `limit + 1` rows after `cursor`, each with its group if it is one. From `ranking` (snapshotRanking's) where
 * it reaches, by looking up the ballots of its entries after the cursor a chunk at a time; past its end, when
 * it is not complete, from the aggregate itself.
 */
export async function nonVoterRows(
  db: Db,
  {
    id,
    snapshot,
    limit,
    cursor,
    ranking,
  }: { id: bigint; snapshot: bigint; limit: number; cursor?: Cursor; ranking?: Awaited<ReturnType<typeof snapshotRanking>> },
) {
  const rows: SnapshotPower[] = [];
  let from = cursor;
  if (ranking) {
    const { ranked } = ranking;
    const afterCursor = (r: SnapshotPower) => !cursor || r.power < cursor.key || (r.power === cursor.key && r.address.toLowerCase() < cursor.id.toLowerCase());
    const start = ranked.findIndex(afterCursor);
    let i = start === -1 ? ranked.length : start;
    while (rows.length <= limit && i < ranked.length) {
      const chunk = ranked.slice(i, i + CHUNK);
      i += chunk.length;
      const voted = new Set(
        (
          await db
            .select({ voter: b.voter })
            .from(b)
            .where(
              and(
                eq(b.proposalId, id),
                inArray(
                  b.voter,
                  chunk.map((r) => r.address),
                ),
              ),
            )
        ).map((r) => r.voter.toLowerCase()),
      );
      rows.push(...chunk.filter((r) => !voted.has(r.address.toLowerCase())));
    }
    rows.splice(limit + 1);
    const last = ranked.at(-1);
    if (rows.length > limit || ranking.complete || !last) return withGroups(db, rows);
    // Past the ranking: on from its last entry, or from the cursor if that was past it already.
    if (start !== -1) from = { key: last.power, id: last.address };
  }
  rows.push(...(await snapshotPowers(db, { snapshot, excludeVotersOf: id, limit: limit - rows.length, cursor: from })));
  return withGroups(db, rows);
}

/** `rows` with the name of each that is a Commons group (one query). */
async function withGroups(db: Db, rows: SnapshotPower[]) {
  const groups =
    rows.length === 0
      ? []
      : await db
          .select({ address: g.address, name: g.name })
          .from(g)
          .where(
            inArray(
              g.address,
              rows.map((r) => r.address),
            ),
          );
  const nameOf = new Map(groups.map((r) => [r.address.toLowerCase(), r.name]));
  return rows.map((r) => ({ ...r, groupName: nameOf.get(r.address.toLowerCase()) ?? null }));
}
