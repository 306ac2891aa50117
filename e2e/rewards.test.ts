import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Address, createWalletClient, http, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { apiGetPath } from '../lib/api';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { formatMetis } from '../lib/format';
import { SEQUENCER_STATUS } from '../lib/sequencers';
import { payDemoFees } from '../relayer/traffic';
import { apiGet, eventually } from './harness/api';
import { connectWallet, openApp } from './harness/browser';
import { chainClient } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();
const STAKE = parseEther('1000');

const deployer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }).address;
const l1Wallet = (from: Address) =>
  createWalletClient({ chain: toViemChain(app.stack.deployment.l1), transport: http(app.stack.deployment.l1.rpcUrl), account: from });
/** Sends an L1 transaction from a dev account (anvil signs for them) and checks that it succeeded. */
async function write(from: Address, call: Parameters<ReturnType<typeof l1Wallet>['writeContract']>[0]) {
  const receipt = await chainClient(app.stack, 'l1').waitForTransactionReceipt({ hash: await l1Wallet(from).writeContract(call) });
  assert.equal(receipt.status, 'success');
}

/** Dev account 48 (no other test touches it) delegates STAKE to every active sequencer, so every epoch pays it. */
async function delegator(): Promise<{ account: Address; sequencerIds: bigint[] }> {
  const { deployment } = app.stack;
  const l1 = chainClient(app.stack, 'l1');
  const staking = contractOf(deployment, 'l1', 'SequencerStaking');
  const token = contractOf(deployment, 'l1', 'MetisToken');
  const account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 48 }).address;
  const chain = toViemChain(deployment.l1);
  const ids: bigint[] = [];
  for (let id = 1n; ; id++) {
    const status = SEQUENCER_STATUS[await l1.readContract({ ...staking, functionName: 'statusOf', args: [id] }).catch(() => 0)];
    if (status === 'none') break;
    if (status === 'active') ids.push(id);
  }
  await write(deployer, { ...token, functionName: 'transfer', args: [account, STAKE * BigInt(ids.length)], chain, account: deployer });
  await write(account, { ...token, functionName: 'approve', args: [staking.address, STAKE * BigInt(ids.length)], chain, account });
  for (const id of ids) {
    const [shares] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [id, account] });
    if (shares === 0n) await write(account, { ...staking, functionName: 'delegate', args: [id, STAKE], chain, account });
  }
  return { account, sequencerIds: ids };
}

/** The number in a `data-value` attribute. */
const dataValue = async (page: Page, testId: string, within?: string) =>
  BigInt(
    (await page
      .locator(`${within ?? ''} [data-testid="${testId}"]`.trim())
      .first()
      .getAttribute('data-value')) ?? '0',
  );

