import { index, onchainTable } from 'ponder';

// Every list of the API (indexer/src/api) has an index on its filter columns followed by its sort
// columns (the keyset cursor's key, then id), so that a page is one index range read backwards with no
// sort; `npx tsx scripts/explain.ts` prints each hot query's plan against a PostgreSQL.

/**
 * One row per (METIS transfer, account it touches): a transfer between two accounts is stored
 * under each of them, so that "an account's transfers" is one index range scan, newest first.
 */
export const accountTransfer = onchainTable(
  'account_transfer',
  (t) => ({
    /** `${chainId}-${block:012}-${logIndex:06}-${direction}`: sorts like the chain does. */
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    chainId: t.integer().notNull(),
    /** `in`, `out`, or `self` for a transfer to oneself. */
    direction: t.text().notNull(),
    counterparty: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    byAccountNewest: index().on(table.account, table.timestamp, table.id),
    byAccountChainNewest: index().on(table.account, table.chainId, table.timestamp, table.id),
  }),
);

/** A sequencer as of its latest event (state read from the staking contract at that block). */
export const sequencer = onchainTable(
  'sequencer',
  (t) => ({
    id: t.bigint().primaryKey(),
    owner: t.hex().notNull(),
    signer: t.hex().notNull(),
    /** active | jailed | unlocking | exited */
    status: t.text().notNull(),
    selfLock: t.bigint().notNull(),
    delegated: t.bigint().notNull(),
    totalStake: t.bigint().notNull(),
    unbonding: t.bigint().notNull(),
    commissionBps: t.integer().notNull(),
    pendingCommissionBps: t.integer().notNull(),
    commissionEffectiveAt: t.bigint().notNull(),
    jailedUntil: t.bigint().notNull(),
    unlockAt: t.bigint().notNull(),
    metadataURI: t.text().notNull(),
    delegatorCount: t.integer().notNull(),
    registeredAt: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({
    // `/names` looks a sequencer up by its operator or its signer.
    byOwner: index().on(table.owner),
    bySigner: index().on(table.signer),
  }),
);

/** A delegator's position behind a sequencer. */
export const position = onchainTable(
  'position',
  (t) => ({
    /** `${sequencerId}-${account}` */
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    shares: t.bigint().notNull(),
    /** METIS value at the last change (the live value is read from the chain). */
    value: t.bigint().notNull(),
    /** Rewards paid out to the account from this position, and restaked into it. */
    claimed: t.bigint().notNull(),
    compounded: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ byAccount: index().on(table.account, table.value), bySequencer: index().on(table.sequencerId, table.value, table.id) }),
);

/** A position's shares from a block on (one row per change), to tell each epoch's reward per position. */
export const positionShares = onchainTable(
  'position_shares',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    shares: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ byAccount: index().on(table.account, table.sequencerId, table.blockNumber) }),
);

/**
 * One epoch's rewards as applied on L1 (RewardsDistributor.EpochRewarded), completed by the staking
 * contract's RewardDistributed of the same transaction: commission, the stakers' part and the shares
 * it was spread over.
 */
export const rewardEpoch = onchainTable(
  'reward_epoch',
  (t) => ({
    id: t.bigint().primaryKey(),
    sequencerId: t.bigint().notNull(),
    blocks: t.bigint().notNull(),
    mining: t.bigint().notNull(),
    revenue: t.bigint().notNull(),
    /** false: the sequencer was not active on L1 (no mining; revenue to the treasury). */
    paidToSequencer: t.boolean().notNull(),
    /** Mining and revenue due but not paid (schedule ceiling, reserve or escrow short). */
    miningDue: t.bigint().notNull(),
    revenueDue: t.bigint().notNull(),
    /**
     * Revenue the epoch is still owed (docs/MECHANISMS.md §3.2): set by its RevenueShortfall, then the `remaining` of
     * each OwedRevenuePaid. Positive: the epoch is partly paid and waits in the distributor's owed queue.
     */
    revenueOwed: t.bigint().notNull(),
    commission: t.bigint().notNull(),
    /** mining + revenue - commission: shared by all stake behind the sequencer, pro rata to shares. */
    stakersPart: t.bigint().notNull(),
    totalShares: t.bigint().notNull(),
    selfShares: t.bigint().notNull(),
    /** Delegators' share of `stakersPart` (the APR numerator) and the delegated stake then (its denominator). */
    delegatorsReward: t.bigint().notNull(),
    delegated: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bySequencer: index().on(table.sequencerId, table.id), byTx: index().on(table.txHash) }),
);

