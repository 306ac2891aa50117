// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {CommonsRegistry} from "../../src/l2/governance/CommonsRegistry.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";

contract CommonsRegistryTest is CommonsBase {
    address steward = makeAddr("steward");

    function test_createGroupRegistersAClone() public {
        address predicted = vm.computeCreateAddress(address(registry), vm.getNonce(address(registry)));
        vm.expectEmit(address(registry));
        emit CommonsRegistry.GroupCreated(
            0, predicted, address(this), steward, "Builders", "ipfs://meta", CommonsGroup.RemainderPolicy.None
        );
        CommonsGroup g = _group("Builders", steward, CommonsGroup.RemainderPolicy.None);
        assertEq(address(g), predicted);
        assertEq(registry.groupCount(), 1);
        assertEq(registry.groupAt(0), address(g));
        assertTrue(registry.isGroup(address(g)));
        assertEq(registry.groupId(address(g)), 0);
        assertEq(g.name(), "Builders");
        assertEq(g.metadataURI(), "ipfs://meta");
        assertEq(g.steward(), steward);
        assertEq(uint8(g.remainderPolicy()), uint8(CommonsGroup.RemainderPolicy.None));
        assertEq(g.createdAt(), block.timestamp);
        assertEq(address(g.governor()), address(governor));
        assertEq(address(g.veMetis()), address(ve));
        assertEq(g.registry(), address(registry));
        assertLt(address(g).code.length, 100); // an EIP-1167 clone
    }

    function test_createGroupValidates() public {
        vm.expectRevert(CommonsRegistry.InvalidName.selector);
        registry.createGroup("", "", steward, CommonsGroup.RemainderPolicy.None);
        vm.expectRevert(CommonsRegistry.InvalidName.selector);
        registry.createGroup(string(new bytes(65)), "", steward, CommonsGroup.RemainderPolicy.None);
        vm.expectRevert(CommonsRegistry.InvalidMetadataURI.selector);
        registry.createGroup("x", string(new bytes(513)), steward, CommonsGroup.RemainderPolicy.None);
        vm.expectRevert(CommonsRegistry.ZeroSteward.selector);
        registry.createGroup("x", "", address(0), CommonsGroup.RemainderPolicy.None);
        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.UnknownGroup.selector, steward));
        registry.groupId(steward);
    }

    function test_groupsCannotBeReinitialized() public {
        CommonsGroup g = _group("G", steward, CommonsGroup.RemainderPolicy.None);
        vm.prank(address(registry));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        g.initialize("x", "", steward, CommonsGroup.RemainderPolicy.None);
        CommonsGroup impl = CommonsGroup(registry.groupImplementation());
        vm.prank(address(registry));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        impl.initialize("x", "", steward, CommonsGroup.RemainderPolicy.None);
    }

    function test_foreignClonesCannotBeInitializedAndConstructorChecks() public {
        address fake = Clones.clone(registry.groupImplementation());
        vm.expectRevert(CommonsGroup.NotRegistry.selector);
        CommonsGroup(fake).initialize("x", "", steward, CommonsGroup.RemainderPolicy.None);
        assertFalse(registry.isGroup(fake));
        vm.expectRevert(CommonsRegistry.ZeroAddress.selector);
        new CommonsRegistry(
            ve, CommonsGovernor(payable(address(0))), address(this), WINDOW, MOTION_PERIOD, MOTION_VOTING, 500
        );
    }

    function test_parametersOwnerOnlyAndBounded() public {
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, steward));
        registry.setInternalVotingWindow(5 minutes);
        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidInternalVotingWindow.selector, 0, VOTING_PERIOD));
        registry.setInternalVotingWindow(0);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsRegistry.InvalidInternalVotingWindow.selector, VOTING_PERIOD, VOTING_PERIOD)
        );
        registry.setInternalVotingWindow(VOTING_PERIOD);
        vm.expectEmit(address(registry));
        emit CommonsRegistry.InternalVotingWindowSet(WINDOW, 5 minutes);
        registry.setInternalVotingWindow(5 minutes);
        assertEq(registry.internalVotingWindow(), 5 minutes);

        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardMotionPeriod.selector, 0));
        registry.setStewardMotionPeriod(0);
        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardMotionPeriod.selector, 91 days));
        registry.setStewardMotionPeriod(91 days);
        registry.setStewardMotionPeriod(1 days);
        assertEq(registry.stewardMotionPeriod(), 1 days);

        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardVotingPeriod.selector, 0));
        registry.setStewardVotingPeriod(0);
        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardVotingPeriod.selector, 31 days));
        registry.setStewardVotingPeriod(31 days);
        vm.expectEmit(address(registry));
        emit CommonsRegistry.StewardVotingPeriodSet(MOTION_VOTING, 3 days);
        registry.setStewardVotingPeriod(3 days);
        assertEq(registry.stewardVotingPeriod(), 3 days);

        vm.expectRevert(abi.encodeWithSelector(CommonsRegistry.InvalidStewardMotionThreshold.selector, 5_001));
        registry.setStewardMotionThreshold(5_001);
        vm.expectEmit(address(registry));
        emit CommonsRegistry.StewardMotionThresholdSet(MOTION_THRESHOLD_BPS, 1_000);
        registry.setStewardMotionThreshold(1_000);
        assertEq(registry.stewardMotionThresholdBps(), 1_000);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, steward));
        registry.setStewardMotionThreshold(0);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, steward));
        registry.setStewardVotingPeriod(1 days);
    }
}

