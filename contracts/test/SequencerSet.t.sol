// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";
import {InstantBeacon} from "./utils/InstantBeacon.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";

contract SequencerSetTest is Test {
    MockMessenger messenger;
    SequencerSet set;
    address l1Staking = makeAddr("l1Staking");
    address owner = makeAddr("owner");
    uint64 version;

    function setUp() public {
        messenger = new MockMessenger();
        set = new SequencerSet(address(messenger), l1Staking, owner, 10);
        InstantBeacon beacon = new InstantBeacon(messenger);
        vm.prank(owner);
        set.setRandomnessBeacon(address(beacon), address(beacon));
        vm.roll(100);
    }

    /// @dev Requests the first beacon (answered at once by the InstantBeacon) and starts epoch 1.
    function _start() internal returns (uint256 n, uint256 id) {
        set.requestFirstBeacon();
        return set.rotate();
    }

    function _sync(uint256 id, uint256 stake, uint8 status) internal {
        _syncV(id, stake, status, ++version);
    }

    function _syncV(uint256 id, uint256 stake, uint8 status, uint64 v) internal {
        messenger.relay(
            address(set),
            l1Staking,
            abi.encodeCall(SequencerSet.syncSequencer, (id, address(uint160(0x5000 + id)), stake, status, v))
        );
    }

    function test_syncOnlyFromL1StakingThroughInbox() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnauthorizedSync.selector, address(this)));
        set.syncSequencer(1, address(1), 1 ether, 1, 1);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnauthorizedSync.selector, address(messenger)));
        messenger.relay(address(set), makeAddr("other"), abi.encodeCall(SequencerSet.syncSequencer, (1, address(1), 1, 1, 1)));
        _sync(1, 5 ether, 1);
        assertEq(set.weightOf(1), 5 ether);
        assertEq(set.totalWeight(), 5 ether);
        assertEq(set.getSequencer(1).signer, address(0x5001));
    }

    function test_staleSyncIsIgnored() public {
        _syncV(1, 5 ether, 1, 3);
        _syncV(1, 9 ether, 1, 2); // an older update retried late
        assertEq(set.weightOf(1), 5 ether);
        _syncV(1, 9 ether, 2, 4); // jailed
        assertEq(set.weightOf(1), 0);
        assertFalse(set.isEligible(1));
        assertEq(set.totalWeight(), 0);
    }

    function test_rotate_epochsAndViews() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.BeaconPending.selector, 1));
        set.rotate();
        vm.expectRevert(SequencerSet.NoEligibleSequencer.selector);
        set.requestFirstBeacon();
        _sync(1, 10 ether, 1);
        (uint256 n, uint256 id) = _start();
        vm.expectRevert(SequencerSet.FirstBeaconAlreadyRequested.selector);
        set.requestFirstBeacon();
        assertEq(n, 1);
        assertEq(id, 1);
        (uint256 cur, SequencerSet.Epoch memory e) = set.currentEpoch();
        assertEq(cur, 1);
        assertEq(e.startBlock, 100);
        assertEq(e.endBlock, 109);
        assertEq(e.sequencerId, 1);
        assertEq(e.signer, address(0x5001));
        assertEq(set.nextRotationBlock(), 110);

        vm.roll(109);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.EpochNotEnded.selector, 109));
        set.rotate();
        vm.roll(115); // late: the previous epoch is extended to block 114
        set.rotate();
        assertEq(set.getEpoch(1).endBlock, 114);
        assertEq(set.getEpoch(2).startBlock, 115);
        assertEq(set.getEpoch(2).endBlock, 124);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnknownEpoch.selector, 3));
        set.getEpoch(3);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnknownEpoch.selector, 0));
        set.getEpoch(0);
    }

    function test_neverPicksIneligibleSequencers() public {
        _sync(1, 10 ether, 1);
        _sync(2, 1_000 ether, 2); // jailed
        _sync(3, 1_000 ether, 3); // unlocking
        _sync(4, 20 ether, 1);
        _sync(5, 1_000 ether, 4); // exited
        _start();
        for (uint256 i; i < 40; ++i) {
            vm.roll(block.number + 10);
            vm.prevrandao(bytes32(i * 7919));
            (, uint256 id) = set.rotate();
            assertTrue(id == 1 || id == 4, "only active sequencers");
        }
    }

    function test_drawsAreStakeWeighted() public {
        _sync(1, 10, 1);
        _sync(2, 0, 1);
        _sync(3, 30, 1);
        _sync(4, 60, 1);
        assertEq(set.totalWeight(), 100);
        assertEq(set.sequencerForDraw(0), 1);
        assertEq(set.sequencerForDraw(9), 1);
        assertEq(set.sequencerForDraw(10), 3);
        assertEq(set.sequencerForDraw(39), 3);
        assertEq(set.sequencerForDraw(40), 4);
        assertEq(set.sequencerForDraw(99), 4);
        vm.expectRevert(SequencerSet.NoEligibleSequencer.selector);
        set.sequencerForDraw(100);
    }

    /// Fenwick selection equals a linear scan over random weights, through appends and updates.
    function testFuzz_selectionMatchesLinearScan(uint256 seed) public {
        uint256 n = bound(seed, 1, 40);
        uint256[] memory w = new uint256[](n + 1);
        for (uint256 i = 1; i <= n; ++i) {
            w[i] = uint256(keccak256(abi.encode(seed, i))) % 1000;
            _sync(i, w[i], 1);
        }
        // change a few weights (some to ineligible)
        for (uint256 k; k < 5; ++k) {
            uint256 i = 1 + uint256(keccak256(abi.encode(seed, "u", k))) % n;
            w[i] = uint256(keccak256(abi.encode(seed, "w", k))) % 2000;
            bool active = w[i] % 3 != 0;
            _sync(i, w[i], active ? 1 : 2);
            if (!active) w[i] = 0;
        }
        uint256 total;
        for (uint256 i = 1; i <= n; ++i) {
            total += w[i];
        }
        assertEq(set.totalWeight(), total);
        if (total == 0) return;
        for (uint256 k; k < 10; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, "r", k))) % total;
            uint256 expected;
            uint256 acc;
            for (uint256 i = 1; i <= n; ++i) {
                acc += w[i];
                if (r < acc) {
                    expected = i;
                    break;
                }
            }
            assertEq(set.sequencerForDraw(r), expected);
        }
    }

    function test_ownerParameters() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setEpochLength(5);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setL1Staking(address(1));
        vm.startPrank(owner);
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        set.setEpochLength(0);
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        set.setL1Staking(address(0));
        set.setEpochLength(5);
        set.setL1Staking(address(7));
        vm.stopPrank();
        assertEq(set.epochLength(), 5);
        assertEq(set.l1Staking(), address(7));
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        new SequencerSet(address(0), l1Staking, owner, 10);
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        new SequencerSet(address(messenger), l1Staking, owner, 0);
    }

    function testFuzz_rotate_onlyFromTheBlockAfterTheEpochEnd(uint256 wait, uint256 length) public {
        length = bound(length, 1, 500);
        wait = bound(wait, 0, 1_000);
        vm.prank(owner);
        set.setEpochLength(length);
        _sync(1, 10 ether, 1);
        _start();
        uint64 end = uint64(block.number + length - 1);
        assertEq(set.nextRotationBlock(), end + 1);
        vm.roll(block.number + wait);
        if (block.number <= end) {
            vm.expectRevert(abi.encodeWithSelector(SequencerSet.EpochNotEnded.selector, end));
            set.rotate();
        } else {
            (uint256 n,) = set.rotate();
            assertEq(n, 2);
            assertEq(set.getEpoch(1).endBlock, block.number - 1);
            assertEq(set.getEpoch(2).startBlock, block.number);
        }
    }

    // ------------------------------------------------------------ randomness and rotation rights

    function test_beaconOnlyFromTheL1BeaconThroughInbox_andOnlyTheAwaitedOne() public {
        address l1Beacon = set.l1Beacon();
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnauthorizedBeacon.selector, address(this)));
        set.receiveBeacon(1, 1, bytes32(uint256(1)));
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnauthorizedBeacon.selector, address(messenger)));
        messenger.relay(address(set), makeAddr("other"), abi.encodeCall(SequencerSet.receiveBeacon, (1, 1, bytes32(uint256(1)))));
        // not requested yet: ignored
        vm.expectEmit(address(set));
        emit SequencerSet.BeaconIgnored(1);
        messenger.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (1, 1, bytes32(uint256(1)))));
        assertFalse(set.beaconOf(1).received);
        _sync(1, 10 ether, 1);
        _start();
        SequencerSet.Beacon memory b = set.beaconOf(2); // answered at once by the InstantBeacon
        assertTrue(b.requested && b.received);
        // a second answer for the same epoch, or one for a later epoch, changes nothing
        messenger.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (2, 5, bytes32(uint256(99)))));
        messenger.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (3, 5, bytes32(uint256(99)))));
        assertEq(set.beaconOf(2).randomness, b.randomness);
        assertFalse(set.beaconOf(3).received);
    }

    function test_rotationWaitsForItsBeacon() public {
        SequencerSet s2 = new SequencerSet(address(messenger), l1Staking, owner, 10);
        address l1Beacon = makeAddr("l1Beacon");
        MessageOutbox outbox = new MessageOutbox(99);
        outbox.setInbox(makeAddr("l1BusInbox"));
        outbox.setSenderAllowed(address(s2), true);
        vm.prank(owner);
        s2.setRandomnessBeacon(address(outbox), l1Beacon);
        messenger.relay(address(s2), l1Staking, abi.encodeCall(SequencerSet.syncSequencer, (1, address(0x5001), 1 ether, 1, 1)));
        vm.expectEmit(address(s2));
        emit SequencerSet.BeaconRequested(1, 0);
        s2.requestFirstBeacon();
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.BeaconPending.selector, 1));
        s2.rotate();
        messenger.relay(address(s2), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (1, 7, bytes32(uint256(3)))));
        s2.rotate();
        assertTrue(s2.beaconOf(2).requested);
        vm.roll(block.number + 50);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.BeaconPending.selector, 2));
        s2.rotate(); // late, and still no blockhash fallback
        // a new beacon contract: the awaited request is sent to it again
        address newBeacon = makeAddr("newBeacon");
        vm.expectEmit(address(s2));
        emit SequencerSet.BeaconRequested(2, 2);
        vm.prank(owner);
        s2.setRandomnessBeacon(address(outbox), newBeacon);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.UnauthorizedBeacon.selector, address(messenger)));
        messenger.relay(address(s2), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (2, 8, bytes32(uint256(4)))));
        messenger.relay(address(s2), newBeacon, abi.encodeCall(SequencerSet.receiveBeacon, (2, 8, bytes32(uint256(4)))));
        s2.rotate();
    }

    function test_rotationIsUnconfiguredWithoutABeacon() public {
        SequencerSet s2 = new SequencerSet(address(messenger), l1Staking, owner, 10);
        messenger.relay(address(s2), l1Staking, abi.encodeCall(SequencerSet.syncSequencer, (1, address(0x5001), 1 ether, 1, 1)));
        vm.expectRevert(SequencerSet.RandomnessNotConfigured.selector);
        s2.requestFirstBeacon();
    }

    /// Stake changes delivered after the beacon was requested do not move that draw.
    function testFuzz_drawUsesTheWeightsAsOfTheRequest(uint256 seed) public {
        for (uint256 i = 1; i <= 6; ++i) {
            _sync(i, (1 + uint256(keccak256(abi.encode(seed, i))) % 100) * 1 ether, 1);
        }
        _start();
        for (uint256 e; e < 5; ++e) {
            vm.roll(block.number + 10);
            uint256 snap = vm.snapshotState();
            (, uint256 plain) = set.rotate();
            vm.revertToState(snap);
            // after the request: other stakes move, a newcomer appears, and the pick's own stake grows
            uint256 other = plain % 6 + 1;
            _sync(other, (1 + uint256(keccak256(abi.encode(seed, "o", e))) % 500) * 1 ether, 1);
            _sync(100 + e, 1_000 ether, 1);
            _sync(plain, set.getSequencer(plain).stake + 7 ether, 1);
            vm.prevrandao(keccak256(abi.encode(seed, e)));
            (, uint256 moved) = set.rotate();
            assertEq(moved, plain, "the same pick");
        }
    }

    function test_jailedSincePickIsReplacedByALiveDraw() public {
        _sync(1, 10 ether, 1);
        _sync(2, 10 ether, 1);
        _start();
        vm.roll(block.number + 10);
        uint256 snap = vm.snapshotState();
        (, uint256 plain) = set.rotate();
        vm.revertToState(snap);
        _sync(plain, 10 ether, 2); // jailed after the request
        (, uint256 picked) = set.rotate();
        assertEq(picked, plain == 1 ? 2 : 1);
    }

    function test_gracePeriod_reservesRotationToTheSequencerAndKeepers() public {
        address keeper = makeAddr("keeper");
        vm.startPrank(owner);
        vm.expectEmit(address(set));
        emit SequencerSet.RotationGracePeriodUpdated(5);
        set.setRotationGracePeriod(5);
        vm.expectEmit(address(set));
        emit SequencerSet.RotationKeeperUpdated(keeper, true);
        set.setRotationKeeper(keeper, true);
        vm.stopPrank();
        _sync(1, 10 ether, 1);
        _start(); // epoch 1: 100..109
        assertEq(set.anyoneMayRotateFrom(), 115);
        vm.roll(110);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.RotationReserved.selector, 115));
        set.rotate();
        vm.prank(keeper);
        set.rotate(); // epoch 2: 110..119
        vm.roll(124);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.RotationReserved.selector, 125));
        set.rotate();
        vm.prank(address(0x5001)); // the epoch's own sequencer
        set.rotate(); // epoch 3: 124..133
        vm.roll(139);
        set.rotate(); // anyone, after the grace period
        assertEq(set.currentEpochNumber(), 4);
    }

    function test_rotationParametersOnlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setRotationGracePeriod(5);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setRotationKeeper(address(1), true);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        set.setRandomnessBeacon(address(1), address(2));
        vm.startPrank(owner);
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        set.setRandomnessBeacon(address(0), address(2));
        vm.expectRevert(SequencerSet.InvalidParameter.selector);
        set.setRotationKeeper(address(0), true);
        vm.expectEmit(address(set));
        emit SequencerSet.RandomnessBeaconUpdated(address(1), address(2));
        set.setRandomnessBeacon(address(1), address(2));
        vm.stopPrank();
    }
}
