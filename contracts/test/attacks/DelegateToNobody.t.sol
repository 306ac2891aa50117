// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {CommonsBase} from "../governance/CommonsBase.t.sol";

/// @notice docs/MECHANISMS.md §4.1 (createLock overriding delegate(0)): an account that chose to delegate to nobody
/// keeps that choice when it creates a lock, so nobody can rely on createLock to turn its METIS into votes for
/// itself against its stated choice (e.g. a custodian or a contract that must not vote).
contract DelegateToNobodyAttackTest is CommonsBase {
    address holder = makeAddr("holder");
    address fresh = makeAddr("fresh");

    function test_attack_createLockOverridesExplicitDelegateToNobody_fails() public {
        vm.prank(holder);
        ve.delegate(address(0));
        uint256 units = _lock(holder, 50_000 ether, MAX_LOCK);
        emit log_named_uint("holder's units", units);
        emit log_named_uint("votes self-delegated by createLock", ve.getVotes(holder));
        assertEq(ve.delegates(holder), address(0), "choice overridden");
        assertEq(ve.getVotes(holder), 0);
        assertEq(ve.totalUnits(), units, "the units still exist, undelegated");
        // a later lock (after withdrawing) keeps the choice too
        vm.warp(block.timestamp + MAX_LOCK + 1 days);
        vm.prank(holder);
        ve.withdraw();
        _lock(holder, 1 ether, MIN_LOCK);
        assertEq(ve.delegates(holder), address(0));
        // an account that never chose still gets the default: self-delegation
        uint256 u = _lock(fresh, 1 ether, MIN_LOCK);
        assertEq(ve.delegates(fresh), fresh);
        assertEq(ve.getVotes(fresh), u);
    }
}
