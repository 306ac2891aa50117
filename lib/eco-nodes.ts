import type { PromotionCandidate, ReputationEventItem, TimelineStage, TimelineStep } from './api';
import { formatBps, formatDateTime, formatDuration, formatMetis, formatVotes, shortAddress } from './format';
import type { ProposalState } from './proposals';

/** EcoNodeCouncil ratification votes: `castRatification(id, support, reason)`. */
export const RATIFICATION_SUPPORT = { reject: 0, ratify: 1, abstain: 2 } as const;
export type RatificationChoice = keyof typeof RATIFICATION_SUPPORT;
export const RATIFICATION_CHOICE_LABEL: Record<RatificationChoice, string> = { ratify: 'Ratify', reject: 'Reject', abstain: 'Abstain' };

/** The choice a ratification vote's support number stands for (undefined for a number the council refuses). */
export function ratificationChoice(support: number): RatificationChoice | undefined {
  return (Object.keys(RATIFICATION_SUPPORT) as RatificationChoice[]).find((c) => RATIFICATION_SUPPORT[c] === support);
}

/** A ratification vote's support number as a word. */
export function ratificationSupportLabel(support: number): string {
  const choice = ratificationChoice(support);
  return choice ? RATIFICATION_CHOICE_LABEL[choice] : `support ${support}`;
}

/** EcoNodeCouncil.Origin, in enum order: how a node got its seat (`PromotedGroup` is named 'promoted'). */
export const SEAT_ORIGINS = ['admitted', 'promoted'] as const;
export type SeatOrigin = (typeof SEAT_ORIGINS)[number];

/** EcoNodeCouncil.Cause, in enum order: why a node's reputation changed. */
export const REPUTATION_CAUSES = ['admission', 'participation', 'award', 'missed-ratification', 'decay', 'slash', 'peer-penalty', 'removal'] as const;
export type ReputationCause = (typeof REPUTATION_CAUSES)[number];

/**
 * EcoNodeCouncil.RatificationStatus, in enum order (CommonsGovernor.RatificationStatus numbers it the
 * same): `RATIFICATION_STATUSES[await council.read.ratificationStatus([id])]` names the chain's answer.
 */
export const RATIFICATION_STATUSES = ['pending', 'ratified', 'rejected'] as const;
export type RatificationStatus = (typeof RATIFICATION_STATUSES)[number];

/** The council's longest reason, in bytes (EcoNodeCouncil.MAX_REASON_LENGTH). */
export const MAX_REASON_BYTES = 1024;

/** A reason the council would refuse (too long), or undefined. */
export function reasonError(reason: string): string | undefined {
  const bytes = new TextEncoder().encode(reason).length;
  return bytes > MAX_REASON_BYTES ? `A reason can be at most ${MAX_REASON_BYTES} bytes; this one is ${bytes}.` : undefined;
}

/** Reputation amounts (18 decimals) for people: "1,250.5". */
export function formatReputation(value: bigint, opts: { digits?: number } = {}): string {
  return formatMetis(value, { digits: opts.digits ?? 2, symbol: false });
}

/** How a reputation change is grouped on the chart and in the list. */
export type CauseKind = 'earned' | 'decayed' | 'penalised';

const CAUSES: Record<ReputationCause, { kind: CauseKind; label: string }> = {
  admission: { kind: 'earned', label: 'Admission grant' },
  participation: { kind: 'earned', label: 'Ratification vote' },
  award: { kind: 'earned', label: 'Award by governance' },
  decay: { kind: 'decayed', label: 'Decay' },
  'missed-ratification': { kind: 'penalised', label: 'Missed a ratification' },
  slash: { kind: 'penalised', label: 'Slashed by governance' },
  'peer-penalty': { kind: 'penalised', label: 'Penalised by peers' },
  removal: { kind: 'penalised', label: 'Lost the seat' },
};

/** What a reputation change's cause means: earned / decayed / penalised, and a label. */
export function describeCause(cause: string): { kind: CauseKind; label: string } {
  return CAUSES[cause as ReputationCause] ?? { kind: 'penalised', label: cause };
}

/** A node's reputation history (the API lists newest first) as chart points, oldest first. */
export function reputationPoints(events: Pick<ReputationEventItem, 'timestamp' | 'reputation'>[]): { t: number; value: bigint }[] {
  return events.map((e) => ({ t: Number(e.timestamp), value: BigInt(e.reputation) })).sort((a, b) => a.t - b.t);
}

