// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {BusMessage, BusMessageLib} from "../src/bus/BusMessage.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {BusTarget} from "./utils/BusTarget.sol";

contract MessageBusTest is Test {
    uint256 constant L1 = 31337;
    uint256 constant L2 = 31338;

    MessageOutbox outbox; // on L2
    MessageInbox inbox; // on L1
    BusTarget target;
    address owner = makeAddr("owner");
    address m1 = makeAddr("m1");
    address m2 = makeAddr("m2");
    address m3 = makeAddr("m3");
    address sender = makeAddr("sender");

    event MessageSent(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 sourceChainId,
        uint256 targetChainId,
        address inbox,
        uint256 gasLimit,
        bytes data,
        bytes32 messageHash
    );
    event MessageDelivered(uint256 indexed nonce, bytes32 indexed messageHash, address indexed target);

    function setUp() public {
        vm.chainId(L2);
        outbox = new MessageOutbox(L1);
        vm.chainId(L1);
        address[] memory ms = new address[](3);
        ms[0] = m1;
        ms[1] = m2;
        ms[2] = m3;
        inbox = new MessageInbox(L2, address(outbox), owner, ms, 2, 0);
        target = new BusTarget(address(inbox));
        outbox.setInbox(address(inbox));
        outbox.setSenderAllowed(sender, true);
    }

    function _msg(uint256 nonce, uint256 value) internal view returns (BusMessage memory) {
        return BusMessage({
            sourceChainId: L2,
            targetChainId: L1,
            outbox: address(outbox),
            inbox: address(inbox),
            nonce: nonce,
            sender: sender,
            target: address(target),
            gasLimit: 200_000,
            data: abi.encodeCall(BusTarget.record, (value))
        });
    }

    // ------------------------------------------------------------ outbox

    function test_outbox_emitsMessageWithHashAndIncrementsNonce() public {
        vm.chainId(L2);
        BusMessage memory m = _msg(0, 7);
        vm.expectEmit(address(outbox));
        emit MessageSent(0, sender, address(target), L2, L1, address(inbox), 200_000, m.data, BusMessageLib.hash(m));
        vm.prank(sender);
        assertEq(outbox.sendMessage(address(target), m.data, 200_000), 0);
        vm.prank(sender);
        assertEq(outbox.sendMessage(address(target), m.data, 200_000), 1);
        assertEq(outbox.nextNonce(), 2);
    }

    function test_outbox_rejectsBadInput() public {
        vm.startPrank(sender);
        vm.expectRevert(MessageOutbox.ZeroTarget.selector);
        outbox.sendMessage(address(0), "", 0);
        uint256 tooHigh = outbox.maxGasLimit() + 1;
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.GasLimitTooHigh.selector, tooHigh, tooHigh - 1));
        outbox.sendMessage(address(1), "", tooHigh);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.InvalidTargetChain.selector, block.chainid));
        new MessageOutbox(block.chainid);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.InvalidTargetChain.selector, 0));
        new MessageOutbox(0);
    }

    function testFuzz_outbox_gasLimitBound(uint256 gasLimit) public {
        uint256 cap = outbox.maxGasLimit();
        vm.prank(sender);
        if (gasLimit > cap) {
            vm.expectRevert(abi.encodeWithSelector(MessageOutbox.GasLimitTooHigh.selector, gasLimit, cap));
            outbox.sendMessage(address(1), "", gasLimit);
        } else {
            assertEq(outbox.sendMessage(address(1), "", gasLimit), 0);
        }
    }

    function test_outbox_onlyAllowListedSendersSend() public {
        address stranger = makeAddr("stranger");
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.SenderNotAllowed.selector, stranger));
        outbox.sendMessage(address(1), "", 0);
        vm.prank(stranger);
        vm.expectRevert();
        outbox.setSenderAllowed(stranger, true); // only the owner
        outbox.setSenderAllowed(stranger, true);
        vm.prank(stranger);
        assertEq(outbox.sendMessage(address(1), "", 0), 0);
        outbox.setSenderAllowed(stranger, false);
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.SenderNotAllowed.selector, stranger));
        outbox.sendMessage(address(1), "", 0);
    }

    function test_outbox_gasCapIsAGovernanceParameter() public {
        vm.prank(sender);
        vm.expectRevert();
        outbox.setMaxGasLimit(1_000_000);
        outbox.setMaxGasLimit(300_000);
        vm.prank(sender);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.GasLimitTooHigh.selector, 300_001, 300_000));
        outbox.sendMessage(address(1), "", 300_001);
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.InvalidMaxGasLimit.selector, 0));
        outbox.setMaxGasLimit(0);
        uint256 above = outbox.MAX_GAS_LIMIT() + 1;
        vm.expectRevert(abi.encodeWithSelector(MessageOutbox.InvalidMaxGasLimit.selector, above));
        outbox.setMaxGasLimit(above);
    }

    function test_outbox_refusesToSendWithoutInbox() public {
        vm.chainId(L2);
        MessageOutbox fresh = new MessageOutbox(L1);
        fresh.setSenderAllowed(sender, true);
        vm.prank(sender);
        vm.expectRevert(MessageOutbox.InboxNotSet.selector);
        fresh.sendMessage(address(1), "", 0);
    }

    // ------------------------------------------------------------ inbox: happy path

    function test_inbox_executesOnThresholdAttestationWithOriginalSender() public {
        BusMessage memory m = _msg(0, 42);
        vm.prank(m1);
        inbox.attest(m);
        assertEq(target.calls(), 0, "below threshold");
        assertEq(inbox.attestationCount(inbox.hashMessage(m)), 1);

        vm.expectEmit(address(inbox));
        emit MessageDelivered(0, BusMessageLib.hash(m), address(target));
        vm.prank(m2);
        inbox.attest(m);
        assertEq(target.calls(), 1);
        assertEq(target.lastSender(), sender);
        assertEq(inbox.nextNonce(), 1);
        assertEq(uint8(inbox.messageStatus(BusMessageLib.hash(m))), uint8(MessageInbox.MessageStatus.Executed));

        // The third member's late attestation cannot execute it again.
        vm.prank(m3);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NonceAlreadyProcessed.selector, 0, 1));
        inbox.attest(m);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotNextNonce.selector, 0, 1));
        inbox.deliver(m);
        assertEq(target.timesSeen(42), 1);
    }

    function test_inbox_xDomainMessageSenderOutsideExecutionReverts() public {
        vm.expectRevert(MessageInbox.NoMessageExecuting.selector);
        inbox.xDomainMessageSender();
    }

    function test_inbox_strictNonceOrder() public {
        BusMessage memory m0 = _msg(0, 100);
        BusMessage memory m1_ = _msg(1, 101);
        vm.prank(m1);
        inbox.attest(m1_);
        vm.prank(m2);
        inbox.attest(m1_); // threshold reached but nonce 0 is pending: no execution
        assertEq(target.calls(), 0);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotNextNonce.selector, 1, 0));
        inbox.deliver(m1_);

        vm.prank(m3);
        inbox.attest(m0);
        vm.prank(m1);
        inbox.attest(m0); // executes nonce 0
        inbox.deliver(m1_); // anyone delivers nonce 1 now
        assertEq(target.orderLength(), 2);
        assertEq(target.order(0), 100);
        assertEq(target.order(1), 101);
    }

    function test_inbox_deliverBelowThresholdReverts() public {
        BusMessage memory m = _msg(0, 1);
        vm.prank(m1);
        inbox.attest(m);
        bytes32 h = BusMessageLib.hash(m);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.BelowThreshold.selector, h, 1, 2));
        inbox.deliver(m);
    }

    function test_inbox_rejectsNonMemberAndDoubleAttestation() public {
        BusMessage memory m = _msg(0, 1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotCommitteeMember.selector, address(this)));
        inbox.attest(m);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.AlreadyAttested.selector, BusMessageLib.hash(m), m1));
        inbox.attest(m);
    }

    function test_inbox_neverExecutesOnWrongDomain() public {
        BusMessage memory m = _msg(0, 1);
        m.targetChainId = 1;
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L2, address(outbox), 1));
        inbox.attest(m);

        m = _msg(0, 1);
        m.sourceChainId = 5;
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, 5, address(outbox), L1));
        inbox.deliver(m);

        m = _msg(0, 1);
        m.outbox = address(0xBEEF);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L2, address(0xBEEF), L1));
        inbox.attest(m);

        // A correctly attested message cannot execute once the chain is different (e.g. a fork).
        m = _msg(0, 1);
        vm.prank(m1);
        inbox.attest(m);
        vm.chainId(1);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L2, address(outbox), L1));
        inbox.attest(m);
    }

    function testFuzz_inbox_wrongDomainAlwaysRejected(uint256 src, address ob, uint256 dst) public {
        vm.assume(src != L2 || ob != address(outbox) || dst != L1);
        BusMessage memory m = _msg(0, 1);
        (m.sourceChainId, m.outbox, m.targetChainId) = (src, ob, dst);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, src, ob, dst));
        inbox.attest(m);
    }

    function testFuzz_inbox_tamperedFieldNeedsItsOwnAttestations(uint256 value) public {
        vm.assume(value != 1);
        BusMessage memory m = _msg(0, 1);
        vm.prank(m1);
        inbox.attest(m);
        BusMessage memory forged = _msg(0, value);
        vm.prank(m2);
        inbox.attest(forged); // one attestation on a different hash: nothing executes
        assertEq(target.calls(), 0);
        assertEq(inbox.nextNonce(), 0);
    }

    // ------------------------------------------------------------ failures and gas

    function test_inbox_failedTargetIsRecordedAndRetriable() public {
        target.setFailing(true);
        BusMessage memory m = _msg(0, 9);
        bytes32 h = BusMessageLib.hash(m);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m2);
        inbox.attest(m);
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(inbox.nextNonce(), 1, "nonce consumed, not skipped silently");

        vm.expectRevert(
            abi.encodeWithSelector(
                MessageInbox.RetryFailed.selector, h, abi.encodeWithSelector(BusTarget.Failing.selector)
            )
        );
        inbox.retry(m);

        target.setFailing(false);
        inbox.retry(m);
        assertEq(target.timesSeen(9), 1);
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Executed));
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotFailed.selector, h));
        inbox.retry(m);
    }

    function _fail(uint256 nonce, uint256 value) internal returns (BusMessage memory m, bytes32 h) {
        target.setFailing(true);
        m = _msg(nonce, value);
        h = BusMessageLib.hash(m);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m2);
        inbox.attest(m);
        target.setFailing(false);
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Failed));
    }

    function test_inbox_failedMessageExpires() public {
        (BusMessage memory m, bytes32 h) = _fail(0, 9);
        uint256 deadline = block.timestamp + inbox.DEFAULT_RETRY_WINDOW();
        assertEq(inbox.retryDeadline(h), deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.MessageExpired.selector, h, deadline));
        inbox.retry(m);
        assertEq(target.timesSeen(9), 0);
    }

    function test_inbox_retryWindowIsAGovernanceParameter() public {
        vm.expectRevert();
        inbox.setRetryWindow(1 hours);
        vm.startPrank(owner);
        inbox.setRetryWindow(1 hours);
        uint256 max = inbox.MAX_RETRY_WINDOW();
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.InvalidRetryWindow.selector, 0));
        inbox.setRetryWindow(0);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.InvalidRetryWindow.selector, max + 1));
        inbox.setRetryWindow(max + 1);
        vm.stopPrank();
        (BusMessage memory m, bytes32 h) = _fail(0, 9);
        assertEq(inbox.retryDeadline(h), block.timestamp + 1 hours);
        vm.warp(block.timestamp + 1 hours);
        inbox.retry(m); // the last second of the window still retries
        assertEq(target.timesSeen(9), 1);
    }

    function test_inbox_governanceCancelsAFailedMessage() public {
        (BusMessage memory m, bytes32 h) = _fail(0, 9);
        vm.expectRevert();
        inbox.cancel(h); // only the owner
        vm.prank(owner);
        inbox.cancel(h);
        assertEq(uint8(inbox.messageStatus(h)), uint8(MessageInbox.MessageStatus.Cancelled));
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotFailed.selector, h));
        inbox.retry(m);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotFailed.selector, h));
        inbox.cancel(h); // nor twice
        assertEq(target.timesSeen(9), 0);
    }

    function test_inbox_exposesTheExecutingNonce() public {
        vm.expectRevert(MessageInbox.NoMessageExecuting.selector);
        inbox.xDomainMessageNonce();
        BusMessage memory m = _msg(0, 1);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m2);
        inbox.attest(m);
        assertEq(target.lastNonce(), 0);
        m = _msg(1, 2);
        vm.prank(m1);
        inbox.attest(m);
        vm.prank(m2);
        inbox.attest(m);
        assertEq(target.lastNonce(), 1);
    }

    function test_inbox_refusesMessagesAddressedToAnotherInbox() public {
        BusMessage memory m = _msg(0, 1);
        m.inbox = address(0xDEAD);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L2, address(outbox), L1));
        inbox.attest(m);
    }

    function test_inbox_startsAtItsFirstNonce() public {
        address[] memory ms = new address[](1);
        ms[0] = m1;
        MessageInbox later = new MessageInbox(L2, address(outbox), owner, ms, 1, 7);
        assertEq(later.nextNonce(), 7);
    }

    function test_inbox_retryOfUnknownMessageReverts() public {
        BusMessage memory m = _msg(0, 9);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.NotFailed.selector, BusMessageLib.hash(m)));
        inbox.retry(m);
    }

    function test_inbox_underGassedDeliveryCannotForceFailure() public {
        BusMessage memory m = _msg(0, 5);
        m.data = abi.encodeCall(BusTarget.burnGas, (20));
        m.gasLimit = 1_000_000;
        vm.prank(m1);
        inbox.attest(m);
        // The threshold attestation with too little gas reverts instead of recording a failure.
        vm.prank(m2);
        vm.expectRevert();
        inbox.attest{gas: 400_000}(m);
        assertEq(inbox.nextNonce(), 0);
        assertEq(inbox.attestationCount(BusMessageLib.hash(m)), 1);
        vm.prank(m2);
        inbox.attest(m);
        assertEq(target.calls(), 1);
        assertEq(inbox.nextNonce(), 1);

        // With enough gas, the threshold attestation of the next nonce executes it.
        BusMessage memory m1_ = _msg(1, 6);
        m1_.gasLimit = 1_000_000;
        m1_.data = abi.encodeCall(BusTarget.burnGas, (20));
        vm.prank(m1);
        inbox.attest(m1_);
        vm.prank(m3);
        inbox.attest{gas: 2_000_000}(m1_);
        assertEq(target.calls(), 2);
    }

    function test_inbox_underGassedDeliverReverts() public {
        BusMessage memory m0 = _msg(0, 1);
        BusMessage memory m1_ = _msg(1, 2);
        m1_.gasLimit = 1_000_000;
        vm.prank(m1);
        inbox.attest(m1_);
        vm.prank(m2);
        inbox.attest(m1_); // before its turn: recorded, not executed
        vm.prank(m1);
        inbox.attest(m0);
        vm.prank(m2);
        inbox.attest(m0);
        vm.expectRevert();
        inbox.deliver{gas: 500_000}(m1_);
        assertEq(inbox.nextNonce(), 1);
        inbox.deliver(m1_);
        assertEq(inbox.nextNonce(), 2);
        assertEq(target.timesSeen(2), 1);
    }

    // ------------------------------------------------------------ committee

    function test_committee_onlyOwnerAndRemovedMembersStopCounting() public {
        BusMessage memory m = _msg(0, 3);
        vm.prank(m1);
        inbox.attest(m);

        address[] memory ms = new address[](3);
        ms[0] = m2;
        ms[1] = m3;
        ms[2] = makeAddr("m4");
        vm.expectRevert();
        inbox.setCommittee(ms, 2);
        vm.prank(owner);
        inbox.setCommittee(ms, 2);
        assertFalse(inbox.isMember(m1));
        assertEq(inbox.members().length, 3);

        bytes32 h = BusMessageLib.hash(m);
        assertEq(inbox.attestationCount(h), 0, "m1's attestation no longer counts");
        vm.prank(m2);
        inbox.attest(m);
        assertEq(target.calls(), 0);
        vm.prank(m3);
        inbox.attest(m);
        assertEq(target.calls(), 1);
    }

    function test_committee_validation() public {
        vm.startPrank(owner);
        address[] memory none = new address[](0);
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(none, 0);

        address[] memory ms = new address[](4);
        ms[0] = m1;
        ms[1] = m2;
        ms[2] = m3;
        ms[3] = makeAddr("m4");
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(ms, 2); // not a strict majority
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(ms, 5); // above size
        ms[3] = m1;
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(ms, 3); // duplicate
        ms[3] = address(0);
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(ms, 3); // zero
        ms = new address[](33);
        for (uint256 i; i < 33; ++i) {
            ms[i] = address(uint160(100 + i));
        }
        vm.expectRevert(MessageInbox.InvalidCommittee.selector);
        inbox.setCommittee(ms, 20);
        vm.stopPrank();
    }

    function testFuzz_committee_thresholdBounds(uint8 size, uint8 thr) public {
        size = uint8(bound(size, 1, 32));
        address[] memory ms = new address[](size);
        for (uint256 i; i < size; ++i) {
            ms[i] = address(uint160(1000 + i));
        }
        vm.prank(owner);
        if (thr == 0 || thr > size || uint256(thr) * 2 <= size) {
            vm.expectRevert(MessageInbox.InvalidCommittee.selector);
            inbox.setCommittee(ms, thr);
        } else {
            inbox.setCommittee(ms, thr);
            assertEq(inbox.threshold(), thr);
        }
    }

    function test_inbox_constructorRejectsBadRoute() public {
        address[] memory ms = new address[](1);
        ms[0] = m1;
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L1, address(outbox), L1));
        new MessageInbox(L1, address(outbox), owner, ms, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.WrongDomain.selector, L2, address(0), L1));
        new MessageInbox(L2, address(0), owner, ms, 1, 0);
    }
}