/** An epoch paid less than due (MiningShortfall / RevenueShortfall, emitted just before its EpochRewarded). */
export const rewardShortfall = onchainTable('reward_shortfall', (t) => ({
  /** `${epoch}-mining` | `${epoch}-revenue` */
  id: t.text().primaryKey(),
  due: t.bigint().notNull(),
  paid: t.bigint().notNull(),
}));

/** Funding of the mining reserve and the revenue escrow. */
export const rewardFunding = onchainTable('reward_funding', (t) => ({
  id: t.text().primaryKey(),
  /** mining | revenue */
  kind: t.text().notNull(),
  from: t.hex().notNull(),
  amount: t.bigint().notNull(),
  timestamp: t.bigint().notNull(),
}));

/** An unbonding entry: undelegated METIS (or withdrawn self-lock) waiting out the exit delay. */
export const unbonding = onchainTable(
  'unbonding',
  (t) => ({
    /** `${sequencerId}-${account}-${entryId}` */
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    entryId: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    maturesAt: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    withdrawnAt: t.bigint(),
    withdrawnAmount: t.bigint(),
    withdrawnTx: t.hex(),
  }),
  // byAccountWithdrawn: an account's withdrawals, oldest first, in its stake export (indexer/src/api/exports-sql.ts).
  (table) => ({
    byAccount: index().on(table.account, table.maturesAt, table.id),
    byAccountWithdrawn: index().on(table.account, table.withdrawnAt, table.id),
    // GET /unbonding (the notifier): pending entries by maturity.
    byMaturity: index().on(table.maturesAt, table.id),
  }),
);

/** Every stake change, for histories and charts. */
export const stakeEvent = onchainTable(
  'stake_event',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    /** register | relock | withdraw-lock | unlock | exit | delegate | undelegate | redelegate-out | redelegate-in | compound | slash | slash-refund | jail | unjail */
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    totalStakeAfter: t.bigint().notNull(),
    /** Why, for a slash or a jail (an upheld challenge's is `challenge #N upheld`). */
    reason: t.text(),
    /** For an undelegate or a withdraw-lock: the `unbonding` entry it started (its id). */
    unbondingId: t.text(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    bySequencer: index().on(table.sequencerId, table.timestamp, table.id),
    byAccount: index().on(table.account, table.timestamp, table.id),
  }),
);

/** A delegator's staking rewards paid out (RewardsClaimed) or restaked into the position (RewardsCompounded). */
export const rewardPayout = onchainTable(
  'reward_payout',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    /** claim | compound */
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byAccount: index().on(table.account, table.timestamp, table.id) }),
);

/**
 * A slash of a sequencer's pool (SequencerStaking.Slashed): the pool before it and the shares it was
 * spread over, so that each position's loss is its shares' part of the fraction (docs/MECHANISMS.md §3.2).
 */
export const slash = onchainTable(
  'slash',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    fractionBps: t.integer().notNull(),
    poolBefore: t.bigint().notNull(),
    totalShares: t.bigint().notNull(),
    reason: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bySequencer: index().on(table.sequencerId, table.blockNumber) }),
);

/** An L2 epoch and the sequencer that produced it. */
export const epoch = onchainTable(
  'epoch',
  (t) => ({
    id: t.bigint().primaryKey(),
    sequencerId: t.bigint().notNull(),
    signer: t.hex().notNull(),
    startBlock: t.bigint().notNull(),
    endBlock: t.bigint().notNull(),
    startedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bySequencer: index().on(table.sequencerId, table.id) }),
);

/**
 * The L1 randomness of one epoch's draw (docs/MECHANISMS.md §4.5), stitched from both chains: the L2 set requested
 * it at a rotation (SequencerSet.BeaconRequested), the L1 beacon fixed it (RandomnessBeacon.
 * RandomnessRecorded) and the L2 set received it (SequencerSet.BeaconReceived). The chains are indexed
 * independently, so any of the three may be written first.
 */
export const beaconDraw = onchainTable('beacon_draw', (t) => ({
  /** The epoch whose draw uses it. */
  id: t.bigint().primaryKey(),
  /** L2 time of the request and its L2 outbox nonce. */
  requestedAt: t.bigint(),
  requestNonce: t.bigint(),
  /** L1 time and block at which the beacon fixed the value, and the value. */
  recordedAt: t.bigint(),
  l1BlockNumber: t.bigint(),
  randomness: t.hex(),
  /** L2 time at which the set received it (the next rotation may draw from then). */
  receivedAt: t.bigint(),
}));

