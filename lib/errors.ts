import {
  type Abi,
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  UserRejectedRequestError,
} from 'viem';
import { RATIFICATION_STATUSES } from './eco-nodes';
import { formatBps, formatDateTime, formatDuration, formatMetis, formatTimeLeft, formatVotes, shortAddress } from './format';
import { nameCharacterSentence } from './profiles';
import { GOVERNOR_STATES } from './proposals';
import { SEQUENCER_STATUS, type SequencerStatus } from './sequencers';

type Describe = (args: readonly unknown[]) => string;

/** One custom error of an ABI. */
export type AbiError = Extract<Abi[number], { type: 'error' }>;

/** SequencerStaking.SequencerStatus, as words. */
const SEQUENCER_STATE: Record<SequencerStatus, string> = {
  none: 'not registered',
  active: 'active',
  jailed: 'jailed',
  unlocking: 'unlocking (exiting)',
  exited: 'exited',
};

/** Readable sentences for the custom errors our contracts and OpenZeppelin revert with. */
const CUSTOM_ERRORS: Record<string, Describe> = {
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough METIS: you have ${formatMetis(balance as bigint)} and this needs ${formatMetis(needed as bigint)}.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The contract may spend only ${formatMetis(allowance as bigint)} of your METIS, and this needs ${formatMetis(needed as bigint)}. Approve it first.`,
  ERC20InvalidReceiver: ([receiver]) => `METIS cannot be sent to ${receiver}.`,
  ERC2612ExpiredSignature: () => 'The signed permit has expired. Sign it again.',
  ERC2612InvalidSigner: () => 'The permit was signed by another account.',
  NotBridge: () => 'Only the bridge may mint or burn METIS on L2.',
  NotWhitelisted: () => 'This address is not approved by governance to run a sequencer.',
  InvalidStatus: ([, status]) => `The sequencer is ${SEQUENCER_STATE[SEQUENCER_STATUS[Number(status)]] ?? 'not active'}, so this is not possible now.`,
  DelegationCapExceeded: () => "This would take the sequencer's delegations above its cap (a multiple of its self-lock).",
  SequencerStakeCapExceeded: ([, total, cap]) =>
    `This would take the sequencer above its ${formatMetis(cap as bigint)} limit (it has ${formatMetis(total as bigint)}).`,
  BelowMinPosition: ([, min]) => `A position must be at least ${formatMetis(min as bigint)}.`,
  InsufficientStake: ([requested, available]) => `You asked for ${formatMetis(requested as bigint)} but only ${formatMetis(available as bigint)} is there.`,
  TooManyUnbondingEntries: () => 'You have too many unbonding entries here: withdraw matured ones first.',
  EntryNotMatured: ([, at]) => `This entry matures on ${new Date(Number(at) * 1000).toLocaleString('en-US')}.`,
  RedelegationTooSoon: ([, at]) => `You can redelegate this position again from ${new Date(Number(at) * 1000).toLocaleString('en-US')}.`,
  NothingToClaim: () => 'There is nothing to claim yet.',
  AlreadyOwnsSequencer: ([, id]) => `This account already runs sequencer #${id}: an account runs one sequencer at a time.`,
  InvalidSigner: () => 'The signer must be a non-zero address that no sequencer has ever used.',
  SelfLockOutOfBounds: ([selfLock, min, max]) =>
    `The self-lock would be ${formatMetis(selfLock as bigint)}; it must stay between ${formatMetis(min as bigint)} and ${formatMetis(max as bigint)}.`,
  CommissionTooHigh: ([bps, max]) => `A commission of ${formatBps(Number(bps))} is above the ${formatBps(Number(max))} maximum.`,
  UnknownSequencer: ([id]) => `There is no sequencer #${id}.`,
  NotSequencerOwner: () => "Only the sequencer's operator can do this.",
  ZeroAmount: () => 'The amount must be more than zero.',
  ZeroShares: () => 'The amount is too small to count.',
  NotYetUnlocked: ([, at]) => `The self-lock can be claimed from ${formatDateTime(Number(at))}.`,
  CommissionChangeTooSoon: ([, at]) => `You can request another commission change from ${formatDateTime(Number(at))}.`,
  SignerUpdateTooSoon: ([, at]) => `The signer can be changed again from ${formatDateTime(Number(at))}.`,
  UnknownEntry: () => 'This unbonding entry does not exist or was already withdrawn.',
  StillJailed: ([, until]) => `The sequencer stays jailed until ${formatDateTime(Number(until))}.`,
  CapExceeded: () => 'This would take METIS above its 10,000,000 supply cap.',
  InvalidSettleBatch: () => 'Settle between 1 and 32 owed epochs at a time.',
  InvalidOffenceTime: () => 'The offence time must be a past moment within one exit delay (an older offence can no longer be slashed).',
  TooManySlashes: ([, at]) =>
    `This sequencer was slashed the most times allowed within one exit delay; the next slash is possible from ${formatDateTime(Number(at))}.`,
  StakeStillLiable: ([, until]) =>
    `The METIS you redelegated here stays liable for slashes of the sequencer it came from until ${formatDateTime(Number(until))}: you cannot take the position below that amount before then.`,
  // veMETIS
  InvalidDuration: ([duration, min, max]) =>
    `A lock must run between ${formatDuration(Number(min))} and ${formatDuration(Number(max))}; this would be ${formatTimeLeft(Number(duration))}.`,
  LockExists: () => 'You already have a lock: add METIS to it or extend it instead.',
  NoLock: () => 'You have no veMETIS lock.',
  LockNotExpired: ([, end]) => `The lock runs until ${formatDateTime(Number(end))}; it can be withdrawn from then.`,
  LockExpired: ([, end]) => `The lock ended on ${formatDateTime(Number(end))}: extend it first.`,
  EndNotLater: ([, currentEnd]) => `The new unlock date must be after the current one, ${formatDateTime(Number(currentEnd))}.`,
  NothingToKick: () => 'This lock has already been tidied (its units stopped counting when it ended).',
  ExpiringVotesOverflow: () => 'This amount is too large for veMETIS to record.',
  ExpiringVotesUnorderedKey: () => 'veMETIS history cannot be written out of order.',
  AmountTooLarge: () => 'This amount is too large for a lock.',
  // Profiles (docs/MECHANISMS.md §8): the same sentences as the form's (lib/profiles.ts)
  NameEmpty: () => 'Give yourself a name.',
  NameTooLong: ([length, max]) => `A name is at most ${max} bytes (this is ${length}).`,
  NameNotAscii: ([index]) => nameCharacterSentence('notAscii', Number(index)),
  NameControlCharacter: ([index]) => nameCharacterSentence('control', Number(index)),
  NameSpacing: ([index]) => nameCharacterSentence('spacing', Number(index)),
  NameCharacterNotAllowed: ([index, character]) =>
    nameCharacterSentence('notAllowed', Number(index), String.fromCharCode(Number.parseInt(String(character).slice(2), 16))),
  NameWithoutLetters: () => 'A name needs at least one letter or digit.',
  NameReserved: ([name, holder]) =>
    `"${name}" is reserved for ${shortAddress(String(holder))}: it reads like a known name of another account. Choose another name.`,
  StatementTooLong: ([length, max]) => `A statement is at most ${max} bytes once encoded (this is ${length}).`,
  StatementScheme: () => 'A statement is an https:// or ipfs:// address, or written inline.',
  StatementCharacter: () => 'A statement address cannot hold spaces or non-ASCII characters (percent-encode them).',
  TooManyLinks: ([count, max]) => `A profile has at most ${max} links (this has ${count}).`,
  LinkLength: ([link, max]) => `Link ${Number(link) + 1} must be 1 to ${max} characters.`,
  LinkScheme: ([link]) => `Link ${Number(link) + 1} must start with https://.`,
  LinkCharacter: ([link]) => `Link ${Number(link) + 1} cannot hold spaces or non-ASCII characters (percent-encode them).`,
  UnknownInterests: () => 'Some of the interests are not topics the registry knows.',
  NoProfile: () => 'You have no profile to clear.',
  // Commons registry and groups
  InvalidName: () => 'A group name must be 1 to 64 bytes long.',
  InvalidMetadataURI: () => "The group's description is too long.",
  ZeroSteward: () => 'The steward cannot be the zero address.',
  UnknownGroup: ([group]) => `${group} is not a Commons group.`,
  AlreadyMember: () => 'You are already a member of this group.',
  NotMember: () => 'You are not a member of this group.',
  NotSteward: () => "Only the group's steward can do this.",
  InvalidSteward: () => 'The steward must be a non-zero address other than the current steward.',
  DelegationFailed: () => 'Your veMETIS did not end up delegated to the group.',
  UnknownMotion: ([id]) => `There is no steward motion #${id}.`,
  MotionClosed: ([id]) =>
    `Steward motion #${id} is closed to support: its voting period is over, it was executed, or another motion was executed after it opened.`,
  MotionNotExecutable: ([id, state]) =>
    `Steward motion #${id} cannot be executed now: ${
      [
        'its voting period is still running',
        "it did not reach more than half of the group's units",
        'it is ready',
        'it was already executed',
        'another motion was executed after it opened',
        'it passed but was not executed in time',
      ][Number(state)] ?? 'it is not ready'
    }.`,
  StewardMotionOpen: ([until]) =>
    `A members' motion to replace the steward is open until ${formatDateTime(Number(until))}; the steward cannot hand over before it closes.`,
  MotionThresholdNotMet: ([, weight, required]) =>
    `Opening a motion needs ${formatVotes(required as bigint)} delegated to this group at its snapshot; you had ${formatVotes(weight as bigint)}.`,
  OpenerHasOpenMotion: ([, id]) => `You already have steward motion #${id} open; wait until its voting period ends.`,
  InvalidStewardVotingPeriod: ([p]) => `The steward motion voting period must be longer than 0 and at most 30 days (got ${formatDuration(Number(p))}).`,
  InvalidStewardMotionThreshold: ([bps]) => `The steward motion threshold must be at most 50% (got ${formatBps(Number(bps))}).`,
  AlreadyVotedOnMotion: () => 'You already support this motion.',
  MotionNotPassed: ([, yes, pooled]) =>
    `The motion has ${formatVotes(yes as bigint)} in support; it needs more than half of the group's ${formatVotes(pooled as bigint)}.`,
  NoWeight: () => 'You had no veMETIS delegated to this group at the snapshot, so there is nothing to count.',
  NotDelegatedAtSnapshot: ([, snapshot]) =>
    `This account's veMETIS was not delegated to this group at the proposal's snapshot (${formatDateTime(Number(snapshot))}), so it has no vote inside it.`,
  ProposalNotActive: () => "This proposal's voting has not started yet.",
  InternalVotingClosed: ([, deadline]) => `Voting inside this group closed on ${formatDateTime(Number(deadline))}.`,
  // Signed votes and delegations (docs/MECHANISMS.md §8, "Gasless")
  BallotExpired: ([deadline]) => `The signed vote expired on ${formatDateTime(Number(deadline))}: sign it again.`,
  InvalidBallotSignature: ([member]) =>
    `The signature is not ${shortAddress(String(member))}'s over this vote (another proposal, choice, reason, group or chain): sign it again.`,
  InvalidBallotNonce: ([, expected]) => `The signed vote's nonce is used up or ahead (the next is ${expected}): sign it again.`,
  InvalidAccountNonce: ([, current]) => `The signature's nonce is used up or ahead (the next is ${current}): sign it again.`,
  VotesExpiredSignature: ([expiry]) => `The signed delegation expired on ${formatDateTime(Number(expiry))}: sign it again.`,
  GovernorInvalidSignature: ([voter]) => `The signature is not ${shortAddress(String(voter))}'s over this vote, or its nonce is already used: sign it again.`,
  // Eco Node council and the ratification gate
  ProposalNotSucceeded: () => 'Only a proposal that succeeded in the Commons can go to ratification.',
  OverrideNeedsNoRatification: () => 'This is a Commons override: it is queued without ratification, so there is nothing to open.',
  RatificationAlreadyOpen: () => "This proposal's ratification is already open.",
  RatificationNotOpen: () => "This proposal's ratification has not been opened yet.",
  RatificationClosed: ([, deadline]) => `Ratification voting closed on ${formatDateTime(Number(deadline))}: it can only be settled now.`,
  RatificationStillOpen: ([, deadline]) => `The Eco Nodes can vote until ${formatDateTime(Number(deadline))}; it can be settled after that.`,
  RatificationAlreadySettled: () => 'This ratification has already been settled.',
  AlreadyVoted: () => 'This Eco Node has already voted on this ratification.',
  NotEligible: () => 'This Eco Node had no seat or no reputation when the ratification opened, so it cannot vote on it.',
  NotNode: ([node]) => `${node} is not an Eco Node.`,
  NotNodeVoter: ([node]) => `Only ${node} itself, or the steward of its group for a group seat, can vote for this Eco Node.`,
  PromotionCriteriaNotMet: () => 'The group does not meet every promotion criterion at each snapshot of the last closed proposals yet.',
  CouncilFull: () => 'The council is full: all 64 seats are taken.',
  PromotionRateLimited: () =>
    "Too many promotions at once: seats promoted within one ratification period may hold at most a third of the council's reputation. Try again after the period.",
  NotPromotedGroup: ([node]) => `${node} did not get its seat through promotion, so it cannot be demoted (only governance removes it).`,
  StillQualifies: () =>
    'The group still meets the promotion criteria over the last closed proposals (or there are not enough of them to judge), so it cannot be demoted.',
  PromotionMismatch: () => 'The promotion module reads another governor or registry than the council.',
  ReasonTooLong: () => 'The reason is too long: at most 1,024 bytes.',
  AlreadyNode: () => 'This address already holds a seat on the council.',
  EmptyCouncil: () => 'The council has no Eco Node with reputation, so nobody could ratify.',
  InvalidSupport: () => 'Choose Ratify, Reject or Abstain.',
  // Message bus (docs/MECHANISMS.md §5) and the L1 executor
  SenderNotAllowed: ([sender]) => `${sender} may not send bus messages: only contracts that governance allow-lists can.`,
  GasLimitTooHigh: ([gasLimit, cap]) =>
    cap === undefined ? `A gas limit of ${gasLimit} is too high.` : `A gas limit of ${gasLimit} is above the bus's cap of ${cap} (a governance parameter).`,
  InvalidMaxGasLimit: ([cap]) => `${cap} is not a valid bus gas cap: it must be between 1 and 15,000,000.`,
  InboxNotSet: () => 'This outbox has no destination inbox yet, so it cannot send.',
  MessageExpired: ([, deadline]) => `This failed message could be retried until ${formatDateTime(Number(deadline))}; it has expired.`,
  InvalidRetryWindow: () => 'The retry window must be more than zero and at most 90 days.',
  NotFailed: () => 'Only a message whose execution failed (and was not cancelled or retried already) can be retried or cancelled.',
  StaleAction: ([nonce, next]) =>
    `Governance message #${nonce} is older than one the L1 executor already carried out (#${BigInt(next as bigint) - 1n}), so it can no longer run: propose it again.`,
  ResyncTooSoon: ([id, at]) => `Sequencer #${id} was re-synced to L2 recently; it can be re-synced again from ${formatDateTime(Number(at))}.`,
  CommonsProposalNotRatified: ([, status]) =>
    RATIFICATION_STATUSES[Number(status)] === 'rejected'
      ? 'The Eco Nodes rejected this proposal: it cannot be queued.'
      : 'The Eco Nodes have not ratified this proposal yet: open, vote and settle its ratification first.',
  // SequencerSet rotation and the L1 randomness beacon (docs/MECHANISMS.md §4.5)
  EpochNotEnded: ([end]) => `The current epoch runs until L2 block ${end}; it can be rotated from the next block.`,
  RotationReserved: ([from]) => `Until L2 block ${from} only the epoch's sequencer or a rotation keeper may rotate; from then on anyone may.`,
  BeaconPending: ([epoch]) => `Epoch ${epoch}'s randomness has not arrived from L1 yet: the rotation waits for it.`,
  NoEligibleSequencer: () => 'No active sequencer has stake, so nobody can be picked.',
  FirstBeaconAlreadyRequested: () => "The first epoch's randomness was already requested.",
  RandomnessNotConfigured: () => 'The sequencer set has no L1 randomness beacon configured yet.',
  UnauthorizedBeacon: () => 'Only the L1 randomness beacon, through the message bus, can deliver randomness.',
  UnauthorizedSync: () => 'Only the L1 staking contract, through the message bus, can update the sequencer set.',
  UnauthorizedRequest: () => 'Only the L2 sequencer set, through the message bus, can request randomness.',
  RandomnessNotRecorded: ([epoch]) => `No randomness has been recorded on L1 for epoch ${epoch} yet.`,
  UnknownEpoch: ([epoch]) => `There is no epoch ${epoch}.`,
  CommonsInvalidRatificationWindow: () => 'The ratification window must be between 1 minute and 90 days.',
  CommonsInvalidOverrideCoolOff: () => 'The override cool-off can be at most 90 days.',
  CommonsNotOverridable: () => 'Only a proposal the Eco Nodes rejected, or whose ratification expired unopened, can be proposed again as a Commons override.',
  CommonsOverrideCoolOff: ([, availableAt]) => `The override can be proposed from ${formatDateTime(Number(availableAt))} (the cool-off after the first vote).`,
  CommonsAlreadyOverridden: () => 'This proposal already has its Commons override: there is one per refused proposal.',
  // L1 rewards distributor
  RewardPerBlockTooHigh: ([reward]) =>
    `A mining reward of ${formatMetis(reward as bigint)} per block is above the most the L1 rewards distributor allows (its MAX_REWARD_PER_BLOCK).`,
  NotRewardDistributor: () => 'Only the L1 rewards distributor may credit rewards to the staking contract.',
  NotInbox: () => 'Only the L1 bus inbox may deliver epoch reports to the rewards distributor.',
  NotL2SequencerSet: () => 'Only the L2 sequencer set may report epochs to the rewards distributor.',
  EpochAlreadyApplied: ([epoch]) => `Epoch ${epoch}'s rewards were already applied on L1.`,
  EpochOutOfOrder: ([epoch, expected]) => `Epoch ${epoch} cannot be applied before epoch ${expected}: reports are applied in order.`,
  ScheduleAboveCap: ([total]) => `The yearly reward ceilings add up to ${formatMetis(total as bigint)}, above the lifetime cap.`,
  // Staking parameters and operations
  InvalidBatch: ([length]) => `A batch of ${length} is empty or too large.`,
  InvalidParameter: ([name]) => (name === undefined ? 'A parameter is out of its allowed range.' : `The parameter ${name} is out of its allowed range.`),
  InvalidSlashFraction: ([bps]) => `A slash of ${formatBps(Number(bps))} is not allowed: it must be more than zero and at most 10%.`,
  SameSequencer: () => 'A position can only be redelegated to another sequencer.',
  ZeroAddress: () => 'The address cannot be the zero address.',
  ZeroBridge: () => 'The bridge address cannot be the zero address.',
  NotSequencerSet: () => 'Only the L2 sequencer set may do this.',
  // Message bus: the committee's and the relayer's side
  InvalidTargetChain: ([chainId]) => `Chain ${chainId} is not another chain this outbox can send to.`,
  ZeroTarget: () => 'A bus message needs a target (and an outbox an inbox) other than the zero address.',
  AlreadyAttested: ([, member]) => `${shortAddress(member as string)} has already attested this message.`,
  BelowThreshold: ([, attestations, threshold]) =>
    `The message has ${attestations} of the ${threshold} committee attestations it needs before it can be delivered.`,
  InsufficientGas: ([gasLeft, needed]) => `The transaction has ${gasLeft} gas left but must forward ${needed} to the message: send it with more gas.`,
  InvalidCommittee: () => 'A committee needs distinct, non-zero members and a threshold that is a strict majority of them.',
  NoMessageExecuting: () => 'The bus sender can only be read while a message is being executed.',
  NonceAlreadyProcessed: ([nonce]) => `Bus message #${nonce} was already delivered.`,
  NotCommitteeMember: ([caller]) => `${shortAddress(caller as string)} is not a member of the bus committee.`,
  NotNextNonce: ([nonce, next]) => `Bus message #${nonce} must wait: messages are delivered in order, and #${next} is next.`,
  NotPauser: () => "Only the bus's pauser or its owner can pause or unpause it.",
  RetryFailed: () => 'The retried message failed again in its target contract.',
  WrongDomain: () => 'This message belongs to another route (another source chain, outbox or target chain).',
  EnforcedPause: () => 'The bus is paused (a decisive action of the Eco Nodes): messages wait, in order, until it is unpaused.',
  ExpectedPause: () => 'The bus is not paused.',
  // L1 governance executor
  CallFailed: ([target]) => `The call to ${shortAddress(target as string)} reverted.`,
  NotEnforcer: () => 'Only the Eco Nodes’ challenge enforcement, through the bus, may slash or jail from L1.',
  Unauthorized: () => 'Only L2 governance, through the bus, may make the L1 executor act.',
  ZeroInbox: () => 'The inbox address cannot be the zero address.',
  // Governor (OpenZeppelin's, as the Commons and Eco Node governors use it)
  GovernorAlreadyCastVote: () => 'This account has already voted on this proposal.',
  GovernorAlreadyQueuedProposal: () => 'This proposal is already queued in the timelock.',
  GovernorDisabledDeposit: () => 'The governor does not take deposits.',
  GovernorExceedRemainingWeight: ([, used, remaining]) =>
    `This vote would use ${formatVotes(used as bigint)}, more than the ${formatVotes(remaining as bigint)} left to cast.`,
  GovernorInsufficientProposerVotes: ([, votes, threshold]) =>
    `Proposing needs ${formatVotes(threshold as bigint)}; this account had ${formatVotes(votes as bigint)} a second ago (a new lock or delegation counts from the next second).`,
  GovernorInvalidProposalLength: () => 'A proposal needs at least one action, with as many targets, values and calls.',
  GovernorInvalidQuorumFraction: ([numerator, denominator]) => `A quorum of ${numerator}/${denominator} is not possible: it must be at most the whole.`,
  GovernorInvalidVoteParams: () => 'This vote has parameters the governor does not take.',
  GovernorInvalidVoteType: () => 'Choose For, Against or Abstain.',
  GovernorInvalidVotingPeriod: () => 'The voting period must be longer than zero.',
  GovernorNonexistentProposal: ([id]) => `There is no proposal ${String(id).slice(0, 12)}….`,
  GovernorOnlyExecutor: () => 'Only governance itself (an executed proposal, through the timelock) can change this.',
  GovernorPreventLateQuorumVoteExtensionTooLarge: ([extension, max]) =>
    `A late-quorum extension of ${formatDuration(Number(extension))} is above the most allowed, ${formatDuration(Number(max))}.`,
  GovernorProposalQueueingFailed: () => 'The timelock did not accept this proposal.',
  GovernorProposalQueueingNotRequired: () => 'This proposal does not need to be queued.',
  GovernorRestrictedProposer: () => 'This description is reserved for another proposer (it ends with #proposer=…).',
  GovernorUnableToCancel: () => 'Only the proposer can cancel, and only before voting starts.',
  GovernorUnexpectedProposalState: ([, current, expected]) =>
    `The proposal is ${GOVERNOR_STATES[Number(current)] ?? 'in another state'}; this needs it ${statesOf(GOVERNOR_STATES, expected as string, 'in another state')}.`,
  CommonsProposalIndexOutOfBounds: ([index, count]) => `There is no proposal #${index}: there are ${count}.`,
  CommonsTokenClockNotTimestamp: () => 'The voting token must count time in seconds.',
  EcoGovernorZeroGate: () => 'The ratification gate cannot be the zero address (every proposal would wait for good).',
  // Timelock (OpenZeppelin's)
  TimelockInsufficientDelay: ([delay, min]) => `A delay of ${formatDuration(Number(delay))} is below the timelock's minimum, ${formatDuration(Number(min))}.`,
  TimelockInvalidOperationLength: () => 'An operation needs as many targets, values and calls.',
  TimelockUnauthorizedCaller: () => 'Only the timelock itself (through an executed proposal) can do this.',
  TimelockUnexecutedPredecessor: () => 'The operation it depends on has not been executed yet.',
  TimelockUnexpectedOperationState: ([, expected]) =>
    `The timelock operation is not ${statesOf(TIMELOCK_STATES, expected as string, 'in the state this needs')}.`,
  AccessControlUnauthorizedAccount: ([account]) => `${shortAddress(account as string)} does not hold the role this needs.`,
  AccessControlBadConfirmation: () => 'A role can only be renounced by the account that holds it.',
  OwnableUnauthorizedAccount: ([account]) => `Only the owner can do this, and ${shortAddress(account as string)} is not it.`,
  OwnableInvalidOwner: () => 'The new owner cannot be the zero address.',
  // veMETIS votes (ERC-5805)
  ERC5805FutureLookup: ([timepoint, clock]) => `Votes at ${formatDateTime(Number(timepoint))} are not known yet (it is ${formatDateTime(Number(clock))}).`,
  VotesHistoryUnorderedKey: () => 'A voting power checkpoint cannot be written before the last one.',
  VotesHistoryValueOverflow: () => 'This amount is too large for the voting power history.',
  CheckpointUnorderedInsertion: () => 'A checkpoint cannot be written before the last one.',
  InvalidConfig: () => 'The lock durations are not valid (the minimum must be more than zero and below the maximum).',
  // Commons registry and council parameters
  InvalidInternalVotingWindow: ([window, period]) =>
    `Groups' internal voting must close between zero and the voting period (${formatDuration(Number(period))}) before the vote ends; ${formatDuration(Number(window))} is not.`,
  InvalidStewardMotionPeriod: ([period]) => `A steward motion period of ${formatDuration(Number(period))} is not allowed.`,
  InvalidParam: ([index]) => `Parameter #${Number(index) + 1} of the settings is out of its allowed range.`,
  AboveFloor: ([, reputation, floor]) =>
    `This node has ${formatVotes(reputation as bigint)} of reputation, not below the ${formatVotes(floor as bigint)} floor, so it cannot be removed for low reputation.`,
  NotGroup: ([group]) => `${shortAddress(group as string)} is not a Commons group.`,
  // Sequencer challenges (docs/MECHANISMS.md §6)
  AlreadyChallenged: ([epoch, , id]) => `Epoch ${epoch} already has a challenge of this kind (#${id}), open or upheld.`,
  InvalidText: () => 'The evidence link is empty or too long, or the reason is too long.',
  NotCouncil: () => 'Only the Eco Node council can do this.',
  NotDecided: ([id]) => `Challenge #${id} is not decided yet.`,
  NotOpen: ([id]) => `Challenge #${id} is no longer open.`,
  NotVoted: ([id]) => `Challenge #${id} is about downtime, which the chain decides: it is not voted on.`,
  UnknownChallenge: ([id]) => `There is no challenge #${id}.`,
  VotingClosed: ([id, deadline]) => `Voting on challenge #${id} closed on ${formatDateTime(Number(deadline))}.`,
  WindowClosed: ([epoch, closedAt]) => `Epoch ${epoch} can no longer be challenged: its window closed at L2 block ${closedAt}.`,
  // Profiles: the deployment's reservations
  DuplicateReservation: ([name]) => `"${name}" is reserved twice (in another spelling).`,
  ReservationLengthMismatch: () => 'Each reserved name needs one holder.',
  ZeroHolder: ([name]) => `"${name}" cannot be reserved for the zero address.`,
  // OpenZeppelin utilities
  ECDSAInvalidSignature: () => 'The signature is not valid.',
  ECDSAInvalidSignatureLength: () => 'The signature is not valid (wrong length).',
  ECDSAInvalidSignatureS: () => 'The signature is not valid (malleable).',
  ERC20InvalidApprover: () => 'METIS cannot be approved from the zero address.',
  ERC20InvalidSender: () => 'METIS cannot be sent from the zero address.',
  ERC20InvalidSpender: () => 'The spender cannot be the zero address.',
  InvalidShortString: () => 'A contract name is not a valid short string.',
  StringTooLong: () => 'A contract name is too long.',
  ReentrancyGuardReentrantCall: () => 'The contract refused a call made from within another of its own calls.',
  SafeCastOverflowedUintDowncast: ([bits]) => `A number is too large for the ${bits} bits it is stored in.`,
  SafeERC20FailedOperation: () => 'The METIS transfer failed.',
  FailedCall: () => 'A call inside the transaction failed.',
  FailedDeployment: () => 'The contract could not be created.',
  InsufficientBalance: ([balance, needed]) => `The contract holds ${formatMetis(balance as bigint)} and needs ${formatMetis(needed as bigint)}.`,
};

