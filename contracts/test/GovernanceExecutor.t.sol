// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";

contract Counter {
    address public lastCaller;
    uint256 public value;

    error Nope();

    function set(uint256 v) external returns (uint256) {
        if (v == 666) revert Nope();
        lastCaller = msg.sender;
        value = v;
        return v * 2;
    }
}

contract GovernanceExecutorTest is Test {
    uint256 constant L2 = 31338;
    address l2Outbox = makeAddr("l2Outbox");
    address timelock = makeAddr("timelock");
    address boot = makeAddr("bootstrap");
    address m1 = makeAddr("m1");
    address m2 = makeAddr("m2");
    MessageInbox inbox;
    GovernanceExecutor exec;
    Counter counter;
    uint256 nonce;

    function setUp() public {
        vm.chainId(31337);
        address[] memory ms = new address[](3);
        ms[0] = m1;
        ms[1] = m2;
        ms[2] = makeAddr("m3");
        inbox = new MessageInbox(L2, l2Outbox, address(this), ms, 2, 0);
        exec = new GovernanceExecutor(address(inbox), timelock, boot);
        counter = new Counter();
    }

    function _relay(address l2Sender, bytes memory data) internal returns (bytes32 h) {
        BusMessage memory m = BusMessage({
            sourceChainId: L2,
            targetChainId: 31337,
            outbox: l2Outbox,
            inbox: address(inbox),
            nonce: nonce++,
            sender: l2Sender,
            target: address(exec),
            gasLimit: 500_000,
            data: data
        });
        h = inbox.hashMessage(m);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m2);
        inbox.attest(m);
    }

    function test_executesCallsFromL2Governance() public {
        bytes32 h = _relay(timelock, abi.encodeCall(GovernanceExecutor.execute, (address(counter), 0, abi.encodeCall(Counter.set, (5)))));
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Executed));
        assertEq(counter.value(), 5);
        assertEq(counter.lastCaller(), address(exec));
    }

    function test_ignoresOtherL2Senders() public {
        bytes32 h = _relay(makeAddr("attacker"), abi.encodeCall(GovernanceExecutor.execute, (address(counter), 0, abi.encodeCall(Counter.set, (5)))));
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(counter.value(), 0);
    }

    function test_recordsTheLastGovernanceNonceAndRefusesOlderRetries() public {
        bytes memory set666 = abi.encodeCall(GovernanceExecutor.execute, (address(counter), 0, abi.encodeCall(Counter.set, (666))));
        BusMessage memory failed = BusMessage(L2, 31337, l2Outbox, address(inbox), 0, timelock, address(exec), 500_000, set666);
        bytes32 hFailed = _relay(timelock, set666); // nonce 0: Counter reverts
        assertEq(uint8(inbox.messageStatus(hFailed)), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(exec.nextGovernanceNonce(), 0, "a failed action records nothing");
        _relay(makeAddr("other"), ""); // nonce 1 from another sender does not count
        assertEq(exec.nextGovernanceNonce(), 0);
        _relay(timelock, abi.encodeCall(GovernanceExecutor.execute, (address(counter), 0, abi.encodeCall(Counter.set, (7)))));
        assertEq(exec.nextGovernanceNonce(), 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                MessageInbox.RetryFailed.selector, hFailed, abi.encodeWithSelector(GovernanceExecutor.StaleAction.selector, 0, 3)
            )
        );
        inbox.retry(failed);
        assertEq(counter.value(), 7);
    }

    function test_rejectsDirectCallers() public {
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, address(this)));
        exec.execute(address(counter), 0, abi.encodeCall(Counter.set, (1)));
        vm.prank(timelock); // the L2 address has no power when calling on L1 directly
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, timelock));
        exec.execute(address(counter), 0, abi.encodeCall(Counter.set, (1)));
    }

    function test_bootstrapActsUntilRenounced() public {
        GovernanceExecutor.Call[] memory calls = new GovernanceExecutor.Call[](2);
        calls[0] = GovernanceExecutor.Call(address(counter), 0, abi.encodeCall(Counter.set, (1)));
        calls[1] = GovernanceExecutor.Call(address(counter), 0, abi.encodeCall(Counter.set, (2)));
        vm.prank(boot);
        exec.executeBatch(calls);
        assertEq(counter.value(), 2);

        vm.prank(boot);
        exec.renounceBootstrap();
        assertEq(exec.bootstrap(), address(0));
        vm.prank(boot);
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, boot));
        exec.execute(address(counter), 0, abi.encodeCall(Counter.set, (3)));
        vm.prank(boot);
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, boot));
        exec.setGovernance(boot);
        vm.prank(address(0));
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, address(0)));
        exec.execute(address(counter), 0, abi.encodeCall(Counter.set, (3)));
    }

    function test_failingCallRevertsWithReason() public {
        vm.prank(boot);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernanceExecutor.CallFailed.selector, address(counter), abi.encodeWithSelector(Counter.Nope.selector)
            )
        );
        exec.execute(address(counter), 0, abi.encodeCall(Counter.set, (666)));
    }

    function test_governanceCanBeRewiredByBootstrapOrItself() public {
        address newGov = makeAddr("newGov");
        vm.prank(boot);
        exec.setGovernance(newGov);
        assertEq(exec.governance(), newGov);
        _relay(newGov, abi.encodeCall(GovernanceExecutor.execute, (address(exec), 0, abi.encodeCall(GovernanceExecutor.setGovernance, (timelock)))));
        assertEq(exec.governance(), timelock);
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, address(this)));
        exec.setGovernance(address(this));
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.Unauthorized.selector, address(this)));
        exec.renounceBootstrap();
    }

    function test_executorOwnsTheInboxCommittee() public {
        MessageInbox owned;
        address[] memory ms = new address[](1);
        ms[0] = m1;
        owned = new MessageInbox(L2, l2Outbox, address(exec), ms, 1, 0);
        address[] memory next = new address[](1);
        next[0] = m2;
        vm.prank(boot);
        exec.execute(address(owned), 0, abi.encodeCall(MessageInbox.setCommittee, (next, 1)));
        assertTrue(owned.isMember(m2));
    }

    function test_constructorRejectsZeroInbox() public {
        vm.expectRevert(GovernanceExecutor.ZeroInbox.selector);
        new GovernanceExecutor(address(0), timelock, boot);
    }
}