/** A cross-chain message as sent by an outbox. */
export const busMessage = onchainTable(
  'bus_message',
  (t) => ({
    /** The message hash (covers chains, outbox, inbox, nonce, sender, target, data). */
    id: t.hex().primaryKey(),
    sourceChainId: t.integer().notNull(),
    targetChainId: t.integer().notNull(),
    nonce: t.bigint().notNull(),
    sender: t.hex().notNull(),
    target: t.hex().notNull(),
    sentAt: t.bigint().notNull(),
    sentTx: t.hex().notNull(),
  }),
  (table) => ({
    byNewest: index().on(table.sentAt, table.id),
    bySourceNewest: index().on(table.sourceChainId, table.sentAt, table.id),
    bySentTx: index().on(table.sentTx),
  }),
);

/**
 * What the destination inbox did with a message. Kept apart from bus_message because the two
 * chains are indexed independently: a delivery may be indexed before its sending.
 */
export const busDelivery = onchainTable('bus_delivery', (t) => ({
  /** The message hash. */
  id: t.hex().primaryKey(),
  attestations: t.integer().notNull(),
  /** attested | delivered | failed | cancelled (a failed message past `retryDeadline` is shown as expired) */
  status: t.text().notNull(),
  updatedAt: t.bigint().notNull(),
  deliveredTx: t.hex(),
  failureReason: t.hex(),
  /** When the target call first failed (kept when the message is later cancelled). */
  failedAt: t.bigint(),
  /** For a failed message: the inbox refuses retries after this time (unix seconds, target chain). */
  retryDeadline: t.bigint(),
}));

// ---------------------------------------------------------------------------------------------
// The Commons (L2): veMETIS locks and voting power, interest groups, proposals and votes.
// ---------------------------------------------------------------------------------------------

/** An account's veMETIS lock as of its latest change (re-read from the contract: amount 0 once withdrawn). */
export const veLock = onchainTable('ve_lock', (t) => ({
  account: t.hex().primaryKey(),
  amount: t.bigint().notNull(),
  end: t.bigint().notNull(),
  units: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** A checkpoint of an account's (or a group's) voting power: one per DelegateVotesChanged. */
export const votingPower = onchainTable(
  'voting_power',
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    votes: t.bigint().notNull(),
    previousVotes: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ byAccount: index().on(table.account, table.timestamp, table.id) }),
);

/** Whom an account delegates its veMETIS to (itself, another account, or a group). */
export const delegation = onchainTable(
  'delegation',
  (t) => ({
    account: t.hex().primaryKey(),
    delegatee: t.hex().notNull(),
    updatedAt: t.bigint().notNull(),
    /** The account's `delegation_span` still open (null: its units count for nobody now). */
    openSpan: t.text(),
  }),
  (table) => ({ byDelegatee: index().on(table.delegatee) }),
);

/**
 * A stretch of time over which one account's lock counted for one delegatee: its units, its lock's end, from
 * the second of the change that opened it until the second of the next change (`to`, null while open). The
 * votes of D at the end of second t (the contract's `getPastVotes(D, t)`) are the sum of `units` of the spans
 * of D with `from <= t < to` and `end > t` (docs/MECHANISMS.md §4.1: units stop counting at the lock's end, with no
 * event; a span opened and closed in the same second never counted at the end of any second).
 */
export const delegationSpan = onchainTable(
  'delegation_span',
  (t) => ({
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    delegatee: t.hex().notNull(),
    units: t.bigint().notNull(),
    end: t.bigint().notNull(),
    from: t.bigint().notNull(),
    to: t.bigint(),
  }),
  // A snapshot's powers (GET /proposals/:id/non-voters) read the spans whose lock had not ended by then.
  (table) => ({ byEnd: index().on(table.end, table.from) }),
);

/**
 * Everyone who has held delegated veMETIS votes (an account or a Commons group), as of its latest event:
 * `power` is its votes at its last checkpoint (DelegateVotesChanged; it goes stale when a delegator's lock
 * ends, so the API reports votes against the L2 clock), `delegators` the accounts other than itself whose
 * delegatee it is now, and its votes at the governor (one per proposal, a group's ballot included).
 */
