/**
 * Load benchmarks of `npm run bench` (not timed tests; figures in the README's bench section):
 *   indexing  a synthetic history generated on anvil (METIS transfers on both chains, from contract
 *             calls), then `ponder start` from scratch on PGlite and on a fresh PostgreSQL: events/s
 *             from its start-up to /ready.
 *   api       the same database grown to BENCH_VOTES votes (default 1,000,000; bulk-inserted with
 *             generate_series into the indexer's own `vote` and `ballot` tables), served by
 *             `ponder serve`: p50/p99 of every list and aggregate at 200 requests/s, evenly spaced
 *             (scripts/bench/paced.ts), and the plan PostgreSQL uses for the vote list (EXPLAIN ANALYZE).
 *   pages     the production server (scripts/web-server.ts) on the test stack, 50 concurrent readers per
 *             main route (autocannon).
 * Sizes: BENCH_TRANSFERS (transfers per chain, default 50,000), BENCH_VOTES. BENCH_LOG_LEVEL: the indexers' (warn).
 * BENCH_HOLD=1 keeps the chains, the PostgreSQL and the API replica up after the API figures (until
 * Ctrl-C), and prints their addresses, for profiling a query against the million votes.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type Abi, type Address, encodeFunctionData, type Hex } from 'viem';
import { apiGet } from '../../lib/api';
import { l2MetisAbi, metisTokenAbi } from '../../lib/contracts/abis';
import type { ChainKey, Deployment } from '../../lib/deployment/types';
import { startPostgres } from '../lib/postgres';
import { freePort, httpOk, type Proc, spawnProc, stopProc, waitFor } from '../lib/procs';
import { INDEXER_SCHEMA, ROOT, type Stack, spawnApiReplica, startStack } from '../lib/stack';

const BIN = path.join(ROOT, 'node_modules/.bin');
const execFileAsync = promisify(execFile);
const STATE_DIR = path.join(ROOT, '.stack-bench');
const say = (m: string) => console.log(`[bench] ${m}`);

export interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

async function rpcBatch(url: string, calls: { method: string; params: unknown[] }[]): Promise<unknown[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(calls.map((c, i) => ({ jsonrpc: '2.0', id: i, ...c }))),
  });
  const body = (await res.json()) as { id: number; result?: unknown; error?: { message: string } }[];
  const failed = body.find((r) => r.error);
  if (failed) throw new Error(`${calls[0].method}: ${failed.error!.message}`);
  return body.sort((a, b) => a.id - b.id).map((r) => r.result);
}
const rpc = async (url: string, method: string, params: unknown[] = []) => (await rpcBatch(url, [{ method, params }]))[0];

/** Recipients per `TransferBatcher.spread` call: one real `Transfer` event each. */
const TRANSFERS_PER_TX = 50;

/**
 * `count` METIS transfers on `chain`, each a real `Transfer` of the deployed token to a fresh
 * address. They are made `TRANSFERS_PER_TX` at a time by a TransferBatcher (contracts/test/utils)
 * deployed and funded here: anvil serves a block of 500 one-transfer transactions in about 130 ms,
 * one at a time, which would bound the benchmark by the node rather than the indexer. Sent in JSON-RPC
 * batches with mining paused, then mined block by block (each as full as the gas limit allows).
 */
