import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, encodeFunctionData, getAddress, type Hex, keccak256, parseEther, parseEventLogs, toHex } from 'viem';
import { MESSAGE_STATUSES } from '../lib/bus';
import { ecoNodeCouncilAbi, ecoNodePromotionAbi, messageInboxAbi, messageOutboxAbi, sequencerStakingAbi } from '../lib/contracts/abis';
import { CONTRACTS, contractOf } from '../lib/contracts/descriptors';
import { RATIFICATION_STATUSES, RATIFICATION_SUPPORT, type RatificationChoice } from '../lib/eco-nodes';
import { formatMetis } from '../lib/format';
import { l1Call, type ProposalAction, proposalArgs } from '../lib/governance-actions';
import { pollMs } from '../lib/polling';
import { GOVERNOR_STATES, SUPPORT } from '../lib/proposals';
import { apiGet, eventually } from './harness/api';
import { connectWallet, openApp, txConfirmed } from './harness/browser';
import { openAs } from './harness/commons';
import { governance, send, voter } from './harness/l2';
import { advancePast, advanceTime, chainClient, demoAccount, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

// End to end: the Eco Nodes page against the chain, and a Commons proposal that changes an
// L1 staking parameter going the whole way (passes → ratification opened → Eco Nodes ratify →
// settled → queued → executed → relayed → executed on L1), and one the Eco Nodes reject.

const app = appSuite();

/** A proposal with `actions` by `proposer`, voted For by it and passed (deadline over): state Succeeded. */
async function passedProposal(stack: TestStack, proposer: Address, actions: ProposalAction[], title: string) {
  const l2 = chainClient(stack, 'l2');
  const { governor } = governance(stack);
  const [targets, values, calldatas] = proposalArgs(actions);
  const description = `# ${title}\n\nEnd-to-end check of the ratification and execution path.`;
  // The threshold counts votes a second before proposing: a lock made this second does not count yet.
  await advanceTime(stack, 2);
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'propose', args: [targets, values, calldatas, description] }),
  });
  const id = await l2.readContract({ ...governor, functionName: 'getProposalId', args: [targets, values, calldatas, keccak256(toHex(description))] });
  await advanceTime(stack, Number(await l2.readContract({ ...governor, functionName: 'votingDelay' })) + 1);
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'castVote', args: [id, SUPPORT.for] }),
  });
  await advancePast(stack, await l2.readContract({ ...governor, functionName: 'proposalDeadline', args: [id] }));
  assert.equal(
    GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [id] })],
    'succeeded',
    'succeeded in the Commons (quorum reached with the proposer alone)',
  );
  return { id, description, targets, values, calldatas };
}

/** The seated nodes and who votes for each (the node itself, or its group's steward): all anvil dev accounts locally. */
async function councilVoters(stack: TestStack): Promise<{ node: Address; voter: Address }[]> {
  const l2 = chainClient(stack, 'l2');
  const { council } = governance(stack);
  const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
  return Promise.all(nodes.map(async (node) => ({ node, voter: await l2.readContract({ ...council, functionName: 'voterOf', args: [node] }) })));
}

/** `voter` casts `choice` for `node` with `reason`, directly on chain. */
async function castFor(stack: TestStack, v: { node: Address; voter: Address }, id: bigint, choice: RatificationChoice, reason: string) {
  const support = RATIFICATION_SUPPORT[choice];
  const data =
    v.node === v.voter
      ? encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'castRatification', args: [id, support, reason] })
      : encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'castRatificationAs', args: [v.node, id, support, reason] });
  await send(stack, v.voter, { address: governance(stack).council.address, data });
}

