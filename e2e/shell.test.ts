import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NAV } from '../components/layout/nav-links';
import { shortAddress } from '../lib/format';
import { openApp } from './harness/browser';
import { demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

describe('App shell', () => {
  test('every section renders on a phone in dark mode, without sideways scrolling', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', {
      account: demoAccount(app.stack, 'Frank').address,
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
    });
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'follows the system theme');
    for (const { href, label } of NAV) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
      await page.waitForURL(new URL(href, app.stack.urls.web).toString());
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
      const link = page.getByRole('link', { name: label, exact: true });
      assert.equal(await link.getAttribute('aria-current'), 'page', `${label} is marked current`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${href} scrolls sideways by ${overflow}px`);
    }
    await page.context().close();
  });

  test('the theme toggle switches and is remembered', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/proposals', { account: demoAccount(app.stack, 'Grace').address });
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), false);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    await page.context().close();
  });

  test('the network indicator offers the other chain and switches the wallet', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/sequencers', { account: demoAccount(app.stack, 'Heidi').address });
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('button', { name: /Test Wallet/ }).click();
    const indicator = page.getByTestId('network-indicator');
    await indicator.getByText(app.stack.deployment.l1.name).waitFor();
    await page.getByRole('button', { name: `Switch wallet to ${app.stack.deployment.l2.name}` }).click();
    await indicator.getByText(app.stack.deployment.l2.name).waitFor();
    assert.equal(await page.evaluate(() => window.testWallet.request({ method: 'eth_chainId' })), `0x${app.stack.deployment.l2.chainId.toString(16)}`);
    await page.context().close();
  });

  test('the wallet dialog opens again after being closed, and the account dialog disconnects', async () => {
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: demoAccount(app.stack, 'Heidi').address });
    const connect = page.getByRole('button', { name: 'Connect wallet' }).first();
    const dialog = page.getByRole('dialog', { name: 'Choose a wallet' });
    await connect.click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await connect.click();
    await dialog.getByRole('button', { name: /Test Wallet/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('account-button').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('heading', { name: 'Connect a wallet' }).waitFor();
    assert.equal(await page.getByTestId('account-button').count(), 0, 'no account shown after disconnecting');
    await page.context().close();
  });

  test('a local build offers the seeded demo accounts in the wallet dialog', async () => {
    const grace = demoAccount(app.stack, 'Grace');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account: demoAccount(app.stack, 'Ivan').address });
    await page.getByRole('button', { name: 'Connect wallet' }).first().click();
    await page.getByText('Demo accounts (local only)').waitFor();
    await page.getByRole('button', { name: /Grace \(demo\)/ }).click();
    // The account button names the connected account: Grace, not the injected wallet's Ivan.
    const button = page.getByTestId('account-button');
    await button.filter({ hasText: shortAddress(grace.address) }).waitFor();
    assert.match((await button.textContent()) ?? '', /Grace/);
    await page.getByTestId('balance-l1-value').waitFor();
    assert.equal(await page.getByText(`${demoAccount(app.stack, 'Ivan').address.slice(-4)}`).count(), 0);
    await page.context().close();
  });
});