contract CommonsGroupTest is CommonsBase {
    address steward = makeAddr("steward");
    address proposer = makeAddr("proposer");
    address m1 = makeAddr("m1");
    address m2 = makeAddr("m2");
    address m3 = makeAddr("m3");
    address outsider = makeAddr("outsider");
    CommonsGroup g;
    CommonsGroup h;

    function setUp() public override {
        super.setUp();
        _lock(proposer, 200_000 ether, MAX_LOCK); // 400k units
        _lock(m1, 10_000 ether, MAX_LOCK); // 20k
        _lock(m2, 5_000 ether, MAX_LOCK); // 10k
        _lock(m3, 2_500 ether, MAX_LOCK); // 5k
        _lock(outsider, 1_000 ether, MAX_LOCK); // 2k
        g = _group("Builders", steward, CommonsGroup.RemainderPolicy.FollowMajority);
        h = _group("Holders", steward, CommonsGroup.RemainderPolicy.None);
        _joinAndPool(g, m1);
        _joinAndPool(g, m2);
        _joinAndPool(g, m3);
        vm.warp(block.timestamp + 1);
    }

    // ----- membership ---------------------------------------------------------------------------------------

    function test_joinLeaveRoster() public {
        assertEq(g.memberCount(), 3);
        assertTrue(g.isMember(m1));
        vm.expectEmit(address(g));
        emit CommonsGroup.MemberLeft(m1);
        vm.prank(m1);
        g.leave();
        assertEq(g.memberCount(), 2);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotMember.selector, m1));
        g.leave();
        vm.expectEmit(address(g));
        emit CommonsGroup.MemberJoined(m1);
        vm.prank(m1);
        g.join();
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.AlreadyMember.selector, m1));
        g.join();
        assertEq(g.pooledVotes(), 35_000 ether);
    }

    function test_joinAndDelegateWithSignature() public {
        (address joiner, uint256 pk) = makeAddrAndKey("joiner");
        _lock(joiner, 100 ether, MAX_LOCK);
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = ve.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifying
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), address(h), 0, block.timestamp)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        // someone front-runs the signature straight into veMETIS: joining still works
        ve.delegateBySig(address(h), 0, block.timestamp, v, r, s);
        vm.prank(joiner);
        h.joinAndDelegate(0, block.timestamp, v, r, s);
        assertTrue(h.isMember(joiner));
        assertEq(ve.delegates(joiner), address(h));
        assertEq(h.pooledVotes(), 200 ether);
        // someone else's signature delegates someone else: rejected
        (address other, uint256 pk2) = makeAddrAndKey("other");
        structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), address(h), 0, block.timestamp)
        );
        (v, r, s) = vm.sign(pk2, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.DelegationFailed.selector, outsider));
        h.joinAndDelegate(0, block.timestamp, v, r, s);
        // the normal path: the signer joins with its own signature
        _lock(other, 50 ether, MAX_LOCK);
        vm.prank(other);
        h.joinAndDelegate(0, block.timestamp, v, r, s);
        assertEq(ve.delegates(other), address(h));
        assertEq(h.pooledVotes(), 300 ether);
        assertEq(h.memberCount(), 2);
    }

    // ----- pass-through voting ------------------------------------------------------------------------------

    function test_memberVoteIsForwardedAsFractionalVote() public {
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        assertEq(g.votingWeight(id, m1), 20_000 ether);
        vm.expectEmit(address(g));
        emit CommonsGroup.MemberVoteCast(id, m1, 1, 20_000 ether, "yes because");
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCastWithParams(
            address(g), id, 255, 20_000 ether, "yes because", abi.encodePacked(uint128(0), uint128(20_000 ether), uint128(0))
        );
        vm.prank(m1);
        assertEq(g.castVote(id, 1, "yes because"), 20_000 ether);
        vm.prank(m2);
        g.castVote(id, 0, "no");
        vm.prank(m3);
        g.castVote(id, 2, "meh");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(id);
        assertEq(for_, 20_000 ether);
        assertEq(against, 10_000 ether);
        assertEq(abstain, 5_000 ether);
        assertEq(governor.usedVotes(id, address(g)), 35_000 ether);
        (uint8 support, uint256 weight) = g.memberVote(id, m2);
        assertEq(support, 0);
        assertEq(weight, 10_000 ether);
        (uint256 ga, uint256 gf, uint256 gab,,) = g.proposalTally(id);
        assertEq(ga + gf + gab, 35_000 ether);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.AlreadyVoted.selector, id, m1));
        g.castVote(id, 0, "again");
    }

    function testFuzz_memberVoteRejectsBadSupport(uint8 support) public {
        support = uint8(bound(support, 3, 255));
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidSupport.selector, support));
        g.castVote(id, support, "");
    }

    function test_memberVoteNeedsDelegationAtSnapshot() public {
        uint256 id = _propose(proposer, "p");
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.ProposalNotActive.selector, id));
        g.castVote(id, 1, "");
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.ProposalNotActive.selector, 123));
        g.castVote(123, 1, "");
        _toActive(id);
        uint256 snapshot = governor.proposalSnapshot(id);
        // outsider delegates to the group after the snapshot: no weight for this proposal
        vm.prank(outsider);
        ve.delegate(address(g));
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, snapshot));
        g.castVote(id, 1, "");
        assertEq(g.votingWeight(id, outsider), 0);
        // a delegator with no units
        address empty = makeAddr("empty");
        vm.prank(empty);
        ve.delegate(address(g));
        uint256 id2 = _propose(proposer, "p2");
        _toActive(id2);
        uint256 snapshot2 = governor.proposalSnapshot(id2);
        vm.prank(empty);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NoWeight.selector, empty, snapshot2));
        g.castVote(id2, 1, "");
    }

    /// Switching groups or re-delegating after the snapshot never counts weight twice.
    function test_switchingAfterSnapshotCannotDoubleCount() public {
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m1);
        g.castVote(id, 1, "");
        // m1 moves to group h and to self: neither gives weight on this proposal again
        vm.prank(m1);
        ve.delegate(address(h));
        uint256 snapshot = governor.proposalSnapshot(id);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, m1, snapshot));
        h.castVote(id, 1, "");
        vm.prank(m1);
        ve.delegate(m1);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, m1));
        governor.castVote(id, 1);
        // m2 re-delegates before voting: its weight still belongs to g for this proposal
        vm.prank(m2);
        ve.delegate(m2);
        vm.prank(m2);
        g.castVote(id, 1, "");
        assertEq(governor.usedVotes(id, address(g)), 30_000 ether);
        assertLe(governor.usedVotes(id, address(g)), ve.getPastVotes(address(g), governor.proposalSnapshot(id)));
    }

    function test_internalWindowAndRemainderFollowMajority() public {
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m2);
        g.castVote(id, 0, "against");
        uint256 internalDeadline = governor.proposalDeadline(id) - WINDOW;
        assertEq(g.internalVotingDeadline(id), internalDeadline);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InternalVotingOpen.selector, id, internalDeadline));
        g.castRemainder(id);
        vm.warp(internalDeadline);
        vm.prank(m1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InternalVotingClosed.selector, id, internalDeadline));
        g.castVote(id, 1, "");
        vm.expectEmit(address(g));
        emit CommonsGroup.RemainderCast(id, outsider, 0, 25_000 ether);
        vm.prank(outsider);
        assertEq(g.castRemainder(id), 25_000 ether);
        (uint256 against,,) = governor.proposalVotes(id);
        assertEq(against, 35_000 ether);
        assertEq(governor.usedVotes(id, address(g)), 35_000 ether);
        (,,, uint256 rw, bool cast) = g.proposalTally(id);
        assertEq(rw, 25_000 ether);
        assertTrue(cast);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.RemainderAlreadyCast.selector, id));
        g.castRemainder(id);
    }

    function test_remainderNeedsStrictMajority() public {
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.warp(g.internalVotingDeadline(id));
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NoInternalMajority.selector, id));
        g.castRemainder(id); // nobody voted
    }

    function test_remainderTieIsNotCast() public {
        address m4 = makeAddr("m4");
        _lock(m4, 10_000 ether, MAX_LOCK);
        _joinAndPool(g, m4);
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m1);
        g.castVote(id, 1, "");
        vm.prank(m4);
        g.castVote(id, 0, "");
        vm.warp(g.internalVotingDeadline(id));
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NoInternalMajority.selector, id));
        g.castRemainder(id);
    }

    function test_remainderPolicyNone() public {
        vm.prank(m1);
        ve.delegate(address(h));
        vm.warp(block.timestamp + 1);
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m1);
        h.castVote(id, 1, "");
        vm.warp(h.internalVotingDeadline(id));
        vm.expectRevert(CommonsGroup.RemainderPolicyNone.selector);
        h.castRemainder(id);
    }

    function test_remainderNothingLeftAndAfterDeadline() public {
        uint256 id = _propose(proposer, "p");
        _toActive(id);
        vm.prank(m1);
        g.castVote(id, 1, "");
        vm.prank(m2);
        g.castVote(id, 1, "");
        vm.prank(m3);
        g.castVote(id, 1, "");
        vm.warp(g.internalVotingDeadline(id));
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NothingToCast.selector, id));
        g.castRemainder(id);
        uint256 id2 = _propose(proposer, "p2");
        _toActive(id2);
        vm.prank(m1);
        g.castVote(id2, 1, "");
        vm.warp(governor.proposalDeadline(id2) + 1);
        vm.expectRevert(); // governor: proposal no longer active
        g.castRemainder(id2);
    }

    // ----- steward ------------------------------------------------------------------------------------------

    function test_stewardProposesWithPooledVotes() public {
        // the steward has no units; the group's 35k pooled units clear the 10k threshold
        assertEq(ve.getVotes(steward), 0);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _proposalCall(2 hours);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotSteward.selector, outsider));
        g.propose(t, v, c, "group proposal");
        vm.prank(steward);
        uint256 id = g.propose(t, v, c, "group proposal");
        assertEq(governor.proposalProposer(id), address(g));
        vm.prank(steward);
        assertEq(g.cancelProposal(t, v, c, keccak256("group proposal")), id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        // a group below the threshold cannot propose
        vm.prank(steward);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, address(h), 0, THRESHOLD)
        );
        h.propose(t, v, c, "h proposal");
    }

    function test_stewardEditsMetadataAndHandsOver() public {
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotSteward.selector, outsider));
        g.setMetadataURI("x");
        vm.expectEmit(address(g));
        emit CommonsGroup.MetadataURIUpdated("ipfs://new");
        vm.prank(steward);
        g.setMetadataURI("ipfs://new");
        assertEq(g.metadataURI(), "ipfs://new");
        vm.prank(steward);
        vm.expectRevert(CommonsGroup.InvalidMetadataURI.selector);
        g.setMetadataURI(string(new bytes(513)));
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidSteward.selector, address(0)));
        g.transferStewardship(address(0));
        vm.expectEmit(address(g));
        emit CommonsGroup.StewardChanged(steward, m1, type(uint256).max, block.timestamp + MOTION_PERIOD + MOTION_VOTING);
        vm.prank(steward);
        g.transferStewardship(m1);
        assertEq(g.steward(), m1);
        // the new steward votes the Eco Node seat only one motion period later
        assertEq(g.seatVoter(), address(0));
        vm.warp(block.timestamp + MOTION_PERIOD + MOTION_VOTING - 1);
        assertEq(g.seatVoter(), address(0));
        vm.warp(block.timestamp + 1);
        assertEq(g.seatVoter(), m1);
    }

    /// Members' units count one motion period before the motion opened; it runs its voting period and passes
    /// with more than half of the group's units at that snapshot.
    function test_stewardReplacedByMajorityMotion() public {
        address candidate = makeAddr("candidate");
        vm.warp(block.timestamp + MOTION_PERIOD);
        uint256 snapshot = block.timestamp - MOTION_PERIOD;
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, snapshot));
        g.openStewardMotion(candidate);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidSteward.selector, steward));
        g.openStewardMotion(steward);

        vm.expectEmit(address(g));
        emit CommonsGroup.StewardMotionOpened(0, m2, candidate, snapshot, block.timestamp + MOTION_VOTING, 35_000 ether);
        vm.prank(m2);
        uint256 motionId = g.openStewardMotion(candidate); // 10k of 35k
        CommonsGroup.StewardMotion memory m = g.stewardMotion(motionId);
        assertEq(m.snapshot, snapshot);
        assertEq(m.openedAt, block.timestamp);
        assertEq(m.deadline, block.timestamp + MOTION_VOTING);
        assertEq(m.pooledVotes, 35_000 ether);
        assertEq(uint8(g.stewardMotionState(motionId)), uint8(CommonsGroup.MotionState.Active));
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionNotPassed.selector, motionId, 10_000 ether, 35_000 ether));
        g.executeStewardMotion(motionId);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.AlreadyVotedOnMotion.selector, motionId, m2));
        g.voteStewardMotion(motionId);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.OpenerHasOpenMotion.selector, m2, motionId));
        g.openStewardMotion(makeAddr("other"));
        vm.prank(m3);
        g.voteStewardMotion(motionId); // 15k of 35k: still not a majority
        vm.prank(m1);
        g.voteStewardMotion(motionId); // 35k
        // a majority, but the voting period runs to its end
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionNotExecutable.selector, motionId, CommonsGroup.MotionState.Active)
        );
        g.executeStewardMotion(motionId);
        vm.warp(m.deadline);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionNotExecutable.selector, motionId, CommonsGroup.MotionState.Active)
        );
        g.executeStewardMotion(motionId);
        vm.warp(m.deadline + 1);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionClosed.selector, motionId));
        g.voteStewardMotion(motionId);
        assertEq(uint8(g.stewardMotionState(motionId)), uint8(CommonsGroup.MotionState.Succeeded));
        vm.expectEmit(address(g));
        emit CommonsGroup.StewardChanged(steward, candidate, motionId, block.timestamp + MOTION_PERIOD + MOTION_VOTING);
        g.executeStewardMotion(motionId);
        assertEq(g.steward(), candidate);
        assertTrue(g.stewardMotion(motionId).executed);
        assertEq(uint8(g.stewardMotionState(motionId)), uint8(CommonsGroup.MotionState.Executed));
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionNotExecutable.selector, motionId, CommonsGroup.MotionState.Executed)
        );
        g.executeStewardMotion(motionId);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.UnknownMotion.selector, 7));
        g.voteStewardMotion(7);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.UnknownMotion.selector, 7));
        g.stewardMotionState(7);
    }

    /// A motion without a majority at the end of its voting period is Defeated; a passed one left unexecuted for
    /// a further voting period has Expired.
    function test_motionDefeatedOrExpired() public {
        vm.warp(block.timestamp + MOTION_PERIOD);
        vm.prank(m2);
        uint256 a = g.openStewardMotion(makeAddr("c1")); // 10k of 35k
        vm.prank(m1);
        uint256 b = g.openStewardMotion(makeAddr("c2")); // 20k of 35k
        vm.warp(block.timestamp + MOTION_VOTING + 1);
        assertEq(uint8(g.stewardMotionState(a)), uint8(CommonsGroup.MotionState.Defeated));
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionNotExecutable.selector, a, CommonsGroup.MotionState.Defeated)
        );
        g.executeStewardMotion(a);
        assertEq(uint8(g.stewardMotionState(b)), uint8(CommonsGroup.MotionState.Succeeded));
        vm.warp(block.timestamp + MOTION_VOTING);
        assertEq(uint8(g.stewardMotionState(b)), uint8(CommonsGroup.MotionState.Expired));
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionNotExecutable.selector, b, CommonsGroup.MotionState.Expired)
        );
        g.executeStewardMotion(b);
        // the opener may open a new motion once its last one is closed
        vm.prank(m1);
        g.openStewardMotion(makeAddr("c3"));
    }

    /// Executing a motion voids the motions opened before it; a hand-over voids none.
    function test_executedMotionVoidsOlderMotions() public {
        vm.warp(block.timestamp + MOTION_PERIOD);
        vm.prank(m3);
        uint256 a = g.openStewardMotion(makeAddr("c1"));
        vm.prank(m2);
        uint256 b = g.openStewardMotion(makeAddr("c2"));
        vm.prank(m1);
        g.voteStewardMotion(b);
        vm.warp(block.timestamp + MOTION_VOTING + 1);
        g.executeStewardMotion(b);
        assertEq(uint8(g.stewardMotionState(a)), uint8(CommonsGroup.MotionState.Voided));
        assertEq(g.motionsOpenUntil(), 0);
        vm.prank(m1);
        uint256 c = g.openStewardMotion(makeAddr("c3"));
        assertEq(uint8(g.stewardMotionState(c)), uint8(CommonsGroup.MotionState.Active));
        vm.prank(m2);
        g.voteStewardMotion(c);
    }

    /// While a members' motion is open for support the steward cannot hand over; once it closes it can, and the
    /// hand-over voids nothing (a passed motion can still be executed).
    function test_noHandOverWhileMotionOpen() public {
        vm.warp(block.timestamp + MOTION_PERIOD);
        vm.prank(m1);
        uint256 id = g.openStewardMotion(makeAddr("c"));
        vm.prank(m2);
        g.voteStewardMotion(id);
        uint256 until = g.motionsOpenUntil();
        assertEq(until, block.timestamp + MOTION_VOTING);
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.StewardMotionOpen.selector, until));
        g.transferStewardship(makeAddr("puppet"));
        vm.warp(until + 1);
        vm.prank(steward);
        g.transferStewardship(makeAddr("puppet"));
        g.executeStewardMotion(id);
        assertEq(g.steward(), makeAddr("c"));
    }

    /// Units delegated after the snapshot (one motion period before opening) do not count toward the motion.
    function test_motionWeightsAreAtSnapshot() public {
        vm.warp(block.timestamp + MOTION_PERIOD);
        vm.prank(outsider);
        ve.delegate(address(g));
        vm.warp(block.timestamp + 1);
        vm.prank(m3);
        uint256 id = g.openStewardMotion(makeAddr("c"));
        uint256 snapshot = g.stewardMotion(id).snapshot;
        assertEq(snapshot, block.timestamp - MOTION_PERIOD);
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, snapshot));
        g.voteStewardMotion(id);
    }

    /// The opener needs the opening threshold (5% here) of the group's units at the snapshot.
    function test_openingThreshold() public {
        address dust = makeAddr("dust");
        _lock(dust, 1 ether, MAX_LOCK); // 2 units of the group's 35k + 2
        _joinAndPool(g, dust);
        vm.warp(block.timestamp + MOTION_PERIOD + 1);
        uint256 pooled = 35_002 ether;
        vm.prank(dust);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.MotionThresholdNotMet.selector, dust, 2 ether, pooled * 500 / 10_000)
        );
        g.openStewardMotion(dust);
        vm.prank(m3); // 5k ≥ 5% of 35k
        g.openStewardMotion(makeAddr("c"));
    }
}
