// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CommonsBase} from "./CommonsBase.t.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {CommonsRegistry} from "../../src/l2/governance/CommonsRegistry.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {BaselineToken} from "./BaselineGovernor.sol";

/// @dev Fuzzes the bounds of every entry point that has one, against its custom error.
contract CommonsBoundsTest is CommonsBase {
    address alice = makeAddr("alice");
    address proposer = makeAddr("proposer");
    address steward = makeAddr("steward");

    // ----- veMETIS ------------------------------------------------------------------------------------------

    function testFuzz_increaseAmountNeedsMinimumTimeLeft(uint256 duration, uint256 elapsed) public {
        duration = bound(duration, MIN_LOCK, MAX_LOCK);
        elapsed = bound(elapsed, 0, duration + 30 days);
        _lock(alice, 10 ether, duration);
        (, uint256 end,) = ve.lockOf(alice); // now + duration rounded up to the day grid
        vm.warp(block.timestamp + elapsed);
        _fund(alice, 1 ether);
        vm.prank(alice);
        if (end <= block.timestamp) {
            vm.expectRevert(abi.encodeWithSelector(VeMetis.LockExpired.selector, alice, end));
        } else if (end - block.timestamp < MIN_LOCK) {
            vm.expectRevert(
                abi.encodeWithSelector(VeMetis.InvalidDuration.selector, end - block.timestamp, MIN_LOCK, MAX_LOCK)
            );
        }
        ve.increaseAmount(1 ether);
    }

    function testFuzz_withdrawAndKickOnlyFromTheEnd(uint256 elapsed) public {
        elapsed = bound(elapsed, 0, 2 * MIN_LOCK);
        _lock(alice, 10 ether, MIN_LOCK);
        (, uint256 end,) = ve.lockOf(alice); // now + MIN_LOCK rounded up to the day grid
        assertLt(end - block.timestamp - MIN_LOCK, 1 days);
        vm.warp(block.timestamp + elapsed);
        if (block.timestamp < end) {
            vm.expectRevert(abi.encodeWithSelector(VeMetis.LockNotExpired.selector, alice, end));
            ve.kick(alice);
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(VeMetis.LockNotExpired.selector, alice, end));
            ve.withdraw();
        } else {
            ve.kick(alice);
            vm.prank(alice);
            assertEq(ve.withdraw(), 10 ether);
        }
    }

    /// Amounts beyond what a lock stores (104 bits, far beyond any real supply) are rejected, not truncated.
    function testFuzz_lockAmountFitsStorage(uint256 amount) public {
        amount = bound(amount, uint256(type(uint104).max) + 1, uint256(1) << 200);
        BaselineToken big = new BaselineToken(); // no supply cap below 2^208
        VeMetis v = new VeMetis(big, MIN_LOCK, MAX_LOCK);
        big.mint(alice, amount);
        vm.startPrank(alice);
        big.approve(address(v), amount);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.AmountTooLarge.selector, amount));
        v.createLock(amount, MIN_LOCK);
        vm.stopPrank();
    }

    // ----- governor -----------------------------------------------------------------------------------------

    function testFuzz_lateQuorumExtensionBound(uint48 ext) public {
        vm.prank(address(governor));
        if (ext > VOTING_PERIOD) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    CommonsGovernor.GovernorPreventLateQuorumVoteExtensionTooLarge.selector, ext, VOTING_PERIOD
                )
            );
        }
        governor.setLateQuorumVoteExtension(ext);
    }

    // ----- registry -----------------------------------------------------------------------------------------

    function testFuzz_internalWindowBounds(uint48 window) public {
        if (window == 0 || window >= VOTING_PERIOD) {
            vm.expectRevert(
                abi.encodeWithSelector(CommonsRegistry.InvalidInternalVotingWindow.selector, window, VOTING_PERIOD)
            );
        }
        registry.setInternalVotingWindow(window);
    }

    function testFuzz_motionPeriodBounds(uint48 period) public {
        if (period == 0 || period > registry.MAX_STEWARD_MOTION_PERIOD()) {
            vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardMotionPeriod.selector, period));
        }
        registry.setStewardMotionPeriod(period);
    }

    function testFuzz_groupNameAndUriLengths(uint256 nameLen, uint256 uriLen) public {
        nameLen = bound(nameLen, 0, 100);
        uriLen = bound(uriLen, 0, 600);
        if (nameLen == 0 || nameLen > 64) vm.expectRevert(CommonsRegistry.InvalidName.selector);
        else if (uriLen > 512) vm.expectRevert(CommonsRegistry.InvalidMetadataURI.selector);
        registry.createGroup(string(new bytes(nameLen)), string(new bytes(uriLen)), steward, CommonsGroup.RemainderPolicy.None);
    }

    // ----- group timing -------------------------------------------------------------------------------------

    /// Members vote strictly before the internal deadline; the remainder is cast from it to the proposal deadline.
    function testFuzz_memberVoteAndRemainderTiming(uint256 offset) public {
        CommonsGroup g = _group("G", steward, CommonsGroup.RemainderPolicy.FollowMajority);
        address m1 = makeAddr("m1");
        address m2 = makeAddr("m2");
        _lock(proposer, 100_000 ether, MAX_LOCK);
        _lock(m1, 1_000 ether, MAX_LOCK);
        _lock(m2, 500 ether, MAX_LOCK);
        _joinAndPool(g, m1);
        _joinAndPool(g, m2);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(proposer, "t");
        uint256 snapshot = governor.proposalSnapshot(id);
        uint256 deadline = governor.proposalDeadline(id);
        uint256 internalDeadline = deadline - WINDOW;
        // m1 votes first so the group has a majority
        vm.warp(snapshot + 1);
        vm.prank(m1);
        g.castVote(id, 1, "");
        offset = bound(offset, snapshot + 1, deadline);
        vm.warp(offset);
        if (block.timestamp < internalDeadline) {
            vm.prank(m2);
            g.castVote(id, 0, "");
            vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InternalVotingOpen.selector, id, internalDeadline));
            g.castRemainder(id);
        } else {
            vm.prank(m2);
            vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InternalVotingClosed.selector, id, internalDeadline));
            g.castVote(id, 0, "");
            assertEq(g.castRemainder(id), 1_000 ether);
        }
        assertLe(governor.usedVotes(id, address(g)), ve.getPastVotes(address(g), snapshot));
    }
}
