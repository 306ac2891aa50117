import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NoticeItem } from '../lib/notices';
import { atomEntryId, atomFeed, foldLine, icsCalendar, icsEscape, xmlEscape } from './feeds';

const ACCOUNT = '0x00000000000000000000000000000000000A11cE';
const CTX = { account: ACCOUNT, webUrl: 'http://localhost:3000', selfUrl: 'http://127.0.0.1:9548/accounts/x/feed.atom', now: 1_700_000_000 };

const notice = (over: Partial<NoticeItem>): NoticeItem => ({
  id: '1',
  account: ACCOUNT,
  kind: 'vote-open',
  key: `vote-open:7:${ACCOUNT.toLowerCase()}`,
  title: 'Vote open: Fees <& "rewards">',
  body: "It's open; vote, please\nbefore the end.",
  link: '/proposals/7',
  at: '1700000000',
  deadline: '1700086400',
  readAt: null,
  ...over,
});

test('xmlEscape: the five special characters as entities; characters XML cannot hold are dropped', () => {
  assert.equal(xmlEscape(`a<b>&"c"'d'`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  assert.equal(xmlEscape('bell\u0007 tab\t'), 'bell tab\t');
});

test('atomFeed: an Atom 1.0 feed with its id, updated, and one entry per notice with the key as id, escaped text, absolute links', () => {
  const xml = atomFeed([notice({}), notice({ id: '2', key: 'slashed:1-0xab:x', kind: 'slashed', at: '1700000100', deadline: null })], CTX);
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
  assert.match(xml, /<id>urn:metis-hub:notices:0x00000000000000000000000000000000000a11ce<\/id>/);
  assert.match(xml, /<updated>2023-11-14T22:15:00Z<\/updated>/, 'the newest entry');
  assert.equal(xml.match(/<entry>/g)?.length, 2, 'two entries');
  assert.ok(xml.includes(`<id>${atomEntryId(`vote-open:7:${ACCOUNT.toLowerCase()}`)}</id>`), 'has the expected text');
  assert.ok(xml.includes('<title type="text">Vote open: Fees &lt;&amp; &quot;rewards&quot;&gt;</title>'), 'has the expected text');
  assert.ok(xml.includes('<link rel="alternate" href="http://localhost:3000/proposals/7"/>'), 'has the expected text');
  assert.ok(xml.includes('<summary type="text">It&apos;s open; vote, please\nbefore the end. (by 2023-11-15T22:13:20Z)</summary>'), 'has the expected text');
  assert.ok(!/<[^>]*[<&][^;]*>/.test(xml.replace(/&(amp|lt|gt|quot|apos);/g, '')), 'no raw < or & inside markup');
  assert.match(atomFeed([], CTX), /<updated>2023-11-14T22:13:20Z<\/updated>/, 'an empty feed is updated now');
});

test('icsEscape: backslash, semicolon, comma and line breaks as RFC 5545 TEXT writes them', () => {
  assert.equal(icsEscape('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
});

test('foldLine: at most 75 octets a line, continuation lines start with a space, never inside a UTF-8 character', () => {
  const long = `DESCRIPTION:${'x'.repeat(200)}`;
  const folded = foldLine(long).split('\r\n');
  assert.ok(folded.length > 2, 'folded');
  for (const line of folded) assert.ok(Buffer.byteLength(line) <= 75, line);
  assert.ok(
    folded.slice(1).every((l) => l.startsWith(' ')),
    'continuations start with a space',
  );
  assert.equal(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), long, 'unfolds to the line');
  const wide = `SUMMARY:${'€'.repeat(40)}`; // 3 octets each
  const parts = foldLine(wide).split('\r\n');
  for (const line of parts) assert.ok(Buffer.byteLength(line) <= 75, 'at most 75 octets');
  assert.equal(parts.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), wide);
  assert.equal(foldLine('SHORT:1'), 'SHORT:1');
});

test('icsCalendar: a VCALENDAR with one VEVENT per deadline (UID the key, DTSTART in UTC, alarm an hour before), CRLF lines of 75 octets', () => {
  const ics = icsCalendar([notice({ title: 'x'.repeat(120) }), notice({ key: 'no-deadline', deadline: null })], CTX);
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:'), 'starts with the calendar');
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'), 'ends the calendar with CRLF');
  assert.ok(!/[^\r]\n/.test(ics), 'every line ends in CRLF');
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  const unfolded = ics.replace(/\r\n /g, '');
  assert.equal(unfolded.match(/BEGIN:VEVENT/g)?.length, 1, 'only notices with a deadline');
  assert.ok(unfolded.includes(`UID:vote-open:7:${ACCOUNT.toLowerCase()}\r\n`), 'has the expected text');
  assert.ok(unfolded.includes('DTSTART:20231115T221320Z\r\n'), 'has the expected text');
  assert.ok(unfolded.includes('DTSTAMP:20231114T221320Z\r\n'), 'has the expected text');
  assert.ok(unfolded.includes("DESCRIPTION:It's open\\; vote\\, please\\nbefore the end.\r\n"), 'has the expected text');
  assert.ok(unfolded.includes('URL:http://localhost:3000/proposals/7\r\n'), 'has the expected text');
  assert.ok(unfolded.includes('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT1H\r\n'), 'has the expected text');
  assert.ok(!unfolded.includes('no-deadline'), 'has the expected text');
});
