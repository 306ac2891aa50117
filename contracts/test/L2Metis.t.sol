// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";

contract L2MetisTest is Test {
    L2Metis token;
    address bridge = makeAddr("bridge");
    address alice = makeAddr("alice");

    function setUp() public {
        token = new L2Metis(bridge);
    }

    function test_rejectsZeroBridge() public {
        vm.expectRevert(L2Metis.ZeroBridge.selector);
        new L2Metis(address(0));
    }

    function test_bridgeMintsAndEmits() public {
        vm.expectEmit(address(token));
        emit L2Metis.Deposited(alice, 7 ether);
        vm.prank(bridge);
        token.mint(alice, 7 ether);
        assertEq(token.balanceOf(alice), 7 ether);
    }

    function testFuzz_onlyBridgeMints(address caller) public {
        vm.assume(caller != bridge);
        vm.expectRevert(abi.encodeWithSelector(L2Metis.NotBridge.selector, caller));
        vm.prank(caller);
        token.mint(alice, 1);
    }

    function testFuzz_supplyNeverExceedsCap(uint256 first, uint256 second) public {
        first = bound(first, 0, token.CAP());
        second = bound(second, 1, type(uint128).max);
        vm.startPrank(bridge);
        token.mint(alice, first);
        if (first + second > token.CAP()) {
            vm.expectRevert(abi.encodeWithSelector(L2Metis.CapExceeded.selector, second, first));
        }
        token.mint(alice, second);
        vm.stopPrank();
        assertLe(token.totalSupply(), token.CAP());
    }

    function test_burnNeedsAllowance() public {
        vm.prank(bridge);
        token.mint(alice, 10 ether);

        vm.prank(bridge);
        vm.expectRevert();
        token.burn(alice, 1 ether);

        vm.prank(alice);
        token.approve(bridge, 4 ether);
        vm.expectEmit(address(token));
        emit L2Metis.Withdrawn(alice, 4 ether);
        vm.prank(bridge);
        token.burn(alice, 4 ether);
        assertEq(token.balanceOf(alice), 6 ether);
        assertEq(token.totalSupply(), 6 ether);
    }
}
