import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type Address, getAddress, parseEther } from 'viem';
import { challengeOfReason } from '../lib/challenges';
import { commonsGroupAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { parseCsvObjects } from '../lib/csv';
import { choiceName, EXPORT_KINDS, EXPORTS, type ExportKind, exportFilename, exportPath } from '../lib/exports';
import { formatDecimal18, formatIsoTime } from '../lib/format';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { openApp } from './harness/browser';
import { governance } from './harness/l2';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

// CSV exports (docs/ARCHITECTURE.md, "Exports"): each file of a seeded account, read back and held against the
// API's JSON answers and the chains. Grace (contracts/script/seed.ts) delegates behind sequencer 2 and votes on
// several proposals; Judy delegates behind Ember Validators (sequencer 5), whose upheld downtime challenge
// slashed its pool, her included.
const app = appSuite();

/** The account's `kind` file from the API: the answer's headers checked, its rows by column name. */
async function exportOf(address: Address, kind: ExportKind) {
  const res = await fetch(new URL(exportPath(address, kind), app.stack.urls.api));
  assert.equal(res.status, 200, `${kind}: ${res.status}`);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.equal(res.headers.get('content-disposition'), `attachment; filename="${exportFilename(getAddress(address), kind)}"`);
  const { header, rows } = parseCsvObjects(await res.text());
  assert.deepEqual(header, EXPORTS[kind].columns, `${kind}: the header row`);
  for (const r of rows) {
    if ('time' in r) assert.match(r.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, `${kind}: ISO 8601 UTC`);
    for (const [column, value] of Object.entries(r)) {
      if (column.endsWith('_metis') || column === 'weight_votes') assert.match(value, /^\d+(\.\d*[1-9])?$/, `${kind}.${column}: a decimal, no trailing zero`);
    }
  }
  return rows;
}
const sum = (rows: Record<string, string>[], column: string) => rows.reduce((s, r) => s + parseEther(r[column]), 0n);
const staking = () => contractOf(app.stack.deployment, 'l1', 'SequencerStaking');

describe('CSV exports of an account', () => {
  test("rewards: one row per epoch that paid it, equal to the API's epochs, and in total to what the chain credited it", { timeout: 300_000 }, async () => {
    const grace = demoAccount(app.stack, 'Grace').address;
    const l1 = chainClient(app.stack, 'l1');
    // Epochs go to sequencers at random (by stake): wait until one of Grace's has been paid since she delegated.
    await eventually(async () => assert.ok((await exportOf(grace, 'rewards')).length > 0, 'an epoch paid Grace'), 240_000);
    // Compared at a moment the index and the chain agree (no report applied between the reads).
    await eventually(async () => {
      const rows = await exportOf(grace, 'rewards');
      const api = await apiGet(app.stack, '/accounts/:address/rewards', { address: grace, epochs: 100 });
      // One row per epoch the API lists (it lists the newest 100: the seeded history has fewer), the same reward.
      assert.ok(api.epochs.length < 100, 'the API lists every epoch');
      assert.deepEqual(
        rows.map((r) => [r.epoch, r.sequencer_id, r.time, parseEther(r.reward_metis).toString()]),
        api.epochs.map((e) => [e.epoch, e.sequencerId, formatIsoTime(BigInt(e.timestamp)), e.reward]),
      );
      for (const r of rows) {
        assert.equal(parseEther(r.mining_metis) + parseEther(r.revenue_metis) - parseEther(r.commission_metis), parseEther(r.reward_metis), `epoch ${r.epoch}`);
        assert.equal(r.chain, 'L1');
        const receipt = await l1.getTransactionReceipt({ hash: r.tx as `0x${string}` });
        assert.equal(receipt.status, 'success', `epoch ${r.epoch}: its transaction is on L1`);
      }
      const total = sum(rows, 'reward_metis');
      // The chain's figure: claimable now (pendingRewards) plus every claim and compound it ever made (its events).
      let chain = 0n;
      for (const p of api.positions) {
        chain += await l1.readContract({ ...staking(), functionName: 'pendingRewards', args: [BigInt(p.sequencerId), grace] });
      }
      for (const eventName of ['RewardsClaimed', 'RewardsCompounded'] as const) {
        const logs = await l1.getContractEvents({ ...staking(), eventName, args: { account: grace }, fromBlock: 0n });
        chain += logs.reduce((s, l) => s + (l.args.amount ?? 0n), 0n);
      }
      const accrued = api.positions.reduce((s, p) => s + BigInt(p.accrued), 0n);
      // The chain credits through a per-share accumulator (1e27 precision) and floors each step; the index
      // splits each epoch's delegators' reward pro rata and floors it: at most 2 wei apart per epoch.
      const slack = 2n * BigInt(rows.length) + 2n;
      const apart = (a: bigint, b: bigint) => (a > b ? a - b : b - a);
      assert.ok(apart(total, accrued) <= slack, `CSV ${formatDecimal18(total)} vs the API's accrued ${formatDecimal18(accrued)}`);
      assert.ok(apart(total, chain) <= slack, `CSV ${formatDecimal18(total)} vs the chain's ${formatDecimal18(chain)}`);
    }, 60_000);
  });

  test('claims and stake: one row per event the staking contract emitted for the account', { timeout: 120_000 }, async () => {
    const l1 = chainClient(app.stack, 'l1');
    for (const name of ['Grace', 'Judy']) {
      const account = demoAccount(app.stack, name).address;
      await eventually(async () => {
        const [claims, stake, unbonding] = await Promise.all([
          exportOf(account, 'claims'),
          exportOf(account, 'stake'),
          apiGet(app.stack, '/accounts/:address/unbonding', { address: account }),
        ]);
        const [claimed, compounded, delegated, undelegated] = await Promise.all([
          l1.getContractEvents({ ...staking(), eventName: 'RewardsClaimed', args: { account }, fromBlock: 0n }),
          l1.getContractEvents({ ...staking(), eventName: 'RewardsCompounded', args: { account }, fromBlock: 0n }),
          l1.getContractEvents({ ...staking(), eventName: 'Delegated', args: { account }, fromBlock: 0n }),
          l1.getContractEvents({ ...staking(), eventName: 'Undelegated', args: { account }, fromBlock: 0n }),
        ]);
        for (const [kind, logs] of [
          ['claim', claimed],
          ['compound', compounded],
        ] as const) {
          const mine = claims.filter((r) => r.kind === kind);
          assert.equal(mine.length, logs.length, `${name}: ${kind} rows`);
          assert.equal(
            sum(mine, 'amount_metis'),
            logs.reduce((s, l) => s + (l.args.amount ?? 0n), 0n),
            `${name}: ${kind} total`,
          );
        }
        const rows = (kind: string) => stake.filter((r) => r.kind === kind);
        assert.equal(rows('delegate').length, delegated.length, `${name}: delegate rows`);
        assert.equal(
          sum(rows('delegate'), 'amount_metis'),
          delegated.reduce((s, l) => s + (l.args.amount ?? 0n), 0n),
        );
        // Each undelegation starts unbonding: its row carries the entry's unlock time, as the event and the API say.
        assert.deepEqual(
          rows('undelegate').map((r) => [r.tx, r.unlock_time]),
          undelegated.map((l) => [l.transactionHash, formatIsoTime(l.args.maturesAt ?? 0n)]),
        );
        assert.ok(
          rows('undelegate').every((r) => unbonding.items.some((u) => formatIsoTime(BigInt(u.maturesAt)) === r.unlock_time)),
          `${name}: each unlock time is an unbonding entry's`,
        );
        assert.equal(rows('withdrawn').length, unbonding.items.filter((u) => u.withdrawnAt !== null).length, `${name}: withdrawals`);
        assert.deepEqual(
          stake.map((r) => r.time),
          [...stake.map((r) => r.time)].sort(),
          'oldest first',
        );
      }, 30_000);
    }
    assert.ok(
      (await exportOf(demoAccount(app.stack, 'Judy').address, 'stake')).some((r) => r.kind === 'undelegate'),
      'the seed undelegates part of Judy’s stake',
    );
  });

  test('slashes: what each slash took from the account, as the API says, with the upheld challenge as its cause', async () => {
    const judy = demoAccount(app.stack, 'Judy').address;
    const rows = await exportOf(judy, 'slashes');
    const api = await apiGet(app.stack, '/accounts/:address/slashes', { address: judy });
    assert.ok(rows.length > 0, 'the seeded slash of Ember Validators took from Judy');
    assert.deepEqual(
      rows.map((r) => [r.sequencer_id, r.kind, parseEther(r.amount_lost_metis).toString(), r.cause, r.tx]),
      [...api.items].reverse().map((s) => [s.sequencerId, s.kind, s.amount, s.reason ?? '', s.txHash]),
    );
    for (const r of rows.filter((x) => x.challenge_id)) {
      assert.equal(r.challenge_id, challengeOfReason(r.cause));
      const { challenge } = await apiGet(app.stack, '/challenges/:id', { id: r.challenge_id });
      assert.equal(challenge.status, 'upheld');
    }
    assert.ok(
      rows.some((r) => r.challenge_id),
      'the slash names its challenge',
    );
  });

  test('votes: one row per vote, as /accounts/:address/votes lists them and as the governor (or the group) recorded them', async () => {
    const grace = demoAccount(app.stack, 'Grace').address;
    const l2 = chainClient(app.stack, 'l2');
    const { governor } = governance(app.stack);
    const rows = await exportOf(grace, 'votes');
    const listed = [];
    for (let cursor: string | undefined; ; ) {
      const page = await apiGet(app.stack, '/accounts/:address/votes', { address: grace, limit: 100, cursor });
      listed.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    assert.ok(rows.length > 0, 'the seed has Grace vote');
    assert.deepEqual(
      rows.map((r) => [r.proposal_id, r.time, r.choice, parseEther(r.weight_votes).toString(), r.reason, r.via, r.group, r.group_name, r.proposal_title]),
      [...listed]
        .reverse()
        .map((v) => [
          v.proposalId,
          formatIsoTime(BigInt(v.timestamp)),
          choiceName(v.support),
          v.weight,
          v.reason,
          v.group ? 'group' : 'direct',
          v.group ? getAddress(v.group) : '',
          v.groupName ?? '',
          v.proposalTitle ?? '',
        ]),
    );
    for (const r of rows) {
      assert.equal(r.chain, 'L2');
      const id = BigInt(r.proposal_id);
      if (r.via === 'direct') {
        assert.equal(await l2.readContract({ ...governor, functionName: 'hasVoted', args: [id, grace] }), true, `proposal ${r.proposal_id}`);
      } else {
        const [, weight] = await l2.readContract({ address: r.group as Address, abi: commonsGroupAbi, functionName: 'memberVote', args: [id, grace] });
        assert.equal(weight, parseEther(r.weight_votes), `proposal ${r.proposal_id}: the group recorded the vote`);
        assert.equal(await l2.readContract({ ...governor, functionName: 'hasVoted', args: [id, r.group as Address] }), true);
      }
    }
  });

  test('a bad kind or address answers 400 with a reason, a lowercase address is checksummed in the file name', async () => {
    const grace = demoAccount(app.stack, 'Grace').address;
    const kind = await apiRefusal(app.stack, `/accounts/${grace}/export/everything`);
    assert.equal(kind.status, 400);
    assert.match(kind.error, /\bkind\b/);
    for (const bad of ['0x123', `${grace}00`, 'grace']) {
      const refused = await apiRefusal(app.stack, `/accounts/${bad}/export/votes`);
      assert.equal(refused.status, 400, bad);
      assert.match(refused.error, /\baddress\b/);
    }
    await exportOf(grace.toLowerCase() as Address, 'votes');
  });

  test('the account page links every export, and a link downloads the file the API serves', async () => {
    const grace = demoAccount(app.stack, 'Grace').address;
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/accounts/${grace}`, {
      account: grace,
      viewport: { width: 390, height: 844 },
    });
    await page.getByRole('heading', { name: 'Your data' }).waitFor();
    for (const kind of EXPORT_KINDS) {
      const link = page.getByRole('link', { name: `Download ${EXPORTS[kind].title.toLowerCase()} (CSV)` });
      assert.equal(await link.getAttribute('href'), new URL(exportPath(grace, kind), app.stack.urls.api).toString(), kind);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download votes (CSV)' }).click()]);
    assert.equal(download.suggestedFilename(), exportFilename(grace, 'votes'));
    const file = parseCsvObjects(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(file.header, EXPORTS.votes.columns);
    assert.equal(file.rows.length, (await exportOf(grace, 'votes')).length);
    await page.context().close();
  });
});
