// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {BusMessage} from "../../src/bus/BusMessage.sol";
import {MessageInbox} from "../../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../../src/l1/GovernanceExecutor.sol";
import {TwoChains} from "../utils/TwoChains.t.sol";

/// @dev An L1 parameter owned by the governance executor; `set` fails while `frozen` (a transient
/// condition, e.g. a paused contract), which is how a governance message ends up `Failed`.
contract StaleGovKnob {
    address public owner;
    bool public frozen;
    uint256 public value;

    error NotOwner();
    error Frozen();

    constructor(address owner_) {
        owner = owner_;
    }

    function setFrozen(bool f) external {
        frozen = f;
    }

    function setOwner(address o) external {
        if (msg.sender != owner) revert NotOwner();
        owner = o;
    }

    function set(uint256 v) external {
        if (msg.sender != owner) revert NotOwner();
        if (frozen) revert Frozen();
        value = v;
    }
}

/// docs/MECHANISMS.md §5: stale governance coming back. A failed bus message used to be
/// retriable by anyone, forever, out of order; a redeployed inbox could replay history.
contract StaleGovernanceAttackTest is TwoChains {
    address attacker = makeAddr("attacker");
    StaleGovKnob knob;

    function setUp() public {
        _deployTwoChains();
        knob = new StaleGovKnob(address(executor));
        vm.recordLogs();
    }

    /// The L2 timelock sends `knob.set(v)` to the L1 executor; returns the message as the outbox
    /// emitted it (the same bytes a relayer or an attacker reads from the log).
    function _govSet(uint256 v) internal returns (BusMessage memory m) {
        vm.chainId(L2);
        vm.prank(timelock);
        l2Outbox.sendMessage(
            address(executor),
            abi.encodeCall(GovernanceExecutor.execute, (address(knob), 0, abi.encodeCall(StaleGovKnob.set, (v)))),
            300_000
        );
        BusMessage[] memory ms = _collect(l2Outbox);
        m = ms[ms.length - 1];
        vm.chainId(L1);
        _attest2(l1Inbox, m);
    }

    function _status(BusMessage memory m) internal view returns (MessageInbox.MessageStatus) {
        return l1Inbox.messageStatus(l1Inbox.hashMessage(m));
    }

    /// `set(5)` fails (the knob was frozen), governance later decides `set(7)`; the attacker retries
    /// the old `set(5)` to undo the newer decision.
    function test_attack_retryStaleSetAfterNewerSet_fails() public {
        knob.setFrozen(true);
        BusMessage memory old = _govSet(5);
        assertEq(uint8(_status(old)), uint8(MessageInbox.MessageStatus.Failed));
        knob.setFrozen(false);
        BusMessage memory newer = _govSet(7);
        assertEq(uint8(_status(newer)), uint8(MessageInbox.MessageStatus.Executed));
        assertEq(knob.value(), 7);

        vm.warp(block.timestamp + 10 days); // well inside the retry window
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(
                MessageInbox.RetryFailed.selector,
                l1Inbox.hashMessage(old),
                abi.encodeWithSelector(GovernanceExecutor.StaleAction.selector, old.nonce, newer.nonce + 1)
            )
        );
        l1Inbox.retry(old);
        assertEq(knob.value(), 7, "the newer decision stands");
        emit log_named_uint("knob value after the stale retry (governance last set 7)", knob.value());
    }

    /// With no newer decision, a failed action can be retried only inside its window; a year on it
    /// is dead.
    function test_attack_retryAfterExpiry_fails() public {
        knob.setFrozen(true);
        BusMessage memory old = _govSet(5);
        knob.setFrozen(false);
        uint256 deadline = l1Inbox.retryDeadline(l1Inbox.hashMessage(old));
        assertEq(deadline, block.timestamp + 30 days);
        vm.warp(block.timestamp + 365 days);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.MessageExpired.selector, l1Inbox.hashMessage(old), deadline));
        l1Inbox.retry(old);
        assertEq(knob.value(), 0);
        emit log_named_uint("knob value after retrying a year-old failed set(5)", knob.value());
    }

    /// Governance cancels a failed action it no longer wants; the attacker retries it anyway.
    function test_attack_retryCancelledMessage_fails() public {
        knob.setFrozen(true);
        BusMessage memory old = _govSet(5);
        knob.setFrozen(false);
        bytes32 h = l1Inbox.hashMessage(old);
        // The inbox is owned by the executor: cancelling is a governance action itself.
        _govCancel(h);
        assertEq(uint8(_status(old)), uint8(MessageInbox.MessageStatus.Cancelled));
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotFailed.selector, h));
        l1Inbox.retry(old);
        assertEq(knob.value(), 0);
        emit log_named_uint("knob value after retrying a cancelled set(5)", knob.value());
    }

    function _govCancel(bytes32 h) internal {
        vm.chainId(L2);
        vm.prank(timelock);
        l2Outbox.sendMessage(
            address(executor),
            abi.encodeCall(GovernanceExecutor.execute, (address(l1Inbox), 0, abi.encodeCall(MessageInbox.cancel, (h)))),
            300_000
        );
        BusMessage[] memory ms = _collect(l2Outbox);
        vm.chainId(L1);
        _attest2(l1Inbox, ms[ms.length - 1]);
        assertEq(uint8(_status(ms[ms.length - 1])), uint8(MessageInbox.MessageStatus.Executed));
    }

    /// The L1 inbox is replaced (a new committee contract); the attacker (or a relayer replaying old
    /// logs) feeds the history of the old inbox to the new one, to run `set(5)` again after `set(7)`.
    function test_attack_replayHistoryOnRedeployedInbox_fails() public {
        BusMessage memory set5 = _govSet(5);
        BusMessage memory set7 = _govSet(7);
        assertEq(knob.value(), 7);

        // Careless migration: the new inbox even starts at nonce 0, the committee is the same, and a
        // new executor owns the knob.
        vm.chainId(L1);
        MessageInbox inbox2 = new MessageInbox(L2, address(l2Outbox), address(this), committee, 2, 0);
        GovernanceExecutor executor2 = new GovernanceExecutor(address(inbox2), timelock, address(0));
        vm.prank(address(executor));
        knob.setOwner(address(executor2));

        uint256 replayed;
        BusMessage[2] memory history = [set5, set7];
        for (uint256 i; i < 2; ++i) {
            for (uint256 k; k < 2; ++k) {
                vm.prank(committee[k]);
                try inbox2.attest(history[i]) {
                    ++replayed;
                } catch (bytes memory reason) {
                    assertEq(bytes4(reason), MessageInbox.WrongDomain.selector, "addressed to the old inbox");
                }
            }
        }
        assertEq(replayed, 0);
        assertEq(inbox2.nextNonce(), 0);
        assertEq(knob.value(), 7);
        emit log_named_uint("history messages accepted by the redeployed inbox", replayed);
    }
}
