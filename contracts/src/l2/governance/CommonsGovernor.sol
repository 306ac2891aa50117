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
/// `Ratified` (no gate). A derived governor (issue 6) overrides it to read the Eco Node council:
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
    /// @dev Late-quorum state of one proposal (one slot).
    struct LateQuorum {
        uint48 extendedDeadline; // 0 until decided; then the deadline the late-quorum rule imposes
        uint48 voteExtension; // the extension in force at creation
        uint48 lateWindowStart; // original deadline - voteExtension: votes after it may move the deadline
    }

    /// @notice Ratification of a proposal by the Eco Node council.
    enum RatificationStatus {
        Pending,
        Ratified,
        Rejected
    }

    uint48 private _voteExtension;
    /// @dev Packed with `_voteExtension` (already read in `_propose`, and non-zero in practice), so that counting
    /// a proposal rewrites a warm, non-zero slot: the same cost for the first proposal as for the ten-thousandth.
    uint208 private _proposalCount;
    mapping(uint256 proposalId => LateQuorum) private _lateQuorum;
    mapping(uint256 index => uint256 proposalId) private _proposalIds;
    /// @dev 1 + the proposal's for+abstain votes before the vote being counted (set only inside the late window).
    uint256 private transient _tallyBeforePlusOne;

    /// @notice Emitted when a proposal's deadline is pushed back because it reached quorum late.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);
    /// @notice Emitted when the late-quorum vote extension changes.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    /// @notice The extension exceeds the voting period.
    error GovernorPreventLateQuorumVoteExtensionTooLarge(uint256 newVoteExtension, uint256 maxVoteExtension);
    /// @notice The proposal cannot be queued or executed before the Eco Nodes ratify it.
    error CommonsProposalNotRatified(uint256 proposalId, RatificationStatus status);
    /// @notice The voting token does not use a timestamp clock.
    error CommonsTokenClockNotTimestamp();
    /// @notice `index` is not below `proposalCount()`.
    error CommonsProposalIndexOutOfBounds(uint256 index, uint256 count);

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
    /// gate is attached).
    function ratificationStatus(uint256 proposalId) public view returns (RatificationStatus) {
        return _ratificationStatus(proposalId);
    }

    /// @dev Hook for the Eco Node ratification gate. Only consulted for proposals that succeeded.
    function _ratificationStatus(uint256) internal view virtual returns (RatificationStatus) {
        return RatificationStatus.Ratified;
    }

    /// @dev Reverts unless `proposalId` is ratified.
    function _requireRatified(uint256 proposalId) internal view virtual {
        RatificationStatus status = _ratificationStatus(proposalId);
        if (status != RatificationStatus.Ratified) revert CommonsProposalNotRatified(proposalId, status);
    }

    /// @notice Proposal state; a proposal that succeeded in the Commons but was rejected by the Eco Nodes
    /// is `Defeated`.
    function state(uint256 proposalId) public view virtual override returns (ProposalState) {
        ProposalState s = super.state(proposalId);
        if (s == ProposalState.Succeeded && _ratificationStatus(proposalId) == RatificationStatus.Rejected) {
            return ProposalState.Defeated;
        }
        return s;
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
        uint208 index = _proposalCount;
        _proposalIds[index] = proposalId;
        _proposalCount = index + 1; // ProposalCreated (emitted by Governor) records the change
        // extension <= votingPeriod (checked when set), so this is at or after the snapshot
        _lateQuorum[proposalId] =
            LateQuorum(0, extension, SafeCast.toUint48(super.proposalDeadline(proposalId) - extension));
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
        uint256 q = quorum(proposalSnapshot(proposalId));
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
