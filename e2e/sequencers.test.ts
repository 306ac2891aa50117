import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { randomnessBeaconAbi, sequencerSetAbi, sequencerStakingAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { eventually } from './harness/api';
import { openApp } from './harness/browser';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

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
    assert.ok(first >= 1, 'first >= 1');
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="current-epoch"]')?.getAttribute('data-epoch')) > n, first, {
      timeout: 60_000,
    });
    assert.ok((await epochOf()) > first, '(await epochOf()) > first');
    await page.context().close();
  });

  test("the rotation grace-period line and the next rotation's seed equal the chain", async () => {
    const { deployment } = app.stack;
    const l1 = chainClient(app.stack, 'l1');
    const l2 = chainClient(app.stack, 'l2');
    const set = { address: deployment.l2.contracts.SequencerSet.address, abi: sequencerSetAbi } as const;
    const beacon = { address: deployment.l1.contracts.RandomnessBeacon.address, abi: randomnessBeaconAbi } as const;
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers', { account: demoAccount(app.stack, 'Judy').address });
    const data = (testId: string) =>
      page.getByTestId(testId).evaluate((el): Record<string, string | undefined> & { text: string } => ({
        ...Object.fromEntries(Object.entries((el as HTMLElement).dataset)),
        text: el.textContent ?? '',
      }));

    // Rotation every epoch (about 20 s locally): compare while the page and the chain are in the same epoch.
    await eventually(async () => {
      const [[number, epoch], grace] = await Promise.all([
        l2.readContract({ ...set, functionName: 'currentEpoch' }),
        l2.readContract({ ...set, functionName: 'rotationGracePeriod' }),
      ]);
      const shown = await data('rotation-grace');
      assert.equal(shown.epoch, number.toString(), 'the page shows the current epoch');
      const anyoneFrom = BigInt(epoch.endBlock) + grace + 1n;
      assert.equal(shown.grace, grace.toString());
      assert.equal(shown.rotationFrom, (BigInt(epoch.endBlock) + 1n).toString(), 'rotation opens the block after the epoch ends');
      assert.equal(shown.anyoneFrom, anyoneFrom.toString(), "anyone may rotate once the grace period after the epoch's end is over");
      assert.ok(shown.text.includes(`anyone may rotate from block ${anyoneFrom} (grace period ${grace} blocks)`), shown.text);
    }, 30_000);

    // The next draw's beacon, as indexed from both chains: requested at the last rotation (L2), fixed on L1, arrived on L2.
    await eventually(async () => {
      const [number] = await l2.readContract({ ...set, functionName: 'currentEpoch' });
      const next = number + 1n;
      const [onL2, draw] = await Promise.all([
        l2.readContract({ ...set, functionName: 'beaconOf', args: [next] }),
        l1.readContract({ ...beacon, functionName: 'drawOf', args: [next] }),
      ]);
      assert.ok(onL2.requested && onL2.received, 'the beacon for the next epoch has arrived on L2');
      const shown = await data('next-seed');
      assert.equal(shown.epoch, next.toString());
      const [requested] = await l2.getContractEvents({ ...set, eventName: 'BeaconRequested', args: { epochNumber: next }, fromBlock: 0n });
      const [received] = await l2.getContractEvents({ ...set, eventName: 'BeaconReceived', args: { epochNumber: next }, fromBlock: 0n });
      const [recorded] = await l1.getContractEvents({ ...beacon, eventName: 'RandomnessRecorded', args: { epochNumber: next }, fromBlock: 0n });
      const timeOf = async (client: typeof l1, blockNumber: bigint) => (await client.getBlock({ blockNumber })).timestamp.toString();
      assert.equal(shown.requestedAt, await timeOf(l2, requested.blockNumber), 'requested at the L2 time of BeaconRequested');
      assert.equal(shown.recordedAt, await timeOf(l1, recorded.blockNumber), 'fixed at the L1 time of RandomnessRecorded');
      assert.equal(shown.l1Block, draw.l1BlockNumber.toString(), 'from the L1 block the beacon recorded');
      assert.equal(shown.l1Block, onL2.l1BlockNumber.toString());
      assert.equal(shown.receivedAt, await timeOf(l2, received.blockNumber), 'arrived at the L2 time of BeaconReceived');
      assert.match(
        shown.text,
        new RegExp(`^Next rotation's seed \\(epoch #${next}\\): requested .+; fixed on L1 .+ \\(block ${draw.l1BlockNumber}\\); arrived on L2 .+\\.$`),
      );
    }, 30_000);
    await page.context().close();
  });

  test('sorts by a column', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers?sort=commission&dir=asc', {
      account: demoAccount(app.stack, 'Judy').address,
    });
    const cells = await page.locator('[data-testid="sequencer-row"] td:nth-child(7)').allInnerTexts();
    const values = cells.map((c) => parseFloat(c));
    assert.deepEqual(
      values,
      [...values].sort((a, b) => a - b),
    );
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
