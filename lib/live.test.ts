/**
 * lib/live.ts against a real anvil node, through a proxy that counts what reaches the node: many
 * concurrent requests cost one head read and one read per call per block; when the head moves, what
 * was asked at the last one is read at the new one before requests see it.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createPublicClient, type Hex, http } from 'viem';
import { freePort, type Proc, spawnProc, stopProc, waitFor } from '../scripts/lib/procs';
import { liveTransport, sharedReads } from './live';

const ROOT = path.join(import.meta.dirname, '..');
let anvil: Proc;
let proxy: Server;
let proxyUrl: string;
let nodeUrl: string;
/** Each JSON-RPC call the node received: method and params. */
const seen: { method: string; params: unknown[] }[] = [];

before(async () => {
  const port = await freePort();
  nodeUrl = `http://127.0.0.1:${port}`;
  anvil = spawnProc('anvil-live', path.join(ROOT, 'node_modules/.bin/anvil'), ['--port', String(port), '--silent'], {
    cwd: ROOT,
    logDir: path.join(tmpdir(), 'metis-hub-live-test'),
  });
  await waitFor(
    'anvil',
    () =>
      mine(nodeUrl).then(
        () => true,
        () => false,
      ),
    { proc: anvil, timeoutMs: 30_000 },
  );
  proxy = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const calls = JSON.parse(body) as { method: string; params: unknown[] } | { method: string; params: unknown[] }[];
    for (const call of Array.isArray(calls) ? calls : [calls]) seen.push({ method: call.method, params: call.params });
    const answer = await fetch(nodeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  const proxyPort = await freePort();
  await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
});
after(async () => {
  proxy?.close();
  if (anvil) await stopProc(anvil);
});

const mine = (url: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"evm_mine","params":[]}' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const IDENTITY = '0x0000000000000000000000000000000000000004';

test('fifty concurrent requests: one head read, one eth_call pinned to that head; at a new head, what was asked is read ahead', async () => {
  const client = createPublicClient({ transport: liveTransport(proxyUrl, 200) });
  seen.length = 0;
  const answers = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const [block, call] = await Promise.all([client.getBlock(), client.call({ to: IDENTITY, data: '0x1234' })]);
      return { number: block.number, data: call.data };
    }),
  );
  assert.ok(
    answers.every((a) => a.number === answers[0].number && a.data === '0x1234'),
    "answers.every((a) => a.number === answers[0].number && a.data === '0x1234')",
  );
  const count = (method: string) => seen.filter((s) => s.method === method).length;
  assert.equal(count('eth_blockNumber'), 1);
  assert.equal(count('eth_call'), 1);
  assert.equal(count('eth_getBlockByNumber'), 1);
  const head = `0x${answers[0].number.toString(16)}`;
  assert.equal(seen.find((s) => s.method === 'eth_call')?.params[1], head, 'the read is made at the shared head, not at "latest"');

  // Within the pace: still shared.
  await client.call({ to: IDENTITY, data: '0x1234' });
  assert.equal(count('eth_call'), 1);

  // A new block and the pace passed: the last head answers while the new one is read, and what was
  // asked at the last head is read at the new one before any request sees it.
  await mine(nodeUrl);
  await sleep(250);
  assert.equal((await client.getBlock()).number, answers[0].number, 'answered at the last head meanwhile');
  await sleep(100);
  const block = await client.getBlock();
  assert.equal(block.number, answers[0].number + 1n);
  assert.equal(count('eth_blockNumber'), 2);
  assert.equal(count('eth_call'), 2, 'read again at the new head, once');
  assert.equal(seen.filter((s) => s.method === 'eth_call').at(-1)?.params[1], `0x${block.number.toString(16)}` as Hex);
  await client.call({ to: IDENTITY, data: '0x1234' });
  assert.equal(count('eth_call'), 2, 'the request finds it read');

  // What nobody asked for at a head is not read again at the next. `nextHead` mines a block, lets
  // the pace pass, sets off the background read with one request and returns the head after it.
  const nextHead = async () => {
    await mine(nodeUrl);
    await sleep(250);
    await client.getBlock();
    await sleep(100);
    return (await client.getBlock()).number;
  };
  assert.equal(await nextHead(), answers[0].number + 2n);
  assert.equal(count('eth_call'), 3, 'asked at the last head, so read at this one');
  assert.equal(await nextHead(), answers[0].number + 3n);
  assert.equal(count('eth_call'), 3, 'not asked at the last head: not read');

  // An idle process (the head older than a few paces) waits for a fresh head instead.
  await mine(nodeUrl);
  await sleep(1_000);
  assert.equal((await client.getBlock()).number, answers[0].number + 4n);
});

test('a read at a given block and any other method pass through untouched', async () => {
  const client = createPublicClient({ transport: liveTransport(proxyUrl, 10_000) });
  const direct = createPublicClient({ transport: http(nodeUrl) });
  seen.length = 0;
  await Promise.all([client.call({ to: IDENTITY, data: '0x01', blockNumber: 0n }), client.call({ to: IDENTITY, data: '0x01', blockNumber: 0n })]);
  assert.equal(seen.filter((s) => s.method === 'eth_call').length, 2);
  assert.equal(await client.getChainId(), await direct.getChainId());
});

test('sharedReads: one flight per key and age; a failure is not kept', async () => {
  const read = sharedReads(1_000);
  let runs = 0;
  const slow = () => new Promise<number>((r) => setTimeout(() => r(++runs), 20));
  const [a, b] = await Promise.all([read('k', slow), read('k', slow)]);
  assert.equal(a, 1);
  assert.equal(b, 1);
  assert.equal(await read('other', slow), 2);
  await assert.rejects(read('bad', () => Promise.reject(new Error('down'))));
  assert.equal(await read('bad', async () => 42), 42);
  const aged = sharedReads(0);
  assert.equal(await aged('k', slow), 3);
  assert.equal(await aged('k', slow), 4);
});

test('sharedReads with staleMs: past the pace, the first caller reads afresh and the others get the last read until it lands', async () => {
  const read = sharedReads(50, { staleMs: 200 });
  let runs = 0;
  const slow = () => new Promise<number>((r) => setTimeout(() => r(++runs), 30));
  assert.equal(await read('k', slow), 1);
  await new Promise((r) => setTimeout(r, 60)); // past the pace, within the stale window
  const [first, second, third] = await Promise.all([read('k', slow), read('k', slow), read('k', slow)]);
  assert.deepEqual([first, second, third], [2, 1, 1], 'one fresh read, waited for by its caller only');
  assert.equal(await read('k', slow), 2, 'the fresh read now answers');
  assert.equal(runs, 2);
  await new Promise((r) => setTimeout(r, 300)); // past the stale window: everyone waits for one read
  assert.deepEqual(await Promise.all([read('k', slow), read('k', slow)]), [3, 3]);
  // A failed fresh read leaves the last one answering, and the next caller tries again.
  await new Promise((r) => setTimeout(r, 60));
  await assert.rejects(read('k', () => Promise.reject(new Error('down'))));
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(await read('k', slow), 4);
});
