// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IMessageOutbox} from "../../src/bus/BusMessage.sol";
import {IRewardsDistributor} from "../../src/interfaces/IRewardsDistributor.sol";
import {SequencerSet} from "../../src/l2/SequencerSet.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {FeeVault} from "../../src/l2/FeeVault.sol";
import {MockMessenger} from "../utils/MockMessenger.sol";

/// @dev Stands in for the L2 outbox: keeps the beacon requests and the epoch reports' block counts.
contract RecordingOutbox is IMessageOutbox {
    address public immutable beacon;
    uint256 public nextNonce;
    uint256 public maxReportedBlocks;
    uint256 public reports;
    uint256 public lastRequested;

    constructor(address beacon_) {
        beacon = beacon_;
    }

    function sendMessage(address target, bytes calldata data, uint256) external returns (uint256) {
        if (target == beacon) {
            lastRequested = abi.decode(data[4:], (uint256));
        } else {
            (,, uint256 blocks,) = abi.decode(data[4:], (uint256, uint256, uint256, uint256));
            if (blocks > maxReportedBlocks) maxReportedBlocks = blocks;
            reports++;
        }
        return nextNonce++;
    }
}

/// @dev Drives the sequencer set: stake syncs (any status, newcomers), time, beacon deliveries (the
/// awaited one or a stray), epoch-length changes and rotations by anyone; before each rotation it
/// computes, from its own copy of the weights as of the last request, whom the draw must pick.
contract RotationHandler is Test {
    uint256 constant N = 6;
    SequencerSet public set;
    MockMessenger public inbox;
    RecordingOutbox public outbox;
    address public l1Staking;
    address public l1Beacon;
    uint256 public maxEpochLengthSeen;
    uint256 public violations;
    uint256 public rotations;
    /// Weights per sequencer id (live) and as of the last beacon request.
    uint256[N + 1] public live;
    uint256[N + 1] public atRequest;
    /// Slot order (sequencer id per slot) and the slot count at the last request.
    uint256[] public slots;
    uint256 public slotsAtRequest;

    constructor(
        SequencerSet set_,
        MockMessenger inbox_,
        RecordingOutbox outbox_,
        address l1Staking_,
        address l1Beacon_
    ) {
        set = set_;
        inbox = inbox_;
        outbox = outbox_;
        l1Staking = l1Staking_;
        l1Beacon = l1Beacon_;
        maxEpochLengthSeen = set.epochLength();
    }

    function sync(uint256 id, uint256 stake, uint256 status) external {
        id = bound(id, 1, N);
        stake = bound(stake, 0, 1_000_000 ether);
        uint8 st = uint8(bound(status, 0, 4));
        uint64 v = set.getSequencer(id).version + 1;
        if (set.getSequencer(id).slot == 0) slots.push(id);
        inbox.relay(
            address(set),
            l1Staking,
            abi.encodeCall(SequencerSet.syncSequencer, (id, address(uint160(0x5000 + id)), stake, st, v))
        );
        live[id] = st == 1 ? stake : 0;
    }

    function roll(uint256 blocks) external {
        vm.roll(block.number + bound(blocks, 1, 40));
    }

    function deliverBeacon(uint256 randomness, bool stray) external {
        uint256 epoch = set.currentEpochNumber() + (stray ? 2 : 1);
        inbox.relay(
            address(set),
            l1Beacon,
            abi.encodeCall(SequencerSet.receiveBeacon, (epoch, block.number, bytes32(randomness)))
        );
    }

    function setEpochLength(uint256 length) external {
        length = bound(length, 1, 30);
        vm.prank(set.owner());
        set.setEpochLength(length);
        if (length > maxEpochLengthSeen) maxEpochLengthSeen = length;
    }

    function requestFirst() external {
        try set.requestFirstBeacon() {
            _recordRequest();
        } catch {}
    }

    /// @dev Mostly gets a rotation through: requests the first beacon, delivers the awaited one,
    /// moves to the epoch's end (sometimes within the grace period), calls as the epoch's sequencer
    /// or as anyone.
    function rotate(address caller, uint256 seed) external {
        uint256 current = set.currentEpochNumber();
        uint256 next = current + 1;
        if (current == 0 && !set.beaconOf(1).requested) {
            try set.requestFirstBeacon() {
                _recordRequest();
            } catch {}
        }
        if (seed % 4 != 0 && set.beaconOf(next).requested && !set.beaconOf(next).received) {
            inbox.relay(
                address(set),
                l1Beacon,
                abi.encodeCall(SequencerSet.receiveBeacon, (next, block.number, keccak256(abi.encode(seed))))
            );
        }
        uint256 due = set.nextRotationBlock();
        if (block.number < due) vm.roll(due + (seed >> 8) % 6);
        if (current != 0 && seed % 3 == 0) caller = set.getEpoch(current).signer;
        SequencerSet.Beacon memory b = set.beaconOf(next);
        uint256 expected = _expected(b);
        vm.prank(caller);
        try set.rotate() returns (uint256, uint256 picked) {
            rotations++;
            if (expected != 0 && picked != expected) violations++;
            if (live[picked] == 0) violations++; // never an ineligible sequencer
            _recordRequest();
        } catch {}
    }

    /// @dev The pick of the draw over the weights as of the request (0: that pick is no longer
    /// eligible or nobody was: the contract draws over the live weights).
    function _expected(SequencerSet.Beacon memory b) internal view returns (uint256) {
        uint256 total;
        for (uint256 s; s < slotsAtRequest; ++s) {
            total += atRequest[slots[s]];
        }
        if (total == 0 || !b.received) return 0;
        uint256 r = uint256(
            keccak256(abi.encode(b.randomness, b.l1BlockNumber, set.currentEpochNumber() + 1, address(set)))
        ) % total;
        for (uint256 s; s < slotsAtRequest; ++s) {
            uint256 w = atRequest[slots[s]];
            if (r < w) return live[slots[s]] == 0 ? 0 : slots[s];
            r -= w;
        }
        return 0;
    }

    function _recordRequest() internal {
        for (uint256 i = 1; i <= N; ++i) {
            atRequest[i] = live[i];
        }
        slotsAtRequest = slots.length;
    }
}

