import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Address, getAddress } from 'viem';
import { noticeKey } from '../lib/notices';
import { runPass, type Source } from './core';
import { type NewNotice, NoticeStore, pgliteSql, type Sql } from './store';

const ALICE = getAddress('0x00000000000000000000000000000000000a11ce');
const BOB = getAddress('0x0000000000000000000000000000000000000b0b');

/** A fake chain: events at chain times; the source derives a notice for each event in (cursor, now], and re-derives the last one (overlap). */
function fakeSource(events: { at: bigint; account: Address; id: string }[], clock: { now: bigint }, opts: { failOnce?: { at: bigint } } = {}): Source {
  let failed = false;
  return {
    name: 'fake',
    async pass(cursor) {
      const from = cursor === null ? -1n : BigInt(cursor);
      const due = events.filter((e) => e.at <= clock.now && e.at >= from); // >=: the boundary event again, on purpose
      const notices = due.map(
        (e): NewNotice => ({
          account: e.account,
          kind: 'unbonding-matured',
          key: noticeKey('unbonding-matured', e.id, e.account),
          title: `Entry ${e.id}`,
          body: 'matured',
          link: '/sequencers/1',
          at: e.at,
          deadline: e.at + 3600n,
        }),
      );
      if (opts.failOnce && !failed && clock.now >= opts.failOnce.at) {
        failed = true;
        throw new Error('the API went away mid-pass');
      }
      return { notices, position: clock.now.toString() };
    },
  };
}

let sql: Sql;
let store: NoticeStore;
before(async () => {
  sql = await pgliteSql();
  store = new NoticeStore(sql, 'notifier_test');
  await store.migrate();
  await store.migrate(); // idempotent
});
after(() => sql.close());

test('restarts neither repeat nor skip: passes over a fake source, twice from scratch and across a failure, store each notice once', async () => {
  const events = [
    { at: 100n, account: ALICE, id: 'a' },
    { at: 200n, account: BOB, id: 'b' },
    { at: 300n, account: ALICE, id: 'c' },
    { at: 400n, account: ALICE, id: 'd' },
  ];
  const clock = { now: 150n };
  assert.deepEqual(await runPass(store, [fakeSource(events, clock)]), [noticeKey('unbonding-matured', 'a', ALICE)]);
  assert.equal(await store.cursor('fake'), '150');
  // The same pass again (a restart before the clock moved): nothing new.
  assert.deepEqual(await runPass(store, [fakeSource(events, clock)]), []);

  // The clock moves while the process is down; a fresh source (a restarted process) resumes from the stored cursor.
  clock.now = 320n;
  const failing = fakeSource(events, clock, { failOnce: { at: 320n } });
  await assert.rejects(runPass(store, [failing]), /fake: the API went away/);
  assert.equal(await store.cursor('fake'), '150', 'a failed pass leaves the cursor');
  assert.deepEqual((await runPass(store, [failing])).sort(), [noticeKey('unbonding-matured', 'b', BOB), noticeKey('unbonding-matured', 'c', ALICE)].sort());
  clock.now = 500n;
  assert.deepEqual(await runPass(store, [fakeSource(events, clock)]), [noticeKey('unbonding-matured', 'd', ALICE)]);
  assert.deepEqual(await runPass(store, [fakeSource(events, clock)]), []);

  assert.deepEqual(await store.keys(), events.map((e) => noticeKey('unbonding-matured', e.id, e.account)).sort());
  assert.equal(await store.unread(ALICE), 3);
  assert.equal(await store.unread(BOB), 1);
});

test('an inbox lists newest first with a keyset cursor, and marks read by key or all at once', async () => {
  const page1 = await store.list(ALICE, 2);
  assert.deepEqual(
    page1.map((n) => n.at),
    ['400', '300'],
  );
  assert.equal(page1[0].account, ALICE, 'checksummed');
  const [, last] = page1;
  const page2 = await store.list(ALICE, 2, { at: BigInt(last.at), id: last.id });
  assert.deepEqual(
    page2.map((n) => n.at),
    ['100'],
  );
  assert.equal(await store.markRead(ALICE, 1_000, [page1[0].key, noticeKey('unbonding-matured', 'b', BOB)]), 1, "only the account's own key");
  assert.equal(await store.unread(ALICE), 2);
  assert.equal((await store.list(ALICE, 1))[0].readAt, '1000');
  assert.equal(await store.markRead(ALICE, 1_001), 2);
  assert.equal(await store.unread(ALICE), 0);
  assert.equal(await store.unread(BOB), 1);
});
