/**
 * Degraded, not broken (docs/ARCHITECTURE.md, "Degraded mode"): a second web app, on the test stack's
 * chains, whose chain-data API is (a) an indexer still catching up, played by a small server that
 * answers /status with a lagging block and 503 for everything else, (b) an indexer done with history
 * but fallen behind the chains (the same /status, every other route the real API's answer), and then
 * (c) not running at all. Every main page answers without a 5xx, says how far the indexer has got or
 * that the API is unreachable, and still shows what it reads from the chain. The banner passes axe,
 * light and dark.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { freePort, httpOk, type Proc, stopProc, waitFor } from '../scripts/lib/procs';
import { spawnWeb } from '../scripts/lib/stack';
import { apiGet } from './harness/api';
import { launchBrowser, openApp } from './harness/browser';
import { chainClient, demoAccount, TEST_STATE_DIR, type TestStack, useStack } from './harness/stack';

/** The lagging indexer: the latest indexed block it reports for L1 and L2. */
const INDEXED = { l1: 1, l2: 2 };

let stack: TestStack;
let dir: string;
let fakeApi: Server | undefined;
let web: Proc | undefined;
let webUrl: string;
let browser: Browser;
let pages: string[];

/**
 * A Ponder whose /status reports old blocks: while `phase` is 'catching-up' it is still indexing
 * history (/ready and every API route 503); once 'behind', it has the history and answers every route
 * as the real API does, but has not followed the chains since.
 */
