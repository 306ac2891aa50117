import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { documentCache } from './document-cache';

// A real HTTP server whose handler streams a page in two parts, counting its renders.
let renders = 0;
let base = '';
const server = createServer(
  documentCache(async (req: IncomingMessage, res: ServerResponse) => {
    renders++;
    const n = renders;
    if (req.url === '/missing') return res.writeHead(404, { 'content-type': 'text/html' }).end('not found');
    if (req.url === '/json') return res.writeHead(200, { 'content-type': 'application/json' }).end(`{"n":${n}}`);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write(`<p>render ${n}</p>`);
    await new Promise((r) => setTimeout(r, req.url === '/slow' ? 300 : 30));
    res.end(Buffer.from(`<p>${req.headers.rsc ? 'rsc' : 'document'} done</p>`));
  }, 1_500),
);
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, body: await res.text(), cache: res.headers.get('x-document-cache') };
};

test('fifty readers at once: one render, the same whole page for all; after the pace, a new render', async () => {
  renders = 0;
  const answers = await Promise.all(Array.from({ length: 50 }, () => get('/page')));
  assert.equal(renders, 1);
  for (const a of answers) assert.deepEqual([a.status, a.body], [200, '<p>render 1</p><p>document done</p>']);
  assert.equal(answers.filter((a) => a.cache === 'hit').length, 49);
  await new Promise((r) => setTimeout(r, 1_600));
  assert.equal((await get('/page')).body, '<p>render 2</p><p>document done</p>');
  assert.equal((await get('/page?x=1')).body, '<p>render 3</p><p>document done</p>', 'another URL is another page');
});

test('once the pace has passed, one reader waits for the new render; the others get the last copy meanwhile', async () => {
  renders = 0;
  assert.equal((await get('/slow')).body, '<p>render 1</p><p>document done</p>');
  await new Promise((r) => setTimeout(r, 1_600));
  const leader = get('/slow');
  await new Promise((r) => setTimeout(r, 100));
  const meanwhile = await get('/slow');
  assert.deepEqual([meanwhile.body, meanwhile.cache], ['<p>render 1</p><p>document done</p>', 'hit']);
  assert.equal((await leader).body, '<p>render 2</p><p>document done</p>');
  assert.equal((await get('/slow')).body, '<p>render 2</p><p>document done</p>');
  assert.equal(renders, 2);
});

test('client navigations, errors and non-HTML answers are never shared', async () => {
  renders = 0;
  await Promise.all([get('/page2', { rsc: '1' }), get('/page2', { rsc: '1' })]);
  assert.equal(renders, 2);
  await get('/missing');
  await get('/missing');
  assert.equal(renders, 4);
  await get('/json');
  assert.equal((await get('/json')).body, '{"n":6}');
  const post = await fetch(`${base}/page3`, { method: 'POST' });
  await post.text();
  assert.equal(renders, 7);
});
