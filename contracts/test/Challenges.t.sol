// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "forge-std/Test.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {BusMessage} from "../src/bus/BusMessage.sol";
import {MessageInbox} from "../src/bus/MessageInbox.sol";
import {GovernanceExecutor} from "../src/l1/GovernanceExecutor.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {RewardsDistributor} from "../src/l1/RewardsDistributor.sol";
import {SequencerSet} from "../src/l2/SequencerSet.sol";
import {SequencerChallenges} from "../src/l2/SequencerChallenges.sol";
import {L2Metis} from "../src/l2/L2Metis.sol";
import {FeeVault} from "../src/l2/FeeVault.sol";
import {EcoNodeCouncil, ICouncilRegistry} from "../src/l2/governance/EcoNodeCouncil.sol";
import {EcoNodePromotion, IPromotionVotes, IProposalIndex} from "../src/l2/governance/EcoNodePromotion.sol";
import {TwoChains} from "./utils/TwoChains.t.sol";

/// @dev A registry without groups: every node here is an individual seat.
contract NoGroups {
    function isGroup(address) external pure returns (bool) {
        return false;
    }
}

/// @dev Challenges end to end in one EVM: an epoch is challenged on L2, upheld by the chain or the
/// council, the bus carries the slash to the L1 executor, the offender is jailed and slashed, the
/// challenger rewarded, and the epoch's report goes to L1 for nobody (docs/MECHANISMS.md §4.5).
contract ChallengesTest is TwoChains {
    uint256 constant BOND = 100 ether;
    uint32 constant WINDOW = 10; // blocks
    uint32 constant VOTING = 2 minutes;

    L2Metis l2Metis;
    FeeVault vault;
    RewardsDistributor dist;
    EcoNodeCouncil council;
    SequencerChallenges challenges;
    address challenger = makeAddr("challenger");
    address delegator = makeAddr("delegator");
    address[] nodes;
    uint256 a;
    uint256 b;


    function setUp() public {
        _deployTwoChains();
        vm.recordLogs();
        uint256[10] memory ceilings;
        ceilings[0] = 800_000 ether;
        dist = new RewardsDistributor(
            metis, staking, address(l1Inbox), address(set), address(executor), block.timestamp, ceilings, 5 ether, 1
        );
        metis.approve(address(dist), type(uint256).max);
        dist.fundMining(1_000_000 ether);
        dist.depositRevenue(200_000 ether);
        vm.prank(boot);
        executor.execute(address(staking), 0, abi.encodeCall(SequencerStaking.setRewardDistributor, (address(dist))));

        vm.chainId(L2);
        l2Metis = new L2Metis(address(this));
        vault = new FeeVault(l2Metis, address(set));
        council = _council();
        challenges = new SequencerChallenges(
            address(l2Metis), address(set), address(council), address(l2Outbox), address(executor), timelock, boot, _params()
        );
        vm.startPrank(boot);
        set.setRewardReporting(address(vault), address(l2Outbox), address(dist));
        set.setChallenges(address(challenges));
        vm.stopPrank();
        l2Outbox.setSenderAllowed(address(challenges), true);
        l2Metis.mint(challenger, 1_000 ether);
        vm.prank(challenger);
        l2Metis.approve(address(challenges), type(uint256).max);
        for (uint256 i; i < 4; ++i) {
            nodes.push(address(uint160(0xE0000 + i)));
            council.admit(nodes[i], "contributor");
        }
        vm.warp(block.timestamp + 1);

        vm.chainId(L1);
        vm.prank(boot);
        executor.setEnforcer(address(challenges), address(staking));
        a = _register("alpha", 50_000 ether);
        b = _register("beta", 50_000 ether);
        metis.transfer(delegator, 10_000 ether);
        vm.startPrank(delegator);
        metis.approve(address(staking), 10_000 ether);
        staking.delegate(a, 10_000 ether);
        vm.stopPrank();
        _relay(l1Outbox, l2Inbox, L1, L2);
    }

    function _params() internal pure returns (SequencerChallenges.Params memory p) {
        p.bond = uint128(BOND);
        p.window = WINDOW;
        p.votingPeriod = VOTING;
        p.quorumBps = 2_000;
        p.minProductionBps = 5_000;
        p.rewardBps = 1_000;
        p.severityBps = [uint16(100), uint16(500), uint16(1_000)];
    }

    function _council() internal returns (EcoNodeCouncil c) {
        // the Commons side is not exercised here: the council only seats, weighs and moves motions
        address ve = makeAddr("ve");
        address gov = makeAddr("governor");
        address reg = address(new NoGroups());
        EcoNodePromotion promotion =
            new EcoNodePromotion(IPromotionVotes(ve), IProposalIndex(gov), ICouncilRegistry(reg));
        EcoNodeCouncil.Params memory p;
        p.admissionGrant = 1_000 ether;
        p.floor = 100 ether;
        p.halfLife = 180 days;
        p.ratificationPeriod = 3 days;
        p.quorumBps = 4000;
        p.participationWindow = 10;
        p.motionPeriod = 3 days;
        p.actionDelay = 1 hours;
        p.executionWindow = 2 days;
        c = new EcoNodeCouncil(IVotes(ve), gov, ICouncilRegistry(reg), promotion, address(this), p);
    }

    /// @dev Rotates until `id` produces the current epoch; returns its number.
    function _epochOf(uint256 id) internal returns (uint256 n) {
        for (uint256 i; i < 64; ++i) {
            vm.chainId(L2);
            vm.roll(block.number + 6);
            vm.prevrandao(bytes32(i));
            (uint256 epoch, uint256 picked) = _rotate();
            if (picked == id) return epoch;
        }
        revert("never picked");
    }

    /// @dev `blocks` L2 blocks; the first `proven` with the epoch's signer as coinbase and a heartbeat.
    function _produce(uint256 blocks, uint256 proven) internal {
        vm.chainId(L2);
        (, SequencerSet.Epoch memory e) = set.currentEpoch();
        for (uint256 i; i < blocks; ++i) {
            vm.roll(block.number + 1);
            vm.coinbase(i < proven ? e.signer : makeAddr("fallback producer"));
            challenges.heartbeat();
        }
    }

    function _endEpoch() internal {
        vm.chainId(L2);
        (, SequencerSet.Epoch memory e) = set.currentEpoch();
        if (block.number <= e.endBlock) vm.roll(e.endBlock + 1);
        _rotate();
    }

    function _valueOf(uint256 id, address account) internal view returns (uint256 value) {
        (, value,,,) = staking.positionOf(id, account);
    }

    function _challenge(uint256 epoch, SequencerChallenges.Kind kind) internal returns (uint256 id) {
        vm.chainId(L2);
        vm.prank(challenger);
        id = challenges.challenge(epoch, kind, "ipfs://evidence");
    }

    // ------------------------------------------------------------------ downtime

    function test_downtimeTheChainShowsIsUpheldWithoutAVote() public {
        uint256 epoch = _epochOf(a);
        _produce(5, 1); // 1 of its 5 blocks
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Downtime);
        assertEq(l2Metis.balanceOf(challenger), 1_000 ether - BOND);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotDecided.selector, id));
        challenges.resolve(id); // the epoch still runs
        _endEpoch();
        (uint256 held,,) = set.heldReport(epoch);
        assertEq(held, a, "the report waits for the challenge");
        assertEq(uint8(challenges.resolve(id)), uint8(SequencerChallenges.Status.Upheld));
        assertEq(l2Metis.balanceOf(challenger), 1_000 ether, "bond back");
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotOpen.selector, id, SequencerChallenges.Status.Upheld));
        challenges.resolve(id); // exactly once

        vm.chainId(L1);
        uint256 pooled = staking.totalStakeOf(a);
        uint256 selfBefore = staking.selfLockOf(a);
        uint256 delegatedBefore = _valueOf(a, delegator);
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
        uint256 slashed = pooled / 100; // downtime severity 1%
        assertEq(staking.totalStakeOf(a), pooled - slashed);
        assertApproxEqAbs(staking.selfLockOf(a), selfBefore * 99 / 100, 1);
        assertApproxEqAbs(_valueOf(a, delegator), delegatedBefore * 99 / 100, 1);
        // the challenger's reward and the treasury's part are what left the pool
        assertEq(metis.balanceOf(challenger), slashed / 10);
        assertEq(metis.balanceOf(treasury) + metis.balanceOf(challenger), slashed);

        // the jail reaches L2: never picked again; the held epoch goes to L1 for nobody
        _relay(l1Outbox, l2Inbox, L1, L2);
        vm.chainId(L2);
        assertEq(set.weightOf(a), 0);
        vm.roll(block.number + WINDOW + 1);
        set.flushReports();
        _relay(l2Outbox, l1Inbox, L2, L1);
        RewardsDistributor.EpochReport memory r = dist.epochReport(epoch);
        assertEq(r.sequencerId, 0, "reported for nobody");
        assertFalse(r.paidToSequencer);
        assertEq(r.mining, 0, "its mining stays in the reserve");
        vm.chainId(L2);
        for (uint256 i; i < 10; ++i) {
            vm.roll(block.number + 6);
            vm.prevrandao(bytes32(i + 100));
            (, uint256 picked) = _rotate();
            assertEq(picked, b, "a jailed sequencer is never picked");
        }
    }

    function test_downtimeChallengeOfAnEpochThatWasUpForfeitsTheBond() public {
        uint256 epoch = _epochOf(a);
        _produce(5, 5);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Downtime);
        _endEpoch();
        assertEq(uint8(challenges.resolve(id)), uint8(SequencerChallenges.Status.Rejected));
        assertEq(l2Metis.balanceOf(timelock), BOND, "forfeited to the treasury");
        assertEq(l2Metis.balanceOf(challenger), 1_000 ether - BOND);
        assertFalse(challenges.upheld(epoch));
    }

    /// The sequencer cannot fake production: a heartbeat counts only in a block whose coinbase is the
    /// epoch's signer, once per block, however many are sent.
    function test_heartbeatsCountOncePerBlockAndOnlyTheProducers() public {
        uint256 epoch = _epochOf(a);
        vm.roll(block.number + 1);
        vm.coinbase(makeAddr("someone else"));
        assertFalse(challenges.heartbeat());
        (, SequencerSet.Epoch memory e) = set.currentEpoch();
        vm.coinbase(e.signer);
        assertTrue(challenges.heartbeat());
        for (uint256 i; i < 20; ++i) {
            assertFalse(challenges.heartbeat());
        }
        assertEq(challenges.produced(epoch), 1);
    }

    // ------------------------------------------------------------------ council decisions

    function _vote(uint256 id, uint256 node, bool uphold) internal {
        vm.prank(nodes[node]);
        challenges.vote(nodes[node], id, uphold, "seen the evidence");
    }

    function test_councilUpholdsWithTwoThirdsOfReputation() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        _vote(id, 0, true);
        _vote(id, 1, true);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotDecided.selector, id));
        challenges.resolve(id); // 2 of 4: not yet
        _vote(id, 2, true); // 3 of 4 ≥ 2/3 of the whole: certain before the deadline
        assertEq(uint8(challenges.resolve(id)), uint8(SequencerChallenges.Status.Upheld));
        vm.chainId(L1);
        uint256 pooled = staking.totalStakeOf(a);
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(staking.totalStakeOf(a), pooled - pooled * 500 / 10_000, "censorship: 5%");
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
    }

    function test_councilRejectsAndTheBondIsForfeited() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.InvalidBlocks);
        _vote(id, 0, false);
        _vote(id, 1, false); // more than a third rejects: uphold is out of reach
        assertEq(uint8(challenges.resolve(id)), uint8(SequencerChallenges.Status.Rejected));
        assertEq(l2Metis.balanceOf(timelock), BOND);
        // the same claim may be filed again (it was not upheld)
        _challenge(epoch, SequencerChallenges.Kind.InvalidBlocks);
    }

    function test_noDecisionByTheDeadlineLapsesAndReturnsTheBond() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        vm.warp(block.timestamp + VOTING);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.VotingClosed.selector, id, block.timestamp));
        vm.prank(nodes[0]);
        challenges.vote(nodes[0], id, true, "");
        assertEq(uint8(challenges.resolve(id)), uint8(SequencerChallenges.Status.Lapsed));
        assertEq(l2Metis.balanceOf(challenger), 1_000 ether, "bond back: the council did not decide");
    }

    // ------------------------------------------------------------------ attacks

    /// A whale cannot buy a seat's weight after the challenge opened: weights are fixed the second
    /// before the opening.
    function test_aNodeAdmittedAfterTheOpeningHasNoWeight() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        address late = address(0xBAD);
        vm.chainId(L2);
        council.admit(late, "after the fact");
        vm.prank(late);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotEligible.selector, late));
        challenges.vote(late, id, false, "");
    }

    function test_onlyANodesVoterVotesAndOnlyOnce() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        vm.prank(challenger);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotNodeVoter.selector, nodes[0], challenger));
        challenges.vote(nodes[0], id, true, "");
        _vote(id, 0, true);
        vm.prank(nodes[0]);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.AlreadyVoted.selector, id, nodes[0]));
        challenges.vote(nodes[0], id, true, "");
    }

    /// No double jeopardy: an upheld claim cannot be filed again; one open challenge per (epoch, kind).
    function test_oneOpenChallengePerEpochAndKind() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        vm.prank(challenger);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerChallenges.AlreadyChallenged.selector, epoch, SequencerChallenges.Kind.Censorship, id)
        );
        challenges.challenge(epoch, SequencerChallenges.Kind.Censorship, "ipfs://again");
        _challenge(epoch, SequencerChallenges.Kind.InvalidBlocks); // another claim is its own challenge
    }

    function test_theWindowCloses() public {
        uint256 epoch = _epochOf(a);
        _endEpoch();
        (, SequencerSet.Epoch memory e) = (0, set.getEpoch(epoch));
        vm.roll(uint256(e.endBlock) + WINDOW + 1);
        vm.prank(challenger);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerChallenges.WindowClosed.selector, epoch, uint256(e.endBlock) + WINDOW)
        );
        challenges.challenge(epoch, SequencerChallenges.Kind.Downtime, "ipfs://late");
    }

    /// While an epoch is challenged its report (and every later one, in order) waits; an unchallenged
    /// epoch is reported once its window passes.
    function test_reportsWaitForTheWindowAndForOpenChallenges() public {
        uint256 epoch = _epochOf(a);
        uint256 id = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        _endEpoch();
        vm.roll(block.number + WINDOW + 1);
        set.flushReports(); // the epochs before it go
        assertEq(set.nextReportEpoch(), epoch, "held while the challenge is open");
        (uint256 held,,) = set.heldReport(epoch);
        assertEq(held, a);
        _vote(id, 0, false);
        _vote(id, 1, false);
        challenges.resolve(id);
        assertGt(set.flushReports(), 0);
        assertEq(set.nextReportEpoch(), epoch + 1);
    }

    /// Nobody but the challenge contract reaches the accountability path, and it reaches only
    /// slash and jail: an L2 account that sends the executor a slash through the bus is refused.
    function test_onlyTheChallengeContractMaySlashThroughTheBus() public {
        vm.chainId(L1);
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.NotEnforcer.selector, address(this)));
        executor.slash(a, 1000, 0, address(this), 10_000, "direct");
        vm.expectRevert(abi.encodeWithSelector(GovernanceExecutor.NotEnforcer.selector, address(this)));
        executor.jail(a, "direct");
        // the timelock is an allowed L2 sender, but not the enforcer: its slash message fails on L1
        vm.chainId(L2);
        vm.prank(timelock);
        l2Outbox.sendMessage(address(executor), abi.encodeCall(GovernanceExecutor.jail, (a, "not the enforcer")), 300_000);
        BusMessage[] memory ms = _collect(l2Outbox);
        vm.chainId(L1);
        _attest2(l1Inbox, ms[ms.length - 1]);
        assertEq(uint8(l1Inbox.messageStatus(l1Inbox.hashMessage(ms[ms.length - 1]))), uint8(MessageInbox.MessageStatus.Failed));
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Active));
    }

    // ------------------------------------------------------------------ decisive action

    function test_councilDecisiveJailAndSlashReachL1() public {
        vm.chainId(L2);
        vm.expectRevert(abi.encodeWithSelector(SequencerChallenges.NotCouncil.selector, address(this)));
        challenges.councilJail(a, "not the council");
        vm.prank(address(council));
        challenges.councilSlash(a, 200, "motion #0: equivocation");
        vm.chainId(L1);
        uint256 pooled = staking.totalStakeOf(a);
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(staking.totalStakeOf(a), pooled - pooled * 200 / 10_000);
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
        assertEq(metis.balanceOf(treasury), pooled * 200 / 10_000, "no reward: all to the treasury");
        vm.chainId(L2);
        vm.prank(address(council));
        challenges.councilJail(b, "motion #1");
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(uint8(staking.statusOf(b)), uint8(SequencerStaking.SequencerStatus.Jailed));
    }

    /// A paused inbox holds messages; unpaused, they execute in order; nothing is lost.
    function test_pausedInboxHoldsMessagesAndNothingIsLost() public {
        vm.chainId(L2);
        vm.prank(boot);
        l2Inbox.setPauser(address(council));
        vm.prank(address(council));
        l2Inbox.pause();
        vm.chainId(L1);
        vm.prank(delegator);
        staking.undelegate(a, 1_000 ether);
        BusMessage[] memory ms = _collect(l1Outbox);
        vm.chainId(L2);
        uint256 next = l2Inbox.nextNonce();
        for (uint256 i; i < ms.length; ++i) {
            _attest2(l2Inbox, ms[i]); // attested, not executed
        }
        assertEq(l2Inbox.nextNonce(), next, "waits");
        vm.expectRevert(Pausable.EnforcedPause.selector);
        l2Inbox.deliver(ms[0]);
        assertEq(set.getSequencer(a).stake, 60_000 ether, "not applied yet");
        vm.prank(address(council));
        l2Inbox.unpause();
        for (uint256 i; i < ms.length; ++i) {
            l2Inbox.deliver(ms[i]);
        }
        assertEq(l2Inbox.nextNonce(), next + ms.length);
        assertEq(set.getSequencer(a).stake, 59_000 ether, "applied after the unpause");
    }

    /// The council's decisive jail, as a motion: allow-listed, 2/3 of reputation, the delay, then anyone
    /// executes it and the bus carries it to L1.
    function test_decisiveJailMotionThroughTheCouncil() public {
        vm.chainId(L2);
        council.setActionAllowed(address(challenges), SequencerChallenges.councilJail.selector, true);
        bytes memory call = abi.encodeCall(SequencerChallenges.councilJail, (a, "equivocation, see the forum"));
        vm.prank(nodes[0]);
        uint256 motion = council.proposeAction(nodes[0], address(challenges), call, "jail alpha");
        vm.prank(nodes[1]);
        council.voteMotion(nodes[1], motion);
        vm.expectRevert(); // 2 of 4: not passed
        council.executeAction(motion);
        vm.prank(nodes[2]);
        council.voteMotion(nodes[2], motion);
        vm.warp(block.timestamp + 1 hours);
        council.executeAction(motion);
        _relay(l2Outbox, l1Inbox, L2, L1);
        assertEq(uint8(staking.statusOf(a)), uint8(SequencerStaking.SequencerStatus.Jailed));
    }

    /// Every bond is settled exactly once, whatever the votes: the contract ends holding nothing and
    /// the challenger and the treasury hold every bond between them.
    function testFuzz_bondsAreSettledExactlyOnce(uint256 votes) public {
        uint256 epoch = _epochOf(a);
        uint256[3] memory ids;
        ids[0] = _challenge(epoch, SequencerChallenges.Kind.Censorship);
        ids[1] = _challenge(epoch, SequencerChallenges.Kind.InvalidBlocks);
        ids[2] = _challenge(epoch, SequencerChallenges.Kind.Downtime);
        for (uint256 c; c < 2; ++c) {
            for (uint256 n; n < 4; ++n) {
                uint256 v = (votes >> (2 * (4 * c + n))) & 3; // 0 abstain, 1 uphold, 2/3 reject
                if (v != 0) _vote(ids[c], n, v == 1);
            }
        }
        vm.warp(block.timestamp + VOTING);
        _endEpoch();
        for (uint256 c; c < 3; ++c) {
            challenges.resolve(ids[c]);
            vm.expectRevert();
            challenges.resolve(ids[c]);
        }
        assertEq(l2Metis.balanceOf(address(challenges)), 0);
        assertEq(l2Metis.balanceOf(challenger) + l2Metis.balanceOf(timelock), 1_000 ether);
        assertEq(challenges.openChallenges(epoch), 0);
    }
}
