import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { directoryRows, nonVoterRows, snapshotRanking } from './delegates-sql';

// The directory's and the non-voters' queries run in a real PostgreSQL (PGlite, as the indexer's default
// database), over tables with the columns they read, named and typed as Ponder creates them.
const pg = new PGlite();
await pg.exec(`
  create table delegate (address text primary key, power numeric(78,0) not null, delegators integer not null, votes_cast integer not null,
    last_vote_proposal numeric(78,0), last_vote_at numeric(78,0), updated_at numeric(78,0) not null);
  create table commons_group (address text primary key, name text not null);
  create table profile (address text primary key, name text not null, statement_uri text not null, statement text, links text[] not null,
    interests integer not null, updated_at numeric(78,0) not null, updated_tx text not null);
  create table proposal (id numeric(78,0) primary key, title text not null, canceled boolean not null, snapshot numeric(78,0) not null,
    created_at numeric(78,0) not null);
  create table ballot (id text primary key, proposal_id numeric(78,0) not null, voter text not null);
  create table delegation (account text primary key, delegatee text not null);
  create table ve_lock (account text primary key, amount numeric(78,0) not null, "end" numeric(78,0) not null, units numeric(78,0) not null);
  create table delegation_span (id text primary key, account text not null, delegatee text not null, units numeric(78,0) not null,
    "end" numeric(78,0) not null, "from" numeric(78,0) not null, "to" numeric(78,0));`);
const db = drizzle(pg, { casing: 'snake_case' });

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;
const [A, B, C, D, X, Y, Z, G] = [1, 2, 3, 4, 5, 6, 7, 8].map(addr);

test("a proposal's non-voters: votes at the end of the snapshot's second, as getPastVotes, without those that voted", async () => {
  // Snapshot 50. A self-delegates 100 (votes: excluded). B gives X 50 until it moves to Y at 60 (counts for X).
  // C's 30 to X ended at 40 (no event: it stops counting). D gave X 20 and moved to Z in second 50 itself: at
  // the end of that second it counts for Z. G (a group) pools 70 and has a ballot through its members.
  await pg.exec(`
    insert into proposal values (1, 'One', false, 50, 40);
    insert into delegation_span values
      ('a', '${A}', '${A}', 100, 1000, 10, null),
      ('b1', '${B}', '${X}', 50, 1000, 10, 60), ('b2', '${B}', '${Y}', 50, 1000, 60, null),
      ('c', '${C}', '${X}', 30, 40, 10, null),
      ('d1', '${D}', '${X}', 20, 1000, 20, 50), ('d2', '${D}', '${Z}', 20, 1000, 50, null),
      ('g', '${C}', '${G}', 70, 1000, 45, null);
    insert into commons_group values ('${G}', 'Builders');
    insert into ballot values ('1-a', 1, '${A}'), ('1-g', 1, '${G}');`);
  const rows = await nonVoterRows(db, { id: 1n, snapshot: 50n, limit: 10 });
  assert.deepEqual(
    rows.map((r) => [r.address, BigInt(r.power), r.groupName]),
    [
      [X, 50n, null],
      [Z, 20n, null],
    ],
  );
  // Keyset paging over the aggregate: after X, Z.
  const next = await nonVoterRows(db, { id: 1n, snapshot: 50n, limit: 1, cursor: { key: 50n, id: X } });
  assert.deepEqual(
    next.map((r) => r.address),
    [Z],
  );
});

