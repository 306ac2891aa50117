// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";

/// @dev Drives random sequences of locks, delegations, group switches, proposals, direct and group votes,
/// remainders, kicks and withdrawals, and keeps ghost records for the invariants.
contract CommonsHandler is Test {
    L2Metis public metis;
    VeMetis public ve;
    CommonsGovernor public governor;
    address public bridge;
    address public proposer;
    address[] public actors;
    CommonsGroup[] public groups;
    uint256[] public proposals;

    /// proposal => actor => number of successful group votes (any group)
    mapping(uint256 => mapping(address => uint256)) public groupVotesOf;
    /// proposal => actor => group the actor voted through
    mapping(uint256 => mapping(address => address)) public votedThrough;
    /// proposal => group => sum of member weights forwarded + remainder cast
    mapping(uint256 => mapping(address => uint256)) public castByGroup;
    /// set when a withdrawal of an expired lock failed
    bool public withdrawFailed;
    uint256 public calls;
    /// success counters (checked while writing this suite: every path below is reached within the default
    /// 64 runs x depth 64 at least once per run set; see CommonsHandlerSmokeTest for the remainder path)
    uint256 public groupVotesOk;
    uint256 public directVotesOk;
    uint256 public remaindersOk;
    uint256 public withdrawalsOk;
    uint256 public kicksOk;
    /// group => motion => sum of the supporters' weights the group reported (ghost of `yesWeight`)
    mapping(address => mapping(uint256 => uint256)) public motionSupport;
    /// set if a hand-over succeeded while one of the group's motions was open for support
    bool public handOverDuringOpenMotion;
    uint256 public motionsOpened;
    uint256 public motionVotesOk;
    uint256 public motionsExecuted;
    uint256 public handOversOk;

    constructor(
        L2Metis metis_,
        VeMetis ve_,
        CommonsGovernor governor_,
        address bridge_,
        address proposer_,
        CommonsGroup[] memory groups_
    ) {
        metis = metis_;
        ve = ve_;
        governor = governor_;
        bridge = bridge_;
        proposer = proposer_;
        for (uint256 i; i < groups_.length; ++i) groups.push(groups_[i]);
        for (uint256 i; i < 6; ++i) actors.push(makeAddr(string(abi.encodePacked("actor", i))));
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function groupCount() external view returns (uint256) {
        return groups.length;
    }

    function proposalCount() external view returns (uint256) {
        return proposals.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _proposal(uint256 seed) internal view returns (uint256) {
        // favour the newest proposal so that sequences often follow one proposal through its phases
        if (seed % 2 == 0) return proposals[proposals.length - 1];
        return proposals[(seed >> 1) % proposals.length];
    }

    // ----- actions ------------------------------------------------------------------------------------------

    function lock(uint256 actorSeed, uint256 amount, uint256 duration) external {
        address a = _actor(actorSeed);
        (uint256 locked,,) = ve.lockOf(a);
        if (locked != 0) return;
        amount = bound(amount, 1, 50_000 ether);
        duration = bound(duration, ve.minLockDuration(), ve.maxLockDuration());
        vm.prank(bridge);
        metis.mint(a, amount);
        vm.startPrank(a);
        metis.approve(address(ve), amount);
        ve.createLock(amount, duration);
        vm.stopPrank();
        ++calls;
    }

    function increase(uint256 actorSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        amount = bound(amount, 1, 10_000 ether);
        vm.prank(bridge);
        metis.mint(a, amount);
        vm.startPrank(a);
        metis.approve(address(ve), amount);
        try ve.increaseAmount(amount) {
            ++calls;
        } catch {}
        vm.stopPrank();
    }

    function extend(uint256 actorSeed, uint256 duration) external {
        address a = _actor(actorSeed);
        duration = bound(duration, 0, ve.maxLockDuration());
        vm.prank(a);
        try ve.extendLock(block.timestamp + duration) {
            ++calls;
        } catch {}
    }

    function delegateTo(uint256 actorSeed, uint256 targetSeed) external {
        address a = _actor(actorSeed);
        uint256 k = targetSeed % (actors.length + groups.length + 1);
        address to = k < actors.length
            ? actors[k]
            : k < actors.length + groups.length ? address(groups[k - actors.length]) : address(0);
        vm.prank(a);
        ve.delegate(to);
        ++calls;
    }

    function joinOrLeave(uint256 actorSeed, uint256 groupSeed) external {
        address a = _actor(actorSeed);
        CommonsGroup g = groups[groupSeed % groups.length];
        vm.prank(a);
        if (g.isMember(a)) g.leave();
        else g.join();
        ++calls;
    }

    function warp(uint256 seed) external {
        uint256 dt = seed % 10 == 0 ? bound(seed, 1 days, 20 days) : bound(seed, 1, 20 minutes);
        vm.warp(block.timestamp + dt);
    }

    // ----- steward motions -----------------------------------------------------------------------------------

    function openMotion(uint256 actorSeed, uint256 groupSeed, uint256 candidateSeed) external {
        address a = _actor(actorSeed);
        CommonsGroup g = groups[groupSeed % groups.length];
        vm.prank(a);
        try g.openStewardMotion(_actor(candidateSeed)) returns (uint256 id) {
            motionSupport[address(g)][id] = g.stewardMotion(id).yesWeight;
            ++motionsOpened;
        } catch {}
        ++calls;
    }

    function voteMotion(uint256 actorSeed, uint256 groupSeed, uint256 motionSeed) external {
        CommonsGroup g = groups[groupSeed % groups.length];
        uint256 n = g.stewardMotionCount();
        if (n == 0) return;
        uint256 id = motionSeed % n;
        address a = _actor(actorSeed);
        uint256 snapshot = g.stewardMotion(id).snapshot;
        vm.prank(a);
        try g.voteStewardMotion(id) {
            (address d, uint256 u) = ve.getPastDelegation(a, snapshot);
            assertEq(d, address(g));
            motionSupport[address(g)][id] += u;
            ++motionVotesOk;
        } catch {}
        ++calls;
    }

    function executeMotion(uint256 groupSeed, uint256 motionSeed) external {
        CommonsGroup g = groups[groupSeed % groups.length];
        uint256 n = g.stewardMotionCount();
        if (n == 0) return;
        try g.executeStewardMotion(motionSeed % n) {
            ++motionsExecuted;
        } catch {}
        ++calls;
    }

    function handOver(uint256 groupSeed, uint256 actorSeed) external {
        CommonsGroup g = groups[groupSeed % groups.length];
        bool open = block.timestamp <= g.motionsOpenUntil();
        uint256 n = g.stewardMotionCount();
        for (uint256 i; i < n; ++i) {
            if (g.stewardMotionState(i) == CommonsGroup.MotionState.Active) open = true;
        }
        vm.prank(g.steward());
        try g.transferStewardship(_actor(actorSeed)) {
            if (open) handOverDuringOpenMotion = true;
            ++handOversOk;
        } catch {}
        ++calls;
    }

    /// Jumps to the close of groups' internal voting on a proposal (where remainders become castable).
    function warpToInternalDeadline(uint256 propSeed, uint256 groupSeed) external {
        if (proposals.length == 0) return;
        uint256 t = groups[groupSeed % groups.length].internalVotingDeadline(_proposal(propSeed));
        if (t > block.timestamp) vm.warp(t);
    }

    function propose() external {
        if (proposals.length >= 6) return;
        address[] memory t = new address[](1);
        uint256[] memory v = new uint256[](1);
        bytes[] memory c = new bytes[](1);
        t[0] = address(governor);
        c[0] = abi.encodeCall(governor.setVotingPeriod, (uint32(2 hours)));
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, string(abi.encodePacked("p", proposals.length)));
        proposals.push(id);
        ++calls;
    }

    function directVote(uint256 actorSeed, uint256 propSeed, uint8 support) external {
        if (proposals.length == 0) return;
        address a = _actor(actorSeed);
        uint256 id = _proposal(propSeed);
        vm.prank(a);
        try governor.castVote(id, support % 3) {
            ++directVotesOk;
            ++calls;
        } catch {}
    }

    function groupVote(uint256 actorSeed, uint256 groupSeed, uint256 propSeed, uint8 support) external {
        if (proposals.length == 0) return;
        address a = _actor(actorSeed);
        uint256 id = _proposal(propSeed);
        CommonsGroup g = groups[groupSeed % groups.length];
        // Mostly vote through the group the actor was delegated to at the snapshot (if any), sometimes through
        // a random one (which must fail unless it is that group).
        uint256 snapshot = governor.proposalSnapshot(id);
        if (groupSeed % 4 != 0 && snapshot < block.timestamp) {
            address d = ve.getPastDelegate(a, snapshot);
            for (uint256 j; j < groups.length; ++j) {
                if (address(groups[j]) == d) g = groups[j];
            }
        }
        vm.prank(a);
        try g.castVote(id, support % 3, "r") returns (uint256 weight) {
            groupVotesOf[id][a] += 1;
            votedThrough[id][a] = address(g);
            castByGroup[id][address(g)] += weight;
            ++groupVotesOk;
            ++calls;
        } catch {}
    }

    function remainder(uint256 groupSeed, uint256 propSeed) external {
        if (proposals.length == 0) return;
        CommonsGroup g = groups[groupSeed % groups.length];
        uint256 id = _proposal(propSeed);
        if (groupSeed % 4 != 0) g = groups[groupSeed % 2 == 0 ? 0 : 2]; // mostly FollowMajority groups
        try g.castRemainder(id) returns (uint256 weight) {
            castByGroup[id][address(g)] += weight;
            ++remaindersOk;
            ++calls;
        } catch {}
    }

    function kick(uint256 actorSeed) external {
        try ve.kick(_actor(actorSeed)) {
            ++kicksOk;
            ++calls;
        } catch {}
    }

    function withdraw(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        (uint256 amount, uint256 end,) = ve.lockOf(a);
        if (amount == 0 || end > block.timestamp) return;
        uint256 balanceBefore = metis.balanceOf(a);
        vm.prank(a);
        try ve.withdraw() {
            if (metis.balanceOf(a) != balanceBefore + amount) withdrawFailed = true;
            ++withdrawalsOk;
            ++calls;
        } catch {
            withdrawFailed = true;
        }
    }
}

abstract contract CommonsInvariantSetup is StdInvariant, CommonsBase {
    CommonsHandler handler;
    address proposer = makeAddr("proposer");

    function setUp() public override {
        super.setUp();
        _lock(proposer, 20_000 ether, MAX_LOCK);
        CommonsGroup[] memory gs = new CommonsGroup[](3);
        gs[0] = _group("Majority", proposer, CommonsGroup.RemainderPolicy.FollowMajority);
        gs[1] = _group("None", proposer, CommonsGroup.RemainderPolicy.None);
        gs[2] = _group("Majority2", proposer, CommonsGroup.RemainderPolicy.FollowMajority);
        vm.warp(block.timestamp + 1);
        handler = new CommonsHandler(metis, ve, governor, bridge, proposer, gs);
        // every actor starts with a lock; actors 0-1 pool in group 0, 2-3 in group 2, 4 in group 1, 5 self
        for (uint256 k; k < handler.actorCount(); ++k) {
            address a = handler.actors(k);
            _lock(a, (k + 1) * 1_000 ether, MIN_LOCK + k * 30 days);
            if (k < 5) {
                vm.prank(a);
                ve.delegate(address(gs[k < 2 ? 0 : k < 4 ? 2 : 1]));
            }
        }
        vm.warp(block.timestamp + 1);
        targetContract(address(handler));
    }

}

contract CommonsInvariantTest is CommonsInvariantSetup {
    /// Total votes cast on a proposal never exceed the total voting units at its snapshot.
    function invariant_votesCastNeverExceedTotalUnitsAtSnapshot() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposals(i);
            uint256 snapshot = governor.proposalSnapshot(id);
            if (snapshot >= block.timestamp) continue;
            (uint256 a, uint256 f, uint256 ab) = governor.proposalVotes(id);
            assertLe(a + f + ab, ve.getPastTotalSupply(snapshot));
        }
    }

    /// A group never casts more than its votes at the snapshot; what it cast is exactly its members' weights
    /// plus its remainder.
    function invariant_groupNeverExceedsItsSnapshotVotes() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposals(i);
            uint256 snapshot = governor.proposalSnapshot(id);
            if (snapshot >= block.timestamp) continue;
            for (uint256 j; j < handler.groupCount(); ++j) {
                address g = address(handler.groups(j));
                uint256 used = governor.usedVotes(id, g);
                assertLe(used, ve.getPastVotes(g, snapshot));
                assertEq(used, handler.castByGroup(id, g));
            }
        }
    }

    /// No weight is counted twice: a member votes through at most one group per proposal, and only through
    /// the group it delegated to at the snapshot (so its units are not also in anyone else's votes).
    function invariant_noWeightCountedTwice() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 id = handler.proposals(i);
            uint256 snapshot = governor.proposalSnapshot(id);
            for (uint256 k; k < handler.actorCount(); ++k) {
                address a = handler.actors(k);
                uint256 n = handler.groupVotesOf(id, a);
                assertLe(n, 1);
                if (n == 1) assertEq(ve.getPastDelegate(a, snapshot), handler.votedThrough(id, a));
            }
        }
    }

    /// At every proposal snapshot, each group's votes are exactly the units of the accounts delegating to it
    /// then: member weights partition the group's votes, so no unit can be counted in two places.
    function invariant_groupVotesEqualDelegatedUnitsAtSnapshots() public view {
        for (uint256 i; i < handler.proposalCount(); ++i) {
            uint256 snapshot = governor.proposalSnapshot(handler.proposals(i));
            if (snapshot >= block.timestamp) continue;
            for (uint256 j; j < handler.groupCount(); ++j) {
                address g = address(handler.groups(j));
                uint256 sum;
                for (uint256 k; k < handler.actorCount(); ++k) {
                    (address d, uint256 u) = ve.getPastDelegation(handler.actors(k), snapshot);
                    if (d == g) sum += u;
                }
                assertEq(ve.getPastVotes(g, snapshot), sum);
            }
        }
    }

    /// A steward motion's support never exceeds the group's units at its snapshot (which it records), and equals
    /// the sum of its supporters' units at the snapshot; no hand-over ever happened while a motion was open.
    function invariant_motionTallyNeverExceedsSnapshotUnits() public view {
        for (uint256 j; j < handler.groupCount(); ++j) {
            CommonsGroup g = handler.groups(j);
            for (uint256 i; i < g.stewardMotionCount(); ++i) {
                CommonsGroup.StewardMotion memory m = g.stewardMotion(i);
                assertEq(m.pooledVotes, ve.getPastVotes(address(g), m.snapshot));
                assertLe(m.yesWeight, m.pooledVotes);
                assertEq(m.yesWeight, handler.motionSupport(address(g), i));
            }
        }
        assertFalse(handler.handOverDuringOpenMotion());
    }

    /// veMETIS accounting: units, votes and the METIS held all add up.
    function invariant_veAccounting() public view {
        uint256 units = ve.unitsOf(proposer);
        uint256 votes = ve.getVotes(proposer);
        uint256 undelegated;
        for (uint256 k; k < handler.actorCount(); ++k) {
            address a = handler.actors(k);
            units += ve.unitsOf(a);
            votes += ve.getVotes(a);
            if (ve.delegates(a) == address(0)) undelegated += ve.unitsOf(a);
        }
        for (uint256 j; j < handler.groupCount(); ++j) {
            votes += ve.getVotes(address(handler.groups(j)));
        }
        assertEq(units, ve.totalUnits());
        assertEq(votes + undelegated, ve.totalUnits());
        assertEq(ve.totalLocked(), metis.balanceOf(address(ve)));
    }

    /// Expired locks can always be withdrawn (tried for every actor on a copy of the state).
    function invariant_expiredLocksCanAlwaysBeWithdrawn() public {
        assertFalse(handler.withdrawFailed());
        uint256 snap = vm.snapshotState();
        for (uint256 k; k < handler.actorCount(); ++k) {
            address a = handler.actors(k);
            (uint256 amount, uint256 end,) = ve.lockOf(a);
            if (amount == 0 || end > block.timestamp) continue;
            vm.prank(a);
            assertEq(ve.withdraw(), amount);
        }
        vm.revertToState(snap);
    }
}

contract CommonsHandlerSmokeTest is CommonsInvariantSetup {
    function test_handlerReachesRemainder() public {
        handler.propose();
        handler.warp(10 minutes + 1); // small warp
        handler.groupVote(0, 1, 0, 1);
        assertEq(handler.groupVotesOk(), 1);
        handler.warpToInternalDeadline(0, 0);
        handler.remainder(0, 0);
        assertEq(handler.remaindersOk(), 1);
    }

    function test_handlerReachesStewardMotions() public {
        vm.warp(block.timestamp + MOTION_PERIOD);
        handler.openMotion(1, 0, 3); // actor 1 (group 0) names actor 3
        assertEq(handler.motionsOpened(), 1);
        handler.voteMotion(0, 0, 0);
        assertEq(handler.motionVotesOk(), 1);
        handler.handOver(0, 4); // refused: the motion is open
        assertEq(handler.handOversOk(), 0);
        vm.warp(block.timestamp + MOTION_VOTING + 1);
        handler.executeMotion(0, 0);
        assertEq(handler.motionsExecuted(), 1);
        handler.handOver(0, 4);
        assertEq(handler.handOversOk(), 1);
    }
}
