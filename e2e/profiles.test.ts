import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Address, getAddress, isAddressEqual, parseEther } from 'viem';
import { contractOf } from '../lib/contracts/descriptors';
import { shortAddress } from '../lib/format';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { openAs, openProposal, voteInUi } from './harness/commons';
import { voter } from './harness/l2';
import { chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

/** Reloads `page` until `check` passes: server-rendered names follow the indexer, a block or so behind the chain. */
async function untilShown(page: Page, check: () => Promise<unknown>, timeoutMs = 20_000) {
  await eventually(async () => {
    try {
      await check();
    } catch (err) {
      await page.reload();
      throw err;
    }
  }, timeoutMs);
}

describe('Names and profiles (docs/MECHANISMS.md §8)', () => {
  test('an Eco Node sets its profile in the form; the name shows on its page, among a proposal’s voters, on the Eco Nodes page and in /names', {
    timeout: 180_000,
  }, async () => {
    const bob = getAddress(demoAccount(app.stack, 'Bob').address);
    const alice = getAddress(demoAccount(app.stack, 'Alice').address);
    const name = `Bob of Basalt ${Date.now() % 1000}`;
    const page = await openAs(app, bob, `/accounts/${bob}`);
    const form = page.getByRole('region', { name: 'Set your profile' });
    await form.waitFor();
    const nameField = form.getByLabel('Name', { exact: true });

    // Refused in the form before signing: the same rules as the contract's.
    await nameField.fill('Bob\u202e');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByText(/A name is plain ASCII: character 4 is not/).waitFor();

    // A reserved name in another spelling passes the form's rules; the contract refuses it, in a sentence.
    await nameField.fill('A.lice');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form
      .getByText(`"A.lice" is reserved for ${shortAddress(alice)}: it reads like a known name of another account. Choose another name.`)
      .waitFor({ timeout: 30_000 });

    // The profile: name, markdown statement, a link, an interest.
    await nameField.fill(name);
    await form.getByLabel(/^Statement/).fill('## Why me\n\nI read **every** proposal.');
    await form.getByLabel(/^Links/).fill('https://basalt.example/bob');
    await form.getByLabel('Security and audits').check();
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    const registry = contractOf(app.stack.deployment, 'l2', 'ProfileRegistry');
    assert.equal(await chainClient(app.stack, 'l2').readContract({ ...registry, functionName: 'nameOf', args: [bob] }), name);

    // Its account page.
    await untilShown(page, () => page.getByTestId('profile-name').filter({ hasText: name }).waitFor({ timeout: 1_000 }));
    await page.getByTestId('profile-statement').getByRole('heading', { name: 'Why me' }).waitFor();
    await page.getByRole('link', { name: 'https://basalt.example/bob' }).waitFor();
    await page.getByRole('list', { name: 'Interests' }).getByText('Security and audits').waitFor();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.context().close();

    // The API names it, from the profile, beside an address it knows nothing of.
    const nobody = '0x000000000000000000000000000000000000dEaD';
    await eventually(async () => {
      const { items } = await apiGet(app.stack, '/names', { addresses: `${bob},${nobody}` });
      assert.deepEqual(items, [
        { address: bob, name, source: 'profile' },
        { address: getAddress(nobody), name: null, source: null },
      ]);
    });
    const tooMany = Array.from({ length: 101 }, () => bob).join(',');
    const refused = await apiRefusal(app.stack, `/names?addresses=${tooMany}`);
    assert.equal(refused.status, 400);
    assert.match(refused.error, /at most 100 addresses/);
    assert.match((await apiRefusal(app.stack, `/names?addresses=${bob},0x123`)).error, /addresses\[1\]/);
    assert.equal((await apiRefusal(app.stack, `/profiles/${nobody}`)).status, 404);

    // It votes on a proposal: the voters list names it, with the short address beside the name.
    const proposer = await voter(app.stack, 29, parseEther('40000'));
    const { id } = await openProposal(app.stack, proposer);
    const voted = await voteInUi(app, id, bob, 'For', 'Named, not hex.');
    const voters = voted.getByTestId('voters');
    await untilShown(voted, () => voters.getByRole('link', { name: `${name} ${shortAddress(bob)}` }).waitFor({ timeout: 1_000 }));
    await voters.getByText(shortAddress(bob)).first().waitFor();
    await voted.context().close();

    // The Eco Nodes page names its seat.
    const nodes = await openAs(app, bob, '/eco-nodes');
    const row = nodes.locator(`[data-testid="eco-node"][data-address="${bob}"]`);
    await untilShown(nodes, () => row.getByText(name).waitFor({ timeout: 1_000 }));
    await row.getByText(shortAddress(bob)).waitFor();
    await nodes.context().close();

    // The delegates directory (Ivan delegates to Bob): the profile's name, its statement's first words and its
    // interest, in the API and on the page; the interest filter finds it, another topic does not.
    const inDirectory = async (interest?: 'security' | 'legal') =>
      (await apiGet(app.stack, '/delegates', { limit: 100, interest })).items.find((d) => isAddressEqual(d.address, bob));
    let listed: Address | undefined;
    await eventually(async () => {
      const d = await inDirectory('security');
      // The form starts from the seeded profile, so its topics stay beside the one checked here.
      assert.deepEqual({ ...d?.profile, interests: undefined }, { name, excerpt: 'Why me I read every proposal.', statementURI: null, interests: undefined });
      assert.equal(((d?.profile?.interests ?? 0) >> 3) & 1, 1, 'Security and audits is among its topics');
      listed = d?.address;
    });
    assert.equal(await inDirectory('legal'), undefined, 'another topic leaves it out');
    const directory = await openAs(app, bob, '/delegates?interest=security');
    const entry = directory.locator(`[data-testid="delegate-row"][data-address="${listed}"]`);
    await entry.getByTestId('account').getByText(name).waitFor();
    await entry.getByTestId('delegate-statement').getByText('Why me I read every proposal.').waitFor();
    await entry.getByRole('list', { name: 'Interests' }).getByText('Security and audits').waitFor();
    assert.equal(await directory.getByLabel('Interest', { exact: true }).inputValue(), 'security');
    await directory.context().close();
  });

  test('a malformed account address is the 404 page', async () => {
    const res = await fetch(new URL('/accounts/0x123', app.stack.urls.web));
    assert.equal(res.status, 404);
  });
});
