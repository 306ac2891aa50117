import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { encodeFunctionData, parseEther } from 'viem';
import { commonsGroupAbi, veMetisAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { addressLabel } from '../lib/names';
import { GOVERNOR_STATES } from '../lib/proposals';
import { connectWallet, openApp } from './harness/browser';
import { openProposal, voteInUi } from './harness/commons';
import { createGroup, send, voter } from './harness/l2';
import { advanceTime, chainClient } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

describe('Voting on a proposal', () => {
  test('a direct vote with a reason reaches the tallies and the quorum bar within 2 s', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const other = await voter(app.stack, 28, parseEther('10000'));
    const { id, governor } = await openProposal(app.stack, proposer);
    assert.equal(GOVERNOR_STATES[await l2.readContract({ ...governor, functionName: 'state', args: [id] })], 'active', 'active');

    // The second voter: Against, with a reason.
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, {
      account: other,
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByRole('heading', { name: /^End-to-end proposal/ }).waitFor();
    assert.equal(await page.getByTestId('proposal-state').textContent(), 'active');
    await connectWallet(page);
    // Refused before signing: no choice made.
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.getByText('Choose For, Against or Abstain.').waitFor();
    await page
      .locator('label')
      .filter({ hasText: /^Against$/ })
      .click();
    await page.getByLabel('Reason (optional, public)').fill('Too early.');
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [against] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    assert.ok(against > 0n, 'against > 0n');
    await page.locator(`[data-testid="tally-against"][data-votes="${against}"]`).waitFor({ timeout: 2_000 });
    await page.getByTestId('vote-status').filter({ hasText: 'You have voted on this proposal.' }).waitFor({ timeout: 2_000 });
    await page.context().close();

    // The proposer: For; the quorum bar says what the governor says.
    const page2 = await voteInUi(app, id, proposer, 'For');
    const [, forVotes, abstain] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    await page2.locator(`[data-testid="tally-for"][data-votes="${forVotes}"]`).waitFor({ timeout: 2_000 });
    const [snapshot] = await l2.readContract({ ...governor, functionName: 'proposalTimepoints', args: [id] });
    const quorum = await l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] });
    const reached = quorum <= forVotes + abstain;
    assert.equal((await page2.getByTestId('quorum').getAttribute('data-reached')) !== null, reached);
    await page2.context().close();
  });

  test('members vote inside their group, then its remainder is cast: tallies and voter list match the chain', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { contracts } = app.stack.deployment.l2;
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const [m1, m2, m3] = [
      await voter(app.stack, 27, parseEther('10000')),
      await voter(app.stack, 26, parseEther('4000')),
      await voter(app.stack, 25, parseEther('3000')),
    ];
    // A group with three members who pool their votes in it.
    const name = `E2E group ${Date.now() % 100_000}`;
    const group = await createGroup(app.stack, proposer, name);
    for (const m of [m1, m2, m3]) {
      await send(app.stack, m, { address: group, data: encodeFunctionData({ abi: commonsGroupAbi, functionName: 'join' }) });
      await send(app.stack, m, { address: contracts.VeMetis.address, data: encodeFunctionData({ abi: veMetisAbi, functionName: 'delegate', args: [group] }) });
    }
    const { id, governor } = await openProposal(app.stack, proposer);

    // Two members vote inside the group (the larger For); the third does not.
    await (await voteInUi(app, id, m1, 'For', 'Good for builders.')).context().close();
    const page = await voteInUi(app, id, m2, 'Against', 'Not yet.');
    await page
      .getByTestId('vote-status')
      .filter({ hasText: `You voted inside ${name}` })
      .waitFor({ timeout: 2_000 });

    // Internal voting closes; anyone casts the rest of the group's votes for its majority.
    const internalDeadline = await l2.readContract({ address: group, abi: commonsGroupAbi, functionName: 'internalVotingDeadline', args: [id] });
    const block = await l2.getBlock();
    await advanceTime(app.stack, Number(internalDeadline - block.timestamp) + 1);
    const cast = page.getByRole('button', { name: `Cast ${name}'s remainder` });
    await cast.click({ timeout: 15_000 });
    await page.locator('[aria-labelledby="remainders"] [data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [, , , remainderWeight, remainderCast] = await l2.readContract({ address: group, abi: commonsGroupAbi, functionName: 'proposalTally', args: [id] });
    assert.ok(remainderCast && remainderWeight > 0n, 'remainderCast && remainderWeight > 0n');

    // The page matches the governor within 2 s: tallies, and the group with its two members and remainder.
    const [against, forVotes, abstain] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    for (const [key, votes] of [
      ['for', forVotes],
      ['against', against],
      ['abstain', abstain],
    ] as const) {
      await page.locator(`[data-testid="tally-${key}"][data-votes="${votes}"]`).waitFor({ timeout: 2_000 });
    }
    const ballot = page.getByTestId('group-ballot').filter({ hasText: name });
    await ballot.getByText(/^Remainder: For/).waitFor({ timeout: 2_000 });
    assert.equal(await ballot.getByTestId('member-vote').count(), 2);
    assert.match(await ballot.innerText(), /Good for builders\./);
    await page.context().close();
  });

  test('a proposal is written in the form (actions from the ABIs and the treasury recipe) and submitted', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const governor = contractOf(app.stack.deployment, 'l2', 'CommonsGovernor');
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const weak = await voter(app.stack, 26, parseEther('4000'));
    const title = `Form proposal ${Date.now()}`;

    // Below the threshold: refused before signing, with both numbers.
    const weakPage = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/proposals/new', {
      account: weak,
      chainId: app.stack.deployment.l2.chainId,
    });
    await connectWallet(weakPage);
    await weakPage.getByLabel('Title').fill(title);
    await weakPage.getByRole('button', { name: 'Add a contract call' }).click();
    await weakPage.getByLabel('Function').selectOption('setVotingDelay');
    await weakPage.getByLabel(/\(uint48\)$/).fill('60');
    await weakPage.getByRole('button', { name: 'Submit proposal' }).click();
    await weakPage
      .getByRole('alert')
      .filter({ hasText: /^Proposing needs .* votes delegated to you; you have / })
      .waitFor();
    assert.equal(await weakPage.getByTestId('tx-status').count(), 0, 'nothing was sent');
    await weakPage.context().close();

    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/proposals/new', {
      account: proposer,
      chainId: app.stack.deployment.l2.chainId,
    });
    await connectWallet(page);
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Description (markdown)').fill('## Why\nA **shorter** delay.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Why' }).waitFor();
    // A typed call: bad input is named, good input previewed in words.
    await page.getByRole('button', { name: 'Add a contract call' }).click();
    await page.getByLabel('Function').selectOption('setVotingDelay');
    await page.getByLabel(/\(uint48\)$/).fill('-5');
    await page.getByText(/^Must be between 0 and /).waitFor();
    await page.getByLabel(/\(uint48\)$/).fill('60');
    await page.getByTestId('action-words').filter({ hasText: 'CommonsGovernor · set the voting delay to 1 minute' }).waitFor();
    // The recipe adds a METIS transfer from the treasury.
    await page.getByLabel('Recipient').fill(weak);
    await page.getByLabel('Amount (METIS)').fill('1.5');
    await page.getByRole('button', { name: 'Add transfer' }).click();
    await page
      .getByTestId('action-words')
      .filter({ hasText: `L2Metis · send 1.5 METIS to ${addressLabel(app.stack.deployment, weak)}` })
      .waitFor();
    await page.getByRole('button', { name: 'Submit proposal' }).click();

    await page.waitForURL(/\/proposals\/\d+$/, { timeout: 30_000 });
    const id = BigInt(page.url().split('/').pop()!);
    assert.equal(await l2.readContract({ ...governor, functionName: 'proposalProposer', args: [id] }), proposer);
    await page.getByRole('heading', { name: title }).waitFor({ timeout: 10_000 });
    await page.getByTestId('action-words').filter({ hasText: 'CommonsGovernor · set the voting delay to 1 minute' }).waitFor({ timeout: 10_000 });
    await page.context().close();
  });
});
