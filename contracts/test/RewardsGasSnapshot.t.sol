// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";
import {FeeVault} from "../src/l2/FeeVault.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {StakingFixture} from "./utils/StakingFixture.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";

/// @dev One call per test, from a prepared state, so that `.gas-snapshot` (`npm run
/// contracts:snapshot`) records the cost of each rewards entry point: each test's gas is that call
/// (cold, as a fresh transaction) plus a few hundred gas of test overhead.
contract RewardsGasSnapshotTest is StakingFixture {
    MockMessenger l1Inbox;
    RewardsDistributor dist;
    SequencerSet set;
    uint256 seqA;
    uint256 seqB;
    address holder = makeAddr("holder");
    uint256[] both;

    function setUp() public {
        _deployStaking();
        l1Inbox = new MockMessenger();
        uint256[10] memory ceilings;
        ceilings[0] = 800_000 ether;
        dist = new RewardsDistributor(metis, staking, address(l1Inbox), l2Set, address(this), block.timestamp, ceilings, 5 ether, 1);
        staking.setRewardDistributor(address(dist));
        metis.approve(address(dist), type(uint256).max);
        dist.fundMining(100_000 ether);
        dist.depositRevenue(10_000 ether);
        (seqA,) = _register("a", 50_000 ether, 1000);
        (seqB,) = _register("b", 50_000 ether, 500);
        _delegate(holder, seqA, 1_000 ether);
        _delegate(holder, seqB, 1_000 ether);
        _apply(1, seqA);
        _apply(2, seqB);
        both.push(seqA);
        both.push(seqB);

        // L2: a set with reporting, a rotation done, fees pending, the epoch over
        MockMessenger l2Inbox = new MockMessenger();
        address l1Staking = makeAddr("l1Staking");
        set = new SequencerSet(address(l2Inbox), l1Staking, address(this), 10);
        L2Metis l2Metis = new L2Metis(address(this));
        FeeVault vault = new FeeVault(l2Metis, address(set));
        MessageOutbox reportOutbox = new MessageOutbox(L2);
        reportOutbox.setInbox(address(0x1B0C));
        reportOutbox.setSenderAllowed(address(set), true);
        set.setRewardReporting(address(vault), address(reportOutbox), address(dist));
        address l1Beacon = makeAddr("l1Beacon");
        set.setRandomnessBeacon(address(reportOutbox), l1Beacon);
        for (uint256 i = 1; i <= 8; ++i) {
            l2Inbox.relay(address(set), l1Staking, abi.encodeCall(SequencerSet.syncSequencer, (i, address(uint160(0x9000 + i)), 20_000 ether, 1, 1)));
        }
        vm.roll(100);
        set.requestFirstBeacon();
        l2Inbox.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (1, 1, bytes32(uint256(7)))));
        set.rotate();
        l2Inbox.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (2, 2, bytes32(uint256(11)))));
        l2Metis.mint(address(vault), 3 ether);
        vm.roll(110);
    }

    function _apply(uint256 epoch, uint256 seq) internal {
        l1Inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (epoch, seq, 20, 1 ether)));
    }

    function test_snapshot_applyEpochReport() public {
        _apply(3, seqA);
    }

    function test_snapshot_rotateWithEpochReport() public {
        set.rotate();
    }

    function test_snapshot_claim() public {
        vm.prank(holder);
        staking.claim(seqA);
    }

    function test_snapshot_compound() public {
        vm.prank(holder);
        staking.compound(seqA);
    }

    function test_snapshot_claimAll_2() public {
        vm.prank(holder);
        staking.claimAll(both);
    }
}
