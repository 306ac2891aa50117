// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor, Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingFractional} from "@openzeppelin/contracts/governance/extensions/GovernorCountingFractional.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {BaselineToken} from "./BaselineGovernor.sol";

/// @dev CommonsGovernor with a settable ratification status, standing in for the Eco Node gate.
contract RatifiableGovernor is CommonsGovernor {
    mapping(uint256 => RatificationStatus) public status;

    constructor(IVotes token) CommonsGovernor(token, 5 minutes, 60 minutes, 10_000 ether, 4, 10 minutes) {}

    bool public needsQueuing;

    function setStatus(uint256 id, RatificationStatus s) external {
        status[id] = s;
    }

    function setNeedsQueuing(bool v) external {
        needsQueuing = v;
    }

    /// @dev Stands in for GovernorTimelockControl's override.
    function proposalNeedsQueuing(uint256) public view override returns (bool) {
        return needsQueuing;
    }

    function _ratificationStatus(uint256 id) internal view override returns (RatificationStatus) {
        return status[id];
    }
}

/// @dev Reference: OpenZeppelin's own GovernorPreventLateQuorum, to check the lazy late-quorum rule against.
contract ReferenceGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingFractional,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum
{
    constructor(IVotes token)
        Governor("Reference")
        GovernorSettings(5 minutes, 60 minutes, 0)
        GovernorVotes(IERC5805(address(token)))
        GovernorVotesQuorumFraction(4)
        GovernorPreventLateQuorum(10 minutes)
    {}

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function quorum(uint256 t) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(t);
    }

    function proposalDeadline(uint256 id) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(id);
    }

    function _tallyUpdated(uint256 id) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(id);
    }
}

