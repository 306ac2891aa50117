import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { type Address, getAddress, parseEther } from 'viem';
import { csvRow, parseCsvObjects } from '../../../lib/csv';
import { choiceName, EXPORTS, type ExportKind } from '../../../lib/exports';
import { accountSlashes, EXPORT_PAGE, exportRows, recentEarnings, shareHistory } from './account-sql';

// The exports' walks run in a real PostgreSQL (PGlite, as the indexer's default database), over tables with
// the columns they read, named and typed as Ponder creates them (hex lowercased, bigints numeric(78,0)).
const pg = new PGlite();
const n = 'numeric(78,0)';
await pg.exec(`
  create table position_shares (id text primary key, sequencer_id ${n} not null, account text not null, shares ${n} not null,
    block_number ${n} not null, log_index integer not null);
  create table reward_epoch (id ${n} primary key, sequencer_id ${n} not null, blocks ${n} not null, mining ${n} not null, revenue ${n} not null,
    paid_to_sequencer boolean not null, mining_due ${n} not null, revenue_due ${n} not null, revenue_owed ${n} not null, commission ${n} not null,
    stakers_part ${n} not null, total_shares ${n} not null, self_shares ${n} not null, delegators_reward ${n} not null, delegated ${n} not null,
    block_number ${n} not null, log_index integer not null, timestamp ${n} not null, tx_hash text not null);
  create table slash (id text primary key, sequencer_id ${n} not null, fraction_bps integer not null, pool_before ${n} not null,
    total_shares ${n} not null, reason text not null, block_number ${n} not null, log_index integer not null, timestamp ${n} not null, tx_hash text not null);
  create table stake_event (id text primary key, sequencer_id ${n} not null, account text not null, kind text not null, amount ${n} not null,
    total_stake_after ${n} not null, reason text, unbonding_id text, block_number ${n} not null, timestamp ${n} not null, tx_hash text not null);
  create table unbonding (id text primary key, sequencer_id ${n} not null, account text not null, entry_id ${n} not null, amount ${n} not null,
    matures_at ${n} not null, created_at ${n} not null, withdrawn_at ${n}, withdrawn_amount ${n}, withdrawn_tx text);
  create table reward_payout (id text primary key, sequencer_id ${n} not null, account text not null, kind text not null, amount ${n} not null,
    block_number ${n} not null, timestamp ${n} not null, tx_hash text not null);
  create table vote (id text primary key, proposal_id ${n} not null, voter text not null, "group" text, support integer not null,
    weight ${n} not null, reason text not null, block_number ${n} not null, timestamp ${n} not null, tx_hash text not null);
  create table proposal (id ${n} primary key, title text not null);
  create table commons_group (address text primary key, name text not null);`);
const db = drizzle(pg, { casing: 'snake_case' });

const addr = (i: number) => `0x${i.toString(16).padStart(40, 'a')}`;
const [A, B, G] = [1, 2, 3].map(addr);
const account = getAddress(A) as Address;
const tx = (i: number) => `0x${i.toString(16).padStart(64, '0')}`;
const wei = (metis: string) => parseEther(metis).toString();

/** The account's `kind` file as the route writes it, read back by column name. */
async function file(kind: ExportKind) {
  let text = csvRow(EXPORTS[kind].columns);
  for await (const fields of exportRows(db, kind, account)) text += csvRow(fields);
  return parseCsvObjects(text);
}
const total = (rows: Record<string, string>[], column: string) => rows.reduce((sum, r) => sum + parseEther(r[column]), 0n);