export const delegate = onchainTable(
  'delegate',
  (t) => ({
    address: t.hex().primaryKey(),
    power: t.bigint().notNull(),
    delegators: t.integer().notNull(),
    votesCast: t.integer().notNull(),
    lastVoteProposal: t.bigint(),
    lastVoteAt: t.bigint(),
    updatedAt: t.bigint().notNull(),
  }),
  // The directory: largest power first (keyset on power, address); its filters are checked along that walk.
  (table) => ({ byPower: index().on(table.power, table.address) }),
);

/** An interest group (a CommonsGroup clone). */
export const commonsGroup = onchainTable(
  'commons_group',
  (t) => ({
    address: t.hex().primaryKey(),
    groupId: t.bigint().notNull(),
    name: t.text().notNull(),
    metadataURI: t.text().notNull(),
    creator: t.hex().notNull(),
    steward: t.hex().notNull(),
    /** follow-majority | none */
    remainderPolicy: t.text().notNull(),
    memberCount: t.integer().notNull(),
    /** veMETIS votes delegated to the group. */
    pooledVotes: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    /** Steward motions executed so far (the contract's `stewardEpoch`): older open motions are void. */
    stewardEpoch: t.bigint().notNull(),
    /** From when the current steward votes the group's Eco Node seat (docs/MECHANISMS.md §4.2 delay). */
    seatVotingFrom: t.bigint().notNull(),
  }),
  (table) => ({ byPower: index().on(table.pooledVotes, table.address), bySteward: index().on(table.steward, table.pooledVotes, table.address) }),
);

/**
 * A motion to replace a group's steward (docs/MECHANISMS.md §4.2): members' units count at `snapshot` (one motion
 * period before it opened), support runs until `deadline`, and it passes with more than half of
 * `pooledVotes` (the group's units at the snapshot). Its status is computed at request time.
 */
