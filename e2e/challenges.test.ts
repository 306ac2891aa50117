import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Address, createWalletClient, encodeFunctionData, http } from 'viem';
import { DEMO_NAMES, OPERATORS } from '../contracts/script/seed';
import { CHALLENGE_STATUSES, type ChallengeStatus, kindValue, slashReason } from '../lib/challenges';
import { ecoNodeCouncilAbi, l2MetisAbi, messageInboxAbi, messageOutboxAbi, sequencerChallengesAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { SEQUENCER_STATUS } from '../lib/sequencers';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { connectWallet, openApp, txConfirmed } from './harness/browser';
import { send } from './harness/l2';
import { advanceTime, chainClient, demoAccount, type TestStack } from './harness/stack';
import { appSuite } from './harness/suite';

// Accountability end to end (docs/MECHANISMS.md §4.4, §4.5): a challenge filed in the app, upheld by the Eco
// Nodes in the app, carried to L1 by the bus (slash and jail), the operator's unjail; a rejected challenge;
// the council's decisive pause of the bus inbox. Real chains, indexer, relayer and app.

const app = appSuite();

function contracts(stack: TestStack) {
  const d = stack.deployment;
  return {
    staking: contractOf(d, 'l1', 'SequencerStaking'),
    l1Token: contractOf(d, 'l1', 'MetisToken'),
    set: contractOf(d, 'l2', 'SequencerSet'),
    challenges: contractOf(d, 'l2', 'SequencerChallenges'),
    council: contractOf(d, 'l2', 'EcoNodeCouncil'),
    l2Token: contractOf(d, 'l2', 'L2Metis'),
    l2Inbox: contractOf(d, 'l2', 'MessageInbox'),
  };
}

/** The current epoch, once its sequencer is not one of `avoid` (waits for rotations). */
async function epochNotBy(stack: TestStack, avoid: bigint[]) {
  const { set, staking } = contracts(stack);
  let found: { epoch: bigint; sequencerId: bigint } | undefined;
  await eventually(async () => {
    const [epoch, info] = await chainClient(stack, 'l2').readContract({ ...set, functionName: 'currentEpoch' });
    const status = SEQUENCER_STATUS[await chainClient(stack, 'l1').readContract({ ...staking, functionName: 'statusOf', args: [info.sequencerId] })];
    assert.ok(!avoid.includes(info.sequencerId) && status === 'active', `epoch ${epoch} is sequencer ${info.sequencerId}'s`);
    found = { epoch, sequencerId: info.sequencerId };
  }, 300_000);
  return found!;
}

/** The Eco Nodes' seats whose voter is a demo account: [node, voter]. */
async function seats(stack: TestStack): Promise<{ node: Address; voter: Address; name: string }[]> {
  const { council } = contracts(stack);
  const l2 = chainClient(stack, 'l2');
  const nodes = await l2.readContract({ ...council, functionName: 'nodes' });
  const out = [];
  for (const node of nodes) {
    const voter = await l2.readContract({ ...council, functionName: 'voterOf', args: [node] });
    const demo = stack.deployment.demoAccounts?.find((a) => a.address.toLowerCase() === voter.toLowerCase());
    if (demo) out.push({ node, voter, name: demo.name });
  }
  return out;
}

/** Votes on challenge `id` from the chain's side, seat by seat, until its outcome is `want`. */
async function voteUntil(stack: TestStack, id: bigint, uphold: boolean, want: ChallengeStatus, skip: Address[] = []) {
  const { challenges } = contracts(stack);
  const l2 = chainClient(stack, 'l2');
  const outcome = async () => CHALLENGE_STATUSES[await l2.readContract({ ...challenges, functionName: 'outcome', args: [id] })];
  for (const s of await seats(stack)) {
    if ((await outcome()) === want) return;
    if (skip.includes(s.node) || (await l2.readContract({ ...challenges, functionName: 'hasVoted', args: [id, s.node] }))) continue;
    await send(stack, s.voter, {
      address: challenges.address,
      data: encodeFunctionData({ abi: sequencerChallengesAbi, functionName: 'vote', args: [s.node, id, uphold, 'e2e: decided on the evidence'] }),
    });
  }
  assert.equal(await outcome(), want, 'the seats decided it');
}

describe('Challenges and decisive action', () => {
  test('a challenge filed in the app is upheld by the Eco Nodes in the app; the bus slashes and jails on L1; the operator unjails', async () => {
    const { stack } = app;
    const { staking, l1Token, set, challenges, l2Token } = contracts(stack);
    const l1 = chainClient(stack, 'l1');
    const l2 = chainClient(stack, 'l2');
    const ivan = demoAccount(stack, 'Ivan');
    // Not sequencers 2..4 (the staking flows move stake between them) nor the seed's jailed one.
    const { epoch, sequencerId } = await epochNotBy(stack, [2n, 3n, 4n, 5n]);
    const delegators = await apiGet(stack, '/sequencers/:id/delegators', { id: sequencerId.toString(), limit: 1 });
    const delegator = delegators.items[0].account;
    const [selfBefore, [, valueBefore], l1Before, l2Before] = await Promise.all([
      l1.readContract({ ...staking, functionName: 'selfLockOf', args: [sequencerId] }),
      l1.readContract({ ...staking, functionName: 'positionOf', args: [sequencerId, delegator] }),
      l1.readContract({ ...l1Token, functionName: 'balanceOf', args: [ivan.address] }),
      l2.readContract({ ...l2Token, functionName: 'balanceOf', args: [ivan.address] }),
    ]);
    const { bond, severityBps } = await l2.readContract({ ...challenges, functionName: 'params' });

    // Ivan files it from the sequencer page: approve the bond, then challenge.
    let page = await openApp(app.browser, stack.urls.web, stack.deployment, `/sequencers/${sequencerId}`, {
      account: ivan.address,
      chainId: stack.deployment.l2.chainId,
    });
    await connectWallet(page);
    const form = page.getByTestId('challenge-form');
    await form.getByText('Censorship', { exact: true }).click();
    await form.getByLabel('Epoch').selectOption(epoch.toString());
    await form.getByRole('button', { name: 'File the challenge' }).click();
    await form.getByRole('alert').filter({ hasText: 'Give a link to the evidence.' }).waitFor();
    await form.getByLabel('Evidence link').fill('https://forum.example/t/e2e-censored-withdrawals');
    await form.getByRole('button', { name: 'File the challenge' }).click();
    await txConfirmed(form);
    const id = (await l2.readContract({ ...challenges, functionName: 'challengeCount' })) - 1n;
    const filed = await l2.readContract({ ...challenges, functionName: 'getChallenge', args: [id] });
    assert.equal(filed.challenger, ivan.address);
    assert.equal(filed.epoch, epoch);
    assert.equal(filed.kind, kindValue('censorship'));
    assert.equal(await l2.readContract({ ...l2Token, functionName: 'balanceOf', args: [ivan.address] }), l2Before - bond, 'the bond is posted');
    await page.context().close();

    // One Eco Node upholds it from the Eco Nodes page, with a reason; the others from their wallets.
    const [first] = await seats(stack);
    page = await openApp(app.browser, stack.urls.web, stack.deployment, '/eco-nodes', { account: first.voter, chainId: stack.deployment.l2.chainId });
    await connectWallet(page);
    const item = page.locator(`[data-testid="challenge"][data-id="${id}"]`);
    await item.getByLabel('Reason (public)').fill('The withdrawals in the evidence were held back for hours.');
    await item.getByRole('button', { name: 'Uphold', exact: true }).click();
    await txConfirmed(item);
    await item.getByTestId('challenge-vote').filter({ hasText: 'The withdrawals in the evidence were held back for hours.' }).waitFor({ timeout: 10_000 });
    await page.context().close();
    await voteUntil(stack, id, true, 'upheld', [first.node]);
    const upheldAt = Date.now();

    // The keeper resolves it; the bus carries the slash; on L1 the pool loses exactly the fraction.
    await eventually(async () => {
      assert.equal(SEQUENCER_STATUS[await l1.readContract({ ...staking, functionName: 'statusOf', args: [sequencerId] })], 'jailed', 'jailed on L1');
    }, 60_000);
    console.log(`challenge #${id}: upheld → slashed and jailed on L1 in ${((Date.now() - upheldAt) / 1000).toFixed(1)} s`);
    const fraction = BigInt(severityBps[kindValue('censorship')]);
    const [selfAfter, [, valueAfter]] = await Promise.all([
      l1.readContract({ ...staking, functionName: 'selfLockOf', args: [sequencerId] }),
      l1.readContract({ ...staking, functionName: 'positionOf', args: [sequencerId, delegator] }),
    ]);
    const near = (a: bigint, b: bigint, what: string) => assert.ok(a - b <= 2n && b - a <= 2n, `${what}: ${a} vs ${b}`);
    near(selfAfter, selfBefore - (selfBefore * fraction) / 10_000n, 'the self-lock shrinks by the fraction');
    near(valueAfter, valueBefore - (valueBefore * fraction) / 10_000n, "a delegator's position shrinks by the fraction");
    const [slashed] = await l1
      .getContractEvents({ ...staking, eventName: 'Slashed', args: { sequencerId }, fromBlock: 0n, strict: true })
      .then((e) => e.filter((x) => x.args.reason === slashReason(id)));
    assert.ok(slashed, 'the slash names the challenge');
    assert.equal(
      await l1.readContract({ ...l1Token, functionName: 'balanceOf', args: [ivan.address] }),
      l1Before + slashed.args.reward,
      "the challenger's reward on L1",
    );
    assert.ok(slashed.args.reward > 0n, 'slashed.args.reward > 0n');
    assert.equal(await l2.readContract({ ...l2Token, functionName: 'balanceOf', args: [ivan.address] }), l2Before, 'the bond came back');

    // The index and the pages say so; the jail reaches L2 and rotation passes it by.
    await eventually(async () => {
      const body = await apiGet(stack, '/challenges/:id', { id: id.toString() });
      assert.equal(body.challenge.status, 'upheld');
      assert.ok(body.slash, 'the L1 slash is linked');
      assert.equal(body.votes.length >= 2, true);
    }, 20_000);
    await eventually(async () => {
      assert.equal(await l2.readContract({ ...set, functionName: 'weightOf', args: [sequencerId] }), 0n);
    }, 30_000);
    // The delegator's dashboard says how much the slash took and why.
    page = await openApp(app.browser, stack.urls.web, stack.deployment, '/', { account: delegator });
    await connectWallet(page);
    const mine = page.getByTestId('my-slash').filter({ hasText: `challenge #${id} upheld` });
    await mine.waitFor({ timeout: 15_000 });
    near(BigInt((await mine.getAttribute('data-amount'))!), valueBefore - valueAfter, 'the dashboard shows what the position lost');
    await page.context().close();
    page = await openApp(app.browser, stack.urls.web, stack.deployment, '/rewards', { account: delegator });
    await connectWallet(page);
    await page
      .getByTestId('my-slash')
      .filter({ hasText: `challenge #${id} upheld` })
      .waitFor({ timeout: 15_000 });
    await page.context().close();
    page = await openApp(app.browser, stack.urls.web, stack.deployment, `/sequencers/${sequencerId}`, { account: ivan.address });
    await page.getByTestId('jailed-banner').waitFor({ timeout: 15_000 });
    await page
      .getByTestId('stake-event-reason')
      .filter({ hasText: `Challenge #${id} upheld` })
      .first()
      .waitFor();
    await page.locator(`[data-testid="challenge"][data-id="${id}"][data-status="upheld"]`).waitFor();
    await page.context().close();
    const [next] = await l2.readContract({ ...set, functionName: 'currentEpoch' });
    await eventually(async () => {
      const [n, info] = await l2.readContract({ ...set, functionName: 'currentEpoch' });
      assert.ok(n > next, 'a rotation happened');
      assert.notEqual(info.sequencerId, sequencerId, 'a jailed sequencer is never picked');
    }, 60_000);

    // After the jail period its operator unjails it from the page.
    const jailPeriod = await l1.readContract({ ...staking, functionName: 'jailPeriod' });
    await advanceTime(stack, Number(jailPeriod) + 1);
    // Seeded sequencer ids follow OPERATORS' order.
    const operator = demoAccount(stack, DEMO_NAMES[OPERATORS[Number(sequencerId) - 1].demoIndex]);
    page = await openApp(app.browser, stack.urls.web, stack.deployment, `/sequencers/${sequencerId}`, { account: operator.address });
    await connectWallet(page);
    await page.getByRole('region', { name: 'Jailed', exact: true }).getByRole('button', { name: 'Unjail' }).click();
    await txConfirmed(page.getByRole('region', { name: 'Unjailed', exact: true }));
    assert.equal(SEQUENCER_STATUS[await l1.readContract({ ...staking, functionName: 'statusOf', args: [sequencerId] })], 'active', 'active again');
    await page.context().close();
  });

  test('a challenge the Eco Nodes reject forfeits its bond to the treasury', async () => {
    const { stack } = app;
    const { challenges, l2Token, set } = contracts(stack);
    const l2 = chainClient(stack, 'l2');
    const judy = demoAccount(stack, 'Judy');
    const treasury = stack.deployment.l2.contracts.Timelock.address;
    const [epoch] = await l2.readContract({ ...set, functionName: 'currentEpoch' });
    const { bond } = await l2.readContract({ ...challenges, functionName: 'params' });
    const before = await l2.readContract({ ...l2Token, functionName: 'balanceOf', args: [treasury] });
    await send(stack, judy.address, {
      address: l2Token.address,
      data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'approve', args: [challenges.address, bond] }),
    });
    await send(stack, judy.address, {
      address: challenges.address,
      data: encodeFunctionData({
        abi: sequencerChallengesAbi,
        functionName: 'challenge',
        args: [epoch, kindValue('invalid-blocks'), 'https://forum.example/t/e2e-not-invalid'],
      }),
    });
    const id = (await l2.readContract({ ...challenges, functionName: 'challengeCount' })) - 1n;
    await voteUntil(stack, id, false, 'rejected');
    await eventually(async () => {
      const body = await apiGet(stack, '/challenges', { status: 'rejected' });
      assert.ok(
        body.items.some((c) => c.id === id.toString() && c.bondTo?.toLowerCase() === treasury.toLowerCase()),
        'body.items.some((c) => c.id === id.toString() && c.bondTo?.toLowerCase() === treasury.toLowerCase())',
      );
    }, 30_000);
    assert.equal(await l2.readContract({ ...l2Token, functionName: 'balanceOf', args: [treasury] }), before + bond, 'the bond reached the treasury');
    assert.match((await apiRefusal(stack, '/challenges?status=maybe')).error, /status must be one of/);
  });

  test("the council's decisive motion pauses the L2 inbox: a stake change waits; the unpause motion lets it through; nothing is lost", async () => {
    const { stack } = app;
    const { council, l2Inbox, set, staking, l1Token } = contracts(stack);
    const l1 = chainClient(stack, 'l1');
    const l2 = chainClient(stack, 'l2');
    const actionDelay = (await l2.readContract({ ...council, functionName: 'params' })).actionDelay;
    const motion = async (functionName: 'pause' | 'unpause') => {
      const [opener, ...others] = await seats(stack);
      const data = encodeFunctionData({ abi: messageInboxAbi, functionName });
      await send(stack, opener.voter, {
        address: council.address,
        data: encodeFunctionData({
          abi: ecoNodeCouncilAbi,
          functionName: 'proposeAction',
          args: [opener.node, l2Inbox.address, data, `e2e: ${functionName} the bridge`],
        }),
      });
      const id = (await l2.readContract({ ...council, functionName: 'motionCount' })) - 1n;
      for (const s of others) {
        if ((await l2.readContract({ ...council, functionName: 'motion', args: [id] })).passedAt !== 0) break;
        await send(stack, s.voter, {
          address: council.address,
          data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'voteMotion', args: [s.node, id] }),
        });
      }
      await advanceTime(stack, Number(actionDelay) + 1);
      await send(stack, opener.voter, {
        address: council.address,
        data: encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'executeAction', args: [id] }),
      });
    };

    await motion('pause');
    assert.equal(await l2.readContract({ ...l2Inbox, functionName: 'paused' }), true);
    // A delegation on L1 while the L2 inbox is paused: its sync waits.
    const heidi = demoAccount(stack, 'Heidi');
    const wallet = createWalletClient({ chain: toViemChain(stack.deployment.l1), transport: http(stack.deployment.l1.rpcUrl), account: heidi.address });
    const target = 1n;
    const amount = 10n ** 18n * 25n;
    const stakeBefore = (await l2.readContract({ ...set, functionName: 'getSequencer', args: [target] })).stake;
    const nonceBefore = await l2.readContract({ ...l2Inbox, functionName: 'nextNonce' });
    await l1.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...l1Token, functionName: 'approve', args: [staking.address, amount] }) });
    await l1.waitForTransactionReceipt({ hash: await wallet.writeContract({ ...staking, functionName: 'delegate', args: [target, amount] }) });
    await new Promise((r) => setTimeout(r, 5_000)); // several relayer passes
    assert.equal(await l2.readContract({ ...l2Inbox, functionName: 'nextNonce' }), nonceBefore, 'nothing executes while paused');
    assert.equal((await l2.readContract({ ...set, functionName: 'getSequencer', args: [target] })).stake, stakeBefore);

    await motion('unpause');
    await eventually(async () => {
      const onL1 = await l1.readContract({ ...staking, functionName: 'totalStakeOf', args: [target] });
      assert.equal((await l2.readContract({ ...set, functionName: 'getSequencer', args: [target] })).stake, onL1, 'the waiting sync arrived');
    }, 30_000);
    const sent = await l1.readContract({ address: stack.deployment.l1.contracts.MessageOutbox.address, abi: messageOutboxAbi, functionName: 'nextNonce' });
    await eventually(async () => {
      assert.equal(await l2.readContract({ ...l2Inbox, functionName: 'nextNonce' }), sent, 'every L1 message executed, none lost');
    }, 30_000);
  });
});
