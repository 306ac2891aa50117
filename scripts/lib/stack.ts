import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deploy } from '../../contracts/script/deploy';
import type { Deployment } from '../../lib/deployment/types';
import { type Postgres, startPostgres } from './postgres';
import { assertPortFree, httpOk, type Proc, spawnProc, stopProc, waitFor } from './procs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');
const NO_TELEMETRY = { PONDER_TELEMETRY_DISABLED: 'true', NEXT_TELEMETRY_DISABLED: '1' };

export interface StackPorts {
  l1: number;
  l2: number;
  api: number;
  web: number;
  /** The relayer's health endpoint. */
  relayer: number;
  /** The notifier's HTTP server (notifier/main.ts); without it the stack runs no notifier. */
  notifier?: number;
}

/** Ports from L1_PORT, L2_PORT, API_PORT, WEB_PORT, RELAYER_PORT, NOTIFIER_PORT, or the defaults. */
export function portsFromEnv(defaults: StackPorts = { l1: 8545, l2: 9545, api: 42069, web: 3000, relayer: 9547, notifier: 9548 }): StackPorts {
  const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
  return {
    l1: port('L1_PORT', defaults.l1),
    l2: port('L2_PORT', defaults.l2),
    api: port('API_PORT', defaults.api),
    web: port('WEB_PORT', defaults.web),
    relayer: port('RELAYER_PORT', defaults.relayer),
    notifier: defaults.notifier === undefined ? undefined : port('NOTIFIER_PORT', defaults.notifier),
  };
}

export interface StackOptions {
  ports: StackPorts;
  /** `dev`: next dev (hot reload); `prod`: scripts/web-server.ts on an existing build; `none`: no web app. */
  web: 'dev' | 'prod' | 'none';
  /** Whether to start the indexer (default true). */
  indexer?: boolean;
  /**
   * The indexer's database: `pglite` (default; embedded, in the state directory, or the PostgreSQL
   * of DATABASE_URL when that is set) or `postgres`: a PostgreSQL server started for this stack
   * (scripts/lib/postgres.ts), stopped and deleted with it.
   */
  database?: 'pglite' | 'postgres';
  /** Extra environment of the relayer, e.g. `RELAYER_CONFIRMATIONS_L1` (relayer/main.ts). */
  relayerEnv?: Record<string, string>;
  /** Whether to start the demo traffic generator (relayer/traffic.ts) paying L2 fees (default false). */
  traffic?: boolean;
  /** Seconds between blocks on both chains. */
  blockTime: number;
  /** Where the stack keeps its state: logs and the indexer database. */
  stateDir: string;
  /** Where the deployment file is written. */
  deploymentFile: string;
  onStep?: (message: string) => void;
}

export interface Stack {
  deployment: Deployment;
  deploymentFile: string;
  urls: { l1: string; l2: string; api: string; web?: string; notifier?: string };
  /** The PostgreSQL the indexer writes, when the stack started one (`database: 'postgres'`). */
  databaseUrl?: string;
  procs: Proc[];
  stop(): Promise<void>;
}

