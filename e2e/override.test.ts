import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, encodeFunctionData, type Hex, keccak256, parseEther, toHex } from 'viem';
import { ecoNodeCouncilAbi } from '../lib/contracts/abis';
import { CONTRACTS } from '../lib/contracts/descriptors';
import { RATIFICATION_SUPPORT } from '../lib/eco-nodes';
import { type ProposalAction, proposalArgs } from '../lib/governance-actions';
import { GOVERNOR_STATES, SUPPORT } from '../lib/proposals';
import { apiGet, eventually } from './harness/api';
import { openApp, txConfirmed } from './harness/browser';
import { openAs } from './harness/commons';
import { governance, send, voter } from './harness/l2';
import { advancePast, advanceTime, chainClient, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

// End to end (docs/MECHANISMS.md §4.3): the Commons override, after the Eco Nodes reject a proposal, passes
// with its higher bar and executes without ratification; and a succeeded proposal whose ratification
// nobody opens expires after the window. Time warps: the local ratification window is an hour and the
// override cool-off ten minutes (contracts/script/networks.ts), so this file moves L2 time by about
// two hours in all.

const app = appSuite();

const state = async (stack: TestStack, id: bigint) =>
  GOVERNOR_STATES[await chainClient(stack, 'l2').readContract({ ...governance(stack).governor, functionName: 'state', args: [id] })];

/** `proposer` votes For `id` once voting opens, then time moves past its deadline. */
async function voteThrough(stack: TestStack, proposer: Address, id: bigint) {
  const l2 = chainClient(stack, 'l2');
  const { governor } = governance(stack);
  await advancePast(stack, await l2.readContract({ ...governor, functionName: 'proposalSnapshot', args: [id] }));
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'castVote', args: [id, SUPPORT.for] }),
  });
  await advancePast(stack, await l2.readContract({ ...governor, functionName: 'proposalDeadline', args: [id] }));
}

/** A proposal of `actions` by `proposer` (alone above twice the quorum), passed in the Commons: Succeeded. */
async function passedProposal(stack: TestStack, proposer: Address, actions: ProposalAction[], title: string) {
  const l2 = chainClient(stack, 'l2');
  const { governor } = governance(stack);
  const [targets, values, calldatas] = proposalArgs(actions);
  const description = `# ${title}\n\nEnd-to-end check of the ratification window and the Commons override.`;
  await advanceTime(stack, 2); // the threshold counts votes a second before proposing
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'propose', args: [targets, values, calldatas, description] }),
  });
  const id = await l2.readContract({ ...governor, functionName: 'getProposalId', args: [targets, values, calldatas, keccak256(toHex(description))] });
  await voteThrough(stack, proposer, id);
  assert.equal(await state(stack, id), 'succeeded');
  return { id, description, targets, values, calldatas };
}

/** A call the timelock can make without changing anything: the governor's `votingDelay()`. */
function harmless(stack: TestStack): ProposalAction {
  return {
    target: governance(stack).governor.address,
    value: 0n,
    calldata: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'votingDelay' }) as Hex,
  };
}

