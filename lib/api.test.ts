import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { ApiError, ApiUnavailable, apiGet, apiGetPath, apiPath } from './api';

test('apiPath fills path params, then the defined params as the query in order', () => {
  assert.equal(apiPath('/sequencers'), '/sequencers');
  assert.equal(apiPath('/proposals/:id', { id: '12' }), '/proposals/12');
  assert.equal(apiPath('/proposals', { limit: 20, state: undefined, q: 'a b&c' }), '/proposals?limit=20&q=a+b%26c');
  assert.equal(apiPath('/sequencers/:id/history', { id: '3', limit: 100, cursor: 'x' }), '/sequencers/3/history?limit=100&cursor=x');
  assert.equal(apiPath('/eco-nodes/:address/reputation', { address: '0xAb/../x' }), '/eco-nodes/0xAb%2F..%2Fx/reputation');
  assert.throws(() => apiPath('/proposals/:id', { id: '' }), /needs id/);
});

test('apiGet answers the body, ApiError for a refusal with its reason, ApiUnavailable for 5xx or no API', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/ready') return void res.writeHead(200).end();
    const status = req.url?.startsWith('/sequencers/1') ? 200 : req.url?.startsWith('/sequencers/2') ? 404 : 503;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status === 200 ? { id: '1', url: req.url } : { error: `said ${status}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const one = await apiGet(url, '/sequencers/:id', { id: '1' });
    assert.equal(one.id, '1');
    await assert.rejects(
      apiGet(url, '/sequencers/:id', { id: '2' }),
      (e) => e instanceof ApiError && !(e instanceof ApiUnavailable) && e.status === 404 && e.message === 'said 404',
    );
    await assert.rejects(apiGet(url, '/sequencers/:id', { id: '3' }), (e) => e instanceof ApiUnavailable && e.status === 503);
    assert.equal(await apiGetPath(url, '/ready'), null, 'an empty body (Ponder /ready)');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  await assert.rejects(apiGet(url, '/sequencers'), (e) => e instanceof ApiUnavailable && e.status === 0);
});
