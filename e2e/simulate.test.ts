import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Address, encodeFunctionData, keccak256, parseEther, toHex } from 'viem';
import { CONTRACTS, contractOf } from '../lib/contracts/descriptors';
import { l1Call, type ProposalAction, proposalArgs } from '../lib/governance-actions';
import type { SimulationRefusal, SimulationResult } from '../lib/simulation';
import { apiGet, eventually } from './harness/api';
import { openApp } from './harness/browser';
import { send, voter } from './harness/l2';
import { advanceTime, chainClient, demoAccount, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

// Proposal simulation on local forks (docs/ARCHITECTURE.md; lib/server/simulate.ts): from the proposal page, with no wallet,
// and through POST /api/simulate. The real chains stay as they were.

const app = appSuite();
const SIMULATION_TIMEOUT = 90_000;

/** Proposes `actions` as `proposer` (on chain) and waits until the API has the proposal (its page shows the actions). */
async function propose(stack: TestStack, proposer: Address, actions: ProposalAction[], title: string): Promise<bigint> {
  const governor = contractOf(stack.deployment, 'l2', 'CommonsGovernor');
  const [targets, values, calldatas] = proposalArgs(actions);
  const description = `# ${title}\n\nSimulated before anyone votes.`;
  // The governor reads the proposer's votes a second back: a lock made just now counts once a second has passed.
  await advanceTime(stack, 1);
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'propose', args: [targets, values, calldatas, description] }),
  });
  const id = await chainClient(stack, 'l2').readContract({
    ...governor,
    functionName: 'getProposalId',
    args: [targets, values, calldatas, keccak256(toHex(description))],
  });
  await eventually(async () => {
    await apiGet(stack, '/proposals/:id', { id: id.toString() });
  });
  return id;
}

/** Opens proposal `id` (no wallet connected), presses Simulate and waits for the report. */
async function simulateOnPage(id: bigint): Promise<Page> {
  const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, { account: demoAccount(app.stack, 'Judy').address });
  const panel = page.getByTestId('simulation');
  await panel.getByRole('button', { name: 'Simulate' }).click({ timeout: 15_000 });
  await panel.getByTestId('simulation-stage').or(panel.getByTestId('simulation-summary')).first().waitFor();
  await page.locator('[data-testid="simulation"][data-stage="done"], [data-testid="simulation"][data-stage="failed"]').waitFor({ timeout: SIMULATION_TIMEOUT });
  if ((await panel.getAttribute('data-stage')) === 'failed') throw new Error(`the simulation failed: ${(await panel.textContent()) ?? ''}`);
  return page;
}

