// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommonsGovernor} from "./CommonsGovernor.sol";
import {IRatificationGate} from "./IRatificationGate.sol";

/// @title Metis governor (Commons vote, Eco Node ratification, timelock)
/// @notice The deployed governor: the Commons governor (veMETIS votes, fractional counting, quorum fraction,
/// threshold, late-quorum protection) with OpenZeppelin's `GovernorTimelockControl` and the Eco Node ratification
/// gate. Lifecycle (docs/MECHANISMS.md §6): Pending → Active → Defeated | Succeeded → (gate) Rejected → reported `Defeated` |
/// Ratified → `queue` schedules the actions in the timelock → after its delay anyone calls `execute` (on this
/// governor) → Executed; Succeeded and not opened within the ratification window → Expired.
/// - A succeeded proposal can be queued only once `ratificationGate().ratificationStatus(id)` is Ratified (1).
///   With no gate, or a gate that reverts or answers something else than 0/1/2, the status is Pending: nothing is
///   ever ratified silently.
/// - The timelock (an OpenZeppelin `TimelockController`: this governor its only proposer and executor,
///   self-administered) is the executor: it owns every L2 contract's parameters, and governance-only functions
///   here (`onlyGovernance`: settings, quorum, late-quorum extension, gate, timelock) are called by it. L1
///   parameters change by a proposal action in which the timelock sends a bus message (L2 `MessageOutbox`) to
///   the L1 `GovernanceExecutor`, which obeys the L2 timelock.
/// - Cancel: the proposer while Pending (OpenZeppelin's rule); a queued proposal is canceled in the timelock by
///   this governor (`_cancel`, which needs the timelock's CANCELLER role) or by another canceller of the timelock
///   (the Eco Node council's decisive action), after which `state` reports Canceled.
/// - Expired (docs/MECHANISMS.md §4.3): a succeeded proposal whose ratification the council did not open by
///   `ratificationDeadline(id)` (the vote's end plus `ratificationWindow`, a governance parameter) is Expired; the
///   council takes its weights at `proposalDeadline(id)`, so nobody can choose the snapshot by choosing when to
///   open. A queued operation stays executable until executed or canceled.
/// - Commons override (docs/MECHANISMS.md §4.3, `CommonsGovernor.proposeOverride`): a proposal the council rejected or let
///   expire may be proposed again after `overrideCoolOff`; it passes with For ≥ 2/3 of all votes cast and twice
///   the quorum, and is queued without ratification.
/// - The timelock's only executor is this governor (deploy), so every execution emits `ProposalExecuted`.
/// - Gas: a direct castVote goes through `state` once more layer (`GovernorTimelockControl` only reads the
///   timelock for Queued proposals), see test/governance/EcoGovernor.t.sol for the figures.
contract EcoGovernor is CommonsGovernor, GovernorTimelockControl {
    IRatificationGate private _gate;

    /// @notice The ratification gate changed (governance only; set at construction first).
    event RatificationGateSet(address indexed oldGate, address indexed newGate);

    /// @notice The new gate is the zero address (it would leave every proposal Pending for good).
    error EcoGovernorZeroGate();

    /// @param token veMETIS (timestamp clock)
    /// @param timelock_ The L2 timelock (this governor must hold its PROPOSER and CANCELLER roles)
    /// @param gate The Eco Node council (tests may use a stand-in); zero leaves every succeeded
    /// proposal Pending ratification
    /// @param initialVotingDelay seconds between proposal and snapshot
    /// @param initialVotingPeriod seconds of voting
    /// @param initialProposalThreshold units needed to propose
    /// @param quorumNumerator_ quorum in percent of the total units at the snapshot
    /// @param initialVoteExtension seconds of voting guaranteed after quorum is reached
    /// @param initialRatificationWindow seconds after the vote within which ratification must open (3 days in
    /// production, minutes locally)
    /// @param initialOverrideCoolOff seconds after a refused proposal's vote before its override (7 days in
    /// production)
    constructor(
        IVotes token,
        TimelockController timelock_,
        IRatificationGate gate,
        uint48 initialVotingDelay,
        uint32 initialVotingPeriod,
        uint256 initialProposalThreshold,
        uint256 quorumNumerator_,
        uint48 initialVoteExtension,
        uint48 initialRatificationWindow,
        uint48 initialOverrideCoolOff
    )
        CommonsGovernor(
            token,
            initialVotingDelay,
            initialVotingPeriod,
            initialProposalThreshold,
            quorumNumerator_,
            initialVoteExtension
        )
        GovernorTimelockControl(timelock_)
    {
        _gate = gate;
        emit RatificationGateSet(address(0), address(gate));
        _setRatificationWindow(initialRatificationWindow);
        _setOverrideCoolOff(initialOverrideCoolOff);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ratification gate
    // ---------------------------------------------------------------------------------------------------------

    /// @notice The contract that tells whether the Eco Nodes ratified a proposal.
    function ratificationGate() public view returns (IRatificationGate) {
        return _gate;
    }

    /// @notice Replaces the ratification gate (governance only, i.e. through the timelock).
    /// @param newGate The new gate (not zero).
    function setRatificationGate(IRatificationGate newGate) external onlyGovernance {
        if (address(newGate) == address(0)) revert EcoGovernorZeroGate();
        emit RatificationGateSet(address(_gate), address(newGate));
        _gate = newGate;
    }

    /// @dev Reads the gate; Pending without a gate, on a revert, or on an unknown value.
    function _ratificationStatus(uint256 proposalId) internal view override returns (RatificationStatus) {
        IRatificationGate gate = _gate;
        if (address(gate) == address(0)) return RatificationStatus.Pending;
        try gate.ratificationStatus(proposalId) returns (uint8 status) {
            if (status == uint8(RatificationStatus.Ratified)) return RatificationStatus.Ratified;
            if (status == uint8(RatificationStatus.Rejected)) return RatificationStatus.Rejected;
        } catch {}
        return RatificationStatus.Pending;
    }

    /// @dev Asks the gate whether the ratification was opened; false without a gate or on a revert (then a
    /// succeeded proposal expires after its window, as nothing can ratify it).
    function _ratificationOpened(uint256 proposalId) internal view override returns (bool) {
        IRatificationGate gate = _gate;
        if (address(gate) == address(0)) return false;
        try gate.ratificationOpened(proposalId) returns (bool opened) {
            return opened;
        } catch {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Required overrides (plain `super` calls; CommonsGovernor's gate sits on `queue` / `execute` / `state`)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Proposal state: Queued / Executed / Canceled from the timelock, Defeated if the Eco Nodes rejected it.
    function state(uint256 proposalId)
        public
        view
        override(CommonsGovernor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorTimelockControl
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc CommonsGovernor
    function queue(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        public
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super.queue(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc CommonsGovernor
    function execute(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public payable override(Governor, CommonsGovernor) returns (uint256) {
        return super.execute(targets, values, calldatas, descriptionHash);
    }

    /// @inheritdoc CommonsGovernor
    function proposalDeadline(uint256 proposalId) public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @inheritdoc CommonsGovernor
    function proposalThreshold() public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalThreshold();
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(address[] memory targets, uint256[] memory values, bytes[] memory calldatas, bytes32 descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint256)
    {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, CommonsGovernor) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, CommonsGovernor) {
        super._tallyUpdated(proposalId);
    }
}
