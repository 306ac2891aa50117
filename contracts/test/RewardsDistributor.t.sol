// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {StakingFixture} from "./utils/StakingFixture.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";

/// @dev Unit tests of the L1 rewards distributor; a mock inbox relays reports with a chosen sender.
contract RewardsDistributorTest is StakingFixture {
    MockMessenger inbox;
    RewardsDistributor dist;
    uint256 seq;
    address op;
    address alice = makeAddr("alice");
    uint256 start;

    uint256 constant RPB = 5 ether;

    function _schedule() internal pure returns (uint256[10] memory c) {
        c = [
            uint256(800_000 ether),
            700_000 ether,
            600_000 ether,
            500_000 ether,
            500_000 ether,
            500_000 ether,
            400_000 ether,
            400_000 ether,
            300_000 ether,
            300_000 ether
        ];
    }

    function _deploy(uint256[10] memory ceilings, uint256 rpb) internal returns (RewardsDistributor d) {
        d = new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), start, ceilings, rpb, 1);
        staking.setRewardDistributor(address(d));
        metis.approve(address(d), type(uint256).max);
    }

    function setUp() public {
        _deployStaking();
        inbox = new MockMessenger();
        start = block.timestamp;
        dist = _deploy(_schedule(), RPB);
        (seq, op) = _register("op", 50_000 ether, 1000); // 10% commission
        _delegate(alice, seq, 50_000 ether);
        dist.fundMining(1_000_000 ether);
        dist.depositRevenue(200_000 ether);
    }

    function _report(uint256 epoch, uint256 id, uint256 blocks, uint256 revenue) internal {
        inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (epoch, id, blocks, revenue)));
    }

    // ------------------------------------------------------------ construction, funding, governance

    function test_constructorChecks() public {
        uint256[10] memory c = _schedule();
        c[0] += 1;
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.ScheduleAboveCap.selector, 5_000_000 ether + 1));
        new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), start, c, RPB, 1);
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.RewardPerBlockTooHigh.selector, 1_001 ether));
        new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), start, _schedule(), 1_001 ether, 1);
        vm.expectRevert(RewardsDistributor.ZeroAddress.selector);
        new RewardsDistributor(metis, staking, address(0), l2Set, address(this), start, _schedule(), RPB, 1);
        vm.expectRevert(RewardsDistributor.ZeroAddress.selector);
        new RewardsDistributor(metis, staking, address(inbox), address(0), address(this), start, _schedule(), RPB, 1);
        RewardsDistributor d = new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), start, _schedule(), RPB, 7);
        assertEq(d.nextEpoch(), 7);
        assertEq(d.yearCeiling(1), 800_000 ether);
        assertEq(d.yearCeiling(10), 300_000 ether);
        assertEq(d.yearCeiling(0), 0);
        assertEq(d.yearCeiling(11), 0);
        assertEq(d.yearCeilings()[2], 600_000 ether);
    }

    function test_fundingPullsAndCounts() public {
        vm.expectRevert(RewardsDistributor.ZeroAmount.selector);
        dist.fundMining(0);
        vm.expectRevert(RewardsDistributor.ZeroAmount.selector);
        dist.depositRevenue(0);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.MiningFunded(address(this), 5 ether);
        dist.fundMining(5 ether);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.RevenueDeposited(address(this), 7 ether);
        dist.depositRevenue(7 ether);
        assertEq(dist.miningBalance(), 1_000_005 ether);
        assertEq(dist.revenueBalance(), 200_007 ether);
        assertEq(dist.totalMiningFunded(), 1_000_005 ether);
        assertEq(dist.totalRevenueDeposited(), 200_007 ether);
        assertEq(metis.balanceOf(address(dist)), 1_200_012 ether);
    }

    function test_rewardPerBlockOnlyGovernanceAndBounded() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        dist.setRewardPerBlock(1 ether);
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.RewardPerBlockTooHigh.selector, 1_000 ether + 1));
        dist.setRewardPerBlock(1_000 ether + 1);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.RewardPerBlockUpdated(2 ether);
        dist.setRewardPerBlock(2 ether);
        assertEq(dist.rewardPerBlock(), 2 ether);
    }

    // ------------------------------------------------------------ reports: who, order, once

    function test_report_onlyInboxFromL2SequencerSet() public {
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.NotInbox.selector, address(this)));
        dist.applyEpochReport(1, seq, 20, 0);
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.NotL2SequencerSet.selector, stranger));
        inbox.relay(address(dist), stranger, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 0)));
        // a different inbox (right L2 sender) is rejected too
        MockMessenger other = new MockMessenger();
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.NotInbox.selector, address(other)));
        other.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 0)));
        assertEq(dist.nextEpoch(), 1);
    }

    function test_report_inOrderAndOnce() public {
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.EpochOutOfOrder.selector, 2, 1));
        _report(2, seq, 20, 0);
        _report(1, seq, 20, 0);
        assertTrue(dist.isApplied(1));
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.EpochAlreadyApplied.selector, 1));
        _report(1, seq, 20, 0);
        _report(2, seq, 20, 0);
        assertEq(dist.nextEpoch(), 3);
        assertEq(dist.totalMiningPaid(), 200 ether, "each epoch paid once");
    }

    // ------------------------------------------------------------ payouts

    function test_report_paysMiningAndRevenueThroughStaking() public {
        uint256 reserveBefore = staking.rewardReserve();
        vm.expectEmit(address(dist));
        emit RewardsDistributor.EpochRewarded(1, seq, 20, 100 ether, 30 ether, true);
        _report(1, seq, 20, 30 ether);
        // 130 METIS: delegators' half is 65, commission 6.5; alice 58.5, the operator 65 + 6.5
        assertEq(staking.rewardReserve() - reserveBefore, 130 ether);
        assertEq(staking.pendingRewards(seq, alice), 58.5 ether);
        assertEq(staking.operatorPendingRewards(seq), 65 ether + 6.5 ether);
        assertEq(dist.miningBalance(), 1_000_000 ether - 100 ether);
        assertEq(dist.revenueBalance(), 200_000 ether - 30 ether);
        assertEq(dist.totalMiningPaid(), 100 ether);
        assertEq(dist.totalRevenuePaid(), 30 ether);
        assertEq(dist.emittedInYear(1), 100 ether);
        assertEq(metis.allowance(address(dist), address(staking)), 0);
        RewardsDistributor.EpochReport memory r = dist.epochReport(1);
        assertEq(r.sequencerId, seq);
        assertEq(r.blocks, 20);
        assertEq(r.mining, 100 ether);
        assertEq(r.revenue, 30 ether);
        assertEq(r.appliedAt, block.timestamp);
        assertTrue(r.paidToSequencer);
    }

    function test_report_nothingDueStillAdvances() public {
        dist.setRewardPerBlock(0);
        uint256 reserveBefore = staking.rewardReserve();
        _report(1, seq, 20, 0);
        assertEq(dist.nextEpoch(), 2);
        assertEq(staking.rewardReserve(), reserveBefore);
    }

    function test_report_nonActiveSequencer_keepsMiningAndSendsRevenueToTreasury() public {
        staking.jail(seq, "test");
        uint256 reserveBefore = staking.rewardReserve();
        vm.expectEmit(address(dist));
        emit RewardsDistributor.EpochRewarded(1, seq, 20, 0, 30 ether, false);
        _report(1, seq, 20, 30 ether);
        assertEq(dist.nextEpoch(), 2);
        assertEq(staking.rewardReserve(), reserveBefore);
        assertEq(metis.balanceOf(treasury), 30 ether);
        assertEq(dist.miningBalance(), 1_000_000 ether, "mining stays in the reserve");
        assertEq(dist.emittedInYear(1), 0);
        assertFalse(dist.epochReport(1).paidToSequencer);
        // an unknown sequencer (status None) never jams the bus either
        _report(2, 999, 20, 0);
        assertEq(dist.nextEpoch(), 3);
    }

    function test_report_miningShortfallWhenReserveRunsDry() public {
        RewardsDistributor d = _deploy(_schedule(), RPB);
        d.fundMining(30 ether);
        vm.expectEmit(address(d));
        emit RewardsDistributor.MiningShortfall(1, 100 ether, 30 ether);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 0)));
        assertEq(d.epochReport(1).mining, 30 ether);
        assertEq(d.miningBalance(), 0);
        vm.expectEmit(address(d));
        emit RewardsDistributor.MiningShortfall(2, 100 ether, 0);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (2, seq, 20, 0)));
        assertEq(d.nextEpoch(), 3);
    }

    function test_report_revenueShortfallWhenEscrowShort() public {
        RewardsDistributor d = _deploy(_schedule(), RPB);
        d.fundMining(1_000 ether);
        d.depositRevenue(10 ether);
        vm.expectEmit(address(d));
        emit RewardsDistributor.RevenueShortfall(1, 25 ether, 10 ether);
        vm.expectEmit(address(d));
        emit RewardsDistributor.EpochRewarded(1, seq, 20, 100 ether, 10 ether, true);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 25 ether)));
        assertEq(d.revenueBalance(), 0);
        assertEq(d.totalRevenuePaid(), 10 ether);
    }

    function test_report_yearCeilingThenNextYear() public {
        uint256[10] memory c;
        c[0] = 150 ether;
        c[1] = 60 ether;
        RewardsDistributor d = _deploy(c, RPB);
        d.fundMining(1_000 ether);
        bytes memory r1 = abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 0));
        inbox.relay(address(d), l2Set, r1); // 100
        vm.expectEmit(address(d));
        emit RewardsDistributor.MiningShortfall(2, 100 ether, 50 ether);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (2, seq, 20, 0)));
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (3, seq, 20, 0)));
        assertEq(d.emittedInYear(1), 150 ether);
        assertEq(d.miningAvailable(), 0);
        vm.warp(start + 365 days);
        assertEq(d.currentYear(), 2);
        assertEq(d.miningAvailable(), 60 ether);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (4, seq, 20, 0)));
        assertEq(d.emittedInYear(2), 60 ether);
        assertEq(d.totalMiningPaid(), 210 ether);
    }

    function test_report_nothingBeforeStartOrAfterTenYears() public {
        RewardsDistributor early =
            new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), start + 1 days, _schedule(), RPB, 1);
        staking.setRewardDistributor(address(early));
        metis.approve(address(early), type(uint256).max);
        early.fundMining(1_000 ether);
        assertEq(early.currentYear(), 0);
        vm.expectEmit(address(early));
        emit RewardsDistributor.MiningShortfall(1, 100 ether, 0);
        inbox.relay(address(early), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 0)));

        staking.setRewardDistributor(address(dist));
        vm.warp(start + 10 * 365 days - 1);
        assertEq(dist.currentYear(), 10);
        _report(1, seq, 20, 0);
        assertEq(dist.emittedInYear(10), 100 ether);
        vm.warp(start + 10 * 365 days);
        assertEq(dist.currentYear(), 11);
        assertEq(dist.miningAvailable(), 0);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.MiningShortfall(2, 100 ether, 0);
        _report(2, seq, 20, 5 ether); // revenue still flows after the emission schedule
        assertEq(dist.epochReport(2).revenue, 5 ether);
        assertEq(dist.totalMiningPaid(), 100 ether);
    }

    function test_report_lifetimeCap() public {
        uint256[10] memory c;
        c[0] = 5_000_000 ether; // the whole allocation in year 1
        RewardsDistributor d = _deploy(c, 1_000 ether);
        d.fundMining(6_000_000 ether);
        (uint256 big,) = _register("big", 100_000 ether, 0);
        vm.expectEmit(address(d));
        emit RewardsDistributor.MiningShortfall(1, 6_000_000 ether, 5_000_000 ether);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, big, 6_000, 0)));
        assertEq(d.totalMiningPaid(), d.LIFETIME_CAP());
        vm.warp(start + 365 days);
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (2, big, 1, 0)));
        assertEq(d.totalMiningPaid(), d.LIFETIME_CAP(), "never above 5,000,000 METIS");
        assertEq(d.miningBalance(), 1_000_000 ether);
    }

    function testFuzz_report_neverPaysMoreThanFunded(uint256 blocks, uint256 revenue, uint256 funded) public {
        blocks = bound(blocks, 1, 1_000_000);
        revenue = bound(revenue, 0, 1_000_000 ether);
        funded = bound(funded, 1, 2_000_000 ether);
        RewardsDistributor d = _deploy(_schedule(), RPB);
        d.fundMining(funded);
        d.depositRevenue(funded);
        uint256 reserveBefore = staking.rewardReserve();
        inbox.relay(address(d), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, blocks, revenue)));
        RewardsDistributor.EpochReport memory r = d.epochReport(1);
        assertEq(r.mining, _min(_min(blocks * RPB, funded), 800_000 ether));
        assertEq(r.revenue, _min(revenue, funded));
        assertEq(staking.rewardReserve() - reserveBefore, uint256(r.mining) + r.revenue);
        assertEq(metis.balanceOf(address(d)), d.miningBalance() + d.revenueBalance());
        assertEq(d.totalMiningFunded() + d.totalRevenueDeposited(), d.miningBalance() + d.revenueBalance() + d.totalMiningPaid() + d.totalRevenuePaid());
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