/**
 * Starts the local stack: two anvil chains, deploy + demo seed, the indexer, and the web app,
 * each waited for until ready. Used by `npm start` and by the end-to-end tests alike.
 */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const { ports } = opts;
  const step = opts.onStep ?? (() => {});
  const logDir = path.join(opts.stateDir, 'logs');
  const { deploymentFile } = opts;
  const procs: Proc[] = [];
  // PostgreSQL starts beside the chains and the deploy (it takes a few seconds); the indexer waits for it.
  const postgres: Promise<Postgres> | undefined = opts.database === 'postgres' && opts.indexer !== false ? startPostgres({ logDir }) : undefined;
  postgres?.catch(() => {}); // awaited before the indexer starts; not an unhandled rejection meanwhile
  const stop = async () => {
    await Promise.all(
      procs
        .splice(0)
        .reverse()
        .map((p) => stopProc(p)),
    );
    await (await postgres?.catch(() => undefined))?.stop();
  };

  try {
    await assertPortFree(ports.l1, 'L1_PORT');
    await assertPortFree(ports.l2, 'L2_PORT');
    if (opts.indexer !== false) await assertPortFree(ports.api, 'API_PORT');
    await assertPortFree(ports.relayer, 'RELAYER_PORT');
    if (opts.web !== 'none') await assertPortFree(ports.web, 'WEB_PORT');
    const notifierPort = opts.indexer !== false ? ports.notifier : undefined; // it reads the indexer's API
    if (notifierPort !== undefined) await assertPortFree(notifierPort, 'NOTIFIER_PORT');

    const urls = {
      l1: `http://127.0.0.1:${ports.l1}`,
      l2: `http://127.0.0.1:${ports.l2}`,
      api: `http://127.0.0.1:${ports.api}`,
      web: opts.web === 'none' ? undefined : `http://localhost:${ports.web}`,
      notifier: notifierPort === undefined ? undefined : `http://127.0.0.1:${notifierPort}`,
    };

    step('starting the L1 and L2 chains');
    for (const [name, port, chainId] of [
      ['anvil-l1', ports.l1, 31337],
      ['anvil-l2', ports.l2, 31338],
    ] as const) {
      procs.push(
        spawnProc(
          name,
          path.join(BIN, 'anvil'),
          [
            '--port',
            String(port),
            '--chain-id',
            String(chainId),
            '--accounts',
            '51',
            '--host',
            '127.0.0.1', // 0 deployer, 1..10 demo, 11..13 committee, 14..30 seeded (30: the expired lock), 31..46 and 48 left to tests, 47 the local heartbeats, 49 demo traffic, 50 the relay's sponsor
          ],
          { cwd: ROOT, logDir },
        ),
      );
    }
    await Promise.all(procs.map((proc, i) => waitFor(`${proc.name} RPC`, () => rpcUp(i === 0 ? urls.l1 : urls.l2), { proc, timeoutMs: 30_000 })));

    // Deploy and seed on automine, each block one second after the last: time in the seeded history
    // passes as with a block a second, without waiting for the blocks (about ten times faster). Then
    // the chains keep their block time, their clocks going on from the seed's last block.
    const chains = [urls.l1, urls.l2];
    await Promise.all(chains.map((url) => rpcCall(url, 'anvil_setBlockTimestampInterval', [1])));
    step('deploying contracts and seeding demo data');
    const deployment = await deploy({
      network: 'local',
      l1RpcUrl: urls.l1,
      l2RpcUrl: urls.l2,
      apiUrl: urls.api,
      notifierUrl: urls.notifier,
      relayUrl: `http://127.0.0.1:${ports.relayer}`,
      out: deploymentFile,
      seed: true,
    });
    await Promise.all(
      chains.map(async (url) => {
        await rpcCall(url, 'anvil_removeBlockTimestampInterval', []);
        const { timestamp } = (await rpcCall(url, 'eth_getBlockByNumber', ['latest', false])) as { timestamp: string };
        await rpcCall(url, 'evm_setNextBlockTimestamp', [Number(timestamp) + 1]);
        if (opts.blockTime > 0) await rpcCall(url, 'evm_setIntervalMining', [opts.blockTime]); // 0: automine stays
      }),
    );

    const env = { METIS_HUB_DEPLOYMENT: deploymentFile, ...NO_TELEMETRY };
    step('starting the relayer');
    const relayerDir = path.join(opts.stateDir, 'relayer');
    rmSync(relayerDir, { recursive: true, force: true }); // fresh chains: no relay counts yet
    const relayer = spawnRelayer({
      cwd: ROOT,
      logDir,
      env: { ...env, RELAYER_PORT: String(ports.relayer), RELAYER_STATE_DIR: relayerDir, ...opts.relayerEnv },
    });
    procs.push(relayer);
    if (opts.traffic) {
      step('starting the demo traffic generator');
      procs.push(spawnProc('traffic', path.join(BIN, 'tsx'), ['relayer/traffic.ts'], { cwd: ROOT, logDir, env }));
    }

    let indexer: Proc | undefined;
    const databaseUrl = postgres && (await postgres).url;
    if (opts.indexer !== false) {
      step(databaseUrl ? 'starting the indexer (PostgreSQL)' : 'starting the indexer');
      const indexerDir = path.join(opts.stateDir, 'indexer');
      rmSync(indexerDir, { recursive: true, force: true }); // fresh chains: index from scratch
      indexer = spawnProc(
        'indexer',
        path.join(BIN, 'ponder'),
        ['--root', 'indexer', '--log-level', 'warn', 'start', '--schema', INDEXER_SCHEMA, '--port', String(ports.api)],
        { cwd: ROOT, logDir, env: { ...env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PONDER_PGLITE_DIR: indexerDir }) } },
      );
      procs.push(indexer);
    }

    let notifier: Proc | undefined;
    if (notifierPort !== undefined) {
      step('starting the notifier');
      // Its notices are of these chains: a fresh stack starts a fresh inbox (PGlite directory or PostgreSQL schema).
      const notifierDir = path.join(opts.stateDir, 'notifier');
      rmSync(notifierDir, { recursive: true, force: true });
      notifier = spawnNotifier({
        cwd: ROOT,
        logDir,
        env: {
          ...env,
          NOTIFIER_PORT: String(notifierPort),
          NOTIFIER_WEB_URL: urls.web ?? `http://localhost:${ports.web}`,
          ...(databaseUrl ? { NOTIFIER_DATABASE_URL: databaseUrl } : { NOTIFIER_PGLITE_DIR: notifierDir }),
        },
      });
      procs.push(notifier);
    }

    let web: Proc | undefined;
    if (opts.web !== 'none') {
      step(opts.web === 'dev' ? 'starting the web app (next dev)' : 'starting the web app (production server)');
      web = spawnWeb({ name: 'web', mode: opts.web, port: ports.web, deploymentFile, logDir });
      procs.push(web);
    }

    await waitFor('the relayer', () => httpOk(`http://127.0.0.1:${ports.relayer}/health`), { proc: relayer, timeoutMs: 60_000 });
    if (indexer) {
      await waitFor('the indexer to catch up', () => httpOk(`${urls.api}/ready`), { proc: indexer, timeoutMs: 120_000 });
    }
    if (notifier) {
      await waitFor('the notifier', () => httpOk(`${urls.notifier}/health`), { proc: notifier, timeoutMs: 60_000 });
    }
    if (web) {
      step('waiting for the web app');
      // The first request also compiles the page in dev mode.
      await waitFor('the web app', () => httpOk(`${urls.web}/`), { proc: web, timeoutMs: 180_000, intervalMs: 1_000 });
    }
    return { deployment, deploymentFile, urls, databaseUrl, procs, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The database schema the indexer writes (`ponder start --schema`) and API replicas read (`ponder serve --schema`). */
export const INDEXER_SCHEMA = 'metis_hub';

/**
 * An API replica: `ponder serve` answers the same API (indexer/src/api) from the PostgreSQL that one
 * `ponder start` writes, without indexing; run as many as the readers need. Ready when `/ready` answers 200.
 */
export function spawnApiReplica(opts: { name: string; port: number; databaseUrl: string; deploymentFile: string; logDir: string }): Proc {
  return spawnProc(
    opts.name,
    path.join(BIN, 'ponder'),
    ['--root', 'indexer', '--log-level', 'warn', 'serve', '--schema', INDEXER_SCHEMA, '--port', String(opts.port)],
    {
      cwd: ROOT,
      logDir: opts.logDir,
      env: { METIS_HUB_DEPLOYMENT: opts.deploymentFile, DATABASE_URL: opts.databaseUrl, ...NO_TELEMETRY },
    },
  );
}

/**
 * The web app reading `deploymentFile`: `next dev` (hot reload) or the production server on an existing
 * build (scripts/web-server.ts); as many as the readers need, it keeps no state. Ready when `GET /` answers 200.
 */
export function spawnWeb(opts: { name: string; mode: 'dev' | 'prod'; port: number; deploymentFile: string; logDir: string }): Proc {
  const [command, args] =
    opts.mode === 'prod'
      ? [path.join(BIN, 'tsx'), ['scripts/web-server.ts', '-p', String(opts.port)]]
      : [path.join(BIN, 'next'), ['dev', '-p', String(opts.port)]];
  return spawnProc(opts.name, command, args, {
    cwd: ROOT,
    logDir: opts.logDir,
    env: { METIS_HUB_DEPLOYMENT: opts.deploymentFile, ...NO_TELEMETRY },
  });
}

/** The relayer/keeper process (relayer/main.ts); ready when `GET /health` on RELAYER_PORT answers 200. */
export function spawnRelayer(opts: { cwd: string; logDir: string; env: Record<string, string> }): Proc {
  return spawnProc('relayer', path.join(BIN, 'tsx'), ['relayer/main.ts'], opts);
}

/**
 * The notifier (notifier/main.ts); ready when `GET /health` on NOTIFIER_PORT answers 200 (a first pass
 * succeeded). Its database comes from the environment: NOTIFIER_DATABASE_URL (and NOTIFIER_SCHEMA) or NOTIFIER_PGLITE_DIR.
 */
export function spawnNotifier(opts: { cwd: string; logDir: string; env: Record<string, string>; name?: string }): Proc {
  return spawnProc(opts.name ?? 'notifier', path.join(BIN, 'tsx'), ['notifier/main.ts'], opts);
}

/** One JSON-RPC call to a node; throws with the node's message on an error answer. */
export async function rpcCall(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function rpcUp(url: string): Promise<boolean> {
  await rpcCall(url, 'eth_chainId', []);
  return true;
}
