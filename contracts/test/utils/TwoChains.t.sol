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
        vm.prank(boot);
        set.setL1Staking(address(staking));
        // The bus allow-lists exactly the contracts that send (as the deploy does).
        l1Outbox.setInbox(address(l2Inbox));
        l1Outbox.setSenderAllowed(address(staking), true);
        l2Outbox.setInbox(address(l1Inbox));
        l2Outbox.setSenderAllowed(address(set), true);
        l2Outbox.setSenderAllowed(timelock, true);
    }

    /// @dev The MessageSent messages of `outbox` among the logs recorded since the last read.
    function _collect(MessageOutbox outbox) internal returns (BusMessage[] memory ms) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        ms = new BusMessage[](logs.length);
        uint256 n;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(outbox) || logs[i].topics[0] != SENT) continue;
            (uint256 src, uint256 dst, address inbox_, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, address, uint256, bytes, bytes32));
            ms[n++] = BusMessage({
                sourceChainId: src,
                targetChainId: dst,
                outbox: address(outbox),
                inbox: inbox_,
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
            (uint256 src, uint256 dst, address inbox_, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, address, uint256, bytes, bytes32));
            assertEq(src, srcChain);
            BusMessage memory m = BusMessage({
                sourceChainId: src,
                targetChainId: dst,
                outbox: address(outbox),
                inbox: inbox_,
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
}
