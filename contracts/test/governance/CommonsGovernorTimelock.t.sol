// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";

/// @dev The shape EcoGovernor has: CommonsGovernor + GovernorTimelockControl + a ratification source.
/// Only `state` needs an explicit override. Both inheritance orders are checked.
contract TimelockedCommonsGovernor is CommonsGovernor, GovernorTimelockControl {
    mapping(uint256 => RatificationStatus) public status;

    constructor(IVotes token, TimelockController tl)
        CommonsGovernor(token, 5 minutes, 60 minutes, 10_000 ether, 4, 10 minutes)
        GovernorTimelockControl(tl)
    {}

    function setStatus(uint256 id, RatificationStatus s) external {
        status[id] = s;
    }

    function _ratificationStatus(uint256 id) internal view override returns (RatificationStatus) {
        return status[id];
    }

    function state(uint256 id) public view override(CommonsGovernor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(id);
    }

    function proposalNeedsQueuing(uint256 id) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(id);
    }

    function _queueOperations(uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(id, t, v, c, d);
    }

    function _executeOperations(uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(id, t, v, c, d);
    }

    function _cancel(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint256)
    {
        return super._cancel(t, v, c, d);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _propose(address[] memory t, uint256[] memory v, bytes[] memory c, string memory d, address p)
        internal
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super._propose(t, v, c, d, p);
    }

    function _tallyUpdated(uint256 id) internal override(Governor, CommonsGovernor) {
        super._tallyUpdated(id);
    }

    function queue(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        public
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super.queue(t, v, c, d);
    }

    function execute(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        public
        payable
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super.execute(t, v, c, d);
    }

    function proposalDeadline(uint256 id) public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalDeadline(id);
    }

    function proposalThreshold() public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalThreshold();
    }
}

/// @dev The other inheritance order: the gate must hold as well.
contract TimelockedCommonsGovernorReversed is GovernorTimelockControl, CommonsGovernor {
    mapping(uint256 => RatificationStatus) public status;

    constructor(IVotes token, TimelockController tl)
        CommonsGovernor(token, 5 minutes, 60 minutes, 10_000 ether, 4, 10 minutes)
        GovernorTimelockControl(tl)
    {}

    function setStatus(uint256 id, RatificationStatus s) external {
        status[id] = s;
    }

    function _ratificationStatus(uint256 id) internal view override returns (RatificationStatus) {
        return status[id];
    }

    function state(uint256 id) public view override(CommonsGovernor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(id);
    }

    function proposalNeedsQueuing(uint256 id) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(id);
    }

    function _queueOperations(uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(id, t, v, c, d);
    }

    function _executeOperations(uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(id, t, v, c, d);
    }

    function _cancel(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint256)
    {
        return super._cancel(t, v, c, d);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }

    function _propose(address[] memory t, uint256[] memory v, bytes[] memory c, string memory d, address p)
        internal
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super._propose(t, v, c, d, p);
    }

    function _tallyUpdated(uint256 id) internal override(Governor, CommonsGovernor) {
        super._tallyUpdated(id);
    }

    function queue(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        public
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super.queue(t, v, c, d);
    }

    function execute(address[] memory t, uint256[] memory v, bytes[] memory c, bytes32 d)
        public
        payable
        override(Governor, CommonsGovernor)
        returns (uint256)
    {
        return super.execute(t, v, c, d);
    }

    function proposalDeadline(uint256 id) public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalDeadline(id);
    }

    function proposalThreshold() public view override(Governor, CommonsGovernor) returns (uint256) {
        return super.proposalThreshold();
    }
}

contract CommonsGovernorTimelockTest is CommonsBase {
    TimelockController timelock;
    address proposer = makeAddr("proposer");
    bool reversed;

    function _deployGovernor() internal virtual override returns (CommonsGovernor) {
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        timelock = new TimelockController(2 days, none, anyone, address(this));
        CommonsGovernor gov = reversed
            ? CommonsGovernor(payable(address(new TimelockedCommonsGovernorReversed(ve, timelock))))
            : CommonsGovernor(payable(address(new TimelockedCommonsGovernor(ve, timelock))));
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gov));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gov));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        return gov;
    }

    function setUp() public virtual override {
        super.setUp();
        _lock(proposer, 100_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    function _setStatus(uint256 id, CommonsGovernor.RatificationStatus s) internal {
        TimelockedCommonsGovernor(payable(address(governor))).setStatus(id, s);
    }

    function _calls() internal view returns (address[] memory t, uint256[] memory v, bytes[] memory c) {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = address(governor);
        c[0] = abi.encodeCall(governor.setVotingPeriod, (uint32(2 hours)));
    }

    function test_queueNeedsRatificationThenTimelockExecutes() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, "tl");
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertTrue(governor.proposalNeedsQueuing(id));
        vm.expectRevert(
            abi.encodeWithSelector(
                CommonsGovernor.CommonsProposalNotRatified.selector, id, CommonsGovernor.RatificationStatus.Pending
            )
        );
        governor.queue(t, v, c, keccak256("tl"));
        vm.expectRevert(
            abi.encodeWithSelector(
                CommonsGovernor.CommonsProposalNotRatified.selector, id, CommonsGovernor.RatificationStatus.Pending
            )
        );
        governor.execute(t, v, c, keccak256("tl"));
        _setStatus(id, CommonsGovernor.RatificationStatus.Ratified);
        governor.queue(t, v, c, keccak256("tl"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        vm.warp(block.timestamp + 2 days);
        governor.execute(t, v, c, keccak256("tl"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(governor.votingPeriod(), 2 hours);
    }

    function test_rejectedIsDefeatedWithTimelock() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, "tl-rejected");
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        _setStatus(id, CommonsGovernor.RatificationStatus.Rejected);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        vm.expectRevert();
        governor.queue(t, v, c, keccak256("tl-rejected"));
    }
}

contract CommonsGovernorTimelockReversedTest is CommonsGovernorTimelockTest {
    function setUp() public override {
        reversed = true;
        super.setUp();
    }
}
