/**
 * The notifier process: turns indexed chain data into notices for the accounts concerned, and serves
 * them (inbox JSON, Atom, iCalendar). docs/ARCHITECTURE.md, "Notifier".
 *
 *   tsx notifier/main.ts
 *
 * Environment: METIS_HUB_DEPLOYMENT / METIS_HUB_NETWORK (which deployment file: the API's URL),
 * NOTIFIER_PORT (HTTP, default 9548: `GET /health` answers 200 once a first pass succeeded),
 * NOTIFIER_DATABASE_URL (else DATABASE_URL: a PostgreSQL, its tables in the schema NOTIFIER_SCHEMA,
 * default `notifier`), else NOTIFIER_PGLITE_DIR (a PGlite directory of its own, default `.notifier`),
 * NOTIFIER_WEB_URL (the web app, for absolute links in the feeds; default http://localhost:3000),
 * NOTIFIER_INTERVAL_MS (pause between passes; default lib/polling.ts `notifier`).
 */
import { loadDeployment } from '../lib/deployment/load';
import { describeError } from '../lib/errors';
import { pollMs } from '../lib/polling';
import { runPass } from './core';
import { notifierServer } from './server';
import { allSources } from './sources';
import { NoticeStore, pgliteSql, postgresSql } from './store';

async function main() {
  const deployment = loadDeployment();
  const databaseUrl = process.env.NOTIFIER_DATABASE_URL ?? process.env.DATABASE_URL;
  const sql = databaseUrl ? await postgresSql(databaseUrl) : await pgliteSql(process.env.NOTIFIER_PGLITE_DIR ?? '.notifier');
  const store = new NoticeStore(sql, process.env.NOTIFIER_SCHEMA ?? 'notifier');
  await store.migrate();
  const sources = allSources(deployment.apiUrl, store);
  const interval = Number(process.env.NOTIFIER_INTERVAL_MS ?? pollMs(deployment.network, 'notifier'));
  const port = Number(process.env.NOTIFIER_PORT ?? 9548);
  let ready = false;
  notifierServer({ store, webUrl: process.env.NOTIFIER_WEB_URL ?? 'http://localhost:3000', ready: () => ready })
    .on('error', (err) => {
      console.error(`[notifier] HTTP on :${port}: ${err.message}`);
      process.exit(1);
    })
    .listen(port, '127.0.0.1');

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));
  console.log(`[notifier] ${deployment.network}: ${sources.map((s) => s.name).join(', ')}; ${databaseUrl ? 'PostgreSQL' : 'PGlite'}; HTTP on :${port}`);
  while (!stopping) {
    try {
      const inserted = await runPass(store, sources);
      if (inserted.length > 0) console.log(`[notifier] ${inserted.length} new notice(s)`);
      if (!ready) console.log('[notifier] ready');
      ready = true;
    } catch (err) {
      console.log(`[notifier] ${describeError(err)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  await sql.close().catch(() => {});
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`[notifier] ${describeError(err)}`);
    process.exit(1);
  });
}
