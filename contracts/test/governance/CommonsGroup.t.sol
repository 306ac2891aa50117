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
        new CommonsRegistry(ve, CommonsGovernor(payable(address(0))), address(this), WINDOW, MOTION_PERIOD);
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
        emit CommonsGroup.StewardChanged(steward, m1, type(uint256).max);
        vm.prank(steward);
        g.transferStewardship(m1);
        assertEq(g.steward(), m1);
    }

    function test_stewardReplacedByMajorityMotion() public {
        address candidate = makeAddr("candidate");
        vm.prank(outsider);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, block.timestamp - 1)
        );
        g.openStewardMotion(candidate);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidSteward.selector, steward));
        g.openStewardMotion(steward);

        vm.prank(m2);
        uint256 motionId = g.openStewardMotion(candidate); // 10k of 35k
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionNotPassed.selector, motionId, 10_000 ether, 35_000 ether));
        g.executeStewardMotion(motionId);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.AlreadyVotedOnMotion.selector, motionId, m2));
        g.voteStewardMotion(motionId);
        vm.prank(m3);
        g.voteStewardMotion(motionId); // 15k of 35k: still not a majority
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionNotPassed.selector, motionId, 15_000 ether, 35_000 ether));
        g.executeStewardMotion(motionId);
        vm.prank(m1);
        g.voteStewardMotion(motionId); // 35k
        vm.expectEmit(address(g));
        emit CommonsGroup.StewardChanged(steward, candidate, motionId);
        g.executeStewardMotion(motionId);
        assertEq(g.steward(), candidate);
        assertTrue(g.stewardMotion(motionId).executed);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionClosed.selector, motionId));
        g.executeStewardMotion(motionId);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.UnknownMotion.selector, 7));
        g.voteStewardMotion(7);
    }

    function test_stewardChangeVoidsOlderMotionsAndDeadlineCloses() public {
        vm.prank(m1);
        uint256 a = g.openStewardMotion(makeAddr("c1"));
        vm.prank(m2);
        uint256 b = g.openStewardMotion(makeAddr("c2"));
        vm.prank(m3);
        g.voteStewardMotion(b);
        vm.prank(m1);
        g.voteStewardMotion(b);
        g.executeStewardMotion(b);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionClosed.selector, a));
        g.voteStewardMotion(a); // voided by the change
        vm.prank(m1);
        uint256 c = g.openStewardMotion(makeAddr("c3"));
        vm.warp(block.timestamp + MOTION_PERIOD + 1);
        vm.prank(m2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.MotionClosed.selector, c));
        g.voteStewardMotion(c);
    }

    /// Units delegated after a motion opened do not count toward it (snapshot = one second before opening).
    function test_motionWeightsAreAtSnapshot() public {
        vm.prank(m3);
        uint256 id = g.openStewardMotion(makeAddr("c"));
        vm.prank(outsider);
        ve.delegate(address(g));
        vm.warp(block.timestamp + 1);
        uint256 snapshot = g.stewardMotion(id).snapshot;
        vm.prank(outsider);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, snapshot));
        g.voteStewardMotion(id);
    }
}
