import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { Address } from 'viem';
import type { Deployment } from '../../lib/deployment/types';

/**
 * The Chromium the tests drive: CHROMIUM_PATH if set, else the one `@sparticuz/chromium` ships inside
 * its npm package (unpacked to the temp folder on first use), so `npm install` is all the set-up.
 */
async function chromiumPath(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist.`);
    return override;
  }
  const { default: packaged } = await import('@sparticuz/chromium');
  return packaged.executablePath();
}

/** Headless Chromium, with no traffic to outside hosts. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

let walletBundle: string | undefined;

function testWalletScript(): string {
  walletBundle ??= buildSync({
    entryPoints: [path.join(import.meta.dirname, 'inject-wallet.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
  }).outputFiles[0].text;
  return walletBundle;
}

export interface OpenOptions {
  /** The account the injected test wallet holds. */
  account: Address;
  /** Chain id the wallet starts on (L1 by default). */
  chainId?: number;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** A fresh browser context with the EIP-6963 test wallet injected, on `path` of the app. */
export async function openApp(browser: Browser, webUrl: string, deployment: Deployment, pagePath: string, opts: OpenOptions): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  const walletOptions = {
    address: opts.account,
    chainId: opts.chainId ?? deployment.l1.chainId,
    rpcUrls: { [deployment.l1.chainId]: deployment.l1.rpcUrl, [deployment.l2.chainId]: deployment.l2.rpcUrl },
  };
  await context.addInitScript(`window.__TEST_WALLET__ = ${JSON.stringify(walletOptions)};`);
  await context.addInitScript(testWalletScript());
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  await page.goto(new URL(pagePath, webUrl).toString());
  return page;
}

/** Connects the injected test wallet through the app's wallet dialog. */
export async function connectWallet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).first().click();
  await page.getByRole('button', { name: /Test Wallet/ }).click();
  await page.getByTestId('network-indicator').or(page.getByTestId('network-switch')).first().waitFor();
}

/**
 * Waits until the transaction flow shown inside `scope` is confirmed; if it fails instead, throws
 * with what the page says (the reason), rather than timing out without a clue.
 */
export async function txConfirmed(scope: Locator, timeout = 30_000): Promise<void> {
  const status = scope.locator('[data-testid="tx-status"][data-status="confirmed"], [data-testid="tx-status"][data-status="failed"]');
  await status.first().waitFor({ timeout });
  if ((await status.first().getAttribute('data-status')) === 'failed') throw new Error(`transaction failed: ${await status.first().innerText()}`);
}