/** OpenZeppelin TimelockController.OperationState, in enum order. */
const TIMELOCK_STATES = ['unset', 'waiting', 'ready', 'done'];

/** The states an OpenZeppelin `expectedStates` bitmap names (bit i is `states[i]`), as words; `none` when it names none. */
function statesOf(states: readonly string[], bitmap: string, none: string): string {
  const bits = BigInt(bitmap);
  const names = states.filter((_, i) => (bits >> BigInt(i)) & 1n);
  return names.length === 0 ? none : names.join(' or ');
}

/** EcoNodeCouncil.MotionState, as words (docs/MECHANISMS.md §4.4). */
const COUNCIL_MOTION_STATE = [
  'it is still being voted on and has not reached two thirds',
  'it passed and is waiting for its delay',
  'it is ready',
  'it was already executed',
  'it did not reach two thirds of the reputation in time',
  'its execution window has closed',
];

/** A Commons group's errors whose names other contracts also use: read when the call went to a group (`castRemainder`). */
const GROUP_ERRORS: Record<string, Describe> = {
  AlreadyVoted: () => 'This account has already voted inside the group on this proposal.',
  InvalidSupport: () => 'Choose For, Against or Abstain.',
};

/**
 * The Eco Node council's errors whose names other contracts also use (a Commons group's steward motions, a
 * ratification): read when the call went to the council (an ABI with `proposeAction`).
 */
