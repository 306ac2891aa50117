/**
 * `npm test`: every test, against real parts.
 *   0. lint: Biome's lint and format check over the whole tree (fast, first)
 *   1. contracts: forge test (unit, fuzz, invariant, gas)
 *   2. unit: node's test runner over *.test.ts beside the code (lib/, components/, indexer/src/, contracts/script/, notifier/), and
 *      a type-check of the indexer
 *   3. end to end: builds the app, starts the test stack (anvil ×2, deploy + seed, indexer, relayer,
 *      next start) on test ports, and runs e2e/ and relayer/ tests in headless Chromium against it; the
 *      files that start a stack of their own run beside all that, from the start.
 * Ends with one line "N passed, N failed" over all of them; exits non-zero on any failure.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestStack, TEST_STATE_DIR, testStackOf } from '../e2e/harness/stack';
import { ROOT } from './lib/stack';

const { values } = parseArgs({
  options: {
    only: { type: 'string' }, // lint | contracts | unit | e2e
    // Only the unit / end-to-end test files whose path contains one of these (repeatable; default: all):
    // `npm test -- --only e2e --files sequencers --files rewards`
    files: { type: 'string', multiple: true },
  },
});
const BIN = path.join(ROOT, 'node_modules/.bin');
const totals = { passed: 0, failed: 0 };
const started = Date.now();
const say = (m: string) => console.log(`\n[test] ${m}`);

/** Runs a command, streaming its output, and returns the output and exit code. */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function count(output: string, pattern: RegExp): number {
  return [...output.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);
}

function record(name: string, code: number, passed: number, failed: number) {
  // A runner that failed without reporting a failed test (e.g. did not compile) counts as one.
  if (code !== 0 && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  say(`${name}: ${passed} passed, ${failed} failed`);
}

function testFiles(dirs: string[]): string[] {
  return dirs
    .flatMap((dir) =>
      readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.test.ts') && !e.parentPath.includes('node_modules'))
        .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name))),
    )
    .filter((file) => !values.files || values.files.some((part) => file.includes(part)));
}

async function nodeTests(name: string, files: string[], env: Record<string, string> = {}) {
  if (files.length === 0) return;
  const { code, output } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { env });
  record(name, code, count(output, /^ℹ pass (\d+)$/gm), count(output, /^ℹ fail (\d+)$/gm));
}

const want = (part: string) => !values.only || values.only === part;

if (want('lint')) {
  say('lint and format: biome check (biome.json)');
  const { code } = await run(path.join(BIN, 'biome'), ['check', '.']);
  record('lint', code, code === 0 ? 1 : 0, 0);
}

if (want('contracts')) {
  say('contracts: forge test');
  const { code, output } = await run(path.join(BIN, 'forge'), ['test'], { cwd: path.join(ROOT, 'contracts') });
  record('contracts', code, count(output, /(\d+) tests passed/g), count(output, /tests passed, (\d+) failed/g));
}

if (want('unit')) {
  say('unit tests');
  await nodeTests('unit', testFiles(['lib', 'components', 'indexer/src', 'contracts/script', 'notifier']));
  // `next build` type-checks the root project (app, relayer, scripts, e2e); the indexer has its own.
  say('typecheck: indexer');
  const { code } = await run(path.join(BIN, 'tsc'), ['--noEmit', '-p', 'indexer']);
  record('typecheck', code, code === 0 ? 1 : 0, 0);
}

if (want('e2e')) {
  const files = testFiles(['e2e', 'relayer'].filter(exists));
  // A file that starts chains of its own (`startStack`) needs neither the build nor the shared stack:
  // it runs from the start, beside them (its chains keep its clock apart from the shared one's).
  const ownStack = new Set(files.filter((file) => /\bstartStack\(/.test(readFileSync(path.join(ROOT, file), 'utf8'))));
  const beside = nodeTests('end to end, on their own stacks', [...ownStack]);
  say('end to end: next build');
  const build = await run(path.join(BIN, 'next'), ['build'], { env: { NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.code !== 0) {
    record('next build', build.code, 0, 1);
  } else {
    say('end to end: starting the test stack');
    const stack = await startTestStack((m) => say(`stack: ${m}`)).catch((err) => {
      console.error(err);
      record('test stack', 1, 0, 1);
      return undefined;
    });
    if (stack) {
      const file = path.join(TEST_STATE_DIR, 'stack.json');
      writeFileSync(file, JSON.stringify(testStackOf(stack)));
      try {
        await nodeTests(
          'end to end',
          files.filter((f) => !ownStack.has(f)),
          { E2E_STACK: file },
        );
      } finally {
        await stack.stop();
      }
    }
  }
  await beside;
}

function exists(dir: string): boolean {
  try {
    readdirSync(path.join(ROOT, dir));
    return true;
  } catch {
    return false;
  }
}

console.log(`\n[test] all done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
