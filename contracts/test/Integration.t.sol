// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {MetisToken} from "../src/l1/MetisToken.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {TwoChains} from "./utils/TwoChains.t.sol";

/// @dev Both chains in one EVM (switching chain ids): L1 staking → bus → L2 sequencer set, and L2
/// governance → bus → L1 executor → slash, relayed by a 2-of-3 committee.
contract IntegrationTest is TwoChains {
    function setUp() public {
        _deployTwoChains();
        vm.recordLogs();
    }

    function test_stakeChangesReachL2AndSlashingFromL2GovernanceJails() public {
        uint256 a = _register("alpha", 50_000 ether);
        uint256 b = _register("beta", 30_000 ether);
        address holder = makeAddr("holder");
        metis.transfer(holder, 1_000 ether);
        vm.startPrank(holder);
        metis.approve(address(staking), 1_000 ether);
        staking.delegate(a, 1_000 ether);
        staking.undelegate(a, 400 ether);
        vm.stopPrank();
        _relay(l1Outbox, l2Inbox, L1, L2);

        vm.chainId(L2);
        assertEq(set.weightOf(a), 50_600 ether);
        assertEq(set.weightOf(b), 30_000 ether);
        assertEq(set.totalWeight(), 80_600 ether);
        vm.roll(10);
        _rotate();

        // L2 governance slashes alpha through the bus and the L1 executor.
        vm.prank(timelock);
        l2Outbox.sendMessage(
            address(executor),
            abi.encodeCall(
                GovernanceExecutor.execute,
                (address(staking), 0, abi.encodeCall(SequencerStaking.slash, (a, 1000, uint64(block.timestamp), address(0), 0, "challenge #1 upheld")))
            ),
            1_000_000
        );
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
        // 10% of the 50,600 pool at once; the 400 unbonding left at the offence's second (not before
        // it), so it is not liable (docs/MECHANISMS.md §3.2: liable for offences committed while it was behind)
        assertEq(metis.balanceOf(treasury), 5_060 ether);

        _relay(l1Outbox, l2Inbox, L1, L2);
        vm.chainId(L2);
        assertEq(set.weightOf(a), 0, "jailed: never picked");
        assertEq(set.getSequencer(a).stake, 45_540 ether);
        for (uint256 i; i < 10; ++i) {
            vm.roll(block.number + 5);
            vm.prevrandao(bytes32(i));
            (, uint256 picked) = _rotate();
            assertEq(picked, b);
        }
    }

    /// A sync that fails on L2 consumes its nonce, later syncs still flow, and retrying the old one
    /// cannot roll the sequencer back (per-sequencer versions).
    function test_failedSyncIsRetriableAndNeverRollsBack() public {
        uint256 a = _register("alpha", 50_000 ether);
        vm.chainId(L2);
        vm.prank(boot);
        set.setL1Staking(address(0xdead)); // misconfigured for a while
        vm.chainId(L1);
        BusMessage[] memory first = _collect(l1Outbox);
        assertEq(first.length, 1);
        vm.chainId(L2);
        _attest2(l2Inbox, first[0]);
        assertEq(uint8(l2Inbox.messageStatus(l2Inbox.hashMessage(first[0]))), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(l2Inbox.nextNonce(), 1);
        vm.prank(boot);
        set.setL1Staking(address(staking));

        vm.chainId(L1);
        address op = makeAddr("alpha");
        metis.transfer(op, 10_000 ether);
        vm.startPrank(op);
        metis.approve(address(staking), 10_000 ether);
        staking.relock(a, 10_000 ether, false);
        vm.stopPrank();
        BusMessage[] memory second = _collect(l1Outbox);
        vm.chainId(L2);
        _attest2(l2Inbox, second[0]);
        assertEq(set.weightOf(a), 60_000 ether);

        l2Inbox.retry(first[0]); // executes now, but its version is older
        assertEq(uint8(l2Inbox.messageStatus(l2Inbox.hashMessage(first[0]))), uint8(MessageInbox.MessageStatus.Executed));
        assertEq(set.weightOf(a), 60_000 ether, "no rollback");
        assertEq(set.getSequencer(a).version, 2);
    }
}