/** Sums of a node's changes by kind (each non-negative: how much was earned, decayed, penalised). */
export function causeTotals(events: Pick<ReputationEventItem, 'cause' | 'delta'>[]): Record<CauseKind, bigint> {
  const totals: Record<CauseKind, bigint> = { earned: 0n, decayed: 0n, penalised: 0n };
  for (const e of events) {
    const delta = BigInt(e.delta);
    totals[describeCause(e.cause).kind] += delta < 0n ? -delta : delta;
  }
  return totals;
}

function bps(part: bigint, whole: bigint): number {
  if (whole <= 0n) return part > 0n ? 10_000 : 0;
  const capped = part > whole ? whole : part;
  return Number((capped * 10_000n) / whole);
}

/**
 * Where a ratification stands: every vote (ratify, reject, abstain) counts toward the quorum; it
 * passes with the quorum and more ratify than reject weight (EcoNodeCouncil.settleRatification).
 */
export function ratificationProgress(r: { ratify: bigint; reject: bigint; abstain: bigint; quorum: bigint }) {
  const cast = r.ratify + r.reject + r.abstain;
  const reached = cast >= r.quorum;
  const decided = r.ratify + r.reject;
  return {
    cast,
    reached,
    quorumBps: bps(cast, r.quorum),
    /** Shares of ratify vs reject among the two. */
    ratifyBps: decided === 0n ? 0 : Number((r.ratify * 10_000n) / decided),
    rejectBps: decided === 0n ? 0 : Number((r.reject * 10_000n) / decided),
    /** What settling now would give. */
    passes: reached && r.ratify > r.reject,
  };
}

export interface Criterion {
  key: 'pooled' | 'members' | 'age' | 'participation';
  label: string;
  /** "8 of 10 snapshots". */
  text: string;
  progressBps: number;
  met: boolean;
  /** Per snapshot of the window, newest first: whether this criterion held there (absent for age). */
  perSnapshot?: boolean[];
}

/**
 * One bar per promotion criterion (docs/MECHANISMS.md §4.4), measured at each snapshot of the window (the last N closed
 * proposals that reached quorum, as EcoNodePromotion.progress reports): pooled ≥ 1% of the units at every
 * snapshot, ≥ minMembers delegators of ≥ 100 units at every snapshot, the group's age, and at least half of
 * its pooled units cast in enough of those proposals. A window with fewer counted proposals than required
 * meets no criterion but age (not enough history to judge).
 */
export function promotionCriteria(c: PromotionCandidate): Criterion[] {
  const window = Number(c.window);
  const checks = c.checks;
  const age = BigInt(c.age);
  const minAge = BigInt(c.minAge);
  const participated = Number(c.participated);
  const required = Number(c.participationRequired);
  const days = (s: bigint) => Number(s / 86_400n);
  const pooledAt = checks.filter((k) => k.pooledOk).length;
  const membersAt = checks.filter((k) => k.membersOk).length;
  const snapshots = (n: number) => `${n} of ${window} snapshot${window === 1 ? '' : 's'}`;
  const ratio = (n: number, of: number) => (of <= 0 ? 10_000 : Math.min(10_000, Math.floor((n * 10_000) / of)));
  const last = checks[0];
  return [
    {
      key: 'pooled',
      label: 'Pooled ≥ 1% at every snapshot',
      text: `${snapshots(pooledAt)}${last ? ` · last ${formatVotes(BigInt(last.pooled))} of ${formatVotes(BigInt(last.pooledThreshold))}` : ''}`,
      progressBps: ratio(pooledAt, window),
      met: c.windowFull && pooledAt === window,
      perSnapshot: checks.map((k) => k.pooledOk),
    },
    {
      key: 'members',
      label: `${c.minMembers} members of 100+ units at every snapshot`,
      text: `${snapshots(membersAt)}${last ? ` · last ${last.members} of ${c.minMembers}` : ''}`,
      progressBps: ratio(membersAt, window),
      met: c.windowFull && membersAt === window,
      perSnapshot: checks.map((k) => k.membersOk),
    },
    {
      key: 'age',
      label: 'Age',
      text: minAge >= 86_400n ? `${days(age)} of ${days(minAge)} days` : `${formatDuration(Number(age))} of ${formatDuration(Number(minAge))}`,
      progressBps: bps(age, minAge),
      met: age >= minAge,
    },
    {
      key: 'participation',
      label: 'Cast half its votes in recent proposals',
      text:
        checks.length === 0
          ? `no closed proposals with quorum yet (needs ${window})`
          : `${participated} of the last ${checks.length}${c.windowFull ? '' : ` (window needs ${window})`} · needs ${required}`,
      progressBps: ratio(participated, required),
      met: c.windowFull && participated >= required,
      perSnapshot: checks.map((k) => k.participated),
    },
  ];
}

