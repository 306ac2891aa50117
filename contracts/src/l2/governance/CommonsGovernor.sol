// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title Commons governor
/// @notice The lower house of Metis governance: an OpenZeppelin Governor voting with veMETIS (timestamp
/// clock), fractional counting (so Commons groups can forward their members' votes), a quorum of a fraction
/// of the total voting units at the snapshot, a proposal threshold, late-quorum protection, and a
/// ratification hook where the Eco Node gate attaches.
///
/// Ratification hook: `_ratificationStatus(proposalId)` (internal, virtual) tells, for a proposal that
/// succeeded in the Commons, whether the upper house has ratified it. This contract's default is
/// `Ratified` (no gate). A derived governor (EcoGovernor) overrides it to read the Eco Node council:
/// - `state()` reports `Defeated` for a proposal that succeeded but whose ratification is `Rejected`;
/// - `queue`, and `execute` of a succeeded (not queued) proposal, revert with `CommonsProposalNotRatified`
///   unless the status is `Ratified`. The gate sits on the public `queue` / `execute` entry points, which no
///   OpenZeppelin extension overrides, so it holds whatever the inheritance order with a timelock module.
/// Adding the timelock: `contract X is CommonsGovernor, GovernorTimelockControl`, with the overrides Solidity
/// requires for functions both sides define (plain `super` calls: state, proposalNeedsQueuing, queue, execute,
/// _queueOperations, _executeOperations, _cancel, _executor, _propose, _tallyUpdated, proposalDeadline,
/// proposalThreshold); see test/governance/CommonsGovernorTimelock.t.sol, which checks both inheritance orders,
/// and EcoGovernor.sol, the governor that is deployed.
///
/// Late-quorum protection: same guarantee, interface, events and errors as OpenZeppelin's
/// GovernorPreventLateQuorum (if a vote makes a proposal reach quorum at time t, voting lasts at least until
/// t + extension), evaluated lazily: a vote cast while `now + extension <= deadline` cannot move the deadline,
/// so the quorum is only evaluated for votes inside the last `extension` seconds of the original deadline.
/// The first such vote also learns whether quorum had already been reached before it (from the tally before
/// the vote): then, as OpenZeppelin's version would have recorded, the deadline does not move. The resulting
/// `proposalDeadline` is identical to OpenZeppelin's in every case; it saves the quorum computation
/// (total supply and numerator lookups) on ordinary votes, which brings a direct castVote below a plain
/// counting-simple Governor's (and under the 66,155 gas target). One difference: the extension that applies to a proposal is the one in force when
/// the proposal was created (recorded with it), not the one in force when quorum is reached.
contract CommonsGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingFractional,
    GovernorVotes,
    GovernorVotesQuorumFraction
{
    /// @dev Late-quorum state of one proposal, with its ratification window and override mark (one slot).
    struct LateQuorum {
        uint48 extendedDeadline; // 0 until decided; then the deadline the late-quorum rule imposes
        uint48 voteExtension; // the extension in force at creation
        uint48 lateWindowStart; // original deadline - voteExtension: votes after it may move the deadline
        uint48 ratificationWindow; // the ratification window in force at creation (docs/MECHANISMS.md §4.3)
        bool isOverride; // a Commons override: stricter bar, no ratification (docs/MECHANISMS.md §4.3)
    }

    /// @notice Ratification of a proposal by the Eco Node council.
    enum RatificationStatus {
        Pending,
        Ratified,
        Rejected
    }

    uint48 private _voteExtension;
    /// @dev Packed with `_voteExtension` (read in `_propose` too): 0 until a derived governor with a gate sets it.
    uint48 private _ratificationWindow;
    /// @dev Packed with `_voteExtension` (already read in `_propose`, and non-zero in practice), so that counting
    /// a proposal rewrites a warm, non-zero slot: the same cost for the first proposal as for the ten-thousandth.
    uint160 private _proposalCount;
    /// @dev Seconds after the end of a vote before the Commons may override the council's refusal of it.
    uint48 private _overrideCoolOff;
    mapping(uint256 refusedId => uint256 overrideId) private _overrideOf;
    mapping(uint256 proposalId => LateQuorum) private _lateQuorum;
    mapping(uint256 index => uint256 proposalId) private _proposalIds;
    /// @dev 1 + the proposal's for+abstain votes before the vote being counted (set only inside the late window).
    uint256 private transient _tallyBeforePlusOne;

    /// @notice Emitted when a proposal's deadline is pushed back because it reached quorum late.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);
    /// @notice Emitted when the late-quorum vote extension changes.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);
    /// @notice The ratification window changed (applies to proposals created from now on).
    event RatificationWindowSet(uint48 oldWindow, uint48 newWindow);
    /// @notice The override cool-off changed.
    event OverrideCoolOffSet(uint48 oldCoolOff, uint48 newCoolOff);
    /// @notice `proposer` proposed `overrideId`, the Commons override of `refusedId` (same actions; the council
    /// rejected it or let it expire). Emitted after the standard `ProposalCreated` of `overrideId`.
    event OverrideProposed(uint256 indexed overrideId, uint256 indexed refusedId, address indexed proposer);

    /// @notice The extension exceeds the voting period.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);
    /// @notice The proposal cannot be queued or executed before the Eco Nodes ratify it.
    error CommonsProposalNotRatified(uint256 proposalId, RatificationStatus status);
    /// @notice The voting token does not use a timestamp clock.
    error CommonsTokenClockNotTimestamp();
    /// @notice `index` is not below `proposalCount()`.
    error CommonsProposalIndexOutOfBounds(uint256 index, uint256 count);
    /// @notice The ratification window is outside [1 minute, 90 days].
    error CommonsInvalidRatificationWindow(uint256 window);
    /// @notice The override cool-off is above 90 days.
    error CommonsInvalidOverrideCoolOff(uint256 coolOff);
    /// @notice Only a proposal the council rejected, or let expire, can be overridden (`state` is its state).
    error CommonsNotOverridable(uint256 proposalId, ProposalState state);
    /// @notice The override cool-off after the first vote is not over until `availableAt`.
    error CommonsOverrideCoolOff(uint256 proposalId, uint256 availableAt);
    /// @notice The proposal was already overridden once, by `overrideId`.
    error CommonsAlreadyOverridden(uint256 proposalId, uint256 overrideId);

    /// @param token veMETIS (must use the ERC-6372 timestamp clock)
    /// @param initialVotingDelay seconds between proposal and snapshot (minutes locally, e.g. 1 day in production)
    /// @param initialVotingPeriod seconds of voting (minutes locally, e.g. 7 days in production)
    /// @param initialProposalThreshold units needed to propose (10,000e18)
    /// @param quorumNumerator_ quorum in percent of the total units at the snapshot (4)
    /// @param initialVoteExtension seconds of voting guaranteed after quorum is reached (late-quorum protection)
    constructor(
        IVotes token,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumNumerator_,
        uint48 initialVoteExtension
    )
        Governor("Metis Commons")
        GovernorSettings(initialVotingDelay, initialVotingPeriod, initialProposalThreshold)
        GovernorVotes(IERC5805(address(token)))
        GovernorVotesQuorumFraction(quorumNumerator_)
    {
        _setLateQuorumVoteExtension(initialVoteExtension);
        if (keccak256(bytes(IERC5805(address(token)).CLOCK_MODE())) != keccak256("mode=timestamp")) {
            revert CommonsTokenClockNotTimestamp();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ratification hook
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Ratification status of `proposalId` by the upper house (always `Ratified` until the Eco Node
    /// gate is attached; `Ratified` for a Commons override, which skips the gate).
    function ratificationStatus(uint256 proposalId) public view returns (RatificationStatus) {
        return _effectiveRatification(proposalId);
    }

    /// @dev Hook for the Eco Node ratification gate. Only consulted for proposals that succeeded.
    function _ratificationStatus(uint256) internal view virtual returns (RatificationStatus) {
        return RatificationStatus.Ratified;
    }

    /// @dev Hook: whether the upper house opened the ratification of `proposalId` (consulted only for a succeeded,
    /// still pending proposal past its ratification deadline). No gate: never (nothing is pending either).
    function _ratificationOpened(uint256) internal view virtual returns (bool) {
        return false;
    }

    /// @dev The gate's status, except for a Commons override, which needs no ratification.
    function _effectiveRatification(uint256 proposalId) private view returns (RatificationStatus) {
        if (_lateQuorum[proposalId].isOverride) return RatificationStatus.Ratified;
        return _ratificationStatus(proposalId);
    }

    /// @dev Reverts unless `proposalId` is ratified (or an override).
    function _requireRatified(uint256 proposalId) internal view virtual {
        RatificationStatus status = _effectiveRatification(proposalId);
        if (status != RatificationStatus.Ratified) revert CommonsProposalNotRatified(proposalId, status);
    }

    /// @notice Proposal state; a proposal that succeeded in the Commons but was rejected by the Eco Nodes
    /// is `Defeated`; one whose ratification was not opened by `ratificationDeadline` is `Expired` (docs/MECHANISMS.md §4.3).
    function state(uint256 proposalId) public view virtual override returns (ProposalState) {
        ProposalState s = super.state(proposalId);
        if (s != ProposalState.Succeeded) return s;
        RatificationStatus r = _effectiveRatification(proposalId);
        if (r == RatificationStatus.Rejected) return ProposalState.Defeated;
        if (
            r == RatificationStatus.Pending && clock() > ratificationDeadline(proposalId)
                && !_ratificationOpened(proposalId)
        ) return ProposalState.Expired;
        return s;
    }

    /// @notice The last moment at which the ratification of `proposalId` may be opened: the end of its Commons
    /// vote (`proposalDeadline`, late-quorum extension included) plus the ratification window in force when it
    /// was proposed. After it, a succeeded proposal whose ratification was not opened is `Expired`. The council
    /// takes its weights at `proposalDeadline`, not at the opening (docs/MECHANISMS.md §4.3). `type(uint256).max` (no deadline)
    /// for a proposal created while no window was set (a governor without a gate).
    function ratificationDeadline(uint256 proposalId) public view virtual returns (uint256) {
        uint48 window = _lateQuorum[proposalId].ratificationWindow;
        if (window == 0) return type(uint256).max;
        return proposalDeadline(proposalId) + window;
    }

    /// @notice Ratification window (seconds after the vote) for proposals created from now on (0: none, until a
    /// derived governor with a gate sets one; governance can then only change it within [1 minute, 90 days]).
    function ratificationWindow() public view virtual returns (uint48) {
        return _ratificationWindow;
    }

    /// @notice Sets the ratification window (governance only; 1 minute to 90 days; applies to new proposals).
    /// @param newWindow seconds after the end of the Commons vote within which ratification must open
    function setRatificationWindow(uint48 newWindow) public virtual onlyGovernance {
        _setRatificationWindow(newWindow);
    }

    function _setRatificationWindow(uint48 newWindow) internal virtual {
        if (newWindow < 1 minutes || newWindow > 90 days) revert CommonsInvalidRatificationWindow(newWindow);
        emit RatificationWindowSet(_ratificationWindow, newWindow);
        _ratificationWindow = newWindow;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Commons override (docs/MECHANISMS.md §4.3)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Seconds after the end of a refused proposal's vote before its override may be proposed.
    function overrideCoolOff() public view virtual returns (uint48) {
        return _overrideCoolOff;
    }

    /// @notice Sets the override cool-off (governance only; at most 90 days).
    /// @param newCoolOff seconds after the end of the refused proposal's vote
    function setOverrideCoolOff(uint48 newCoolOff) public virtual onlyGovernance {
        _setOverrideCoolOff(newCoolOff);
    }

    function _setOverrideCoolOff(uint48 newCoolOff) internal virtual {
        if (newCoolOff > 90 days) revert CommonsInvalidOverrideCoolOff(newCoolOff);
        emit OverrideCoolOffSet(_overrideCoolOff, newCoolOff);
        _overrideCoolOff = newCoolOff;
    }

    /// @notice Whether `proposalId` is a Commons override (passes only with ≥ 2/3 of the votes cast For and twice
    /// the quorum; queued without ratification).
    function isOverride(uint256 proposalId) public view virtual returns (bool) {
        return _lateQuorum[proposalId].isOverride;
    }

    /// @notice The override proposed for `refusedId` (0 if none).
    function overrideOf(uint256 refusedId) public view virtual returns (uint256) {
        return _overrideOf[refusedId];
    }

    /// @notice The quorum `proposalId` must reach (For + Abstain): the quorum at its snapshot, twice it for an
    /// override.
    function proposalQuorum(uint256 proposalId) public view virtual returns (uint256) {
        uint256 q = quorum(proposalSnapshot(proposalId));
        return _lateQuorum[proposalId].isOverride ? 2 * q : q;
    }

    /// @notice Proposes the Commons override of a proposal the Eco Node council rejected (or let expire): the same
    /// actions, a new description, after the cool-off (counted from the end of the first vote), once per refused
    /// proposal. The override is an ordinary proposal (threshold, `ProposalCreated`, voting) except that it
    /// passes only if For ≥ 2/3 of all votes cast (For + Against + Abstain) and For + Abstain ≥ twice the quorum,
    /// and it is queued without ratification. So a captured or empty council delays the Commons, never silences it.
    /// @param targets the refused proposal's targets (the override has exactly its actions)
    /// @param values the refused proposal's values
    /// @param calldatas the refused proposal's calldatas
    /// @param refusedDescriptionHash keccak256 of the refused proposal's description (identifies it)
    /// @param description the override's description (must differ from the refused one)
    /// @return overrideId the new proposal's id
    function proposeOverride(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 refusedDescriptionHash,
        string memory description
    ) public virtual returns (uint256 overrideId) {
        uint256 refusedId = getProposalId(targets, values, calldatas, refusedDescriptionHash);
        ProposalState s = state(refusedId);
        bool refused = s == ProposalState.Expired
            || (s == ProposalState.Defeated && _effectiveRatification(refusedId) == RatificationStatus.Rejected);
        if (!refused) revert CommonsNotOverridable(refusedId, s);
        uint256 availableAt = proposalDeadline(refusedId) + _overrideCoolOff;
        if (clock() < availableAt) revert CommonsOverrideCoolOff(refusedId, availableAt);
        uint256 existing = _overrideOf[refusedId];
        if (existing != 0) revert CommonsAlreadyOverridden(refusedId, existing);
        overrideId = propose(targets, values, calldatas, description);
        _overrideOf[refusedId] = overrideId;
        _lateQuorum[overrideId].isOverride = true;
        emit OverrideProposed(overrideId, refusedId, _msgSender());
    }

    /// @dev Quorum (For + Abstain) against `proposalQuorum` (twice the quorum for an override).
    function _quorumReached(uint256 proposalId)
        internal
        view
        virtual
        override(Governor, GovernorCountingFractional)
        returns (bool)
    {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return proposalQuorum(proposalId) <= forVotes + abstainVotes;
    }

    /// @dev More For than Against; for an override also For ≥ 2/3 of all votes cast (abstentions included).
    function _voteSucceeded(uint256 proposalId)
        internal
        view
        virtual
        override(Governor, GovernorCountingFractional)
        returns (bool)
    {
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        if (forVotes <= againstVotes) return false;
        if (!_lateQuorum[proposalId].isOverride) return true;
        return 3 * forVotes >= 2 * (againstVotes + forVotes + abstainVotes);
    }

    /// @notice Queues a succeeded proposal (with a timelock attached); requires the Eco Nodes' ratification.
    function queue(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public virtual override returns (uint256) {
        uint256 proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        if (state(proposalId) == ProposalState.Succeeded) _requireRatified(proposalId);
        return super.queue(targets, values, calldatas, descriptionHash);
    }

    /// @notice Executes a proposal: a queued one (ratified when queued) or, without a timelock, a succeeded one,
    /// which requires the Eco Nodes' ratification.
    function execute(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public payable virtual override returns (uint256) {
        uint256 proposalId = getProposalId(targets, values, calldatas, descriptionHash);
        if (state(proposalId) == ProposalState.Succeeded) _requireRatified(proposalId);
        return super.execute(targets, values, calldatas, descriptionHash);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Proposal list (O(1) reads for the Eco Node council's promotion criterion, indexers and front ends)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Number of proposals created so far.
    function proposalCount() public view virtual returns (uint256) {
        return _proposalCount;
    }

    /// @notice Id of the proposal created `index`-th (0-based, in creation order).
    /// @param index Position in creation order, below `proposalCount()`.
    function proposalIdAt(uint256 index) public view virtual returns (uint256) {
        uint256 count = _proposalCount;
        if (index >= count) revert CommonsProposalIndexOutOfBounds(index, count);
        return _proposalIds[index];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Late-quorum protection
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Voting time guaranteed after a proposal reaches quorum (applies to proposals created from now on).
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _voteExtension;
    }

    /// @notice Sets the late-quorum vote extension (governance only; at most the voting period).
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    /// @notice Proposal deadline, including any late-quorum extension.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        return Math.max(super.proposalDeadline(proposalId), _lateQuorum[proposalId].extendedDeadline);
    }

    /// @notice Snapshot and (possibly extended) deadline of `proposalId` in one call (0, 0 if unknown).
    function proposalTimepoints(uint256 proposalId) external view returns (uint256 snapshot, uint256 deadline) {
        return (proposalSnapshot(proposalId), proposalDeadline(proposalId));
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        uint256 maxVoteExtension = votingPeriod();
        if (newVoteExtension > maxVoteExtension) {
            revert GovernorPreventLateQuorumVoteExtensionTooLarge(newVoteExtension, maxVoteExtension);
        }
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint48 extension = _voteExtension;
        uint160 index = _proposalCount;
        _proposalIds[index] = proposalId;
        _proposalCount = index + 1; // ProposalCreated (emitted by Governor) records the change
        // extension <= votingPeriod (checked when set), so this is at or after the snapshot
        _lateQuorum[proposalId] = LateQuorum(
            0, extension, SafeCast.toUint48(super.proposalDeadline(proposalId) - extension), _ratificationWindow, false
        );
    }

    /// @dev Whether a vote now on `proposalId` may have to move its deadline: the late-quorum outcome is not
    /// decided yet and the vote falls within the last `voteExtension` seconds of the original deadline.
    function _inLateWindow(uint256 proposalId) private view returns (bool) {
        LateQuorum memory lq = _lateQuorum[proposalId];
        return lq.extendedDeadline == 0 && clock() > lq.lateWindowStart;
    }

    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal virtual override(Governor, GovernorCountingFractional) returns (uint256) {
        if (_inLateWindow(proposalId)) {
            (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
            _tallyBeforePlusOne = forVotes + abstainVotes + 1;
        }
        return super._countVote(proposalId, account, support, totalWeight, params);
    }

    function _tallyUpdated(uint256 proposalId) internal virtual override {
        super._tallyUpdated(proposalId);
        uint256 beforePlusOne = _tallyBeforePlusOne;
        if (beforePlusOne == 0) return; // not in the late window: the deadline cannot move
        _tallyBeforePlusOne = 0;
        uint256 q = proposalQuorum(proposalId);
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        if (forVotes + abstainVotes < q) return;
        uint256 deadline = super.proposalDeadline(proposalId);
        if (beforePlusOne - 1 >= q) {
            // Quorum was reached by an earlier vote outside the late window: the deadline stays.
            _lateQuorum[proposalId].extendedDeadline = SafeCast.toUint48(deadline);
            return;
        }
        uint48 extendedDeadline = clock() + _lateQuorum[proposalId].voteExtension;
        if (extendedDeadline > deadline) emit ProposalExtended(proposalId, extendedDeadline);
        _lateQuorum[proposalId].extendedDeadline = extendedDeadline;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Clock: veMETIS uses timestamps (checked at construction), so skip the external call per read.
    // ---------------------------------------------------------------------------------------------------------

    /// @notice ERC-6372 clock: the block timestamp, as veMETIS.
    function clock() public view virtual override(Governor, GovernorVotes) returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view virtual override(Governor, GovernorVotes) returns (string memory) {
        return "mode=timestamp";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Required overrides
    // ---------------------------------------------------------------------------------------------------------

    /// @inheritdoc Governor
    function votingDelay() public view virtual override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view virtual override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view virtual override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function quorum(uint256 timepoint)
        public
        view
        virtual
        override(Governor, GovernorVotesQuorumFraction)
        returns (uint256)
    {
        return super.quorum(timepoint);
    }

}