const COUNCIL_ERRORS: Record<string, Describe> = {
  UnknownMotion: ([id]) => `There is no council motion #${id}.`,
  MotionNotExecutable: ([id, state]) => `Council motion #${id} cannot be executed now: ${COUNCIL_MOTION_STATE[Number(state)] ?? 'it is not ready'}.`,
  AlreadyVoted: () => 'This Eco Node has already voted on this.',
  NotEligible: () => 'This Eco Node had no seat or no reputation at the snapshot (one second before it opened), so it cannot vote on it.',
  EmptyCouncil: () => 'The council has no Eco Node with reputation at the snapshot, so nobody could vote.',
  MotionVotingClosed: ([id]) => `Voting on council motion #${id} has closed.`,
  WrongMotionKind: ([id]) => `Council motion #${id} is of the other kind (a peer penalty, or a decisive action).`,
  AccusedCannotVote: () => 'A node cannot accuse itself, and the accused cannot back its own penalty.',
  ActionNotAllowed: ([target, selector]) => `${target} ${selector} is not on the council's allow-list of decisive actions.`,
  InvalidAction: () => 'A decisive action needs a target other than the council and a function call.',
  ActionFailed: () => 'The decisive action was called and reverted in its target contract.',
  InvalidAmount: () => 'The amount must be more than zero and at most 10^12 reputation.',
};