async function generateTransfers(deployment: Deployment, chain: ChainKey, count: number): Promise<void> {
  const url = deployment[chain].rpcUrl;
  const token = chain === 'l1' ? deployment.l1.contracts.MetisToken.address : deployment.l2.contracts.L2Metis.address;
  const abi = (chain === 'l1' ? metisTokenAbi : l2MetisAbi) as typeof metisTokenAbi;
  const senders = deployment.demoAccounts!.map((a) => a.address);
  const artifact = JSON.parse(readFileSync(path.join(ROOT, 'contracts/out/TransferBatcher.sol/TransferBatcher.json'), 'utf8')) as {
    abi: Abi;
    bytecode: { object: Hex };
  };
  const mineAll = async () => {
    for (;;) {
      await rpc(url, 'evm_mine');
      const status = (await rpc(url, 'txpool_status')) as { pending: Hex };
      if (BigInt(status.pending) === 0n) return;
    }
  };
  await rpc(url, 'evm_setIntervalMining', [0]);
  try {
    // The batcher, funded with far more than it sends (1 to 1,000 wei a transfer).
    const deployHash = (await rpc(url, 'eth_sendTransaction', [{ from: senders[0], data: artifact.bytecode.object, gas: '0x4c4b40' }])) as Hex;
    await mineAll();
    const { contractAddress: batcher } = (await rpc(url, 'eth_getTransactionReceipt', [deployHash])) as { contractAddress: Address };
    const fund = encodeFunctionData({ abi, functionName: 'transfer', args: [batcher, 10n ** 18n] });
    await rpc(url, 'eth_sendTransaction', [{ from: senders[0], to: token, data: fund, gas: '0x30d40' }]);
    await mineAll();
    // Nonces set here: the node would give a whole batch of one sender's calls the same pending nonce.
    const nonces = (await rpcBatch(
      url,
      senders.map((a) => ({ method: 'eth_getTransactionCount', params: [a, 'pending'] })),
    )) as Hex[];
    const next = nonces.map((n) => Number(BigInt(n)));
    const calls = Math.ceil(count / TRANSFERS_PER_TX);
    const BATCH = 100;
    for (let sent = 0; sent < calls; sent += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, calls - sent) }, (_, k) => {
        const call = sent + k;
        const first = call * TRANSFERS_PER_TX;
        const recipients = Array.from(
          { length: Math.min(TRANSFERS_PER_TX, count - first) },
          (_, j) => `0x${(0xbe000000 + first + j).toString(16).padStart(40, '0')}` as Address,
        );
        const data = encodeFunctionData({ abi: artifact.abi, functionName: 'spread', args: [token, recipients, BigInt(1 + (call % 1000))] });
        const from = call % senders.length;
        const nonce = `0x${(next[from]++).toString(16)}`;
        return { method: 'eth_sendTransaction', params: [{ from: senders[from], to: batcher, data, gas: '0x2dc6c0', nonce }] };
      });
      await rpcBatch(url, batch);
      await mineAll(); // as we go, so that the pool stays small
    }
  } finally {
    await rpc(url, 'evm_setIntervalMining', [1]);
  }
}

/** Logs of the indexed contracts (those of the deployment file) on a chain, from block 0 to the head. */
async function countLogs(deployment: Deployment, chain: ChainKey): Promise<number> {
  const url = deployment[chain].rpcUrl;
  const addresses = Object.values(deployment[chain].contracts).map((c) => c.address);
  const head = BigInt((await rpc(url, 'eth_blockNumber')) as Hex);
  let n = 0;
  for (let from = 0n; from <= head; from += 2_000n) {
    const to = from + 1_999n < head ? from + 1_999n : head;
    const logs = (await rpc(url, 'eth_getLogs', [{ address: addresses, fromBlock: `0x${from.toString(16)}`, toBlock: `0x${to.toString(16)}` }])) as unknown[];
    n += logs.length;
  }
  return n;
}

function indexer(stack: Stack, env: Record<string, string>, name: string, port: number): Proc {
  return spawnProc(
    name,
    path.join(BIN, 'ponder'),
    ['--root', 'indexer', '--log-level', process.env.BENCH_LOG_LEVEL ?? 'warn', 'start', '--schema', INDEXER_SCHEMA, '--port', String(port)],
    {
      cwd: ROOT,
      logDir: path.join(STATE_DIR, 'logs'),
      env: { METIS_HUB_DEPLOYMENT: stack.deploymentFile, PONDER_TELEMETRY_DISABLED: 'true', ...env },
    },
  );
}

/** What autocannon's `--json` prints, of what the bench reads. */
interface CannonResult {
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Runs autocannon on one URL with `connections` readers, each asking again as soon as it is answered;
 * p50/p99 in ms of the requests answered within `seconds`. In a process of its own: in this one, whose
 * heap holds the generated history, the load generator's own garbage-collection pauses were timed as
 * the server's latency.
 */
async function load(url: string, opts: { connections: number; seconds: number; headers?: Record<string, string> }) {
  const args = ['--json', '-c', String(opts.connections), '-d', String(opts.seconds)];
  for (const [name, value] of Object.entries(opts.headers ?? {})) args.push('-H', `${name}=${value}`);
  const { stdout } = await execFileAsync(path.join(BIN, 'autocannon'), [...args, url], { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as CannonResult;
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, non2xx, total: result.requests.total };
}

/** What scripts/bench/paced.ts prints. */
interface PacedResult {
  sent: number;
  ok: number;
  non2xx: number;
  failed: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

/** `rate` GET requests a second to `url`, evenly spaced, for `seconds` (scripts/bench/paced.ts, a process of its own). */
async function paced(url: string, opts: { rate: number; seconds: number; headers: Record<string, string> }): Promise<PacedResult> {
  const headers = Object.entries(opts.headers).map(([name, value]) => `${name}=${value}`);
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'scripts/bench/paced.ts'), url, String(opts.rate), String(opts.seconds), ...headers],
    { cwd: ROOT },
  );
  return JSON.parse(stdout) as PacedResult;
}

