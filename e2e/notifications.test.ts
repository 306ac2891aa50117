/**
 * The notifier (docs/ARCHITECTURE.md, "Notifier"): a vote opens, and an account that held votes at its
 * snapshot and has not voted is told once, in its inbox, its Atom feed and its calendar; a notifier killed
 * (SIGKILL) and restarted on the same database repeats nothing; the header's bell shows the count.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { contractOf } from '../lib/contracts/descriptors';
import { feedUrls, fetchNotices, type NoticeItem, noticeKey } from '../lib/notices';
import { atomEntryId } from '../notifier/feeds';
import { freePort, httpOk, type Proc, waitFor } from '../scripts/lib/procs';
import { ROOT, spawnNotifier } from '../scripts/lib/stack';
import { apiGet, eventually } from './harness/api';
import { connectWallet, openApp } from './harness/browser';
import { openProposal } from './harness/commons';
import { voter } from './harness/l2';
import { chainClient, TEST_STATE_DIR } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();
const DIR = path.join(TEST_STATE_DIR, 'notifier-e2e');
let own: Proc | undefined;

async function kill(proc: Proc): Promise<void> {
  try {
    process.kill(-proc.child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await proc.exited;
}
after(async () => {
  if (own) await kill(own);
});

/**
 * A dev account of 48, 46, 45 (counted down, while e2e/commons-flow.test.ts counts up from 40; 47 sends the
 * local heartbeats) with no veMETIS lock yet.
 */
async function freshIndex(): Promise<number> {
  const ve = contractOf(app.stack.deployment, 'l2', 'VeMetis');
  for (const index of [48, 46, 45]) {
    const { address } = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    if ((await chainClient(app.stack, 'l2').readContract({ ...ve, functionName: 'lockOf', args: [address] }))[0] === 0n) return index;
  }
  throw new Error('needs one of dev accounts 48, 46, 45 without a lock');
}

const icsTime = (seconds: string) =>
  new Date(Number(seconds) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

describe('Notifications', () => {
  test('a vote opens: one notice per kind for a non-voter, in the inbox, the Atom feed and the calendar; a killed notifier repeats nothing; the bell counts', async () => {
    const { stack } = app;
    assert.ok(stack.urls.notifier, 'the test stack runs a notifier');
    assert.equal(stack.deployment.notifierUrl, stack.urls.notifier, 'the deployment file names it');
    const proposer = await voter(stack, 29, parseEther('40000')); // the proposer of e2e/proposals.test.ts
    const waiting = await voter(stack, await freshIndex(), parseEther('5000')); // holds votes at the snapshot, never votes
    const { id } = await openProposal(stack, proposer);
    await eventually(async () => assert.equal((await apiGet(stack, '/proposals/:id', { id: id.toString() })).state, 'active', 'indexed'), 20_000);
    const proposal = await apiGet(stack, '/proposals/:id', { id: id.toString() });
    assert.equal(proposal.state, 'active', 'voting is open');
    const keys = { open: noticeKey('vote-open', id.toString(), waiting), closing: noticeKey('vote-closing', id.toString(), waiting) };

    // A notifier of the test's own (its port, its database), so that it can be killed and restarted.
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const deploymentFile = path.join(DIR, 'deployment.json');
    writeFileSync(deploymentFile, JSON.stringify(stack.deployment));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      METIS_HUB_DEPLOYMENT: deploymentFile,
      NOTIFIER_PORT: String(port),
      NOTIFIER_WEB_URL: stack.urls.web,
      ...(stack.databaseUrl
        ? { NOTIFIER_DATABASE_URL: stack.databaseUrl, NOTIFIER_SCHEMA: `notifier_e2e_${Date.now()}` }
        : { NOTIFIER_PGLITE_DIR: path.join(DIR, 'db') }),
    };
    const start = async () => {
      own = spawnNotifier({ cwd: ROOT, logDir: path.join(DIR, 'logs'), env, name: 'notifier-e2e' });
      await waitFor('the test notifier', () => httpOk(`${url}/health`), { proc: own, timeoutMs: 60_000 });
    };
    const about = async (): Promise<NoticeItem[]> => (await fetchNotices(url, waiting, { limit: 100 })).items.filter((n) => n.link === `/proposals/${id}`);

    await start();
    await eventually(async () => {
      const notices = await about();
      assert.deepEqual(notices.map((n) => n.key).sort(), [keys.closing, keys.open].sort(), 'vote open, and (a 30-minute local vote) closing within 24 h');
    }, 30_000);
    const [open] = (await about()).filter((n) => n.key === keys.open);
    assert.equal(open.kind, 'vote-open');
    assert.equal(open.deadline, proposal.deadline, 'the deadline is the indexed end of the vote');
    assert.equal(open.at, proposal.snapshot, 'at the start of the vote');
    assert.equal(open.readAt, null, 'unread');

    const feeds = feedUrls(url, waiting);
    const atom = await fetch(feeds.atom);
    assert.match(atom.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    const xml = await atom.text();
    assert.equal(xml.split(`<id>${atomEntryId(keys.open)}</id>`).length - 1, 1, 'the Atom feed has the entry once');
    const ics = await fetch(feeds.ics);
    assert.match(ics.headers.get('content-type') ?? '', /^text\/calendar/);
    const calendar = (await ics.text()).replace(/\r\n[ \t]/g, ''); // unfolded
    assert.equal(calendar.split(`UID:${keys.open}\r\n`).length - 1, 1, 'the calendar has the event once');
    assert.ok(calendar.includes(`DTSTART:${icsTime(proposal.deadline)}\r\n`), 'at the deadline, in UTC');
    assert.ok(calendar.includes('TRIGGER:-PT1H'), 'with an alarm an hour before');

    // Killed without warning, restarted on the same database: it resumes from its cursor; nothing twice.
    assert.ok(own, 'started');
    await kill(own);
    await start();
    await new Promise((r) => setTimeout(r, 3_000)); // a few more passes
    assert.deepEqual((await about()).map((n) => n.key).sort(), [keys.closing, keys.open].sort(), 'still one notice of each kind');
    assert.equal((await fetchNotices(url, waiting, { limit: 100 })).items.filter((n) => n.key === keys.open).length, 1, 'once');

    // The stack's notifier told the same account; the bell in the header says how many are unread.
    const stackNotifier = stack.urls.notifier;
    await eventually(async () => {
      const inbox = await fetchNotices(stackNotifier, waiting, { limit: 100 });
      assert.ok(
        inbox.items.some((n) => n.key === keys.open),
        'the stack notifier has it',
      );
    }, 30_000);
    const page = await openApp(app.browser, stack.urls.web, stack.deployment, '/', { account: waiting, chainId: stack.deployment.l2.chainId });
    await connectWallet(page);
    const bell = page.getByTestId('notification-bell');
    await eventually(async () => {
      const { unread } = await fetchNotices(stackNotifier, waiting);
      assert.ok(unread >= 2, 'unread notices');
      assert.equal(await bell.getAttribute('aria-label'), `Notifications: ${unread} unread`, 'the bell names its count');
    }, 20_000);
    await bell.click();
    const dialog = page.getByTestId('notifications');
    await dialog.getByRole('link', { name: `Vote open: ${proposal.title}` }).waitFor();
    await dialog.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications: 0 unread' }).waitFor({ timeout: 10_000 });
    assert.equal((await fetchNotices(stackNotifier, waiting)).unread, 0, 'read on the notifier');
    await page.context().close();
  });
});
