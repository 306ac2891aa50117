// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {RewardsDistributor} from "../../src/l1/RewardsDistributor.sol";
import {StakingFixture} from "../utils/StakingFixture.sol";
import {MockMessenger} from "../utils/MockMessenger.sol";

/// @dev docs/MECHANISMS.md §3.2: revenue that never arrives, or reaches the wrong epoch. The native bridge
/// delivers the L2 fee vault's withdrawals as plain transfers, which the old distributor did not
/// count (they stayed here for good), and a short epoch dropped its shortfall, so fees that arrived
/// late paid whichever epoch came next. docs/MECHANISMS.md §3.2: revenue is counted by what the distributor holds,
/// an epoch's unarrived revenue is owed and paid in epoch order when it arrives.
contract RevenueMisroutingAttackTest is StakingFixture {
    MockMessenger inbox;
    RewardsDistributor dist;
    address bridge = makeAddr("l1-native-bridge");
    uint256 seqA;
    uint256 seqB;
    uint256 seqC;
    address alice = makeAddr("alice"); // delegates behind A
    address bob = makeAddr("bob"); // delegates behind B
    address carol = makeAddr("carol"); // delegates behind C

    function setUp() public {
        _deployStaking();
        inbox = new MockMessenger();
        uint256[10] memory ceilings;
        ceilings[0] = 800_000 ether;
        dist = new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), block.timestamp, ceilings, 0, 1);
        staking.setRewardDistributor(address(dist));
        (seqA,) = _register("a", 50_000 ether, 0);
        (seqB,) = _register("b", 50_000 ether, 0);
        (seqC,) = _register("c", 50_000 ether, 0);
        _delegate(alice, seqA, 50_000 ether);
        _delegate(bob, seqB, 50_000 ether);
        _delegate(carol, seqC, 50_000 ether);
        metis.transfer(bridge, 10_000 ether);
    }

    /// The bridge delivers `amount` of the fee vault's withdrawals: a plain transfer, no call.
    function _bridgeDelivers(uint256 amount) internal {
        vm.prank(bridge);
        metis.transfer(address(dist), amount);
    }

    function _report(uint256 epoch, uint256 seq, uint256 revenue) internal {
        inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (epoch, seq, 10, revenue)));
    }

    /// What an epoch's sequencer's stakers (operator + delegator, commission 0) were credited.
    function _stakers(uint256 seq, address delegator) internal view returns (uint256) {
        return staking.operatorPendingRewards(seq) + staking.pendingRewards(seq, delegator);
    }

    /// The fees of epoch 1 arrive through the bridge as a plain transfer before the report: the old
    /// distributor counted only `depositRevenue`, paid nothing and kept the METIS for good.
    function test_attack_plainTransferRevenueIgnored_fixed() public {
        _bridgeDelivers(30 ether);
        _report(1, seqA, 30 ether);
        uint256 paid = _stakers(seqA, alice);
        emit log_named_decimal_uint("epoch 1 revenue due (METIS)", 30 ether, 18);
        emit log_named_decimal_uint("paid to epoch 1's stakers", paid, 18);
        emit log_named_decimal_uint("revenue stranded in the distributor", dist.revenueBalance(), 18);
        assertApproxEqAbs(paid, 30 ether, 2, "the plain transfer is counted and paid");
        assertLe(paid, 30 ether);
        assertEq(dist.epochReport(1).revenue, 30 ether);
        assertEq(dist.revenueBalance(), 0, "nothing stranded");
        assertEq(dist.totalOwed(), 0);
        assertEq(dist.totalRevenueDeposited(), 30 ether, "arrivals are counted whatever the route");
    }

    /// Epoch 1 (sequencer A) is short at its report: 40 of its 100 arrived. Its other 60 arrive later,
    /// then epoch 2's (B) 50, then epoch 3 (C) is reported before its fees arrive. The old code
    /// dropped epoch 1's 60 and paid them to C's stakers; now A gets its 100 (60 when they arrive),
    /// B exactly its 50, C nothing until its own fees arrive.
    function test_attack_laterFeesPayEarlierStakers_fails() public {
        _bridgeDelivers(40 ether);
        _report(1, seqA, 100 ether);
        assertApproxEqAbs(_stakers(seqA, alice), 40 ether, 2, "epoch 1 gets what arrived");
        assertEq(dist.totalOwed(), 60 ether, "the rest is owed to epoch 1");

        _bridgeDelivers(60 ether); // epoch 1's rest
        _bridgeDelivers(50 ether); // epoch 2's fees
        _report(2, seqB, 50 ether); // settles epoch 1's 60 first, then pays epoch 2
        _report(3, seqC, 30 ether); // epoch 3's fees have not arrived yet

        uint256 a = _stakers(seqA, alice);
        uint256 b = _stakers(seqB, bob);
        uint256 c = _stakers(seqC, carol);
        emit log_named_decimal_uint("epoch 1 (A) due 100, its stakers got", a, 18);
        emit log_named_decimal_uint("epoch 2 (B) due 50, its stakers got", b, 18);
        emit log_named_decimal_uint("epoch 3 (C) due 30, not arrived, its stakers got", c, 18);
        assertApproxEqAbs(a, 100 ether, 4, "epoch 1's stakers get all of epoch 1's revenue");
        assertLe(a, 100 ether);
        assertApproxEqAbs(b, 50 ether, 2, "epoch 2's stakers get exactly epoch 2's revenue");
        assertLe(b, 50 ether);
        assertEq(c, 0, "nobody else's fees pay epoch 3");
        assertEq(dist.epochReport(1).revenue, 100 ether);
        assertEq(dist.epochReport(2).revenue, 50 ether);
        assertEq(dist.epochReport(3).revenue, 0);
        assertEq(dist.epochReport(3).revenueDue, 30 ether);
        assertEq(dist.totalOwed(), 30 ether);

        // epoch 3's fees arrive; anyone settles
        _bridgeDelivers(30 ether);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.OwedRevenuePaid(3, seqC, 30 ether, 0, true);
        vm.prank(makeAddr("anyone"));
        assertEq(dist.settleOwed(4), 30 ether);
        emit log_named_decimal_uint("epoch 3 (C) after its fees arrived", _stakers(seqC, carol), 18);
        assertApproxEqAbs(_stakers(seqC, carol), 30 ether, 2);
        assertEq(dist.totalOwed(), 0);
        assertEq(dist.revenueBalance(), 0);
    }

    /// Out of order arrivals (epoch 2's withdrawal finalised before epoch 1's rest): amounts are
    /// fungible, so the oldest owed epoch is paid first; every epoch still ends with exactly its due.
    function test_outOfOrderArrivalStillPaysEachEpochItsDue() public {
        _report(1, seqA, 100 ether); // nothing arrived: all owed
        _bridgeDelivers(50 ether); // epoch 2's fees first
        _report(2, seqB, 50 ether);
        assertApproxEqAbs(_stakers(seqA, alice), 50 ether, 2, "the oldest owed epoch is paid first");
        assertEq(_stakers(seqB, bob), 0, "epoch 2 waits for epoch 1");
        _bridgeDelivers(100 ether);
        dist.settleOwed(2);
        assertApproxEqAbs(_stakers(seqA, alice), 100 ether, 4);
        assertApproxEqAbs(_stakers(seqB, bob), 50 ether, 2);
        assertEq(dist.epochReport(1).revenue, 100 ether);
        assertEq(dist.epochReport(2).revenue, 50 ether);
        assertEq(dist.totalOwed(), 0);
    }

    /// An epoch whose sequencer was not Active sends its owed revenue to the treasury when it arrives;
    /// one jailed between its report and the arrival does too (a jailed sequencer earns nothing).
    function test_owedRevenueOfNonActiveSequencerGoesToTreasury() public {
        _report(1, seqA, 20 ether);
        staking.jail(seqA, "test");
        _bridgeDelivers(20 ether);
        vm.expectEmit(address(dist));
        emit RewardsDistributor.OwedRevenuePaid(1, seqA, 20 ether, 0, false);
        dist.settleOwed(1);
        assertEq(metis.balanceOf(treasury), 20 ether);
        assertEq(dist.epochReport(1).revenue, 20 ether);
    }

    function test_settleOwedBatchBounds() public {
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.InvalidSettleBatch.selector, 0));
        dist.settleOwed(0);
        vm.expectRevert(abi.encodeWithSelector(RewardsDistributor.InvalidSettleBatch.selector, 33));
        dist.settleOwed(33);
        assertEq(dist.settleOwed(1), 0, "nothing owed: no-op");
    }
}