export async function benchIndexingAndApi(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const transfers = Number(process.env.BENCH_TRANSFERS ?? 50_000);
  const votes = Number(process.env.BENCH_VOTES ?? 1_000_000);
  const base = 27_000 + Number(process.env.E2E_PORT_OFFSET ?? 0);
  rmSync(STATE_DIR, { recursive: true, force: true });
  say('starting anvil ×2, deploy + seed (no indexer)');
  const stack = await startStack({
    ports: { l1: base + 545, l2: base + 546, api: base + 69, web: base, relayer: base + 547 },
    web: 'none',
    indexer: false,
    blockTime: 1,
    stateDir: STATE_DIR,
    deploymentFile: path.join(STATE_DIR, 'deployment.json'),
    onStep: (m) => say(m),
  });
  const procs: Proc[] = [];
  const postgres = await startPostgres({ logDir: path.join(STATE_DIR, 'logs') });
  try {
    // The relayer would keep sending during the measurement: it is not part of it.
    const relayer = stack.procs.find((p) => p.name === 'relayer');
    if (relayer) await stopProc(relayer);
    say(`generating ${transfers.toLocaleString()} METIS transfers on each chain`);
    const t0 = Date.now();
    await Promise.all((['l1', 'l2'] as const).map((chain) => generateTransfers(stack.deployment, chain, transfers)));
    const events = (await countLogs(stack.deployment, 'l1')) + (await countLogs(stack.deployment, 'l2'));
    say(`history: ${events.toLocaleString()} events of the indexed contracts, generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    // (a) Indexing from scratch, on PGlite (the default) and on PostgreSQL: `ponder start` to /ready.
    // Ponder's start-up (build, schema, until /health answers) is timed apart: the rate is that of
    // syncing and indexing.
    for (const [kind, env] of [
      ['PGlite', { PONDER_PGLITE_DIR: path.join(STATE_DIR, 'pglite') }],
      ['PostgreSQL', { DATABASE_URL: postgres.url }],
    ] as const) {
      const port = await freePort();
      const started = Date.now();
      const proc = indexer(stack, env, `indexer-bench-${kind.toLowerCase()}`, port);
      procs.push(proc);
      await waitFor('the indexer to start', () => httpOk(`http://127.0.0.1:${port}/health`), { proc, timeoutMs: 300_000, intervalMs: 100 });
      const up = Date.now();
      await waitFor('the indexer to index the history', () => httpOk(`http://127.0.0.1:${port}/ready`), { proc, timeoutMs: 1_800_000, intervalMs: 100 });
      const startup = (up - started) / 1000;
      const seconds = (Date.now() - up) / 1000;
      const rate = events / seconds;
      const overall = events / (startup + seconds);
      say(
        `indexing (${kind}): ${events} events in ${seconds.toFixed(1)} s after a ${startup.toFixed(1)} s start-up = ${rate.toFixed(0)} events/s (${overall.toFixed(0)} with it)`,
      );
      figures.push({
        name: `indexing, ${kind} (${events.toLocaleString()} events)`,
        value: `${rate.toFixed(0)} events/s (${overall.toFixed(0)} with the ${startup.toFixed(0)} s start-up)`,
        target: '≥ 5,000 events/s',
        met: rate >= 5_000,
      });
      await stopProc(proc);
    }

    // (b) The API over a million votes. The indexer is stopped (so nothing else writes), the rows are
    // inserted with Ponder's triggers off (its reorg bookkeeping is for indexed writes).
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    await db.query(`set search_path to "${INDEXER_SCHEMA}"`);
    const { rows: proposals } = await db.query<{ id: string }>('select id::text from proposal order by created_at desc');
    say(`inserting ${votes.toLocaleString()} votes (and their ballots) over ${proposals.length} proposals`);
    const ids = `array[${proposals.map((p) => p.id).join(',')}]::numeric[]`;
    const t1 = Date.now();
    await db.query('set session_replication_role = replica');
    await db.query(`insert into vote (id, proposal_id, voter, "group", support, weight, reason, block_number, timestamp, tx_hash)
      select 'bench-' || i, (${ids})[1 + i % ${proposals.length}], '0x' || lpad(to_hex(i), 40, '0'), null, i % 3,
             (i::numeric * 7919 % 1000003) * 1000000000000000, '', 1, 1700000000 + i, '0x' || lpad(to_hex(i), 64, '0')
      from generate_series(1, ${votes}) as i`);
    await db.query(`insert into ballot (id, proposal_id, voter, is_group, for_votes, against_votes, abstain_votes, weight, timestamp)
      select proposal_id || '-' || voter, proposal_id, voter, false, case when support = 1 then weight else 0 end,
             case when support = 0 then weight else 0 end, case when support = 2 then weight else 0 end, weight, timestamp
      from vote where id like 'bench-%'`);
    // Each voter holds the votes it cast, self-delegated, as the delegates directory and the non-voters list
    // read them (indexer/src/api/delegates-sql.ts): a delegate row, a lock and its delegation, its open span.
    await db.query(`insert into ve_lock (account, amount, "end", units, updated_at)
      select voter, weight, 4000000000, weight, timestamp from vote where id like 'bench-%'`);
    await db.query(`insert into delegation (account, delegatee, updated_at, open_span)
      select voter, voter, 1, id from vote where id like 'bench-%'`);
    await db.query(`insert into delegation_span (id, account, delegatee, units, "end", "from", "to")
      select id, voter, voter, weight, 4000000000, 1, null from vote where id like 'bench-%'`);
    await db.query(`insert into delegate (address, power, delegators, votes_cast, last_vote_proposal, last_vote_at, updated_at)
      select voter, weight, 0, 1, proposal_id, timestamp, timestamp from vote where id like 'bench-%'`);
    await db.query('set session_replication_role = origin');
    // As a database in service would be: vacuumed (hint bits and visibility map set, so that the first
    // readers of the new rows do not write them), analysed, and checkpointed (no flush pending).
    await db.query('vacuum analyze vote, ballot, ve_lock, delegation, delegation_span, delegate');
    await db.query('checkpoint');
    say(`inserted and vacuumed in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
    const [{ n }] = (await db.query<{ n: string }>('select count(*)::text as n from vote')).rows;
    const proposal = proposals[0].id;
    const voter = `0x${(1).toString(16).padStart(40, '0')}`;
    const plan = await db.query<{ 'QUERY PLAN': string }>(
      `explain analyze select * from ballot where proposal_id = $1 order by weight desc, id desc limit 21`,
      [proposal],
    );
    say(`EXPLAIN ANALYZE (GET /proposals/${proposal}/votes, ${Number(n).toLocaleString()} votes):`);
    for (const row of plan.rows) console.log(`    ${row['QUERY PLAN']}`);
    const plan2 = await db.query<{ 'QUERY PLAN': string }>(`explain analyze select * from vote where voter = $1 order by timestamp desc, id desc limit 21`, [
      voter,
    ]);
    say('EXPLAIN ANALYZE (GET /accounts/:address/votes):');
    for (const row of plan2.rows) console.log(`    ${row['QUERY PLAN']}`);
    const [{ address: group }] = (await db.query<{ address: string }>('select address from commons_group order by pooled_votes desc limit 1')).rows;
    const [{ account: sender }] = (await db.query<{ account: string }>('select account from account_transfer group by account order by count(*) desc limit 1'))
      .rows;
    await db.end();

    const apiPort = await freePort();
    const replica = spawnApiReplica({
      name: 'api-bench',
      port: apiPort,
      databaseUrl: postgres.url,
      deploymentFile: stack.deploymentFile,
      logDir: path.join(STATE_DIR, 'logs'),
    });
    procs.push(replica);
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor('the API replica', () => httpOk(`${api}/proposals?limit=1`), { proc: replica, timeoutMs: 180_000 });
    // Every list the app reads, and the aggregates its pages show.
    const routes = [
      `/proposals/${proposal}/votes?limit=20`,
      `/proposals/${proposal}`,
      '/proposals?limit=20',
      '/proposals?state=active&limit=20',
      '/proposals?state=defeated&limit=20',
      '/proposals?q=treasury&limit=20',
      `/accounts/${voter}/votes?limit=20`,
      '/commons/groups?limit=20',
      '/delegates?limit=20',
      '/delegates?minParticipation=1&limit=20',
      `/delegates/${voter}/power?limit=20`,
      `/proposals/${proposal}/non-voters?limit=20`,
      `/commons/groups/${group}/members?limit=20`,
      `/commons/groups/${group}/votes?limit=20`,
      `/accounts/${sender}/transfers?limit=20`,
      '/epochs?limit=20',
      '/rewards/epochs?limit=20',
      '/rewards/network?limit=60',
      '/sequencers',
      '/eco-nodes',
      '/ratifications?limit=20',
      // The names a page asks for in one request (components/ui/account.tsx).
      `/names?addresses=${voter},${group},${sender}`,
    ];
    // A page deep in the list: the cursor of page 1 of 50,000 votes, followed for a few pages.
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: { nextCursor: string | null } = await apiGet(api, '/proposals/:id/votes', { id: String(proposal), limit: 100, cursor: cursor ?? undefined });
      cursor = res.nextCursor;
    }
    if (cursor) routes.push(`/proposals/${proposal}/votes?limit=20&cursor=${cursor}`);
    const seconds2 = Number(process.env.BENCH_SECONDS ?? 10);
    // The chains stop producing blocks while the API is measured (they still answer its live reads):
    // on this machine the two local nodes, grown by the history, take both cores for a moment at every
    // block, which a deployed API does not share its machine with.
    const mining = (seconds: number) =>
      Promise.all((['l1', 'l2'] as const).map((chain) => rpc(stack.deployment[chain].rpcUrl, 'evm_setIntervalMining', [seconds])));
    await mining(0);
    try {
      // Each route twice: as readers get it (one answer per URL shared for the `shared` pace,
      // indexer/src/api/shared.ts), and with `cache-control: no-cache`, every request answered afresh
      // (what 200 different URLs a second would cost). 200 requests a second, evenly spaced (paced.ts).
      for (const route of routes) {
        const name = route
          .replace(proposal, ':id')
          .replace(voter, ':voter')
          .replace(group, ':group')
          .replace(sender, ':sender')
          .replace(/cursor=[^&]+/, 'cursor=(page 6)');
        for (const fresh of [false, true]) {
          const headers: Record<string, string> = fresh ? { 'cache-control': 'no-cache' } : {};
          await paced(`${api}${route}`, { rate: 200, seconds: 2, headers }); // warm-up
          const r = await paced(`${api}${route}`, { rate: 200, seconds: seconds2, headers });
          const errors = r.non2xx + r.failed;
          say(`API ${route.slice(0, 60)}${fresh ? ' (afresh)' : ''}: p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms (${r.ok} of ${r.sent} answered 2xx)`);
          figures.push({
            name: `API ${name} @200 req/s${fresh ? ', each answered afresh' : ''}`,
            value: `p50 ${r.p50} ms, p99 ${r.p99} ms${errors ? `, ${errors} errors` : ''}`,
            target: 'p99 ≤ 50 ms',
            met: r.ok > 0 && r.p99 !== null && r.p99 <= 50 && errors === 0,
          });
        }
      }
    } finally {
      await mining(1);
    }
    if (process.env.BENCH_HOLD) {
      say(`holding: API ${api}, DATABASE_URL=${postgres.url}, METIS_HUB_DEPLOYMENT=${stack.deploymentFile} (Ctrl-C ends)`);
      await new Promise((resolve) => process.once('SIGINT', resolve));
    }
  } finally {
    await Promise.all(procs.map((p) => stopProc(p)));
    await postgres.stop();
    await stack.stop();
  }
  return figures;
}

/**
 * (c) Pages: the production build on a running test stack, 50 concurrent readers per main route,
 * asking as browsers do (compressed: the page as a reader downloads it).
 */
export async function benchPages(web: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  for (const route of ['/', '/sequencers', '/proposals', '/rewards', '/eco-nodes', '/commons']) {
    await load(`${web}${route}`, { connections: 4, seconds: 2, headers }); // warm-up
    const r = await load(`${web}${route}`, { connections: 50, seconds, headers });
    say(`page ${route}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.total} requests, ${r.non2xx} not 2xx)`);
    figures.push({
      name: `page ${route}, 50 readers`,
      value:
        r.total === 0
          ? `none answered within ${seconds} s`
          : `${r.rps.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.non2xx ? `, ${r.non2xx} errors` : ''}`,
      target: 'p99 ≤ 300 ms',
      met: r.total > 0 && r.p99 <= 300 && r.non2xx === 0,
    });
  }
  return figures;
}

export function printFigures(figures: Figure[]) {
  console.log('');
  for (const f of figures) console.log(`${f.met ? 'met ' : 'MISS'}  ${f.name.padEnd(60)} ${f.value.padEnd(48)} target ${f.target}`);
}