describe('Rewards, end to end', () => {
  test('fees → epoch report relayed → claimable rises in the UI → claim pays exactly it; compound grows the position by it', async () => {
    const { deployment } = app.stack;
    const l1 = chainClient(app.stack, 'l1');
    const staking = contractOf(deployment, 'l1', 'SequencerStaking');
    const distributor = contractOf(deployment, 'l1', 'RewardsDistributor');
    const token = contractOf(deployment, 'l1', 'MetisToken');
    const { account, sequencerIds } = await delegator();
    assert.ok(sequencerIds.length >= 2, 'at least two active sequencers');

    const page = await openApp(app.browser, app.stack.urls.web, deployment, '/rewards', { account });
    await connectWallet(page);
    await page
      .locator('[data-testid="reward-position"]')
      .nth(sequencerIds.length - 1)
      .waitFor({ timeout: 15_000 });
    const before = await dataValue(page, 'total-claimable');

    // Traffic pays fees on L2; the next epoch report carries them to L1.
    const firstUnapplied = await l1.readContract({ ...distributor, functionName: 'nextEpoch' });
    await payDemoFees(deployment, { amount: parseEther('40') });
    await eventually(async () => {
      const next = await l1.readContract({ ...distributor, functionName: 'nextEpoch' });
      const reports = await Promise.all(
        Array.from({ length: Number(next - firstUnapplied) }, (_, i) =>
          l1.readContract({ ...distributor, functionName: 'epochReport', args: [firstUnapplied + BigInt(i)] }),
        ),
      );
      assert.ok(
        reports.some((r) => r.revenue > 0n && r.paidToSequencer),
        'a report with the fees was applied on L1',
      );
    }, 120_000);
    // The page follows: claimable rises.
    await page.waitForFunction(
      (min) => BigInt(document.querySelector('[data-testid="total-claimable"]')?.getAttribute('data-value') ?? '0') > BigInt(min),
      before.toString(),
      { timeout: 15_000 },
    );
    // The indexer splits what the account earned per epoch, mining vs revenue.
    await eventually(async () => {
      const body = await apiGet(app.stack, '/accounts/:address/rewards', { address: account });
      // Ponder's own /status (not a route of the map): only quoted in the message.
      const status = { body: await apiGetPath(app.stack.urls.api, '/status') };
      assert.ok(
        body.epochs.some((e) => BigInt(e.revenue) > 0n && BigInt(e.mining) > 0n),
        `an epoch paying both (indexed up to ${JSON.stringify(status.body)}): ${JSON.stringify(body.epochs.slice(-4))}`,
      );
    }, 45_000);
    await page.getByTestId('bar-chart').first().waitFor();

    // Claim the largest position: the wallet gains exactly what was claimed; when no epoch landed in
    // between, that is exactly the claimable shown when clicking.
    const rows = page.getByTestId('reward-position');
    const amounts = await Promise.all(sequencerIds.map((_, i) => rows.nth(i).getByTestId('position-claimable').getAttribute('data-value')));
    const pick = amounts.map((a) => BigInt(a ?? '0')).reduce((best, a, i, all) => (a > all[best] ? i : best), 0);
    const row = rows.nth(pick);
    const sequencerId = BigInt((await row.getAttribute('data-sequencer'))!);
    const balanceBefore = await l1.readContract({ ...token, functionName: 'balanceOf', args: [account] });
    // The page polls the chain, so an epoch can land between its last read and ours: wait until what
    // it shows is what the chain would pay now, at a known epoch.
    let epochBefore = 0n;
    let shown = 0n;
    await eventually(async () => {
      epochBefore = await l1.readContract({ ...distributor, functionName: 'nextEpoch' });
      const owed = await l1.readContract({ ...staking, functionName: 'pendingRewards', args: [sequencerId, account] });
      shown = await dataValue(page, 'position-claimable', `[data-testid="reward-position"][data-sequencer="${sequencerId}"]`);
      assert.equal(shown, owed, 'the page shows what the chain owes');
    }, 15_000);
    assert.ok(shown > 0n, 'shown > 0n');
    await row.getByRole('button', { name: /^Claim rewards from / }).click();
    await page.getByTestId('claim-result').waitFor({ timeout: 30_000 });
    const claimed = await dataValue(page, 'claim-result');
    const balanceAfter = await l1.readContract({ ...token, functionName: 'balanceOf', args: [account] });
    assert.equal(balanceAfter - balanceBefore, claimed, 'the balance rises by exactly what the page says was claimed');
    if ((await l1.readContract({ ...distributor, functionName: 'nextEpoch' })) === epochBefore) assert.equal(claimed, shown, 'exactly the claimable shown');
    else assert.ok(claimed >= shown, 'at least the claimable shown (an epoch paid in between)');

    // Compound another position (whichever else has rewards: epochs go to sequencers at random, by
    // stake): it grows by exactly what was compounded (the page reports it from the receipt).
    const others = sequencerIds.filter((id) => id !== sequencerId);
    const othersSelector = others.map((id) => `[data-testid="reward-position"][data-sequencer="${id}"] [data-testid="position-claimable"]`);
    await page.waitForFunction((sels) => sels.some((sel) => BigInt(document.querySelector(sel)?.getAttribute('data-value') ?? '0') > 0n), othersSelector, {
      timeout: 120_000,
    });
    const otherAmounts = await Promise.all(othersSelector.map((sel) => page.locator(sel).getAttribute('data-value')));
    const other = others[otherAmounts.findIndex((a) => BigInt(a ?? '0') > 0n)];
    const otherRow = page.locator(`[data-testid="reward-position"][data-sequencer="${other}"]`);
    const [, valueBefore] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [other, account] });
    await otherRow.getByRole('button', { name: /^Compound rewards into / }).click();
    await page.getByTestId('compound-result').waitFor({ timeout: 30_000 });
    const compounded = await dataValue(page, 'compound-result');
    assert.ok(compounded > 0n, 'compounded > 0n');
    const [, valueAfter] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [other, account] });
    const growth = valueAfter - valueBefore;
    assert.ok(
      growth <= compounded && compounded - growth <= 1n,
      `the position grows by what was compounded (${growth} vs ${compounded}, share rounding at most 1 wei)`,
    );
    await page.context().close();

    // The dashboard shows the claimable total and the last epoch's earnings; the sequencers table an APR.
    const dash = await openApp(app.browser, app.stack.urls.web, deployment, '/', { account });
    await connectWallet(dash);
    await dash.getByTestId('rewards-summary').waitFor({ timeout: 15_000 });
    await dash
      .getByTestId('last-earning')
      .getByText(/^Last epoch's earnings: /)
      .waitFor({ timeout: 15_000 });
    await dash.goto(`${app.stack.urls.web}/sequencers`);
    await dash.getByTestId('sequencer-apr').filter({ hasText: /%$/ }).first().waitFor({ timeout: 15_000 });
    await dash.context().close();
  });

  test('fees that have not reached L1 are owed: the epoch shows partly paid and the owed total equals the chain until the revenue arrives', async () => {
    const { deployment } = app.stack;
    const l1 = chainClient(app.stack, 'l1');
    const distributor = contractOf(deployment, 'l1', 'RewardsDistributor');
    const token = contractOf(deployment, 'l1', 'MetisToken');
    const chain = toViemChain(deployment.l1);
    const read = <const F extends 'totalOwed' | 'owedHead' | 'owedTail' | 'revenueBalance'>(functionName: F) =>
      l1.readContract({ ...distributor, functionName });

    // More fees on L2 than the L1 escrow holds (locally the deploy pre-funds it): the next report is short.
    const escrow = await read('revenueBalance');
    await payDemoFees(deployment, { amount: escrow + parseEther('1000') });
    await eventually(async () => assert.ok((await read('owedTail')) > (await read('owedHead')), 'an epoch is owed revenue'), 120_000);
    const head = await read('owedHead');
    const owed = await l1.readContract({ ...distributor, functionName: 'owedRevenue', args: [head] });
    const report = await l1.readContract({ ...distributor, functionName: 'epochReport', args: [owed.epoch] });
    assert.ok(owed.remaining > 0n && report.revenue + owed.remaining === report.revenueDue, 'paid + owed = due');

    // The Rewards page: the oldest owed epoch with what the chain says it is still owed, and the total.
    const page = await openApp(app.browser, app.stack.urls.web, deployment, '/rewards', { account: deployer });
    const entry = page.locator(`[data-testid="owed-epoch"][data-epoch="${owed.epoch}"]`);
    await entry.waitFor({ timeout: 20_000 });
    assert.equal(await entry.getAttribute('data-owed'), owed.remaining.toString());
    assert.ok(
      (await entry.innerText()).startsWith(`Owed to epoch ${owed.epoch}: ${formatMetis(owed.remaining)}`),
      '(await entry.innerText()).startsWith(`Owed to epoch ${owed.epoch}: ${formatMetis(owed.remaining)}`)',
    );
    // Later epochs join the queue while it waits (each report adds its own): compare at a moment the chain holds still.
    await eventually(async () => {
      await page.reload();
      const before = await read('totalOwed');
      const shown = await page.getByTestId('network-owed').innerText();
      assert.equal(await read('totalOwed'), before, 'no report landed meanwhile');
      assert.equal(shown, formatMetis(before), "the owed total is the chain's totalOwed");
    }, 60_000);
    // The sequencer's reward history marks the epoch partly paid.
    await page.goto(`${app.stack.urls.web}/sequencers/${owed.sequencerId}`);
    await page.locator(`[data-testid="reward-history"] [data-testid="epoch-owed"][data-owed="${owed.remaining}"]`).waitFor({ timeout: 20_000 });

    // The revenue arrives (a deposit; the native bridge's transfer counts the same) and anyone settles the queue.
    // What is owed, plus the escrow as it was, so that later epochs (and later tests) are paid at once again.
    const deposit = (await read('totalOwed')) + escrow;
    await write(deployer, { ...token, functionName: 'approve', args: [distributor.address, deposit], chain, account: deployer });
    await write(deployer, { ...distributor, functionName: 'depositRevenue', args: [deposit], chain, account: deployer });
    await eventually(async () => {
      if ((await read('owedTail')) > (await read('owedHead')))
        await write(deployer, { ...distributor, functionName: 'settleOwed', args: [32n], chain, account: deployer });
      assert.equal(await read('totalOwed'), 0n, 'every owed epoch is paid');
    }, 30_000);
    const paid = await l1.readContract({ ...distributor, functionName: 'epochReport', args: [owed.epoch] });
    assert.equal(paid.revenue, paid.revenueDue, 'the epoch got its revenue in full');
    await page.goto(`${app.stack.urls.web}/rewards`);
    await page.getByTestId('owed-none').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('network-owed').innerText(), formatMetis(0n));
    await page.context().close();
  });
});