test('the directory: live power, participation in the last proposals, filters', async () => {
  await pg.exec(`
    delete from proposal; delete from ballot; delete from commons_group;
    insert into commons_group values ('${G}', 'Builders');
    insert into proposal select i, 'P' || i, i = 3, 100 + i, i from generate_series(1, 12) as i;
    insert into proposal values (13, 'Pending', false, 10000, 13);
    insert into delegate values
      ('${A}', 300, 0, 3, 12, 500, 1), ('${G}', 200, 2, 1, 11, 400, 1), ('${X}', 100, 1, 0, null, null, 1), ('${Y}', 0, 1, 0, null, null, 1);
    insert into delegation values ('${A}', '${A}'), ('${B}', '${G}'), ('${C}', '${G}'), ('${D}', '${X}');
    insert into ve_lock values ('${A}', 10, 1000, 300), ('${B}', 10, 1000, 150), ('${C}', 10, 150, 50), ('${D}', 10, 150, 100);
    insert into ballot values ('12-a', 12, '${A}'), ('11-a', 11, '${A}'), ('1-a', 1, '${A}'), ('11-g', 11, '${G}'), ('13-g', 13, '${G}');`);
  // At 200: C's and D's locks have ended, so G has 150 of its 200 and X none (left out). The last ten opened,
  // not canceled: 12..4 and 2 (3 canceled, 13 pending); A voted on 12 and 11 of them, G on 11.
  const rows = await directoryRows(db, { now: 200n, limit: 10 });
  assert.deepEqual(
    rows.map((r) => [r.address, BigInt(r.power), Number(r.voted), Number(r.of), r.groupName, r.lastVoteTitle]),
    [
      [A, 300n, 2, 10, null, 'P12'],
      [G, 150n, 1, 10, 'Builders', 'P11'],
    ],
  );
  assert.deepEqual(
    (await directoryRows(db, { now: 200n, limit: 10, minParticipation: 2 })).map((r) => r.address),
    [A],
  );
  assert.deepEqual(
    (await directoryRows(db, { now: 200n, limit: 10, q: 'build' })).map((r) => r.address),
    [G],
  );
  assert.deepEqual(
    (await directoryRows(db, { now: 200n, limit: 10, q: A.slice(-6) })).map((r) => r.address),
    [A],
  );
  assert.deepEqual(
    (await directoryRows(db, { now: 200n, limit: 1, cursor: { key: 300n, id: A } })).map((r) => r.address),
    [G],
  );
});

test("the directory joins each delegate's profile: its name is searched, its interests filtered on", async () => {
  // A's profile names topics 1 and 3 and has an inline statement; G's has a statement by address and topic 0.
  await pg.exec(`
    delete from profile;
    insert into profile values
      ('${A}', 'Ada of Andesite', '', '${'x'.repeat(1200)}', '{}', ${0b1010}, 1, '0x01'),
      ('${G}', 'Builders'' voice', 'ipfs://statement', null, '{}', 1, 1, '0x02');`);
  const rows = await directoryRows(db, { now: 200n, limit: 10 });
  assert.deepEqual(
    rows.map((r) => [r.address, r.profileName, r.statement?.length ?? null, r.statementURI, r.interests]),
    [
      [A, 'Ada of Andesite', 1000, null, 0b1010],
      [G, "Builders' voice", null, 'ipfs://statement', 1],
    ],
  );
  const only = async (filter: { q?: string; interestBit?: number }) => (await directoryRows(db, { now: 200n, limit: 10, ...filter })).map((r) => r.address);
  assert.deepEqual(await only({ q: 'andesite' }), [A]);
  assert.deepEqual(await only({ interestBit: 3 }), [A]);
  assert.deepEqual(await only({ interestBit: 0 }), [G]);
  assert.deepEqual(await only({ interestBit: 2 }), []);
});

test("a proposal's non-voters from its kept ranking equal the aggregate's, page by page, past the ranking's end too", async () => {
  // 30 delegates, powers 1..30 (two share 7), at snapshot 50; every third voted.
  const accounts = Array.from({ length: 30 }, (_, i) => addr(100 + i));
  await pg.exec(`
    delete from proposal; delete from ballot; delete from commons_group; delete from delegation_span;
    insert into proposal values (2, 'Two', false, 50, 40);
    insert into delegation_span values ${accounts.map((a, i) => `('s${i}', '${a}', '${a}', ${i === 8 ? 7 : i + 1}, 1000, 10, null)`).join(', ')};
    insert into ballot values ${accounts
      .filter((_, i) => i % 3 === 0)
      .map((a) => `('2-${a}', 2, '${a}')`)
      .join(', ')};
    insert into commons_group values ('${accounts[29]}', 'Top group');`);
  const walk = async (ranking?: Awaited<ReturnType<typeof snapshotRanking>>) => {
    const seen: [string, bigint, string | null][] = [];
    let cursor: { key: bigint; id: string } | undefined;
    for (;;) {
      const rows = await nonVoterRows(db, { id: 2n, snapshot: 50n, limit: 4, cursor, ranking });
      seen.push(...rows.slice(0, 4).map((r): [string, bigint, string | null] => [r.address, r.power, r.groupName]));
      if (rows.length <= 4) return seen;
      const last = rows[3];
      cursor = { key: last.power, id: last.address };
    }
  };
  const aggregate = await walk();
  assert.equal(aggregate.length, 20, 'the 20 that did not vote');
  assert.deepEqual(aggregate[0], [accounts[29], 30n, 'Top group']);
  for (const top of [5, 11, 30, 100]) {
    const ranking = await snapshotRanking(db, { snapshot: 50n, top });
    assert.equal(ranking.complete, top >= 30);
    assert.deepEqual(await walk(ranking), aggregate, `a ranking of ${top}`);
  }
});
