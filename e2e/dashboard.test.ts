import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { formatEther, type Hash } from 'viem';
import { metisTokens } from '../lib/contracts/tokens';
import type { ChainKey } from '../lib/deployment/types';
import { apiGet } from './harness/api';
import { connectWallet, openApp } from './harness/browser';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** The balance card's number, as METIS (a plain decimal string). */
async function shownBalance(page: Page, chain: ChainKey): Promise<string> {
  const text = await page.getByTestId(`balance-${chain}-value`).innerText();
  return text.replace(/,/g, '');
}

async function chainBalance(chain: ChainKey, account: `0x${string}`): Promise<string> {
  const token = metisTokens(app.stack.deployment)[chain];
  const wei = await chainClient(app.stack, chain).readContract({ ...token, functionName: 'balanceOf', args: [account] });
  return formatEther(wei)
    .replace(/(\.\d{0,4})\d*$/, '$1')
    .replace(/\.$/, '');
}

describe('Dashboard', () => {
  test('disconnected, it asks to connect and loads no wallet code until connecting', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: demoAccount(app.stack, 'Judy').address });
    await page.getByRole('heading', { name: 'Connect a wallet' }).waitFor();
    // Chunk names are hashes: look inside what was loaded for wagmi's own error, present wherever its hooks are.
    const wagmiIn = () =>
      page.evaluate(async () => {
        const scripts = performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.endsWith('.js'));
        const texts = await Promise.all(scripts.map(async (e) => (await fetch(e.name)).text()));
        return texts.filter((t) => t.includes('WagmiProviderNotFoundError')).length;
      });
    assert.equal(await wagmiIn(), 0, 'no wagmi code before connecting');
    await connectWallet(page);
    assert.ok((await wagmiIn()) > 0, 'the same check finds wagmi once connected');
    await page.context().close();
  });

  test('shows both balances from the chain, then sends METIS on each chain and lists it within 2 s', async () => {
    const alice = demoAccount(app.stack, 'Alice');
    const bob = demoAccount(app.stack, 'Bob');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: alice.address });
    await connectWallet(page);

    for (const chain of ['l1', 'l2'] as const) {
      const expected = await chainBalance(chain, alice.address);
      await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/,/g, '') === want, [
        `balance-${chain}-value`,
        expected,
      ] as const);
      assert.equal(await shownBalance(page, chain), expected);
    }

    for (const [chain, amount] of [
      ['l1', '12.5'],
      ['l2', '3.25'],
    ] as const) {
      const chainName = app.stack.deployment[chain].name;
      await page.getByRole('radio', { name: chainName }).check({ force: true });
      await page.getByLabel('Recipient').fill(bob.address);
      await page.getByLabel('Amount').fill(amount);
      await page.getByRole('button', { name: `Send on ${chainName}` }).click();

      // The stages: pending with a hash, then confirmed.
      const status = page.getByTestId('tx-status');
      await status.and(page.locator('[data-status="pending"], [data-status="confirmed"]')).waitFor();
      const hash = (await status.getByTitle(/^0x/).getAttribute('title')) as Hash;
      assert.match(hash, /^0x[0-9a-f]{64}$/);

      const receipt = await chainClient(app.stack, chain).waitForTransactionReceipt({ hash, pollingInterval: 50 });
      const minedSeen = Date.now();
      assert.equal(receipt.status, 'success');
      await page.locator(`[data-testid="transfer-row"][data-tx="${hash}"]`).first().waitFor({ timeout: 10_000 });
      const latency = Date.now() - minedSeen;
      assert.ok(latency <= 2_000, `transfer listed ${latency} ms after it was mined (limit 2000)`);
      await status.and(page.locator('[data-status="confirmed"]')).waitFor();
      const row = page.locator(`[data-testid="transfer-row"][data-tx="${hash}"]`).first();
      assert.match(await row.innerText(), new RegExp(`To\\s+Bob[\\s\\S]*−${amount.replace('.', '\\.')} METIS`));
      await page.getByRole('button', { name: 'Dismiss' }).click();
    }
    await page.context().close();
  });

  test('a rejected transaction says so and leaves the form as it was', async () => {
    const carol = demoAccount(app.stack, 'Carol');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: carol.address });
    await connectWallet(page);
    await page.getByLabel('Recipient').fill(demoAccount(app.stack, 'Dave').address);
    await page.getByLabel('Amount').fill('1');
    await page.evaluate(() => window.testWallet.rejectNext());
    await page.getByRole('button', { name: /^Send on/ }).click();
    await page.getByTestId('tx-status').and(page.locator('[data-status="failed"]')).waitFor();
    assert.match(await page.getByTestId('tx-status').innerText(), /You rejected the request in your wallet/);
    assert.equal(await page.getByLabel('Amount').inputValue(), '1');
    await page.context().close();
  });

  test('bad input is refused before signing, with the reason', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: demoAccount(app.stack, 'Erin').address });
    await connectWallet(page);
    await page.getByLabel('Recipient').fill('0x1234');
    await page.getByLabel('Amount').fill('99999999');
    await page.getByRole('button', { name: /^Send on/ }).click();
    await page.getByText('Enter a 0x address of 40 hex digits.').waitFor();
    await page.getByText(/^You have .* on /).waitFor();
    assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was sent');
    await page.context().close();
  });
});

describe('Dashboard: My stake', () => {
  test("lists the account's positions and unbonding entries with a countdown to their unlock", async () => {
    // A seeded delegator with a pending unbonding entry if there is one, else any delegator.
    let chosen: { address: `0x${string}`; positions: number; pending: number } | undefined;
    for (const { address } of app.stack.deployment.demoAccounts ?? []) {
      const positions = (await apiGet(app.stack, '/accounts/:address/positions', { address })).items.length;
      const pending = (await apiGet(app.stack, '/accounts/:address/unbonding', { address, state: 'pending' })).items.length;
      if (positions > 0 && (!chosen || (pending > 0 && chosen.pending === 0))) chosen = { address, positions, pending };
    }
    assert.ok(chosen, 'the seed leaves some demo account with a position');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: chosen.address });
    await connectWallet(page);
    await page.getByTestId('stake-position').first().waitFor();
    assert.equal(await page.getByTestId('stake-position').count(), chosen.positions);
    if (chosen.pending > 0) await page.getByTestId('unbonding-entry').first().waitFor();
    assert.equal(await page.getByTestId('unbonding-entry').count(), chosen.pending);
    if (chosen.pending > 0) assert.match(await page.getByTestId('unbonding-entry').first().innerText(), /unlocks .+ · \d|ready to withdraw/);
    await page.context().close();
  });
});
