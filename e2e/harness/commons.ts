import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { type Address, encodeFunctionData, formatEther, keccak256, toHex } from 'viem';
import { CONTRACTS, contractOf } from '../../lib/contracts/descriptors';
import { formatMetis, formatVotes } from '../../lib/format';
import { connectWallet, openApp } from './browser';
import { send } from './l2';
import { advanceTime, chainClient, type TestStack } from './stack';

// Commons flows through the UI that several test files walk: open a page as an account, lock
// through the form, vote on a proposal.

type App = { stack: TestStack; browser: Browser };
const DAY = 86_400;

/** Opens `path` as `account` on L2 and connects the test wallet. */
export async function openAs(app: App, account: Address, path: string): Promise<Page> {
  const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, path, { account, chainId: app.stack.deployment.l2.chainId });
  await connectWallet(page);
  return page;
}

/** Locks `amount` for the `chip` preset through the /commons form, checking the preview before signing and the chain after. */
export async function lockThroughForm(app: App, page: Page, account: Address, amount: bigint, chip: string, days: number) {
  const l2 = chainClient(app.stack, 'l2');
  const veMetis = contractOf(app.stack.deployment, 'l2', 'VeMetis');
  await page.getByLabel('Amount to lock').fill(formatEther(amount));
  await page.getByRole('button', { name: chip, exact: true }).click();
  const expected = await l2.readContract({ ...veMetis, functionName: 'previewUnits', args: [amount, BigInt(days * DAY)] });
  const preview = page.getByTestId('lock-preview');
  await preview.getByText(formatVotes(expected)).waitFor();
  assert.match(await preview.innerText(), /unlocking .+\d/);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  const status = page.getByTestId('tx-status');
  await page.locator('[data-testid="tx-status"][data-status="confirmed"]').filter({ hasText: 'Confirmed.' }).waitFor({ timeout: 30_000 });
  await status.getByText(`Lock ${formatMetis(amount)} for ${days} days`).waitFor();

  // The chain has the lock the preview promised, self-delegated; the page shows the same.
  const [locked, end, units] = await l2.readContract({ ...veMetis, functionName: 'lockOf', args: [account] });
  const block = await l2.getBlock();
  assert.equal(locked, amount);
  assert.equal(units, expected);
  // veMETIS rounds lock ends up to the next UTC midnight (a day grid, docs/MECHANISMS.md §4.1).
  assert.equal(end % BigInt(DAY), 0n, 'unlocks at a UTC midnight');
  assert.ok(end > block.timestamp + BigInt(days * DAY) - 60n && end < block.timestamp + BigInt((days + 1) * DAY), 'unlocks after the chosen duration');
  assert.equal(await l2.readContract({ ...veMetis, functionName: 'getVotes', args: [account] }), units);
  assert.equal(await l2.readContract({ ...veMetis, functionName: 'delegates', args: [account] }), account);
  await page.locator(`[data-testid="lock-units"][data-value="${units}"]`).waitFor();
  await page.locator(`[data-testid="my-votes"][data-value="${units}"]`).waitFor();
  await page.getByTestId('my-delegatee').getByText('yourself').waitFor();
  assert.match(await page.getByTestId('lock-end').innerText(), /^unlocks .+ · \d+d \d+h$/);
  return units;
}

/** Opens proposal `id` as `account`, votes `choice` with `reason`, and waits for the confirmation. */
export async function voteInUi(app: App, id: bigint, account: Address, choice: 'For' | 'Against' | 'Abstain', reason = '') {
  const page = await openAs(app, account, `/proposals/${id}`);
  const option = page.locator('label').filter({ hasText: new RegExp(`^${choice}$`) });
  // The page follows the indexer, a block or so behind the chain, and the web server may serve a render a
  // page pace old: a proposal opened just now may not have its vote form yet. Reload until it has.
  const said: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const shown = await option
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (shown) {
      if (said.length > 0)
        console.log(`[voteInUi] the vote form showed after ${said.length} reload(s); at first the page said: ${said[0].slice(0, 400).replace(/\s+/g, ' ')}`);
      break;
    }
    // What the page showed instead: a failure here is otherwise only "waiting for the label".
    said.push(
      await page
        .locator('main')
        .innerText({ timeout: 5_000 })
        .catch((err: Error) => `(no main: ${err.message})`),
    );
    if (attempt === 5)
      throw new Error(
        `proposal ${id} never showed ${account} a vote form; the page said first:\n${said[0].slice(0, 1_500)}\n… and last:\n${said.at(-1)?.slice(0, 1_500)}`,
      );
    await page.reload();
    // A reload reconnects the wallet on its own; if it did not, connect it again.
    if (
      await page
        .getByRole('button', { name: 'Connect wallet' })
        .first()
        .isVisible({ timeout: 3_000 })
        .catch(() => false)
    )
      await connectWallet(page);
  }
  await option.click();
  if (reason) await page.getByLabel('Reason (optional, public)').fill(reason);
  await page.getByRole('button', { name: 'Cast vote' }).click();
  await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
  return page;
}

/** A proposal by `proposer` with a harmless action (the governor reads its voting delay), already open for voting. */
export async function openProposal(stack: TestStack, proposer: Address) {
  const l2 = chainClient(stack, 'l2');
  const governor = contractOf(stack.deployment, 'l2', 'CommonsGovernor');
  const targets = [governor.address];
  const values = [0n];
  const calldatas = [encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'votingDelay' })];
  const description = `# End-to-end proposal ${Date.now()}\n\nChecks that votes reach the tallies.`;
  await send(stack, proposer, {
    address: governor.address,
    data: encodeFunctionData({ abi: CONTRACTS.l2.CommonsGovernor, functionName: 'propose', args: [targets, values, calldatas, description] }),
  });
  const id = await l2.readContract({ ...governor, functionName: 'getProposalId', args: [targets, values, calldatas, keccak256(toHex(description))] });
  await advanceTime(stack, Number(await l2.readContract({ ...governor, functionName: 'votingDelay' })) + 1);
  return { id, governor };
}
