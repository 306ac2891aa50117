/**
 * indexer/src/api/shared.ts on a bare Hono app: concurrent readers of one URL get one answer; a 4xx is
 * shared like any answer, a 5xx never is; no-cache and other methods pass through; the pace ends it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { sharedAnswers } from './shared';

function app(maxAgeMs: number) {
  const runs = new Map<string, number>();
  const app = new Hono();
  app.use(sharedAnswers(maxAgeMs));
  const count = (path: string) => {
    const n = (runs.get(path) ?? 0) + 1;
    runs.set(path, n);
    return n;
  };
  app.get('/slow', async (c) => {
    const n = count('/slow');
    await new Promise((r) => setTimeout(r, 30));
    return c.json({ n });
  });
  app.get('/bad', (c) => c.json({ error: 'no', n: count('/bad') }, 400));
  app.get('/boom', () => {
    count('/boom');
    throw new Error('down');
  });
  app.post('/slow', (c) => c.json({ n: count('post') }));
  return { app, runs };
}

test('twenty concurrent readers of one URL: one answer; another query string is another URL', async () => {
  const { app: a, runs } = app(1_000);
  const answers = await Promise.all(Array.from({ length: 20 }, () => a.request('/slow')));
  const bodies = (await Promise.all(answers.map((r) => r.json()))) as { n: number }[];
  assert.deepEqual(new Set(bodies.map((b) => b.n)), new Set([1]));
  assert.equal(answers.filter((r) => r.headers.get('x-answer-cache') === 'hit').length, 19);
  assert.equal(answers[0].headers.get('content-type'), answers[1].headers.get('content-type'));
  assert.equal(runs.get('/slow'), 1);
  await a.request('/slow?x=1');
  assert.equal(runs.get('/slow'), 2);
});

test('a 400 is shared with its status; a 5xx is not kept; no-cache and POST pass through; the pace ends a share', async () => {
  const { app: a, runs } = app(100);
  assert.equal((await a.request('/bad')).status, 400);
  const again = await a.request('/bad');
  assert.equal(again.status, 400);
  assert.equal(again.headers.get('x-answer-cache'), 'hit');
  assert.equal(runs.get('/bad'), 1);

  assert.equal((await a.request('/boom')).status, 500);
  assert.equal((await a.request('/boom')).status, 500);
  assert.equal(runs.get('/boom'), 2, 'a failure is answered anew');

  await a.request('/slow');
  await a.request('/slow', { headers: { 'cache-control': 'no-cache' } });
  await a.request('/slow', { method: 'POST' });
  await a.request('/slow', { method: 'POST' });
  assert.equal(runs.get('/slow'), 2);
  assert.equal(runs.get('post'), 2);
  await new Promise((r) => setTimeout(r, 150));
  await a.request('/slow');
  assert.equal(runs.get('/slow'), 3);
});
