import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createWalletClient, http } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { sequencerStakingAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { formatDateTime, formatMetis } from '../lib/format';
import { parseSequencerMetadata } from '../lib/sequencers';
import { connectWallet, openApp } from './harness/browser';
import { advanceTime, chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** Waits until the flow shown in the panel's section `region` is confirmed. */
async function confirmed(page: Page, region: string) {
  const status = page.getByRole('region', { name: region, exact: true }).getByTestId('tx-status');
  await status.and(page.locator('[data-status="confirmed"]')).getByText('Confirmed.').waitFor({ timeout: 30_000 });
}

/** The text a number of whole METIS starts with on the page ("26,000"). */
const whole = (wei: bigint) => formatMetis(wei, { digits: 0, symbol: false });

describe('Running a sequencer', () => {
  test('an account off the operator whitelist is told so instead of getting a form', async () => {
    const judy = demoAccount(app.stack, 'Judy');
    const whitelisted = await chainClient(app.stack, 'l1').readContract({
      address: app.stack.deployment.l1.contracts.SequencerStaking.address,
      abi: sequencerStakingAbi,
      functionName: 'whitelisted',
      args: [judy.address],
    });
    assert.equal(whitelisted, false);
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers/register', { account: judy.address });
    await connectWallet(page);
    await page.getByText('This account is not on the operator whitelist').waitFor();
    assert.equal(await page.getByLabel('Self-lock', { exact: true }).count(), 0, 'no form');
    await page.context().close();
  });

  test('register (approve + register), relock, commission change, self-lock withdrawal, unlock and claim', async () => {
    const frank = demoAccount(app.stack, 'Frank');
    const { deployment } = app.stack;
    const l1 = chainClient(app.stack, 'l1');
    const staking = contractOf(deployment, 'l1', 'SequencerStaking');
    const token = contractOf(deployment, 'l1', 'MetisToken');
    const read = <const F extends 'minLock' | 'exitDelay'>(functionName: F) => l1.readContract({ ...staking, functionName });
    assert.equal(await l1.readContract({ ...staking, functionName: 'sequencerIdOf', args: [frank.address] }), 0n, 'Frank runs no sequencer yet');

    // The seed approved staking without limit for Frank; take that back so the approve step is needed.
    const wallet = createWalletClient({ chain: toViemChain(deployment.l1), transport: http(deployment.l1.rpcUrl), account: frank.address });
    await l1.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...token, functionName: 'approve', args: [staking.address, 0n] }) });
    const balanceBefore = await l1.readContract({ ...token, functionName: 'balanceOf', args: [frank.address] });
    const minLock = await read('minLock');
    const selfLock = minLock + minLock / 4n;
    const relock = minLock / 20n;
    const withdrawn = minLock / 40n;
    const signer = privateKeyToAccount(generatePrivateKey()).address;

    const page = await openApp(app.browser, app.stack.urls.web, deployment, '/sequencers/register', { account: frank.address });
    await connectWallet(page);
    const signerField = page.getByLabel('Signer address');
    await signerField.waitFor();
    assert.equal((await signerField.inputValue()).toLowerCase(), frank.address.toLowerCase(), 'the signer defaults to the account');

    // Refused before signing: a commission above the maximum.
    await signerField.fill(signer);
    await page.getByLabel('Self-lock', { exact: true }).fill(whole(selfLock));
    await page.getByLabel('Commission (%)').fill('99');
    await page.getByLabel('Name', { exact: true }).fill('Frankly Sequencing');
    await page.getByLabel('Website (optional)').fill('https://frankly.example');
    await page.getByLabel('Description (optional)').fill('Registered by the end-to-end test.');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByText(/^The commission can be at most \d+(\.\d+)?%\.$/).waitFor();
    assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was sent');

    await page.getByLabel('Commission (%)').fill('5');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    const status = page.getByTestId('tx-status');
    await status.getByText('Approve METIS for staking').waitFor();
    await status.getByText(`Register with ${formatMetis(selfLock)} self-lock`).waitFor();
    await page.waitForURL(/\/sequencers\/\d+$/, { timeout: 30_000 });

    const id = await l1.readContract({ ...staking, functionName: 'sequencerIdOf', args: [frank.address] });
    assert.ok(id > 0n, 'id > 0n');
    assert.ok(page.url().endsWith(`/sequencers/${id}`), `${page.url()} is sequencer ${id}'s page`);
    const registered = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] });
    assert.equal(registered.owner, frank.address);
    assert.equal(registered.signer, signer);
    assert.equal(registered.selfLock, selfLock);
    assert.equal(registered.commissionBps, 500);
    assert.deepEqual(parseSequencerMetadata(registered.metadataURI), {
      name: 'Frankly Sequencing',
      website: 'https://frankly.example',
      description: 'Registered by the end-to-end test.',
    });
    await page.getByRole('heading', { level: 1, name: 'Frankly Sequencing' }).waitFor();
    const selfLockShown = page.getByTestId('operator-self-lock');
    await selfLockShown.filter({ hasText: whole(selfLock) }).waitFor();

    // Relock: the allowance was used up by the registration, so approve again.
    await page.getByLabel('Amount to add to the self-lock').fill(whole(relock));
    await page.getByRole('button', { name: 'Relock', exact: true }).click();
    await page.getByRole('region', { name: 'Relock', exact: true }).getByText('Approve METIS for staking').waitFor();
    await confirmed(page, 'Relock');
    const afterRelock = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] });
    assert.equal(afterRelock.selfLock, selfLock + relock);
    await selfLockShown.filter({ hasText: whole(selfLock + relock) }).waitFor({ timeout: 5_000 });

    // Commission change: pending, with the date it takes effect.
    await page.getByLabel('New commission (%)').fill('7.5');
    await page.getByRole('button', { name: 'Request change' }).click();
    await confirmed(page, 'Commission');
    const afterCommission = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] });
    assert.equal(afterCommission.pendingCommissionBps, 750);
    assert.equal(afterCommission.commissionBps, 500, 'not in effect yet');
    // The operator panel says so at once; the sequencer's header says the same once the page refreshes.
    const pending = page.getByTestId('operator-panel').getByTestId('pending-commission');
    await pending.filter({ hasText: `7.5% from ${formatDateTime(Number(afterCommission.commissionEffectiveAt))}` }).waitFor({ timeout: 5_000 });

    // Part of the self-lock into an unbonding entry.
    await page.getByLabel('Amount to withdraw from the self-lock').fill(whole(withdrawn));
    await page.getByRole('button', { name: 'Start withdrawal' }).click();
    await confirmed(page, 'Withdraw self-lock');
    const [entryShares, entryValue] = await l1.readContract({ ...staking, functionName: 'unbondingEntry', args: [id, frank.address, 0n] });
    assert.ok(entryShares > 0n, 'entryShares > 0n');
    assert.equal(entryValue, withdrawn);
    await page
      .getByTestId('unbonding-entry')
      .filter({ hasText: whole(withdrawn) })
      .waitFor({ timeout: 5_000 });

    // Unlock: a countdown to the claim.
    await page.getByLabel('I understand that this sequencer stops for good').check();
    await page.getByRole('button', { name: 'Unlock sequencer' }).click();
    await confirmed(page, 'Unlock');
    const unlocking = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] });
    assert.equal(unlocking.status, 3);
    await page
      .getByTestId('unlock-countdown')
      .filter({ hasText: /^\d+m \d\ds$/ })
      .waitFor({ timeout: 5_000 });
    assert.equal(await page.getByRole('button', { name: 'Claim self-lock' }).count(), 0, 'not claimable yet');

    // Past the exit delay (read from the chain): claim the self-lock and withdraw the entry.
    await advanceTime(app.stack, Number(await read('exitDelay')) + 1);
    await page.getByRole('button', { name: 'Claim self-lock' }).click({ timeout: 10_000 });
    await confirmed(page, 'Unlock');
    const exited = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] });
    assert.equal(exited.status, 4);
    assert.equal(exited.selfLock, 0n);
    await page.getByTestId('operator-status').filter({ hasText: 'exited' }).waitFor({ timeout: 5_000 });
    await page.getByRole('button', { name: `Withdraw ${formatMetis(withdrawn)}`, exact: true }).click();
    await confirmed(page, 'Unbonding');

    const balanceAfter = await l1.readContract({ ...token, functionName: 'balanceOf', args: [frank.address] });
    assert.equal(balanceAfter, balanceBefore, "Frank's METIS is all back");
    assert.equal(await l1.readContract({ ...staking, functionName: 'sequencerIdOf', args: [frank.address] }), 0n);
    await page.context().close();
  });
});
