// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EcoNodeBase} from "../governance/EcoNodeBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {EcoNodeCouncil} from "../../src/l2/governance/EcoNodeCouncil.sol";

/// @dev The flash attacker: in one transaction it locks more units than the group pools, delegates them to the
/// group, joins, opens a steward motion naming itself, and tries to execute it.
contract FlashStewardHijacker {
    function attack(L2Metis metis, VeMetis ve, CommonsGroup g, uint256 amount) external returns (uint256 motionId) {
        metis.approve(address(ve), amount);
        ve.createLock(amount, 7 days);
        ve.delegate(address(g));
        g.join();
        motionId = g.openStewardMotion(address(this));
        g.executeStewardMotion(motionId);
    }
}

/// docs/MECHANISMS.md §0, §4.2: capturing a Commons group's steward, and through it the group's Eco Node
/// seat. The group runs with the production profile: motion period 7 days (snapshot look-back and seat delay),
/// voting period 3 days, opening threshold 5% of the group's units.
contract StewardHijackTest is EcoNodeBase {
    uint48 internal constant PROD_MOTION_PERIOD = 7 days;
    uint48 internal constant PROD_VOTING_PERIOD = 3 days;

    address internal honest = makeAddr("honestSteward");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");
    address internal attacker = makeAddr("attacker");
    CommonsGroup internal g;

    function setUp() public override {
        super.setUp();
        registry.setStewardMotionPeriod(PROD_MOTION_PERIOD);
        registry.setStewardVotingPeriod(PROD_VOTING_PERIOD);
        registry.setStewardMotionThreshold(500);
        g = _group("Builders", honest, CommonsGroup.RemainderPolicy.FollowMajority);
        _lock(alice, 10_000 ether, MAX_LOCK); // 20k units
        _lock(bob, 5_000 ether, MAX_LOCK); // 10k
        _lock(carol, 2_500 ether, MAX_LOCK); // 5k
        _joinAndPool(g, alice);
        _joinAndPool(g, bob);
        _joinAndPool(g, carol);
        // the group holds an Eco Node seat, voted by its steward; two more nodes sit on the council
        _admitN(2);
        council.admit(address(g), "long-standing group");
        vm.warp(block.timestamp + 30 days);
    }

    /// What the group counts for `account` in a motion with `snapshot`: its units then, if delegated to it then.
    function _counted(address account, uint256 snapshot) internal view returns (uint256) {
        (address d, uint256 u) = ve.getPastDelegation(account, snapshot);
        return d == address(g) ? u : 0;
    }

    /// Lock more units than the group pools, delegate, and open + support + execute a motion in one transaction
    /// (or one second later): the motion counts units one motion period back, where the attacker had none.
    function test_attack_flashDelegateAndSeizeSteward_fails() public {
        uint256 pooled = g.pooledVotes();
        FlashStewardHijacker bot = new FlashStewardHijacker();
        uint256 amount = 50_000 ether; // 50,479 units for 7 days, more than the group's 35,000
        _fund(address(bot), amount);

        // one transaction: lock, delegate, join, open, execute
        uint256 snapshot = block.timestamp - PROD_MOTION_PERIOD;
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, address(bot), snapshot));
        bot.attack(metis, ve, g, amount);

        // the same steps as separate transactions in the same second, then one second later
        _lock(attacker, amount, 7 days);
        vm.startPrank(attacker);
        ve.delegate(address(g));
        g.join();
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, attacker, snapshot));
        g.openStewardMotion(attacker);
        vm.warp(block.timestamp + 1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, attacker, snapshot + 1));
        g.openStewardMotion(attacker);
        vm.stopPrank();

        // even a motion a member opens for the attacker's puppet cannot take the attacker's units
        vm.prank(carol);
        uint256 id = g.openStewardMotion(attacker);
        uint256 motionSnapshot = g.stewardMotion(id).snapshot;
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, attacker, motionSnapshot));
        g.voteStewardMotion(id);
        vm.warp(g.stewardMotion(id).deadline + 1);
        assertEq(uint8(g.stewardMotionState(id)), uint8(CommonsGroup.MotionState.Defeated));

        uint256 counted = _counted(attacker, g.stewardMotion(id).snapshot);
        emit log_named_decimal_uint("attacker's units now", ve.unitsOf(attacker), 18);
        emit log_named_decimal_uint("group's pooled units before the attack", pooled, 18);
        emit log_named_decimal_uint("attacker's units counted by the motion", counted, 18);
        assertEq(counted, 0);
        assertEq(g.steward(), honest);
    }

    /// A whale borrows METIS for the 7-day minimum lock, just over the group's pool, and delegates it. It can win a
    /// motion, but only after its week (it must wait a motion period for a snapshot that holds its units, then a
    /// voting period), it cannot vote the seat for a further motion period, and by then the members' counter-motion
    /// (whose snapshot is after the whale's lock ended) has restored their steward.
    function test_attack_borrowedWeekSeizesSteward_fails() public {
        uint256 pooled = g.pooledVotes(); // 35,000 units
        // the least METIS whose 7-day units beat the pool: units = amount x (1 + 7/730)
        uint256 amount = (pooled * MAX_LOCK) / (MAX_LOCK + 7 days) + 1 ether;
        uint256 t0 = block.timestamp;
        _lock(attacker, amount, 7 days);
        vm.startPrank(attacker);
        ve.delegate(address(g));
        g.join();
        vm.stopPrank();

        // inside its week the whale cannot open: the snapshot, one motion period back, is before it delegated
        for (uint256 dt = 1; dt < PROD_MOTION_PERIOD; dt += 1 days) {
            vm.warp(t0 + dt);
            vm.prank(attacker);
            vm.expectRevert(
                abi.encodeWithSelector(
                    CommonsGroup.NotDelegatedAtSnapshot.selector, attacker, t0 + dt - PROD_MOTION_PERIOD
                )
            );
            g.openStewardMotion(attacker);
        }

        // day 7: the lock ends (its METIS is free again), and the snapshot of a motion opened now holds its units
        vm.warp(t0 + PROD_MOTION_PERIOD);
        vm.prank(attacker);
        uint256 id = g.openStewardMotion(attacker);
        CommonsGroup.StewardMotion memory m = g.stewardMotion(id);
        assertGt(m.yesWeight * 2, m.pooledVotes);
        (, uint256 lockEnd,) = ve.lockOf(attacker); // lock ends round up to the next UTC midnight
        vm.warp(lockEnd);
        vm.prank(attacker);
        ve.withdraw();
        assertEq(ve.getVotes(address(g)), pooled); // its units are gone, the motion still counts them

        // the members cannot outvote it (the snapshot is fixed) and the steward cannot hand over meanwhile
        vm.prank(honest);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.StewardMotionOpen.selector, m.deadline));
        g.transferStewardship(alice);

        // day 10: the voting period is over; it executes and becomes steward
        vm.warp(m.deadline + 1);
        g.executeStewardMotion(id);
        assertEq(g.steward(), attacker);
        uint256 tookOffice = block.timestamp;

        // ... but it cannot vote the group's seat yet
        assertEq(council.voterOf(address(g)), address(0));
        uint256 pid = _succeeded();
        _open(pid);
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.NotNodeVoter.selector, address(g), attacker));
        council.castRatificationAs(address(g), pid, 2, "captured");

        // day 14-15: the members open a counter-motion one motion period after the whale's lock ended (lock ends
        // round up to a UTC midnight); its snapshot is at that end, so it counts 0 for the whale
        vm.warp(lockEnd + PROD_MOTION_PERIOD);
        vm.prank(alice);
        uint256 counter = g.openStewardMotion(honest);
        CommonsGroup.StewardMotion memory c = g.stewardMotion(counter);
        assertEq(_counted(attacker, c.snapshot), 0);
        vm.prank(bob);
        g.voteStewardMotion(counter);
        // the captured steward cannot hand the role to a puppet to dodge it
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.StewardMotionOpen.selector, c.deadline));
        g.transferStewardship(makeAddr("puppet"));
        vm.warp(c.deadline + 1);
        g.executeStewardMotion(counter);
        assertEq(g.steward(), honest);
        uint256 seatFrom = tookOffice + PROD_MOTION_PERIOD + PROD_VOTING_PERIOD;
        assertLt(block.timestamp, seatFrom); // before the whale's seat delay ran out
        assertNotEq(council.voterOf(address(g)), attacker);

        emit log_named_decimal_uint("group's pooled units", pooled, 18);
        emit log_named_decimal_uint("METIS the whale had to lock for 7 days", amount, 18);
        emit log_named_uint("days from the whale's lock to its steward office", (tookOffice - t0) / 1 days);
        emit log_named_uint("days from the whale's lock to its first possible seat vote", (seatFrom - t0) / 1 days);
        emit log_named_uint(
            "days from the whale's lock to the members' counter-motion executing", (block.timestamp - t0) / 1 days
        );
        emit log_named_uint("seat votes the whale cast", 0);
    }

    /// A sitting steward sees a members' motion against it and hands over to a sock puppet before the second
    /// supporter signs, hoping to void it: hand-overs are refused while a members' motion is open and never void one.
    function test_attack_stewardHandsOverToVoidMotion_fails() public {
        address puppet = makeAddr("puppet");
        address candidate = makeAddr("candidate");
        vm.prank(bob);
        uint256 id = g.openStewardMotion(candidate); // 10k of 35k
        // the steward front-runs alice's support with a hand-over
        uint256 openUntil = g.motionsOpenUntil();
        vm.prank(honest);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.StewardMotionOpen.selector, openUntil));
        g.transferStewardship(puppet);
        vm.prank(alice);
        g.voteStewardMotion(id); // 30k of 35k
        // once the voting period is over it may hand over, but the passed motion still executes
        vm.warp(g.stewardMotion(id).deadline + 1);
        vm.prank(honest);
        g.transferStewardship(puppet);
        assertEq(uint8(g.stewardMotionState(id)), uint8(CommonsGroup.MotionState.Succeeded));
        g.executeStewardMotion(id);
        assertEq(g.steward(), candidate);
        CommonsGroup.StewardMotion memory m = g.stewardMotion(id);
        emit log_named_decimal_uint("motion support", m.yesWeight, 18);
        emit log_named_decimal_uint("group's units at its snapshot", m.pooledVotes, 18);
        emit log_named_uint("motions voided by the hand-over", 0);
    }

    /// A new steward (here a puppet the old steward handed over to, or a motion's winner) votes the group's Eco Node
    /// seat at once: the seat has no voter for one motion period after a steward change.
    function test_attack_newStewardVotesSeatImmediately_fails() public {
        address puppet = makeAddr("puppet");
        uint256 pid = _succeeded();
        _open(pid);
        assertEq(council.voterOf(address(g)), honest);

        vm.prank(honest);
        g.transferStewardship(puppet);
        uint256 changedAt = block.timestamp;
        uint256 from = g.seatVotingFrom();
        assertEq(from, block.timestamp + PROD_MOTION_PERIOD + PROD_VOTING_PERIOD);
        assertEq(council.voterOf(address(g)), address(0));
        vm.prank(puppet);
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.NotNodeVoter.selector, address(g), puppet));
        council.castRatificationAs(address(g), pid, 1, "puppet");
        // nor does the old steward keep voting
        vm.prank(honest);
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.NotNodeVoter.selector, address(g), honest));
        council.castRatificationAs(address(g), pid, 1, "old steward");
        // nor the penalty and decisive-action motions, which go through the same check
        vm.prank(puppet);
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.NotNodeVoter.selector, address(g), puppet));
        council.openPenaltyMotion(address(g), _node(0), 100 ether, "puppet");

        // one second before the delay ends: still not; at the delay: yes
        vm.warp(from - 1);
        assertEq(council.voterOf(address(g)), address(0));
        vm.warp(from);
        assertEq(council.voterOf(address(g)), puppet);
        uint256 later = _succeeded();
        _open(later);
        vm.prank(puppet);
        council.castRatificationAs(address(g), later, 1, "after the delay");
        emit log_named_uint("days before a new steward votes the seat", (from - changedAt) / 1 days);
    }

    /// Free identities each lock dust, join, delegate and open motions to flood the group (pushing honest motions
    /// out of sight, blocking hand-overs): an opener needs 5% of the group's units at the snapshot, and has one
    /// open motion at a time.
    function test_attack_motionSpamByFreeIdentities_fails() public {
        uint256 n = 20;
        address[] memory sybils = new address[](n);
        for (uint256 i; i < n; ++i) {
            sybils[i] = address(uint160(0x5B0000 + i));
            _lock(sybils[i], 1 ether, MAX_LOCK);
            _joinAndPool(g, sybils[i]);
        }
        vm.warp(block.timestamp + PROD_MOTION_PERIOD + 1);
        uint256 opened;
        for (uint256 i; i < n; ++i) {
            vm.prank(sybils[i]);
            try g.openStewardMotion(sybils[i]) {
                ++opened;
            } catch (bytes memory reason) {
                assertEq(bytes4(reason), CommonsGroup.MotionThresholdNotMet.selector);
            }
        }
        // a member above the threshold gets one open motion, not a stream of them
        vm.prank(carol); // 5k of 35,040: 14%
        uint256 id = g.openStewardMotion(makeAddr("c1"));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.OpenerHasOpenMotion.selector, carol, id));
        g.openStewardMotion(makeAddr("c2"));
        emit log_named_uint("motions opened by 20 dust identities", opened);
        emit log_named_uint("open motions per opener", 1);
        assertEq(opened, 0);
        assertEq(g.stewardMotionCount(), 1);
    }
}
