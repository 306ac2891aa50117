// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {EcoNodeCouncil} from "./EcoNodeCouncil.sol";

/// @notice What the promotion criteria read from veMETIS (docs/MECHANISMS.md §4.1, §4.4).
interface IPromotionVotes {
    /// @notice Votes delegated to `account` at `timepoint`.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256);
    /// @notice Total voting units at `timepoint`.
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256);
    /// @notice Accounts delegating to `delegatee` at `timepoint` with own unexpired units ≥ 100e18.
    function getPastDelegatorCount(address delegatee, uint256 timepoint) external view returns (uint256);
}

/// @notice What the promotion criteria read from the Commons governor: its proposal list in creation order
/// (O(1) each, CommonsGovernor) and each proposal's timepoints, tally, quorum and what an account cast
/// (GovernorCountingFractional).
interface IProposalIndex {
    /// @notice Number of proposals ever created.
    function proposalCount() external view returns (uint256);
    /// @notice Id of the `index`-th proposal created (0-based, creation order).
    function proposalIdAt(uint256 index) external view returns (uint256);
    /// @notice Snapshot timepoint of a proposal.
    function proposalSnapshot(uint256 proposalId) external view returns (uint256);
    /// @notice Last second of voting (late-quorum extension included).
    function proposalDeadline(uint256 proposalId) external view returns (uint256);
    /// @notice Tally: against, for, abstain.
    function proposalVotes(uint256 proposalId) external view returns (uint256, uint256, uint256);
    /// @notice Quorum at `timepoint`.
    function quorum(uint256 timepoint) external view returns (uint256);
    /// @notice Votes `account` has cast on `proposalId` (fractional counting).
    function usedVotes(uint256 proposalId, address account) external view returns (uint256);
    /// @notice Whether `proposalId` is a Commons override (queued without ratification, docs/MECHANISMS.md §4.3).
    function isOverride(uint256 proposalId) external view returns (bool);
}

/// @notice What the council reads from a Commons group.
interface ICouncilGroup {
    /// @notice Who votes the group's seat now: its steward, once the seat delay after taking office has passed
    /// (docs/MECHANISMS.md §4.2), else the zero address.
    function seatVoter() external view returns (address);
    /// @notice Creation timestamp.
    function createdAt() external view returns (uint48);
}

/// @notice What the council reads from the Commons registry.
interface ICouncilRegistry {
    /// @notice Whether `group` was created by the registry.
    function isGroup(address group) external view returns (bool);
}

