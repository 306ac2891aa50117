// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {MetisToken} from "../src/l1/MetisToken.sol";

contract MetisTokenTest is Test {
    MetisToken token;
    address treasury = makeAddr("treasury");
    uint256 ownerKey = 0xA11CE;
    address owner = vm.addr(ownerKey);

    function setUp() public {
        token = new MetisToken(treasury);
    }

    function test_mintsExactlyTheCapToTreasury() public view {
        assertEq(token.totalSupply(), 10_000_000 ether);
        assertEq(token.cap(), token.totalSupply());
        assertEq(token.balanceOf(treasury), token.cap());
        assertEq(token.symbol(), "METIS");
        assertEq(token.decimals(), 18);
    }

    function testFuzz_transferConservesSupply(address to, uint256 amount) public {
        vm.assume(to != address(0) && to != treasury);
        amount = bound(amount, 0, token.cap());
        vm.prank(treasury);
        token.transfer(to, amount);
        assertEq(token.balanceOf(to), amount);
        assertEq(token.balanceOf(treasury) + token.balanceOf(to), token.totalSupply());
    }

    function test_permitSetsAllowanceFromSignature() public {
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = _permitDigest(owner, spender, 5 ether, token.nonces(owner), deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);

        token.permit(owner, spender, 5 ether, deadline, v, r, s);
        assertEq(token.allowance(owner, spender), 5 ether);
        assertEq(token.nonces(owner), 1);

        // A signature is single-use.
        vm.expectRevert();
        token.permit(owner, spender, 5 ether, deadline, v, r, s);
    }

    function test_permitRejectsExpiredSignature() public {
        address spender = makeAddr("spender");
        uint256 deadline = block.timestamp + 1;
        bytes32 digest = _permitDigest(owner, spender, 1 ether, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(ownerKey, digest);
        vm.warp(deadline + 1);
        vm.expectRevert();
        token.permit(owner, spender, 1 ether, deadline, v, r, s);
    }

    function _permitDigest(address o, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                o,
                spender,
                value,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }
}
