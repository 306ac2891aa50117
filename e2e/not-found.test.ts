/**
 * Bad input on pages: every dynamic route answers the app's 404 page (status 404, never a 5xx) for a
 * malformed id and for a well-formed one that does not exist; malformed query parameters are ignored
 * or said in a sentence.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type TestStack, useStack } from './harness/stack';

let stack: TestStack;
before(async () => {
  stack = await useStack();
});

const NOBODY = '0x000000000000000000000000000000000000dEaD';
const HUGE = '9'.repeat(200);

/** Malformed ids, then well-formed ones nothing lives at, per dynamic route. */
const NOT_FOUND: Record<string, string[]> = {
  '/proposals/': ['abc', '-1', '0', '01', '1e99', '0x1', HUGE, (2n ** 256n).toString(), '%E2%9C%93', '%F0%9F%98%80', "1'%20OR%20'1'='1", '1', '12345'],
  '/sequencers/': ['0x12', '-1', '0', '1.5', '1e3', HUGE, '%E2%9C%93', '99999999999999999999', '9999', '123456789012345678'],
  '/eco-nodes/': ['not-an-address', '0x12', '0xZZ', `${NOBODY}00`, '%E2%9C%93', NOBODY],
  '/commons/groups/': ['0xZZ', '0x12', 'not-an-address', HUGE, '%E2%9C%93', NOBODY],
};

describe('Pages for malformed or unknown ids', () => {
  test('answer the 404 page, never a 5xx', async () => {
    const wrong: string[] = [];
    for (const [route, ids] of Object.entries(NOT_FOUND)) {
      for (const id of ids) {
        const res = await fetch(new URL(route + id, stack.urls.web));
        const html = await res.text();
        if (res.status !== 404 || !html.includes('Page not found')) wrong.push(`${route}${id}: ${res.status}`);
      }
    }
    assert.deepEqual(wrong, [], 'each answers 404 with the not-found page');
  });

  test('an unknown route answers the 404 page too', async () => {
    const res = await fetch(new URL('/no/such/page', stack.urls.web));
    assert.equal(res.status, 404);
    assert.match(await res.text(), /Page not found/);
  });
});

describe('Pages with malformed query parameters', () => {
  test('a list page ignores an unknown filter or sort, and says why it cannot show a malformed cursor', async () => {
    const wrong: string[] = [];
    for (const path of ['/proposals?state=nonsense', '/proposals?q=%27%3B%20DROP%20TABLE%20vote%3B--', '/sequencers?sort=nope&dir=sideways']) {
      const res = await fetch(new URL(path, stack.urls.web));
      if (res.status !== 200) wrong.push(`${path}: ${res.status}`);
    }
    for (const cursor of ['garbage', '%E2%9C%93', 'x'.repeat(500), '-1']) {
      const res = await fetch(new URL(`/proposals?cursor=${cursor}`, stack.urls.web));
      const html = await res.text();
      if (res.status !== 200 || !html.includes('cannot be shown')) wrong.push(`/proposals?cursor=${cursor.slice(0, 20)}: ${res.status}`);
    }
    assert.deepEqual(wrong, [], 'each answers 200, a malformed cursor with the reason');
  });
});
