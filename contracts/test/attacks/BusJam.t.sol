// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BusMessage} from "../../src/bus/BusMessage.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../../src/bus/MessageInbox.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";
import {TwoChains} from "../utils/TwoChains.t.sol";

/// @dev Burns whatever gas it is given: the junk an attacker would want delivered.
contract BusJunkGasSink {
    uint256 public sink;

    function burn() external {
        while (gasleft() > 5_000) {
            sink = sink + 1;
        }
    }
}

/// docs/MECHANISMS.md §5: jamming or taxing the message bus with junk. Delivery is strictly in
/// nonce order, so a junk message with a 15M gas limit would hold back every later epoch report,
/// governance action and slash until a committee member paid ~15M gas on L1 to deliver it.
contract BusJamAttackTest is TwoChains {
    /// @dev SequencerStaking's resync interval (an internal constant there).
    uint256 internal constant RESYNC_INTERVAL = 1 days;

    address attacker = makeAddr("attacker");

    function setUp() public {
        _deployTwoChains();
        vm.recordLogs();
    }

    /// The attacker sends junk to a gas sink on L1 with the largest gas limit, for cents on L2.
    function test_attack_jamBusWithMaxGasJunk_fails() public {
        BusJunkGasSink sink = new BusJunkGasSink();
        vm.chainId(L2);
        uint256 before = l2Outbox.nextNonce();
        uint256 maxGas = l2Outbox.MAX_GAS_LIMIT();
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.SenderNotAllowed.selector, attacker));
        l2Outbox.sendMessage(address(sink), abi.encodeCall(BusJunkGasSink.burn, ()), maxGas);
        // Nor with any smaller gas limit, nor to any other target.
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.SenderNotAllowed.selector, attacker));
        l2Outbox.sendMessage(address(executor), "", 0);
        assertEq(l2Outbox.nextNonce(), before, "no junk message entered the bus");

        // Even an allow-listed sender (a sequencer set, the timelock) cannot ask for more than the
        // governance cap, so no message can make the committee burn 15M gas.
        uint256 cap = l2Outbox.maxGasLimit();
        vm.prank(timelock);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.GasLimitTooHigh.selector, maxGas, cap));
        l2Outbox.sendMessage(address(sink), abi.encodeCall(BusJunkGasSink.burn, ()), maxGas);

        // The next genuine message (an epoch report, here a governance no-op) is first in line.
        vm.prank(timelock);
        uint256 nonce = l2Outbox.sendMessage(address(metis), abi.encodeCall(metis.totalSupply, ()), 100_000);
        assertEq(nonce, before, "the next genuine message waits for no junk");
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(l1Inbox.nextNonce(), before + 1);
        emit log_named_uint("junk messages queued ahead of genuine ones", l2Outbox.nextNonce() - before - 1);
        emit log_named_uint("gas a committee member must burn on L1 for junk", 0);
        emit log_named_uint("largest gas limit any message may ask (governance cap)", cap);
    }

    /// The attacker calls the permissionless `resync` in a loop: each call used to queue a 500k-gas
    /// message on the bus for free.
    function test_attack_resyncSpam_fails() public {
        uint256 a = _register("alpha", 50_000 ether);
        uint256 b = _register("beta", 30_000 ether);
        _relay(l1Outbox, l2Inbox, L1, L2);
        uint256 before = l1Outbox.nextNonce();
        uint256 sent;
        for (uint256 i; i < 100; ++i) {
            uint256 id = i % 2 == 0 ? a : b;
            vm.prank(attacker);
            try staking.resync(id) {
                ++sent;
            } catch (bytes memory reason) {
                assertEq(bytes4(reason), SequencerStaking.ResyncTooSoon.selector);
            }
        }
        assertEq(sent, 2, "one resync per sequencer and L2 set");
        assertEq(l1Outbox.nextNonce() - before, 2);
        // A day later, one more each: the spam rate is bounded by the whitelisted sequencers.
        vm.warp(block.timestamp + RESYNC_INTERVAL);
        vm.prank(attacker);
        staking.resync(a);
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.ResyncTooSoon.selector, a, block.timestamp + RESYNC_INTERVAL)
        );
        staking.resync(a);
        emit log_named_uint("messages from 100 resync calls", sent);
        emit log_named_uint("resync messages per sequencer per day (at most)", 1);
    }
}
