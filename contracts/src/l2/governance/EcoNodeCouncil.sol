// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EcoNodePromotion, ICouncilGroup, ICouncilRegistry, IProposalIndex} from "./EcoNodePromotion.sol";

/// @title Eco Node council
/// @notice The upper house of Metis governance (docs/MECHANISMS.md §4.4): at most 64 Eco Nodes with a non-transferable,
/// checkpointed reputation. They ratify (or reject) what the Commons passed, vote peer penalties and
/// decisive actions from an allow-list.
///
/// Seats: `admit` (governance) or `promote` (anyone, for a Commons group meeting every criterion at each
/// snapshot of the last counted closed proposals, EcoNodePromotion; rate-limited so that seats promoted within
/// one ratification period hold ≤ 1/3 of the reputation); `demote` (anyone) removes a promoted group that no
/// longer meets them over the same window. A seat held
/// by a Commons group contract is voted by the group's steward, read at call time (the `...As(node, ...)` entry
/// points); any node may also act for itself (`msg.sender == node`).
///
/// Reputation (18 decimals): admission grant, participation credit per ratification vote, governance awards
/// and slashes with a reason, a penalty per missed ratification (at settlement), peer penalties, and lazy
/// half-life decay. Every change is a `ReputationChanged` event with its cause. A node whose reputation falls
/// below `floor` through a penalty or slash loses its seat at once; one that decays below it can be evicted by
/// anyone (`evict`). Removal zeroes the node's reputation (cause `Removal`); a re-admitted node starts afresh.
///
/// Decay and totals: each node stores checkpoints `(key, value)`: the value materialised at time `key`.
/// Its reputation at any time t is `decay(value, t - key)` of the last checkpoint at or before t, with
/// decay(v, d) = v * 2^(-d / halfLife) (integer maths: whole half-lives by shifts, the fractional part to
/// 1/2^20 of a half-life by a product of constants; rounded down, never negative). A checkpoint is written
/// only when the node's reputation changes for another cause (the decay since the last checkpoint is then
/// materialised and emitted as a `Decay` event first), so views and history never depend on who read when.
/// The total is not stored: `totalReputation()` is the sum over the ≤ 64 seated nodes of their (decayed)
/// reputation, so it equals the sum over nodes exactly, at every instant, including after decay; no common
/// factor or rounding drift is involved. What a vote needs is the total at a snapshot: opening a ratification
/// or a motion sums the ≤ 64 nodes' reputation at the snapshot once and stores it with the vote.
/// A motion's snapshot is one second before its opening (`openedAt - 1`), a ratification's is the end of the
/// Commons vote (`proposalDeadline`, in the past once the proposal succeeded): nothing done in the opening
/// block (a participation credit, an admission) can change the weights after the total was taken. Voters must
/// be seated since before the snapshot (`admittedAt <= snapshot`), so a node removed and re-admitted cannot
/// vote with weight that was not in the total. A half-life change materialises every node first and is itself
/// checkpointed, so past reputation keeps being computed with the half-life that applied then.
///
/// Ratification (docs/MECHANISMS.md §4.3, §6): once the governor reports a proposal Succeeded, anyone opens its ratification
/// until the governor's `ratificationDeadline` (then the proposal is Expired); weights are taken at the end of the
/// Commons vote; nodes vote Reject (0) / Ratify (1) / Abstain (2) with their reputation at the snapshot during
/// `ratificationPeriod`; anyone settles afterwards: Ratified iff cast weight ≥ quorum (`quorumBps` of the total
/// at opening, rounded up) and Ratify > Reject, else Rejected. Nodes eligible at the snapshot that are still
/// seated and did not vote pay `missedPenalty`, but only if the ratification reached quorum, and at most once
/// per node per `ratificationPeriod` (docs/MECHANISMS.md §4.4: junk proposals cannot farm the penalty). `ratificationStatus` (0 Pending, 1 Ratified, 2 Rejected) is what the
/// governor's gate reads; it stays 0 until settled.
///
/// Motions: a peer penalty passes with yes ≥ 2/3 of the reputation at opening excluding the accused; a
/// decisive action (an allow-listed `(target, selector)` call) passes with yes ≥ 2/3 of the reputation at
/// opening and can be executed by anyone `actionDelay` after passing, for `executionWindow`. The opener's
/// vote counts as yes. Voting lasts `motionPeriod`.
contract EcoNodeCouncil is Ownable2Step {
    using Checkpoints for Checkpoints.Trace208;

    // ---------------------------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------------------------

    /// @notice How a node got its seat.
    enum Origin {
        Admitted,
        PromotedGroup
    }

    /// @notice Why a reputation changed (`Removal`: zeroed when the node lost its seat).
    enum Cause {
        Admission,
        Participation,
        Award,
        MissedRatification,
        Decay,
        Slash,
        PeerPenalty,
        Removal
    }

    /// @notice Ratification outcome; same numbering as CommonsGovernor.RatificationStatus.
    enum RatificationStatus {
        Pending,
        Ratified,
        Rejected
    }

    /// @notice Kind of motion.
    enum MotionKind {
        Penalty,
        Action
    }

    /// @notice Lifecycle of a motion, as `motionState` reports it.
    enum MotionState {
        Voting, // open, not (yet) passed
        Passed, // passed, waiting for the delay (actions)
        Executable,
        Executed,
        Defeated, // voting ended below 2/3
        Expired // passed but not executed in time
    }

    /// @notice Governance parameters (all owner-settable, bounded; see `setParams`).
    struct Params {
        uint128 admissionGrant; // reputation granted on admission (18 decimals)
        uint128 participationCredit; // reputation per ratification vote cast
        uint128 missedPenalty; // reputation lost per missed ratification
        uint128 floor; // below this, a node loses its seat
        uint32 halfLife; // seconds for reputation to halve
        uint32 ratificationPeriod; // seconds of ratification voting
        uint16 quorumBps; // quorum, in basis points of the total reputation at opening
        uint16 minPooledBps; // promotion: pooled votes at each snapshot, in bps of total veMETIS voting units
        uint32 minMembers; // promotion: delegators with ≥ 100 units at each snapshot
        uint32 minAge; // promotion: seconds since the group was created
        uint8 participationWindow; // promotion: number of last counted closed proposals (1..32)
        uint16 minParticipationBps; // promotion: share of those in which the group participated
        uint16 minCastBps; // promotion: share of its pooled units a group must cast to have participated
        uint32 minSnapshotSpacing; // promotion: seconds between the snapshots of two counted proposals
        uint32 motionPeriod; // seconds of motion voting
        uint32 actionDelay; // seconds between an action passing and being executable
        uint32 executionWindow; // seconds a passed motion stays executable
    }

    /// @notice A ratification (for views).
    struct Ratification {
        uint48 openedAt; // 0 = not opened
        uint48 snapshot; // reputation timepoint of the weights (openedAt - 1)
        uint48 deadline; // last second of voting
        uint8 status; // RatificationStatus
        uint8 voters; // nodes that voted
        bool settled;
        uint128 totalReputation; // sum of eligible nodes' reputation at the snapshot
        uint128 quorum; // weight that must be cast
        uint128 ratifyWeight;
        uint128 rejectWeight;
        uint128 abstainWeight;
    }

    /// @notice A node's vote on a ratification.
    struct RatificationVote {
        bool voted;
        uint8 support;
        uint128 weight;
    }

    /// @notice A peer-penalty or decisive-action motion.
    struct Motion {
        uint8 kind; // MotionKind
        bool executed;
        uint48 snapshot;
        uint48 deadline; // last second of voting
        uint48 passedAt; // 0 until yes reached 2/3
        uint32 delay; // seconds from passing to executable (0 for penalties)
        uint32 window; // seconds executable
        address proposer; // the node that opened it
        address subject; // the accused, or the action's target
        uint128 totalReputation; // at the snapshot (excluding the accused for a penalty)
        uint128 yesWeight;
        uint256 amount; // penalty amount (0 for actions)
        bytes data; // action calldata (empty for penalties)
    }

    /// @notice A node's seat and participation (for views).
    struct NodeInfo {
        bool seated;
        uint8 origin; // Origin
        bool groupSeat; // held by a Commons group contract (voted by its steward)
        uint48 admittedAt;
        uint32 votesCast; // ratification votes cast (since the first admission)
        uint32 ratificationsMissed;
        uint256 reputation; // current (decayed)
    }

    /// @dev Latest checkpoint of a node + its admission time + checkpoint count: one slot.
    struct Head {
        uint128 value;
        uint48 key;
        uint48 admittedAt;
        uint32 count;
    }

    /// @dev An older checkpoint.
    struct Point {
        uint48 key;
        uint208 value;
    }

    /// @dev Seat and counters: one slot.
    struct Meta {
        uint8 indexPlusOne; // 0 = not seated
        uint8 origin;
        bool groupSeat;
        uint32 votesCast;
        uint32 ratificationsMissed;
        uint48 lastMissedPenaltyAt; // when the node last paid a missed-ratification penalty
    }

    // ---------------------------------------------------------------------------------------------------------
    // Constants and immutables
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Most nodes at once.
    uint256 public constant MAX_NODES = 64;
    /// @notice Largest participation window.
    uint8 public constant MAX_PARTICIPATION_WINDOW = 32;
    /// @notice Largest single reputation amount (grant, credit, penalty, floor, award, slash, peer penalty).
    uint256 public constant MAX_AMOUNT = 1e30;
    /// @dev 2^(-1/2^k) × 1e18 for k = 1..20, 8 bytes each (big-endian).
    bytes private constant DECAY_FACTORS =
        hex"09d025defee4df440bab76d59c18d66f0cb9da519ccfb6ff0d4a171c35c9834e0d94961b13dbdea60dba71a3084ad6bc0dcd86e7f28cde170dd71b7aa6df5bae0ddbe84213d5f03d0dde4f458f8e8d800ddf82ef46ce0fe30de01cce21c943e70de069c00f3e11f90de09039a5fa511c0de0a376995968190de0ad151d0941a00de0b1e4616143eb0de0b44c042d4ab20de0b57fd5bb4f870de0b619be8c524f";
    /// @notice Promoted seats admitted within one ratification period hold at most 1/MAX_NEW_SEAT_SHARE_INV of
    /// the council's reputation.
    uint256 public constant MAX_NEW_SEAT_SHARE_INV = 3;
    /// @notice Longest reason string, in bytes.
    uint256 public constant MAX_REASON_LENGTH = 1024;

    /// @notice veMETIS (promotion: pooled votes against total voting units).
    IVotes public immutable veMetis;
    /// @notice The Commons governor (IGovernor + IProposalIndex).
    address public immutable governor;
    /// @notice The Commons registry (which addresses are groups).
    ICouncilRegistry public immutable registry;
    /// @notice Reader of the promotion criteria (deployed first, given to the constructor).
    EcoNodePromotion public immutable promotion;

    // ---------------------------------------------------------------------------------------------------------
    // Storage
    // ---------------------------------------------------------------------------------------------------------

    Params private _params;
    Checkpoints.Trace208 private _halfLives;

    address[] private _nodes;
    mapping(address node => Meta) private _meta;
    mapping(address node => Head) private _heads;
    mapping(address node => mapping(uint256 index => Point)) private _older;

    mapping(uint256 proposalId => Ratification) private _ratifications;
    mapping(uint256 proposalId => mapping(address node => RatificationVote)) private _ratificationVotes;

    /// @notice Number of motions ever opened (ids are 0 .. motionCount - 1).
    uint256 public motionCount;
    mapping(uint256 motionId => Motion) private _motions;
    mapping(uint256 motionId => mapping(address node => bool)) private _motionVoted;
    mapping(address target => mapping(bytes4 selector => bool)) private _allowed;

    // ---------------------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------------------

    /// @notice `node` took a seat (`by` = the caller: governance for an admission, anyone for a promotion).
    event NodeAdmitted(address indexed node, uint8 origin, bool groupSeat, address indexed by, string reason);
    /// @notice `node` lost its seat (`belowFloor`: automatically, its reputation fell below the floor).
    event NodeRemoved(address indexed node, bool belowFloor, string reason);
    /// @notice Promoted `group` was demoted by `by` (it no longer met the criteria over the window).
    event NodeDemoted(address indexed group, address indexed by);
    /// @notice A node's reputation changed by `delta` to `newReputation`, for `cause` (a Cause).
    event ReputationChanged(address indexed node, int256 delta, uint256 newReputation, uint8 cause, string reason);
    /// @notice Ratification of `proposalId` opened.
    event RatificationOpened(
        uint256 indexed proposalId, address indexed opener, uint256 snapshot, uint256 deadline, uint256 totalReputation
    );
    /// @notice `voter` voted for `node` on the ratification of `proposalId`.
    event RatificationVoteCast(
        uint256 indexed proposalId,
        address indexed node,
        address indexed voter,
        uint8 support,
        uint256 weight,
        string reason
    );
    /// @notice Ratification of `proposalId` settled with `status` (1 Ratified, 2 Rejected).
    event RatificationSettled(
        uint256 indexed proposalId, uint8 status, uint256 ratify, uint256 reject, uint256 abstain
    );
    /// @notice A peer-penalty motion opened.
    event PenaltyMotionOpened(
        uint256 indexed motionId,
        address indexed node,
        address indexed accused,
        uint256 amount,
        uint256 snapshot,
        uint256 deadline,
        uint256 totalReputation,
        string reason
    );
    /// @notice A decisive-action motion opened.
    event ActionProposed(
        uint256 indexed motionId,
        address indexed node,
        address indexed target,
        bytes4 selector,
        bytes data,
        uint256 snapshot,
        uint256 deadline,
        uint256 totalReputation,
        string reason
    );
    /// @notice `voter` voted yes for `node` on motion `motionId`.
    event MotionVoted(
        uint256 indexed motionId, address indexed node, address indexed voter, uint256 weight, uint256 yesWeight
    );
    /// @notice Motion `motionId` reached 2/3; executable from `executableAt` until `expiresAt`.
    event MotionPassed(uint256 indexed motionId, uint256 executableAt, uint256 expiresAt);
    /// @notice A peer penalty was applied.
    event PenaltyMotionExecuted(uint256 indexed motionId, address indexed accused, uint256 amount, address executor);
    /// @notice A decisive action was executed.
    event ActionExecuted(uint256 indexed motionId, address indexed target, bytes4 selector, address executor);
    /// @notice `(target, selector)` was allowed or disallowed as a decisive action.
    event ActionAllowedSet(address indexed target, bytes4 indexed selector, bool allowed);
    /// @notice The parameters changed.
    event ParamsSet(Params params);

    // ---------------------------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Zero address in construction.
    error ZeroAddress();
    /// @notice A parameter is out of bounds (`index` = field number in Params, 0-based).
    error InvalidParam(uint256 index);
    /// @notice Reason longer than MAX_REASON_LENGTH.
    error ReasonTooLong();
    /// @notice Amount zero or above MAX_AMOUNT.
    error InvalidAmount(uint256 amount);
    /// @notice The council already has MAX_NODES nodes.
    error CouncilFull();
    /// @notice The council has no reputation to vote with.
    error EmptyCouncil();
    /// @notice Already seated.
    error AlreadyNode(address node);
    /// @notice Not seated.
    error NotNode(address node);
    /// @notice The caller may not act for `node` (not the node, nor the steward of its group seat).
    error NotNodeVoter(address node, address caller);
    /// @notice Not a Commons group.
    error NotGroup(address group);
    /// @notice The group does not meet every promotion criterion.
    error PromotionCriteriaNotMet(address group);
    /// @notice Promoting now would give seats promoted within one ratification period more than 1/3 of the
    /// council's reputation (`recent` of `total`, the new seat included).
    error PromotionRateLimited(uint256 recent, uint256 total);
    /// @notice Not a seat obtained through promotion.
    error NotPromotedGroup(address node);
    /// @notice The group still meets the criteria over the window (or too few closed proposals to judge).
    error StillQualifies(address group);
    /// @notice The promotion reader does not read this council's governor and registry.
    error PromotionMismatch();
    /// @notice The node still has reputation at or above the floor.
    error AboveFloor(address node, uint256 reputation, uint256 floor);
    /// @notice The proposal has not succeeded in the Commons.
    error ProposalNotSucceeded(uint256 proposalId, uint8 state);
    /// @notice The proposal is a Commons override: it is queued without ratification (docs/MECHANISMS.md §4.3).
    error OverrideNeedsNoRatification(uint256 proposalId);
    /// @notice The ratification is already open.
    error RatificationAlreadyOpen(uint256 proposalId);
    /// @notice No ratification is open for the proposal.
    error RatificationNotOpen(uint256 proposalId);
    /// @notice The ratification's voting period has ended.
    error RatificationClosed(uint256 proposalId, uint256 deadline);
    /// @notice The ratification's voting period has not ended.
    error RatificationStillOpen(uint256 proposalId, uint256 deadline);
    /// @notice The ratification is already settled.
    error RatificationAlreadySettled(uint256 proposalId);
    /// @notice Support must be 0 (Reject), 1 (Ratify) or 2 (Abstain).
    error InvalidSupport(uint8 support);
    /// @notice The node already voted.
    error AlreadyVoted(uint256 id, address node);
    /// @notice The node had no reputation at the snapshot, or was not seated since before it.
    error NotEligible(address node, uint256 snapshot);
    /// @notice Unknown motion.
    error UnknownMotion(uint256 motionId);
    /// @notice The motion's voting has ended.
    error MotionVotingClosed(uint256 motionId);
    /// @notice The motion cannot be executed now (`state` = its MotionState).
    error MotionNotExecutable(uint256 motionId, uint8 state);
    /// @notice The motion is not of the kind this function executes.
    error WrongMotionKind(uint256 motionId);
    /// @notice A node cannot accuse itself, and the accused cannot vote on its own penalty.
    error AccusedCannotVote(address accused);
    /// @notice `(target, selector)` is not on the allow-list.
    error ActionNotAllowed(address target, bytes4 selector);
    /// @notice Target is this council, the zero address, or calldata shorter than a selector.
    error InvalidAction();
    /// @notice The action's call reverted (its revert data).
    error ActionFailed(bytes returndata);

    // ---------------------------------------------------------------------------------------------------------
    // Construction and parameters
    // ---------------------------------------------------------------------------------------------------------

    /// @param veMetis_ veMETIS (IVotes, timestamp clock)
    /// @param governor_ the Commons governor (IGovernor + IProposalIndex)
    /// @param registry_ the Commons registry
    /// @param promotion_ the promotion criteria reader (same governor and registry)
    /// @param initialOwner governance: the L2 timelock (or the deployer, who hands over)
    /// @param params_ initial parameters (bounds as in `setParams`)
    constructor(
        IVotes veMetis_,
        address governor_,
        ICouncilRegistry registry_,
        EcoNodePromotion promotion_,
        address initialOwner,
        Params memory params_
    ) Ownable(initialOwner) {
        if (address(veMetis_) == address(0) || governor_ == address(0) || address(registry_) == address(0)) {
            revert ZeroAddress();
        }
        veMetis = veMetis_;
        governor = governor_;
        registry = registry_;
        if (address(promotion_.governor()) != governor_ || promotion_.registry() != registry_) {
            revert PromotionMismatch();
        }
        promotion = promotion_;
        promotion_.checkParams(params_);
        _params = params_;
        _halfLives.push(0, params_.halfLife);
        emit ParamsSet(params_);
    }

    /// @notice Sets every parameter (owner only). Bounds: 0 < floor ≤ admissionGrant ≤ MAX_AMOUNT,
    /// participationCredit and missedPenalty ≤ MAX_AMOUNT, halfLife in [1 minute, 3650 days], ratificationPeriod
    /// and motionPeriod and executionWindow in [1 minute, 30 days], quorumBps in [1, 10000], minPooledBps and
    /// minParticipationBps and minCastBps ≤ 10000, minAge ≤ 730 days, participationWindow in [1, 32],
    /// minSnapshotSpacing ≤ 30 days, actionDelay ≤ 30 days
    /// (checked by `promotion.checkParams`, which reverts `InvalidParam(field index)`).
    /// Periods, quorum and delays apply to ratifications and motions opened afterwards. A new half-life
    /// materialises every node's decay up to now first (≤ 64 checkpoints) and applies from now on.
    function setParams(Params calldata newParams) external onlyOwner {
        promotion.checkParams(newParams);
        uint32 oldHalfLife = _params.halfLife;
        if (newParams.halfLife != oldHalfLife) {
            uint256 n = _nodes.length;
            for (uint256 i; i < n; ++i) {
                // A checkpoint at now for every node, so no decay interval spans two half-lives.
                address node = _nodes[i];
                uint256 current = _materialise(node);
                Head memory h = _heads[node];
                if (h.key != block.timestamp) _push(node, h, current);
            }
            _halfLives.push(uint48(block.timestamp), newParams.halfLife);
        }
        _params = newParams;
        emit ParamsSet(newParams);
    }

    /// @notice Allows or disallows `(target, selector)` as a decisive action (owner only).
    function setActionAllowed(address target, bytes4 selector, bool allowed) external onlyOwner {
        if (target == address(0) || target == address(this)) revert InvalidAction();
        _allowed[target][selector] = allowed;
        emit ActionAllowedSet(target, selector, allowed);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Seats
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Admits `node` (owner only) with the admission grant. If `node` is a Commons group, its seat is
    /// voted by the group's steward.
    function admit(address node, string calldata reason) external onlyOwner {
        if (node == address(0)) revert ZeroAddress();
        _checkReason(reason);
        _seat(node, Origin.Admitted, registry.isGroup(node), reason);
    }

    /// @notice Promotes a Commons group that meets every criterion over the window of the last counted closed
    /// proposals (anyone may call; see EcoNodePromotion for the criteria and `promotion.progress` for the
    /// detail). Rate limit: afterwards, seats promoted within the last `ratificationPeriod` (this one included)
    /// hold at most 1/3 of the total reputation, else it reverts `PromotionRateLimited` (retry later).
    function promote(address group) external {
        if (!registry.isGroup(group)) revert NotGroup(group);
        (, bool windowOk, bool oldEnough) = promotion.check(this, group);
        if (!(windowOk && oldEnough)) revert PromotionCriteriaNotMet(group);
        _seat(group, Origin.PromotedGroup, true, "promoted");
        (uint256 recent, uint256 total) = promotionBudget();
        if (recent * MAX_NEW_SEAT_SHARE_INV > total) revert PromotionRateLimited(recent, total);
    }

    /// @notice Removes a promoted group that no longer meets the criteria over the window (anyone may call):
    /// the window must be full (enough counted closed proposals to judge) and some criterion failed in it (age
    /// aside). Its reputation is zeroed; event `NodeDemoted`, then `NodeRemoved`.
    function demote(address group) external {
        Meta memory m = _meta[group];
        if (m.indexPlusOne == 0 || m.origin != uint8(Origin.PromotedGroup)) revert NotPromotedGroup(group);
        (bool windowFull, bool windowOk,) = promotion.check(this, group);
        if (!windowFull || windowOk) revert StillQualifies(group);
        emit NodeDemoted(group, msg.sender);
        _remove(group, false, "demoted");
    }

    /// @notice Removes `node` (owner only); its reputation is zeroed.
    function remove(address node, string calldata reason) external onlyOwner {
        _checkReason(reason);
        _requireSeated(node);
        _remove(node, false, reason);
    }

    /// @notice Removes a node whose (decayed) reputation is below the floor (anyone may call).
    function evict(address node) external {
        _requireSeated(node);
        uint256 rep = reputationOf(node);
        uint256 floor_ = _params.floor;
        if (rep >= floor_) revert AboveFloor(node, rep, floor_);
        _remove(node, true, "below floor");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Governance reputation
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Awards `amount` reputation to `node` for a contribution (owner only).
    function award(address node, uint256 amount, string calldata reason) external onlyOwner {
        _requireSeated(node);
        _checkAmount(amount);
        _checkReason(reason);
        _change(node, int256(amount), Cause.Award, reason);
    }

    /// @notice Slashes `amount` reputation of `node` (owner only); below the floor it loses its seat.
    function slash(address node, uint256 amount, string calldata reason) external onlyOwner {
        _requireSeated(node);
        _checkAmount(amount);
        _checkReason(reason);
        _penalise(node, amount, Cause.Slash, reason);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ratification
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Opens the ratification of a proposal that succeeded in the Commons (anyone may call). After the
    /// governor's `ratificationDeadline` an unopened proposal is Expired, not Succeeded, so it cannot be opened
    /// any more (docs/MECHANISMS.md §4.3); an override is never opened (it needs no ratification). Weights are the nodes'
    /// reputation at the end of the Commons vote (`proposalDeadline`), whoever opens it and whenever; the total
    /// is their sum (≤ 64 nodes).
    function openRatification(uint256 proposalId) external {
        Ratification storage r = _ratifications[proposalId];
        if (r.openedAt != 0) revert RatificationAlreadyOpen(proposalId);
        IGovernor.ProposalState st = IGovernor(governor).state(proposalId);
        if (st != IGovernor.ProposalState.Succeeded) revert ProposalNotSucceeded(proposalId, uint8(st));
        if (IProposalIndex(governor).isOverride(proposalId)) revert OverrideNeedsNoRatification(proposalId);
        Params storage p = _params;
        // the end of the Commons vote: in the past, as the proposal succeeded
        uint48 snapshot = uint48(IGovernor(governor).proposalDeadline(proposalId));
        uint256 total = _totalAt(snapshot, address(0));
        if (total == 0) revert EmptyCouncil();
        uint48 deadline = uint48(block.timestamp + p.ratificationPeriod);
        r.openedAt = uint48(block.timestamp);
        r.snapshot = snapshot;
        r.deadline = deadline;
        r.totalReputation = uint128(total);
        r.quorum = uint128(Math.mulDiv(total, p.quorumBps, 10_000, Math.Rounding.Ceil));
        emit RatificationOpened(proposalId, msg.sender, snapshot, deadline, total);
    }

    /// @notice Votes on the ratification of `proposalId` as the calling node.
    /// @param support 0 = Reject, 1 = Ratify, 2 = Abstain
    /// @return weight the node's reputation at the snapshot
    function castRatification(uint256 proposalId, uint8 support, string calldata reason)
        external
        returns (uint256 weight)
    {
        return _castRatification(msg.sender, proposalId, support, reason);
    }

    /// @notice Votes on the ratification of `proposalId` for `node` (the node itself, or the steward of a group
    /// seat).
    function castRatificationAs(address node, uint256 proposalId, uint8 support, string calldata reason)
        external
        returns (uint256 weight)
    {
        return _castRatification(node, proposalId, support, reason);
    }

    /// @notice Settles the ratification of `proposalId` after its period (anyone may call) and applies the
    /// missed-ratification penalties (≤ 64 nodes).
    function settleRatification(uint256 proposalId) external returns (uint8 status) {
        Ratification storage r = _ratifications[proposalId];
        uint48 openedAt = r.openedAt;
        if (openedAt == 0) revert RatificationNotOpen(proposalId);
        if (r.settled) revert RatificationAlreadySettled(proposalId);
        uint48 deadline = r.deadline;
        if (block.timestamp <= deadline) revert RatificationStillOpen(proposalId, deadline);

        uint256 ratify = r.ratifyWeight;
        uint256 reject = r.rejectWeight;
        uint256 abstain = r.abstainWeight;
        bool ok = ratify + reject + abstain >= r.quorum && ratify > reject;
        status = uint8(ok ? RatificationStatus.Ratified : RatificationStatus.Rejected);
        r.status = status;
        r.settled = true;
        emit RatificationSettled(proposalId, status, ratify, reject, abstain);

        uint48 snapshot = r.snapshot;
        // Penalties only when the council engaged (quorum reached): a ratification nobody voted on (junk the
        // Commons passed) costs no one anything. And at most one penalty per node per ratification period.
        uint256 penalty = ratify + reject + abstain >= r.quorum ? _params.missedPenalty : 0;
        uint256 since = block.timestamp - _params.ratificationPeriod;
        // Backwards, so that a removal (swap with the last, already visited) skips nobody.
        for (uint256 i = _nodes.length; i > 0; --i) {
            address node = _nodes[i - 1];
            if (_ratificationVotes[proposalId][node].voted) continue;
            Head memory h = _heads[node];
            if (h.admittedAt > snapshot || _valueAt(node, h, snapshot) == 0) continue; // not eligible at opening
            Meta storage m = _meta[node];
            unchecked {
                ++m.ratificationsMissed;
            }
            if (penalty == 0 || m.lastMissedPenaltyAt > since) continue;
            m.lastMissedPenaltyAt = uint48(block.timestamp);
            _penalise(node, penalty, Cause.MissedRatification, "");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Motions
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Opens a motion to penalise `accused` by `amount` reputation, for `node` (the caller is the node
    /// itself or the steward of its group seat). The opener's vote counts as yes.
    function openPenaltyMotion(address node, address accused, uint256 amount, string calldata reason)
        external
        returns (uint256 motionId)
    {
        _checkAmount(amount);
        _checkReason(reason);
        _requireVoter(node);
        _requireSeated(accused);
        if (accused == node) revert AccusedCannotVote(accused);
        Motion storage m;
        (motionId, m) = _newMotion(MotionKind.Penalty, node, accused, 0);
        m.amount = amount;
        emit PenaltyMotionOpened(motionId, node, accused, amount, m.snapshot, m.deadline, m.totalReputation, reason);
        _recordMotionVote(motionId, m, node);
    }

    /// @notice Proposes the decisive action `target.call(data)` (its `(target, selector)` allow-listed) for
    /// `node` (the caller is the node itself or the steward of its group seat). The opener's vote counts as yes.
    function proposeAction(address node, address target, bytes calldata data, string calldata reason)
        external
        returns (uint256 motionId)
    {
        if (data.length < 4) revert InvalidAction();
        bytes4 selector = bytes4(data[:4]);
        if (!_allowed[target][selector]) revert ActionNotAllowed(target, selector);
        _checkReason(reason);
        _requireVoter(node);
        Motion storage m;
        (motionId, m) = _newMotion(MotionKind.Action, node, target, _params.actionDelay);
        m.data = data;
        emit ActionProposed(motionId, node, target, selector, data, m.snapshot, m.deadline, m.totalReputation, reason);
        _recordMotionVote(motionId, m, node);
    }

    /// @notice Votes yes on motion `motionId` for `node` (the caller is the node itself or the steward of its
    /// group seat); weight = the node's reputation at the motion's snapshot.
    function voteMotion(address node, uint256 motionId) external returns (uint256 weight) {
        if (motionId >= motionCount) revert UnknownMotion(motionId);
        Motion storage m = _motions[motionId];
        if (block.timestamp > m.deadline) revert MotionVotingClosed(motionId);
        _requireVoter(node);
        if (m.kind == uint8(MotionKind.Penalty) && node == m.subject) revert AccusedCannotVote(node);
        return _recordMotionVote(motionId, m, node);
    }

    /// @notice Applies a passed peer penalty (anyone may call, while executable). The accused pays up to
    /// `amount` of its current reputation; below the floor it loses its seat.
    function executePenaltyMotion(uint256 motionId) external {
        Motion storage m = _executableMotion(motionId, MotionKind.Penalty);
        m.executed = true;
        address accused = m.subject;
        _requireSeated(accused);
        uint256 amount = m.amount;
        emit PenaltyMotionExecuted(motionId, accused, amount, msg.sender);
        _penalise(accused, amount, Cause.PeerPenalty, "peer penalty");
    }

    /// @notice Executes a passed decisive action (anyone may call, from `actionDelay` after passing, for
    /// `executionWindow`); the `(target, selector)` must still be allow-listed.
    function executeAction(uint256 motionId) external returns (bytes memory returndata) {
        Motion storage m = _executableMotion(motionId, MotionKind.Action);
        address target = m.subject;
        bytes memory data = m.data;
        bytes4 selector = bytes4(data);
        if (!_allowed[target][selector]) revert ActionNotAllowed(target, selector);
        m.executed = true;
        emit ActionExecuted(motionId, target, selector, msg.sender);
        bool ok;
        (ok, returndata) = target.call(data);
        if (!ok) revert ActionFailed(returndata);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Current parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice Half-life that applies to decay from time `timepoint` on.
    function halfLifeAt(uint256 timepoint) public view returns (uint256) {
        return _halfLives.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @notice Number of seated nodes.
    function nodeCount() external view returns (uint256) {
        return _nodes.length;
    }

    /// @notice The seated node at `index` (order changes on removals).
    function nodeAt(uint256 index) external view returns (address) {
        return _nodes[index];
    }

    /// @notice All seated nodes (≤ 64).
    function nodes() external view returns (address[] memory) {
        return _nodes;
    }

    /// @notice Whether `node` holds a seat.
    function isNode(address node) public view returns (bool) {
        return _meta[node].indexPlusOne != 0;
    }

    /// @notice Seat, origin, counters and current reputation of `node`.
    function nodeInfo(address node) external view returns (NodeInfo memory info) {
        Meta memory m = _meta[node];
        info.seated = m.indexPlusOne != 0;
        info.origin = m.origin;
        info.groupSeat = m.groupSeat;
        info.admittedAt = _heads[node].admittedAt;
        info.votesCast = m.votesCast;
        info.ratificationsMissed = m.ratificationsMissed;
        info.reputation = reputationOf(node);
    }

    /// @notice Who votes for `node` now: for a group seat its group's `seatVoter` (the steward once its seat
    /// delay has passed, else nobody), else the node itself.
    function voterOf(address node) public view returns (address) {
        return _meta[node].groupSeat ? ICouncilGroup(node).seatVoter() : node;
    }

    /// @notice Current (decayed) reputation of `node` (0 if not seated).
    function reputationOf(address node) public view returns (uint256) {
        return _valueAt(node, _heads[node], block.timestamp);
    }

    /// @notice Reputation of `node` at `timepoint` (decayed to that time; any timepoint, past or future
    /// assuming no further change).
    function reputationAt(address node, uint256 timepoint) external view returns (uint256) {
        return _valueAt(node, _heads[node], timepoint);
    }

    /// @notice Number of reputation checkpoints of `node`.
    function reputationCheckpointCount(address node) external view returns (uint256) {
        return _heads[node].count;
    }

    /// @notice Sum of the current reputation of every seated node (≤ 64; exact).
    function totalReputation() public view returns (uint256 total) {
        uint256 n = _nodes.length;
        for (uint256 i; i < n; ++i) {
            total += reputationOf(_nodes[i]);
        }
    }

    /// @notice Ratification of `proposalId` (openedAt 0 = not opened).
    function ratification(uint256 proposalId) external view returns (Ratification memory) {
        return _ratifications[proposalId];
    }

    /// @notice What the governor's gate reads: 0 Pending (not opened, voting, or awaiting settlement),
    /// 1 Ratified, 2 Rejected.
    function ratificationStatus(uint256 proposalId) external view returns (uint8) {
        return _ratifications[proposalId].status;
    }

    /// @notice Whether the ratification of `proposalId` was opened (the governor's gate: not opened by the
    /// governor's `ratificationDeadline` means Expired).
    function ratificationOpened(uint256 proposalId) external view returns (bool) {
        return _ratifications[proposalId].openedAt != 0;
    }

    /// @notice Whether `node` voted on the ratification of `proposalId`.
    function hasVoted(uint256 proposalId, address node) external view returns (bool) {
        return _ratificationVotes[proposalId][node].voted;
    }

    /// @notice The vote of `node` on the ratification of `proposalId`.
    function ratificationVote(uint256 proposalId, address node) external view returns (RatificationVote memory) {
        return _ratificationVotes[proposalId][node];
    }

    /// @notice Motion `motionId`.
    function motion(uint256 motionId) external view returns (Motion memory) {
        if (motionId >= motionCount) revert UnknownMotion(motionId);
        return _motions[motionId];
    }

    /// @notice State of motion `motionId` (a MotionState).
    function motionState(uint256 motionId) public view returns (uint8) {
        if (motionId >= motionCount) revert UnknownMotion(motionId);
        return uint8(_motionState(_motions[motionId]));
    }

    /// @notice Whether `node` voted on motion `motionId`.
    function hasVotedOnMotion(uint256 motionId, address node) external view returns (bool) {
        return _motionVoted[motionId][node];
    }

    /// @notice Whether `(target, selector)` may be proposed as a decisive action.
    function isActionAllowed(address target, bytes4 selector) external view returns (bool) {
        return _allowed[target][selector];
    }

    /// @notice Current reputation of the seats promoted within the last `ratificationPeriod` (`recent`) and of
    /// all seats (`total`); `promote` keeps 3 × recent ≤ total (≤ 64 nodes).
    function promotionBudget() public view returns (uint256 recent, uint256 total) {
        uint256 since = block.timestamp - _params.ratificationPeriod;
        uint256 n = _nodes.length;
        for (uint256 i; i < n; ++i) {
            address node = _nodes[i];
            Head memory h = _heads[node];
            uint256 rep = _valueAt(node, h, block.timestamp);
            total += rep;
            if (h.admittedAt > since && _meta[node].origin == uint8(Origin.PromotedGroup)) recent += rep;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals: seats and reputation
    // ---------------------------------------------------------------------------------------------------------

    function _seat(address node, Origin origin, bool groupSeat, string memory reason) private {
        if (isNode(node)) revert AlreadyNode(node);
        uint256 n = _nodes.length;
        if (n >= MAX_NODES) revert CouncilFull();
        _nodes.push(node);
        Meta storage m = _meta[node];
        m.indexPlusOne = uint8(n + 1);
        m.origin = uint8(origin);
        m.groupSeat = groupSeat;
        _heads[node].admittedAt = uint48(block.timestamp);
        emit NodeAdmitted(node, uint8(origin), groupSeat, msg.sender, reason);
        _change(node, int256(uint256(_params.admissionGrant)), Cause.Admission, reason);
    }

    /// @dev Removes a seated node: zeroes its reputation (Removal) and swaps it out of the list.
    function _remove(address node, bool belowFloor, string memory reason) private {
        uint256 rep = _materialise(node);
        if (rep != 0) _change(node, -int256(rep), Cause.Removal, reason);
        Meta storage m = _meta[node];
        uint256 idx = m.indexPlusOne - 1;
        uint256 last = _nodes.length - 1;
        if (idx != last) {
            address moved = _nodes[last];
            _nodes[idx] = moved;
            _meta[moved].indexPlusOne = uint8(idx + 1);
        }
        _nodes.pop();
        m.indexPlusOne = 0;
        emit NodeRemoved(node, belowFloor, reason);
    }

    /// @dev Takes up to `amount` (capped at the current reputation) and removes the node if it ends below the
    /// floor.
    function _penalise(address node, uint256 amount, Cause cause, string memory reason) private {
        uint256 rep = _materialise(node);
        uint256 taken = Math.min(amount, rep);
        uint256 left = taken == 0 ? rep : _change(node, -int256(taken), cause, reason);
        if (left < _params.floor) _remove(node, true, "below floor");
    }

    /// @dev Writes the decay since the last checkpoint (event `Decay`) if any; returns the current value.
    function _materialise(address node) private returns (uint256 current) {
        Head memory h = _heads[node];
        current = _decay(h.value, h.key, block.timestamp);
        if (current != h.value) {
            _push(node, h, current);
            emit ReputationChanged(node, -int256(uint256(h.value) - current), current, uint8(Cause.Decay), "");
        }
    }

    /// @dev Materialises the decay, then applies `delta` (a negative delta is capped by the caller) and emits
    /// it. A zero delta only materialises the decay.
    function _change(address node, int256 delta, Cause cause, string memory reason) private returns (uint256 value) {
        value = _materialise(node);
        if (delta == 0) return value;
        value = delta > 0 ? value + uint256(delta) : value - uint256(-delta);
        _push(node, _heads[node], value);
        emit ReputationChanged(node, delta, value, uint8(cause), reason);
    }

    /// @dev Records `value` as of now.
    function _push(address node, Head memory h, uint256 value) private {
        uint48 nowKey = uint48(block.timestamp);
        uint128 v = SafeCast.toUint128(value);
        if (h.count == 0) {
            _heads[node] = Head(v, nowKey, h.admittedAt, 1);
        } else if (h.key == nowKey) {
            _heads[node] = Head(v, nowKey, h.admittedAt, h.count);
        } else {
            _older[node][h.count - 1] = Point(h.key, h.value);
            _heads[node] = Head(v, nowKey, h.admittedAt, h.count + 1);
        }
    }

    /// @dev Reputation of `node` (whose head is `h`) at `t`: the last checkpoint at or before `t`, decayed to
    /// `t`. Binary search over older checkpoints when `t` precedes the latest.
    function _valueAt(address node, Head memory h, uint256 t) private view returns (uint256) {
        if (h.count == 0) return 0;
        if (h.key <= t) return _decay(h.value, h.key, t);
        uint256 lo;
        uint256 hi = h.count - 1; // older[0 .. count-2]
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_older[node][mid].key > t) hi = mid;
            else lo = mid + 1;
        }
        if (lo == 0) return 0;
        Point memory pt = _older[node][lo - 1];
        return _decay(pt.value, pt.key, t);
    }

    /// @dev Sum of the reputation at `snapshot` of the seated nodes admitted at or before it, except `excluded`.
    function _totalAt(uint48 snapshot, address excluded) private view returns (uint256 total) {
        uint256 n = _nodes.length;
        for (uint256 i; i < n; ++i) {
            address node = _nodes[i];
            if (node == excluded) continue;
            Head memory h = _heads[node];
            if (h.admittedAt > snapshot) continue;
            total += _valueAt(node, h, snapshot);
        }
    }

    /// @dev `value` recorded at `from`, decayed to `to` with the half-life in force at `from`.
    function _decay(uint256 value, uint256 from, uint256 to) private view returns (uint256) {
        if (value == 0 || to <= from) return value;
        return decayOf(value, to - from, _halfLives.upperLookupRecent(uint48(from)));
    }

    /// @dev value × 2^(-elapsed / halfLife), rounded down: whole half-lives by shifts, the remaining fraction
    /// to 1/2^20 of a half-life (rounded down, so decay is never overstated) by a product of 2^(-1/2^k).
    function decayOf(uint256 value, uint256 elapsed, uint256 halfLife) internal pure returns (uint256) {
        uint256 halvings = elapsed / halfLife;
        if (halvings >= 256) return 0;
        value >>= halvings;
        uint256 frac = ((elapsed % halfLife) << 20) / halfLife; // < 2^20
        if (frac == 0 || value == 0) return value;
        uint256 f = 1e18;
        bytes memory factors = DECAY_FACTORS;
        for (uint256 k; k < 20; ++k) {
            if (frac & (1 << (19 - k)) != 0) {
                uint256 c;
                assembly ("memory-safe") {
                    c := shr(192, mload(add(add(factors, 32), mul(k, 8))))
                }
                f = f * c / 1e18;
            }
        }
        return Math.mulDiv(value, f, 1e18);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals: votes
    // ---------------------------------------------------------------------------------------------------------

    /// @dev Checks `msg.sender` may act for seated `node`.
    function _requireVoter(address node) private view {
        Meta memory m = _meta[node];
        if (m.indexPlusOne == 0) revert NotNode(node);
        if (msg.sender == node) return;
        if (!m.groupSeat || ICouncilGroup(node).seatVoter() != msg.sender) revert NotNodeVoter(node, msg.sender);
    }

    /// @dev Weight of `node` at `snapshot`; reverts unless seated since before it with reputation then.
    function _eligibleWeight(address node, uint48 snapshot) private view returns (uint256 weight) {
        Head memory h = _heads[node];
        if (h.admittedAt <= snapshot) weight = _valueAt(node, h, snapshot);
        if (weight == 0) revert NotEligible(node, snapshot);
    }

    function _castRatification(address node, uint256 proposalId, uint8 support, string calldata reason)
        private
        returns (uint256 weight)
    {
        if (support > 2) revert InvalidSupport(support);
        _checkReason(reason);
        Ratification storage r = _ratifications[proposalId];
        if (r.openedAt == 0) revert RatificationNotOpen(proposalId);
        uint48 deadline = r.deadline;
        if (block.timestamp > deadline) revert RatificationClosed(proposalId, deadline);
        _requireVoter(node);
        RatificationVote storage v = _ratificationVotes[proposalId][node];
        if (v.voted) revert AlreadyVoted(proposalId, node);
        weight = _eligibleWeight(node, r.snapshot);

        uint128 w = uint128(weight); // ≤ totalReputation, a uint128
        v.voted = true;
        v.support = support;
        v.weight = w;
        if (support == 1) r.ratifyWeight += w;
        else if (support == 0) r.rejectWeight += w;
        else r.abstainWeight += w;
        unchecked {
            ++r.voters; // ≤ 64
            ++_meta[node].votesCast;
        }
        emit RatificationVoteCast(proposalId, node, msg.sender, support, weight, reason);
        _change(node, int256(uint256(_params.participationCredit)), Cause.Participation, "");
    }

    function _newMotion(MotionKind kind, address node, address subject, uint32 delay)
        private
        returns (uint256 motionId, Motion storage m)
    {
        uint48 snapshot = uint48(block.timestamp - 1);
        uint256 total = _totalAt(snapshot, kind == MotionKind.Penalty ? subject : address(0));
        if (total == 0) revert EmptyCouncil();
        motionId = motionCount++;
        m = _motions[motionId];
        m.kind = uint8(kind);
        m.snapshot = snapshot;
        m.deadline = uint48(block.timestamp + _params.motionPeriod);
        m.delay = delay;
        m.window = _params.executionWindow;
        m.proposer = node;
        m.subject = subject;
        m.totalReputation = uint128(total);
    }

    function _recordMotionVote(uint256 motionId, Motion storage m, address node) private returns (uint256 weight) {
        if (_motionVoted[motionId][node]) revert AlreadyVoted(motionId, node);
        weight = _eligibleWeight(node, m.snapshot);
        _motionVoted[motionId][node] = true;
        uint256 yes = m.yesWeight + weight;
        m.yesWeight = uint128(yes);
        emit MotionVoted(motionId, node, msg.sender, weight, yes);
        if (m.passedAt == 0 && yes * 3 >= uint256(m.totalReputation) * 2) {
            m.passedAt = uint48(block.timestamp);
            uint256 executableAt = block.timestamp + m.delay;
            emit MotionPassed(motionId, executableAt, executableAt + m.window);
        }
    }

    function _executableMotion(uint256 motionId, MotionKind kind) private view returns (Motion storage m) {
        if (motionId >= motionCount) revert UnknownMotion(motionId);
        m = _motions[motionId];
        if (m.kind != uint8(kind)) revert WrongMotionKind(motionId);
        MotionState s = _motionState(m);
        if (s != MotionState.Executable) revert MotionNotExecutable(motionId, uint8(s));
    }

    function _motionState(Motion storage m) private view returns (MotionState) {
        if (m.executed) return MotionState.Executed;
        uint256 passedAt = m.passedAt;
        if (passedAt == 0) return block.timestamp > m.deadline ? MotionState.Defeated : MotionState.Voting;
        uint256 executableAt = passedAt + m.delay;
        if (block.timestamp < executableAt) return MotionState.Passed;
        if (block.timestamp > executableAt + m.window) return MotionState.Expired;
        return MotionState.Executable;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals: checks
    // ---------------------------------------------------------------------------------------------------------

    function _requireSeated(address node) private view {
        if (_meta[node].indexPlusOne == 0) revert NotNode(node);
    }

    function _checkAmount(uint256 amount) private pure {
        if (amount == 0 || amount > MAX_AMOUNT) revert InvalidAmount(amount);
    }

    function _checkReason(string calldata reason) private pure {
        if (bytes(reason).length > MAX_REASON_LENGTH) revert ReasonTooLong();
    }
}
