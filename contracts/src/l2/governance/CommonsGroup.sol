// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {VeMetis} from "./VeMetis.sol";
import {CommonsGovernor} from "./CommonsGovernor.sol";

/// @notice The registry parameters a group reads.
interface ICommonsGroupParams {
    /// @notice Seconds before a proposal deadline when internal voting closes.
    function internalVotingWindow() external view returns (uint48);
    /// @notice Steward motion period: snapshot look-back of a motion, and a new steward's seat-voting delay.
    function stewardMotionPeriod() external view returns (uint48);
    /// @notice Seconds a steward motion stays open for support.
    function stewardVotingPeriod() external view returns (uint48);
    /// @notice Opener's share of the group's units at the motion snapshot, in basis points.
    function stewardMotionThresholdBps() external view returns (uint16);
}

/// @title Commons interest group
/// @notice One group of the Commons (an EIP-1167 clone created by the CommonsRegistry). Members pool their
/// voting power by delegating their veMETIS to this contract, then vote inside the group; every member vote is
/// forwarded at once to the Commons governor as a fractional vote of the member's weight.
///
/// Rules:
/// - Weight: a member's vote on a proposal weighs `veMetis.getPastUnits(member, snapshot)`, and only if
///   `veMetis.getPastDelegate(member, snapshot)` is this group. Re-delegating or switching groups after the
///   snapshot changes nothing for that proposal, so no weight is ever counted twice: at every timepoint the
///   group's votes equal the sum of the units delegated to it, and the governor's fractional counting also
///   caps what this group casts at its votes at the snapshot. Voting rights come from delegation at the
///   snapshot; `join`/`leave` maintain the on-chain member roster and count.
/// - One vote per member per proposal; the internal window closes `registry.internalVotingWindow()` seconds
///   before the proposal's (possibly late-quorum-extended) deadline, or when the remainder has been cast.
/// - Remainder: from the close of the internal window until the proposal deadline, anyone may call
///   `castRemainder`. With FollowMajority, the group's unvoted weight (votes at the snapshot minus what it has
///   already cast) goes to the option with strictly the most internal weight (no cast on a tie or with no
///   internal votes). With None, nothing is cast.
/// - Steward: submits (and may cancel while pending) proposals for the group, so the group's pooled votes count
///   toward the proposal threshold; may edit the metadata URI and hand over the role (not while a members'
///   motion is open for support).
/// - Steward replacement (docs/MECHANISMS.md §4.2): a motion names a candidate and counts members' units at a snapshot one
///   motion period (`registry.stewardMotionPeriod()`) before it opened, so units delegated after that count
///   nothing. Its opener must have had at least `registry.stewardMotionThresholdBps()` of the group's units at
///   the snapshot and may have one open motion at a time. Members support it with their own units at the
///   snapshot, counted only if their delegatee then was this group. It stays open for the voting period
///   (`registry.stewardVotingPeriod()`) and only then, if the support is more than half of the group's units at
///   the snapshot, anyone may execute it, within one more voting period (after that it has expired). Executing a
///   motion voids the motions opened before it (`stewardEpoch`); a hand-over by the steward voids nothing, and is
///   refused while a motion is open for support.
/// - Eco Node seat: a new steward (by motion or hand-over) votes the group's seat (`seatVoter`, read by the
///   council) only one motion period plus one voting period after taking office; until then the seat has no
///   voter. docs/MECHANISMS.md §4.2 names the motion period; the added voting period is what lets the members' counter-motion
///   (whose snapshot must fall after a borrowed majority's lock ended) always land before a steward installed by
///   units borrowed for less than that delay can vote the seat (test/attacks/StewardHijack.t.sol).
/// - Signed ballots (docs/MECHANISMS.md §8, "Gasless"): `castVoteBySig` casts a member's vote from an EIP-712 `Ballot`
///   the member signed (domain: this group's address and the chain), with a per-member nonce and a deadline, sent by
///   anyone (a relayer paying the gas). Every field of the vote (proposal, support, reason) is signed, so whoever
///   sends it can only send it as signed, once. The signature is checked with `SignatureChecker`, so a contract
///   member (a Safe) signs through ERC-1271.
contract CommonsGroup is Initializable, EIP712, Nonces {
    /// @notice What happens to the weight members did not vote with.
    enum RemainderPolicy {
        FollowMajority,
        None
    }

    /// @notice Internal tally of one proposal (two slots).
    struct ProposalTally {
        uint128 againstWeight;
        uint128 forWeight;
        uint128 abstainWeight;
        uint128 remainderWeight;
        bool remainderCast;
    }

    /// @notice A member's vote on one proposal.
    struct MemberVote {
        uint128 weight;
        uint8 support;
    }

    /// @notice Where a steward motion stands.
    enum MotionState {
        Active, // open for support
        Defeated, // voting period over without more than half of the units at the snapshot
        Succeeded, // passed; executable until `deadline` + the voting period
        Executed,
        Voided, // another motion was executed after this one opened
        Expired // passed but not executed in time
    }

    /// @notice A steward replacement motion (three slots).
    struct StewardMotion {
        address candidate;
        uint48 snapshot; // units are counted at this timestamp (one motion period before `openedAt`)
        uint48 deadline; // end of the voting period; executable after it
        uint128 yesWeight;
        uint128 pooledVotes; // the group's units at `snapshot`; passing needs yesWeight * 2 > pooledVotes
        uint48 openedAt;
        uint64 epoch;
        bool executed;
    }

    /// @notice EIP-712 type of a signed member vote (`castVoteBySig`).
    bytes32 public constant BALLOT_TYPEHASH = keccak256(
        "Ballot(uint256 proposalId,uint8 support,string reason,address member,uint256 nonce,uint256 deadline)"
    );

    /// @notice The registry that created this group (shared by all clones).
    address public immutable registry;
    /// @notice The Commons governor.
    CommonsGovernor public immutable governor;
    /// @notice veMETIS.
    VeMetis public immutable veMetis;

    /// @notice Display name.
    string public name;
    /// @notice Metadata URI (description, focus).
    string public metadataURI;
    /// @notice Current steward.
    address public steward;
    /// @notice Remainder policy, fixed at creation.
    RemainderPolicy public remainderPolicy;
    /// @notice Creation timestamp.
    uint48 public createdAt;
    /// @notice Number of members on the roster.
    uint256 public memberCount;
    /// @notice Number of steward motions opened.
    uint256 public stewardMotionCount;
    /// @notice Incremented when a motion is executed; open motions from an older epoch are void.
    uint64 public stewardEpoch;
    /// @notice Until when (inclusive) a steward motion is open for support; the steward cannot hand over before.
    uint48 public motionsOpenUntil;
    /// @notice From when the current steward votes the group's Eco Node seat (docs/MECHANISMS.md §4.2 delay: one motion period
    /// plus one voting period after taking office).
    uint48 public seatVotingFrom;

    /// @notice Whether `account` is on the group's roster.
    mapping(address account => bool) public isMember;
    mapping(uint256 proposalId => ProposalTally) private _tallies;
    mapping(uint256 proposalId => mapping(address member => MemberVote)) private _memberVotes;
    mapping(uint256 motionId => StewardMotion) private _motions;
    /// @notice Whether `member` supported steward motion `motionId`.
    mapping(uint256 motionId => mapping(address member => bool)) public hasVotedOnMotion;
    /// @dev Latest motion opened by an account, plus one (0 = none).
    mapping(address opener => uint256 motionIdPlusOne) private _lastMotionOf;

    /// @notice `account` joined the roster.
    event MemberJoined(address indexed account);
    /// @notice `account` left the roster.
    event MemberLeft(address indexed account);
    /// @notice A member voted inside the group; the same weight was forwarded to the governor.
    event MemberVoteCast(
        uint256 indexed proposalId, address indexed member, uint8 support, uint256 weight, string reason
    );
    /// @notice `relayer` sent the vote `member` signed (nonce `nonce`); its `MemberVoteCast` comes with it.
    event SignedVoteRelayed(
        uint256 indexed proposalId, address indexed member, address indexed relayer, uint256 nonce
    );
    /// @notice The group's unvoted weight on a proposal was cast for `support` by `caller`.
    event RemainderCast(uint256 indexed proposalId, address indexed caller, uint8 support, uint256 weight);
    /// @notice The steward submitted a proposal on the group's behalf.
    event GroupProposalSubmitted(uint256 indexed proposalId, address indexed steward);
    /// @notice The steward canceled a pending group proposal.
    event GroupProposalCanceled(uint256 indexed proposalId, address indexed steward);
    /// @notice The metadata URI changed.
    event MetadataURIUpdated(string metadataURI);
    /// @notice The steward changed (`motionId` is type(uint256).max for a hand-over by the steward or the
    /// creation); the new steward votes the group's Eco Node seat from `seatVotingFrom`.
    event StewardChanged(
        address indexed previousSteward, address indexed newSteward, uint256 motionId, uint256 seatVotingFrom
    );
    /// @notice A steward motion was opened: units count at `snapshot`, support until `deadline`, passing needs
    /// more than half of `pooledVotes` (the group's units at the snapshot).
    event StewardMotionOpened(
        uint256 indexed motionId,
        address indexed proposer,
        address indexed candidate,
        uint256 snapshot,
        uint256 deadline,
        uint256 pooledVotes
    );
    /// @notice A member supported a steward motion.
    event StewardMotionVoted(uint256 indexed motionId, address indexed member, uint256 weight, uint256 yesWeight);

    /// @notice Caller is not the registry.
    error NotRegistry();
    /// @notice Caller is not the steward.
    error NotSteward(address caller);
    /// @notice Steward or candidate is the zero address, or the current steward.
    error InvalidSteward(address steward);
    /// @notice Already on the roster.
    error AlreadyMember(address account);
    /// @notice Not on the roster.
    error NotMember(address account);
    /// @notice Support must be 0 (Against), 1 (For) or 2 (Abstain).
    error InvalidSupport(uint8 support);
    /// @notice The proposal's voting has not started.
    error ProposalNotActive(uint256 proposalId);
    /// @notice The group's internal voting on the proposal is closed.
    error InternalVotingClosed(uint256 proposalId, uint256 internalDeadline);
    /// @notice The group's internal voting on the proposal is still open.
    error InternalVotingOpen(uint256 proposalId, uint256 internalDeadline);
    /// @notice The member already voted on the proposal inside the group.
    error AlreadyVoted(uint256 proposalId, address member);
    /// @notice The account did not delegate to this group at the snapshot.
    error NotDelegatedAtSnapshot(address account, uint256 snapshot);
    /// @notice The account had no units at the snapshot.
    error NoWeight(address account, uint256 snapshot);
    /// @notice The remainder was already cast.
    error RemainderAlreadyCast(uint256 proposalId);
    /// @notice The group's policy is None: the remainder is not cast.
    error RemainderPolicyNone();
    /// @notice No option has strictly the most internal weight.
    error NoInternalMajority(uint256 proposalId);
    /// @notice Nothing left to cast.
    error NothingToCast(uint256 proposalId);
    /// @notice Unknown motion.
    error UnknownMotion(uint256 motionId);
    /// @notice The motion's voting period is over, or it was executed or voided by another motion's execution.
    error MotionClosed(uint256 motionId);
    /// @notice The motion is not executable: still open, defeated, executed, voided or expired.
    error MotionNotExecutable(uint256 motionId, MotionState state);
    /// @notice A members' motion is open for support until `openUntil`: the steward cannot hand over.
    error StewardMotionOpen(uint256 openUntil);
    /// @notice The opener had less than the opening threshold of the group's units at the snapshot.
    error MotionThresholdNotMet(address account, uint256 weight, uint256 required);
    /// @notice The opener already has a motion open for support.
    error OpenerHasOpenMotion(address account, uint256 motionId);
    /// @notice The member already supported the motion.
    error AlreadyVotedOnMotion(uint256 motionId, address member);
    /// @notice The motion does not have an absolute majority of the pooled units.
    error MotionNotPassed(uint256 motionId, uint256 yesWeight, uint256 pooledVotes);
    /// @notice `delegateBySig` did not delegate the caller to this group.
    error DelegationFailed(address account);
    /// @notice The metadata URI is too long.
    error InvalidMetadataURI();
    /// @notice The signed ballot's deadline has passed.
    error BallotExpired(uint256 deadline);
    /// @notice The signature is not `member`'s over this ballot (another proposal, support, reason, group or chain).
    error InvalidBallotSignature(address member);
    /// @notice The signed nonce is not `member`'s next nonce (`expected`): already used, or signed ahead.
    error InvalidBallotNonce(address member, uint256 expected);

    modifier onlySteward() {
        if (msg.sender != steward) revert NotSteward(msg.sender);
        _;
    }

    /// @param registry_ the registry that clones this implementation
    /// @param governor_ the Commons governor
    /// @param veMetis_ veMETIS
    constructor(address registry_, CommonsGovernor governor_, VeMetis veMetis_) EIP712("Metis Commons Group", "1") {
        registry = registry_;
        governor = governor_;
        veMetis = veMetis_;
        _disableInitializers();
    }

    /// @notice Sets up a fresh clone (registry only, once).
    function initialize(string calldata name_, string calldata metadataURI_, address steward_, RemainderPolicy policy)
        external
        initializer
    {
        if (msg.sender != registry) revert NotRegistry();
        if (steward_ == address(0)) revert InvalidSteward(steward_);
        name = name_;
        metadataURI = metadataURI_;
        steward = steward_;
        remainderPolicy = policy;
        createdAt = uint48(block.timestamp);
        seatVotingFrom = uint48(block.timestamp);
        emit StewardChanged(address(0), steward_, type(uint256).max, block.timestamp);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Membership
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Joins the roster. To pool power, also delegate veMETIS to this group (or use joinAndDelegate).
    function join() external {
        _join(msg.sender);
    }

    /// @notice Joins the roster and delegates the caller's veMETIS to this group with a veMETIS
    /// `delegateBySig` signature of the caller (delegatee = this group). A signature already submitted by
    /// someone else (front-run) is fine: what counts is that the caller ends up delegated to this group.
    function joinAndDelegate(uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external {
        _join(msg.sender);
        try veMetis.delegateBySig(address(this), nonce, expiry, v, r, s) {} catch {}
        if (veMetis.delegates(msg.sender) != address(this)) revert DelegationFailed(msg.sender);
    }

    /// @notice Leaves the roster. Delegation is the member's own business on veMETIS.
    function leave() external {
        if (!isMember[msg.sender]) revert NotMember(msg.sender);
        isMember[msg.sender] = false;
        unchecked {
            --memberCount;
        }
        emit MemberLeft(msg.sender);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Pass-through voting
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Votes inside the group on `proposalId` and forwards the vote to the governor.
    /// @param support 0 = Against, 1 = For, 2 = Abstain
    /// @param reason on-chain reason (also forwarded to the governor)
    /// @return weight the member's units at the snapshot
    function castVote(uint256 proposalId, uint8 support, string calldata reason) external returns (uint256 weight) {
        return _castVote(msg.sender, proposalId, support, reason);
    }

    /// @notice Casts `member`'s vote inside the group from an EIP-712 `Ballot` signature of it (anyone may send it,
    /// e.g. a relayer that pays the gas); otherwise exactly as `castVote` by `member`. The ballot signs the proposal,
    /// the support, the reason, the member, the member's next nonce (`nonces(member)`) and a deadline, in this
    /// group's domain on this chain, so it cannot be altered, replayed, or used for another group, chain or proposal.
    /// @param support 0 = Against, 1 = For, 2 = Abstain
    /// @param reason on-chain reason, as signed
    /// @param member the signer, an account or an ERC-1271 contract
    /// @param nonce `nonces(member)` when signed; used up here
    /// @param deadline last second at which the ballot may be cast
    /// @param signature the member's signature (65-byte ECDSA, or what its ERC-1271 `isValidSignature` accepts)
    /// @return weight the member's units at the snapshot
    function castVoteBySig(
        uint256 proposalId,
        uint8 support,
        string calldata reason,
        address member,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 weight) {
        if (block.timestamp > deadline) revert BallotExpired(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, keccak256(bytes(reason)), member, nonce, deadline))
        );
        if (!SignatureChecker.isValidSignatureNow(member, digest, signature)) revert InvalidBallotSignature(member);
        uint256 expected = _useNonce(member);
        if (nonce != expected) revert InvalidBallotNonce(member, expected);
        emit SignedVoteRelayed(proposalId, member, msg.sender, nonce);
        return _castVote(member, proposalId, support, reason);
    }

    /// @dev A member's vote inside the group, forwarded to the governor (checks, then effects, then the call).
    function _castVote(address member, uint256 proposalId, uint8 support, string calldata reason)
        private
        returns (uint256 weight)
    {
        if (support > 2) revert InvalidSupport(support);
        ProposalTally storage tally = _tallies[proposalId];
        uint256 snapshot;
        {
            uint256 deadline;
            (snapshot, deadline) = governor.proposalTimepoints(proposalId);
            if (snapshot == 0 || snapshot >= block.timestamp) revert ProposalNotActive(proposalId);
            uint256 internalDeadline = _internalDeadline(deadline);
            if (block.timestamp >= internalDeadline || tally.remainderCast) {
                revert InternalVotingClosed(proposalId, internalDeadline);
            }
        }
        MemberVote storage mv = _memberVotes[proposalId][member];
        if (mv.weight != 0) revert AlreadyVoted(proposalId, member);
        uint128 w = _weightAt(member, snapshot);

        mv.weight = w;
        mv.support = support;
        bytes memory params;
        if (support == 0) {
            tally.againstWeight += w;
            params = abi.encodePacked(w, uint128(0), uint128(0));
        } else if (support == 1) {
            tally.forWeight += w;
            params = abi.encodePacked(uint128(0), w, uint128(0));
        } else {
            tally.abstainWeight += w;
            params = abi.encodePacked(uint128(0), uint128(0), w);
        }
        weight = w;
        emit MemberVoteCast(proposalId, member, support, weight, reason);

        // Fractional vote (support 255): (against, for, abstain) as three uint128, only one of them non-zero.
        governor.castVoteWithReasonAndParams(proposalId, 255, reason, params);
    }

    /// @notice Casts the group's unvoted weight on `proposalId` per the remainder policy, once the internal
    /// window has closed and while the proposal is still active (anyone may call).
    /// @return weight the weight cast
    function castRemainder(uint256 proposalId) external returns (uint256 weight) {
        if (remainderPolicy == RemainderPolicy.None) revert RemainderPolicyNone();
        (uint256 snapshot, uint256 deadline) = governor.proposalTimepoints(proposalId);
        if (snapshot == 0 || snapshot >= block.timestamp) revert ProposalNotActive(proposalId);
        uint256 internalDeadline = _internalDeadline(deadline);
        if (block.timestamp < internalDeadline) revert InternalVotingOpen(proposalId, internalDeadline);
        ProposalTally storage tally = _tallies[proposalId];
        if (tally.remainderCast) revert RemainderAlreadyCast(proposalId);

        uint8 support;
        uint256 a = tally.againstWeight;
        uint256 f = tally.forWeight;
        uint256 ab = tally.abstainWeight;
        if (f > a && f > ab) support = 1;
        else if (a > f && a > ab) support = 0;
        else if (ab > f && ab > a) support = 2;
        else revert NoInternalMajority(proposalId);

        uint256 pooled = veMetis.getPastVotes(address(this), snapshot);
        uint256 used = governor.usedVotes(proposalId, address(this));
        if (pooled <= used) revert NothingToCast(proposalId);
        weight = pooled - used;

        tally.remainderCast = true;
        tally.remainderWeight = SafeCast.toUint128(weight);
        emit RemainderCast(proposalId, msg.sender, support, weight);

        // Nominal support with no params: fractional counting casts all the remaining weight for `support`.
        governor.castVoteWithReason(proposalId, support, "remainder (follow majority)");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Steward
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Submits a proposal to the governor as this group (steward only); the group's votes count toward
    /// the proposal threshold.
    /// @return proposalId the governor's proposal id
    function propose(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        string calldata description
    ) external onlySteward returns (uint256 proposalId) {
        proposalId = governor.propose(targets, values, calldatas, description);
        emit GroupProposalSubmitted(proposalId, msg.sender);
    }

    /// @notice Cancels a group proposal while it is still pending (steward only).
    /// @return proposalId the canceled proposal's id
    function cancelProposal(
        address[] calldata targets,
        uint256[] calldata values,
        bytes[] calldata calldatas,
        bytes32 descriptionHash
    ) external onlySteward returns (uint256 proposalId) {
        proposalId = governor.cancel(targets, values, calldatas, descriptionHash);
        emit GroupProposalCanceled(proposalId, msg.sender);
    }

    /// @notice Updates the metadata URI (steward only).
    function setMetadataURI(string calldata newURI) external onlySteward {
        if (bytes(newURI).length > 512) revert InvalidMetadataURI();
        metadataURI = newURI;
        emit MetadataURIUpdated(newURI);
    }

    /// @notice Hands the steward role to `newSteward` (steward only). Refused while a members' motion is open
    /// for support (`motionsOpenUntil`); voids no motion. The new steward votes the Eco Node seat only one motion
    /// period plus one voting period later.
    function transferStewardship(address newSteward) external onlySteward {
        if (newSteward == address(0) || newSteward == steward) revert InvalidSteward(newSteward);
        if (block.timestamp <= motionsOpenUntil) revert StewardMotionOpen(motionsOpenUntil);
        _setSteward(newSteward, type(uint256).max);
    }

    /// @notice Opens a motion to replace the steward by `candidate`. Units count at the snapshot, one motion
    /// period ago; the caller must have had at least the opening threshold of the group's units delegated to this
    /// group then, supports the motion with them, and may have one motion open at a time.
    /// @return motionId the new motion's id
    function openStewardMotion(address candidate) external returns (uint256 motionId) {
        if (candidate == address(0) || candidate == steward) revert InvalidSteward(candidate);
        uint256 last = _lastMotionOf[msg.sender];
        if (last != 0 && _motionState(_motions[last - 1]) == MotionState.Active) {
            revert OpenerHasOpenMotion(msg.sender, last - 1);
        }
        ICommonsGroupParams params = ICommonsGroupParams(registry);
        uint48 snapshot = uint48(block.timestamp) - params.stewardMotionPeriod();
        uint128 weight = _weightAt(msg.sender, snapshot);
        uint256 pooled = veMetis.getPastVotes(address(this), snapshot);
        uint256 required = Math.mulDiv(pooled, params.stewardMotionThresholdBps(), 10_000, Math.Rounding.Ceil);
        if (weight < required) revert MotionThresholdNotMet(msg.sender, weight, required);
        uint48 deadline = uint48(block.timestamp) + params.stewardVotingPeriod();

        motionId = stewardMotionCount++;
        _motions[motionId] = StewardMotion({
            candidate: candidate,
            snapshot: snapshot,
            deadline: deadline,
            yesWeight: weight,
            pooledVotes: SafeCast.toUint128(pooled),
            openedAt: uint48(block.timestamp),
            epoch: stewardEpoch,
            executed: false
        });
        hasVotedOnMotion[motionId][msg.sender] = true;
        _lastMotionOf[msg.sender] = motionId + 1;
        if (deadline > motionsOpenUntil) motionsOpenUntil = deadline;
        emit StewardMotionOpened(motionId, msg.sender, candidate, snapshot, deadline, pooled);
        emit StewardMotionVoted(motionId, msg.sender, weight, weight);
    }

    /// @notice Supports steward motion `motionId` with the caller's units at its snapshot (delegated to this
    /// group then), while its voting period runs.
    function voteStewardMotion(uint256 motionId) external {
        StewardMotion storage m = _motion(motionId);
        if (_motionState(m) != MotionState.Active) revert MotionClosed(motionId);
        if (hasVotedOnMotion[motionId][msg.sender]) revert AlreadyVotedOnMotion(motionId, msg.sender);
        uint128 weight = _weightAt(msg.sender, m.snapshot);
        hasVotedOnMotion[motionId][msg.sender] = true;
        uint128 yes = m.yesWeight + weight;
        m.yesWeight = yes;
        emit StewardMotionVoted(motionId, msg.sender, weight, yes);
    }

    /// @notice Executes steward motion `motionId` once its voting period is over with more than half of the
    /// group's units at its snapshot in support (anyone may call, within one voting period after its deadline).
    /// Voids the motions opened before it.
    function executeStewardMotion(uint256 motionId) external {
        StewardMotion storage m = _motion(motionId);
        MotionState state = _motionState(m);
        if (state != MotionState.Succeeded) {
            if (state == MotionState.Active && m.yesWeight * uint256(2) <= m.pooledVotes) {
                revert MotionNotPassed(motionId, m.yesWeight, m.pooledVotes);
            }
            revert MotionNotExecutable(motionId, state);
        }
        if (m.candidate == steward) revert InvalidSteward(m.candidate);
        m.executed = true;
        unchecked {
            ++stewardEpoch;
        }
        // Every other motion open for support is now void.
        motionsOpenUntil = 0;
        _setSteward(m.candidate, motionId);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice The group's current pooled votes (units delegated to it).
    function pooledVotes() external view returns (uint256) {
        return veMetis.getVotes(address(this));
    }

    /// @notice When the group's internal voting on `proposalId` closes (and its remainder may be cast).
    function internalVotingDeadline(uint256 proposalId) external view returns (uint256) {
        return _internalDeadline(governor.proposalDeadline(proposalId));
    }

    /// @notice Internal tally of `proposalId`.
    function proposalTally(uint256 proposalId)
        external
        view
        returns (
            uint256 againstWeight,
            uint256 forWeight,
            uint256 abstainWeight,
            uint256 remainderWeight,
            bool remainderCast
        )
    {
        ProposalTally storage t = _tallies[proposalId];
        return (t.againstWeight, t.forWeight, t.abstainWeight, t.remainderWeight, t.remainderCast);
    }

    /// @notice The vote of `member` on `proposalId` (weight 0 = has not voted).
    function memberVote(uint256 proposalId, address member) external view returns (uint8 support, uint256 weight) {
        MemberVote storage mv = _memberVotes[proposalId][member];
        return (mv.support, mv.weight);
    }

    /// @notice Weight `account` may vote with inside the group on `proposalId` (0 if not delegated to the group
    /// at the snapshot or before the snapshot has passed).
    function votingWeight(uint256 proposalId, address account) external view returns (uint256) {
        uint256 snapshot = governor.proposalSnapshot(proposalId);
        if (snapshot == 0 || snapshot >= block.timestamp) return 0;
        (address delegatee, uint256 units) = veMetis.getPastDelegation(account, snapshot);
        return delegatee == address(this) ? units : 0;
    }

    /// @notice Steward motion `motionId`.
    function stewardMotion(uint256 motionId) external view returns (StewardMotion memory) {
        return _motions[motionId];
    }

    /// @notice Where steward motion `motionId` stands (reverts with UnknownMotion for an unknown id).
    function stewardMotionState(uint256 motionId) external view returns (MotionState) {
        return _motionState(_motion(motionId));
    }

    /// @notice Who votes the group's Eco Node seat now: the steward, once one motion period plus one voting period
    /// have passed since it took office (`seatVotingFrom`); nobody (the zero address) before.
    function seatVoter() external view returns (address) {
        return block.timestamp >= seatVotingFrom ? steward : address(0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _join(address account) private {
        if (isMember[account]) revert AlreadyMember(account);
        isMember[account] = true;
        unchecked {
            ++memberCount;
        }
        emit MemberJoined(account);
    }

    /// @dev Close of internal voting for a proposal ending at `deadline`.
    function _internalDeadline(uint256 deadline) private view returns (uint256) {
        uint256 window = ICommonsGroupParams(registry).internalVotingWindow();
        return deadline > window ? deadline - window : 0;
    }

    /// @dev Units of `account` at `snapshot`, requiring they were delegated to this group then.
    function _weightAt(address account, uint256 snapshot) private view returns (uint128) {
        (address delegatee, uint256 units) = veMetis.getPastDelegation(account, snapshot);
        if (delegatee != address(this)) revert NotDelegatedAtSnapshot(account, snapshot);
        if (units == 0) revert NoWeight(account, snapshot);
        // casting to 'uint128' is safe because veMETIS stores an account's units in 104 bits
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint128(units);
    }

    function _motion(uint256 motionId) private view returns (StewardMotion storage m) {
        if (motionId >= stewardMotionCount) revert UnknownMotion(motionId);
        m = _motions[motionId];
    }

    function _motionState(StewardMotion storage m) private view returns (MotionState) {
        if (m.executed) return MotionState.Executed;
        if (m.epoch != stewardEpoch) return MotionState.Voided;
        uint256 deadline = m.deadline;
        if (block.timestamp <= deadline) return MotionState.Active;
        if (m.yesWeight * uint256(2) <= m.pooledVotes) return MotionState.Defeated;
        // Executable for one voting period (the motion's own) after its deadline.
        if (block.timestamp <= deadline + (deadline - m.openedAt)) return MotionState.Succeeded;
        return MotionState.Expired;
    }

    function _setSteward(address newSteward, uint256 motionId) private {
        address old = steward;
        ICommonsGroupParams params = ICommonsGroupParams(registry);
        uint48 from = uint48(block.timestamp) + params.stewardMotionPeriod() + params.stewardVotingPeriod();
        steward = newSteward;
        seatVotingFrom = from;
        emit StewardChanged(old, newSteward, motionId, from);
    }
}
