import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { ProposalState } from '../../../lib/proposals';
import { proposal } from '../../ponder.schema';
import { proposalStateSql } from './proposal-state';

// The rule runs in a real PostgreSQL (PGlite, as the indexer's default database), over a table with
// the columns it reads, named and typed as Ponder creates them.
const pg = new PGlite();
await pg.exec(`create table proposal (
  id numeric(78,0) primary key, canceled boolean not null, executed boolean not null, queued boolean not null,
  snapshot numeric(78,0) not null, deadline numeric(78,0) not null, quorum numeric(78,0),
  for_votes numeric(78,0) not null, against_votes numeric(78,0) not null, abstain_votes numeric(78,0) not null,
  ratification_status text, ratification_window numeric(78,0), is_override boolean not null)`);
const dialect = new PgDialect({ casing: 'snake_case' });

interface Row {
  canceled?: boolean;
  executed?: boolean;
  queued?: boolean;
  quorum?: bigint | null;
  forVotes?: bigint;
  againstVotes?: bigint;
  abstainVotes?: bigint;
  ratificationStatus?: 'open' | 'ratified' | 'rejected' | null;
  ratificationWindow?: bigint | null;
  isOverride?: boolean;
}

let nextId = 1n;
/** The state the API would select for a proposal with snapshot 100 and deadline 200 at chain time `now`. */
async function stateAt(row: Row, now: bigint): Promise<ProposalState> {
  const id = nextId++;
  const r = { canceled: false, executed: false, queued: false, quorum: 10n, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, isOverride: false, ...row };
  await pg.query(
    `insert into proposal values ($1, $2, $3, $4, 100, 200, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      r.canceled,
      r.executed,
      r.queued,
      r.quorum,
      r.forVotes,
      r.againstVotes,
      r.abstainVotes,
      r.ratificationStatus ?? null,
      r.ratificationWindow ?? null,
      r.isOverride,
    ].map((v) => (typeof v === 'bigint' ? v.toString() : v)),
  );
  const expr = proposalStateSql(proposal, now);
  const query = dialect.sqlToQuery(sql`select ${expr} as state from ${proposal} where ${proposal.id} = ${id} and ${expr} is not null`);
  const { rows } = await pg.query<{ state: ProposalState }>(
    query.sql,
    query.params.map((v) => (typeof v === 'bigint' ? v.toString() : v)),
  );
  assert.equal(rows.length, 1, 'the expression gives every row a state');
  return rows[0].state;
}

test('the state follows the governor: pending, active, then defeated or succeeded; canceled, queued, executed', async () => {
  assert.equal(await stateAt({}, 100n), 'pending', 'up to and including the snapshot');
  assert.equal(await stateAt({}, 101n), 'active');
  assert.equal(await stateAt({}, 200n), 'active', 'up to and including the deadline');
  assert.equal(await stateAt({}, 201n), 'defeated', 'no votes');
  assert.equal(await stateAt({ quorum: null }, 201n), 'defeated', 'no quorum read: nobody voted');
  assert.equal(await stateAt({ forVotes: 10n }, 201n), 'succeeded');
  assert.equal(await stateAt({ forVotes: 6n, abstainVotes: 4n, againstVotes: 5n }, 201n), 'succeeded', 'abstain counts toward quorum');
  assert.equal(await stateAt({ forVotes: 9n }, 201n), 'defeated', 'below quorum');
  assert.equal(await stateAt({ forVotes: 10n, againstVotes: 10n }, 201n), 'defeated', 'a tie fails');
  assert.equal(await stateAt({ forVotes: 10n, executed: true }, 500n), 'executed');
  assert.equal(await stateAt({ canceled: true }, 50n), 'canceled');
  assert.equal(await stateAt({ forVotes: 10n, ratificationStatus: 'open' }, 201n), 'succeeded', 'ratification pending');
  assert.equal(await stateAt({ forVotes: 10n, ratificationStatus: 'rejected' }, 201n), 'defeated', 'the Eco Nodes rejected it');
  assert.equal(await stateAt({ forVotes: 10n, ratificationStatus: 'ratified', queued: true }, 201n), 'queued');
  assert.equal(await stateAt({ forVotes: 10n, queued: true, executed: true }, 500n), 'executed');
});

test('a succeeded proposal whose ratification is not opened within the window is expired (docs/MECHANISMS.md §4.3)', async () => {
  const passed: Row = { forVotes: 10n, ratificationWindow: 50n };
  assert.equal(await stateAt(passed, 250n), 'succeeded', 'openable up to and including deadline + window');
  assert.equal(await stateAt(passed, 251n), 'expired');
  assert.equal(await stateAt({ ...passed, ratificationStatus: 'open' }, 251n), 'succeeded', 'opened in time: not expired');
  assert.equal(await stateAt({ ...passed, ratificationStatus: 'ratified' }, 900n), 'succeeded');
  assert.equal(await stateAt({ ...passed, ratificationStatus: 'rejected' }, 900n), 'defeated');
  assert.equal(await stateAt({ ...passed, ratificationWindow: null }, 9_000n), 'succeeded', 'no window: never expires');
  assert.equal(await stateAt({ ratificationWindow: 50n }, 900n), 'defeated', 'a lost vote is defeated, not expired');
});

test('an override needs For ≥ 2/3 of the votes cast and twice the quorum, and no ratification', async () => {
  const o: Row = { forVotes: 20n, againstVotes: 10n, isOverride: true };
  assert.equal(await stateAt(o, 201n), 'succeeded', 'exactly 2/3 and twice the quorum');
  assert.equal(await stateAt({ ...o, abstainVotes: 1n }, 201n), 'defeated', 'abstentions count as cast: below 2/3');
  assert.equal(await stateAt({ ...o, forVotes: 19n, againstVotes: 0n }, 201n), 'defeated', 'below twice the quorum');
  assert.equal(await stateAt({ ...o, forVotes: 19n, againstVotes: 0n, isOverride: false }, 201n), 'succeeded', 'an ordinary proposal would pass');
  assert.equal(await stateAt({ ...o, ratificationStatus: 'rejected', ratificationWindow: 1n }, 9_000n), 'succeeded', 'the council cannot reject or expire it');
});

test('values beyond 64 bits compare exactly (votes are wei)', async () => {
  const big = 10n ** 30n;
  assert.equal(await stateAt({ quorum: big, forVotes: big, againstVotes: big - 1n }, 201n), 'succeeded');
  assert.equal(await stateAt({ quorum: big, forVotes: big - 1n }, 201n), 'defeated');
});
