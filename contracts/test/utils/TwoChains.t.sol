// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {MetisToken} from "../../src/l1/MetisToken.sol";
import {BusMessage} from "../../src/bus/BusMessage.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";
import {SequencerSet} from "../../src/l2/SequencerSet.sol";
import {RandomnessBeacon} from "../../src/l1/RandomnessBeacon.sol";

/// @dev Both chains in one EVM (switching chain ids): METIS, staking and the executor on L1, the sequencer
/// set on L2, the bus between them with a 2-of-3 committee, and helpers to relay what the outboxes sent.
abstract contract TwoChains is Test {
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
    RandomnessBeacon beacon;
    address[] committee;
    address timelock = makeAddr("l2Timelock");
    address boot = makeAddr("bootstrap");
    address treasury = makeAddr("treasury");

    bytes32 constant SENT = keccak256("MessageSent(uint256,address,address,uint256,uint256,address,uint256,bytes,bytes32)");

    /// @dev Deploys the bus, the executor (governance = `timelock`, bootstrap = `boot`), METIS, staking and the
    /// sequencer set, wired to each other. Leaves the chain id at L1.
    function _deployTwoChains() internal {
        committee.push(makeAddr("m1"));
        committee.push(makeAddr("m2"));
        committee.push(makeAddr("m3"));

        vm.chainId(L2);
        l2Outbox = new MessageOutbox(L1);
        vm.chainId(L1);
        l1Outbox = new MessageOutbox(L2);
        address predictedExecutor = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        l1Inbox = new MessageInbox(L2, address(l2Outbox), predictedExecutor, committee, 2, 0);
        executor = new GovernanceExecutor(address(l1Inbox), timelock, boot);
        assertEq(address(executor), predictedExecutor);
        metis = new MetisToken(address(this));

        vm.chainId(L2);
        l2Inbox = new MessageInbox(L1, address(l1Outbox), boot, committee, 2, 0);
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
        beacon = new RandomnessBeacon(address(l1Inbox), address(l1Outbox), address(set));
        vm.chainId(L2);
        vm.startPrank(boot);
        set.setL1Staking(address(staking));
        set.setRandomnessBeacon(address(l2Outbox), address(beacon));
        vm.stopPrank();
        // The bus allow-lists exactly the contracts that send (as the deploy does).
        l1Outbox.setInbox(address(l2Inbox));
        l1Outbox.setSenderAllowed(address(staking), true);
        l1Outbox.setSenderAllowed(address(beacon), true);
        l2Outbox.setInbox(address(l1Inbox));
        l2Outbox.setSenderAllowed(address(set), true);
        l2Outbox.setSenderAllowed(timelock, true);
        vm.chainId(L1);
    }

    /// @dev Rotates the L2 set (the first time: requests the first beacon). When the awaited beacon has
    /// not arrived, first carries what the L2 outbox sent to L1 (the beacon request among it) and what
    /// the L1 outbox sent back (the beacon). Leaves the chain id at L2.
    function _rotate() internal returns (uint256 n, uint256 id) {
        vm.chainId(L2);
        uint256 next = set.currentEpochNumber() + 1;
        if (next == 1 && !set.beaconOf(1).requested) set.requestFirstBeacon();
        if (!set.beaconOf(next).received) {
            _relay(l2Outbox, l1Inbox, L2, L1);
            _relay(l1Outbox, l2Inbox, L1, L2);
            vm.chainId(L2);
        }
        return set.rotate();
    }

    /// @dev Messages sent by any outbox and not yet taken by `_collect` or `_relay` (recorded logs are
    /// read once: what one outbox's helper reads for the other is kept here).
    BusMessage[] private _stash;

    /// @dev Moves the MessageSent logs recorded since the last read into `_stash`.
    function _stashRecorded() private {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics.length == 0 || logs[i].topics[0] != SENT) continue;
            (uint256 src, uint256 dst, address inbox_, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, address, uint256, bytes, bytes32));
            _stash.push(
                BusMessage({
                    sourceChainId: src,
                    targetChainId: dst,
                    outbox: logs[i].emitter,
                    inbox: inbox_,
                    nonce: uint256(logs[i].topics[1]),
                    sender: address(uint160(uint256(logs[i].topics[2]))),
                    target: address(uint160(uint256(logs[i].topics[3]))),
                    gasLimit: gasLimit,
                    data: data
                })
            );
        }
    }

    /// @dev The messages of `outbox` recorded and not yet taken, in order; they are taken.
    function _collect(MessageOutbox outbox) internal returns (BusMessage[] memory ms) {
        _stashRecorded();
        BusMessage[] memory all = _stash;
        delete _stash;
        ms = new BusMessage[](all.length);
        uint256 n;
        for (uint256 i; i < all.length; ++i) {
            if (all[i].outbox == address(outbox)) ms[n++] = all[i];
            else _stash.push(all[i]);
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

    /// @dev Relays every message of `outbox` recorded and not yet taken to the inbox (each must execute).
    function _relay(MessageOutbox outbox, MessageInbox inbox, uint256 srcChain, uint256 dstChain) internal {
        BusMessage[] memory ms = _collect(outbox);
        vm.chainId(dstChain);
        for (uint256 i; i < ms.length; ++i) {
            BusMessage memory m = ms[i];
            assertEq(m.sourceChainId, srcChain);
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
}