export const stewardMotion = onchainTable(
  'steward_motion',
  (t) => ({
    /** `${group}-${motionId}` */
    id: t.text().primaryKey(),
    group: t.hex().notNull(),
    motionId: t.bigint().notNull(),
    proposer: t.hex().notNull(),
    candidate: t.hex().notNull(),
    snapshot: t.bigint().notNull(),
    openedAt: t.bigint().notNull(),
    deadline: t.bigint().notNull(),
    pooledVotes: t.bigint().notNull(),
    yesWeight: t.bigint().notNull(),
    supporters: t.integer().notNull(),
    /** The group's stewardEpoch when it opened. */
    epoch: t.bigint().notNull(),
    executed: t.boolean().notNull(),
    executedAt: t.bigint(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byGroup: index().on(table.group, table.motionId) }),
);

/** A group's roster entry; `leftAt` is set when the account leaves (and cleared if it joins again). */
export const groupMember = onchainTable(
  'group_member',
  (t) => ({
    /** `${group}-${account}` */
    id: t.text().primaryKey(),
    group: t.hex().notNull(),
    account: t.hex().notNull(),
    joinedAt: t.bigint().notNull(),
    leftAt: t.bigint(),
  }),
  (table) => ({ byGroup: index().on(table.group, table.joinedAt, table.id), byAccount: index().on(table.account) }),
);

/** A governor proposal; tallies, deadline and quorum are re-read from the governor at each vote. */
export const proposal = onchainTable(
  'proposal',
  (t) => ({
    id: t.bigint().primaryKey(),
    proposer: t.hex().notNull(),
    title: t.text().notNull(),
    description: t.text().notNull(),
    targets: t.hex().array().notNull(),
    values: t.bigint().array().notNull(),
    calldatas: t.hex().array().notNull(),
    snapshot: t.bigint().notNull(),
    /** Including any late-quorum extension. */
    deadline: t.bigint().notNull(),
    extended: t.boolean().notNull(),
    canceled: t.boolean().notNull(),
    executed: t.boolean().notNull(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    /** quorum(snapshot), read at the first vote (unreadable before the snapshot). */
    quorum: t.bigint(),
    createdAt: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    txHash: t.hex().notNull(),
    /** The Eco Node council's ratification: open | ratified | rejected (null before it opens). */
    ratificationStatus: t.text(),
    /**
     * Seconds after `deadline` within which the ratification must open, or the proposal is Expired
     * (the governor's window when it was proposed; null: no window).
     */
    ratificationWindow: t.bigint(),
    /** A Commons override (OverrideProposed): twice the quorum, For ≥ 2/3 of votes cast, no ratification. */
    isOverride: t.boolean().notNull(),
    /** For an override: the proposal the council refused. */
    overrides: t.bigint(),
    /** For a refused proposal: its override. */
    overriddenBy: t.bigint(),
    /** Timelock: queued (eta = when it can execute), executed, canceled: when and in which transaction. */
    queued: t.boolean().notNull(),
    eta: t.bigint(),
    queuedAt: t.bigint(),
    queuedTx: t.hex(),
    executedAt: t.bigint(),
    executedTx: t.hex(),
    canceledAt: t.bigint(),
    canceledTx: t.hex(),
  }),
  // Newest first (`?state=` filters that walk: indexer/src/api/proposal-state.ts); by snapshot for a group's participation.
  (table) => ({ byCreated: index().on(table.createdAt, table.id), bySnapshot: index().on(table.snapshot) }),
);

/**
 * What one voter (an account or a group) cast on a proposal at the governor, summed over its
 * votes (a group forwards each member's vote, then maybe its remainder).
 */
export const ballot = onchainTable(
  'ballot',
  (t) => ({
    /** `${proposalId}-${voter}` */
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    isGroup: t.boolean().notNull(),
    forVotes: t.bigint().notNull(),
    againstVotes: t.bigint().notNull(),
    abstainVotes: t.bigint().notNull(),
    weight: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  // byVoter: a delegate's votes among the last proposals (GET /delegates participation).
  (table) => ({ byProposal: index().on(table.proposalId, table.weight, table.id), byVoter: index().on(table.voter, table.proposalId) }),
);

/** One person's vote: cast directly at the governor, or inside a group (`group` set) and forwarded by it. */
export const vote = onchainTable(
  'vote',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    voter: t.hex().notNull(),
    group: t.hex(),
    /** 0 against, 1 for, 2 abstain; 255 for a fractional direct vote */
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    byProposalGroup: index().on(table.proposalId, table.group),
    byProposalVoter: index().on(table.proposalId, table.voter),
    byVoter: index().on(table.voter, table.timestamp, table.id),
  }),
);

/** A group's remainder cast (its unvoted weight, after the internal window, per its policy). */
export const remainderCast = onchainTable(
  'remainder_cast',
  (t) => ({
    /** `${proposalId}-${group}` */
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    group: t.hex().notNull(),
    caller: t.hex().notNull(),
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byProposalGroup: index().on(table.proposalId, table.group) }),
);

// ---------------------------------------------------------------------------------------------
// Challenges (L2): sequencers challenged for an epoch, the council's votes, decisive actions.
// ---------------------------------------------------------------------------------------------

/** A challenge of an epoch's sequencer (docs/MECHANISMS.md §4.5), as its events tell it. */
export const challenge = onchainTable(
  'challenge',
  (t) => ({
    id: t.bigint().primaryKey(),
    epoch: t.bigint().notNull(),
    sequencerId: t.bigint().notNull(),
    challenger: t.hex().notNull(),
    /** lib/challenges.ts CHALLENGE_KINDS */
    kind: t.text().notNull(),
    bond: t.bigint().notNull(),
    evidence: t.text().notNull(),
    /** lib/challenges.ts CHALLENGE_STATUSES */
    status: t.text().notNull(),
    openedAt: t.bigint().notNull(),
    openedTx: t.hex().notNull(),
    /** Council-decided kinds only: the voting deadline, the weight at the opening and the quorum. */
    deadline: t.bigint(),
    totalWeight: t.bigint().notNull(),
    quorum: t.bigint().notNull(),
    upholdWeight: t.bigint().notNull(),
    rejectWeight: t.bigint().notNull(),
    voters: t.integer().notNull(),
    /** Downtime: the blocks its sequencer proved and the epoch's blocks (at resolution). */
    produced: t.bigint(),
    blocks: t.bigint(),
    resolvedAt: t.bigint(),
    resolvedTx: t.hex(),
    bondTo: t.hex(),
    /** The L2→L1 bus nonce of the slash (upheld only). */
    slashNonce: t.bigint(),
  }),
  (table) => ({
    bySequencer: index().on(table.sequencerId, table.id),
    byStatus: index().on(table.status, table.id),
    byChallenger: index().on(table.challenger, table.id),
  }),
);

/** The challenge parameters now (one row, id 'current'; `severityBps` in CHALLENGE_KINDS order). */
export const challengeParams = onchainTable('challenge_params', (t) => ({
  id: t.text().primaryKey(),
  bond: t.bigint().notNull(),
  window: t.integer().notNull(),
  votingPeriod: t.integer().notNull(),
  quorumBps: t.integer().notNull(),
  minProductionBps: t.integer().notNull(),
  rewardBps: t.integer().notNull(),
  severityBps: t.integer().array().notNull(),
}));

/** One Eco Node's vote on a challenge, with its reason. */
export const challengeVote = onchainTable(
  'challenge_vote',
  (t) => ({
    id: t.text().primaryKey(),
    challengeId: t.bigint().notNull(),
    node: t.hex().notNull(),
    voter: t.hex().notNull(),
    uphold: t.boolean().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byChallenge: index().on(table.challengeId, table.weight) }),
);

/** A jail (fraction 0) or slash the council's decisive motion sent to L1. */
export const decisiveAction = onchainTable(
  'decisive_action',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    fractionBps: t.integer().notNull(),
    nonce: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bySequencer: index().on(table.sequencerId, table.timestamp) }),
);

