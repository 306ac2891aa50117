import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatEther } from 'viem';
import { metisTokenAbi, sequencerStakingAbi } from '../lib/contracts/abis';
import { formatMetis } from '../lib/format';
import { apiGet } from './harness/api';
import { connectWallet, openApp } from './harness/browser';
import { advanceTime, chainClient, demoAccount } from './harness/stack';
import { appSuite } from './harness/suite';

const app = appSuite();

function contracts() {
  const { l1 } = app.stack.deployment;
  return {
    staking: { address: l1.contracts.SequencerStaking.address, abi: sequencerStakingAbi } as const,
    token: { address: l1.contracts.MetisToken.address, abi: metisTokenAbi } as const,
  };
}

describe('Undelegating and withdrawing', () => {
  test('undelegate shows the unlock date and a countdown; once the chain passes it, withdraw pays out', async () => {
    const grace = demoAccount(app.stack, 'Grace');
    const { staking, token } = contracts();
    const l1 = chainClient(app.stack, 'l1');
    const sequencerId = 2n;
    const [, value] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [sequencerId, grace.address] });
    assert.ok(value > 0n, 'the seed gives Grace a position behind sequencer 2');
    const exitDelay = await l1.readContract({ ...staking, functionName: 'exitDelay' });
    const nextEntry = await l1.readContract({ ...staking, functionName: 'nextEntryId', args: [sequencerId, grace.address] });

    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/sequencers/${sequencerId}`, { account: grace.address });
    await connectWallet(page);
    await page.getByRole('tab', { name: 'Undelegate' }).click();
    assert.match(await page.getByTestId('undelegate-unlock').innerText(), /^Unlocks .+, 5m 00s after you sign/);

    // More than the position is refused before signing.
    await page.getByLabel('Amount to undelegate').fill(formatEther(value + 1n));
    await page.getByRole('button', { name: 'Undelegate', exact: true }).click();
    await page.getByText(/^Your position is /).waitFor();
    assert.equal(await page.getByTestId('tx-status').count(), 0);

    // The whole position, by its shortcut.
    await page.getByRole('button', { name: /^Position: / }).click();
    await page.getByRole('button', { name: 'Undelegate', exact: true }).click();
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [shares, entryValue, maturesAt] = await l1.readContract({
      ...staking,
      functionName: 'unbondingEntry',
      args: [sequencerId, grace.address, nextEntry],
    });
    assert.ok(shares > 0n, 'shares > 0n');
    assert.equal(entryValue, value);
    const [, after] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [sequencerId, grace.address] });
    assert.equal(after, 0n, 'nothing left behind');
    await page
      .getByTestId('my-position')
      .filter({ hasText: /^0 METIS$/ })
      .waitFor();

    // The entry, its unlock date and a countdown on the chain's clock; no withdraw yet.
    const entry = page.getByTestId('unbonding-entry');
    await entry.waitFor();
    assert.match(await entry.innerText(), /unlocks .+ · [45]m \d{2}s/);
    assert.equal(await page.getByRole('button', { name: /^Withdraw / }).count(), 0);
    const block = await l1.getBlock();
    assert.ok(
      maturesAt - block.timestamp <= exitDelay && maturesAt > block.timestamp,
      'maturesAt - block.timestamp <= exitDelay && maturesAt > block.timestamp',
    );

    // The chain's clock passes the unlock: the countdown turns into a withdraw button.
    await advanceTime(app.stack, Number(exitDelay) + 1);
    const withdraw = page.getByRole('button', { name: /^Withdraw / });
    await withdraw.waitFor({ timeout: 10_000 });
    assert.match(await entry.innerText(), /ready to withdraw/);
    const balanceBefore = await l1.readContract({ ...token, functionName: 'balanceOf', args: [grace.address] });
    await withdraw.click();
    await page.locator('[data-testid="unbonding"] [data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const balanceAfter = await l1.readContract({ ...token, functionName: 'balanceOf', args: [grace.address] });
    assert.equal(balanceAfter - balanceBefore, value);
    await page.getByTestId('unbonding-entry').waitFor({ state: 'detached', timeout: 5_000 });
    await page.context().close();
  });
});

describe('Redelegating', () => {
  test('moves stake to another sequencer at once, then shows when the position may move again', async () => {
    const heidi = demoAccount(app.stack, 'Heidi');
    const { staking } = contracts();
    const l1 = chainClient(app.stack, 'l1');
    const [from, to] = [3n, 4n];
    const minPosition = await l1.readContract({ ...staking, functionName: 'minPosition' });
    const [, fromBefore] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [from, heidi.address] });
    const [, toBefore] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [to, heidi.address] });
    assert.ok(fromBefore >= 2n * minPosition, 'the seed gives Heidi a position behind sequencer 3');
    const amount = minPosition;

    let page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/sequencers/${from}`, { account: heidi.address });
    await connectWallet(page);
    await page.getByRole('tab', { name: 'Redelegate' }).click();
    // No destination chosen: refused before signing.
    await page.getByLabel('Amount to redelegate').fill(formatEther(amount));
    await page.getByRole('button', { name: 'Redelegate', exact: true }).click();
    await page.getByText('Choose a sequencer to move to.').waitFor();

    await page.getByLabel('Move to').selectOption(String(to));
    await page.getByRole('button', { name: 'Redelegate', exact: true }).click();
    await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
    const [, fromAfter, , lastRedelegationAt] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [from, heidi.address] });
    const [, toAfter] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [to, heidi.address] });
    assert.equal(fromBefore - fromAfter, amount);
    assert.equal(toAfter - toBefore, amount);
    assert.ok(lastRedelegationAt > 0n, 'lastRedelegationAt > 0n');

    // The throttle: the form says when the position may move again, and refuses until then.
    await page.getByText(/You can redelegate from this position again/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Redelegate', exact: true }).isDisabled(), true);

    // The moved METIS stays liable for the source's slashes for one exit delay (docs/MECHANISMS.md §3.2): before signing, the
    // destination's forms say so and let only the rest of the position leave (the contract would revert StakeStillLiable).
    const [liability] = await l1.readContract({ ...staking, functionName: 'liabilityOf', args: [to, heidi.address] });
    assert.equal(liability.amount, amount);
    assert.equal(liability.fromId, from);
    const movable = toAfter - liability.amount;
    await page.context().close();
    page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/sequencers/${to}`, { account: heidi.address });
    await connectWallet(page);
    await page.getByRole('tab', { name: 'Undelegate' }).click();
    const note = page.getByTestId('liability-note').filter({ hasText: 'from Cobalt Labs' });
    await note.waitFor();
    assert.equal(await note.getAttribute('data-amount'), liability.amount.toString());
    assert.equal(await note.getAttribute('data-movable'), movable.toString());
    assert.equal(await note.getAttribute('data-until'), liability.until.toString());
    assert.match(
      await note.innerText(),
      new RegExp(
        `^${formatMetis(amount)} of this position came by redelegation from Cobalt Labs and stays liable for its slashes until .+; you can move at most ${formatMetis(movable)} now\\.$`,
      ),
    );
    const undelegate = page.getByRole('button', { name: 'Undelegate', exact: true });
    if (movable === 0n) {
      assert.equal(await undelegate.isDisabled(), true, 'nothing can leave');
    } else {
      // The whole position is refused before signing; at most `movable`.
      await page.getByLabel('Amount to undelegate').fill(formatEther(toAfter));
      await undelegate.click();
      await page.getByText(new RegExp(`^You can move at most ${formatMetis(movable)} now; the rest stays liable until `)).waitFor();
      assert.equal(await page.getByTestId('tx-status').count(), 0, 'nothing was sent');
      // The shortcut fills in what may leave, and the contract takes exactly that.
      await page.getByRole('button', { name: `Movable now: ${formatMetis(movable)}` }).click();
      assert.equal(await page.getByLabel('Amount to undelegate').inputValue(), formatMetis(movable, { digits: 18, symbol: false }));
      await undelegate.click();
      await page.locator('[data-testid="tx-status"][data-status="confirmed"]').waitFor();
      const [, left] = await l1.readContract({ ...staking, functionName: 'positionOf', args: [to, heidi.address] });
      assert.equal(left, liability.amount, 'the liable part stays');
      await page.getByTestId('liability-note').and(page.locator('[data-movable="0"]')).waitFor();
      assert.equal(await undelegate.isDisabled(), true, 'nothing more can leave until the liability ends');
    }
    await page.getByRole('tab', { name: 'Redelegate' }).click();
    await page.getByTestId('liability-note').waitFor();
    await page.context().close();
  });
});

describe('Sequencer page', () => {
  test('shows the stake history chart, the delegators and the epochs produced', async () => {
    const list = await apiGet(app.stack, '/sequencers');
    const s = list.items.find((x) => x.epochsProduced > 0 && x.delegatorCount > 0);
    assert.ok(s, 'the seed rotates epochs through a sequencer with delegators');
    const page = await openApp(app.browser, app.stack.urls.web, app.stack.deployment, `/sequencers/${s.id}`, {
      account: demoAccount(app.stack, 'Judy').address,
    });
    const chart = page.getByTestId('step-chart');
    await chart.waitFor();
    assert.match((await chart.getAttribute('aria-label')) ?? '', /^Total stake from .+ METIS on .+ to .+ METIS now/);
    assert.equal(await page.locator('[data-testid="delegators"] li').count(), Math.min(10, s.delegatorCount));
    assert.ok((await page.locator('[data-testid="epochs"] li').count()) >= 1, '(await page.locator(\'[data-testid="epochs"] li\').count()) >= 1');
    await page.context().close();
  });
});
