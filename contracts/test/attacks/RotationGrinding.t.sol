// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {SequencerSet} from "../../src/l2/SequencerSet.sol";
import {RandomnessBeacon} from "../../src/l1/RandomnessBeacon.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {FeeVault} from "../../src/l2/FeeVault.sol";
import {MockMessenger} from "../utils/MockMessenger.sol";

/// @dev docs/MECHANISMS.md §4.5: the producing sequencer tries to pick its successor by
/// grinding the rotation seed, and to grow its paid epoch by withholding `rotate()`.
///
/// Both chains in one EVM. The bus is modelled by two mock inboxes: the L2 set's beacon requests reach
/// the real L1 `RandomnessBeacon`, which fixes `prevrandao` of the L1 block that executes the request
/// (`vm.prevrandao(keccak256(l1Block))`: the committee's delivery block, which the attacker neither
/// chooses nor foresees), and its answer comes back to the set.
contract RotationGrindingTest is Test {
    uint256 constant EPOCH = 10;
    uint256 constant ATTACKER = 1;
    uint256 constant EPOCHS = 200;
    /// Variants the attacker tries at every rotation.
    uint256 constant VARIANTS = 32;

    MockMessenger l2Inbox;
    MockMessenger l1Inbox;
    MessageOutbox l2Outbox;
    MessageOutbox l1Outbox;
    SequencerSet set;
    RandomnessBeacon beacon;
    address l1Staking = makeAddr("l1Staking");
    address owner = makeAddr("owner");
    address attackerSigner = address(uint160(0x5000 + ATTACKER));
    uint256 l1Block = 1_000;

    function setUp() public {
        l2Inbox = new MockMessenger();
        l1Inbox = new MockMessenger();
        l2Outbox = new MessageOutbox(99);
        l1Outbox = new MessageOutbox(99);
        set = new SequencerSet(address(l2Inbox), l1Staking, owner, EPOCH);
        beacon = new RandomnessBeacon(address(l1Inbox), address(l1Outbox), address(set));
        l2Outbox.setInbox(makeAddr("l1BusInbox"));
        l2Outbox.setSenderAllowed(address(set), true);
        l1Outbox.setInbox(makeAddr("l2BusInbox"));
        l1Outbox.setSenderAllowed(address(beacon), true);
        vm.prank(owner);
        set.setRandomnessBeacon(address(l2Outbox), address(beacon));
        vm.roll(100);
    }

    function _sync(uint256 id, address signer, uint256 stake, uint8 status) internal {
        uint64 v = set.getSequencer(id).version + 1;
        l2Inbox.relay(
            address(set), l1Staking, abi.encodeCall(SequencerSet.syncSequencer, (id, signer, stake, status, v))
        );
    }

    /// @dev The bus carries epoch `epochNumber`'s beacon request to L1, where it executes in the next L1
    /// block, and the beacon's answer back to L2.
    function _carryBeacon(uint256 epochNumber) internal {
        l1Block += 1;
        vm.prevrandao(keccak256(abi.encode("L1", l1Block)));
        l1Inbox.relay(address(beacon), address(set), abi.encodeWithSignature("requestRandomness(uint256)", epochNumber));
        RandomnessBeacon.Draw memory d = beacon.drawOf(epochNumber);
        l2Inbox.relay(
            address(set),
            address(beacon),
            abi.encodeCall(SequencerSet.receiveBeacon, (epochNumber, d.l1BlockNumber, d.randomness))
        );
    }

    function _isAttackers(uint256 id) internal pure returns (bool) {
        return id == ATTACKER || id >= 1_000;
    }

    /// The attacker holds 10% of the stake and, the model being generous, produces the last block of
    /// every epoch (so it also places every rotation). At each rotation it knows the beacon (public on
    /// L1 and in the L2 inbox) and tries 32 variants: rotating 1 to 8 blocks late (withholding),
    /// different L2 block contents (its `prevrandao`, timestamp), and orderings that put its own stake
    /// changes or a new sock-puppet sequencer ahead of `rotate()`; it keeps the first variant that
    /// selects it (all 32 are dry-run each time). The draw uses only the beacon requested at the previous rotation and the weights as
    /// of then, so every variant selects the same sequencer: about 10%.
    function test_attack_grindSeedToReselectSelf_fails() public {
        vm.pauseGasMetering(); // thousands of dry-run rotations: beyond a test's gas limit otherwise
        _sync(ATTACKER, attackerSigner, 10_000 ether, 1);
        uint256[9] memory honest = [uint256(15_000), 5_000, 12_000, 8_000, 10_000, 10_000, 9_000, 11_000, 10_000];
        for (uint256 i; i < honest.length; ++i) {
            _sync(2 + i, address(uint160(0x5002 + i)), honest[i] * 1 ether, 1);
        }
        assertEq(set.totalWeight(), 100_000 ether);
        set.requestFirstBeacon();
        _carryBeacon(1);
        set.rotate();

        uint256 wins;
        uint256 differing; // variants whose pick differs from the plain rotation's
        for (uint256 e = 1; e <= EPOCHS; ++e) {
            _carryBeacon(e + 1); // arrives during epoch e, before its end
            uint256 end = set.nextRotationBlock() - 1;
            uint256 chosen = type(uint256).max;
            uint256 first;
            for (uint256 v; v < VARIANTS; ++v) {
                // dry run: the variant's rotation, rolled back, tells the attacker whom it would pick
                uint256 picked;
                try this.rotateVariant(e, v, end, false) {}
                catch (bytes memory ret) {
                    if (bytes4(ret) != Picked.selector) revert("variant reverted");
                    picked = abi.decode(_tail(ret), (uint256));
                }
                if (v == 0) first = picked;
                else if (picked != first) differing++;
                if (chosen == type(uint256).max && _isAttackers(picked)) chosen = v;
            }
            if (chosen != type(uint256).max) {
                wins++;
                this.rotateVariant(e, chosen, end, true);
            } else {
                this.rotateVariant(e, 0, end, true); // every variant lost: rotate plainly
            }
        }
        uint256 rateBps = (wins * 10_000) / EPOCHS;
        emit log_named_uint("epochs", EPOCHS);
        emit log_named_uint("variants tried per rotation", VARIANTS);
        emit log_named_uint("attacker selected (epochs)", wins);
        emit log_named_uint("attacker selection rate (bps; its stake: 1000)", rateBps);
        emit log_named_uint("variants whose pick differed from the plain rotation's", differing);
        assertEq(differing, 0, "no variant changes the draw");
        assertLe(rateBps, 1_500, "selection rate <= 15%");
    }

    error Picked(uint256 sequencerId);

    /// @dev Variant `v` of the attacker's rotation ending epoch `e`: a timing, a block content and a
    /// transaction order. Without `keep`, reverts with the pick (so nothing of it stays).
    function rotateVariant(uint256 e, uint256 v, uint256 end, bool keep) external returns (uint256 picked) {
        require(msg.sender == address(this));
        vm.roll(end + 1 + (v % 8)); // timing: rotate 1..8 blocks late
        vm.warp(1_000_000 + e * 1_000 + v);
        vm.prevrandao(keccak256(abi.encode("L2 block variant", e, v))); // block contents
        if ((v / 8) % 2 == 1) {
            // ordering: a stake change of its own delivered just before the rotation
            _sync(ATTACKER, attackerSigner, 10_000 ether + v * 1 ether, 1);
        }
        if ((v / 16) % 2 == 1) {
            // ordering: a sock puppet's registration delivered just before the rotation
            _sync(1_000 + e * 64 + v, address(uint160(0x7000 + e * 64 + v)), 1 ether, 1);
        }
        vm.prank(attackerSigner);
        (, picked) = set.rotate();
        if (!keep) revert Picked(picked);
    }

    function _tail(bytes memory ret) internal pure returns (bytes memory out) {
        out = new bytes(ret.length - 4);
        for (uint256 i; i < out.length; ++i) {
            out[i] = ret[i + 4];
        }
    }

    /// The sitting sequencer withholds `rotate()` (it produces the blocks, so it can leave the
    /// keeper's rotation out) for ten epochs' worth of blocks, hoping to be paid for all of them. During
    /// the grace period only it or a keeper may rotate; after it anyone does, and the report pays the
    /// epoch's planned `epochLength` blocks only.
    function test_attack_withholdRotateToGrowEpoch_fails() public {
        L2Metis metis = new L2Metis(address(this));
        FeeVault vault = new FeeVault(metis, address(set));
        vm.startPrank(owner);
        set.setRewardReporting(address(vault), address(l2Outbox), makeAddr("l1Distributor"));
        set.setRotationGracePeriod(20);
        vm.stopPrank();
        _sync(ATTACKER, attackerSigner, 10_000 ether, 1);
        set.requestFirstBeacon();
        _carryBeacon(1);
        (, uint256 first) = set.rotate();
        assertEq(first, ATTACKER, "the attacker sits (the only sequencer at the first draw)");
        _sync(2, address(0x5002), 90_000 ether, 1);
        _carryBeacon(2);
        uint256 end = set.nextRotationBlock() - 1;
        assertEq(set.anyoneMayRotateFrom(), end + 21);

        // The attacker produces 10 x epochLength blocks past its end and never rotates.
        address anyone = makeAddr("anyone");
        vm.roll(end + 1);
        vm.prank(anyone);
        vm.expectRevert(abi.encodeWithSelector(SequencerSet.RotationReserved.selector, end + 21));
        set.rotate(); // within the grace period: reserved to the sequencer and the keepers
        vm.roll(end + 10 * EPOCH);
        metis.mint(address(vault), 5 ether);

        // After the grace period anyone rotates; the report pays the planned blocks only.
        vm.recordLogs();
        vm.prank(anyone);
        set.rotate();
        uint256 paid = type(uint256).max;
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(set) && logs[i].topics[0] == SequencerSet.EpochReported.selector) {
                assertEq(uint256(logs[i].topics[1]), 1);
                assertEq(uint256(logs[i].topics[2]), ATTACKER);
                (paid,,) = abi.decode(logs[i].data, (uint256, uint256, uint256));
            }
        }
        uint256 produced = set.getEpoch(1).endBlock - set.getEpoch(1).startBlock + 1;
        emit log_named_uint("blocks the attacker produced in its epoch", produced);
        emit log_named_uint("blocks paid", paid);
        assertEq(produced, 11 * EPOCH - 1);
        assertEq(paid, EPOCH, "paid at most epochLength blocks");
    }
}