/** POST /api/simulate as the page does: the status and the answer. */
async function post(body: unknown): Promise<{ status: number; body: SimulationResult | SimulationRefusal }> {
  const res = await fetch(`${app.stack.urls.web}/api/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(SIMULATION_TIMEOUT),
  });
  return { status: res.status, body: (await res.json()) as SimulationResult | SimulationRefusal };
}

/** Logs the simulation's times (for the lead's report). */
async function logTimes(what: string, id: bigint) {
  const { status, body } = await post({ proposalId: id.toString() });
  assert.equal(status, 200, JSON.stringify(body));
  const r = body as SimulationResult;
  console.log(
    `simulate: ${what}: ${r.durationMs.total} ms (L2 ${r.durationMs.l2} ms, L1 ${r.durationMs.l1 ?? '-'} ms)${r.cached ? ', cached from the page run' : ''}`,
  );
  return r;
}

describe('Simulating a proposal on forks', () => {
  test('an L2 proposal (setProposalThreshold): succeeds, threshold before → after as the chain and the proposal say; the chain is unchanged', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const before = await l2.readContract({ ...governor, functionName: 'proposalThreshold' });
    const proposed = before + parseEther('1234');
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const action = {
      target: governor.address,
      value: 0n,
      calldata: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'setProposalThreshold', args: [proposed] }),
    };
    const id = await propose(app.stack, proposer, [action], `Simulated threshold ${Date.now()}`);

    const page = await simulateOnPage(id);
    const item = page.getByTestId('simulated-action');
    assert.equal(await item.count(), 1);
    assert.equal(await item.getAttribute('data-status'), 'ok');
    const change = item.locator('[data-testid="parameter-change"][data-name="proposalThreshold"]');
    assert.equal(await change.getAttribute('data-before'), before.toString());
    assert.equal(await change.getAttribute('data-after'), proposed.toString());
    // Events sit in a closed <details>: present, not visible.
    assert.equal(await item.locator('[data-testid="simulated-event"][data-name="ProposalThresholdSet"]').count(), 1);
    assert.match((await page.getByTestId('simulation-meta').textContent()) ?? '', /Forked L2 at block \d+/);
    await page.context().close();

    assert.equal(await l2.readContract({ ...governor, functionName: 'proposalThreshold' }), before, 'the real chain is unchanged');
    await logTimes('L2 proposal', id);
  });

  test('an L1 proposal (SequencerStaking.setLockBounds through the bus): the L1 parameter before → after; L1 is unchanged', async () => {
    const l1 = chainClient(app.stack, 'l1');
    const staking = contractOf(app.stack.deployment, 'l1', 'SequencerStaking');
    const [minLock, maxLock] = await Promise.all([
      l1.readContract({ ...staking, functionName: 'minLock' }),
      l1.readContract({ ...staking, functionName: 'maxLock' }),
    ]);
    const newMax = maxLock + parseEther('1000');
    const action = l1Call(
      app.stack.deployment,
      staking.address,
      encodeFunctionData({ abi: CONTRACTS.l1.SequencerStaking, functionName: 'setLockBounds', args: [minLock, newMax] }),
    );
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const id = await propose(app.stack, proposer, [action], `Simulated lock bounds ${Date.now()}`);

    // Through the route the panel calls (the panel itself is exercised by the L2 and the seeded L1 tests).
    const r = await logTimes('L1 proposal', id);
    const [simulated] = r.actions;
    assert.equal(simulated?.status, 'ok', JSON.stringify(simulated));
    assert.equal(simulated.l1?.status, 'ok', JSON.stringify(simulated.l1));
    const change = simulated.l1.changes.find((c) => c.name === 'maxLock');
    assert.deepEqual([change?.before, change?.after], [maxLock.toString(), newMax.toString()]);
    assert.equal(simulated.l1.changes.filter((c) => c.name === 'minLock').length, 0, 'an unchanged bound is not listed');
    assert.equal(simulated.l1.events.filter((e) => e.name === 'MessageDelivered').length, 1);
    assert.ok(r.forkBlock.l1 !== null, 'L1 was forked');

    assert.equal(await l1.readContract({ ...staking, functionName: 'maxLock' }), maxLock, 'L1 is unchanged');
  });

  test("the seeded 'l1-expired' proposal: the L1 call reverts with the rewards distributor's reason", async () => {
    const list = await apiGet(app.stack, '/proposals', { limit: 100 });
    const seeded = list.items.find((p) => p.title === 'Double the mining reward cap on L1 (2,000 METIS per block)');
    assert.ok(seeded, "the seeded proposal 'l1-expired'");
    const id = BigInt(seeded.id);
    const page = await simulateOnPage(id);
    const item = page.getByTestId('simulated-action');
    assert.equal(await item.getAttribute('data-status'), 'ok', 'the L2 part (the bus message) goes through');
    const onL1 = item.getByTestId('simulated-l1');
    assert.equal(await onL1.getAttribute('data-status'), 'reverted');
    const reason = onL1.getByTestId('simulated-reason');
    assert.equal(await reason.getAttribute('data-error'), 'RewardPerBlockTooHigh');
    assert.match((await reason.textContent()) ?? '', /2,000 METIS per block is above the most the L1 rewards distributor allows/);
    assert.equal(await onL1.locator('[data-testid="simulated-event"][data-name="MessageFailed"]').count(), 1);
    assert.match((await page.getByTestId('simulation-summary').textContent()) ?? '', /^Action 1 would revert on L1\./);
    await page.context().close();
    await logTimes("seeded 'l1-expired'", id);
  });

  test('the API refuses bad input with 400 and a reason, and an unknown proposal with 404', async () => {
    const gov = app.stack.deployment.l2.contracts.CommonsGovernor.address;
    for (const [body, reason] of [
      ['not json', /not JSON/],
      [[], /JSON object/],
      [{}, /proposalId.*actions/],
      [{ proposalId: 7 }, /proposalId/],
      [{ proposalId: '1', actions: [] }, /not both/],
      [{ actions: [] }, /empty/],
      [{ actions: [{ target: '0x12', value: '0', calldata: '0x' }] }, /actions\[0\]\.target/],
      [{ actions: [{ target: gov, value: '-1', calldata: '0x' }] }, /actions\[0\]\.value/],
      [{ actions: [{ target: gov, value: '0', calldata: '0xzz' }] }, /actions\[0\]\.calldata/],
      [{ actions: Array(33).fill({ target: gov, value: '0', calldata: '0x' }) }, /at most 32/],
    ] as const) {
      const { status, body: answer } = await post(body);
      assert.equal(status, 400, JSON.stringify(body).slice(0, 80));
      assert.match((answer as SimulationRefusal).error, reason);
    }
    const unknown = await post({ proposalId: '123456789' });
    assert.equal(unknown.status, 404);
    assert.match((unknown.body as SimulationRefusal).error, /no proposal/);
    const get = await fetch(`${app.stack.urls.web}/api/simulate`);
    assert.equal(get.status, 405, 'only POST');
  });
});
