import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, http, type PublicClient } from 'viem';
import { toViemChain } from '../../lib/deployment/chains';
import type { ChainKey, Deployment } from '../../lib/deployment/types';
import { ROOT, type Stack, startStack } from '../../scripts/lib/stack';

/**
 * Ports of the test stack: beside, not on top of, a running `npm start`. E2E_PORT_OFFSET moves
 * them all, and the state directory with them, so that two stacks can run side by side (also from
 * one checkout).
 */
export const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const TEST_PORTS = {
  l1: 18545 + PORT_OFFSET,
  l2: 19545 + PORT_OFFSET,
  api: 19069 + PORT_OFFSET,
  web: 3100 + PORT_OFFSET,
  relayer: 19547 + PORT_OFFSET,
  notifier: 19548 + PORT_OFFSET,
};
export const TEST_STATE_DIR = path.join(ROOT, PORT_OFFSET ? `.stack-test-${PORT_OFFSET}` : '.stack-test');

/** What the tests need of a running stack; handed from scripts/test.ts through E2E_STACK. */
export interface TestStack {
  deployment: Deployment;
  /** `notifier`: absent for a stack without one. */
  urls: { l1: string; l2: string; api: string; web: string; notifier?: string };
  /** The PostgreSQL the indexer writes (absent when the stack runs on PGlite: E2E_DATABASE=pglite). */
  databaseUrl?: string;
}

export function testStackOf(stack: Stack): TestStack {
  return { deployment: stack.deployment, urls: stack.urls as TestStack['urls'], databaseUrl: stack.databaseUrl };
}

/**
 * The test stack's indexer runs on a PostgreSQL started for it (as production runs), unless
 * E2E_DATABASE=pglite (the embedded default of `npm start`).
 */
export async function startTestStack(onStep?: (m: string) => void): Promise<Stack> {
  return startStack({
    ports: TEST_PORTS,
    web: 'prod',
    database: process.env.E2E_DATABASE === 'pglite' ? 'pglite' : 'postgres',
    blockTime: 1,
    stateDir: TEST_STATE_DIR,
    deploymentFile: path.join(TEST_STATE_DIR, 'deployment.json'),
    onStep,
  });
}

let started: Stack | undefined;

/**
 * The stack for a test file: the one scripts/test.ts started (E2E_STACK), or one started here
 * when a file runs alone (`node --import tsx --test e2e/x.test.ts` after `next build`).
 */
export async function useStack(): Promise<TestStack> {
  const shared = process.env.E2E_STACK;
  if (shared) return JSON.parse(readFileSync(shared, 'utf8')) as TestStack;
  started ??= await startTestStack();
  return testStackOf(started);
}

/** Stops a stack this file started itself (no-op for the shared one). */
export async function releaseStack(): Promise<void> {
  await started?.stop();
  started = undefined;
}

export function chainClient(stack: TestStack, chain: ChainKey): PublicClient {
  const c = stack.deployment[chain];
  return createPublicClient({ chain: toViemChain(c), transport: http(c.rpcUrl), pollingInterval: 50 });
}

/** Moves both chains' clocks forward by `seconds` and mines a block on each. */
export async function advanceTime(stack: TestStack, seconds: number): Promise<void> {
  for (const chain of ['l1', 'l2'] as const) {
    const url = stack.deployment[chain].rpcUrl;
    for (const [method, params] of [
      ['evm_increaseTime', [seconds]],
      ['evm_mine', []],
    ] as const) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const body = (await res.json()) as { error?: { message: string } };
      if (body.error) throw new Error(`${method} on ${chain}: ${body.error.message}`);
    }
  }
}

/** Moves L2 (and L1) time to just after `timestamp` on L2. */
export async function advancePast(stack: TestStack, timestamp: bigint): Promise<void> {
  const block = await chainClient(stack, 'l2').getBlock();
  const seconds = Number(timestamp - block.timestamp) + 1;
  if (seconds > 0) await advanceTime(stack, seconds);
}

/** The demo account with this name. */
export function demoAccount(stack: TestStack, name: string) {
  const account = stack.deployment.demoAccounts?.find((a) => a.name === name);
  if (!account) throw new Error(`no demo account "${name}"`);
  return account;
}