test('rewards: one row per paid epoch of its sequencers in which it held shares, its part at the shares it held then', async () => {
  // A: 100 shares behind sequencer 1 from block 10, 300 from block 30 log 2. Sequencer 1: 1000 shares, 200 its
  // operator's; each payout of 10 METIS (6 mining, 4 revenue) leaves the delegators 8, less 10% commission: 7.2.
  const epoch = (id: number, seq: number, block: number, log: number, paid = true) =>
    `(${id}, ${seq}, 10, ${wei('6')}, ${wei('4')}, ${paid}, 0, 0, 0, ${wei('0.8')}, ${wei('9.2')}, 1000, 200, ${wei('7.2')}, 0, ${block}, ${log}, ${1000 + id}, '${tx(id)}')`;
  await pg.exec(`
    insert into position_shares values ('s1', 1, '${A}', 100, 10, 0), ('s2', 1, '${A}', 300, 30, 2), ('s3', 2, '${B}', 50, 1, 0);
    insert into reward_epoch values ${[epoch(1, 1, 5, 0), epoch(2, 1, 20, 0), epoch(3, 2, 21, 0), epoch(4, 1, 30, 1), epoch(5, 1, 30, 3), epoch(6, 1, 40, 0, false)].join(',')};`);
  const { header, rows } = await file('rewards');
  assert.deepEqual(header, EXPORTS.rewards.columns);
  assert.deepEqual(
    rows.map((r) => [r.epoch, r.sequencer_id, r.time, r.reward_metis]),
    [
      ['2', '1', '1970-01-01T00:16:42Z', '0.9'],
      ['4', '1', '1970-01-01T00:16:44Z', '0.9'],
      ['5', '1', '1970-01-01T00:16:45Z', '2.7'],
    ],
  );
  // Its gross part (1 METIS per 100 shares of 1000) split 6:4, less the commission on it, is its reward.
  assert.deepEqual(
    [rows[0].sequencer_reward_metis, rows[0].mining_metis, rows[0].revenue_metis, rows[0].commission_metis, rows[0].chain, rows[0].tx],
    ['10', '0.6', '0.4', '0.1', 'L1', tx(2)],
  );
  for (const r of rows) {
    assert.equal(parseEther(r.mining_metis) + parseEther(r.revenue_metis) - parseEther(r.commission_metis), parseEther(r.reward_metis));
  }
  // The JSON route's earnings (GET /accounts/:address/rewards) are the same epochs and amounts.
  const api = await recentEarnings(db, await shareHistory(db, account), 500);
  assert.deepEqual(
    api.map((e) => [e.epoch, e.reward]),
    [
      [5n, parseEther('2.7')],
      [4n, parseEther('0.9')],
      [2n, parseEther('0.9')],
    ],
  );
  assert.equal(total(rows, 'reward_metis'), parseEther('4.5'));
});

test('slashes: its part of a pool slash and liable stake that paid later, with the cause and its challenge', async () => {
  // Sequencer 1 slashed 1% of a 10,000 METIS pool at block 25 (A held 100 of its 1000 shares): A loses 10.
  // A's redelegated stake paid 2 METIS of a slash later (liable); B's row and the operator's pool row are not A's.
  await pg.exec(`
    insert into slash values ('x1', 1, 100, ${wei('10000')}, 1000, 'challenge #7 upheld', 25, 0, 1500, '${tx(50)}');
    insert into stake_event values
      ('e-slash', 3, '${A}', 'slash', ${wei('2')}, 0, null, null, 60, 1600, '${tx(60)}'),
      ('e-pool', 1, '${B}', 'slash', ${wei('100')}, 0, 'challenge #7 upheld', null, 25, 1500, '${tx(50)}');`);
  const { rows } = await file('slashes');
  assert.deepEqual(
    rows.map((r) => [r.time, r.sequencer_id, r.kind, r.fraction_bps, r.amount_lost_metis, r.cause, r.challenge_id, r.tx]),
    [
      ['1970-01-01T00:25:00Z', '1', 'position', '100', '10', 'challenge #7 upheld', '7', tx(50)],
      ['1970-01-01T00:26:40Z', '3', 'liable', '', '2', '', '', tx(60)],
    ],
  );
  // The JSON route's list is the same, newest first.
  assert.deepEqual(
    (await accountSlashes(db, account)).map((s) => s.amount),
    [wei('2'), wei('10')],
  );
});

