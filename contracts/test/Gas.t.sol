// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console2} from "forge-std/console2.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {StakingFixture} from "./utils/StakingFixture.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {MessageOutbox} from "../src/bus/MessageOutbox.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";
import {FeeVault} from "../src/l2/FeeVault.sol";

/// @dev Gas of user entry points is O(1) in the number of delegators, and rotation is O(log n).
/// Every measured call starts cold (`vm.cool` on the contracts it touches), like a fresh
/// transaction, so the two sides of each comparison are in comparable states.
contract GasTest is StakingFixture {
    uint256 constant CROWD = 10_000;

    struct Costs {
        uint256 delegate;
        uint256 claim;
        uint256 undelegate;
        uint256 withdraw;
        uint256 redelegate;
    }

    function setUp() public {
        _deployStaking();
    }

    function _cool() internal {
        vm.cool(address(staking));
        vm.cool(address(metis));
        vm.cool(address(outbox));
    }

    /// @dev Runs the five delegator operations of a fresh `user` behind `seq`, moving to `dest`.
    function _measure(uint256 seq, uint256 dest, address user) internal returns (Costs memory c) {
        _fund(user, 100 ether);
        uint256 g;

        _cool();
        vm.prank(user);
        g = gasleft();
        staking.delegate(seq, 100 ether);
        c.delegate = g - gasleft();

        staking.distributeReward(seq, 10 ether);

        _cool();
        vm.prank(user);
        g = gasleft();
        staking.claim(seq);
        c.claim = g - gasleft();

        _cool();
        vm.prank(user);
        g = gasleft();
        staking.undelegate(seq, 40 ether);
        c.undelegate = g - gasleft();

        _cool();
        vm.prank(user);
        g = gasleft();
        staking.redelegate(seq, dest, 30 ether);
        c.redelegate = g - gasleft();

        vm.warp(block.timestamp + EXIT_DELAY);
        uint256[] memory ids = new uint256[](1);
        _cool();
        vm.prank(user);
        g = gasleft();
        staking.withdraw(seq, ids);
        c.withdraw = g - gasleft();
    }

    function _assertWithin2Percent(string memory what, uint256 one, uint256 many) internal pure {
        uint256 diff = one > many ? one - many : many - one;
        console2.log(what, one, many);
        assertLe(diff * 100, one * 2, what);
    }

    function test_gas_delegatorOperationsIndependentOfDelegatorCount() public {
        (uint256 lonely,) = _register("lonely", 100_000 ether, 1000);
        (uint256 crowded,) = _register("crowded", 100_000 ether, 1000);
        (uint256 dest,) = _register("dest", 100_000 ether, 1000);

        vm.pauseGasMetering();
        for (uint256 i; i < CROWD - 1; ++i) {
            address d = address(uint160(0x100000 + i));
            deal(address(metis), d, 1 ether);
            vm.startPrank(d);
            metis.approve(address(staking), 1 ether);
            staking.delegate(crowded, 1 ether);
            vm.stopPrank();
        }
        vm.resumeGasMetering();
        // Rewards accrue per delegated share (docs/MECHANISMS.md §3.2), so a sequencer that never had a delegator has
        // a zero accumulator and a first delegation stores a zero reward debt (cheaper, not a
        // scaling effect). The lonely sequencer had one delegator before, who left: the user is again
        // its only delegator (its unbonding withdrawn), with a non-zero accumulator as at the crowded one.
        address earlier = makeAddr("earlier");
        _delegate(earlier, lonely, 1 ether);
        staking.distributeReward(lonely, 10 ether);
        vm.prank(earlier);
        staking.undelegate(lonely, type(uint256).max);
        vm.warp(block.timestamp + EXIT_DELAY);
        vm.prank(earlier);
        staking.withdraw(lonely, new uint256[](1));
        staking.distributeReward(crowded, 10 ether);

        Costs memory one = _measure(lonely, dest, makeAddr("userA")); // the only delegator
        Costs memory many = _measure(crowded, dest, makeAddr("userB")); // the 10,000th delegator
        _assertWithin2Percent("delegate (1 vs 10,000 delegators)", one.delegate, many.delegate);
        _assertWithin2Percent("claim", one.claim, many.claim);
        _assertWithin2Percent("undelegate", one.undelegate, many.undelegate);
        _assertWithin2Percent("withdraw", one.withdraw, many.withdraw);
        _assertWithin2Percent("redelegate", one.redelegate, many.redelegate);
    }

    function _rotateCost(uint256 n) internal returns (uint256 cost) {
        return _rotateCost(n, false);
    }

    /// @dev Cold cost of a rotation among `n` sequencers; with `report`, the ended epoch's report
    /// (fee vault release with fees pending + outbox message) is included.
    function _rotateCost(uint256 n, bool report) internal returns (uint256 cost) {
        MockMessenger messenger = new MockMessenger();
        address l1Staking = makeAddr("l1Staking");
        SequencerSet set = new SequencerSet(address(messenger), l1Staking, address(this), 10);
        address l1Beacon = makeAddr("l1Beacon");
        MessageOutbox beaconOutbox = new MessageOutbox(L2);
        beaconOutbox.setInbox(address(0x1B0C));
        beaconOutbox.setSenderAllowed(address(set), true);
        set.setRandomnessBeacon(address(beaconOutbox), l1Beacon);
        L2Metis l2Metis;
        FeeVault vault;
        MessageOutbox l2Outbox;
        if (report) {
            l2Metis = new L2Metis(address(this));
            vault = new FeeVault(l2Metis, address(set));
            l2Outbox = new MessageOutbox(L2); // (the test runs on chain id L1; only the target must differ)
            l2Outbox.setInbox(address(0x1B0C));
            l2Outbox.setSenderAllowed(address(set), true);
            set.setRewardReporting(address(vault), address(l2Outbox), makeAddr("l1Distributor"));
        }
        vm.pauseGasMetering();
        for (uint256 i = 1; i <= n; ++i) {
            messenger.relay(
                address(set),
                l1Staking,
                abi.encodeCall(
                    SequencerSet.syncSequencer, (i, address(uint160(0x9000 + i)), 20_000 ether + i * 1 ether, 1, 1)
                )
            );
        }
        vm.roll(block.number + 100);
        set.requestFirstBeacon();
        messenger.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (1, 1, bytes32(uint256(7)))));
        set.rotate();
        vm.roll(block.number + 10);
        messenger.relay(address(set), l1Beacon, abi.encodeCall(SequencerSet.receiveBeacon, (2, 2, bytes32(uint256(11)))));
        if (report) {
            l2Metis.mint(address(vault), 3 ether);
            vm.cool(address(vault));
            vm.cool(address(l2Metis));
            vm.cool(address(l2Outbox));
        }
        vm.resumeGasMetering();
        vm.cool(address(set));
        uint256 g = gasleft();
        set.rotate();
        cost = g - gasleft();
    }

    function test_gas_rotateIsLogarithmic() public {
        uint256 at8 = _rotateCost(8);
        uint256 at1024 = _rotateCost(1024);
        console2.log("rotate at 8 / at 1024 sequencers", at8, at1024);
        assertLe(at1024 * 2, at8 * 3, "rotate at 1,024 <= 1.5x rotate at 8");
    }

    function test_gas_rotateWithEpochReportIsLogarithmic() public {
        uint256 at8 = _rotateCost(8, true);
        uint256 at1024 = _rotateCost(1024, true);
        console2.log("rotate with epoch report at 8 / at 1024 sequencers", at8, at1024);
        assertLe(at1024 * 2, at8 * 3, "rotate with report at 1,024 <= 1.5x at 8");
    }

    /// @dev A rewards distributor behind a mock L1 inbox, made staking's distributor, with 100,000 METIS of mining.
    function _fundedDistributor() internal returns (MockMessenger l1Inbox, RewardsDistributor dist) {
        l1Inbox = new MockMessenger();
        uint256[10] memory ceilings;
        ceilings[0] = 800_000 ether;
        dist =
            new RewardsDistributor(metis, staking, address(l1Inbox), l2Set, address(this), block.timestamp, ceilings, 5 ether, 1);
        staking.setRewardDistributor(address(dist));
        metis.approve(address(dist), type(uint256).max);
        dist.fundMining(100_000 ether);
    }

    /// @dev Cold cost of applying an epoch report on L1 (mining + revenue to an active sequencer with
    /// a delegator), as the inbox calls it (through a mock inbox: the bus's own cost is separate).
    function test_gas_applyEpochReport() public {
        (MockMessenger l1Inbox, RewardsDistributor dist) = _fundedDistributor();
        dist.depositRevenue(10_000 ether);
        (uint256 seq,) = _register("reported", 50_000 ether, 1000);
        _delegate(makeAddr("d"), seq, 1_000 ether);
        l1Inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seq, 20, 1 ether)));

        _cool();
        vm.cool(address(dist));
        vm.cool(address(l1Inbox));
        uint256 g = gasleft();
        l1Inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (2, seq, 20, 1 ether)));
        uint256 cost = g - gasleft();
        console2.log("applyEpochReport (via mock inbox)", cost);
        assertLe(cost * 2, 500_000, "at most half of SequencerSet.REPORT_GAS_LIMIT");
    }

    /// @dev The worst report: it first settles `MAX_SETTLE_PER_REPORT` (1) owed epoch (of another
    /// sequencer, a separate payout), then pays its own; still well within REPORT_GAS_LIMIT. (Older
    /// owed epochs beyond it wait for the next report or `settleOwed`.)
    function test_gas_applyEpochReportSettlingOwedEpochs() public {
        (MockMessenger l1Inbox, RewardsDistributor dist) = _fundedDistributor();
        uint256[3] memory seqs;
        for (uint256 i; i < 3; ++i) {
            (seqs[i],) = _register(string.concat("reported", vm.toString(i)), 50_000 ether, 1000);
            _delegate(makeAddr(string.concat("d", vm.toString(i))), seqs[i], 1_000 ether);
        }
        // epoch 1 goes short (nothing arrived), then its revenue and epoch 2's arrive
        l1Inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (1, seqs[0], 20, 1 ether)));
        metis.transfer(address(dist), 2 ether);

        _cool();
        vm.cool(address(dist));
        vm.cool(address(l1Inbox));
        uint256 g = gasleft();
        l1Inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (2, seqs[1], 20, 1 ether)));
        uint256 cost = g - gasleft();
        console2.log("applyEpochReport settling 1 owed epoch (via mock inbox)", cost);
        assertEq(dist.totalOwed(), 0);
        assertLe(cost * 10, 500_000 * 7, "at most 70% of SequencerSet.REPORT_GAS_LIMIT");
    }

    /// @dev The bounded scans of slash liability at their worst: MAX_SLASHES_PER_EXIT_DELAY (8) slashes
    /// of the source within the window, applied to a redelegation (settleLiability) and to an unbonding
    /// entry (withdraw), against the same with no slash.
    function test_gas_slashLiabilityScansAreBounded() public {
        (uint256 offender,) = _register("offender", 100_000 ether, 1000);
        (uint256 refuge,) = _register("refuge", 100_000 ether, 1000);
        address mover = makeAddr("mover");
        address leaver = makeAddr("leaver");
        _delegate(mover, offender, 1_000 ether);
        _delegate(leaver, offender, 1_000 ether);
        vm.warp(block.timestamp + 1 days);
        uint64 offence = uint64(block.timestamp - 1);
        vm.prank(mover);
        staking.redelegate(offender, refuge, type(uint256).max);
        vm.prank(leaver);
        staking.undelegate(offender, type(uint256).max);
        for (uint256 i; i < 8; ++i) {
            staking.slash(offender, 100, offence, address(0), 0, "gas");
        }
        _cool();
        uint256 g = gasleft();
        staking.settleLiability(refuge, mover);
        uint256 settle8 = g - gasleft();
        vm.warp(block.timestamp + EXIT_DELAY);
        _cool();
        vm.prank(leaver);
        g = gasleft();
        staking.withdraw(offender, new uint256[](1));
        uint256 withdraw8 = g - gasleft();
        console2.log("settleLiability / withdraw with 8 liable slashes", settle8, withdraw8);
        assertLe(settle8, 150_000);
        assertLe(withdraw8, 150_000);
    }

    /// @dev Logs the cold cost of every other user entry point (for the issue note).
    function test_gas_operatorAndOtherEntryPoints() public {
        address op = makeAddr("op");
        staking.setWhitelist(op, true);
        _fund(op, 200_000 ether);
        uint256 g;

        _cool();
        vm.prank(op);
        g = gasleft();
        uint256 seq = staking.register(makeAddr("op-signer"), 50_000 ether, 1000, "ipfs://op");
        console2.log("register", g - gasleft());

        _cool();
        vm.prank(op);
        g = gasleft();
        staking.relock(seq, 10_000 ether, false);
        console2.log("relock", g - gasleft());

        _delegate(makeAddr("d"), seq, 1_000 ether);
        staking.distributeReward(seq, 100 ether);

        _cool();
        g = gasleft();
        staking.distributeReward(seq, 100 ether);
        console2.log("distributeReward", g - gasleft());

        _cool();
        vm.prank(op);
        g = gasleft();
        staking.relock(seq, 0, true);
        console2.log("relock (compound only)", g - gasleft());

        _cool();
        vm.prank(makeAddr("d"));
        g = gasleft();
        staking.compound(seq);
        console2.log("compound", g - gasleft());

        _cool();
        vm.prank(op);
        g = gasleft();
        staking.withdrawLocked(seq, 5_000 ether);
        console2.log("withdrawLocked", g - gasleft());

        _cool();
        vm.prank(op);
        g = gasleft();
        staking.setCommission(seq, 2000);
        console2.log("setCommission", g - gasleft());

        vm.warp(block.timestamp + SIGNER_THROTTLE);
        _cool();
        vm.prank(op);
        g = gasleft();
        staking.updateSigner(seq, makeAddr("op-signer-2"));
        console2.log("updateSigner", g - gasleft());

        staking.distributeReward(seq, 100 ether);
        _cool();
        vm.prank(op);
        g = gasleft();
        staking.claimOperatorRewards(seq);
        console2.log("claimOperatorRewards", g - gasleft());

        (uint256 other,) = _register("other", 50_000 ether, 0);
        _delegate(makeAddr("d"), other, 1_000 ether);
        staking.distributeReward(seq, 100 ether);
        staking.distributeReward(other, 100 ether);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (seq, other);
        _cool();
        vm.prank(makeAddr("d"));
        g = gasleft();
        staking.claimAll(ids);
        console2.log("claimAll (2 sequencers)", g - gasleft());

        _cool();
        g = gasleft();
        staking.slash(seq, 500, uint64(block.timestamp), address(0), 0, "gas");
        console2.log("slash", g - gasleft());

        vm.warp(block.timestamp + JAIL_PERIOD);
        _cool();
        vm.prank(op);
        g = gasleft();
        staking.unjail(seq);
        console2.log("unjail", g - gasleft());

        _cool();
        vm.prank(op);
        g = gasleft();
        staking.unlock(seq);
        console2.log("unlock", g - gasleft());

        vm.warp(block.timestamp + EXIT_DELAY);
        _cool();
        vm.prank(op);
        g = gasleft();
        staking.unlockClaim(seq);
        console2.log("unlockClaim", g - gasleft());
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Exited));
    }

    /// @dev Logs the committee's cost of carrying one stake sync to L2 (2 of 3 attestations).
    function test_gas_busDeliveryOfAStakeSync() public {
        address[] memory ms = new address[](3);
        (ms[0], ms[1], ms[2]) = (makeAddr("m1"), makeAddr("m2"), makeAddr("m3"));
        vm.chainId(L2);
        MessageInbox inbox = new MessageInbox(L1, address(outbox), address(this), ms, 2, 0);
        SequencerSet set = new SequencerSet(address(inbox), address(staking), address(this), 10);
        BusMessage memory m = BusMessage({
            sourceChainId: L1,
            targetChainId: L2,
            outbox: address(outbox),
            inbox: address(inbox),
            nonce: 0,
            sender: address(staking),
            target: address(set),
            gasLimit: staking.L2_SYNC_GAS_LIMIT(),
            data: abi.encodeCall(SequencerSet.syncSequencer, (1, address(0x51), 50_000 ether, 1, 1))
        });
        vm.prank(ms[0]);
        uint256 g = gasleft();
        inbox.attest(m);
        console2.log("attest (below threshold)", g - gasleft());
        vm.cool(address(inbox));
        vm.cool(address(set));
        vm.prank(ms[1]);
        g = gasleft();
        inbox.attest(m);
        console2.log("attest (threshold, executes syncSequencer of a new sequencer)", g - gasleft());
        assertEq(set.weightOf(1), 50_000 ether);
    }
}