describe('Eco Nodes', () => {
  test('the Eco Nodes page lists the seeded nodes with their reputation on chain, and the promotion candidates', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council } = governance(app.stack);
    const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
    assert.ok(nodes.length >= 3, 'the seed seats three Eco Nodes');
    // The web server may serve a render up to one `page` pace old (lib/polling.ts; another test may have just
    // loaded this page), and the API answer under it one `shared` pace older: the page read the chain no
    // earlier than that before this test began.
    const stale = BigInt(Math.ceil((pollMs(app.stack.deployment.network, 'page') + pollMs(app.stack.deployment.network, 'shared')) / 1000) + 1);
    const before = (await l2.getBlock()).timestamp - stale;
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', {
      account: nodes[0],
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByRole('heading', { name: 'The council' }).waitFor();
    await page.getByTestId('eco-node').first().waitFor();
    const after = (await l2.getBlock()).timestamp;
    assert.equal(await page.getByTestId('eco-node').count(), nodes.length);
    for (const node of nodes) {
      const row = page.locator(`[data-testid="eco-node"][data-address="${getAddress(node)}"]`);
      const shown = BigInt((await row.getAttribute('data-reputation'))!);
      // Reputation decays lazily every second: what the page read lies between the chain's values at
      // the block after loading and the earliest moment the page may have read it.
      const [high, low] = await Promise.all([
        l2.readContract({ ...council, functionName: 'reputationAt', args: [node, before] }),
        l2.readContract({ ...council, functionName: 'reputationAt', args: [node, after] }),
      ]);
      assert.ok(shown <= high && shown >= low, `${node}: page ${shown}, chain between ${low} and ${high}`);
    }
    // One seat is a promoted group, named as such.
    const body = await apiGet(app.stack, '/eco-nodes');
    const promoted = body.items.find((n) => n.origin === 'promoted');
    assert.ok(promoted, 'the seed promotes one group');
    await page
      .locator(`[data-testid="eco-node"][data-address="${getAddress(promoted.address)}"] [data-testid="eco-node-origin"]`)
      .filter({ hasText: `promoted group: ${promoted.groupName}` })
      .waitFor();
    // Candidates: every group without a seat, with one bar per criterion.
    const candidates = await apiGet(app.stack, '/eco-nodes/candidates');
    assert.ok(candidates.items.length > 0, 'candidates.items.length > 0');
    assert.equal(await page.getByTestId('candidate').count(), candidates.items.length);
    assert.equal(await page.getByTestId('candidate').first().getByTestId('criterion').count(), 4);

    // A node's page: the reputation chart and its changes with their causes.
    await page
      .locator(`[data-testid="eco-node"][data-address="${getAddress(nodes[0])}"] a`)
      .first()
      .click();
    await page.waitForURL(new RegExp(`/eco-nodes/${getAddress(nodes[0])}$`));
    await page.getByTestId('step-chart').waitFor();
    await page.locator('[data-testid="reputation-event"][data-cause="admission"]').first().waitFor();
    await page.context().close();
  });

  test("each candidate's per-snapshot marks equal EcoNodePromotion.progress on chain (pooled, members, participation at each snapshot)", async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council } = governance(app.stack);
    const promotion = { address: await l2.readContract({ ...council, functionName: 'promotion' }), abi: ecoNodePromotionAbi } as const;
    /** What the chain says, per group: the marks of each criterion at each counted snapshot, newest first. */
    const onChain = async (groups: Address[]) =>
      Object.fromEntries(
        await Promise.all(
          groups.map(async (g) => {
            const { checks } = await l2.readContract({ ...promotion, functionName: 'progress', args: [council.address, g] });
            return [
              g,
              { pooled: checks.map((k) => k.pooledOk), members: checks.map((k) => k.membersOk), participation: checks.map((k) => k.participated) },
            ] as const;
          }),
        ),
      );
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', {
      account: demoAccount(app.stack, 'Judy').address,
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByTestId('candidate').first().waitFor();
    const shown = await page.getByTestId('candidate').evaluateAll((items) =>
      items.map((item) => ({
        address: item.getAttribute('data-address')!,
        marks: Object.fromEntries(
          [...item.querySelectorAll('[data-testid="criterion"]')].map((k) => [
            k.getAttribute('data-criterion')!,
            [...k.querySelectorAll('[data-testid="criterion-snapshot"]')].map((m) => m.hasAttribute('data-ok')),
          ]),
        ),
      })),
    );
    const chain = await onChain(shown.map((x) => x.address as Address));
    let compared = 0;
    for (const { address, marks } of shown) {
      for (const key of ['pooled', 'members', 'participation'] as const) {
        assert.deepEqual(marks[key] ?? [], chain[address][key], `${address}: ${key} per snapshot`);
      }
      if (chain[address].pooled.length > 0) compared++;
    }
    assert.ok(compared >= 1, 'at least one seeded group has counted snapshots to compare');
    await page.context().close();
  });

  test("the seed's failed L1 actions show on their timelines: one expired, one cancelled, as the L1 inbox says", async () => {
    const l1 = chainClient(app.stack, 'l1');
    const inbox = { address: app.stack.deployment.l1.contracts.MessageInbox.address, abi: messageInboxAbi } as const;
    const body = await apiGet(app.stack, '/proposals', { limit: 100 });
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: demoAccount(app.stack, 'Judy').address });
    for (const [title, stage, status] of [
      ['Double the mining reward cap on L1 (2,000 METIS per block)', 'l1-expired', 'failed'],
      ['Set the mining reward to 1,500 METIS per block on L1', 'l1-cancelled', 'cancelled'],
    ] as const) {
      const proposal = body.items.find((p) => p.title === title);
      assert.ok(proposal, `the seeded proposal "${title}"`);
      // The bus message its execution sent, and what the L1 inbox did with it.
      const timeline = await apiGet(app.stack, '/proposals/:id/timeline', { id: proposal.id });
      const relayed = timeline.steps.find((x) => x.stage === 'relayed');
      assert.ok(relayed?.tx, 'the bus message its execution sent is on the timeline');
      const sent = await chainClient(app.stack, 'l2').getTransactionReceipt({ hash: relayed.tx });
      const [message] = parseEventLogs({ abi: messageOutboxAbi, eventName: 'MessageSent', logs: sent.logs });
      assert.equal(MESSAGE_STATUSES[await l1.readContract({ ...inbox, functionName: 'messageStatus', args: [message.args.messageHash] })], status);
      await page.goto(`${app.stack.urls.web}/proposals/${proposal.id}`);
      await page.locator(`[data-testid="timeline-step"][data-stage="${stage}"]`).waitFor({ timeout: 15_000 });
      await page.locator('[data-testid="timeline-step"][data-stage="l1-failed"]').waitFor();
    }
    await page.context().close();
  });

  test('an L1 staking parameter changed by the Commons: passes → ratified → queued → executed → relayed → the new value on L1', async () => {
    const l1 = chainClient(app.stack, 'l1');
    const l2 = chainClient(app.stack, 'l2');
    const { council, timelock } = governance(app.stack);
    const staking = contractOf(app.stack.deployment, 'l1', 'SequencerStaking');
    const [minLock, maxLock] = await Promise.all([
      l1.readContract({ ...staking, functionName: 'minLock' }),
      l1.readContract({ ...staking, functionName: 'maxLock' }),
    ]);
    // Lower the minimum self-lock by 1,000 METIS (harmless to the other tests' sequencers).
    const newMin = minLock - parseEther('1000') > 0n ? minLock - parseEther('1000') : minLock / 2n;
    const action = l1Call(
      app.stack.deployment,
      staking.address,
      encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'setLockBounds', args: [newMin, maxLock] }),
    );
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const title = `Lower the minimum self-lock ${Date.now()}`;
    const { id } = await passedProposal(app.stack, proposer, [action], title);

    // Anyone opens the ratification from the proposal page.
    const page = await openAs(app, proposer, `/proposals/${id}`);
    await page.getByRole('heading', { name: title }).waitFor();
    const lifecycle = page.getByTestId('lifecycle');
    await lifecycle.getByRole('button', { name: 'Open ratification' }).click({ timeout: 15_000 });
    await txConfirmed(lifecycle);
    const opened = await l2.readContract({ ...council, functionName: 'ratification', args: [id] });
    assert.ok(opened.openedAt > 0, 'opened.openedAt > 0');
    await page.locator('[data-testid="timeline-step"][data-stage="ratification-opened"]').waitFor({ timeout: 15_000 });
    await page.context().close();

    // The first node votes Ratify in the UI (as itself or as its group's steward); the others on chain.
    const [first, ...others] = await councilVoters(app.stack);
    const nodePage = await openAs(app, first.voter, `/proposals/${id}`);
    const form = nodePage.getByTestId('ratification-vote');
    await form
      .locator('label')
      .filter({ hasText: /^Ratify$/ })
      .click({ timeout: 15_000 });
    await form.getByLabel('Reason (public)').fill('Lower barrier to entry for operators.');
    await form.getByRole('button', { name: 'Cast ratification vote' }).click();
    await txConfirmed(nodePage.getByTestId('lifecycle'));
    assert.equal(await l2.readContract({ ...council, functionName: 'hasVoted', args: [id, first.node] }), true);
    for (const v of others) await castFor(app.stack, v, id, 'ratify', 'Agreed.');
    await nodePage
      .locator(`[data-testid="ratification-vote-item"][data-node="${getAddress(first.node)}"]`)
      .getByText('Lower barrier to entry for operators.')
      .waitFor({ timeout: 15_000 });

    // The period ends; the node settles, then queues.
    await advancePast(app.stack, BigInt(opened.deadline));
    const panel = nodePage.getByTestId('lifecycle');
    await panel.getByRole('button', { name: 'Settle ratification' }).click({ timeout: 15_000 });
    // Once settled the panel moves on to queueing.
    await panel.getByRole('button', { name: 'Queue' }).waitFor({ timeout: 30_000 });
    assert.equal(RATIFICATION_STATUSES[await l2.readContract({ ...council, functionName: 'ratificationStatus', args: [id] })], 'ratified', 'ratified');
    await panel.getByRole('button', { name: 'Queue' }).click({ timeout: 15_000 });
    await txConfirmed(nodePage.getByTestId('lifecycle'));
    const governor = governance(app.stack).governor;
    assert.equal(GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [id] })], 'queued', 'queued');
    await nodePage.getByTestId('proposal-state').filter({ hasText: 'queued' }).waitFor({ timeout: 15_000 });
    // Before the eta: a countdown and no execution.
    await nodePage.getByTestId('eta').getByTestId('countdown').waitFor({ timeout: 15_000 });
    assert.equal(await nodePage.getByTestId('lifecycle').getByRole('button', { name: 'Execute' }).isDisabled(), true);

    // After the timelock's delay, anyone executes.
    await advancePast(app.stack, await l2.readContract({ ...governor, functionName: 'proposalEta', args: [id] }));
    assert.ok(
      (await l2.readContract({ ...timelock, functionName: 'getMinDelay' })) > 0n,
      "(await l2.readContract({ ...timelock, functionName: 'getMinDelay' })) > 0n",
    );
    await nodePage.locator('[data-testid="lifecycle"] button:enabled', { hasText: /^Execute$/ }).click({ timeout: 15_000 });
    await txConfirmed(nodePage.getByTestId('lifecycle'));
    assert.equal(GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [id] })], 'executed', 'executed');
    await nodePage.getByTestId('proposal-state').filter({ hasText: 'executed' }).waitFor({ timeout: 15_000 });

    // The committee relays the message; the L1 executor changes the bound.
    await eventually(async () => assert.equal(await l1.readContract({ ...staking, functionName: 'minLock' }), newMin), 90_000);
    await nodePage.locator('[data-testid="timeline-step"][data-stage="relayed"]').waitFor({ timeout: 30_000 });
    await nodePage.locator('[data-testid="timeline-step"][data-stage="executed-on-l1"]').waitFor({ timeout: 30_000 });
    for (const stage of ['created', 'ratification-opened', 'ratification-ratified', 'queued', 'executed']) {
      assert.equal(await nodePage.locator(`[data-testid="timeline-step"][data-stage="${stage}"]`).count(), 1, stage);
    }
    await nodePage.context().close();

    // The sequencer's operator sees the new bounds on its sequencer page.
    const body = await apiGet(app.stack, '/sequencers', { status: 'active' });
    const demo = new Set((app.stack.deployment.demoAccounts ?? []).map((a) => a.address.toLowerCase()));
    const seq = body.items.find((s) => demo.has(s.owner.toLowerCase()));
    assert.ok(seq, 'a seeded sequencer run by a demo account');
    const opPage = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/sequencers/${seq.id}`, { account: seq.owner });
    await connectWallet(opPage);
    await opPage.getByText(`${formatMetis(newMin, { digits: 0, symbol: false })}–${formatMetis(maxLock, { digits: 0 })}`).waitFor({ timeout: 15_000 });
    await opPage.context().close();
  });

  test('a proposal the Eco Nodes reject shows Defeated with their reasons', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council, governor } = governance(app.stack);
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const harmless: ProposalAction = {
      target: governor.address,
      value: 0n,
      calldata: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'votingDelay' }) as Hex,
    };
    const title = `Rejected by the Eco Nodes ${Date.now()}`;
    const { id } = await passedProposal(app.stack, proposer, [harmless], title);
    await send(app.stack, proposer, {
      address: council.address,
      data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'openRatification', args: [id] }),
    });
    const voters = await councilVoters(app.stack);
    const reasons = voters.map((v, i) => `Reason ${i + 1}: not needed (${v.node.slice(0, 8)}).`);
    for (const [i, v] of voters.entries()) await castFor(app.stack, v, id, 'reject', reasons[i]);
    const r = await l2.readContract({ ...council, functionName: 'ratification', args: [id] });
    await advancePast(app.stack, BigInt(r.deadline));
    await send(app.stack, proposer, {
      address: council.address,
      data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'settleRatification', args: [id] }),
    });
    assert.equal(GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [id] })], 'defeated', 'defeated');

    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, {
      account: proposer,
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByRole('heading', { name: title }).waitFor();
    assert.equal(await page.getByTestId('proposal-state').textContent(), 'defeated');
    const section = page.locator('[data-testid="ratification-section"][data-status="rejected"]');
    await section.waitFor({ timeout: 15_000 });
    for (const reason of reasons) await section.getByTestId('ratification-reason').filter({ hasText: reason }).waitFor();
    await page.locator('[data-testid="timeline-step"][data-stage="ratification-rejected"]').waitFor();
    await page.context().close();
  });
});
