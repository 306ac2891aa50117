import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { type Address, encodeFunctionData, getAddress, keccak256, parseEther, toHex } from 'viem';
import { ecoNodeCouncilAbi } from '../lib/contracts/abis';
import { MOTION_STATES } from '../lib/council-motions';
import { REPUTATION_CAUSES } from '../lib/eco-nodes';
import { shortHash } from '../lib/format';
import { GOVERNOR_STATES } from '../lib/proposals';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { connectWallet, openApp, txConfirmed } from './harness/browser';
import { governance, send } from './harness/l2';
import { advancePast, chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

// End to end: the Eco Node council's motions (docs/MECHANISMS.md §4.4) on the Eco Nodes page against the chain: the
// seed's executed decisive action and peer penalty, and a peer penalty opened, backed and executed from the page,
// which then shows in the accused's reputation history with its cause.

const app = appSuite();

describe('Eco Node motions', () => {
  test('the motions API answers bad input with 400 and a reason, an unknown motion with 404, and ?state= as the rule says', async () => {
    for (const path of [
      '/eco-nodes/motions?kind=vote',
      '/eco-nodes/motions?state=open',
      '/eco-nodes/motions?subject=0x12',
      '/eco-nodes/motions?limit=0',
      '/eco-nodes/motions/x1',
    ]) {
      const { status, error } = await apiRefusal(app.stack, path);
      assert.equal(status, 400, path);
      assert.ok(error.length > 10, `${path}: a reason`);
    }
    assert.equal((await apiRefusal(app.stack, '/eco-nodes/motions/999999')).status, 404);
    // ?state= (the SQL form of the rule) picks exactly the motions the per-row rule puts in that state.
    const all = await apiGet(app.stack, '/eco-nodes/motions', { limit: 100 });
    for (const state of MOTION_STATES) {
      const some = await apiGet(app.stack, '/eco-nodes/motions', { state, limit: 100 });
      assert.deepEqual(
        some.items.map((m) => m.motionId),
        all.items.filter((m) => m.state === state).map((m) => m.motionId),
        `?state=${state}`,
      );
    }
    const body = await apiGet(app.stack, '/eco-nodes/actions');
    assert.ok(
      body.items.some((a) => a.contract === 'Timelock' && a.signature === 'cancel(bytes32 id)'),
      'the deploy allow-lists Timelock.cancel',
    );
  });

  test("the seed's decisive action (Timelock.cancel) and peer penalty show as executed, as the chain says", async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council, governor } = governance(app.stack);
    const body = await apiGet(app.stack, '/eco-nodes/motions', { state: 'executed' });
    // The seed's is the executed Timelock.cancel (other tests execute decisive actions of their own).
    const action = body.items.find((m) => m.kind === 'action' && m.action?.contract === 'Timelock');
    const penalty = body.items.find((m) => m.kind === 'penalty');
    assert.ok(action && penalty, 'the seed executed a decisive action and a peer penalty');
    for (const m of [action, penalty]) {
      const onChain = await l2.readContract({ ...council, functionName: 'motion', args: [BigInt(m.motionId)] });
      const state = await l2.readContract({ ...council, functionName: 'motionState', args: [BigInt(m.motionId)] });
      assert.equal(m.state, MOTION_STATES[state], `motion ${m.motionId}: the API's state is the chain's`);
      assert.equal(m.yesWeight, onChain.yesWeight.toString());
      assert.equal(m.totalReputation, onChain.totalReputation.toString());
      assert.equal(m.votes.reduce((s, v) => s + BigInt(v.weight), 0n).toString(), m.yesWeight, 'backers add up to the yes weight');
    }
    assert.equal(action.action?.contract, 'Timelock');
    assert.equal(action.action?.functionName, 'cancel');
    // The cancelled operation was a queued proposal's: the governor reports it Canceled, and so does the API.
    const canceled = await apiGet(app.stack, '/proposals', { state: 'canceled', limit: 100 });
    const quorumCut = canceled.items.find((p) => p.title === 'Lower quorum to 1%');
    assert.ok(quorumCut, 'the proposal the council cancelled reads Canceled');
    assert.equal(GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [BigInt(quorumCut.id)] })], 'canceled', 'Canceled on chain');

    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', { account: demoAccount(app.stack, 'Judy').address });
    for (const m of [action, penalty]) {
      const card = page.locator(`[data-testid="motion"][data-motion="${m.motionId}"]`);
      await card.waitFor();
      assert.equal(await card.getAttribute('data-state'), 'executed');
      assert.equal(await card.getByTestId('motion-backer').count(), m.votes.length);
      await card.getByTestId('motion-reason').filter({ hasText: m.reason }).waitFor();
    }
    // The decisive action reads in words (lib/action-words.ts), its call one click away.
    const decisive = page.locator(`[data-testid="motion"][data-motion="${action.motionId}"]`);
    assert.match(await decisive.getByTestId('motion-action').innerText(), /^Timelock · cancel the scheduled operation 0x[0-9a-f]{8}…[0-9a-f]{6}$/);
    assert.match((await decisive.getByTestId('action-call').textContent()) ?? '', /Timelock\.cancel\(0x[0-9a-f]{64}\)/);
    await page.getByTestId('allowed-action').filter({ hasText: 'Timelock.cancel(bytes32 id)' }).waitFor();
    await page.context().close();
  });

  test("a node opens a peer penalty from the page, another backs it, it executes, and the accused's history shows it with its cause", async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council } = governance(app.stack);
    const alice = demoAccount(app.stack, 'Alice').address;
    const bob = getAddress(demoAccount(app.stack, 'Bob').address);
    const reason = `Missed the key ceremony ${Date.now()}`;
    const chainId = app.stack.deployment.l2.chainId;

    // Alice opens it on the page.
    const opener = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', { account: alice, chainId });
    await connectWallet(opener);
    const form = opener.getByTestId('motion-form');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('#motion-accused').selectOption(bob);
    await form.getByLabel('Reputation to take').fill('5');
    await form.getByLabel('Reason (public)').fill(reason);
    await form.getByRole('button', { name: 'Open the peer penalty' }).click();
    await txConfirmed(form);
    const id = (await l2.readContract({ ...council, functionName: 'motionCount' })) - 1n;
    const opened = await l2.readContract({ ...council, functionName: 'motion', args: [id] });
    assert.equal(getAddress(opened.subject), bob);
    assert.equal(opened.amount, parseEther('5'));
    // axe on the page as a node sees it (the form and the motions with their buttons).
    const { violations } = await new AxeBuilder({ page: opener }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    assert.deepEqual(
      violations.map((v) => v.id),
      [],
      'no axe violation on the Eco Nodes page with the motion form',
    );
    await opener.context().close();

    // The others back it: the Ecosystem Builders' steward on the page, any other seated node on chain.
    const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
    const voters = await Promise.all(
      nodes.map(async (node) => ({ node, voter: await l2.readContract({ ...council, functionName: 'voterOf', args: [node] }) })),
    );
    const others = voters.filter((v) => getAddress(v.node) !== bob && getAddress(v.node) !== getAddress(alice));
    const groupSeat = others.find((v) => v.node !== v.voter);
    assert.ok(groupSeat, 'a group seat (voted by its steward) is on the council');
    // axe as the steward sees the page (the form, the motion with its Back button), dark on a phone.
    {
      const phone = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', {
        account: groupSeat.voter,
        chainId,
        colorScheme: 'dark',
        viewport: { width: 375, height: 740 },
      });
      await connectWallet(phone);
      await phone.getByTestId('motion-form').waitFor({ timeout: 20_000 });
      await phone.locator(`[data-testid="motion"][data-motion="${id}"]`).getByTestId('motion-back').first().waitFor({ timeout: 20_000 });
      const { violations } = await new AxeBuilder({ page: phone }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      assert.deepEqual(
        violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
        [],
        'no axe violation on the Eco Nodes page as a node, dark, on a phone',
      );
      await phone.context().close();
    }
    const backer = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', { account: groupSeat.voter, chainId });
    await connectWallet(backer);
    const card = backer.locator(`[data-testid="motion"][data-motion="${id}"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.getByTestId('motion-back').first().click();
    await txConfirmed(card);
    assert.equal(await l2.readContract({ ...council, functionName: 'hasVotedOnMotion', args: [id, groupSeat.node] }), true);
    for (const v of others) {
      if (v === groupSeat || (await l2.readContract({ ...council, functionName: 'motion', args: [id] })).passedAt !== 0) continue;
      await send(app.stack, v.voter as Address, {
        address: council.address,
        data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'voteMotion', args: [v.node, id] }),
      });
    }
    assert.notEqual((await l2.readContract({ ...council, functionName: 'motion', args: [id] })).passedAt, 0, 'passed with 2/3 without the accused');

    // A penalty has no delay: Execute shows at once (the page reloads the indexed motion).
    await eventually(async () => {
      const body = await apiGet(app.stack, '/eco-nodes/motions/:id', { id: id.toString() });
      assert.equal(body.state, 'executable');
    }, 20_000);
    // The page refreshes itself (server data about once a block): Execute appears without a reload.
    await card.getByTestId('motion-execute').click({ timeout: 30_000 });
    await txConfirmed(card);
    assert.equal(MOTION_STATES[await l2.readContract({ ...council, functionName: 'motionState', args: [id] })], 'executed', 'Executed on chain');
    await backer.context().close();

    // The chain's PeerPenalty change of Bob in the execution, and the history the page shows.
    const events = { address: council.address, abi: ecoNodeCouncilAbi, fromBlock: 0n, strict: true } as const;
    const logs = await l2.getContractEvents({ ...events, eventName: 'ReputationChanged', args: { node: bob } });
    const executedLogs = await l2.getContractEvents({ ...events, eventName: 'PenaltyMotionExecuted', args: { motionId: id } });
    assert.equal(executedLogs.length, 1);
    const change = logs.find((l) => l.transactionHash === executedLogs[0].transactionHash && REPUTATION_CAUSES[l.args.cause] === 'peer-penalty');
    assert.ok(change, 'the execution changed Bob’s reputation with cause PeerPenalty');
    await eventually(async () => {
      const body = await apiGet(app.stack, '/eco-nodes/:address/reputation', { address: bob, limit: 10 });
      const item = body.items.find((e) => e.txHash === change.transactionHash && e.cause === 'peer-penalty');
      assert.ok(item, 'indexed');
      assert.equal(item.delta, change.args.delta.toString());
      assert.equal(item.reputation, change.args.newReputation.toString());
      assert.equal(item.motion?.motionId, id.toString());
      assert.equal(item.motion?.reason, reason);
    }, 20_000);
    const history = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/eco-nodes/${bob}`, {
      account: demoAccount(app.stack, 'Judy').address,
    });
    const row = history.locator('[data-testid="reputation-event"][data-cause="peer-penalty"]').filter({ hasText: reason });
    await row.waitFor({ timeout: 20_000 });
    assert.equal(await row.getByTestId('reputation-event-cause').innerText(), `“${reason}”`);
    assert.equal(await row.getByTestId('reputation-event-motion').getAttribute('data-motion'), id.toString());
    await history.context().close();
  });
  test('a decisive action is chosen from the allow-list on the page, counts down to executable, and a failing call is said in a sentence', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { council } = governance(app.stack);
    const alice = getAddress(demoAccount(app.stack, 'Alice').address);
    const chainId = app.stack.deployment.l2.chainId;
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/eco-nodes', { account: alice, chainId });
    await connectWallet(page);
    const form = page.getByTestId('motion-form');
    await form.waitFor({ timeout: 20_000 });
    await form.locator('input[name="motion-kind"][value="action"]').check({ force: true });
    const options = await form.locator('#motion-action option').allInnerTexts();
    assert.ok(options.includes('Timelock.cancel(bytes32 id)'), `the allow-listed action is offered (${options.join(', ')})`);
    await form.locator('#motion-action').selectOption({ label: 'Timelock.cancel(bytes32 id)' });
    // An operation the timelock never scheduled: the motion opens (only the allow-list is checked) and its call fails.
    const operation = keccak256(toHex(`never scheduled ${Date.now()}`));
    await form.getByLabel('id (bytes32)').fill('not hex');
    await form.getByLabel('Reason (public)').fill('Cancel a bogus operation (end-to-end check).');
    await form.getByRole('button', { name: 'Propose the action' }).click();
    await form.getByText('Enter hex bytes starting with 0x.').waitFor();
    await form.getByLabel('id (bytes32)').fill(operation);
    await form.getByRole('button', { name: 'Propose the action' }).click();
    await txConfirmed(form);
    const id = (await l2.readContract({ ...council, functionName: 'motionCount' })) - 1n;
    const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
    for (const node of nodes) {
      if (getAddress(node) === alice || (await l2.readContract({ ...council, functionName: 'motion', args: [id] })).passedAt !== 0) continue;
      const voter = await l2.readContract({ ...council, functionName: 'voterOf', args: [node] });
      await send(app.stack, voter, {
        address: council.address,
        data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'voteMotion', args: [node, id] }),
      });
    }
    const passed = await l2.readContract({ ...council, functionName: 'motion', args: [id] });
    assert.notEqual(passed.passedAt, 0, 'passed with 2/3');
    const card = page.locator(`[data-testid="motion"][data-motion="${id}"]`);
    // The page refreshes itself: the card turns to passed, counting down to executable (the action delay).
    await page.locator(`[data-testid="motion"][data-motion="${id}"][data-state="passed"]`).waitFor({ timeout: 30_000 });
    assert.equal(await card.getByTestId('motion-action').innerText(), `Timelock · cancel the scheduled operation ${shortHash(operation)}`);
    assert.match((await card.getByTestId('action-call').textContent()) ?? '', new RegExp(`Timelock\\.cancel\\(${operation}\\)`));
    assert.match(await card.getByTestId('motion-timing').innerText(), /^executable /);
    await advancePast(app.stack, BigInt(passed.passedAt) + BigInt(passed.delay));
    await card.getByTestId('motion-execute').click({ timeout: 30_000 });
    const failed = card.locator('[data-testid="tx-status"][data-status="failed"]');
    await failed.waitFor({ timeout: 30_000 });
    assert.match(await failed.innerText(), /The decisive action was called and reverted in its target contract\./);
    await page.context().close();
  });
});