/** Turns anything a wallet, viem or a contract throws into one sentence for people. */
export function describeError(err: unknown): string {
  if (!(err instanceof BaseError)) {
    if (isRejection(err)) return 'You rejected the request in your wallet.';
    return err instanceof Error ? err.message : String(err);
  }
  if (err.walk((e) => e instanceof UserRejectedRequestError) || isRejection(err.walk())) {
    return 'You rejected the request in your wallet.';
  }
  const revert = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (revert instanceof ContractFunctionRevertedError) {
    const name = revert.data?.errorName;
    const call = err.walk((e) => e instanceof ContractFunctionExecutionError);
    const calls = (fn: string) => call instanceof ContractFunctionExecutionError && call.abi.some((x) => x.type === 'function' && x.name === fn);
    if (name) return customErrorSentence(name, revert.data?.args ?? [], calls('proposeAction'), calls('castRemainder'));
    if (revert.reason) return `The contract refused: ${revert.reason}.`;
  }
  return err.shortMessage || err.message;
}

/** A custom error in words; `council` / `group` when the call went to the Eco Node council / a Commons group (whose error names others share). */
function customErrorSentence(name: string, args: readonly unknown[], council: boolean, group = false): string {
  if (council && COUNCIL_ERRORS[name]) return COUNCIL_ERRORS[name](args);
  if (group && GROUP_ERRORS[name]) return GROUP_ERRORS[name](args);
  if (CUSTOM_ERRORS[name]) return CUSTOM_ERRORS[name](args);
  return `The contract refused: ${name}.`;
}