/** The governor's ProposalState, in enum order: the one vocabulary of lib/proposals.ts. */
export { GOVERNOR_STATES } from './proposals';
export type GovernorState = ProposalState;

/** What EcoNodeCouncil.ratification(id) says, reduced to what the buttons need. */
export interface RatificationOnChain {
  openedAt: number;
  /** Last second of voting. */
  deadline: number;
  settled: boolean;
  status: RatificationStatus;
}

export type LifecycleAction =
  | { kind: 'open'; openBy?: number }
  | { kind: 'vote'; deadline: number }
  | { kind: 'settle' }
  | { kind: 'queue' }
  | { kind: 'wait-eta'; eta: number }
  | { kind: 'execute' }
  | { kind: 'override'; from: number };

/**
 * The lifecycle step anyone can take now on a proposal (docs/MECHANISMS.md §6), from the governor's state, the
 * council's ratification and the timelock's eta, at chain time `now`: open the ratification of a
 * succeeded proposal; vote on it until its deadline (inclusive), settle it after; queue once
 * ratified; execute once the eta has passed (before: wait for it). Undefined when nothing is due.
 * A Commons override needs no ratification: queue it once it succeeded. `openBy` (the governor's
 * ratificationDeadline) rides on `open`: after it the governor reports Expired and nothing is due.
 */
export function lifecycleAction(
  state: GovernorState,
  r: RatificationOnChain | undefined,
  eta: number,
  now: number,
  opts: { isOverride?: boolean; openBy?: number; overrideFrom?: number; overridden?: boolean } = {},
): LifecycleAction | undefined {
  // docs/MECHANISMS.md §4.3: a proposal the council rejected, or let expire, can be proposed again as a Commons override
  // (from `overrideFrom`: its vote's end plus the cool-off), once.
  const refused = state === 'expired' || (state === 'defeated' && r?.settled === true && r.status === 'rejected');
  if (refused) return opts.overrideFrom === undefined || opts.overridden || opts.isOverride ? undefined : { kind: 'override', from: opts.overrideFrom };
  if (state === 'succeeded') {
    if (opts.isOverride) return { kind: 'queue' };
    if (!r || r.openedAt === 0) return opts.openBy === undefined ? { kind: 'open' } : { kind: 'open', openBy: opts.openBy };
    if (!r.settled) return now <= r.deadline ? { kind: 'vote', deadline: r.deadline } : { kind: 'settle' };
    if (r.status === 'ratified') return { kind: 'queue' };
    return undefined;
  }
  if (state === 'queued') return eta > 0 && now < eta ? { kind: 'wait-eta', eta } : { kind: 'execute' };
  return undefined;
}

/** What each timeline stage is called. */
export const STAGE_LABEL: Record<TimelineStage, string> = {
  created: 'Proposed',
  'voting-opens': 'Voting opens',
  'voting-closes': 'Voting closes',
  'ratification-opened': 'Ratification opened',
  'ratification-ratified': 'Ratified by the Eco Nodes',
  'ratification-rejected': 'Rejected by the Eco Nodes',
  'ratification-closes': 'Ratification closes',
  'ratification-opens-by': 'Ratification must open by',
  expired: 'Expired: ratification was not opened in time',
  'override-proposed': 'Commons override proposed',
  queued: 'Queued in the timelock',
  executed: 'Executed',
  canceled: 'Canceled',
  relayed: 'Relayed to L1',
  'executed-on-l1': 'Executed on L1',
  'l1-failed': 'Failed on L1',
  'l1-retry-closes': 'Retries on L1 close',
  'l1-expired': 'Expired on L1',
  'l1-cancelled': 'Cancelled on L1',
};

