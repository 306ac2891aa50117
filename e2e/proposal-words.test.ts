import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFunctionData, keccak256, parseEther, toHex } from 'viem';
import type { ProposalItem } from '../lib/api';
import { CONTRACTS, contractOf } from '../lib/contracts/descriptors';
import { formatMetis, formatVotes } from '../lib/format';
import { apiGet, eventually } from './harness/api';
import { openApp } from './harness/browser';
import { openAs } from './harness/commons';
import { send, voter } from './harness/l2';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

// End to end: proposal actions in words (docs/ARCHITECTURE.md, lib/action-words.ts) on the proposal page, against the chain: the
// seeded L2 and L1 proposals read as sentences with the current value read from the chain ("(now …)"), the call is one
// click away, calls the table does not know are marked "Not described", and the builder shows the same words before
// anything is submitted.

const app = appSuite();

const byTitle = async (title: string): Promise<ProposalItem> => {
  const found = (await apiGet(app.stack, '/proposals', { q: title, limit: 10 })).items.find((p) => p.title === title);
  assert.ok(found, `a seeded proposal "${title}"`);
  return found;
};

const openProposalPage = (id: string) =>
  openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, { account: demoAccount(app.stack, 'Judy').address });

describe('Proposals in words', () => {
  test("the seeded threshold proposal reads in veMETIS with the governor's current threshold, the call one click away", async () => {
    const l2 = chainClient(app.stack, 'l2');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const proposal = await byTitle('Lower the proposal threshold to 5,000 veMETIS');
    const page = await openProposalPage(proposal.id);
    const action = page.getByTestId('proposal-action');
    const words = action.getByTestId('action-words');
    // "(now …)" streams in once the getters are read; it is what the chain says.
    await words.filter({ hasText: '(now ' }).waitFor({ timeout: 20_000 });
    const threshold = await l2.readContract({ ...governor, functionName: 'proposalThreshold' });
    assert.equal(await words.innerText(), `CommonsGovernor · set the proposal threshold to 5,000 veMETIS (now ${formatVotes(threshold)})`);
    assert.equal(await action.locator('[data-described]').getAttribute('data-described'), 'true');
    // The raw call is hidden until asked for.
    const call = action.getByTestId('action-call');
    assert.equal(await call.isVisible(), false);
    await action.getByText('Show the call').click();
    await call.waitFor();
    assert.match(await call.innerText(), /CommonsGovernor\.setProposalThreshold\(5000000000000000000000\)/);
    assert.match(await call.innerText(), new RegExp(governor.address, 'i'));
    await page.context().close();
  });

  test("the seeded L1 proposals read as the RewardsDistributor call on Ethereum, with the L1 distributor's current reward", async () => {
    const l1 = chainClient(app.stack, 'l1');
    const distributor = contractOf(app.stack.deployment, 'l1', 'RewardsDistributor');
    for (const [title, reward] of [
      ['Double the mining reward cap on L1 (2,000 METIS per block)', parseEther('2000')],
      ['Set the mining reward to 1,500 METIS per block on L1', parseEther('1500')],
    ] as const) {
      const proposal = await byTitle(title);
      const page = await openProposalPage(proposal.id);
      const action = page.getByTestId('proposal-action');
      await action.locator('[data-chain="l1"]').waitFor({ timeout: 20_000 });
      const words = action.getByTestId('action-words');
      await words.filter({ hasText: '(now ' }).waitFor({ timeout: 20_000 });
      const now = await l1.readContract({ ...distributor, functionName: 'rewardPerBlock' });
      assert.equal(
        await words.innerText(),
        `On Ethereum: RewardsDistributor · set the mining reward per block to ${formatMetis(reward)} (now ${formatMetis(now)})`,
        title,
      );
      await action.getByText('Show the call').click();
      const call = action.getByTestId('action-call');
      await call.waitFor();
      // Behind the words: the L1 call, and the bus message that carries it.
      assert.match(await call.innerText(), new RegExp(`RewardsDistributor\\.setRewardPerBlock\\(${reward}\\)`));
      assert.match(await call.innerText(), /Sent on Metis to MessageOutbox/);
      await page.context().close();
    }
  });

  test('calls the table does not describe are marked "Not described", with their decoded signature or raw calldata', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const bob = demoAccount(app.stack, 'Bob').address;
    // A view of the governor (decodes, but is no setting) and bytes sent to an account (nothing to decode against).
    const targets = [governor.address, bob];
    const values = [0n, 0n];
    const calldatas = [encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'votingDelay' }), '0x12345678' as const];
    const description = `# Undescribed calls ${Date.now()}\n\nTwo calls the words table does not know.`;
    await send(app.stack, proposer, {
      address: governor.address,
      data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'propose', args: [targets, values, calldatas, description] }),
    });
    const id = await l2.readContract({ ...governor, functionName: 'getProposalId', args: [targets, values, calldatas, keccak256(toHex(description))] });
    await eventually(async () => {
      await apiGet(app.stack, '/proposals/:id', { id: id.toString() });
    }, 20_000);
    const page = await openProposalPage(id.toString());
    const undescribed = page.locator('[data-testid="proposal-action"] [data-described="false"]');
    await undescribed.nth(1).waitFor({ timeout: 20_000 });
    assert.equal(await undescribed.count(), 2);
    const texts = await page.getByTestId('action-words').allInnerTexts();
    assert.deepEqual(texts, ['Not described: CommonsGovernor.votingDelay()', 'Not described: call Bob with 0x12345678']);
    await page.context().close();
  });

  test('the builder shows the words of the actions being composed, with current values, before anything is submitted', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const l1 = chainClient(app.stack, 'l1');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const distributor = contractOf(app.stack.deployment, 'l1', 'RewardsDistributor');
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const page = await openAs(app, proposer, '/proposals/new');
    await page.getByLabel('Title').fill(`Words preview ${Date.now()}`);

    // An L2 setting: words and the governor's current threshold.
    await page.getByRole('button', { name: 'Add a contract call' }).click();
    await page.locator('#action-0-function').selectOption('setProposalThreshold');
    await page.locator('#action-0-arg-0').fill(parseEther('7000').toString());
    const threshold = await l2.readContract({ ...governor, functionName: 'proposalThreshold' });
    const first = page.getByTestId('action-preview').nth(0).getByTestId('action-words');
    await first
      .filter({ hasText: `CommonsGovernor · set the proposal threshold to 7,000 veMETIS (now ${formatVotes(threshold)})` })
      .waitFor({ timeout: 10_000 });

    // An L1 action composed by hand (the bus message to the L1 executor): read as the L1 call, its current value read on L1.
    const executor = app.stack.deployment.l1.contracts.GovernanceExecutor.address;
    const inner = encodeFunctionData({ abi: CONTRACTS.l1.RewardsDistributor, functionName: 'setRewardPerBlock', args: [parseEther('3')] });
    const executeCall = encodeFunctionData({ abi: CONTRACTS.l1.GovernanceExecutor, functionName: 'execute', args: [distributor.address, 0n, inner] });
    await page.getByRole('button', { name: 'Add a contract call' }).click();
    await page.locator('#action-1-contract').selectOption('MessageOutbox');
    await page.locator('#action-1-function').selectOption('sendMessage');
    await page.locator('#action-1-arg-0').fill(executor);
    await page.locator('#action-1-arg-1').fill(executeCall);
    await page.locator('#action-1-arg-2').fill('500000');
    const reward = await l1.readContract({ ...distributor, functionName: 'rewardPerBlock' });
    const second = page.getByTestId('action-preview').nth(1).getByTestId('action-words');
    await second
      .filter({ hasText: `On Ethereum: RewardsDistributor · set the mining reward per block to 3 METIS (now ${formatMetis(reward)})` })
      .waitFor({ timeout: 10_000 });

    // The treasury recipe reads in METIS, to the recipient by name.
    await page.getByLabel('Recipient').fill(demoAccount(app.stack, 'Bob').address);
    await page.getByLabel('Amount (METIS)').fill('2.5');
    await page.getByRole('button', { name: 'Add transfer' }).click();
    await page.getByTestId('action-preview').nth(2).getByTestId('action-words').filter({ hasText: 'L2Metis · send 2.5 METIS to Bob' }).waitFor();
    assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was submitted');
    await page.context().close();
  });
});
