// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {MetisToken} from "../src/l1/MetisToken.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {CommonsGovernor} from "../src/l2/governance/CommonsGovernor.sol";
import {EcoGovernor} from "../src/l2/governance/EcoGovernor.sol";
import {ManualRatificationGate} from "./utils/ManualRatificationGate.sol";
import {CommonsBase} from "./governance/CommonsBase.t.sol";

/// @dev A Commons proposal changes an L1 staking parameter: vote → ratification (a manual gate stands in for the
/// council) → queue in the L2 timelock → delay → execute: the timelock sends a bus message to the L1 governance
/// executor → the committee attests it on L1 → the executor (governance = the L2 timelock) calls staking. Both
/// chains in one EVM, switching chain ids, as test/Integration.t.sol.
contract GovernanceL1ActionTest is CommonsBase {
    uint256 constant L1 = 31337;
    uint256 constant L2 = 31338;
    uint256 constant DELAY = 2 days;
    bytes32 constant SENT = keccak256("MessageSent(uint256,address,address,uint256,uint256,uint256,bytes,bytes32)");

    TimelockController timelock;
    ManualRatificationGate gate;
    MessageOutbox l2Outbox;
    MessageInbox l1Inbox;
    GovernanceExecutor executor;
    SequencerStaking staking;
    address[] committee;
    address boot = makeAddr("bootstrap");
    address holder = makeAddr("holder");

    function _deployGovernor() internal override returns (CommonsGovernor) {
        vm.chainId(L2);
        gate = new ManualRatificationGate(address(this));
        address[] memory none = new address[](0);
        address[] memory everyone = new address[](1);
        timelock = new TimelockController(DELAY, none, everyone, address(this));
        EcoGovernor gov =
            new EcoGovernor(ve, timelock, gate, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 4, VOTE_EXTENSION, 3 days, 7 days);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gov));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gov));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        return gov;
    }

    function setUp() public override {
        super.setUp(); // L2: metis, veMETIS, governor + timelock, registry
        committee.push(makeAddr("m1"));
        committee.push(makeAddr("m2"));
        committee.push(makeAddr("m3"));
        l2Outbox = new MessageOutbox(L1);

        vm.chainId(L1);
        address predictedExecutor = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        l1Inbox = new MessageInbox(L2, address(l2Outbox), predictedExecutor, committee, 2);
        executor = new GovernanceExecutor(address(l1Inbox), address(0), boot);
        vm.prank(boot);
        executor.setGovernance(address(timelock)); // as the deploy wires it
        vm.prank(boot);
        executor.renounceBootstrap();
        staking = new SequencerStaking(
            new MetisToken(address(this)),
            new MessageOutbox(L2),
            address(executor),
            address(this),
            makeAddr("l2Set"),
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

        vm.chainId(L2);
        _lock(holder, 100_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    /// @dev Attests every MessageSent of the L2 outbox recorded since the last read on the L1 inbox.
    function _relayToL1() internal returns (uint256 relayed) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.chainId(L1);
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(l2Outbox) || logs[i].topics[0] != SENT) continue;
            (uint256 src, uint256 dst, uint256 gasLimit, bytes memory data,) =
                abi.decode(logs[i].data, (uint256, uint256, uint256, bytes, bytes32));
            BusMessage memory m = BusMessage({
                sourceChainId: src,
                targetChainId: dst,
                outbox: address(l2Outbox),
                nonce: uint256(logs[i].topics[1]),
                sender: address(uint160(uint256(logs[i].topics[2]))),
                target: address(uint160(uint256(logs[i].topics[3]))),
                gasLimit: gasLimit,
                data: data
            });
            assertEq(m.sender, address(timelock), "original L2 sender: the timelock");
            vm.prank(committee[0]);
            l1Inbox.attest(m);
            vm.prank(committee[1]);
            l1Inbox.attest(m);
            assertEq(uint8(l1Inbox.messageStatus(l1Inbox.hashMessage(m))), uint8(MessageInbox.MessageStatus.Executed));
            ++relayed;
        }
        vm.chainId(L2);
    }

    function test_commonsProposalChangesL1MinLockThroughTheBus() public {
        // The action the UI builds (lib/governance-actions.ts l1Call): the timelock sends the executor's call.
        bytes memory l1Call = abi.encodeCall(
            GovernanceExecutor.execute,
            (address(staking), 0, abi.encodeCall(SequencerStaking.setLockBounds, (25_000 ether, 100_000 ether)))
        );
        address[] memory t = new address[](1);
        uint256[] memory v = new uint256[](1);
        bytes[] memory c = new bytes[](1);
        t[0] = address(l2Outbox);
        c[0] = abi.encodeCall(MessageOutbox.sendMessage, (address(executor), l1Call, 500_000));
        string memory description = "# Raise minLock to 25,000 METIS";
        bytes32 dh = keccak256(bytes(description));

        vm.prank(holder);
        uint256 id = governor.propose(t, v, c, description);
        _toActive(id);
        vm.prank(holder);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        vm.expectRevert();
        governor.queue(t, v, c, dh); // not ratified yet
        gate.setRatificationStatus(id, 1);
        governor.queue(t, v, c, dh);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        vm.warp(block.timestamp + DELAY);
        vm.recordLogs();
        governor.execute(t, v, c, dh);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(l2Outbox.nextNonce(), 1);

        vm.chainId(L1);
        assertEq(staking.minLock(), 20_000 ether);
        vm.chainId(L2);
        assertEq(_relayToL1(), 1);
        vm.chainId(L1);
        assertEq(staking.minLock(), 25_000 ether, "minLock changed on L1");
        assertEq(staking.maxLock(), 100_000 ether);
    }

    /// Anyone else sending the same message through the outbox is refused by the executor (the message is
    /// consumed as Failed, the parameter unchanged).
    function test_messageFromAnotherL2SenderIsRefused() public {
        bytes memory l1Call = abi.encodeCall(
            GovernanceExecutor.execute,
            (address(staking), 0, abi.encodeCall(SequencerStaking.setLockBounds, (1 ether, 100_000 ether)))
        );
        vm.recordLogs();
        vm.prank(holder);
        l2Outbox.sendMessage(address(executor), l1Call, 500_000);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        (uint256 src, uint256 dst, uint256 gasLimit, bytes memory data,) =
            abi.decode(logs[0].data, (uint256, uint256, uint256, bytes, bytes32));
        BusMessage memory m = BusMessage(src, dst, address(l2Outbox), 0, holder, address(executor), gasLimit, data);
        vm.chainId(L1);
        vm.prank(committee[0]);
        l1Inbox.attest(m);
        vm.prank(committee[1]);
        l1Inbox.attest(m);
        assertEq(uint8(l1Inbox.messageStatus(l1Inbox.hashMessage(m))), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(staking.minLock(), 20_000 ether);
    }
}
