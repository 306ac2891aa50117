import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { getAddress } from 'viem';
import { fetchNotices, markNoticesRead, noticeKey } from '../lib/notices';
import { notifierServer } from './server';
import { NoticeStore, pgliteSql, type Sql } from './store';

const ALICE = getAddress('0x00000000000000000000000000000000000a11ce');
let sql: Sql;
let url: string;
let close: () => void;

before(async () => {
  sql = await pgliteSql();
  const store = new NoticeStore(sql);
  await store.migrate();
  await store.commitPass(
    'test',
    [
      {
        account: ALICE,
        kind: 'vote-open',
        key: noticeKey('vote-open', '7', ALICE),
        title: 'Vote open: <b>',
        body: 'b',
        link: '/proposals/7',
        at: 100n,
        deadline: 200n,
      },
    ],
    '100',
  );
  const server = notifierServer({ store, webUrl: 'http://localhost:3000', ready: () => true }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
after(async () => {
  close();
  await sql.close();
});

test('the routes: an inbox with its unread count, marking read, both feeds; a bad address is a 400 with a reason', async () => {
  const inbox = await fetchNotices(url, ALICE.toLowerCase());
  assert.equal(inbox.unread, 1, 'one unread');
  assert.equal(inbox.items[0].key, noticeKey('vote-open', '7', ALICE), 'the notice');
  assert.equal(inbox.nextCursor, null, 'one page');
  const atom = await fetch(`${url}/accounts/${ALICE}/feed.atom`);
  assert.match(atom.headers.get('content-type') ?? '', /^application\/atom\+xml/, 'Atom');
  assert.match(await atom.text(), /Vote open: &lt;b&gt;/, 'escaped');
  const ics = await fetch(`${url}/accounts/${ALICE}/calendar.ics`);
  assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/, 'iCalendar');
  assert.match(await ics.text(), /DTSTART:19700101T000320Z\r\n/, 'the deadline');
  const bad = await fetch(`${url}/accounts/0x12/notices`);
  assert.equal(bad.status, 400, '400');
  assert.match(((await bad.json()) as { error: string }).error, /address must be a 0x-prefixed 20-byte hex address/, 'with a reason');
  const badBody = await fetch(`${url}/accounts/${ALICE}/notices/read`, { method: 'POST', body: '{"keys": 3}' });
  assert.equal(badBody.status, 400, 'a malformed body is refused');
  assert.equal((await fetch(`${url}/accounts/${ALICE}/notices?cursor=nope`)).status, 400, 'a forged cursor is refused');
  assert.deepEqual(await markNoticesRead(url, ALICE), { marked: 1, unread: 0 }, 'marked');
  assert.equal((await fetchNotices(url, ALICE)).items[0].readAt !== null, true, 'read');
});
