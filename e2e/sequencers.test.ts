import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sequencerStakingAbi } from '../lib/contracts/abis';
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