// ---------------------------------------------------------------------------------------------
// Eco Nodes (L2): the council, reputation, ratifications, motions.
// ---------------------------------------------------------------------------------------------

/** An Eco Node seat (current or past). `reputation` is the last written value; decay between writes is read from the chain. */
export const ecoNode = onchainTable('eco_node', (t) => ({
  address: t.hex().primaryKey(),
  /** admitted | promoted */
  origin: t.text().notNull(),
  groupSeat: t.boolean().notNull(),
  seated: t.boolean().notNull(),
  reputation: t.bigint().notNull(),
  votesCast: t.integer().notNull(),
  missed: t.integer().notNull(),
  admittedAt: t.bigint().notNull(),
  admittedBy: t.hex().notNull(),
  reason: t.text().notNull(),
  removedAt: t.bigint(),
  removedReason: t.text(),
}));

/** Every reputation change with its cause. */
export const reputationEvent = onchainTable(
  'reputation_event',
  (t) => ({
    id: t.text().primaryKey(),
    node: t.hex().notNull(),
    delta: t.bigint().notNull(),
    reputation: t.bigint().notNull(),
    /** admission | participation | award | missed-ratification | decay | slash | peer-penalty | removal */
    cause: t.text().notNull(),
    reason: t.text().notNull(),
    /** For a peer penalty: the motion that imposed it (its reason is the cause). */
    motionId: t.bigint(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byNode: index().on(table.node, table.timestamp, table.id) }),
);

/** A proposal's ratification by the council. */
export const ratification = onchainTable(
  'ratification',
  (t) => ({
    proposalId: t.bigint().primaryKey(),
    opener: t.hex().notNull(),
    openedAt: t.bigint().notNull(),
    openedTx: t.hex().notNull(),
    snapshot: t.bigint().notNull(),
    deadline: t.bigint().notNull(),
    totalReputation: t.bigint().notNull(),
    ratify: t.bigint().notNull(),
    reject: t.bigint().notNull(),
    abstain: t.bigint().notNull(),
    voters: t.integer().notNull(),
    /** open | ratified | rejected */
    status: t.text().notNull(),
    settledAt: t.bigint(),
    settledTx: t.hex(),
  }),
  (table) => ({ byDeadline: index().on(table.deadline, table.proposalId), byStatus: index().on(table.status, table.deadline, table.proposalId) }),
);

/** One Eco Node's ratification vote, with its reason. */
export const ratificationVote = onchainTable(
  'ratification_vote',
  (t) => ({
    id: t.text().primaryKey(),
    proposalId: t.bigint().notNull(),
    node: t.hex().notNull(),
    voter: t.hex().notNull(),
    /** 0 reject, 1 ratify, 2 abstain */
    support: t.integer().notNull(),
    weight: t.bigint().notNull(),
    reason: t.text().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byProposal: index().on(table.proposalId, table.weight), byNode: index().on(table.node, table.timestamp) }),
);

/**
 * A council motion (docs/MECHANISMS.md §4.4): a peer penalty (`subject` the accused, `amount`) or a decisive action
 * (`subject` = `target`, `selector`, `data`), opened by node `opener` with its reason. Backers' reputation at
 * `snapshot` counts; it passes with 2/3 of `totalReputation` (the accused's excluded for a penalty).
 * `executableAt`/`expiresAt` come from MotionPassed; the state is computed at request time (lib/council-motions.ts).
 */
export const councilMotion = onchainTable(
  'council_motion',
  (t) => ({
    motionId: t.bigint().primaryKey(),
    /** penalty | action */
    kind: t.text().notNull(),
    opener: t.hex().notNull(),
    /** The accused (penalty) or the target (action). */
    subject: t.hex().notNull(),
    selector: t.hex(),
    data: t.hex(),
    amount: t.bigint(),
    reason: t.text().notNull(),
    snapshot: t.bigint().notNull(),
    deadline: t.bigint().notNull(),
    totalReputation: t.bigint().notNull(),
    yesWeight: t.bigint().notNull(),
    backers: t.integer().notNull(),
    openedAt: t.bigint().notNull(),
    openedTx: t.hex().notNull(),
    passedAt: t.bigint(),
    executableAt: t.bigint(),
    expiresAt: t.bigint(),
    executed: t.boolean().notNull(),
    executedAt: t.bigint(),
    executedTx: t.hex(),
    executor: t.hex(),
  }),
  // Newest first, optionally by kind or by subject (a node's penalties).
  (table) => ({
    byKind: index().on(table.kind, table.openedAt, table.motionId),
    bySubject: index().on(table.subject, table.openedAt, table.motionId),
    byOpened: index().on(table.openedAt, table.motionId),
  }),
);

/** A node's backing of a motion (the opener's included), with its weight at the motion's snapshot. */
export const motionVote = onchainTable(
  'motion_vote',
  (t) => ({
    /** `${motionId}-${node}` */
    id: t.text().primaryKey(),
    motionId: t.bigint().notNull(),
    node: t.hex().notNull(),
    /** The caller: the node, or its group seat's steward. */
    voter: t.hex().notNull(),
    weight: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byMotion: index().on(table.motionId, table.weight) }),
);

/** The council's allow-list of decisive actions: `(target, selector)` and whether it is allowed now. */
export const councilAction = onchainTable(
  'council_action',
  (t) => ({
    /** `${target}-${selector}` */
    id: t.text().primaryKey(),
    target: t.hex().notNull(),
    selector: t.hex().notNull(),
    allowed: t.boolean().notNull(),
    updatedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byAllowed: index().on(table.allowed, table.target, table.selector) }),
);

/** A call the L1 governance executor performed (a governance decision relayed from the L2 timelock). */
export const l1Execution = onchainTable(
  'l1_execution',
  (t) => ({
    id: t.text().primaryKey(),
    target: t.hex().notNull(),
    value: t.bigint().notNull(),
    data: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ byTx: index().on(table.txHash) }),
);

/** An operation of the L2 timelock: scheduled (one or more calls), then executed or cancelled. */
export const timelockOp = onchainTable(
  'timelock_op',
  (t) => ({
    id: t.hex().primaryKey(),
    /** The governor proposal that queued it, when the governor did. */
    proposalId: t.bigint(),
    calls: t.integer().notNull(),
    targets: t.hex().array().notNull(),
    scheduledAt: t.bigint().notNull(),
    scheduledTx: t.hex().notNull(),
    /** When it becomes executable (scheduled + delay). */
    readyAt: t.bigint().notNull(),
    executedAt: t.bigint(),
    executedTx: t.hex(),
    cancelledAt: t.bigint(),
    cancelledTx: t.hex(),
  }),
  (table) => ({ byScheduled: index().on(table.scheduledAt, table.id) }),
);

/**
 * An account's profile (`ProfileRegistry`, docs/MECHANISMS.md §8), as its latest `ProfileSet` wrote it;
 * `ProfileCleared` deletes the row. Names are not unique: the API answers by address only.
 */
export const profile = onchainTable('profile', (t) => ({
  address: t.hex().primaryKey(),
  name: t.text().notNull(),
  statementURI: t.text().notNull(),
  /** The markdown of an inline (`data:text/markdown`) statement; null for one by address or none. */
  statement: t.text(),
  links: t.text().array().notNull(),
  /** Bitmask over the topics of lib/interests.ts. */
  interests: t.integer().notNull(),
  updatedAt: t.bigint().notNull(),
  updatedTx: t.hex().notNull(),
}));
