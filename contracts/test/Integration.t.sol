// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {MetisToken} from "../src/l1/MetisToken.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";

/// @dev Both chains in one EVM (switching chain ids): L1 staking → bus → L2 sequencer set, and L2
/// governance → bus → L1 executor → slash, relayed by a 2-of-3 committee.
contract IntegrationTest is Test {
    uint256 constant L1 = 31337;
    uint256 constant L2 = 31338;

    MetisToken metis;
    MessageOutbox l1Outbox;
    MessageOutbox l2Outbox;
    MessageInbox l1Inbox;
    MessageInbox l2Inbox;
    GovernanceExecutor executor;
    SequencerStaking staking;
    SequencerSet set;
    address[] committee;
    address timelock = makeAddr("l2Timelock");
    address boot = makeAddr("bootstrap");
    address treasury = makeAddr("treasury");

    bytes32 constant SENT = keccak256("MessageSent(uint256,address,address,uint256,uint256,uint256,bytes,bytes32)");

    function setUp() public {
        committee.push(makeAddr("m1"));
        committee.push(makeAddr("m2"));
        committee.push(makeAddr("m3"));

        vm.chainId(L2);
        l2Outbox = new MessageOutbox(L1);
        vm.chainId(L1);
        l1Outbox = new MessageOutbox(L2);
        address predictedExecutor = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        l1Inbox = new MessageInbox(L2, address(l2Outbox), predictedExecutor, committee, 2);
        executor = new GovernanceExecutor(address(l1Inbox), timelock, boot);
        assertEq(address(executor), predictedExecutor);
        metis = new MetisToken(address(this));

        vm.chainId(L2);
        l2Inbox = new MessageInbox(L1, address(l1Outbox), boot, committee, 2);
        set = new SequencerSet(address(l2Inbox), address(0), boot, 5);

        vm.chainId(L1);
        staking = new SequencerStaking(
            metis,
            l1Outbox,
            address(executor),
            treasury,
            address(set),
            SequencerStaking.InitParams({
                minLock: 20_000 ether,
                maxLock: 100_000 ether,
                maxSequencerStake: 1_000_000 ether,
                minPosition: 1 ether,
                exitDelay: 5 minutes,
                jailPeriod: 2 minutes,
                signerUpdateThrottle: 1 minutes,
                maxCommissionBps: 3000,
                delegationMultiplier: 10
            })
        );
        vm.prank(boot);
        set.setL1Staking(address(staking));
        vm.recordLogs();
    }

    /// @dev The MessageSent messages of `outbox` among the logs recorded since the last read.
    function _collect(MessageOutbox outbox) internal returns (BusMessage[] memory ms) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        ms = new BusMessage[](logs.length);
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(outbox) || logs[i].topics[0] != SENT) continue;
            (uint256 src, uint256 dst, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, uint256, bytes, bytes32));
            ms[n++] = BusMessage({
                sourceChainId: src,
                targetChainId: dst,
                outbox: address(outbox),
                nonce: uint256(logs[i].topics[1]),
                sender: address(uint160(uint256(logs[i].topics[2]))),
                target: address(uint160(uint256(logs[i].topics[3]))),
                gasLimit: gasLimit,
                data: data
            });
        }
        assembly {
            mstore(ms, n)
        }
    }

    function _attest2(MessageInbox inbox, BusMessage memory m) internal {
        vm.prank(committee[0]);
        inbox.attest(m);
        vm.prank(committee[1]);
        inbox.attest(m);
    }

    /// @dev Relays every MessageSent of `outbox` recorded since the last call to the inbox.
    function _relay(MessageOutbox outbox, MessageInbox inbox, uint256 srcChain, uint256 dstChain) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.chainId(dstChain);
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(outbox) || logs[i].topics[0] != SENT) continue;
            (uint256 src, uint256 dst, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, uint256, bytes, bytes32));
            assertEq(src, srcChain);
            BusMessage memory m = BusMessage({
                sourceChainId: src,
                targetChainId: dst,
                outbox: address(outbox),
                nonce: uint256(logs[i].topics[1]),
                sender: address(uint160(uint256(logs[i].topics[2]))),
                target: address(uint160(uint256(logs[i].topics[3]))),
                gasLimit: gasLimit,
                data: data
            });
            vm.prank(committee[0]);
            inbox.attest(m);
            vm.prank(committee[2]);
            inbox.attest(m);
            assertEq(uint8(inbox.messageStatus(inbox.hashMessage(m))), uint8(MessageInbox.MessageStatus.Executed));
        }
        vm.chainId(srcChain);
    }

    function _register(string memory name, uint256 amount) internal returns (uint256 id) {
        address op = makeAddr(name);
        vm.prank(boot);
        executor.execute(address(staking), 0, abi.encodeCall(SequencerStaking.setWhitelist, (op, true)));
        metis.transfer(op, amount);
        vm.startPrank(op);
        metis.approve(address(staking), amount);
        id = staking.register(makeAddr(string.concat(name, "-signer")), amount, 500, "");
        vm.stopPrank();
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
        set.rotate();

        // L2 governance slashes alpha through the bus and the L1 executor.
        vm.prank(timelock);
        l2Outbox.sendMessage(
            address(executor),
            abi.encodeCall(
                GovernanceExecutor.execute,
                (address(staking), 0, abi.encodeCall(SequencerStaking.slash, (a, 1000, "challenge #1 upheld")))
            ),
            1_000_000
        );
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
        assertEq(metis.balanceOf(treasury), 5_060 ether + 40 ether);

        _relay(l1Outbox, l2Inbox, L1, L2);
        vm.chainId(L2);
        assertEq(set.weightOf(a), 0, "jailed: never picked");
        assertEq(set.getSequencer(a).stake, 45_540 ether);
        for (uint256 i; i < 10; ++i) {
            vm.roll(block.number + 5);
            vm.prevrandao(bytes32(i));
            (, uint256 picked) = set.rotate();
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
