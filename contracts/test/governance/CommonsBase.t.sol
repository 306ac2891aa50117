// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {CommonsRegistry} from "../../src/l2/governance/CommonsRegistry.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";

/// @dev Shared deployment of the Commons with a local-style profile (minutes).
abstract contract CommonsBase is Test {
    uint48 internal constant VOTING_DELAY = 5 minutes;
    uint32 internal constant VOTING_PERIOD = 60 minutes;
    uint256 internal constant THRESHOLD = 10_000 ether;
    uint48 internal constant VOTE_EXTENSION = 10 minutes;
    uint48 internal constant WINDOW = 10 minutes;
    uint48 internal constant MOTION_PERIOD = 30 minutes;
    uint48 internal constant MOTION_VOTING = 20 minutes;
    uint16 internal constant MOTION_THRESHOLD_BPS = 500;
    uint256 internal constant MIN_LOCK = 7 days;
    uint256 internal constant MAX_LOCK = 730 days;

    L2Metis internal metis;
    VeMetis internal ve;
    CommonsGovernor internal governor;
    CommonsRegistry internal registry;
    address internal bridge = makeAddr("bridge");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        metis = new L2Metis(bridge);
        ve = new VeMetis(metis, MIN_LOCK, MAX_LOCK);
        governor = _deployGovernor();
        registry = new CommonsRegistry(
            ve, governor, address(this), WINDOW, MOTION_PERIOD, MOTION_VOTING, MOTION_THRESHOLD_BPS
        );
    }

    function _deployGovernor() internal virtual returns (CommonsGovernor) {
        return new CommonsGovernor(ve, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 4, VOTE_EXTENSION);
    }

    function _fund(address who, uint256 amount) internal {
        vm.prank(bridge);
        metis.mint(who, amount);
        vm.prank(who);
        metis.approve(address(ve), type(uint256).max);
    }

    function _lock(address who, uint256 amount, uint256 duration) internal returns (uint256 units) {
        _fund(who, amount);
        vm.prank(who);
        units = ve.createLock(amount, duration);
    }

    function _group(string memory name, address steward, CommonsGroup.RemainderPolicy policy)
        internal
        returns (CommonsGroup)
    {
        return CommonsGroup(registry.createGroup(name, "ipfs://meta", steward, policy));
    }

    function _joinAndPool(CommonsGroup g, address who) internal {
        vm.startPrank(who);
        g.join();
        ve.delegate(address(g));
        vm.stopPrank();
    }

    /// @dev A proposal that calls the governor's own setter (executable by governance).
    function _proposalCall(uint256 newPeriod)
        internal
        view
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = address(governor);
        calldatas[0] = abi.encodeCall(governor.setVotingPeriod, (uint32(newPeriod)));
    }

    function _propose(address proposer, string memory description) internal returns (uint256 id) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.prank(proposer);
        id = governor.propose(t, v, c, description);
    }

    function _toActive(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }
}