let phase: 'catching-up' | 'behind' = 'catching-up';
function startLaggingApi(port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (phase === 'behind' && req.url !== '/status') {
      const upstream = await fetch(new URL(req.url ?? '/', stack.urls.api));
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' }).end(Buffer.from(await upstream.arrayBuffer()));
    } else if (req.url === '/status') {
      const status = Object.fromEntries(
        (['l1', 'l2'] as const).map((c) => [c, { id: stack.deployment[c].chainId, block: { number: INDEXED[c], timestamp: 0 } }]),
      );
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(status));
    } else if (req.url === '/ready') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('Historical indexing is not complete.');
    } else {
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the indexer is not ready' }));
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

async function stopLaggingApi() {
  const server = fakeApi;
  fakeApi = undefined;
  if (server) await new Promise((r) => server.close(r));
}

before(async () => {
  stack = await useStack();
  const proposals = await apiGet(stack, '/proposals', { limit: 1 });
  assert.ok(proposals.items[0], 'the seed has a proposal');
  pages = [
    '/',
    '/sequencers',
    '/proposals',
    '/rewards',
    '/eco-nodes',
    '/commons',
    '/trust',
    '/proposals/1',
    `/proposals/${proposals.items[0].id}`,
    '/sequencers/1',
  ];
  dir = mkdtempSync(path.join(tmpdir(), 'metis-hub-degraded-'));
  const apiPort = await freePort();
  fakeApi = await startLaggingApi(apiPort);
  const deploymentFile = path.join(dir, 'deployment.json');
  writeFileSync(deploymentFile, JSON.stringify({ ...stack.deployment, apiUrl: `http://127.0.0.1:${apiPort}` }));
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  web = spawnWeb({ name: 'web-degraded', mode: 'prod', port, deploymentFile, logDir: path.join(TEST_STATE_DIR, 'logs') });
  await waitFor('the degraded web app', () => httpOk(`${webUrl}/trust`), { proc: web, timeoutMs: 120_000, intervalMs: 500 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (web) await stopProc(web);
  await stopLaggingApi();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The banner's "<label>: block X of Y on <chain>" lines of a page, as [X, Y] per chain (each line is in the HTML twice: rendered, and in the RSC payload). */
function progressLines(html: string, label: string): number[][] {
  const lines = new Set([...html.matchAll(new RegExp(`${label}: block \\d+ of \\d+ on [^<"\\\\]+`, 'g'))].map((m) => m[0]));
  return [...lines].map((line) => (/(\d+) of (\d+)/.exec(line) ?? []).slice(1).map(Number));
}

/** Every main page: its status and its HTML (the banner streams in after the page, in the same answer). */
async function fetchPages() {
  return Promise.all(
    pages.map(async (p) => {
      const res = await fetch(new URL(p, webUrl));
      return { path: p, status: res.status, html: await res.text() };
    }),
  );
}

/** axe's WCAG 2.1 A/AA rules on the banner of `/sequencers`, light and dark. */
async function bannerViolations(): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await openApp(browser, webUrl, stack.deployment, '/sequencers', { account: demoAccount(stack, 'Alice').address, colorScheme });
    await page.getByTestId('api-status').waitFor();
    const { violations } = await new AxeBuilder({ page })
      .include('[data-testid="api-status"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    found.push(...violations.flatMap((v) => v.nodes.map((n) => `${colorScheme}: ${v.id}: ${n.target.join(' ')}`)));
    await page.context().close();
  }
  return found;
}

describe('Degraded mode', () => {
  test('while the indexer catches up, every page says how far it has got, and reads the chain', async () => {
    const head = { l1: Number(await chainClient(stack, 'l1').getBlockNumber()), l2: Number(await chainClient(stack, 'l2').getBlockNumber()) };
    for (const { path: p, status, html } of await fetchPages()) {
      assert.ok(status < 500, `${p} answers ${status}`);
      // X from the API's /status, Y the chain's head (the web app shares a head read for a moment, lib/live.ts).
      const progress = progressLines(html, 'Catching up');
      assert.equal(progress.length, 2, `${p} shows the banner for both chains`);
      assert.deepEqual(
        progress.map(([x]) => x),
        [INDEXED.l1, INDEXED.l2],
        `${p}: the indexed blocks`,
      );
      const near = (y: number, h: number) => Math.abs(y - h) <= 3;
      assert.ok(
        near(progress[0][1], head.l1) && near(progress[1][1], head.l2),
        `${p}: the chains' heads ${JSON.stringify(progress)} ≈ ${JSON.stringify(head)}`,
      );
    }
    const byPath = Object.fromEntries((await fetchPages()).map((x) => [x.path, x]));
    // What is read from the chain is still there; what needs the API says it is unavailable.
    assert.match(byPath['/sequencers'].html, /Delegations are capped/);
    assert.match(byPath['/sequencers'].html, /unavailable until the chain-data API answers/);
    assert.match(byPath['/proposals'].html, /unavailable until the chain-data API answers/);
    assert.match(byPath['/rewards'].html, /unavailable until the chain-data API answers/);
    assert.match(byPath['/trust'].html, /Message bus/);
    assert.equal(byPath['/proposals/1'].status, 404, 'an unknown proposal is still unknown (read from the chain)');
    assert.equal(byPath[pages[8]].status, 200, 'a proposal is read from the chain');
    assert.deepEqual(await bannerViolations(), [], 'the banner passes axe in light and dark');
  });

  test('once the indexer has the history but falls behind the chains, every page says how far behind, and shows what the API has', async () => {
    phase = 'behind';
    const head = { l1: Number(await chainClient(stack, 'l1').getBlockNumber()), l2: Number(await chainClient(stack, 'l2').getBlockNumber()) };
    for (const { path: p, status, html } of await fetchPages()) {
      assert.ok(status < 500, `${p} answers ${status}`);
      assert.doesNotMatch(html, /Catching up: block/, `${p}: not catching up any more`);
      const progress = progressLines(html, 'Behind');
      assert.deepEqual(
        progress.map(([x]) => x),
        [INDEXED.l1, INDEXED.l2],
        `${p}: the banner shows how far behind, for both chains`,
      );
      assert.ok(
        progress.every(([, y], i) => Math.abs(y - [head.l1, head.l2][i]) <= 3),
        `${p}: the chains' heads ${JSON.stringify(progress)} ≈ ${JSON.stringify(head)}`,
      );
    }
    const byPath = Object.fromEntries((await fetchPages()).map((x) => [x.path, x]));
    assert.doesNotMatch(byPath['/proposals'].html, /unavailable until the chain-data API answers/, 'the lists are the API’s');
    assert.doesNotMatch(byPath['/sequencers'].html, /unavailable until the chain-data API answers/);
    assert.deepEqual(await bannerViolations(), [], 'the banner passes axe in light and dark');
  });

  test('when the API is down, every page says so and still shows what it reads from the chain', async () => {
    await stopLaggingApi();
    for (const { path: p, status, html } of await fetchPages()) {
      assert.ok(status < 500, `${p} answers ${status}`);
      assert.match(html, /The chain-data API is unreachable; figures read live from the chain are still shown\./, `${p} says the API is unreachable`);
    }
    const byPath = Object.fromEntries((await fetchPages()).map((x) => [x.path, x]));
    assert.match(byPath['/sequencers'].html, /Delegations are capped/);
    assert.match(byPath['/commons'].html, /unavailable until the chain-data API answers/);
    assert.equal(byPath['/sequencers/1'].status, 200);
    assert.equal(byPath[pages[8]].status, 200);
    assert.deepEqual(await bannerViolations(), [], 'the banner passes axe in light and dark');
  });
});
