// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {MetisToken} from "../src/l1/MetisToken.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {TwoChains} from "./utils/TwoChains.t.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";
import {FeeVault} from "../src/l2/FeeVault.sol";

/// @dev Rewards end to end, both chains in one EVM: fees paid on L2 → rotate → epoch report through
/// the real bus (2-of-3 committee) → RewardsDistributor → staking rewards → claim and compound.
contract RewardsIntegrationTest is TwoChains {
    L2Metis l2Metis;
    FeeVault vault;
    RewardsDistributor dist;

    function setUp() public {
        _deployTwoChains();

        uint256[10] memory ceilings;
        ceilings[0] = 800_000 ether;
        dist = new RewardsDistributor(metis, staking, address(l1Inbox), address(set), address(executor), block.timestamp, ceilings, 5 ether, 1);
        metis.approve(address(dist), type(uint256).max);
        dist.fundMining(1_000_000 ether);
        dist.depositRevenue(200_000 ether);

        vm.chainId(L2);
        l2Metis = new L2Metis(address(this));
        vault = new FeeVault(l2Metis, address(set));
        vm.prank(boot);
        set.setRewardReporting(address(vault), address(l2Outbox), address(dist));
        l2Metis.mint(address(this), 10_000 ether);
        l2Metis.approve(address(vault), type(uint256).max);
        vm.chainId(L1);
        vm.recordLogs();
    }

    function _wireDistributor() internal {
        vm.prank(boot);
        executor.execute(address(staking), 0, abi.encodeCall(SequencerStaking.setRewardDistributor, (address(dist))));
    }

    /// @dev Pays `fee` into the vault, lets `blocks` L2 blocks pass and rotates; returns the ended epoch's sequencer.
    function _epoch(uint256 fee, uint256 blocks) internal returns (uint256 ended) {
        vm.chainId(L2);
        if (fee > 0) vault.payFee(fee);
        (, SequencerSet.Epoch memory e) = set.currentEpoch();
        ended = e.sequencerId;
        vm.roll(block.number + blocks);
        _rotate();
        vm.chainId(L1);
    }

    function test_feesToClaimEndToEnd() public {
        _wireDistributor();
        uint256 a = _register("alpha", 50_000 ether);
        address holder = makeAddr("holder");
        metis.transfer(holder, 50_000 ether);
        vm.startPrank(holder);
        metis.approve(address(staking), 50_000 ether);
        staking.delegate(a, 50_000 ether);
        vm.stopPrank();
        _relay(l1Outbox, l2Inbox, L1, L2);

        vm.chainId(L2);
        vm.roll(10);
        _rotate(); // epoch 1: blocks 10..14
        vm.chainId(L1);
        uint256 seq = _epoch(30 ether, 5); // ends epoch 1 (5 blocks), 30 METIS of fees
        assertEq(seq, a);
        _relay(l2Outbox, l1Inbox, L2, L1);

        assertEq(dist.nextEpoch(), 2);
        RewardsDistributor.EpochReport memory r = dist.epochReport(1);
        assertEq(r.blocks, 5);
        assertEq(r.mining, 25 ether);
        assertEq(r.revenue, 30 ether);
        // 55 METIS; delegators' half 27.5, 5% commission 1.375: the holder 26.125, the operator 27.5 + 1.375
        uint256 claimable = staking.pendingRewards(a, holder);
        assertEq(claimable, 26.125 ether);
        assertEq(staking.operatorPendingRewards(a), 27.5 ether + 1.375 ether);

        uint256 before = metis.balanceOf(holder);
        vm.prank(holder);
        staking.claim(a);
        assertEq(metis.balanceOf(holder), before + claimable, "claim pays exactly the claimable");

        _epoch(0, 5);
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(dist.nextEpoch(), 3);
        uint256 more = staking.pendingRewards(a, holder);
        assertGt(more, 0);
        (, uint256 valueBefore,,,) = staking.positionOf(a, holder);
        vm.prank(holder);
        staking.compound(a);
        (, uint256 valueAfter,,,) = staking.positionOf(a, holder);
        assertApproxEqAbs(valueAfter, valueBefore + more, 1, "compound grows the position by the claimable");
    }

    /// A report that fails on L1 (here: the distributor is not yet wired into staking) is recorded as
    /// Failed; the next one fails as out of order; retried in order, each applies exactly once.
    function test_failedReportIsRetriedInOrderOnce() public {
        uint256 a = _register("alpha", 50_000 ether);
        _relay(l1Outbox, l2Inbox, L1, L2);
        vm.chainId(L2);
        vm.roll(10);
        _rotate();
        vm.chainId(L1);
        _epoch(10 ether, 5); // rotation 2 sends the request for epoch 3's beacon, then report 1
        BusMessage[] memory first = _collect(l2Outbox);
        assertEq(first.length, 2);
        assertEq(first[0].target, address(beacon));
        _attest2(l1Inbox, first[0]); // the beacon answers
        _attest2(l1Inbox, first[1]); // report 1 fails
        _relay(l1Outbox, l2Inbox, L1, L2); // epoch 3's beacon reaches L2
        _epoch(0, 5); // rotation 3: request for epoch 4's beacon, then report 2
        BusMessage[] memory second = _collect(l2Outbox);
        assertEq(second.length, 2);
        BusMessage[] memory reports = new BusMessage[](2);
        (reports[0], reports[1]) = (first[1], second[1]);
        assertEq(reports[0].target, address(dist));
        assertEq(reports[1].target, address(dist));
        vm.chainId(L1);
        _attest2(l1Inbox, second[0]);
        _attest2(l1Inbox, reports[1]);
        assertEq(uint8(l1Inbox.messageStatus(l1Inbox.hashMessage(reports[0]))), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(uint8(l1Inbox.messageStatus(l1Inbox.hashMessage(reports[1]))), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(dist.nextEpoch(), 1);

        _wireDistributor();
        vm.expectRevert(); // epoch 2 before epoch 1
        l1Inbox.retry(reports[1]);
        l1Inbox.retry(reports[0]);
        l1Inbox.retry(reports[1]);
        assertEq(dist.nextEpoch(), 3);
        vm.expectRevert();
        l1Inbox.retry(reports[0]); // executed: never twice
        assertEq(dist.totalMiningPaid(), 50 ether);
        assertEq(dist.totalRevenuePaid(), 10 ether);
        assertGt(staking.operatorPendingRewards(a), 0);
    }
}
