// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";
import {FeeVault} from "../src/l2/FeeVault.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";
import {InstantBeacon} from "./utils/InstantBeacon.sol";

/// @dev The L2 half of rewards: the fee vault and the sequencer set's epoch reports.
contract FeeVaultTest is Test {
    L2Metis metis;
    FeeVault vault;
    SequencerSet set;
    MessageOutbox outbox;
    MockMessenger messenger;
    address l1Staking = makeAddr("l1Staking");
    address owner = makeAddr("owner");
    address distributor = makeAddr("l1Distributor");
    address payer = makeAddr("payer");

    bytes32 constant SENT = keccak256("MessageSent(uint256,address,address,uint256,uint256,address,uint256,bytes,bytes32)");

    function setUp() public {
        vm.chainId(31338);
        metis = new L2Metis(address(this));
        messenger = new MockMessenger();
        set = new SequencerSet(address(messenger), l1Staking, owner, 10);
        InstantBeacon beacon = new InstantBeacon(messenger);
        vm.prank(owner);
        set.setRandomnessBeacon(address(beacon), address(beacon));
        vault = new FeeVault(metis, address(set));
        outbox = new MessageOutbox(31337);
        outbox.setInbox(address(0x1B0C)); // (the L1 inbox; only its address is bound here)
        outbox.setSenderAllowed(address(set), true);
        metis.mint(payer, 1_000 ether);
        vm.prank(payer);
        metis.approve(address(vault), type(uint256).max);
        vm.roll(100);
        messenger.relay(address(set), l1Staking, abi.encodeCall(SequencerSet.syncSequencer, (7, address(0x57), 50_000 ether, 1, 1)));
    }

    function _configure() internal {
        vm.prank(owner);
        set.setRewardReporting(address(vault), address(outbox), distributor);
    }

    // ------------------------------------------------------------ vault

    function test_vault_constructorRejectsZero() public {
        vm.expectRevert(FeeVault.ZeroAddress.selector);
        new FeeVault(metis, address(0));
    }

    function test_vault_payFeeAndPlainTransfersCount() public {
        vm.expectRevert(FeeVault.ZeroAmount.selector);
        vm.prank(payer);
        vault.payFee(0);
        vm.expectEmit(address(vault));
        emit FeeVault.FeePaid(payer, 3 ether);
        vm.prank(payer);
        vault.payFee(3 ether);
        vm.prank(payer);
        assertTrue(metis.transfer(address(vault), 2 ether));
        assertEq(vault.pending(), 5 ether);
        assertEq(metis.balanceOf(payer), 995 ether);
    }

    function test_vault_releaseOnlyBySetAndOnce() public {
        vm.prank(payer);
        vault.payFee(4 ether);
        vm.expectRevert(abi.encodeWithSelector(FeeVault.NotSequencerSet.selector, address(this)));
        vault.release();
        vm.expectEmit(address(vault));
        emit FeeVault.FeesReleased(4 ether, 4 ether);
        vm.prank(address(set));
        assertEq(vault.release(), 4 ether);
        assertEq(vault.pending(), 0);
        assertEq(vault.totalReleased(), 4 ether);
        vm.prank(address(set));
        assertEq(vault.release(), 0, "released fees are not released again");
        vm.prank(payer);
        vault.payFee(1 ether);
        vm.prank(address(set));
        assertEq(vault.release(), 1 ether);
        assertEq(metis.balanceOf(address(vault)), 5 ether, "released fees stay locked (stand-in for the bridge)");
    }

    // ------------------------------------------------------------ sequencer set reports

    function test_setRewardReporting_onlyOwnerAllOrNothing() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setRewardReporting(address(vault), address(outbox), distributor);
        vm.startPrank(owner);
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        set.setRewardReporting(address(vault), address(0), distributor);
        vm.expectEmit(address(set));
        emit SequencerSet.RewardReportingUpdated(address(vault), address(outbox), distributor);
        set.setRewardReporting(address(vault), address(outbox), distributor);
        assertEq(address(set.feeVault()), address(vault));
        assertEq(address(set.reportOutbox()), address(outbox));
        assertEq(set.l1RewardsDistributor(), distributor);
        set.setRewardReporting(address(0), address(0), address(0)); // off
        vm.stopPrank();
        assertEq(set.l1RewardsDistributor(), address(0));
    }

    function test_rotate_withoutReportingSendsNothing() public {
        set.requestFirstBeacon();
        set.rotate();
        vm.roll(block.number + 10);
        set.rotate();
        assertEq(outbox.nextNonce(), 0);
    }

    function test_rotate_reportsEndedEpochWithReleasedFees() public {
        _configure();
        set.requestFirstBeacon();
        set.rotate(); // epoch 1 starts at block 100; nothing ended, nothing reported
        assertEq(outbox.nextNonce(), 0);
        vm.prank(payer);
        vault.payFee(12 ether);
        vm.roll(block.number + 13); // late by 3 blocks: epoch 1 covers 100..112, paid for its 10
        bytes memory data = abi.encodeCall(RewardsDistributor.applyEpochReport, (1, 7, 10, 12 ether));
        vm.expectEmit(address(set));
        emit SequencerSet.EpochReported(1, 7, 10, 12 ether, 0);
        vm.recordLogs();
        set.rotate();
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool found;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(outbox) || logs[i].topics[0] != SENT) continue;
            (,,, uint256 gasLimit, bytes memory sent,) =
                abi.decode(logs[i].data, (uint256, uint256, address, uint256, bytes, bytes32));
            assertEq(address(uint160(uint256(logs[i].topics[2]))), address(set), "sender");
            assertEq(address(uint160(uint256(logs[i].topics[3]))), distributor, "target");
            assertEq(gasLimit, set.REPORT_GAS_LIMIT());
            assertEq(sent, data);
            found = true;
        }
        assertTrue(found);
        assertEq(vault.pending(), 0);
        vm.roll(block.number + 10);
        vm.expectEmit(address(set));
        emit SequencerSet.EpochReported(2, 7, 10, 0, 1);
        set.rotate();
    }
}
