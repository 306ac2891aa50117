/**
 * An open-loop load generator for the API figures of `npm run bench` (README, "Bench"):
 * `tsx scripts/bench/paced.ts URL RATE SECONDS [NAME=VALUE ...]` sends RATE GET requests a second,
 * evenly spaced (one every 1000/RATE ms, whatever the answers do), with the given headers, and
 * prints one JSON line: requests sent, answered 2xx, not 2xx, failed, and p50 / p99 / max in ms.
 *
 * Each latency is measured from the moment the request was due, not from when it left: a stalled
 * server (or a stalled generator) counts in full for every request it held up. autocannon's rate mode
 * does neither: each connection sends its quota for the second back to back as the second starts
 * (a burst of RATE requests once a second), and its correction for that assumes a 1 ms interval.
 * Run as a process of its own, so that the bench's heap does not pause it.
 */
import http from 'node:http';

const [url, rateArg, secondsArg, ...headerArgs] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
if (!url || !(rate > 0) || !(seconds > 0)) {
  console.error('usage: paced.ts URL RATE SECONDS [NAME=VALUE ...]');
  process.exit(2);
}
const headers = Object.fromEntries(headerArgs.map((h) => [h.slice(0, h.indexOf('=')), h.slice(h.indexOf('=') + 1)]));
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const total = Math.round(rate * seconds);
const interval = 1000 / rate;
const TIMEOUT_MS = 10_000;

const latencies: number[] = [];
let non2xx = 0;
let failed = 0;
const start = performance.now() + 20;

await new Promise<void>((resolve) => {
  let sent = 0;
  let settled = 0;
  const settle = () => {
    if (++settled === total) resolve();
  };
  const send = (due: number) => {
    const req = http.get(url, { agent, headers, timeout: TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - due);
        else non2xx++;
        settle();
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      failed++;
      settle();
    });
  };
  const tick = () => {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) send(start + sent++ * interval);
    if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
  };
  tick();
});
agent.destroy();

latencies.sort((a, b) => a - b);
const at = (q: number) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1)) : null);
console.log(JSON.stringify({ sent: total, ok: latencies.length, non2xx, failed, p50: at(0.5), p99: at(0.99), max: at(1) }));
