/**
 * The relayer/keeper process: the committee members' duties for one deployment (see relayer.ts).
 *
 *   tsx relayer/main.ts
 *
 * Environment: METIS_HUB_DEPLOYMENT / METIS_HUB_NETWORK (which deployment file), RELAYER_PORT
 * (health endpoint, default 9547: `GET /health` answers 200 once a first pass succeeded),
 * RELAYER_INTERVAL_MS (pause between passes, default 500), RELAYER_PRIVATE_KEYS (comma-separated
 * member keys; required off local, where anvil dev accounts 11..13 are used),
 * RELAYER_CONFIRMATIONS_L1 / _L2 (default 0 locally, else 12 and 30).
 *
 * The same port serves the relay endpoint (`POST /relay`, `GET /relay/:hash`: relayer/relay.ts), which sends signed
 * votes and delegations paying the gas from RELAYER_SPONSOR_KEY (locally anvil dev account `SPONSOR_ACCOUNT_INDEX`;
 * without a key off local, every relay is refused with 503), within RELAY_DAILY_QUOTA relays per account per UTC day
 * (default 10) and while the sponsor holds at least RELAY_SPONSOR_FLOOR METIS (default 1). Its counts are kept in
 * RELAYER_STATE_DIR (default `.stack/relayer`), `relay.json`. RELAYER_HOST: the interface to listen on (default 127.0.0.1).
 *
 * Locally the process also stands in for the sequencers' nodes: each L2 block gets the current epoch's
 * signer as its coinbase and a heartbeat (anvil dev account `PRODUCER_ACCOUNT_INDEX` sends it).
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { type Account, type Hex, parseEther } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC, LOCAL_COMMITTEE } from '../contracts/script/networks';
import { loadDeployment } from '../lib/deployment/load';
import { describeError } from '../lib/errors';
import { RelayService } from './relay';
import { Relayer } from './relayer';

/** Anvil dev account that sends the local heartbeats (see `RelayerOptions.produceBlocks`). */
export const PRODUCER_ACCOUNT_INDEX = 47;

/** Anvil dev account that pays the gas of relayed votes and delegations locally (see relay.ts). */
export const SPONSOR_ACCOUNT_INDEX = 50;

/** The relay's sponsor: RELAYER_SPONSOR_KEY, or locally anvil dev account `SPONSOR_ACCOUNT_INDEX`. */
function sponsorFromEnv(local: boolean): Account | undefined {
  const key = process.env.RELAYER_SPONSOR_KEY;
  if (key) return privateKeyToAccount(key.trim() as Hex);
  return local ? mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: SPONSOR_ACCOUNT_INDEX }) : undefined;
}

/** The local committee's keys (anvil dev accounts; public knowledge). */
export function localCommitteeKeys(): Account[] {
  return LOCAL_COMMITTEE.accountIndexes.map((i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }));
}

function keysFromEnv(local: boolean): Account[] {
  const raw = process.env.RELAYER_PRIVATE_KEYS;
  if (!raw) {
    if (local) return localCommitteeKeys();
    throw new Error('RELAYER_PRIVATE_KEYS (comma-separated committee member keys) is required off the local network');
  }
  return raw.split(',').map((k) => privateKeyToAccount(k.trim() as Hex));
}

async function main() {
  const deployment = loadDeployment();
  const local = deployment.network === 'local';
  const confirmations = (name: string, fallback: number) => Number(process.env[name] ?? (local ? 0 : fallback));
  const relayer = new Relayer({
    deployment,
    keys: keysFromEnv(local),
    confirmations: { l1: confirmations('RELAYER_CONFIRMATIONS_L1', 12), l2: confirmations('RELAYER_CONFIRMATIONS_L2', 30) },
    produceBlocks: local ? { account: mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: PRODUCER_ACCOUNT_INDEX }) } : undefined,
  });
  const interval = Number(process.env.RELAYER_INTERVAL_MS ?? 500);
  let ready = false;
  const port = Number(process.env.RELAYER_PORT ?? 9547);
  const relay = new RelayService({
    deployment,
    sponsor: sponsorFromEnv(local),
    stateFile: path.join(process.env.RELAYER_STATE_DIR ?? path.resolve('.stack', 'relayer'), 'relay.json'),
    dailyQuota: Number(process.env.RELAY_DAILY_QUOTA ?? 10),
    sponsorFloor: parseEther(process.env.RELAY_SPONSOR_FLOOR ?? '1'),
  });
  createServer(async (req, res) => {
    if (await relay.handle(req, res)) return;
    const ok = req.url === '/health' && ready;
    res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'not ready');
  })
    .on('error', (err) => {
      console.error(`[relayer] health endpoint on :${port}: ${err.message}`);
      process.exit(1);
    })
    .listen(port, process.env.RELAYER_HOST ?? '127.0.0.1');

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));
  console.log(`[relayer] ${deployment.network}: ${relayer.routes.map((r) => r.name).join(', ')}; health on :${port}`);
  while (!stopping) {
    try {
      await relayer.tick();
      if (!ready) console.log('[relayer] ready');
      ready = true;
    } catch (err) {
      console.log(`[relayer] ${describeError(err)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`[relayer] ${describeError(err)}`);
    process.exit(1);
  });
}
