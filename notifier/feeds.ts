import { NOTICE_KINDS, type NoticeItem } from '../lib/notices';

// The two feed formats of an account's notices (docs/ARCHITECTURE.md, "Notifier"): Atom 1.0 for feed
// readers, iCalendar (RFC 5545) with each deadline as an event for calendar apps.

/** What a feed needs besides the notices: whose they are, and the bases of absolute links. */
export interface FeedContext {
  account: string;
  /** The web app's base URL: notice links are paths of it. */
  webUrl: string;
  /** This feed's own URL (Atom `rel="self"`). */
  selfUrl: string;
  /** Wall-clock unix seconds: the feed's `updated` when it has no entry, the events' DTSTAMP. */
  now: number;
}

const absolute = (link: string, base: string) => new URL(link, base).toString();

// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 cannot hold are what it removes
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML character data or an attribute value: the five special characters as entities, XML-invalid characters dropped. */
export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

const isoTime = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The Atom id of an account's feed, and of one notice (its key, as a URN). */
export const atomFeedId = (account: string) => `urn:metis-hub:notices:${account.toLowerCase()}`;
export const atomEntryId = (key: string) => `urn:metis-hub:notice:${key}`;

/** An Atom 1.0 feed (RFC 4287) of `notices`, newest first as given. */
export function atomFeed(notices: NoticeItem[], ctx: FeedContext): string {
  const updated = notices.reduce((max, n) => Math.max(max, Number(n.at)), 0) || ctx.now;
  const entries = notices.map((n) =>
    [
      '  <entry>',
      `    <id>${xmlEscape(atomEntryId(n.key))}</id>`,
      `    <title type="text">${xmlEscape(n.title)}</title>`,
      `    <updated>${isoTime(Number(n.at))}</updated>`,
      `    <link rel="alternate" href="${xmlEscape(absolute(n.link, ctx.webUrl))}"/>`,
      `    <category term="${xmlEscape(n.kind)}" label="${xmlEscape(NOTICE_KINDS[n.kind])}"/>`,
      `    <summary type="text">${xmlEscape(n.deadline ? `${n.body} (by ${isoTime(Number(n.deadline))})` : n.body)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlEscape(atomFeedId(ctx.account))}</id>`,
    `  <title type="text">${xmlEscape(`Metis Hub notices for ${ctx.account}`)}</title>`,
    `  <updated>${isoTime(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(ctx.selfUrl)}"/>`,
    `  <link rel="alternate" href="${xmlEscape(absolute(`/accounts/${ctx.account}`, ctx.webUrl))}"/>`,
    '  <author><name>Metis Hub</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 5545 TEXT holds no control character but the tab
const ICS_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f]/g;

/** TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon and comma escaped, line breaks as `\n`. */
export function icsEscape(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(ICS_CONTROL, '');
}

/**
 * One content line folded as RFC 5545 §3.1 asks: at most 75 octets per line (UTF-8, never inside a
 * character), each continuation starting with one space; lines end in CRLF.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ` ${ch}`;
      octets = 1 + size;
    } else {
      current += ch;
      octets += size;
    }
  }
  out.push(current);
  return out.join('\r\n');
}

const icsTime = (seconds: number) => isoTime(seconds).replace(/[-:]/g, '');

/**
 * An iCalendar (RFC 5545) of the notices that have a deadline: one VEVENT each at the deadline (UTC),
 * UID the notice's key, with a display alarm an hour before so that a calendar app reminds its reader.
 */
export function icsCalendar(notices: NoticeItem[], ctx: FeedContext): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Metis Hub//Notifier//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  lines.push(`X-WR-CALNAME:${icsEscape(`Metis Hub deadlines for ${ctx.account}`)}`);
  for (const n of notices) {
    if (n.deadline === null) continue;
    const summary = icsEscape(`${NOTICE_KINDS[n.kind]}: ${n.title}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsEscape(n.key)}`,
      `DTSTAMP:${icsTime(Number(n.at))}`,
      `DTSTART:${icsTime(Number(n.deadline))}`,
      `SUMMARY:${summary}`,
      `DESCRIPTION:${icsEscape(n.body)}`,
      `URL:${absolute(n.link, ctx.webUrl)}`,
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT1H',
      `DESCRIPTION:${summary}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
