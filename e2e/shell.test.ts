import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { NAV } from '../components/layout/nav-links';
import { launchBrowser, openApp } from './harness/browser';
import { demoAccount, releaseStack, useStack, type TestStack } from './harness/stack';

let stack: TestStack;
let browser: Browser;
before(async () => {
  stack = await useStack();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await releaseStack();
});

describe('App shell', () => {
  test('every section renders on a phone in dark mode, without sideways scrolling', async () => {
    const page = await openApp(browser, stack.urls.web, stack.deployment, '/', {
      account: demoAccount(stack, 'Frank').address,
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
    });
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('dark')), 'follows the system theme');
    for (const { href, label } of NAV) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
      await page.waitForURL(new URL(href, stack.urls.web).toString());
      await page.getByRole('heading', { level: 1, name: label }).waitFor();
      const link = page.getByRole('link', { name: label, exact: true });
      assert.equal(await link.getAttribute('aria-current'), 'page', `${label} is marked current`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${href} scrolls sideways by ${overflow}px`);
    }
    await page.context().close();
  });

  test('the theme toggle switches and is remembered', async () => {
    const page = await openApp(browser, stack.urls.web, stack.deployment, '/proposals', { account: demoAccount(stack, 'Grace').address });
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), false);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.reload();
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true);
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    await page.context().close();
  });

  test('the network indicator offers the other chain and switches the wallet', async () => {
    const page = await openApp(browser, stack.urls.web, stack.deployment, '/sequencers', { account: demoAccount(stack, 'Heidi').address });
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await page.getByRole('button', { name: /Test Wallet/ }).click();
    const indicator = page.getByTestId('network-indicator');
    await indicator.getByText(stack.deployment.l1.name).waitFor();
    await page.getByRole('button', { name: `Switch wallet to ${stack.deployment.l2.name}` }).click();
    await indicator.getByText(stack.deployment.l2.name).waitFor();
    assert.equal(await page.evaluate(() => window.testWallet.request({ method: 'eth_chainId' })), `0x${stack.deployment.l2.chainId.toString(16)}`);
    await page.context().close();
  });
});
