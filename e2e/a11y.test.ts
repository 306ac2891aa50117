import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { type Address, parseEther } from 'viem';
import { NAV } from '../components/layout/nav-links';
import { apiGet } from './harness/api';
import { openApp } from './harness/browser';
import { openProposal } from './harness/commons';
import { voter } from './harness/l2';
import { advanceTime, chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** Each width is checked in light and in dark. */
const WIDTHS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
] as const;

/** Every route of the app: the sections, one of each detail page (from the seed), the forms, the 404 page. */
async function routes(): Promise<string[]> {
  const [proposals, groups, nodes] = await Promise.all([
    apiGet(app.stack, '/proposals', { limit: 1 }),
    apiGet(app.stack, '/commons/groups'),
    apiGet(app.stack, '/eco-nodes'),
  ]);
  assert.ok(proposals.items[0] && groups.items[0] && nodes.items[0], 'the seed has a proposal, a group and an Eco Node');
  return [
    ...NAV.map((n) => n.href),
    '/sequencers/1',
    '/sequencers/register',
    `/proposals/${proposals.items[0].id}`,
    '/proposals/new',
    `/commons/groups/${groups.items[0].address}`,
    `/eco-nodes/${nodes.items[0].address}`,
    // No route matches: app/not-found.tsx answers, with status 404.
    '/no-such-page',
  ];
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it is now: one line per violation and node. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? v.help}`));
}

/**
 * The violations that are still there a second later: pages re-render as they poll (AutoRefresh),
 * and a check that lands in the middle of a refresh sees it half done (once, a title not yet put back).
 */
async function lastingViolations(page: Page): Promise<string[]> {
  const first = await violations(page);
  if (first.length === 0) return first;
  await page.waitForTimeout(1_000);
  const again = new Set(await violations(page));
  return first.filter((v) => again.has(v));
}

describe('Accessibility', () => {
  test('axe finds no WCAG 2.1 A/AA violation on any route, light and dark, desktop and phone', async () => {
    const paths = await routes();
    const account = demoAccount(app.stack, 'Judy').address;
    const found: string[] = [];
    // Each width in its own browser context, side by side. A route is loaded once and checked in the
    // theme it opens in, then switched with the header's theme button, as a reader would, and checked
    // again; the choice is saved, so the next route opens in the other theme.
    const check = async ({ name, viewport }: (typeof WIDTHS)[number]) => {
      const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', { account, viewport });
      /** Checks `path` in the theme the page shows now, and returns that theme. */
      const checkTheme = async (path: string) => {
        const theme = await page.evaluate(() => (document.documentElement.classList.contains('dark') ? 'dark' : 'light'));
        for (const v of await lastingViolations(page)) found.push(`[${theme}, ${name}] ${path} ${v}`);
        return theme;
      };
      for (const path of paths) {
        await page.goto(new URL(path, app.stack.urls.web).toString());
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        const theme = await checkTheme(path);
        await page.getByRole('button', { name: /^Switch to (dark|light) theme$/ }).click();
        await page.waitForFunction((was) => document.documentElement.classList.contains('dark') !== (was === 'dark'), theme);
        // Colours fade (transition-colors): check them once they have settled.
        await page.evaluate(async () => {
          await Promise.all(document.getAnimations().map((a) => a.finished));
        });
        await checkTheme(path);
      }
      await page.context().close();
    };
    await Promise.all(WIDTHS.map(check));
    assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
  });

  test('the wallet dialog and the account dialog have no violation, light and dark, desktop and phone', async () => {
    const found: string[] = [];
    for (const { name, viewport } of WIDTHS) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, '/', {
          account: demoAccount(app.stack, 'Judy').address,
          viewport,
          colorScheme,
        });
        await page.getByRole('button', { name: 'Connect wallet' }).first().click();
        const dialog = page.getByRole('dialog', { name: 'Choose a wallet' });
        await dialog.getByRole('button', { name: /Test Wallet/ }).waitFor();
        for (const v of await lastingViolations(page)) found.push(`[${colorScheme}, ${name}] wallet dialog ${v}`);
        await dialog.getByRole('button', { name: /Test Wallet/ }).click();
        await page.getByTestId('account-button').click();
        await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).waitFor();
        for (const v of await lastingViolations(page)) found.push(`[${colorScheme}, ${name}] account dialog ${v}`);
        await page.context().close();
      }
    }
    assert.deepEqual(found, [], `${found.length} violations:\n${found.join('\n')}`);
  });

  test('a keyboard-only user connects a wallet and votes on a proposal', async () => {
    const proposer = await voter(app.stack, 27, parseEther('40000'));
    await advanceTime(app.stack, 2); // votes count from the second after the lock
    const { id, governor } = await openProposal(app.stack, proposer);
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/proposals/${id}`, {
      account: proposer,
      chainId: app.stack.deployment.l2.chainId,
    });
    await page.getByRole('heading', { name: /^End-to-end proposal/ }).waitFor();
    await tabTo(page, 'button', /^Connect wallet$/);
    await page.keyboard.press('Enter');
    await tabTo(page, 'button', /Test Wallet/);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Cast vote' }).waitFor();
    // The choices are a radio group: Tab reaches it, the arrow keys choose, Tab leaves it.
    await tabTo(page, 'input[type="radio"][name="support"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type="submit"]', /^Cast vote$/);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    const hasVoted = await chainClient(app.stack, 'l2').readContract({ ...governor, functionName: 'hasVoted', args: [id, proposer as Address] });
    assert.equal(hasVoted, true, 'the vote is on chain');
    await page.context().close();
  });
});

/**
 * Presses Tab until the focused element matches `selector` (and `text`, if given), at most 80 times,
 * so that every step of the flow is a key press.
 */
async function tabTo(page: Page, selector: string, text?: RegExp): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((sel) => {
      const el = document.activeElement;
      return el?.matches(sel) ? (el.textContent ?? '').trim() : null;
    }, selector);
    if (focused !== null && (!text || text.test(focused))) return;
  }
  const last = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`Tab never reached ${selector} ${text ?? ''} (last focused: ${last})`);
}
