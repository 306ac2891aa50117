import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, encodeFunctionData, getAddress, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import type { GroupItem } from '../lib/api';
import { formatParticipation } from '../lib/commons';
import { commonsGroupAbi, veMetisAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { formatDateTime, formatVoteCount } from '../lib/format';
import { addressLabel } from '../lib/names';
import { STEWARD_MOTION_STATES } from '../lib/steward-motions';
import { apiGet, eventually } from './harness/api';
import { openApp } from './harness/browser';
import { lockThroughForm, openAs, voteInUi } from './harness/commons';
import { lock, mintL2, send } from './harness/l2';
import { advanceTime, chainClient } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** `count` dev accounts of 40..48 (no other test touches them; 49 pays the demo traffic) that have no veMETIS lock yet. */
async function freshAccounts(count: number): Promise<Address[]> {
  const l2 = chainClient(app.stack, 'l2');
  const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
  const free: Address[] = [];
  for (let index = 40; index < 49 && free.length < count; index++) {
    const { address } = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    if ((await l2.readContract({ ...ve, functionName: 'lockOf', args: [address] }))[0] === 0n) free.push(address);
  }
  assert.equal(free.length, count, `needs ${count} dev accounts of 40..48 without a lock`);
  return free;
}

// The Commons' whole story in one test, on fresh dev accounts:
// A locks and creates a group; B locks, joins and delegates; C and D are members set up directly.
// A submits a proposal as the group's steward (the group's pooled votes meet the threshold), votes
// directly; B and C vote inside the group; D does not, so the group's remainder is cast for its
// majority. The proposal page, the group page and the directory then say what the chain says.
describe('The Commons, end to end', () => {
  let story: { group: Address; name: string; a: Address; b: Address; c: Address } | undefined;

  test('lock → group → join and delegate → proposal → direct and group votes → remainder: pages match the chain', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { contracts } = app.stack.deployment.l2;
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const veMetis = { address: contracts.VeMetis.address, abi: veMetisAbi } as const;
    const [a, b, c, d] = await freshAccounts(4);
    await mintL2(app.stack, a, parseEther('30000'));
    await mintL2(app.stack, b, parseEther('20000'));

    // A locks through the form and creates a group with itself as steward.
    const pageA = await openAs(app, a, '/commons');
    await lockThroughForm(app, pageA, a, parseEther('30000'), '2 years', 730);
    const name = `Flow Guild ${Date.now().toString(36)}`;
    await pageA.getByLabel('Group name').fill(name);
    await pageA.getByLabel('Focus').fill('The whole Commons story');
    await pageA.getByRole('button', { name: 'Create group' }).click();
    await pageA.waitForURL(/\/commons\/groups\/0x[0-9a-fA-F]{40}$/, { timeout: 30_000 });
    const group = getAddress(pageA.url().split('/').pop()!);
    const g = { address: group, abi: commonsGroupAbi } as const;
    assert.equal(await l2.readContract({ ...g, functionName: 'steward' }), a);

    // B locks, then joins and delegates to the group in one flow on its page.
    const pageB = await openAs(app, b, '/commons');
    const unitsB = await lockThroughForm(app, pageB, b, parseEther('20000'), '2 years', 730);
    await pageB.getByTestId('groups').getByRole('link', { name, exact: true }).click();
    await pageB.getByRole('heading', { level: 1, name }).waitFor();
    await pageB.getByRole('button', { name: 'Join and delegate' }).click();
    await pageB.locator('[data-testid="tx-status"][data-status="confirmed"]').filter({ hasText: 'Confirmed.' }).waitFor({ timeout: 30_000 });
    assert.equal(await l2.readContract({ ...veMetis, functionName: 'delegates', args: [b] }), group);
    assert.equal(await l2.readContract({ ...veMetis, functionName: 'getVotes', args: [group] }), unitsB);
    await pageB.context().close();

    // Two more members, set up directly: C will vote, D will not.
    for (const [m, amount] of [
      [c, parseEther('6000')],
      [d, parseEther('3000')],
    ] as const) {
      await lock(app.stack, m, amount);
      await send(app.stack, m, { address: group, data: encodeFunctionData({ abi: commonsGroupAbi, functionName: 'join' }) });
      await send(app.stack, m, { address: veMetis.address, data: encodeFunctionData({ abi: veMetisAbi, functionName: 'delegate', args: [group] }) });
    }

    // A writes the proposal and submits it as the group: the group's pooled votes meet the threshold.
    await pageA.context().close();
    const pageNew = await openAs(app, a, '/proposals/new');
    const title = `Flow proposal ${Date.now().toString(36)}`;
    await pageNew.getByLabel('Title').fill(title);
    await pageNew.getByLabel('Description (markdown)').fill('Proposed by a **group**.');
    await pageNew.getByRole('button', { name: 'Add a contract call' }).click();
    await pageNew.getByLabel('Function').selectOption('setVotingDelay');
    await pageNew.getByLabel(/\(uint48\)$/).fill('60');
    await pageNew.getByLabel('Propose as').selectOption(group);
    const pooled = await l2.readContract({ ...veMetis, functionName: 'getVotes', args: [group] });
    await pageNew.getByText(`${name} has ${formatVoteCount(pooled)} pooled.`, { exact: false }).waitFor();
    await pageNew.getByRole('button', { name: 'Submit proposal' }).click();
    await pageNew.getByTestId('tx-status').getByText(`Submit the proposal as ${name}`).waitFor();
    await pageNew.waitForURL(/\/proposals\/\d+$/, { timeout: 30_000 });
    const id = BigInt(pageNew.url().split('/').pop()!);
    story = { group, name, a, b, c };
    assert.equal(await l2.readContract({ ...governor, functionName: 'proposalProposer', args: [id] }), group);
    await pageNew.context().close();

    // Voting opens: A votes directly; B and C inside the group.
    await advanceTime(app.stack, Number(await l2.readContract({ ...governor, functionName: 'votingDelay' })) + 1);
    await (await voteInUi(app, id, a, 'For', 'Ship it.')).context().close();
    await (await voteInUi(app, id, b, 'For', 'Good for the group.')).context().close();
    const pageC = await voteInUi(app, id, c, 'Against', 'Not this way.');
    await pageC
      .getByTestId('vote-status')
      .filter({ hasText: `You voted inside ${name}` })
      .waitFor({ timeout: 2_000 });

    // Internal voting closes; the remainder (D's weight) is cast for the group's majority from the page.
    const internalDeadline = await l2.readContract({ ...g, functionName: 'internalVotingDeadline', args: [id] });
    await advanceTime(app.stack, Number(internalDeadline - (await l2.getBlock()).timestamp) + 1);
    await pageC.getByRole('button', { name: `Cast ${name}'s remainder` }).click({ timeout: 15_000 });
    await pageC.locator('[aria-labelledby="remainders"] [data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [, , , remainderWeight, remainderCast] = await l2.readContract({ ...g, functionName: 'proposalTally', args: [id] });
    assert.ok(remainderCast, 'remainderCast');
    const [, , unitsD] = await l2.readContract({ ...veMetis, functionName: 'lockOf', args: [d] });
    assert.equal(remainderWeight, unitsD, "the remainder is exactly D's unvoted weight");

    // Within 2 s the proposal page says what the governor says: tallies, quorum bar, voters.
    const [against, forVotes, abstain] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    for (const [key, votes] of [
      ['for', forVotes],
      ['against', against],
      ['abstain', abstain],
    ] as const) {
      await pageC.locator(`[data-testid="tally-${key}"][data-votes="${votes}"]`).waitFor({ timeout: 2_000 });
    }
    const [snapshot] = await l2.readContract({ ...governor, functionName: 'proposalTimepoints', args: [id] });
    const quorum = await l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] });
    assert.equal((await pageC.getByTestId('quorum').getAttribute('data-reached')) !== null, quorum <= forVotes + abstain);
    await pageC.getByTestId('direct-vote').filter({ hasText: 'Ship it.' }).waitFor({ timeout: 2_000 });
    const ballot = pageC.getByTestId('group-ballot').filter({ hasText: name });
    await ballot.getByText(/^Remainder: For/).waitFor({ timeout: 2_000 });
    assert.equal(await ballot.getByTestId('member-vote').count(), 2);
    assert.match(await ballot.innerText(), /Good for the group\.[\s\S]*Not this way\.|Not this way\.[\s\S]*Good for the group\./);
    await pageC.context().close();

    // The group page shows its internal votes on the proposal; the directory its participation.
    const groupPage = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/commons/groups/${group}`, { account: d });
    const item = groupPage.locator(`[data-testid="group-proposal"][data-proposal="${id}"]`);
    await item.getByRole('link', { name: title }).waitFor({ timeout: 10_000 });
    assert.equal(await item.getByTestId('group-member-vote').count(), 2);
    await item.getByText(/^Remainder: For/).waitFor();
    let row!: GroupItem;
    await eventually(async () => {
      row = await apiGet(app.stack, '/commons/groups/:address', { address: group });
      assert.equal(row.participation.voted, 1);
    });
    await groupPage.getByTestId('group-participation').getByText(formatParticipation(row.participation)).waitFor();
    await groupPage.goto(`${app.stack.urls.web}/commons`);
    await groupPage
      .locator(`[data-testid="group-row"][data-address="${group}"] [data-testid="group-participation"]`)
      .getByText(formatParticipation(row.participation))
      .waitFor();
    await groupPage.context().close();

    // Each voter's history on /commons: B's vote, inside the group, with its reason.
    const history = await openAs(app, b, '/commons');
    const mine = history.getByTestId('my-votes').locator('li').filter({ hasText: title });
    await mine.getByText(`Inside ${name}`, { exact: false }).waitFor({ timeout: 10_000 });
    await mine.getByText('Good for the group.', { exact: false }).waitFor();
    await history.context().close();
  });

  test('members replace the steward: a motion is opened, supported, runs its voting period and is executed from the group page', async (t) => {
    if (!story) return t.skip('needs the group of the previous test');
    const { group, name, a, b, c } = story;
    const l2 = chainClient(app.stack, 'l2');
    const g = { address: group, abi: commonsGroupAbi } as const;
    const registry = contractOf(app.stack.deployment, 'l2', 'CommonsRegistry');
    assert.equal(await l2.readContract({ ...g, functionName: 'steward' }), a);

    // A motion counts members' units one motion period before it opens (docs/MECHANISMS.md §4.2): let one pass since
    // B and C delegated, so that the snapshot holds their units.
    const motionPeriod = Number(await l2.readContract({ ...registry, functionName: 'stewardMotionPeriod' }));
    const votingPeriod = Number(await l2.readContract({ ...registry, functionName: 'stewardVotingPeriod' }));
    assert.ok(motionPeriod <= 5 * 60 && votingPeriod <= 5 * 60, 'the local steward motion periods are minutes');
    await advanceTime(app.stack, motionPeriod + 1);

    // B proposes itself; its pooled veMETIS at the snapshot supports the motion at once.
    const pageB = await openAs(app, b, `/commons/groups/${group}`);
    await pageB.getByLabel('Propose a new steward').fill('0x1234');
    await pageB.getByRole('button', { name: 'Open a motion' }).click();
    await pageB.getByText('Enter an address: 0x and 40 hexadecimal digits.').waitFor();
    await pageB.getByLabel('Propose a new steward').fill(b);
    await pageB.getByRole('button', { name: 'Open a motion' }).click();
    await pageB.locator('[aria-labelledby="steward-motions"] [data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    const motionId = (await l2.readContract({ ...g, functionName: 'stewardMotionCount' })) - 1n;
    const motion = await l2.readContract({ ...g, functionName: 'stewardMotion', args: [motionId] });
    assert.equal(motion.snapshot, motion.openedAt - motionPeriod);
    assert.equal(motion.deadline, motion.openedAt + votingPeriod);
    const card = (page: typeof pageB) => page.locator(`[data-testid="steward-motion"][data-motion="${motionId}"]`);
    await card(pageB).getByText('You support it.').waitFor({ timeout: 10_000 });
    await card(pageB)
      .getByTestId('motion-snapshot')
      .filter({ hasText: formatDateTime(motion.snapshot) })
      .waitFor();
    await card(pageB)
      .getByTestId('motion-voting-period')
      .filter({ hasText: `to ${formatDateTime(motion.deadline)}` })
      .filter({ hasText: 'ends' })
      .waitFor();

    // C supports it from its own page: now more than half of the group's units at the snapshot.
    const pageC = await openAs(app, c, `/commons/groups/${group}`);
    await card(pageC).getByRole('button', { name: 'Support' }).click();
    await pageC.locator('[aria-labelledby="steward-motions"] [data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    assert.equal(await l2.readContract({ ...g, functionName: 'hasVotedOnMotion', args: [motionId, c] }), true);
    await pageC.context().close();
    const supported = await l2.readContract({ ...g, functionName: 'stewardMotion', args: [motionId] });
    assert.ok(supported.yesWeight * 2n > supported.pooledVotes, 'B and C hold more than half of the group at the snapshot');

    // Passing, but the voting period runs: no Execute yet, and the steward cannot hand over meanwhile.
    await card(pageB).getByText('It can be executed once its voting period is over.').waitFor({ timeout: 10_000 });
    assert.equal(
      await card(pageB)
        .getByRole('button', { name: /^Execute/ })
        .count(),
      0,
    );
    const pageA = await openAs(app, a, `/commons/groups/${group}`);
    await pageA.getByTestId('hand-over-blocked').waitFor({ timeout: 10_000 });
    assert.equal(await pageA.getByRole('button', { name: 'Hand over' }).isDisabled(), true);
    await pageA.context().close();

    // The voting period ends: B executes it and becomes the steward.
    await advanceTime(app.stack, Number(BigInt(motion.deadline) - (await l2.getBlock()).timestamp) + 1);
    await card(pageB).getByTestId('motion-voting-period').filter({ hasText: 'over; executable until' }).waitFor({ timeout: 15_000 });
    await pageB.getByRole('button', { name: `Execute: make ${addressLabel(app.stack.deployment, b)} steward of ${name}` }).click({ timeout: 15_000 });
    await pageB.locator('[aria-labelledby="steward-motions"] [data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    assert.equal(await l2.readContract({ ...g, functionName: 'steward' }), b);
    assert.equal(STEWARD_MOTION_STATES[await l2.readContract({ ...g, functionName: 'stewardMotionState', args: [motionId] })], 'executed');
    await pageB.getByRole('region', { name: 'Group', exact: true }).getByText(addressLabel(app.stack.deployment, b)).waitFor({ timeout: 10_000 });
    await pageB.getByLabel('Hand the stewardship to').waitFor();
    // A new steward votes the group's Eco Node seat only after a delay.
    await pageB.getByTestId('seat-voting-from').waitFor({ timeout: 10_000 });
    assert.ok(
      (await l2.readContract({ ...g, functionName: 'seatVotingFrom' })) > Number((await l2.getBlock()).timestamp),
      "(await l2.readContract({ ...g, functionName: 'seatVotingFrom' })) > Number((await l2.getBlock()).timestamp)",
    );

    // The indexer's API says the same: snapshot, voting period end and status.
    await eventually(async () => {
      const body = await apiGet(app.stack, '/commons/groups/:address/motions', { address: group });
      const row = body.items.find((m) => m.motionId === motionId.toString());
      assert.ok(row, 'the motion is indexed');
      assert.equal(row.snapshot, motion.snapshot.toString());
      assert.equal(row.votingEndsAt, motion.deadline.toString());
      assert.equal(row.status, 'executed');
    });
    await pageB.context().close();
  });
});