/** When the queued proposal can execute (the queued step's eta), if known. */
export function etaOf(steps: Pick<TimelineStep, 'stage' | 'eta'>[]): number | undefined {
  const eta = steps.find((s) => s.stage === 'queued')?.eta;
  return eta === undefined ? undefined : Number(eta);
}

/** What a timeline step's facts mean, in a sentence (undefined when the label says it all). */
export function stepNote(step: TimelineStep, name: (address: string) => string = shortAddress): string | undefined {
  switch (step.stage) {
    case 'override-proposed':
      return `Commons override of proposal ${step.overrides ?? '?'}: it needs For ≥ 2/3 of the votes cast and twice the quorum, and no ratification.`;
    case 'queued':
      return step.eta === undefined ? undefined : `Executable from ${formatDateTime(Number(step.eta))}.`;
    case 'relayed':
      return step.nonce === undefined ? undefined : `Bus message #${step.nonce}${step.target ? ` to ${name(step.target)}` : ''}.`;
    case 'executed-on-l1':
      return step.targets?.length ? `Called ${step.targets.map(name).join(', ')}.` : undefined;
    case 'l1-failed':
      return step.reason ? `Reverted: ${step.reason.replace(/0x[0-9a-fA-F]{40}/g, name).slice(0, 80)}` : undefined;
    case 'l1-cancelled':
      return 'Governance cancelled it: it will never execute.';
    case 'l1-expired':
      return 'Its retry window closed: it can no longer execute.';
    case 'l1-retry-closes':
      return 'Anyone can retry it until then, unless a later governance action has executed; governance can cancel it.';
    default:
      return undefined;
  }
}

/**
 * The stage that comes next and its time if known, after the steps that happened (docs/MECHANISMS.md §6), from
 * the proposal's state. `timelockDelay` (seconds) dates execution from the queueing when no eta is
 * given. Undefined when the proposal has reached an end.
 */
export function nextStage(
  state: string,
  steps: Pick<TimelineStep, 'stage' | 'at' | 'eta'>[],
  opts: { now: number; ratificationPeriod?: number; hasL1Actions?: boolean; isOverride?: boolean } = { now: 0 },
): { label: string; at?: number; note?: string } | undefined {
  const has = (s: TimelineStage) => steps.some((x) => x.stage === s);
  const at = (s: TimelineStage) => {
    const v = steps.find((x) => x.stage === s)?.at;
    return v === null || v === undefined ? undefined : Number(v);
  };
  switch (state) {
    case 'pending':
      return { label: 'Voting opens', at: at('voting-opens') };
    case 'active':
      return { label: 'Voting closes', at: at('voting-closes') };
    case 'succeeded': {
      if (opts.isOverride) return { label: 'Queued in the timelock', note: 'A Commons override needs no ratification: anyone can queue it now.' };
      if (!has('ratification-opened')) {
        const openBy = at('ratification-opens-by');
        return {
          label: 'Ratification opens',
          at: openBy,
          note:
            'Anyone can open it now' +
            (openBy !== undefined ? `; it must open by ${formatDateTime(openBy)} or the proposal expires` : '') +
            '; the Eco Nodes then have ' +
            (opts.ratificationPeriod ? formatDuration(opts.ratificationPeriod) : 'the ratification period') +
            ' to vote.',
        };
      }
      if (has('ratification-closes')) {
        const closes = at('ratification-closes');
        if (closes !== undefined && opts.now > closes) return { label: 'Ratification settled', note: 'Anyone can settle it now.' };
        return { label: 'Ratification closes', at: closes };
      }
      return { label: 'Queued in the timelock', note: 'Anyone can queue it now.' };
    }
    case 'queued':
      return { label: 'Executed', at: etaOf(steps), note: 'Anyone can execute it once the timelock delay has passed.' };
    case 'executed':
      if (!opts.hasL1Actions) return undefined;
      if (!has('relayed')) return undefined;
      if (!has('executed-on-l1') && !has('l1-failed'))
        return { label: 'Executed on L1', note: 'The committee attests the message and delivers it to the L1 executor.' };
      return undefined;
    default:
      return undefined;
  }
}

/** "12.5%" for a participation share 0..1, or "no ratifications yet". */
export function formatNodeParticipation(p: number | null, votesCast: number, missed: number): string {
  if (p === null) return 'no ratifications yet';
  return `${formatBps(Math.round(p * 10_000))} (${votesCast} of ${votesCast + missed})`;
}
