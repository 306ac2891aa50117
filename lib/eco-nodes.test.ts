import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PromotionCandidate } from './api';
import {
  causeTotals,
  describeCause,
  etaOf,
  formatNodeParticipation,
  lifecycleAction,
  nextStage,
  promotionCriteria,
  ratificationProgress,
  reasonError,
  reputationPoints,
  stepNote,
} from './eco-nodes';

const E = 10n ** 18n;

test('reputation causes are earned, decayed or penalised', () => {
  assert.equal(describeCause('admission').kind, 'earned');
  assert.equal(describeCause('participation').kind, 'earned');
  assert.equal(describeCause('award').kind, 'earned');
  assert.equal(describeCause('decay').kind, 'decayed');
  for (const c of ['missed-ratification', 'slash', 'peer-penalty', 'removal']) assert.equal(describeCause(c).kind, 'penalised');
  const totals = causeTotals([
    { cause: 'admission', delta: (100n * E).toString() },
    { cause: 'decay', delta: (-3n * E).toString() },
    { cause: 'missed-ratification', delta: (-5n * E).toString() },
    { cause: 'participation', delta: E.toString() },
  ]);
  assert.deepEqual(totals, { earned: 101n * E, decayed: 3n * E, penalised: 5n * E });
});

test('reputation history becomes chart points, oldest first', () => {
  const points = reputationPoints([
    { timestamp: '300', reputation: '7' },
    { timestamp: '100', reputation: '10' },
    { timestamp: '200', reputation: '8' },
  ]);
  assert.deepEqual(points, [
    { t: 100, value: 10n },
    { t: 200, value: 8n },
    { t: 300, value: 7n },
  ]);
});

test('ratification progress: every vote counts toward quorum; it passes with quorum and more ratify than reject', () => {
  const p = ratificationProgress({ ratify: 30n, reject: 10n, abstain: 5n, quorum: 40n });
  assert.equal(p.cast, 45n);
  assert.equal(p.reached, true);
  assert.equal(p.quorumBps, 10_000);
  assert.equal(p.ratifyBps, 7_500);
  assert.equal(p.passes, true);
  const q = ratificationProgress({ ratify: 10n, reject: 10n, abstain: 0n, quorum: 40n });
  assert.equal(q.quorumBps, 5_000);
  assert.equal(q.passes, false);
  const tie = ratificationProgress({ ratify: 20n, reject: 20n, abstain: 10n, quorum: 40n });
  assert.equal(tie.reached, true);
  assert.equal(tie.passes, false, 'a tie is rejected');
  assert.equal(ratificationProgress({ ratify: 0n, reject: 0n, abstain: 0n, quorum: 40n }).ratifyBps, 0);
});

test('promotion criteria: one bar each, measured at every snapshot of the window', () => {
  const check = (pooledOk: boolean, membersOk: boolean, participated: boolean) => ({
    proposalId: '1',
    snapshot: '100',
    pooled: (500n * E).toString(),
    pooledThreshold: (1000n * E).toString(),
    members: '30',
    cast: '0',
    pooledOk,
    membersOk,
    participated,
  });
  const c: PromotionCandidate = {
    address: '0x0000000000000000000000000000000000000001',
    name: 'G',
    isGroup: true,
    seated: false,
    promoted: false,
    seatAvailable: true,
    withinRateLimit: true,
    age: String(45 * 86_400),
    minAge: String(90 * 86_400),
    window: '4',
    minMembers: '25',
    participated: '2',
    participationRequired: '2',
    windowFull: true,
    windowOk: false,
    eligible: false,
    demotable: false,
    checks: [check(false, true, true), check(true, true, true), check(true, true, false), check(true, true, false)],
  };
  const [pooled, members, age, part] = promotionCriteria(c);
  assert.equal(pooled.progressBps, 7_500);
  assert.equal(pooled.met, false, 'one snapshot short is not met');
  assert.equal(pooled.text, '3 of 4 snapshots · last 500 veMETIS of 1,000 veMETIS');
  assert.deepEqual(pooled.perSnapshot, [false, true, true, true]);
  assert.equal(members.met, true);
  assert.equal(members.progressBps, 10_000);
  assert.equal(age.text, '45 of 90 days');
  assert.equal(age.progressBps, 5_000);
  assert.equal(part.met, true);
  assert.equal(part.text, '2 of the last 4 · needs 2');
  const young = promotionCriteria({ ...c, windowFull: false, checks: [] });
  assert.equal(young[1].met, false, 'no history: nothing to judge');
  assert.match(young[3].text, /no closed proposals with quorum yet/);
});

