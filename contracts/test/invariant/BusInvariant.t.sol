// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {BusMessage, BusMessageLib} from "../../src/bus/BusMessage.sol";
import {MessageInbox} from "../../src/bus/MessageInbox.sol";
import {BusTarget} from "../utils/BusTarget.sol";

/// @dev Random attestations (by members, ex-members and strangers, of genuine and forged messages),
/// deliveries, retries, target failures and committee changes. Genuine message `n` carries value
/// `n`; forged variants carry `FORGED + n` and are attested by at most one current member.
contract BusHandler is Test {
    uint256 public constant N_MESSAGES = 24;
    uint256 public constant FORGED = 1_000;
    uint256 constant SRC = 31338;

    MessageInbox public inbox;
    BusTarget public target;
    address public outbox;
    address public owner;
    address[] public pool; // possible members
    mapping(bytes32 messageHash => bool) public forgedAttested;
    uint256 public belowThresholdExecutions;
    /// @dev Retries that executed a message that was cancelled or past its retry deadline.
    uint256 public lateExecutions;
    uint256 public cancels;

    constructor(MessageInbox inbox_, BusTarget target_, address outbox_, address[] memory pool_) {
        inbox = inbox_;
        target = target_;
        outbox = outbox_;
        owner = msg.sender;
        pool = pool_;
    }

    function message(uint256 nonce, bool forged) public view returns (BusMessage memory) {
        return BusMessage({
            sourceChainId: SRC,
            targetChainId: block.chainid,
            outbox: outbox,
            inbox: address(inbox),
            nonce: nonce,
            sender: address(0xCAFE),
            target: address(target),
            gasLimit: 200_000,
            data: abi.encodeCall(BusTarget.record, (forged ? FORGED + nonce : nonce))
        });
    }

    /// @dev Every genuine message executed since `callsBefore` must have threshold attestations of
    /// the current committee (the committee cannot change inside the call); no forged one may run.
    function _checkAfter(uint256 callsBefore) internal {
        uint256 n = target.orderLength();
        for (uint256 i = callsBefore; i < n; ++i) {
            uint256 v = target.order(i);
            if (v >= FORGED) {
                ++belowThresholdExecutions;
                continue;
            }
            if (inbox.attestationCount(BusMessageLib.hash(message(v, false))) < inbox.threshold()) {
                ++belowThresholdExecutions;
            }
        }
    }

    function attest(uint256 who, uint256 nonceSeed) external {
        address member = pool[who % pool.length];
        uint256 next = inbox.nextNonce();
        uint256 nonce = next + nonceSeed % 3; // mostly the next few
        if (nonce >= N_MESSAGES) return;
        uint256 before = target.orderLength();
        vm.prank(member);
        try inbox.attest(message(nonce, false)) {} catch {}
        _checkAfter(before);
    }

    function attestForged(uint256 who, uint256 nonceSeed) external {
        uint256 nonce = inbox.nextNonce() + nonceSeed % 2;
        if (nonce >= N_MESSAGES) return;
        BusMessage memory m = message(nonce, true);
        bytes32 h = BusMessageLib.hash(m);
        if (forgedAttested[h]) return; // a single rogue member, ever
        forgedAttested[h] = true;
        address member = pool[who % pool.length];
        uint256 before = target.orderLength();
        vm.prank(member);
        try inbox.attest(m) {} catch {}
        _checkAfter(before);
    }

    function deliver(uint256 nonceSeed) external {
        uint256 nonce = inbox.nextNonce() + nonceSeed % 2;
        if (nonce >= N_MESSAGES) return;
        uint256 before = target.orderLength();
        try inbox.deliver(message(nonce, nonceSeed % 5 == 0)) {} catch {}
        _checkAfter(before);
    }

    function retry(uint256 nonceSeed) external {
        uint256 next = inbox.nextNonce();
        if (next == 0) return;
        uint256 nonce = nonceSeed % next;
        bytes32 h = BusMessageLib.hash(message(nonce, false));
        MessageInbox.MessageStatus st = inbox.messageStatus(h);
        bool dead = st == MessageInbox.MessageStatus.Cancelled
            || (st == MessageInbox.MessageStatus.Failed && block.timestamp > inbox.retryDeadline(h));
        uint256 seen = target.timesSeen(nonce);
        try inbox.retry(message(nonce, false)) {} catch {}
        if (dead && target.timesSeen(nonce) != seen) ++lateExecutions;
    }

    /// Governance cancels a failed message.
    function cancel(uint256 nonceSeed) external {
        uint256 next = inbox.nextNonce();
        if (next == 0) return;
        bytes32 h = BusMessageLib.hash(message(nonceSeed % next, false));
        vm.prank(owner);
        try inbox.cancel(h) {
            ++cancels;
        } catch {}
    }

    /// Time passes (the retry window is one hour).
    function warp(uint256 secondsSeed) external {
        vm.warp(block.timestamp + secondsSeed % 2 hours);
    }

    function setFailing(bool failing) external {
        target.setFailing(failing);
    }

    function rotateCommittee(uint256 seed) external {
        // a random 3-of-pool committee with threshold 2
        address[] memory ms = new address[](3);
        uint256 start = seed % pool.length;
        for (uint256 i; i < 3; ++i) {
            ms[i] = pool[(start + i) % pool.length];
        }
        vm.prank(owner);
        inbox.setCommittee(ms, 2);
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 96
/// forge-config: deep.invariant.runs = 1000
/// forge-config: deep.invariant.depth = 96
contract BusInvariantTest is StdInvariant, Test {
    MessageInbox inbox;
    BusTarget target;
    BusHandler handler;

    function setUp() public {
        vm.chainId(31337);
        address[] memory pool = new address[](5);
        for (uint256 i; i < 5; ++i) {
            pool[i] = address(uint160(0xC0 + i));
        }
        address[] memory ms = new address[](3);
        (ms[0], ms[1], ms[2]) = (pool[0], pool[1], pool[2]);
        address outbox = address(0x0B0C);
        inbox = new MessageInbox(31338, outbox, address(this), ms, 2, 0);
        inbox.setRetryWindow(1 hours);
        target = new BusTarget(address(inbox));
        handler = new BusHandler(inbox, target, outbox, pool);
        // The handler pranks its deployer (this contract, the inbox owner) for committee rotations.
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](9);
        selectors[0] = BusHandler.attest.selector;
        selectors[1] = BusHandler.attest.selector;
        selectors[2] = BusHandler.attestForged.selector;
        selectors[3] = BusHandler.deliver.selector;
        selectors[4] = BusHandler.retry.selector;
        selectors[5] = BusHandler.setFailing.selector;
        selectors[6] = BusHandler.rotateCommittee.selector;
        selectors[7] = BusHandler.cancel.selector;
        selectors[8] = BusHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The handler's actions really deliver (guards against a campaign of silent no-ops).
    function test_handlerDeliversMessages() public {
        handler.rotateCommittee(2);
        handler.attest(2, 0);
        handler.attest(3, 0);
        assertEq(inbox.nextNonce(), 1);
    }

    function invariant_noMessageExecutesTwice() public view {
        uint256 n = handler.N_MESSAGES();
        for (uint256 v; v < n; ++v) {
            assertLe(target.timesSeen(v), 1);
        }
    }

    function invariant_noMessageExecutesBelowThreshold() public view {
        assertEq(handler.belowThresholdExecutions(), 0);
        uint256 n = handler.N_MESSAGES();
        for (uint256 v; v < n; ++v) {
            assertEq(target.timesSeen(handler.FORGED() + v), 0, "forged message executed");
        }
    }

    /// An expired or cancelled message never executes (docs/MECHANISMS.md §5).
    function invariant_expiredOrCancelledNeverExecutes() public view {
        assertEq(handler.lateExecutions(), 0, "executed after its expiry or cancellation");
        uint256 next = inbox.nextNonce();
        for (uint256 v; v < next; ++v) {
            if (inbox.messageStatus(BusMessageLib.hash(handler.message(v, false))) == MessageInbox.MessageStatus.Cancelled) {
                assertEq(target.timesSeen(v), 0, "a cancelled message executed");
            }
        }
    }

    function invariant_everyConsumedNonceIsExecutedOrFailedNeverSkipped() public view {
        uint256 next = inbox.nextNonce();
        for (uint256 v; v < next; ++v) {
            MessageInbox.MessageStatus st = inbox.messageStatus(BusMessageLib.hash(handler.message(v, false)));
            assertTrue(st != MessageInbox.MessageStatus.None, "nonce consumed without a record");
            if (st == MessageInbox.MessageStatus.Executed) assertEq(target.timesSeen(v), 1);
            else assertEq(target.timesSeen(v), 0);
        }
        for (uint256 v = next; v < handler.N_MESSAGES(); ++v) {
            assertEq(target.timesSeen(v), 0, "executed ahead of its turn");
        }
    }
}
