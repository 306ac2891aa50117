/**
 * `npm run bench [-- --only bundle|indexing|pages]`: the load benchmarks of scripts/bench/load.ts
 * (indexing throughput and the API over a million votes: `indexing`; pages under 50 readers: `pages`),
 * then the bundle budgets.
 *
 * Bundles: builds the app and prints each route's first-load JavaScript (raw and gzip),
 * against the budgets (read-only pages ≤ 175 kB gzip, pages that transact ≤ 350 kB); exits 1 over
 * budget. The wallet stack (wagmi, react-query, the wallet dialog) is never part of a first load: it is
 * fetched when someone connects. What a connected visitor has fetched in all is measured too, in
 * Chromium on the test stack (test ports) with the Dashboard connected, and printed for reference.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { connectWallet, launchBrowser, openApp } from '../e2e/harness/browser';
import { startTestStack } from '../e2e/harness/stack';
import { benchIndexingAndApi, benchPages, type Figure, printFigures } from './bench/load';
import { ROOT } from './lib/stack';

const { values } = parseArgs({ options: { only: { type: 'string' } } });
const want = (part: string) => !values.only || values.only === part;
const figures: Figure[] = [];
if (want('indexing')) figures.push(...(await benchIndexingAndApi()));
if (!want('bundle') && !want('pages')) {
  printFigures(figures);
  process.exit(0);
}

const READ_ONLY_BUDGET = 175 * 1024;
const TRANSACTING_BUDGET = 350 * 1024;

// BENCH_NO_BUILD=1: use the build already in .next (e.g. right after `npx next build`).
if (!process.env.BENCH_NO_BUILD)
  execFileSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });

const stats = JSON.parse(readFileSync(path.join(ROOT, '.next/diagnostics/route-bundle-stats.json'), 'utf8')) as {
  route: string;
  firstLoadChunkPaths: string[];
}[];
const size = (file: string) => {
  const bytes = readFileSync(path.join(ROOT, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const sum = (files: string[]) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

// What a browser really downloads once a wallet is connected: the app in Chromium, connected.
const stack = await startTestStack();
if (want('pages')) {
  try {
    figures.push(...(await benchPages(stack.urls.web!)));
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
if (!want('bundle')) {
  await stack.stop();
  printFigures(figures);
  process.exit(0);
}
const browser = await launchBrowser();
let connected: { raw: number; gzip: number };
try {
  const page = await openApp(browser, stack.urls.web!, stack.deployment, '/', { account: stack.deployment.demoAccounts![0].address });
  await connectWallet(page);
  await page.getByTestId('balance-l1-value').waitFor();
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith('.js')),
  );
  connected = sum(scripts.map((p) => path.join('.next', p.replace(/^\/_next\//, ''))));
} finally {
  await browser.close();
  await stack.stop();
}

let over = false;
console.log(`\n${'route'.padEnd(16)}${'first load raw'.padStart(16)}${'gzip'.padStart(12)}`);
for (const { route, firstLoadChunkPaths } of stats.filter((s) => !s.route.startsWith('/_'))) {
  const first = sum(firstLoadChunkPaths);
  const flag = first.gzip > READ_ONLY_BUDGET ? '  OVER BUDGET' : '';
  over ||= flag !== '';
  console.log(`${route.padEnd(16)}${kb(first.raw).padStart(16)}${kb(first.gzip).padStart(12)}${flag}`);
}
// Informational: the budgets are on first loads; this is everything a connected visitor has fetched.
const note = connected.gzip > TRANSACTING_BUDGET ? `  (above ${kb(TRANSACTING_BUDGET)})` : '';
console.log(
  `${'/ (connected)'.padEnd(16)}${kb(connected.raw).padStart(16)}${kb(connected.gzip).padStart(12)}${note}   all JS after connecting a wallet, wallet stack included`,
);
console.log(
  `\nbudgets (first load): read-only ≤ ${kb(READ_ONLY_BUDGET)} gzip, transacting ≤ ${kb(TRANSACTING_BUDGET)} gzip; no route puts wallet code in its first load`,
);
printFigures(figures);
process.exit(over ? 1 : 0);
