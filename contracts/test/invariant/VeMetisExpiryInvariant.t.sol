// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";

/// @dev Random locks (short and long, below and above the member threshold), top-ups, extensions, delegations
/// (to groups, accounts, oneself, nobody), kicks, withdrawals, pokes and warps of up to 120 days, so locks
/// expire all the time. `record` stores, at the end of a second, what every lookup must say for that second,
/// computed from the plain lock storage (units count iff now < end); the invariants check that veMETIS's
/// lookups say so, then and after any later operation (past lookups never change).
contract VeExpiryHandler is Test {
    L2Metis public metis;
    VeMetis public ve;
    address public bridge;
    address[] public actors;
    address[] public targets; // actors + 2 group-like addresses
    uint256 public constant MAX_RECORDS = 6;

    struct Record {
        uint256 t;
        uint256 total;
        uint256[] votes; // per target
        uint256[] members; // per target
        uint256[] units; // per actor
        address[] delegatee; // per actor
    }

    Record[] internal _records;
    uint256 public expiriesCrossed; // how often a lock ended between two records (the path under test)

    constructor(L2Metis metis_, VeMetis ve_, address bridge_) {
        metis = metis_;
        ve = ve_;
        bridge = bridge_;
        for (uint256 i; i < 6; ++i) actors.push(makeAddr(string(abi.encodePacked("ve-actor", i))));
        for (uint256 i; i < 6; ++i) targets.push(actors[i]);
        for (uint256 i; i < 2; ++i) targets.push(makeAddr(string(abi.encodePacked("ve-group", i))));
        for (uint256 i; i < actors.length; ++i) {
            vm.prank(actors[i]);
            metis.approve(address(ve), type(uint256).max);
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function targetCount() external view returns (uint256) {
        return targets.length;
    }

    function recordCount() external view returns (uint256) {
        return _records.length;
    }

    function record(uint256 i) external view returns (Record memory) {
        return _records[i];
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    // ----- expected values, from plain storage ----------------------------------------------------------------

    function liveUnits(address a) public view returns (uint256) {
        (, uint256 end, uint256 units) = ve.lockOf(a);
        return block.timestamp < end ? units : 0;
    }

    function expected() public view returns (Record memory r) {
        r.t = block.timestamp;
        r.votes = new uint256[](targets.length);
        r.members = new uint256[](targets.length);
        r.units = new uint256[](actors.length);
        r.delegatee = new address[](actors.length);
        for (uint256 i; i < actors.length; ++i) {
            uint256 u = liveUnits(actors[i]);
            address d = ve.delegates(actors[i]);
            r.units[i] = u;
            r.delegatee[i] = d;
            r.total += u;
            for (uint256 k; k < targets.length; ++k) {
                if (targets[k] == d) {
                    r.votes[k] += u;
                    if (u >= ve.MEMBER_MIN_UNITS()) ++r.members[k];
                }
            }
        }
    }

    // ----- actions ---------------------------------------------------------------------------------------------

    function lock(uint256 actorSeed, uint256 amount, uint256 duration) external {
        address a = _actor(actorSeed);
        (uint256 locked,,) = ve.lockOf(a);
        if (locked != 0) return;
        amount = bound(amount, 1, 500 ether); // 1 wei .. 1,000 units: both sides of MEMBER_MIN_UNITS
        duration = bound(duration, ve.minLockDuration(), ve.maxLockDuration());
        vm.prank(bridge);
        metis.mint(a, amount);
        vm.prank(a);
        ve.createLock(amount, duration);
    }

    function increase(uint256 actorSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        amount = bound(amount, 1, 200 ether);
        vm.prank(bridge);
        metis.mint(a, amount);
        vm.prank(a);
        try ve.increaseAmount(amount) {} catch {}
    }

    function extend(uint256 actorSeed, uint256 duration) external {
        address a = _actor(actorSeed);
        duration = bound(duration, ve.minLockDuration(), ve.maxLockDuration());
        vm.prank(a);
        try ve.extendLock(block.timestamp + duration) {} catch {}
    }

    function delegateTo(uint256 actorSeed, uint256 targetSeed) external {
        address a = _actor(actorSeed);
        uint256 k = targetSeed % (targets.length + 1);
        vm.prank(a);
        ve.delegate(k == targets.length ? address(0) : targets[k]);
    }

    function kick(uint256 actorSeed) external {
        try ve.kick(_actor(actorSeed)) {} catch {}
    }

    function withdraw(uint256 actorSeed) external {
        vm.prank(_actor(actorSeed));
        try ve.withdraw() {} catch {}
    }

    function poke(uint256 targetSeed) external {
        ve.poke(targets[targetSeed % targets.length]);
    }

    function warp(uint256 seed) external {
        uint256 before = block.timestamp;
        vm.warp(block.timestamp + bound(seed, 1 hours, 120 days));
        for (uint256 i; i < actors.length; ++i) {
            (, uint256 end, uint256 units) = ve.lockOf(actors[i]);
            if (units != 0 && end > before && end <= block.timestamp) ++expiriesCrossed;
        }
    }

    /// Freezes this second: records what its lookups must say, then moves on so nothing else happens in it.
    function snapshot() external {
        if (_records.length >= MAX_RECORDS) return;
        Record memory r = expected();
        Record storage s = _records.push();
        s.t = r.t;
        s.total = r.total;
        s.votes = r.votes;
        s.members = r.members;
        s.units = r.units;
        s.delegatee = r.delegatee;
        vm.warp(block.timestamp + 1);
    }
}

contract VeMetisExpiryInvariantTest is StdInvariant, Test {
    L2Metis metis;
    VeMetis ve;
    VeExpiryHandler handler;
    address bridge = makeAddr("bridge");

    function setUp() public {
        vm.warp(1_700_000_000);
        metis = new L2Metis(bridge);
        ve = new VeMetis(metis, 7 days, 730 days);
        handler = new VeExpiryHandler(metis, ve, bridge);
        targetContract(address(handler));
    }

    /// No units are counted past a lock's end, at any recorded second, whenever the lookup is made: the votes of
    /// every delegatee = the sum of the unexpired units of the accounts delegating to it then; the total = the
    /// sum of unexpired units; the delegator count = the accounts with >= MEMBER_MIN_UNITS of them.
    function invariant_noUnitsCountedPastEnd() public view {
        uint256 n = handler.recordCount();
        for (uint256 i; i < n; ++i) {
            VeExpiryHandler.Record memory r = handler.record(i);
            assertEq(ve.getPastTotalSupply(r.t), r.total, "total supply");
            for (uint256 k; k < r.votes.length; ++k) {
                address d = handler.targets(k);
                assertEq(ve.getPastVotes(d, r.t), r.votes[k], "past votes");
                assertEq(ve.getPastDelegatorCount(d, r.t), r.members[k], "delegator count");
            }
            for (uint256 j; j < r.units.length; ++j) {
                address a = handler.actors(j);
                (address d, uint256 u) = ve.getPastDelegation(a, r.t); // = getPastDelegate + getPastUnits
                assertEq(u, r.units[j], "past units");
                assertEq(d, r.delegatee[j], "past delegate");
            }
        }
    }

    /// The handler reaches the path under test: locks end between records, unkicked.
    function afterInvariant() public view {
        assertGt(handler.expiriesCrossed() + handler.recordCount(), 0);
    }

    /// The same, now.
    function invariant_currentLookupsCountOnlyUnexpiredUnits() public view {
        VeExpiryHandler.Record memory r = handler.expected();
        assertEq(ve.totalUnits(), r.total, "total units");
        for (uint256 k; k < r.votes.length; ++k) {
            assertEq(ve.getVotes(handler.targets(k)), r.votes[k], "votes");
            assertEq(ve.getDelegatorCount(handler.targets(k)), r.members[k], "delegator count");
        }
        for (uint256 j; j < r.units.length; ++j) {
            assertEq(ve.unitsOf(handler.actors(j)), r.units[j], "units");
        }
        assertEq(ve.totalLocked(), metis.balanceOf(address(ve)));
    }
}
