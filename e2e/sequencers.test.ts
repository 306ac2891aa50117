import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequencerStakingAbi } from '../lib/contracts/abis';
import { openApp } from './harness/browser';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';
import { contractOf } from '../lib/contracts/descriptors';

const app = appSuite();

describe('Sequencers page', () => {
  test('lists every sequencer with its name and stake, marks the producer, and shows rotation advancing', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers', { account: demoAccount(app.stack, 'Judy').address });
    const count = await chainClient(app.stack, 'l1').readContract({
      address: app.stack.deployment.l1.contracts.SequencerStaking.address,
      abi: sequencerStakingAbi,
      functionName: 'sequencerCount',
    });
    const rows = page.getByTestId('sequencer-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Number(count));
    assert.doesNotMatch(await rows.allInnerTexts().then((t) => t.join('\n')), /Sequencer #\d/, 'names come from the metadata');
    await page.locator('[data-testid="sequencer-row"][data-current]').waitFor();

    // The keeper rotates at every epoch boundary; the page follows without a reload.
    const epochOf = async () => Number(await page.getByTestId('current-epoch').getAttribute('data-epoch'));
    const first = await epochOf();
    assert.ok(first >= 1);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="current-epoch"]')?.getAttribute('data-epoch')) > n, first, { timeout: 60_000 });
    assert.ok((await epochOf()) > first);
    await page.context().close();
  });

  test('sorts by a column', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers?sort=commission&dir=asc', { account: demoAccount(app.stack, 'Judy').address });
    const cells = await page.locator('[data-testid="sequencer-row"] td:nth-child(7)').allInnerTexts();
    const values = cells.map((c) => parseFloat(c));
    assert.deepEqual(values, [...values].sort((a, b) => a - b));
    assert.equal(await page.getByRole('columnheader', { name: /Commission/ }).getAttribute('aria-sort'), 'ascending');
    await page.context().close();
  });
});

describe('Delegating', () => {
  test('delegate (approve, then delegate) → position and sequencer total update within 2 s', async () => {
    const judy = demoAccount(app.stack, 'Judy');
    const staking = contractOf(app.stack.deployment, 'l1', 'SequencerStaking');
    const l1 = chainClient(app.stack, 'l1');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers/1', { account: judy.address });
    await page.getByRole('button', { name: 'Connect wallet' }).first().click();
    await page.getByRole('button', { name: /Test Wallet/ }).click();
    await page.getByTestId('my-position').waitFor();

    // Refused before signing: more than the wallet holds.
    await page.getByLabel('Amount to delegate').fill('99999999');
    await page.getByRole('button', { name: 'Delegate', exact: true }).click();
    await page.getByText(/^You have .* on /).waitFor();
    assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was sent');

    const token = contractOf(app.stack.deployment, 'l1', 'MetisToken');
    const allowance = await l1.readContract({ ...token, functionName: 'allowance', args: [judy.address, staking.address] });
    await page.getByLabel('Amount to delegate').fill('1234');
    await page.getByRole('button', { name: 'Delegate', exact: true }).click();
    const status = page.getByTestId('tx-status');
    await status.getByText('Delegate 1,234 METIS').waitFor();
    // The approve step is there exactly when the allowance does not cover the amount.
    assert.equal(await status.getByText('Approve METIS for staking').count(), allowance < 1234n * 10n ** 18n ? 1 : 0);
    await status.and(page.locator('[data-status="confirmed"]')).getByText('Confirmed.').waitFor({ timeout: 30_000 });
    const hash = (await status.getByTitle(/^0x/).getAttribute('title')) as `0x${string}`;
    const receipt = await l1.waitForTransactionReceipt({ hash, pollingInterval: 50 });
    const mined = Date.now();
    assert.equal(receipt.status, 'success');

    const [, value] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [1n, judy.address] });
    const info = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [1n] });
    const fmt = (wei: bigint) => Number(wei / 10n ** 18n).toLocaleString('en-US');
    await page.waitForFunction(
      ([position, total]) =>
        document.querySelector('[data-testid="my-position"]')?.textContent?.startsWith(position) &&
        document.querySelector('[data-testid="sequencer-total"]')?.textContent?.startsWith(total),
      [fmt(value), fmt(info.totalStake)] as const,
      { timeout: 10_000 },
    );
    const latency = Date.now() - mined;
    assert.ok(latency <= 2_000, `position and total shown ${latency} ms after the delegation was mined (limit 2000)`);
    await page.context().close();
  });
});
