// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {BaselineGovernor, BaselineToken} from "./BaselineGovernor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";

/// @dev Measures the gas of one call as a standalone transaction would pay it: every contract's account and
/// storage cold (vm.cool), the called contract's account warm (it is the transaction's `to`), plus the
/// intrinsic 21,000 and calldata cost.
abstract contract GasMeter is CommonsBase {
    address[] internal _coolList;

    function _txGas(address from, address target, bytes memory data) internal returns (uint256 gasUsed) {
        for (uint256 i; i < _coolList.length; ++i) vm.cool(_coolList[i]);
        uint256 warm = target.balance; // warms the `to` account only
        warm;
        vm.prank(from);
        uint256 before = gasleft();
        (bool ok, bytes memory ret) = target.call(data);
        gasUsed = before - gasleft();
        if (!ok) {
            assembly { revert(add(ret, 32), mload(ret)) }
        }
        gasUsed += 21_000 + _calldataGas(data);
    }

    function _calldataGas(bytes memory data) internal pure returns (uint256 g) {
        for (uint256 i; i < data.length; ++i) g += data[i] == 0 ? 4 : 16;
    }
}

contract GasProbeTest is GasMeter {
    function test_probe() public {
        // baseline
        BaselineToken bt = new BaselineToken();
        BaselineGovernor bg = new BaselineGovernor(bt);
        address a = makeAddr("a"); address b = makeAddr("b");
        bt.mint(a, 100 ether); bt.mint(b, 100 ether);
        vm.prank(a); bt.delegate(a);
        vm.prank(b); bt.delegate(b);
        vm.roll(block.number + 1);
        address[] memory t = new address[](1); uint256[] memory v = new uint256[](1); bytes[] memory c = new bytes[](1);
        t[0] = address(bg);
        vm.prank(a);
        uint256 bid = bg.propose(t, v, c, "x");
        vm.roll(block.number + 2);
        delete _coolList; _coolList.push(address(bg)); _coolList.push(address(bt));
        uint256 g1 = _txGas(a, address(bg), abi.encodeCall(IGovernor.castVote, (bid, 1)));
        uint256 g2 = _txGas(b, address(bg), abi.encodeCall(IGovernor.castVote, (bid, 1)));
        console.log("baseline first", g1, "second", g2);

        // ours
        address p = makeAddr("p");
        _lock(p, 20_000 ether, MAX_LOCK);
        _lock(a, 100 ether, MAX_LOCK);
        _lock(b, 100 ether, MAX_LOCK);
        address m1 = makeAddr("m1"); address m2 = makeAddr("m2");
        CommonsGroup grp = _group("g", p, CommonsGroup.RemainderPolicy.FollowMajority);
        _lock(m1, 100 ether, MAX_LOCK); _lock(m2, 100 ether, MAX_LOCK);
        _joinAndPool(grp, m1); _joinAndPool(grp, m2);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(p, "y");
        _toActive(id);
        delete _coolList; _coolList.push(address(governor)); _coolList.push(address(ve)); _coolList.push(address(grp)); _coolList.push(address(registry));
        g1 = _txGas(a, address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        g2 = _txGas(b, address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        console.log("ours first", g1, "second", g2);
        g1 = _txGas(m1, address(grp), abi.encodeCall(CommonsGroup.castVote, (id, 1, "")));
        g2 = _txGas(m2, address(grp), abi.encodeCall(CommonsGroup.castVote, (id, 1, "")));
        console.log("group first", g1, "second", g2);
    }
}
