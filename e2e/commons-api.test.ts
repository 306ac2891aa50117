import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Hex } from 'viem';
import type { ClockedPage, ProposalItem } from '../lib/api';
import { MESSAGE_STATUSES } from '../lib/bus';
import { commonsGroupAbi, messageInboxAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { GOVERNOR_STATES } from '../lib/proposals';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { chainClient, demoAccount, type TestStack, useStack } from './harness/stack';

let stack: TestStack;
before(async () => {
  stack = await useStack();
});

const l2 = () => chainClient(stack, 'l2');
const governor = () => contractOf(stack.deployment, 'l2', 'CommonsGovernor');
const ve = () => contractOf(stack.deployment, 'l2', 'VeMetis');

const proposals = async () => (await apiGet(stack, '/proposals', { limit: 100 })).items;
const byTitle = async (prefix: string) => {
  const found = (await proposals()).find((p) => p.title.startsWith(prefix));
  assert.ok(found, `a seeded proposal "${prefix}…"`);
  return found;
};

describe('commons API', () => {
  test('the six seeded groups match the chain: members and pooled power', async () => {
    const registry = contractOf(stack.deployment, 'l2', 'CommonsRegistry');
    await eventually(async () => {
      const count = await l2().readContract({ ...registry, functionName: 'groupCount' });
      const body = await apiGet(stack, '/commons/groups');
      assert.equal(count, 6n);
      assert.equal(BigInt(body.items.length), count);
      const powers = body.items.map((g) => BigInt(g.pooledVotes));
      assert.deepEqual(
        powers,
        [...powers].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)),
        'largest pooled power first',
      );
      for (const g of body.items) {
        const members = await l2().readContract({ address: g.address, abi: commonsGroupAbi, functionName: 'memberCount' });
        assert.equal(BigInt(g.memberCount), members, `${g.name} members`);
        const votes = await l2().readContract({ ...ve(), functionName: 'getVotes', args: [g.address] });
        assert.equal(g.pooledVotes, votes.toString(), `${g.name} pooled power`);
        const roster = await apiGet(stack, '/commons/groups/:address/members', { address: g.address, limit: 100 });
        assert.equal(roster.items.length, g.memberCount, `${g.name} roster`);
        const power = await apiGet(stack, '/commons/groups/:address/power', { address: g.address, limit: 1 });
        assert.equal(power.items[0]?.votes, votes.toString(), `${g.name} latest power checkpoint`);
      }
      const builders = body.items.find((g) => g.name === 'Ecosystem Builders');
      assert.ok(builders && builders.participation.voted >= 2, 'the builders voted on the seeded proposals');
    });
  });

  test('every proposal state is present, each as the governor reports it', async () => {
    await eventually(async () => {
      const items = await proposals();
      for (const p of items) {
        const state = await l2().readContract({ ...governor(), functionName: 'state', args: [BigInt(p.id)] });
        assert.equal(p.state, GOVERNOR_STATES[state], `state of "${p.title}"`);
      }
      const states = new Set(items.map((p) => p.state));
      for (const s of ['active', 'defeated', 'succeeded', 'queued', 'executed', 'canceled', 'expired'] as const) assert.ok(states.has(s), `a ${s} proposal`);
      // Through the Eco Nodes (seed.ts): passed in the Commons, then rejected in ratification, so Defeated;
      // ratified and queued in the timelock (the seed queues it last; nobody executes it).
      const rejected = items.find((p) => p.title === 'Remove the timelock delay');
      assert.equal(rejected?.state, 'defeated', 'the proposal the Eco Nodes rejected is defeated');
      const queued = items.find((p) => p.title.startsWith('Award 200 Eco Node reputation to Bob'));
      assert.equal(queued?.state, 'queued', 'the ratified award waits in the timelock');
      // The seed's Pending proposal starts a minute after the seed: pending unless that minute is over.
      const pending = items.find((p) => p.title === 'Raise quorum to 5%');
      assert.ok(
        pending && (pending.state === 'pending' || pending.state === 'active'),
        "pending && (pending.state === 'pending' || pending.state === 'active')",
      );
      for (const s of ['executed', 'queued', 'canceled', 'defeated'] as const) {
        const body = await apiGet(stack, '/proposals', { state: s });
        assert.ok(body.items.length > 0 && body.items.every((p) => p.state === s), `?state=${s} filters`);
      }
    });
  });

  test('tallies equal proposalVotes on chain; deadlines include extensions; quorum is quorum(snapshot)', async () => {
    await eventually(async () => {
      for (const p of await proposals()) {
        const [against, forVotes, abstain] = await l2().readContract({ ...governor(), functionName: 'proposalVotes', args: [BigInt(p.id)] });
        assert.deepEqual([p.againstVotes, p.forVotes, p.abstainVotes], [against, forVotes, abstain].map(String), `tallies of "${p.title}"`);
        const [, deadline] = await l2().readContract({ ...governor(), functionName: 'proposalTimepoints', args: [BigInt(p.id)] });
        assert.equal(p.deadline, deadline.toString(), `deadline of "${p.title}" (with any extension)`);
        if (p.quorum !== null) {
          const quorum = await l2().readContract({ ...governor(), functionName: 'quorum', args: [BigInt(p.snapshot)] });
          assert.equal(p.quorum, quorum.toString(), `quorum of "${p.title}"`);
        }
      }
      const extended = await byTitle('Confirm the one-minute voting delay');
      assert.ok(extended.extended, 'the seed reaches quorum late on the housekeeping proposal');
    });
  });

  test('votes list groups with their members nested, and direct votes with reasons', async () => {
    await eventually(async () => {
      const active = await byTitle('Lower the proposal threshold');
      const body = await apiGet(stack, '/proposals/:id/votes', { id: active.id, limit: 100 });
      const groups = body.items.filter((b) => b.isGroup);
      assert.ok(groups.length >= 3, 'several groups voted');
      for (const b of groups) {
        assert.ok(b.members && b.members.length > 0, 'members under their group');
        const sum = b.members.reduce((s, m) => s + BigInt(m.weight), BigInt(b.remainder?.weight ?? 0));
        assert.equal(sum.toString(), b.weight, 'member votes (and remainder) make up the group ballot');
        assert.ok(
          b.members.every((m) => m.group === b.voter),
          'b.members.every((m) => m.group === b.voter)',
        );
      }
      const bob = body.items.find((b) => b.voter === demoAccount(stack, 'Bob').address.toLowerCase());
      assert.equal(bob?.votes?.[0]?.reason, 'More voices, better Commons.');
      const succeeded = await byTitle('Extend the late-quorum window');
      const withRemainder = await apiGet(stack, '/proposals/:id/votes', { id: succeeded.id });
      assert.ok(
        withRemainder.items.some((b) => b.remainder && BigInt(b.remainder.weight) > 0n),
        'a remainder cast',
      );
    });
  });

  test("a group's votes per proposal equal its ballots, with members and remainder; groups filter by steward", async () => {
    await eventually(async () => {
      const groups = await apiGet(stack, '/commons/groups');
      for (const g of groups.items) {
        const body = await apiGet(stack, '/commons/groups/:address/votes', { address: g.address, limit: 100 });
        assert.equal(body.items.length, g.participation.voted, `${g.name}: one entry per proposal it voted on`);
        for (const item of body.items) {
          const [against, forWeight, abstain, remainder, remainderCast] = await l2().readContract({
            address: g.address,
            abi: commonsGroupAbi,
            functionName: 'proposalTally',
            args: [BigInt(item.proposalId)],
          });
          const onChain = against + forWeight + abstain + (remainderCast ? remainder : 0n);
          assert.equal(item.weight, onChain.toString(), 'what the group cast, as its own tally says');
          const sum = (item.members ?? []).reduce((s, m) => s + BigInt(m.weight), 0n) + BigInt(item.remainder?.weight ?? 0);
          assert.equal(sum.toString(), item.weight, 'member votes and remainder make up what the group cast');
          assert.ok(
            item.members!.every((m) => m.group === g.address),
            'item.members!.every((m) => m.group === g.address)',
          );
        }
      }
      const steward = groups.items[0].steward;
      const stewarded = await apiGet(stack, '/commons/groups', { steward });
      assert.ok(
        stewarded.items.length >= 1 && stewarded.items.every((x) => x.steward === steward),
        'stewarded.items.length >= 1 && stewarded.items.every((x) => x.steward === steward)',
      );
    });
  });

  test('proposal detail decodes actions on known contracts; q searches case-insensitively', async () => {
    await eventually(async () => {
      const executed = await byTitle('Confirm the one-minute voting delay');
      const body = await apiGet(stack, '/proposals/:id', { id: executed.id });
      assert.match(body.description, /^# Confirm/);
      assert.deepEqual(body.actions[0].decoded, { contract: 'CommonsGovernor', functionName: 'setVotingDelay', args: [60] });
      const canceled = await byTitle('Halve the voting period');
      const unvoted = await apiGet(stack, '/proposals/:id', { id: canceled.id });
      const quorum = await l2().readContract({ ...governor(), functionName: 'quorum', args: [BigInt(canceled.snapshot)] });
      assert.equal(unvoted.quorum, quorum.toString(), 'quorum read from the chain when nobody voted');
      const found = await apiGet(stack, '/proposals', { q: 'QUORUM' });
      assert.ok(
        found.items.some((p) => p.title === 'Raise quorum to 5%'),
        "found.items.some((p) => p.title === 'Raise quorum to 5%')",
      );
      assert.ok(!found.items.some((p) => p.title === 'Halve the voting period'), 'only matches');
      const none = await apiGet(stack, '/proposals', { q: '%_nothing_like_this' });
      assert.equal(none.items.length, 0, 'wildcards are literal');
    });
  });

  test("an account's lock, power, delegatee and votes", async () => {
    const alice = demoAccount(stack, 'Alice').address;
    const carol = demoAccount(stack, 'Carol').address;
    await eventually(async () => {
      const body = await apiGet(stack, '/accounts/:address/lock', { address: alice });
      const [amount, , units] = await l2().readContract({ ...ve(), functionName: 'lockOf', args: [alice] });
      assert.deepEqual(body.lock && [body.lock.amount, body.lock.units], [amount.toString(), units.toString()]);
      assert.equal(body.votes, (await l2().readContract({ ...ve(), functionName: 'getVotes', args: [alice] })).toString());
      assert.equal(body.delegatee, alice.toLowerCase());
      const carolLock = await apiGet(stack, '/accounts/:address/lock', { address: carol });
      const groups = await apiGet(stack, '/commons/groups');
      assert.equal(carolLock.delegatee, groups.items.find((g) => g.name === 'Ecosystem Builders')?.address);
      const votes = await apiGet(stack, '/accounts/:address/votes', { address: carol });
      assert.ok(votes.items.length >= 2, 'votes.items.length >= 2');
      assert.ok(
        votes.items.every((v) => v.groupName === 'Ecosystem Builders' && v.proposalTitle),
        "votes.items.every((v) => v.groupName === 'Ecosystem Builders' && v.proposalTitle)",
      );
      const judy = await apiGet(stack, '/accounts/:address/lock', { address: demoAccount(stack, 'Judy').address });
      assert.deepEqual([judy.lock, judy.votes], [null, '0']);
    });
  });

  test('lists page with cursors: proposals two at a time add up to the whole list', async () => {
    const all = (await proposals()).map((p) => p.id);
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const body: ClockedPage<ProposalItem> = await apiGet(stack, '/proposals', { limit: 2, cursor: cursor || undefined });
      paged.push(...body.items.map((p) => p.id));
      cursor = body.nextCursor;
    }
    assert.deepEqual(paged, all);
  });

  test('timelock operations: the governor-queued ones carry their proposal; executed, queued and deploy-time ones are told apart', async () => {
    await eventually(async () => {
      const body = await apiGet(stack, '/timelock/operations', { limit: 100 });
      const executed = body.items.find((o) => o.proposalTitle?.startsWith('Confirm the one-minute voting delay'));
      assert.equal(executed?.status, 'executed');
      assert.ok(executed?.executedTx, 'executed?.executedTx');
      const queued = body.items.find((o) => o.proposalTitle?.startsWith('Award 200 Eco Node reputation'));
      assert.ok(queued && ['waiting', 'ready'].includes(queued.status), 'the queued proposal is a pending operation');
      assert.ok(
        body.items.some((o) => o.proposalId === null && o.status === 'executed'),
        'the deploy wiring ran through the timelock too',
      );
      const done = await apiGet(stack, '/timelock/operations', { status: 'executed', limit: 100 });
      assert.ok(
        done.items.every((o) => o.status === 'executed') && done.items.length >= 2,
        "done.items.every((o) => o.status === 'executed') && done.items.length >= 2",
      );
    });
    assert.match((await apiRefusal(stack, '/timelock/operations?status=late')).error, /status must be one of waiting, ready/);
  });

  test("the seed's failed L1 actions: one expired, one cancelled by governance, as the L1 inbox says, on the bus list and the timelines", async () => {
    const l1 = chainClient(stack, 'l1');
    const inbox = { address: stack.deployment.l1.contracts.MessageInbox.address, abi: messageInboxAbi } as const;
    const onL1 = async (id: Hex) => MESSAGE_STATUSES[await l1.readContract({ ...inbox, functionName: 'messageStatus', args: [id] })];
    await eventually(async () => {
      const [expired, cancelled] = await Promise.all(
        (['expired', 'cancelled'] as const).map(async (status) => (await apiGet(stack, '/bus/messages', { from: 'l2', status, limit: 100 })).items),
      );
      assert.ok(expired.length >= 1, 'an expired message');
      assert.ok(cancelled.length >= 1, 'a cancelled message');
      const now = (await l1.getBlock()).timestamp;
      for (const m of expired) {
        assert.equal(m.status, 'expired');
        assert.equal(await onL1(m.id), 'failed', 'failed on L1');
        const deadline = await l1.readContract({ ...inbox, functionName: 'retryDeadline', args: [m.id] });
        assert.equal(m.retryDeadline, deadline.toString());
        assert.ok(deadline < now, 'its retry window closed on the L1 clock');
      }
      for (const m of cancelled) assert.equal(await onL1(m.id), 'cancelled', 'cancelled on L1');
      const stagesOf = async (title: string) => (await apiGet(stack, '/proposals/:id/timeline', { id: (await byTitle(title)).id })).steps.map((x) => x.stage);
      const expiredStages = await stagesOf('Double the mining reward cap on L1');
      assert.ok(expiredStages.includes('l1-failed') && expiredStages.includes('l1-expired'), expiredStages.join(', '));
      const cancelledStages = await stagesOf('Set the mining reward to 1,500 METIS per block on L1');
      assert.ok(cancelledStages.includes('l1-failed') && cancelledStages.includes('l1-cancelled'), cancelledStages.join(', '));
    }, 20_000);
  });

  test('bad input answers 400 with the reason, unknown ids 404', async () => {
    assert.match((await apiRefusal(stack, '/proposals?state=zombie')).error, /state must be one of pending, active/);
    assert.match((await apiRefusal(stack, `/proposals?q=${'x'.repeat(101)}`)).error, /at most 100 characters/);
    assert.equal((await apiRefusal(stack, '/proposals/0x12')).status, 400);
    assert.equal((await apiRefusal(stack, '/proposals/12345')).status, 404);
    assert.equal((await apiRefusal(stack, '/proposals/12345/votes')).status, 404);
    assert.equal((await apiRefusal(stack, '/commons/groups/0x1234')).status, 400);
    assert.equal((await apiRefusal(stack, '/commons/groups/0x0000000000000000000000000000000000000001')).status, 404);
    assert.equal((await apiRefusal(stack, '/commons/groups/0x0000000000000000000000000000000000000001/members')).status, 404);
    assert.equal((await apiRefusal(stack, '/commons/groups/0x0000000000000000000000000000000000000001/votes')).status, 404);
    assert.match((await apiRefusal(stack, '/commons/groups?steward=0x12')).error, /^steward must be a 0x-prefixed/);
    assert.equal((await apiRefusal(stack, '/accounts/nope/lock')).status, 400);
    assert.match((await apiRefusal(stack, '/commons/groups?limit=0')).error, /between 1 and 100/);
  });
});
