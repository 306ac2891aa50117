import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, encodeFunctionData, getAddress, isAddressEqual, parseEther, zeroAddress } from 'viem';
import type { DelegateItem, NonVoterItem } from '../lib/api';
import { veMetisAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { DIRECTORY_RECENT, delegationCountsSentence } from '../lib/delegates';
import { GOVERNOR_STATES } from '../lib/proposals';
import { apiGet, eventually } from './harness/api';
import { txConfirmed } from './harness/browser';
import { openAs } from './harness/commons';
import { send, voter } from './harness/l2';
import { chainClient, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

// The delegates directory (docs/ARCHITECTURE.md) and a proposal's Hasn't voted tab, against the chain: veMETIS
// `getVotes`/`getPastVotes` (through the governor), the delegations its DelegateChanged events made, and the
// governor's `hasVoted`.

const app = appSuite();

const key = (a: string) => getAddress(a);

/** Every delegation the chain made, as it stands now: delegator → delegatee (from DelegateChanged, in order). */
async function delegationsOnChain(stack: TestStack): Promise<Map<Address, Address>> {
  const ve = contractOf(stack.deployment, 'l2', 'VeMetis');
  const logs = await chainClient(stack, 'l2').getContractEvents({ ...ve, eventName: 'DelegateChanged', fromBlock: 0n, strict: true });
  const to = new Map<Address, Address>();
  for (const log of logs) to.set(key(log.args.delegator), key(log.args.toDelegate));
  return to;
}

/** Every page of the directory. */
async function wholeDirectory(stack: TestStack): Promise<{ items: DelegateItem[]; now: bigint }> {
  const items: DelegateItem[] = [];
  let cursor: string | undefined;
  let now = 0n;
  do {
    const page = await apiGet(stack, '/delegates', { limit: 100, cursor });
    items.push(...page.items);
    now = BigInt(page.now);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { items, now };
}

/** Every page of a proposal's non-voters. */
async function allNonVoters(stack: TestStack, id: bigint): Promise<NonVoterItem[]> {
  const items: NonVoterItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiGet(stack, '/proposals/:id/non-voters', { id: id.toString(), limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** The governor's proposals in creation order, with their snapshot and state. */
async function proposalsOnChain(stack: TestStack) {
  const l2 = chainClient(stack, 'l2');
  const governor = contractOf(stack.deployment, 'l2', 'CommonsGovernor');
  const logs = await l2.getContractEvents({ ...governor, eventName: 'ProposalCreated', fromBlock: 0n, strict: true });
  return Promise.all(
    logs.map(async (log) => ({
      id: log.args.proposalId,
      snapshot: await l2.readContract({ ...governor, functionName: 'proposalSnapshot', args: [log.args.proposalId] }),
      state: GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [log.args.proposalId] })],
    })),
  );
}

describe('Delegates', () => {
  test('the directory lists everyone with votes now, with the power, delegators and participation of the chain; the page shows the API', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    let directory: DelegateItem[] = [];
    // The indexer trails the chain by a block or so: compared until both agree.
    await eventually(async () => {
      const [{ items, now }, delegations, proposals] = await Promise.all([
        wholeDirectory(app.stack),
        delegationsOnChain(app.stack),
        proposalsOnChain(app.stack),
      ]);
      directory = items;
      const candidates = [...new Set([...delegations.values()])].filter((a) => !isAddressEqual(a, zeroAddress));
      const votes = new Map(
        await Promise.all(candidates.map(async (a) => [a, await l2.readContract({ ...ve, functionName: 'getVotes', args: [a] })] as const)),
      );
      const holders = candidates.filter((a) => (votes.get(a) ?? 0n) > 0n).sort();
      assert.deepEqual(items.map((d) => key(d.address)).sort(), holders, 'the directory is everyone with votes now, no one else');
      // The last proposals whose voting had started at the API's clock, not canceled, newest first.
      const recent = proposals
        .filter((p) => p.state !== 'canceled' && p.snapshot < now)
        .reverse()
        .slice(0, DIRECTORY_RECENT);
      for (const d of items) {
        const address = key(d.address);
        assert.equal(d.power, String(votes.get(address)), `${address}: power is getVotes`);
        const delegators = [...delegations].filter(([from, to]) => to === address && from !== address).length;
        assert.equal(d.delegators, delegators, `${address}: delegators are the accounts delegating to it`);
        const voted = await Promise.all(recent.map((p) => l2.readContract({ ...governor, functionName: 'hasVoted', args: [p.id, address] })));
        assert.deepEqual(d.participation, { voted: voted.filter(Boolean).length, of: recent.length }, `${address}: voted in X of the last ${recent.length}`);
      }
    }, 20_000);
    assert.ok(directory.length > 0, 'the seed delegates votes');

    // The page shows the API's figures, row by row.
    const page = await openAs(app, getAddress(directory[0].address), '/delegates');
    const rows = page.getByTestId('delegate-row');
    await rows.first().waitFor();
    const shown = Math.min(await rows.count(), 20);
    for (let i = 0; i < shown; i++) {
      const row = rows.nth(i);
      const d = directory[i];
      assert.equal(await row.getAttribute('data-address'), d.address, `row ${i}: the API's order`);
      assert.equal(await row.getByTestId('delegate-power').getAttribute('data-value'), d.power, `row ${i}: power`);
      assert.equal(await row.getByTestId('delegate-delegators').getAttribute('data-value'), String(d.delegators), `row ${i}: delegators`);
      const participation = row.getByTestId('delegate-participation');
      assert.equal(await participation.getAttribute('data-voted'), String(d.participation.voted), `row ${i}: voted`);
      assert.equal(await participation.getAttribute('data-of'), String(d.participation.of), `row ${i}: of`);
    }
    // The participation filter keeps only those that voted at least that often.
    await page.getByLabel('Participation').selectOption('1');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/minParticipation=1/);
    const filtered = await apiGet(app.stack, '/delegates', { limit: 20, minParticipation: 1 });
    assert.ok(
      filtered.items.every((d) => d.participation.voted >= 1),
      'minParticipation=1: each voted at least once',
    );
    await page.context().close();
  });

  test('Delegate from a directory row: the new powers of the chain and the sentence of when it counts, at once', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const account = await voter(app.stack, 44, parseEther('5000'));
    const { items } = await apiGet(app.stack, '/delegates', { limit: 20 });
    const target = items.find((d) => !isAddressEqual(d.address as Address, account));
    assert.ok(target, 'a delegate other than the account');
    const delegatee = getAddress(target.address);
    const page = await openAs(app, account, '/delegates');
    const row = page.locator(`[data-testid="delegate-row"][data-address="${target.address}"]`);
    await row.getByRole('button', { name: 'Delegate', exact: true }).click();
    await txConfirmed(row);
    assert.equal(await l2.readContract({ ...ve, functionName: 'delegates', args: [account] }), delegatee, 'the chain has the delegation');

    // Read from the chain at the delegation's block: no wait for the indexer (5 s at most, for the reads).
    const [log] = (await l2.getContractEvents({ ...ve, eventName: 'DelegateChanged', args: { delegator: account }, fromBlock: 0n, strict: true })).slice(-1);
    const blockNumber = log.blockNumber;
    const [accountVotes, delegateeVotes, votingDelay, block] = await Promise.all([
      l2.readContract({ ...ve, functionName: 'getVotes', args: [account], blockNumber }),
      l2.readContract({ ...ve, functionName: 'getVotes', args: [delegatee], blockNumber }),
      l2.readContract({ ...governor, functionName: 'votingDelay' }),
      l2.getBlock({ blockNumber }),
    ]);
    const result = row.getByTestId('delegation-result');
    await result.waitFor({ timeout: 5_000 });
    assert.equal(await result.getByTestId('delegation-account-votes').getAttribute('data-value'), String(accountVotes), "the account's votes now");
    assert.equal(await result.getByTestId('delegation-delegatee-votes').getAttribute('data-value'), String(delegateeVotes), "the delegatee's votes now");
    assert.equal(
      ((await result.getByTestId('delegation-counts-from').textContent()) ?? '').trim(),
      delegationCountsSentence(block.timestamp, BigInt(votingDelay)),
      'counts for proposals whose snapshot is after the delegation',
    );
    await page.context().close();
    // Back to itself, so that the seeded figures other tests read stay as they were.
    await send(app.stack, account, { address: ve.address, data: encodeFunctionData({ abi: veMetisAbi, functionName: 'delegate', args: [account] }) });
  });

  test("a seeded proposal's Hasn't voted tab is every delegate with votes at the snapshot that did not vote, and no one else", async () => {
    const l2 = chainClient(app.stack, 'l2');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const now = (await l2.getBlock()).timestamp;
    // A seeded proposal past its snapshot that some voted on.
    const proposals = (await proposalsOnChain(app.stack)).filter((p) => p.snapshot < now && p.state !== 'pending');
    let picked: (typeof proposals)[number] | undefined;
    for (const p of proposals) {
      const votes = await apiGet(app.stack, '/proposals/:id/votes', { id: p.id.toString(), limit: 1 });
      if (votes.items.length > 0) {
        picked = p;
        break;
      }
    }
    assert.ok(picked, 'a seeded proposal with votes');
    const { id, snapshot } = picked;
    // Anyone with votes at the snapshot was some account's delegatee then: every delegatee there has been.
    const delegations = await delegationsOnChain(app.stack);
    const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
    const logs = await l2.getContractEvents({ ...ve, eventName: 'DelegateChanged', fromBlock: 0n, strict: true });
    const candidates = [...new Set([...delegations.values(), ...logs.map((l) => key(l.args.toDelegate))])].filter((a) => !isAddressEqual(a, zeroAddress));
    const expected = (
      await Promise.all(
        candidates.map(async (a) => {
          const [power, voted] = await Promise.all([
            l2.readContract({ ...governor, functionName: 'getVotes', args: [a, snapshot] }),
            l2.readContract({ ...governor, functionName: 'hasVoted', args: [id, a] }),
          ]);
          return { address: a, power, voted };
        }),
      )
    )
      .filter((x) => x.power > 0n && !x.voted)
      .sort((a, b) => (a.power === b.power ? a.address.toLowerCase().localeCompare(b.address.toLowerCase()) : a.power > b.power ? -1 : 1));
    let listed: NonVoterItem[] = [];
    await eventually(async () => {
      listed = await allNonVoters(app.stack, id);
      assert.deepEqual(
        listed.map((d) => [key(d.address), d.power]).sort(),
        expected.map((x) => [x.address, String(x.power)]).sort(),
        "the API's non-voters are the chain's, with getVotes(address, snapshot)",
      );
    });
    for (let i = 1; i < listed.length; i++) assert.ok(BigInt(listed[i - 1].power) >= BigInt(listed[i].power), 'largest power at the snapshot first');

    // The tab shows the API's list.
    const page = await openAs(app, expected[0]?.address ?? candidates[0], `/proposals/${id}`);
    await page.getByRole('tab', { name: "Hasn't voted" }).click();
    const panel = page.locator('#voter-tabpanel');
    if (listed.length === 0) {
      await panel.getByText('Everyone who held votes at the snapshot has voted.').waitFor();
    } else {
      const rows = panel.getByTestId('non-voter');
      await rows.first().waitFor();
      assert.equal(await rows.count(), Math.min(listed.length, 50), 'one row per non-voter (the largest 50)');
      for (let i = 0; i < Math.min(listed.length, 50); i++) {
        assert.equal(await rows.nth(i).getAttribute('data-address'), listed[i].address, `row ${i}`);
        assert.equal(await rows.nth(i).getAttribute('data-power'), listed[i].power, `row ${i}: power at the snapshot`);
      }
    }
    await page.context().close();
  });
});