describe('Commons override and ratification window', () => {
  test('the Eco Nodes reject a proposal; its override passes with 2/3 and twice the quorum, is queued without ratification and executes', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { governor, council } = governance(app.stack);
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const title = `Overridden after a rejection ${Date.now()}`;
    const refused = await passedProposal(app.stack, proposer, [harmless(app.stack)], title);

    // Every Eco Node rejects it.
    await send(app.stack, proposer, {
      address: council.address,
      data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'openRatification', args: [refused.id] }),
    });
    const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
    for (const node of nodes) {
      const v = await l2.readContract({ ...council, functionName: 'voterOf', args: [node] });
      const data =
        v === node
          ? encodeFunctionData({
              abi: ecoNodeCouncilAbi,
              functionName: 'castRatification',
              args: [refused.id, RATIFICATION_SUPPORT.reject, 'Rejected in the override e2e.'],
            })
          : encodeFunctionData({
              abi: ecoNodeCouncilAbi,
              functionName: 'castRatificationAs',
              args: [node, refused.id, RATIFICATION_SUPPORT.reject, 'Rejected in the override e2e.'],
            });
      await send(app.stack, v, { address: council.address, data });
    }
    const r = await l2.readContract({ ...council, functionName: 'ratification', args: [refused.id] });
    await advancePast(app.stack, BigInt(r.deadline));
    await send(app.stack, proposer, {
      address: council.address,
      data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'settleRatification', args: [refused.id] }),
    });
    assert.equal(await state(app.stack, refused.id), 'defeated');

    // After the cool-off, the Commons proposes it again as an override (same actions, new description).
    const coolOff = await l2.readContract({ ...governor, functionName: 'overrideCoolOff' });
    await advancePast(app.stack, (await l2.readContract({ ...governor, functionName: 'proposalDeadline', args: [refused.id] })) + BigInt(coolOff));
    const overrideTitle = `Override: ${title}`;
    // From the refused proposal's page (the description is the app's: "# Override: <title>").
    const refusedPage = await openAs(app, proposer, `/proposals/${refused.id}`);
    await refusedPage.getByRole('heading', { name: title, exact: true }).waitFor();
    const refusedPanel = refusedPage.getByTestId('lifecycle');
    await refusedPanel.locator('button:enabled', { hasText: 'Propose the override' }).click({ timeout: 20_000 });
    await txConfirmed(refusedPanel);
    await refusedPage.context().close();
    const id = await l2.readContract({ ...governor, functionName: 'overrideOf', args: [refused.id] });
    assert.ok(id > 0n, 'id > 0n');
    assert.equal(await l2.readContract({ ...governor, functionName: 'isOverride', args: [id] }), true);

    // The proposals list marks it; its page explains the bar while voting.
    const list = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/proposals', {
      account: proposer,
      chainId: app.stack.deployment.l2.chainId,
    });
    await list.getByTestId('proposal-card').filter({ hasText: overrideTitle }).getByTestId('override-badge').waitFor({ timeout: 20_000 });
    await list.context().close();

    await voteThrough(app.stack, proposer, id);
    assert.equal(await state(app.stack, id), 'succeeded', 'passed with the higher bar: the council is not asked');
    const snapshot = await l2.readContract({ ...governor, functionName: 'proposalSnapshot', args: [id] });
    const quorum = await l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] });
    assert.equal(await l2.readContract({ ...governor, functionName: 'proposalQuorum', args: [id] }), 2n * quorum);
    await eventually(async () => {
      const body = await apiGet(app.stack, '/proposals/:id', { id: id.toString() });
      assert.equal(body.override, true);
      assert.deepEqual(body.overrideBar, { forShareNumerator: 2, forShareDenominator: 3, quorumMultiplier: 2 });
      assert.equal(body.overrides, refused.id.toString());
      assert.equal(body.requiredQuorum, (2n * quorum).toString(), 'the API reports the stricter quorum');
      assert.equal(body.state, 'succeeded');
      assert.equal(body.ratificationDeadline, null, 'an override has no ratification window');
    });

    // Queue and execute it from its page: no ratification step.
    const page = await openAs(app, proposer, `/proposals/${id}`);
    await page.getByRole('heading', { name: overrideTitle }).waitFor();
    const panel = page.getByTestId('override-panel');
    await panel.waitFor({ timeout: 15_000 });
    await panel.locator('[data-testid="override-share"][data-met]').waitFor();
    await panel.locator('[data-testid="override-quorum"][data-met]').waitFor();
    const lifecycle = page.getByTestId('lifecycle');
    await lifecycle.getByRole('button', { name: 'Queue' }).click({ timeout: 15_000 });
    await txConfirmed(lifecycle);
    assert.equal(await state(app.stack, id), 'queued');
    await advancePast(app.stack, await l2.readContract({ ...governor, functionName: 'proposalEta', args: [id] }));
    await page.locator('[data-testid="lifecycle"] button:enabled', { hasText: /^Execute$/ }).click({ timeout: 15_000 });
    await txConfirmed(page.getByTestId('lifecycle'));
    assert.equal(await state(app.stack, id), 'executed');
    await page.getByTestId('proposal-state').filter({ hasText: 'executed' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="timeline-step"][data-stage="override-proposed"]').waitFor({ timeout: 15_000 });
    await page.context().close();
  });

  test('a succeeded proposal whose ratification nobody opens expires after the window', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { governor, council } = governance(app.stack);
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const title = `Left unopened ${Date.now()}`;
    const { id } = await passedProposal(app.stack, proposer, [harmless(app.stack)], title);
    const openBy = await l2.readContract({ ...governor, functionName: 'ratificationDeadline', args: [id] });
    const deadline = await l2.readContract({ ...governor, functionName: 'proposalDeadline', args: [id] });
    assert.equal(openBy - deadline, BigInt(await l2.readContract({ ...governor, functionName: 'ratificationWindow' })));

    // While succeeded: the page says by when the ratification must open.
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, {
      account: proposer,
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByTestId('ratification-window').filter({ hasText: 'Ratification must open by' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="timeline-step"][data-stage="ratification-opens-by"]').waitFor({ timeout: 15_000 });

    // Nobody opens it; the window passes.
    await advancePast(app.stack, openBy);
    assert.equal(await state(app.stack, id), 'expired');
    await assert.rejects(
      send(app.stack, proposer, {
        address: council.address,
        data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'openRatification', args: [id] }),
      }),
      'the council cannot open it any more',
    );
    await page.getByTestId('proposal-state').filter({ hasText: 'expired' }).waitFor({ timeout: 20_000 });
    await page.locator('[data-testid="ratification-window"][data-expired]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="timeline-step"][data-stage="expired"]').waitFor({ timeout: 15_000 });
    await page.context().close();
    await eventually(async () => {
      const body = await apiGet(app.stack, '/proposals/:id', { id: id.toString() });
      assert.equal(body.state, 'expired');
      const filtered = await apiGet(app.stack, '/proposals', { state: 'expired', limit: 100 });
      assert.ok(
        filtered.items.some((p) => p.id === id.toString()),
        'the expired filter finds it',
      );
    });
  });
});