/// @title Eco Node promotion criteria (docs/MECHANISMS.md §4.4)
/// @notice Stateless reader of a Commons group's standing against the promotion criteria, deployed before the
/// council and given to its constructor (kept apart so the council stays under the contract size limit). The
/// council's parameters are read from the council passed in (`council.params()`).
///
/// The window: the last `participationWindow` (10) *counted* proposals, newest first, scanning at most
/// MAX_SCAN proposal ids back from the newest. A proposal counts when
/// - its voting has closed (`proposalDeadline < now`; still-open proposals are skipped, not waited for);
/// - it reached quorum (for + abstain ≥ quorum at its snapshot): a proposal the Commons ignored, or one that
///   was canceled before voting, says nothing about a group, and junk proposals nobody votes on cannot push
///   real ones out of the window;
/// - its snapshot is at least `minSnapshotSpacing` before the snapshot of the newer counted proposal: a batch
///   of proposals created together is one instant, so the window always spans at least
///   (window - 1) × spacing of history and cannot be compressed into one block by a proposer.
/// At the snapshot of **each** counted proposal the group must have pooled ≥ `minPooledBps` of the total units
/// (`getPastVotes(group, s)` vs `getPastTotalSupply(s)`) and had ≥ `minMembers` delegators with ≥ 100 units
/// each (`getPastDelegatorCount(group, s)`); and in ≥ `minParticipationBps` of them it must have cast ≥
/// `minCastBps` of its pooled units there (`usedVotes`; a dust vote is not participation). Units are delegated
/// to one address at a time, so k groups need k × the threshold held at every one of those snapshots.
/// `windowFull` is false when fewer than `participationWindow` counted proposals are found within the scan:
/// then a group can be neither promoted nor demoted (not enough evidence either way).
contract EcoNodePromotion {
    /// @notice Most proposal ids read back from the newest (bounds `promote` / `demote` gas).
    uint256 public constant MAX_SCAN = 64;

    /// @notice One counted proposal of the window and the group's standing at its snapshot.
    struct SnapshotCheck {
        uint256 proposalId;
        uint256 snapshot;
        uint256 pooled; // the group's votes at the snapshot
        uint256 pooledThreshold; // minPooledBps of the total units at the snapshot (rounded up, ≥ 1)
        uint256 members; // delegators with ≥ 100 units at the snapshot
        uint256 cast; // votes the group cast on the proposal
        bool pooledOk;
        bool membersOk;
        bool participated; // cast ≥ minCastBps of pooled (and pooled > 0)
    }

    /// @notice Every criterion, per snapshot, and the verdicts (the UI shows one row per snapshot).
    struct Progress {
        bool isGroup;
        bool seated;
        bool promoted; // seated through `promote` (only those can be demoted)
        bool seatAvailable;
        bool withinRateLimit; // promoting now keeps recent promotions' reputation ≤ 1/3 of the total
        uint256 age;
        uint256 minAge;
        uint256 window; // counted proposals required
        uint256 minMembers;
        uint256 participated; // counted proposals where the group cast ≥ minCastBps of its pooled units
        uint256 participationRequired;
        bool windowFull; // `window` counted proposals found within MAX_SCAN ids
        bool windowOk; // windowFull, every snapshot pooledOk and membersOk, participated ≥ required
        bool eligible; // a group, not seated, windowOk, old enough (seat and rate limit aside)
        bool demotable; // promoted, windowFull and not windowOk
        SnapshotCheck[] checks; // newest first
    }

    /// @notice veMETIS.
    IPromotionVotes public immutable veMetis;
    /// @notice The Commons governor.
    IProposalIndex public immutable governor;
    /// @notice The Commons registry.
    ICouncilRegistry public immutable registry;

    /// @param veMetis_ veMETIS
    /// @param governor_ the Commons governor
    /// @param registry_ the Commons registry
    constructor(IPromotionVotes veMetis_, IProposalIndex governor_, ICouncilRegistry registry_) {
        veMetis = veMetis_;
        governor = governor_;
        registry = registry_;
    }

    /// @notice Reverts `EcoNodeCouncil.InvalidParam(index)` unless every council parameter is within its bounds
    /// (see `EcoNodeCouncil.setParams`); the council calls it on construction and on every change (kept here so
    /// the council stays under the contract size limit).
    function checkParams(EcoNodeCouncil.Params calldata p) external pure {
        uint256 maxAmount = 1e30; // EcoNodeCouncil.MAX_AMOUNT
        if (p.admissionGrant == 0 || p.admissionGrant > maxAmount) revert EcoNodeCouncil.InvalidParam(0);
        if (p.participationCredit > maxAmount) revert EcoNodeCouncil.InvalidParam(1);
        if (p.missedPenalty > maxAmount) revert EcoNodeCouncil.InvalidParam(2);
        if (p.floor == 0 || p.floor > p.admissionGrant) revert EcoNodeCouncil.InvalidParam(3);
        if (p.halfLife < 1 minutes || p.halfLife > 3650 days) revert EcoNodeCouncil.InvalidParam(4);
        if (p.ratificationPeriod < 1 minutes || p.ratificationPeriod > 30 days) revert EcoNodeCouncil.InvalidParam(5);
        if (p.quorumBps == 0 || p.quorumBps > 10_000) revert EcoNodeCouncil.InvalidParam(6);
        if (p.minPooledBps > 10_000) revert EcoNodeCouncil.InvalidParam(7);
        // minMembers (8): any
        if (p.minAge > 730 days) revert EcoNodeCouncil.InvalidParam(9);
        if (p.participationWindow == 0 || p.participationWindow > 32) revert EcoNodeCouncil.InvalidParam(10);
        if (p.minParticipationBps > 10_000) revert EcoNodeCouncil.InvalidParam(11);
        if (p.minCastBps > 10_000) revert EcoNodeCouncil.InvalidParam(12);
        if (p.minSnapshotSpacing > 30 days) revert EcoNodeCouncil.InvalidParam(13);
        if (p.motionPeriod < 1 minutes || p.motionPeriod > 30 days) revert EcoNodeCouncil.InvalidParam(14);
        if (p.actionDelay > 30 days) revert EcoNodeCouncil.InvalidParam(15);
        if (p.executionWindow < 1 minutes || p.executionWindow > 30 days) revert EcoNodeCouncil.InvalidParam(16);
    }

    /// @notice Each criterion of `group` at each snapshot of the window, with the council's parameters and seats.
    /// @param council the Eco Node council whose parameters apply
    function progress(EcoNodeCouncil council, address group) external view returns (Progress memory p) {
        EcoNodeCouncil.Params memory prm = council.params();
        p.isGroup = registry.isGroup(group);
        p.minAge = prm.minAge;
        p.window = prm.participationWindow;
        p.minMembers = prm.minMembers;
        p.participationRequired = _required(prm);
        EcoNodeCouncil.NodeInfo memory info = council.nodeInfo(group);
        p.seated = info.seated;
        p.promoted = info.seated && info.origin == uint8(EcoNodeCouncil.Origin.PromotedGroup);
        p.seatAvailable = council.nodeCount() < council.MAX_NODES();
        (uint256 recent, uint256 total) = council.promotionBudget();
        p.withinRateLimit = (recent + prm.admissionGrant) * 3 <= total + prm.admissionGrant;
        if (!p.isGroup) return p;
        p.age = block.timestamp - ICouncilGroup(group).createdAt();
        SnapshotCheck[] memory checks = new SnapshotCheck[](p.window);
        uint256 n;
        (n, p.participated, p.windowOk) = _scan(group, prm, checks);
        assembly ("memory-safe") {
            mstore(checks, n) // shrink to the counted proposals
        }
        p.checks = checks;
        p.windowFull = n == p.window;
        p.windowOk = p.windowOk && p.windowFull && p.participated >= p.participationRequired;
        p.eligible = !p.seated && p.windowOk && p.age >= p.minAge;
        p.demotable = p.promoted && p.windowFull && !p.windowOk;
    }

    /// @notice The verdicts the council acts on (`promote`, `demote`), for `group` under `council`'s parameters.
    /// @return windowFull enough counted proposals were found to judge
    /// @return windowOk every criterion held over the window
    /// @return oldEnough the group is at least `minAge` old
    function check(EcoNodeCouncil council, address group)
        external
        view
        returns (bool windowFull, bool windowOk, bool oldEnough)
    {
        EcoNodeCouncil.Params memory prm = council.params();
        SnapshotCheck[] memory checks = new SnapshotCheck[](prm.participationWindow);
        (uint256 n, uint256 participated, bool allHeld) = _scan(group, prm, checks);
        windowFull = n == prm.participationWindow;
        windowOk = windowFull && allHeld && participated >= _required(prm);
        oldEnough = block.timestamp - ICouncilGroup(group).createdAt() >= prm.minAge;
    }

    /// @dev ceil(window × minParticipationBps / 10000).
    function _required(EcoNodeCouncil.Params memory prm) private pure returns (uint256) {
        return Math.mulDiv(prm.participationWindow, prm.minParticipationBps, 10_000, Math.Rounding.Ceil);
    }

    /// @dev Fills `checks` (length = the window) newest first; returns how many were counted, in how many the
    /// group participated, and whether pooled and members held at every counted snapshot.
    function _scan(address group, EcoNodeCouncil.Params memory prm, SnapshotCheck[] memory checks)
        private
        view
        returns (uint256 n, uint256 participated, bool allHeld)
    {
        uint256 i = governor.proposalCount();
        uint256 stop = i > MAX_SCAN ? i - MAX_SCAN : 0;
        uint256 newer = type(uint256).max; // snapshot of the newer counted proposal
        allHeld = true;
        for (; i > stop && n < checks.length; --i) {
            SnapshotCheck memory c = checks[n];
            if (!_counts(c, governor.proposalIdAt(i - 1), newer, prm.minSnapshotSpacing)) continue;
            newer = c.snapshot;
            ++n;
            _measure(c, group, prm);
            if (!(c.pooledOk && c.membersOk)) allHeld = false;
            if (c.participated) ++participated;
        }
    }

    /// @dev Whether `id` counts (closed, quorum reached, its snapshot `spacing` before `newer`); if so, records
    /// its id and snapshot in `c`.
    function _counts(SnapshotCheck memory c, uint256 id, uint256 newer, uint256 spacing) private view returns (bool) {
        if (governor.proposalDeadline(id) >= block.timestamp) return false; // voting not closed
        uint256 s = governor.proposalSnapshot(id);
        if (newer != type(uint256).max && s + spacing > newer) return false; // too close to the newer one
        (, uint256 forVotes, uint256 abstainVotes) = governor.proposalVotes(id);
        if (forVotes + abstainVotes < governor.quorum(s)) return false; // no quorum: the Commons ignored it
        c.proposalId = id;
        c.snapshot = s;
        return true;
    }

    /// @dev The group's standing at the snapshot of `c`'s proposal.
    function _measure(SnapshotCheck memory c, address group, EcoNodeCouncil.Params memory prm) private view {
        uint256 s = c.snapshot;
        c.pooled = veMetis.getPastVotes(group, s);
        c.pooledThreshold =
            Math.max(1, Math.mulDiv(veMetis.getPastTotalSupply(s), prm.minPooledBps, 10_000, Math.Rounding.Ceil));
        c.members = veMetis.getPastDelegatorCount(group, s);
        c.cast = governor.usedVotes(c.proposalId, group);
        c.pooledOk = c.pooled >= c.pooledThreshold;
        c.membersOk = c.members >= prm.minMembers;
        c.participated = c.pooled != 0 && c.cast * 10_000 >= c.pooled * prm.minCastBps;
    }
}