contract CommonsGovernorTest is CommonsBase {
    address proposer = makeAddr("proposer");
    address voterA = makeAddr("voterA");
    address voterB = makeAddr("voterB");

    function setUp() public override {
        super.setUp();
        _lock(proposer, 10_000 ether, 7 days); // 10,095.89 units >= threshold
        _lock(voterA, 100_000 ether, MAX_LOCK); // 200,000 units
        _lock(voterB, 50_000 ether, MAX_LOCK); // 100,000 units
        vm.warp(block.timestamp + 1);
    }

    function test_settingsAndModes() public view {
        assertEq(governor.name(), "Metis Commons");
        assertEq(governor.votingDelay(), VOTING_DELAY);
        assertEq(governor.votingPeriod(), VOTING_PERIOD);
        assertEq(governor.proposalThreshold(), THRESHOLD);
        assertEq(governor.quorumNumerator(), 4);
        assertEq(governor.lateQuorumVoteExtension(), VOTE_EXTENSION);
        assertEq(governor.clock(), block.timestamp);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.COUNTING_MODE(), "support=bravo,fractional&quorum=for,abstain&params=fractional");
        assertEq(address(governor.token()), address(ve));
        assertTrue(governor.supportsInterface(type(IGovernor).interfaceId));
    }

    function test_rejectsBlockNumberToken() public {
        BaselineToken bt = new BaselineToken();
        vm.expectRevert(CommonsGovernor.CommonsTokenClockNotTimestamp.selector);
        new CommonsGovernor(bt, 1, 100, 0, 4, 10);
    }

    function test_proposeNeedsThreshold() public {
        address small = makeAddr("small");
        _lock(small, 1_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.prank(small);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorInsufficientProposerVotes.selector, small, 2_000 ether, THRESHOLD
            )
        );
        governor.propose(t, v, c, "too small");
        uint256 id = _propose(proposer, "ok");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        assertEq(governor.proposalProposer(id), proposer);
        assertEq(governor.proposalSnapshot(id), block.timestamp + VOTING_DELAY);
        assertEq(governor.proposalDeadline(id), block.timestamp + VOTING_DELAY + VOTING_PERIOD);
        (uint256 snapshot, uint256 deadline) = governor.proposalTimepoints(id);
        assertEq(snapshot, governor.proposalSnapshot(id));
        assertEq(deadline, governor.proposalDeadline(id));
    }

    function test_fullLifecycleExecutes() public {
        uint256 id = _propose(proposer, "set period");
        _toActive(id);
        vm.prank(voterA);
        governor.castVoteWithReason(id, 1, "for it");
        vm.prank(voterB);
        governor.castVote(id, 0);
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(id);
        assertEq(for_, 200_000 ether);
        assertEq(against, 100_000 ether);
        assertEq(abstain, 0);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        governor.execute(t, v, c, keccak256("set period"));
        assertEq(governor.votingPeriod(), 2 hours);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }

    function test_quorumIsFourPercentOfUnitsAtSnapshot() public {
        uint256 id = _propose(proposer, "q");
        _toActive(id);
        uint256 snapshot = governor.proposalSnapshot(id);
        assertEq(governor.quorum(snapshot), ve.getPastTotalSupply(snapshot) * 4 / 100);
        // the proposer alone (10,095 units) is below 4% of ~310k units
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_directFractionalVoteAndLimits() public {
        uint256 id = _propose(proposer, "f");
        _toActive(id);
        vm.startPrank(voterA);
        governor.castVoteWithReasonAndParams(id, 255, "split", abi.encodePacked(uint128(1 ether), uint128(2 ether), uint128(3 ether)));
        assertEq(governor.usedVotes(id, voterA), 6 ether);
        vm.expectRevert(
            abi.encodeWithSelector(
                GovernorCountingFractional.GovernorExceedRemainingWeight.selector, voterA, 200_000 ether, 200_000 ether - 6 ether
            )
        );
        governor.castVoteWithReasonAndParams(id, 255, "", abi.encodePacked(uint128(0), uint128(200_000 ether), uint128(0)));
        governor.castVote(id, 1); // the rest
        assertEq(governor.usedVotes(id, voterA), 200_000 ether);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voterA));
        governor.castVote(id, 1);
        vm.stopPrank();
    }

    function test_noVotesBeforeSnapshotOrWithoutWeight() public {
        uint256 id = _propose(proposer, "s");
        vm.prank(voterA);
        vm.expectRevert();
        governor.castVote(id, 1);
        _toActive(id);
        address nobody = makeAddr("nobody");
        vm.prank(nobody);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, nobody));
        governor.castVote(id, 1);
    }

    function test_lateQuorumExtendsDeadline() public {
        uint256 id = _propose(proposer, "late");
        uint256 deadline = governor.proposalDeadline(id);
        vm.warp(deadline - 1 minutes);
        vm.expectEmit(address(governor));
        emit CommonsGovernor.ProposalExtended(id, uint64(block.timestamp + VOTE_EXTENSION));
        vm.prank(voterA);
        governor.castVote(id, 1);
        assertEq(governor.proposalDeadline(id), block.timestamp + VOTE_EXTENSION);
        vm.warp(deadline + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vm.prank(voterB);
        governor.castVote(id, 0); // still possible thanks to the extension
    }

    function test_earlyQuorumDoesNotExtendLaterVotes() public {
        uint256 id = _propose(proposer, "early");
        uint256 deadline = governor.proposalDeadline(id);
        _toActive(id);
        vm.prank(voterA);
        governor.castVote(id, 1); // quorum reached early: nothing to evaluate yet
        vm.warp(deadline - 1 minutes);
        vm.prank(voterB);
        governor.castVote(id, 0); // in the late window: learns quorum was reached before
        assertEq(governor.proposalDeadline(id), deadline);
    }

    function test_lateQuorumExtensionGovernanceOnly() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setLateQuorumVoteExtension(1);
        vm.prank(address(governor));
        vm.expectRevert(
            abi.encodeWithSelector(
                CommonsGovernor.GovernorPreventLateQuorumVoteExtensionTooLarge.selector, VOTING_PERIOD + 1, VOTING_PERIOD
            )
        );
        governor.setLateQuorumVoteExtension(VOTING_PERIOD + 1);
        vm.prank(address(governor));
        governor.setLateQuorumVoteExtension(5 minutes);
        assertEq(governor.lateQuorumVoteExtension(), 5 minutes);
    }

    /// Differential: the lazy late-quorum rule gives the same deadline and states as OpenZeppelin's
    /// GovernorPreventLateQuorum for any sequence of votes at any times.
    function testFuzz_lateQuorumMatchesOpenZeppelin(uint256 seed) public {
        ReferenceGovernor ref = new ReferenceGovernor(ve);
        address[8] memory voters;
        for (uint256 i; i < 8; ++i) {
            voters[i] = makeAddr(string(abi.encodePacked("fv", i)));
            _lock(voters[i], (1 + uint256(keccak256(abi.encode(seed, "amt", i))) % 8_000) * 1 ether, MAX_LOCK);
        }
        vm.warp(block.timestamp + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, "diff");
        vm.prank(proposer);
        uint256 refId = ref.propose(t, v, c, "diff");
        assertEq(governor.proposalDeadline(id), ref.proposalDeadline(refId));
        _toActive(id);
        uint256 start = block.timestamp;
        for (uint256 i; i < 8; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            // times spread over the period and past the original deadline
            uint256 at = start + (r % (VOTING_PERIOD + VOTE_EXTENSION));
            if (at > block.timestamp) vm.warp(at);
            uint8 support = uint8((r >> 64) % 3);
            bool active = governor.state(id) == IGovernor.ProposalState.Active;
            assertEq(active, ref.state(refId) == IGovernor.ProposalState.Active);
            if (!active) break;
            vm.prank(voters[i]);
            governor.castVote(id, support);
            vm.prank(voters[i]);
            ref.castVote(refId, support);
            assertEq(governor.proposalDeadline(id), ref.proposalDeadline(refId));
        }
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(ref.state(refId)));
    }
}