contract RotationInvariantTest is StdInvariant, Test {
    RotationHandler handler;
    SequencerSet set;
    RecordingOutbox outbox;

    function setUp() public {
        MockMessenger inbox = new MockMessenger();
        address l1Staking = makeAddr("l1Staking");
        address l1Beacon = makeAddr("l1Beacon");
        set = new SequencerSet(address(inbox), l1Staking, address(this), 10);
        outbox = new RecordingOutbox(l1Beacon);
        L2Metis metis = new L2Metis(address(this));
        FeeVault vault = new FeeVault(metis, address(set));
        set.setRandomnessBeacon(address(outbox), l1Beacon);
        set.setRewardReporting(address(vault), address(outbox), makeAddr("l1Distributor"));
        set.setRotationGracePeriod(3);
        handler = new RotationHandler(set, inbox, outbox, l1Staking, l1Beacon);
        set.transferOwnership(address(handler));
        vm.prank(address(handler));
        set.acceptOwnership();
        targetContract(address(handler));
    }

    function afterInvariant() public {
        emit log_named_uint("rotations in the run", handler.rotations());
    }

    /// Each draw is the one the beacon and the weights as of its request determine, never an
    /// ineligible sequencer.
    function invariant_drawIsFixedAtTheRequest() public view {
        assertEq(handler.violations(), 0);
    }

    /// No epoch is ever reported (paid) for more blocks than an epoch length.
    function invariant_noEpochPaysMoreThanItsLength() public view {
        assertLe(outbox.maxReportedBlocks(), handler.maxEpochLengthSeen());
    }

    /// Exactly one beacon request is outstanding once rotation started: for the epoch after the current.
    function invariant_theNextEpochsBeaconIsRequested() public view {
        uint256 current = set.currentEpochNumber();
        if (current == 0) return;
        assertEq(outbox.lastRequested(), current + 1);
        assertTrue(set.beaconOf(current + 1).requested);
    }
}
