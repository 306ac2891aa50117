import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, getAddress } from 'viem';
import { messageInboxAbi, timelockControllerAbi } from '../lib/contracts/abis';
import { openApp } from './harness/browser';
import { chainClient } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();
const OWNER_ABI = [{ type: 'function', name: 'owner', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] }] as const;

describe('Trust page', () => {
  test('who can do what equals the chains: committees and thresholds, pausers, the timelock delay, the council powers, every owner', async () => {
    const { stack } = app;
    const page = await openApp(app.browser, stack.urls.web, stack.deployment, '/trust', { account: stack.deployment.demoAccounts![0].address });
    await page.getByTestId('trust-owners').waitFor();
    for (const chain of ['l1', 'l2'] as const) {
      const client = chainClient(stack, chain);
      const inbox = { address: stack.deployment[chain].contracts.MessageInbox.address, abi: messageInboxAbi } as const;
      const [threshold, members, paused] = await Promise.all([
        client.readContract({ ...inbox, functionName: 'threshold' }),
        client.readContract({ ...inbox, functionName: 'members' }),
        client.readContract({ ...inbox, functionName: 'paused' }),
      ]);
      const bus = page.locator(`[data-testid="trust-bus"][data-chain="${chain}"]`);
      assert.equal(await bus.getByTestId('trust-threshold').getAttribute('data-value'), threshold.toString());
      assert.equal(await bus.getByTestId('trust-members').locator('li').count(), members.length);
      for (const m of members) assert.equal(await bus.locator(`[title="${m}"]`).count(), 1, `member ${m} listed`);
      assert.equal(await bus.getByTestId('trust-paused').getAttribute('data-value'), paused ? 'yes' : 'no');
    }
    const l2 = chainClient(stack, 'l2');
    const delay = await l2.readContract({ address: stack.deployment.l2.contracts.Timelock.address, abi: timelockControllerAbi, functionName: 'getMinDelay' });
    assert.equal(await page.getByTestId('trust-timelock-delay').getAttribute('data-value'), delay.toString());
    const actions = await page.getByTestId('trust-actions').innerText();
    for (const a of ['Timelock.cancel', 'SequencerChallenges.councilJail', 'SequencerChallenges.councilSlash', 'MessageInbox.pause', 'MessageInbox.unpause']) {
      assert.ok(actions.includes(a), `the council may ${a}`);
    }
    // Every Ownable contract on both chains, with the owner the chain reports.
    const rows = page.getByTestId('trust-owner');
    const shown = new Map<string, Address>();
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      shown.set(`${await row.getAttribute('data-chain')}:${await row.getAttribute('data-contract')}`, (await row.getAttribute('data-owner')) as Address);
    }
    for (const chain of ['l1', 'l2'] as const) {
      const client = chainClient(stack, chain);
      for (const [name, c] of Object.entries(stack.deployment[chain].contracts)) {
        const owner = await client.readContract({ address: c.address, abi: OWNER_ABI, functionName: 'owner' }).catch(() => null);
        if (owner === null) continue;
        assert.equal(getAddress(shown.get(`${chain}:${name}`) ?? '0x0000000000000000000000000000000000000000'), getAddress(owner), `${chain} ${name}'s owner`);
      }
    }
    await page.context().close();
  });
});
