// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CommonsBase} from "../governance/CommonsBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";

/// @notice docs/MECHANISMS.md §4.1: a lock that has ended must not vote, pool through a group, count in
/// the quorum's denominator or be withdrawn after voting with it, whether or not anyone kicked it.
contract ExpiredLocksAttackTest is CommonsBase {
    address attacker = makeAddr("attacker");
    address proposer = makeAddr("proposer");
    address honest = makeAddr("honest");

    uint256 constant ATTACKER_METIS = 1_000_000 ether;
    uint256 constant HONEST_METIS = 100_000 ether;

    uint256 attackerUnits;

    /// The attacker locks for the maximum (2 units per METIS) and lets the lock end a month before the
    /// proposal's snapshot, never kicking it or withdrawing; honest holders lock afterwards.
    function _expiredAttackerAndProposal() internal returns (uint256 id, uint256 snapshot) {
        attackerUnits = _lock(attacker, ATTACKER_METIS, MAX_LOCK);
        assertEq(attackerUnits, 2 * ATTACKER_METIS);
        (, uint256 end,) = ve.lockOf(attacker);
        vm.warp(end + 30 days);
        _lock(proposer, 20_000 ether, MAX_LOCK);
        _lock(honest, HONEST_METIS, MAX_LOCK);
        vm.warp(block.timestamp + 1); // the proposal threshold reads the past second
        id = _propose(proposer, "a proposal after the attacker's lock ended");
        snapshot = governor.proposalSnapshot(id);
        _toActive(id);
        assertGt(snapshot, end + 30 days - 1, "snapshot a month after the end");
    }

    function test_attack_voteWithExpiredLock_fails() public {
        (uint256 id, uint256 snapshot) = _expiredAttackerAndProposal();
        // nobody kicked: the lock still holds its units in storage
        (,, uint256 stored) = ve.lockOf(attacker);
        assertEq(stored, attackerUnits);

        uint256 counted = ve.getPastVotes(attacker, snapshot);
        (uint256 againstBefore, uint256 forBefore, uint256 abstainBefore) = governor.proposalVotes(id);
        vm.prank(attacker);
        try governor.castVote(id, 0) {} catch {} // a zero-weight vote either reverts or adds nothing
        (uint256 againstAfter, uint256 forAfter, uint256 abstainAfter) = governor.proposalVotes(id);
        uint256 added = (againstAfter - againstBefore) + (forAfter - forBefore) + (abstainAfter - abstainBefore);

        emit log_named_uint("attacker's expired units (stored, never kicked)", stored);
        emit log_named_uint("votes counted from the expired lock", counted);
        emit log_named_uint("weight the vote added", added);
        assertEq(counted, 0, "expired lock votes");
        assertEq(added, 0, "vote added weight");
        assertEq(ve.getPastUnits(attacker, snapshot), 0);
        assertEq(ve.getVotes(attacker), 0);
        assertEq(
            ve.getPastTotalSupply(snapshot), ve.getPastVotes(proposer, snapshot) + ve.getPastVotes(honest, snapshot)
        );
    }

    function test_attack_voteWithExpiredLockThroughGroup_fails() public {
        // the attacker pools its (soon expired) lock and nine sock puppets' into a group
        CommonsGroup g = _group("Pool", attacker, CommonsGroup.RemainderPolicy.FollowMajority);
        attackerUnits = _lock(attacker, ATTACKER_METIS, MAX_LOCK);
        _joinAndPool(g, attacker);
        for (uint256 i; i < 9; ++i) {
            address sock = makeAddr(string(abi.encodePacked("sock", i)));
            _lock(sock, 10_000 ether, MAX_LOCK);
            _joinAndPool(g, sock);
        }
        (, uint256 end,) = ve.lockOf(attacker);
        vm.warp(end + 30 days);
        // one honest member with a live lock
        _lock(honest, HONEST_METIS, MAX_LOCK);
        _joinAndPool(g, honest);
        _lock(proposer, 20_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(proposer, "a proposal after the pooled locks ended");
        uint256 snapshot = governor.proposalSnapshot(id);
        _toActive(id);

        uint256 pooled = ve.getPastVotes(address(g), snapshot);
        emit log_named_uint("group's pooled votes at the snapshot", pooled);
        emit log_named_uint("of which from expired locks", pooled - ve.getPastUnits(honest, snapshot));
        assertEq(pooled, ve.getPastUnits(honest, snapshot), "only the live member's units are pooled");
        assertEq(ve.getPastDelegatorCount(address(g), snapshot), 1, "expired members are not counted");

        // the attacker's member vote has no weight
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NoWeight.selector, attacker, snapshot));
        g.castVote(id, 1, "");
        // the honest member votes Against; the group can never cast more than the live units
        vm.prank(honest);
        g.castVote(id, 0, "");
        (uint256 againstVotes, uint256 forVotes,) = governor.proposalVotes(id);
        emit log_named_uint("For votes counted from expired locks", forVotes);
        assertEq(forVotes, 0);
        assertEq(againstVotes, ve.getPastUnits(honest, snapshot));
    }

    function test_attack_inflateQuorumWithExpiredLocks_fails() public {
        // 20 whales lock 100k METIS each for 730 days and let the locks lapse without kicking them
        uint256 expiredUnits;
        for (uint256 i; i < 20; ++i) {
            expiredUnits += _lock(makeAddr(string(abi.encodePacked("whale", i))), 100_000 ether, MAX_LOCK);
        }
        vm.warp(block.timestamp + MAX_LOCK + 30 days);
        _lock(proposer, 20_000 ether, MAX_LOCK);
        uint256 live = _lock(honest, HONEST_METIS, MAX_LOCK) + ve.unitsOf(proposer);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(proposer, "quorum with expired locks");
        uint256 snapshot = governor.proposalSnapshot(id);
        _toActive(id);

        uint256 quorum = governor.quorum(snapshot);
        emit log_named_uint("quorum denominator (total units at snapshot)", ve.getPastTotalSupply(snapshot));
        emit log_named_uint("quorum denominator if expired locks counted", live + expiredUnits);
        emit log_named_uint("quorum", quorum);
        emit log_named_uint("quorum if expired locks counted", (live + expiredUnits) * 4 / 100);
        assertEq(ve.getPastTotalSupply(snapshot), live, "expired units in the denominator");
        assertEq(ve.totalUnits(), live);
        assertEq(quorum, live * 4 / 100);
        // the honest holder alone reaches quorum and passes the proposal
        vm.prank(honest);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertTrue(governor.state(id) != IGovernor.ProposalState.Defeated, "quorum reached by live units");
    }

    function test_attack_voteThenWithdrawExpiredLock_fails() public {
        (uint256 id, uint256 snapshot) = _expiredAttackerAndProposal();
        (uint256 againstBefore,,) = governor.proposalVotes(id);
        vm.prank(attacker);
        try governor.castVote(id, 0) {} catch {}
        (uint256 againstAfter,,) = governor.proposalVotes(id);
        // the METIS leaves right after
        vm.prank(attacker);
        uint256 escaped = ve.withdraw();
        emit log_named_uint("METIS withdrawn after the vote", escaped);
        emit log_named_uint("votes it carried in the proposal", againstAfter - againstBefore);
        assertEq(escaped, ATTACKER_METIS);
        assertEq(againstAfter - againstBefore, 0, "withdrawn METIS voted");
        assertEq(ve.getPastVotes(attacker, snapshot), 0);
    }

    /// Expiry is exact at the second: units count at end - 1 and not at end, for the account, its delegatee
    /// and the total, and a lookup made before the end and after it agree.
    function test_attack_voteAtTheEndSecond_fails() public {
        attackerUnits = _lock(attacker, ATTACKER_METIS, MIN_LOCK);
        vm.prank(attacker);
        ve.delegate(honest);
        (, uint256 end,) = ve.lockOf(attacker);
        vm.warp(end + 1);
        assertEq(ve.getPastVotes(honest, end - 1), attackerUnits);
        assertEq(ve.getPastVotes(honest, end), 0);
        assertEq(ve.getPastTotalSupply(end), 0);
        assertEq(ve.getPastUnits(attacker, end), 0);
        // a later kick and withdraw rewrite nothing
        ve.kick(attacker);
        vm.prank(attacker);
        ve.withdraw();
        vm.warp(end + 2);
        assertEq(ve.getPastVotes(honest, end - 1), attackerUnits);
        assertEq(ve.getPastVotes(honest, end), 0);
    }
}
