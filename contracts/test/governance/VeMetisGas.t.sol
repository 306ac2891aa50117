// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {GasMeter} from "./CommonsGas.t.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";

/// @dev Gas of veMETIS operations against a delegatee whose delegators' locks end on many different days: the
/// expiry schedule makes the cost depend on how many distinct expiry days pass between two writes (bounded by
/// the 730-day maximum), never on how many delegators there are.
contract VeMetisGasTest is GasMeter {
    address group = makeAddr("group");
    uint256 nonce;

    function setUp() public override {
        super.setUp();
        vm.warp(1_699_920_000); // a UTC midnight
        _coolList.push(address(ve));
        _coolList.push(address(metis));
    }

    function _fresh() internal returns (address a) {
        a = vm.addr(uint256(keccak256(abi.encode("ve-fresh", ++nonce))));
    }

    /// `n` delegators to `group`, their locks ending on days spread over the whole 7..730-day range.
    function _delegators(uint256 n) internal {
        for (uint256 i; i < n; ++i) {
            address a = _fresh();
            _lock(a, 100 ether + i, MIN_LOCK + (i % 724) * 1 days);
            vm.prank(a);
            ve.delegate(group);
        }
    }

    function _measure() internal returns (uint256 lock, uint256 delegate, uint256 pastVotes) {
        address h = _fresh();
        _fund(h, 1_000 ether);
        vm.warp(block.timestamp + 1);
        // Another lock ending on the same day, delegated to the group, in both worlds: the measured calls then
        // find that day's schedule entries already written (a fresh day costs the same two new slots for 1 or
        // 10,000 delegators; what is compared is the effect of the number of delegators).
        address w = _fresh();
        _lock(w, 1_000 ether, MAX_LOCK);
        vm.prank(w);
        ve.delegate(group);
        lock = _txGas(h, address(ve), abi.encodeCall(VeMetis.createLock, (1_000 ether, MAX_LOCK)));
        vm.warp(block.timestamp + 1);
        delegate = _txGas(h, address(ve), abi.encodeCall(IVotes.delegate, (group)));
        vm.warp(block.timestamp + 1);
        pastVotes = _txGas(h, address(ve), abi.encodeCall(VeMetis.getPastVotes, (group, block.timestamp - 1)));
    }

    /// Delegating to a group with 10,000 delegators (locks ending on 724 different days) costs what delegating
    /// to a group with one costs, within 2%.
    function test_gasIsConstantFromOneToTenThousandDelegators() public {
        _delegators(1);
        (uint256 lock1, uint256 delegate1, uint256 read1) = _measure();
        vm.pauseGasMetering();
        _delegators(9_999);
        vm.resumeGasMetering();
        (uint256 lockN, uint256 delegateN, uint256 readN) = _measure();
        console.log("1 delegator:      lock", lock1, "delegate", delegate1);
        console.log("10,000 delegators: lock", lockN, "delegate", delegateN);
        console.log("getPastVotes (1 / 10,000)", read1, readN);
        assertEq(ve.getVotes(group), ve.totalUnits() - 0); // every lock delegated to the group, none expired
        _within(lock1, lockN);
        _within(delegate1, delegateN);
        _within(read1, readN);
    }

    /// The bounded worst case: one lock ending on each of 724 consecutive days delegated to a group, then no
    /// write to the group for two years; a lookup at the end walks every expiry day once. A write to the group
    /// (any delegation change, or `poke`) folds the passed days in: later lookups are back to one read.
    function test_worstCaseExpiryWalk() public {
        for (uint256 i; i < 724; ++i) {
            address a = _fresh();
            _lock(a, 1 ether, MIN_LOCK + i * 1 days);
            vm.prank(a);
            ve.delegate(group);
        }
        uint256 last = block.timestamp;
        vm.warp(block.timestamp + MAX_LOCK + 2 days);
        uint256 walk = _txGas(address(this), address(ve), abi.encodeCall(VeMetis.getPastVotes, (group, last + MAX_LOCK)));
        uint256 settle = _txGas(address(this), address(ve), abi.encodeCall(VeMetis.poke, (group)));
        vm.warp(block.timestamp + 1);
        uint256 after_ = _txGas(address(this), address(ve), abi.encodeCall(VeMetis.getPastVotes, (group, block.timestamp - 1)));
        console.log("getPastVotes across 724 expiry days (worst case)", walk);
        console.log("poke folding them in", settle);
        console.log("getPastVotes after the poke", after_);
        assertEq(ve.getPastVotes(group, last + MAX_LOCK), 0);
        assertEq(ve.getPastVotes(group, last), ve.getPastTotalSupply(last));
        assertLt(walk, 2_500_000); // ~3,100 gas per expiry day walked; documented in ExpiringVotes
    }

    function _within(uint256 a, uint256 b) internal pure {
        uint256 hi = a > b ? a : b;
        uint256 lo = a > b ? b : a;
        assertLe((hi - lo) * 100, 2 * lo, "not within 2%");
    }
}