test('the next lifecycle step anyone can take', () => {
  const open = { openedAt: 100, deadline: 400, settled: false, status: 'pending' as const };
  assert.deepEqual(lifecycleAction('active', undefined, 0, 50), undefined);
  assert.deepEqual(lifecycleAction('succeeded', undefined, 0, 50), { kind: 'open' });
  assert.deepEqual(lifecycleAction('succeeded', undefined, 0, 50, { openBy: 900 }), { kind: 'open', openBy: 900 }, 'with the time it must open by');
  assert.deepEqual(lifecycleAction('succeeded', undefined, 0, 50, { isOverride: true }), { kind: 'queue' }, 'an override skips ratification');
  assert.deepEqual(lifecycleAction('expired', undefined, 0, 50), undefined, 'expired: nothing to do');
  assert.deepEqual(lifecycleAction('succeeded', { ...open, openedAt: 0, deadline: 0 }, 0, 50), { kind: 'open' });
  assert.deepEqual(lifecycleAction('succeeded', open, 0, 400), { kind: 'vote', deadline: 400 }, 'the deadline is the last second of voting');
  assert.deepEqual(lifecycleAction('succeeded', open, 0, 401), { kind: 'settle' });
  assert.deepEqual(lifecycleAction('succeeded', { ...open, settled: true, status: 'ratified' }, 0, 500), { kind: 'queue' });
  assert.deepEqual(lifecycleAction('defeated', { ...open, settled: true, status: 'rejected' }, 0, 500), undefined);
  assert.deepEqual(
    lifecycleAction('defeated', { ...open, settled: true, status: 'rejected' }, 0, 500, { overrideFrom: 900 }),
    { kind: 'override', from: 900 },
    'rejected: the Commons may override it',
  );
  assert.deepEqual(lifecycleAction('expired', undefined, 0, 500, { overrideFrom: 900 }), { kind: 'override', from: 900 }, 'expired: likewise');
  assert.deepEqual(lifecycleAction('expired', undefined, 0, 500, { overrideFrom: 900, overridden: true }), undefined, 'once');
  assert.deepEqual(lifecycleAction('defeated', undefined, 0, 500, { overrideFrom: 900 }), undefined, 'defeated in the Commons: no override');
  assert.deepEqual(lifecycleAction('queued', { ...open, settled: true, status: 'ratified' }, 1000, 999), { kind: 'wait-eta', eta: 1000 });
  assert.deepEqual(lifecycleAction('queued', { ...open, settled: true, status: 'ratified' }, 1000, 1000), { kind: 'execute' });
  assert.deepEqual(lifecycleAction('executed', { ...open, settled: true, status: 'ratified' }, 1000, 2000), undefined);
});

test('the next stage of the timeline, with its time when known', () => {
  const base = [
    { stage: 'created' as const, at: '10' },
    { stage: 'voting-opens' as const, at: '20' },
    { stage: 'voting-closes' as const, at: '30' },
  ];
  assert.deepEqual(nextStage('active', base, { now: 25 }), { label: 'Voting closes', at: 30 });
  assert.equal(nextStage('succeeded', base, { now: 40, ratificationPeriod: 3 * 86_400 })?.label, 'Ratification opens');
  const opened = [...base, { stage: 'ratification-opened' as const, at: '40' }, { stage: 'ratification-closes' as const, at: '100' }];
  assert.deepEqual(nextStage('succeeded', opened, { now: 50 }), { label: 'Ratification closes', at: 100 });
  assert.equal(nextStage('succeeded', opened, { now: 101 })?.label, 'Ratification settled');
  const queued = [...base, { stage: 'queued' as const, at: '200', eta: '500' }];
  assert.equal(etaOf(queued), 500);
  assert.equal(nextStage('queued', queued, { now: 300 })?.at, 500);
  assert.equal(nextStage('executed', [...queued, { stage: 'executed' as const, at: '600' }], { now: 700 }), undefined);
  assert.equal(
    nextStage('executed', [...queued, { stage: 'executed' as const, at: '600' }, { stage: 'relayed' as const, at: '600' }], { now: 700, hasL1Actions: true })
      ?.label,
    'Executed on L1',
  );
  assert.equal(nextStage('defeated', base, { now: 700 }), undefined);
});

test('timeline facts come as data and read as sentences here', () => {
  const target = '0x1111111111111111111111111111111111111111';
  assert.match(stepNote({ stage: 'queued', at: '1', eta: '1767225600' }) ?? '', /^Executable from .*2026/);
  assert.equal(stepNote({ stage: 'queued', at: '1' }), undefined);
  assert.equal(
    stepNote({ stage: 'relayed', at: '1', nonce: '3', target }, () => 'Staking'),
    'Bus message #3 to Staking.',
  );
  assert.equal(
    stepNote({ stage: 'executed-on-l1', at: '1', targets: [target, target] }, () => 'Staking'),
    'Called Staking, Staking.',
  );
  assert.equal(stepNote({ stage: 'executed-on-l1', at: '1', targets: [] }), undefined);
  assert.equal(
    stepNote({ stage: 'l1-failed', at: '1', reason: `bad ${target}` }, () => 'X'),
    'Reverted: bad X',
  );
  assert.match(stepNote({ stage: 'override-proposed', at: '1', overrides: '42' }) ?? '', /override of proposal 42/);
  assert.equal(stepNote({ stage: 'created', at: '1' }), undefined);
});

test('reasons are at most 1024 bytes; participation reads as a share', () => {
  assert.equal(reasonError('ok'), undefined);
  assert.match(reasonError('é'.repeat(513)) ?? '', /1026/);
  assert.equal(formatNodeParticipation(null, 0, 0), 'no ratifications yet');
  assert.equal(formatNodeParticipation(0.75, 3, 1), '75% (3 of 4)');
});