contract RatificationHookTest is CommonsBase {
    RatifiableGovernor rgov;
    address proposer = makeAddr("proposer");

    function _deployGovernor() internal override returns (CommonsGovernor) {
        rgov = new RatifiableGovernor(ve);
        return rgov;
    }

    function setUp() public override {
        super.setUp();
        _lock(proposer, 100_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    function _succeeded() internal returns (uint256 id) {
        id = _propose(proposer, "gated");
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    function test_pendingRatificationBlocksExecution() public {
        uint256 id = _succeeded();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        assertEq(uint8(governor.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Pending));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                CommonsGovernor.CommonsProposalNotRatified.selector, id, CommonsGovernor.RatificationStatus.Pending
            )
        );
        governor.execute(t, v, c, keccak256("gated"));
    }

    function test_rejectedReportsDefeated() public {
        uint256 id = _succeeded();
        rgov.setStatus(id, CommonsGovernor.RatificationStatus.Rejected);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.expectRevert();
        governor.execute(t, v, c, keccak256("gated"));
    }

    function test_ratifiedExecutes() public {
        uint256 id = _succeeded();
        rgov.setStatus(id, CommonsGovernor.RatificationStatus.Ratified);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        governor.execute(t, v, c, keccak256("gated"));
        assertEq(governor.votingPeriod(), 2 hours);
    }

    function test_queueChecksRatificationFirst() public {
        uint256 id = _succeeded();
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                CommonsGovernor.CommonsProposalNotRatified.selector, id, CommonsGovernor.RatificationStatus.Pending
            )
        );
        governor.queue(t, v, c, keccak256("gated"));
        rgov.setStatus(id, CommonsGovernor.RatificationStatus.Ratified);
        // past the gate; without a timelock, queuing is not required (as in a plain Governor)
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorProposalQueueingNotRequired.selector, id));
        governor.queue(t, v, c, keccak256("gated"));
        // with queuing required but no timelock module to queue into, the base Governor fails to queue
        rgov.setNeedsQueuing(true);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorProposalQueueingFailed.selector, id));
        governor.queue(t, v, c, keccak256("gated"));
    }

}
