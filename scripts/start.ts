/**
 * `npm start`: the whole local stack in one command. Ctrl-C stops every process it started.
 * `npm start -- --prod` serves a production build of the app (built first) instead of next dev.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { portsFromEnv, ROOT, startStack } from './lib/stack';

const { values } = parseArgs({ options: { prod: { type: 'boolean', default: false } } });
const started = Date.now();
const say = (msg: string) => console.log(`[metis-hub] ${msg}`);

if (values.prod) {
  say('building the web app (next build)');
  execFileSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
}

const stack = await startStack({
  ports: portsFromEnv(),
  web: values.prod ? 'prod' : 'dev',
  blockTime: Number(process.env.BLOCK_TIME ?? 1),
  traffic: true,
  stateDir: path.join(ROOT, '.stack'),
  deploymentFile: path.join(ROOT, 'deployments/local.json'),
  onStep: say,
}).catch((err) => {
  console.error(`\n[metis-hub] could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});

const { urls, deployment } = stack;
console.log(`
Metis Hub is running (started in ${((Date.now() - started) / 1000).toFixed(0)} s)

  App             ${urls.web}
  Chain-data API  ${urls.api}   (/health, /ready, /status, /accounts/:address/transfers)
  L1 RPC          ${urls.l1}   chain id ${deployment.l1.chainId}
  L2 RPC          ${urls.l2}   chain id ${deployment.l2.chainId}
  Relayer         bus messages both ways and epoch rotation (log: .stack/logs/relayer.log)
  Notifier        ${urls.notifier}   (/accounts/:address/notices, feed.atom, calendar.ics; log: .stack/logs/notifier.log)
  Demo traffic    L2 fees into the FeeVault every ${Number(process.env.TRAFFIC_INTERVAL_MS ?? 5_000) / 1000} s (log: .stack/logs/traffic.log)
  Deployment      ${path.relative(ROOT, stack.deploymentFile)}
  Logs            ${path.relative(ROOT, path.join(ROOT, '.stack/logs'))}/

Demo accounts (pick one under "Demo accounts" in the app's wallet dialog):
${(deployment.demoAccounts ?? []).map((a) => `  ${a.name.padEnd(7)} ${a.address}`).join('\n')}

Press Ctrl-C to stop.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
for (const proc of stack.procs) {
  proc.exited.then((code) => {
    if (stopping) return;
    console.error(`[metis-hub] ${proc.name} exited (code ${code}); see ${path.relative(ROOT, proc.logFile)}`);
    void shutdown();
  });
}
