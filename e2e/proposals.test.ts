import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWalletClient, encodeFunctionData, http, keccak256, parseEther, toHex, type Address } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { commonsGovernorAbi, l2MetisAbi, veMetisAbi } from '../lib/contracts/abis';
import { toViemChain } from '../lib/deployment/chains';
import { connectWallet, openApp } from './harness/browser';
import { advanceTime, chainClient, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** Sends a transaction from an anvil dev account (the node holds its key) and waits for it. */
async function send(stack: TestStack, from: Address, call: { address: Address; data: `0x${string}` }) {
  const chain = toViemChain(stack.deployment.l2);
  const wallet = createWalletClient({ chain, transport: http(stack.deployment.l2.rpcUrl), account: from });
  const hash = await wallet.sendTransaction({ to: call.address, data: call.data, chain });
  const receipt = await chainClient(stack, 'l2').waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
}

/**
 * Two voters of their own (dev accounts the seed leaves without a lock), each funded on L2 and
 * holding a veMETIS lock, and a proposal by the first, already open for voting.
 */
async function openProposal(stack: TestStack) {
  const l2 = chainClient(stack, 'l2');
  const { contracts } = stack.deployment.l2;
  const ve = { address: contracts.VeMetis.address, abi: veMetisAbi } as const;
  const governor = { address: contracts.CommonsGovernor.address, abi: commonsGovernorAbi } as const;
  const voters: Address[] = [];
  for (let index = 29; voters.length < 2 && index > 20; index--) {
    const { address } = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    const [amount] = await l2.readContract({ ...ve, functionName: 'lockOf', args: [address] });
    if (amount === 0n) voters.push(address);
  }
  assert.equal(voters.length, 2, 'two dev accounts without a lock');
  const [proposer, other] = voters;
  const deployer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }).address;
  const maxDuration = await l2.readContract({ ...ve, functionName: 'maxLockDuration' });
  for (const [who, amount, duration] of [
    [proposer, parseEther('40000'), maxDuration],
    [other, parseEther('10000'), maxDuration / 2n],
  ] as const) {
    // Locally the deployer is L2 METIS's bridge: it mints what the voters lock.
    await send(stack, deployer, { address: contracts.L2Metis.address, data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'mint', args: [who, amount] }) });
    await send(stack, who, { address: contracts.L2Metis.address, data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'approve', args: [ve.address, amount] }) });
    await send(stack, who, { address: ve.address, data: encodeFunctionData({ abi: veMetisAbi, functionName: 'createLock', args: [amount, duration] }) });
  }
  // A harmless action: the governor reads its own voting delay.
  const targets = [governor.address];
  const values = [0n];
  const calldatas = [encodeFunctionData({ abi: commonsGovernorAbi, functionName: 'votingDelay' })];
  const description = `# End-to-end proposal ${Date.now()}\n\nChecks that votes reach the tallies.`;
  await send(stack, proposer, { address: governor.address, data: encodeFunctionData({ abi: commonsGovernorAbi, functionName: 'propose', args: [targets, values, calldatas, description] }) });
  const id = await l2.readContract({ ...governor, functionName: 'getProposalId', args: [targets, values, calldatas, keccak256(toHex(description))] });
  await advanceTime(stack, Number(await l2.readContract({ ...governor, functionName: 'votingDelay' })) + 1);
  return { id, proposer, other, governor, description };
}

describe('Voting on a proposal', () => {
  test('a direct vote with a reason reaches the tallies and the quorum bar within 2 s', async () => {
    const l2 = chainClient(app.stack, 'l2');
    const { id, proposer, other, governor } = await openProposal(app.stack);
    assert.equal(await l2.readContract({ ...governor, functionName: 'state', args: [id] }), 1, 'active');

    // The second voter: Against, with a reason.
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, { account: other, chainId: app.stack.deployment.l2.chainId });
    await page.getByRole('heading', { name: /^End-to-end proposal/ }).waitFor();
    assert.equal(await page.getByTestId('proposal-state').textContent(), 'active');
    await connectWallet(page);
    // Refused before signing: no choice made.
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.getByText('Choose For, Against or Abstain.').waitFor();
    await page.locator('label').filter({ hasText: /^Against$/ }).click();
    await page.getByLabel('Reason (optional, public)').fill('Too early.');
    await page.getByRole('button', { name: 'Cast vote' }).click();
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [against] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    assert.ok(against > 0n);
    await page.locator(`[data-testid="tally-against"][data-votes="${against}"]`).waitFor({ timeout: 2_000 });
    await page.getByTestId('vote-status').filter({ hasText: 'You have voted on this proposal.' }).waitFor({ timeout: 2_000 });
    await page.context().close();

    // The proposer: For; the quorum bar says what the governor says.
    const page2 = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, { account: proposer, chainId: app.stack.deployment.l2.chainId });
    await connectWallet(page2);
    await page2.locator('label').filter({ hasText: /^For$/ }).click();
    await page2.getByRole('button', { name: 'Cast vote' }).click();
    await page2.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [, forVotes, abstain] = await l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] });
    await page2.locator(`[data-testid="tally-for"][data-votes="${forVotes}"]`).waitFor({ timeout: 2_000 });
    const [snapshot] = await l2.readContract({ ...governor, functionName: 'proposalTimepoints', args: [id] });
    const quorum = await l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] });
    const reached = quorum <= forVotes + abstain;
    assert.equal((await page2.getByTestId('quorum').getAttribute('data-reached')) !== null, reached);
    await page2.context().close();
  });
});