/** The errors of `abis` as one ABI, each signature once (the same error in several contracts decodes the same). */
export function errorsOf(abis: readonly Abi[]): AbiError[] {
  const seen = new Map<string, AbiError>();
  for (const abi of abis) {
    for (const x of abi) {
      const key = x.type === 'error' ? `${x.name}${JSON.stringify(x.inputs, ['type', 'components'])}` : undefined;
      if (x.type === 'error' && key && !seen.has(key)) seen.set(key, x);
    }
  }
  return [...seen.values()];
}

/**
 * Raw revert data in words, for a call made outside a wallet (a simulation on a fork): decoded against `errors`
 * (every known contract's, `errorsOf`, so an error raised deep in a call chain reads too), `Error(string)` and
 * `Panic` included. The L1 executor's `CallFailed(target, reason)` and the inbox's `RetryFailed(hash, reason)` are
 * unwrapped to the reason inside. `council` / `group`: the call went to the Eco Node council / a Commons group.
 */
export function describeRevertData(
  data: Hex | undefined,
  errors: readonly AbiError[],
  opts: { council?: boolean; group?: boolean } = {},
): { sentence: string; errorName: string | null } {
  if (!data || data === '0x') return { sentence: 'The call reverted without a reason (a failed check with no message, or out of gas).', errorName: null };
  let decoded: { errorName: string; args: readonly unknown[] | undefined };
  try {
    decoded = decodeErrorResult({ abi: errors, data });
  } catch {
    return { sentence: `The call reverted with data no known contract's error matches (${data.slice(0, 10)}).`, errorName: null };
  }
  const args = decoded.args ?? [];
  if ((decoded.errorName === 'CallFailed' || decoded.errorName === 'RetryFailed') && typeof args[1] === 'string') {
    return describeRevertData(args[1] as Hex, errors, opts);
  }
  if (decoded.errorName === 'Error') return { sentence: `The contract refused: ${String(args[0])}.`, errorName: null };
  if (decoded.errorName === 'Panic')
    return { sentence: `The contract failed an internal check (panic 0x${(args[0] as bigint).toString(16)}).`, errorName: 'Panic' };
  return { sentence: customErrorSentence(decoded.errorName, args, opts.council ?? false, opts.group), errorName: decoded.errorName };
}

function isRejection(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 4001;
}