test('stake: its stake events with the unlock time of the unbonding they start, and withdrawals, oldest first', async () => {
  await pg.exec(`
    delete from stake_event;
    insert into stake_event values
      ('e1', 1, '${A}', 'delegate', ${wei('1000')}, 0, null, null, 10, 10, '${tx(1)}'),
      ('e2', 1, '${A}', 'undelegate', ${wei('250')}, 0, null, '1-${A}-0', 40, 40, '${tx(2)}'),
      ('e3', 1, '${A}', 'redelegate-out', ${wei('100')}, 0, null, null, 120, 120, '${tx(3)}'),
      ('e4', 1, '${B}', 'delegate', ${wei('5')}, 0, null, null, 11, 11, '${tx(4)}');
    insert into unbonding values
      ('1-${A}-0', 1, '${A}', 0, ${wei('250')}, 100, 40, 120, ${wei('247.5')}, '${tx(5)}'),
      ('1-${A}-1', 1, '${A}', 1, ${wei('1')}, 200, 130, null, null, null);`);
  const { rows } = await file('stake');
  assert.deepEqual(
    rows.map((r) => [r.kind, r.amount_metis, r.unlock_time, r.tx]),
    [
      ['delegate', '1000', '', tx(1)],
      ['undelegate', '250', '1970-01-01T00:01:40Z', tx(2)],
      ['redelegate-out', '100', '', tx(3)],
      ['withdrawn', '247.5', '1970-01-01T00:01:40Z', tx(5)],
    ],
  );
});

test('claims: one row per claim and compound', async () => {
  await pg.exec(`
    insert into reward_payout values
      ('p2', 1, '${A}', 'compound', ${wei('0.25')}, 60, 60, '${tx(7)}'),
      ('p1', 1, '${A}', 'claim', ${wei('1.5')}, 50, 50, '${tx(6)}'),
      ('p3', 1, '${B}', 'claim', ${wei('9')}, 50, 50, '${tx(8)}');`);
  const { rows } = await file('claims');
  assert.deepEqual(
    rows.map((r) => [r.kind, r.sequencer_id, r.amount_metis, r.chain, r.tx]),
    [
      ['claim', '1', '1.5', 'L1', tx(6)],
      ['compound', '1', '0.25', 'L1', tx(7)],
    ],
  );
});

test('votes: every vote over several keyset pages, oldest first, reasons kept whole and neutralised', async () => {
  const count = 2 * EXPORT_PAGE + 203;
  // Two votes per second (the keyset's id breaks the tie), the first inside group G with a reason a spreadsheet would run.
  await pg.exec(`
    insert into proposal values (1, 'Raise the quorum, carefully');
    insert into commons_group values ('${G}', 'Builders');
    insert into vote select 'v' || lpad(i::text, 5, '0'), 1, '${A}', case when i = 0 then '${G}' end, i % 3, ${wei('1.5')},
      case when i = 0 then '=HYPERLINK("x"), and "more"' || chr(10) || 'on two lines' else '' end, i, 100 + i / 2, '${tx(9)}'
      from generate_series(0, ${count - 1}) as i;
    insert into vote values ('other', 1, '${B}', null, 1, 1, '', 1, 100, '${tx(9)}');`);
  const { rows } = await file('votes');
  assert.equal(rows.length, count);
  assert.deepEqual(
    rows.map((r) => r.time),
    [...rows.map((r) => r.time)].sort(),
  );
  // In id order within each second, across the page boundaries: vote i's choice is i % 3.
  assert.deepEqual(
    rows.map((r) => r.choice),
    Array.from({ length: count }, (_, i) => choiceName(i % 3)),
  );
  assert.deepEqual(
    [rows[0].proposal_title, rows[0].choice, rows[0].weight_votes, rows[0].via, rows[0].group, rows[0].group_name, rows[0].reason, rows[0].chain],
    ['Raise the quorum, carefully', 'against', '1.5', 'group', getAddress(G), 'Builders', `'=HYPERLINK("x"), and "more"\non two lines`, 'L2'],
  );
  assert.deepEqual([rows[1].choice, rows[1].via, rows[1].group], ['for', 'direct', '']);
  assert.equal(total(rows, 'weight_votes'), parseEther('1.5') * BigInt(count));
});
