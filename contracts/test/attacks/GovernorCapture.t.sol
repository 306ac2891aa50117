// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommonsBase} from "../governance/CommonsBase.t.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {EcoGovernor} from "../../src/l2/governance/EcoGovernor.sol";
import {IRatificationGate} from "../../src/l2/governance/IRatificationGate.sol";
import {EcoNodeCouncil, ICouncilRegistry} from "../../src/l2/governance/EcoNodeCouncil.sol";
import {EcoNodePromotion, IPromotionVotes, IProposalIndex} from "../../src/l2/governance/EcoNodePromotion.sol";

/// @title Attacks on the governor's lifecycle (and the Commons override; docs/MECHANISMS.md §4.3, §6)
/// @notice The deployed shape: EcoGovernor gated by the real EcoNodeCouncil, and an L2 timelock whose only
/// proposer and executor is the governor. Each test performs one attack as the attacker would and asserts it
/// fails, printing the figure it ends on (`forge test --match-path test/attacks/GovernorCapture.t.sol -vv`).
contract GovernorCaptureTest is CommonsBase {
    uint256 internal constant DELAY = 2 days;
    uint48 internal constant RAT_WINDOW = 3 days;
    uint48 internal constant COOL_OFF = 7 days;
    uint128 internal constant GRANT = 1_000 ether;

    TimelockController internal timelock;
    EcoNodeCouncil internal council;
    address internal predictedCouncil;

    // Commons voters (units = 2 × METIS: 730-day locks). Total units 4,000,000: quorum 160,000, twice 320,000.
    address internal f1 = makeAddr("f1"); // 240,000 units, For
    address internal f2 = makeAddr("f2"); // 160,000 units, For
    address internal a1 = makeAddr("a1"); // 200,000 units, Against
    address internal a2 = makeAddr("a2"); // 10,000 units, Against
    address internal sleeper = makeAddr("sleeper"); // 3,390,000 units, never votes
    address internal attacker = makeAddr("attacker");

    // Eco Nodes
    address internal honest1 = makeAddr("honest1");
    address internal honest2 = makeAddr("honest2");
    address internal captor1 = makeAddr("captor1");
    address internal captor2 = makeAddr("captor2");
    address internal captor3 = makeAddr("captor3");

    uint256 internal nonce;

    function _deployGovernor() internal override returns (CommonsGovernor) {
        // Order of creation from here: timelock, governor, (CommonsBase) registry, (setUp) promotion, council.
        predictedCouncil = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 4);
        address[] memory none = new address[](0);
        timelock = new TimelockController(DELAY, none, none, address(this));
        EcoGovernor gov = new EcoGovernor(
            ve,
            timelock,
            IRatificationGate(predictedCouncil),
            VOTING_DELAY,
            VOTING_PERIOD,
            THRESHOLD,
            4,
            VOTE_EXTENSION,
            RAT_WINDOW,
            COOL_OFF
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gov));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(gov)); // the only executor (contracts/script/deploy.ts)
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gov));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        return gov;
    }

    function setUp() public override {
        super.setUp();
        EcoNodeCouncil.Params memory p;
        p.admissionGrant = GRANT;
        p.participationCredit = 10 ether;
        p.missedPenalty = 50 ether;
        p.floor = 100 ether;
        p.halfLife = 180 days;
        p.ratificationPeriod = 3 days;
        p.quorumBps = 4000;
        p.minPooledBps = 100;
        p.minMembers = 3;
        p.minAge = 10 minutes;
        p.participationWindow = 10;
        p.minParticipationBps = 5000;
        p.motionPeriod = 3 days;
        p.actionDelay = 1 hours;
        p.executionWindow = 2 days;
        EcoNodePromotion promotion = new EcoNodePromotion(
            IPromotionVotes(address(ve)), IProposalIndex(address(governor)), ICouncilRegistry(address(registry))
        );
        council =
            new EcoNodeCouncil(ve, address(governor), ICouncilRegistry(address(registry)), promotion, address(this), p);
        assertEq(address(council), predictedCouncil, "council at the address the governor was given");
        _locks();
    }

    function _locks() internal {
        _lock(f1, 120_000 ether, MAX_LOCK);
        _lock(f2, 80_000 ether, MAX_LOCK);
        _lock(a1, 100_000 ether, MAX_LOCK);
        _lock(a2, 5_000 ether, MAX_LOCK);
        _lock(sleeper, 1_695_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    function eco() internal view returns (EcoGovernor) {
        return EcoGovernor(payable(address(governor)));
    }

    /// @dev One action the timelock can run: the governor's own setVotingPeriod.
    function _actions() internal view returns (address[] memory t, uint256[] memory v, bytes[] memory c) {
        return _proposalCall(2 hours);
    }

    function _vote(uint256 id, address who, uint8 support) internal {
        vm.prank(who);
        governor.castVote(id, support);
    }

    /// @dev A proposal of `_actions()` passed in the Commons (f1, f2 For; a1 Against), now past its deadline.
    function _succeeded(string memory description) internal returns (uint256 id) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        vm.prank(f1);
        id = governor.propose(t, v, c, description);
        _toActive(id);
        _vote(id, f1, 1);
        _vote(id, f2, 1);
        _vote(id, a1, 0);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded), "succeeded in the Commons");
    }

    /// @dev The captured council (captor1..3 hold 3 of 5 seats) opens and rejects `id`, then settles.
    function _rejectByCaptors(uint256 id) internal {
        council.openRatification(id);
        vm.prank(captor1);
        council.castRatification(id, 0, "");
        vm.prank(captor2);
        council.castRatification(id, 0, "");
        vm.prank(captor3);
        council.castRatification(id, 0, "");
        vm.prank(honest1);
        council.castRatification(id, 1, "");
        vm.warp(council.ratification(id).deadline + 1);
        council.settleRatification(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated), "rejected: Defeated");
    }

    function _seatCaptured() internal {
        council.admit(honest1, "honest contributor");
        council.admit(honest2, "honest contributor");
        council.admit(captor1, "captured");
        council.admit(captor2, "captured");
        council.admit(captor3, "captured");
        vm.warp(block.timestamp + 1);
    }

    /// @dev Proposes the override of the refused `description` with `overrideDescription` as `f1`.
    function _proposeOverride(string memory description, string memory overrideDescription)
        internal
        returns (uint256 id)
    {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        vm.prank(f1);
        id = governor.proposeOverride(t, v, c, keccak256(bytes(description)), overrideDescription);
    }

    function _pct(uint256 part, uint256 whole) internal pure returns (uint256) {
        return whole == 0 ? 0 : part * 10_000 / whole;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Attack: the opener of a ratification picks the moment, hence the council's weight snapshot
    // -----------------------------------------------------------------------------------------------------------

    /// The attacker has a node (`captor1`) and wants a Commons proposal ratified that the honest nodes would
    /// reject. It waits after the vote for a favourable council: a second node of its own seated (it holds most
    /// of the reputation by then), then opens. Weights are those at the end of the Commons vote: the new seat
    /// weighs nothing, the ratification is still the honest majority's.
    function test_attack_openRatificationAtChosenMoment_fails() public {
        council.admit(honest1, "honest contributor");
        council.admit(honest2, "honest contributor");
        council.admit(captor1, "attacker's node");
        vm.warp(block.timestamp + 1);
        uint256 id = _succeeded("attacker waits for a friendlier council");
        uint256 deadline = governor.proposalDeadline(id);
        assertEq(eco().ratificationDeadline(id), deadline + RAT_WINDOW);

        // 1. Wait (within the window) until a friendlier council sits: two more seats of the attacker's.
        vm.warp(deadline + RAT_WINDOW - 1 hours);
        council.admit(captor2, "attacker's second node");
        council.admit(captor3, "attacker's third node");
        vm.warp(block.timestamp + 1);
        uint256 attackerNow =
            council.reputationOf(captor1) + council.reputationOf(captor2) + council.reputationOf(captor3);
        emit log_named_uint(
            "attacker's share of reputation when it opens (bps)", _pct(attackerNow, council.totalReputation())
        );

        // 2. Open now, and vote.
        vm.prank(attacker);
        council.openRatification(id);
        EcoNodeCouncil.Ratification memory r = council.ratification(id);
        assertEq(r.snapshot, deadline, "weights at the end of the Commons vote, not at the opening");
        uint256 attackerWeight;
        address[3] memory captors = [captor1, captor2, captor3];
        for (uint256 i; i < 3; ++i) {
            attackerWeight += council.reputationAt(captors[i], deadline);
            vm.prank(captors[i]);
            (bool ok,) = address(council).call(abi.encodeCall(council.castRatification, (id, 1, "")));
            ok; // a seat with no weight at the snapshot may be refused or count 0
        }
        vm.prank(honest1);
        council.castRatification(id, 0, "");
        vm.prank(honest2);
        council.castRatification(id, 0, "");
        emit log_named_uint(
            "attacker's share of the ratification weight (bps)", _pct(attackerWeight, r.totalReputation)
        );
        uint256 totalAtEnd = council.reputationAt(honest1, deadline) + council.reputationAt(honest2, deadline)
            + council.reputationAt(captor1, deadline);
        assertEq(r.totalReputation, totalAtEnd, "the total is the council at the vote's end");
        assertLt(3 * attackerWeight, r.totalReputation + 1, "the attacker keeps its one-in-three weight");

        vm.warp(r.deadline + 1);
        council.settleRatification(id);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated), "the honest majority rejects it");
    }

    // -----------------------------------------------------------------------------------------------------------
    // Attack: hold a succeeded proposal for ever, to open its ratification when it suits
    // -----------------------------------------------------------------------------------------------------------

    /// Nobody opens the ratification of a succeeded proposal; the attacker keeps it in reserve to open months
    /// later when the council suits it. After the window it is Expired: it can be neither opened nor queued.
    function test_attack_holdSucceededProposalForever_fails() public {
        council.admit(honest1, "honest contributor");
        vm.warp(block.timestamp + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        uint256 id = _succeeded("kept in reserve");
        uint256 until = eco().ratificationDeadline(id);
        vm.warp(until);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded), "still openable at the deadline");

        // The attacker's moment comes half a year later.
        vm.warp(until + 180 days);
        council.admit(captor1, "attacker's node");
        vm.warp(block.timestamp + 1);
        IGovernor.ProposalState s = governor.state(id);
        emit log_named_uint("state 180 days after the window (6 = Expired)", uint8(s));
        assertEq(uint8(s), uint8(IGovernor.ProposalState.Expired));
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(
                EcoNodeCouncil.ProposalNotSucceeded.selector, id, uint8(IGovernor.ProposalState.Expired)
            )
        );
        council.openRatification(id);
        vm.prank(attacker);
        vm.expectRevert();
        governor.queue(t, v, c, keccak256("kept in reserve"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Expired));

        // A ratification opened in time is not expired by a slow settlement.
        uint256 id2 = _succeeded("opened in time");
        vm.warp(eco().ratificationDeadline(id2));
        council.openRatification(id2);
        vm.warp(eco().ratificationDeadline(id2) + 1 days);
        assertEq(uint8(governor.state(id2)), uint8(IGovernor.ProposalState.Succeeded), "opened: not expired");
    }

    // -----------------------------------------------------------------------------------------------------------
    // Attack: a captured council rejects everything (the Commons override, docs/MECHANISMS.md §4.3)
    // -----------------------------------------------------------------------------------------------------------

    /// Captors hold 3 of 5 seats and reject what the Commons passed. After the cool-off the Commons proposes the
    /// override (same actions), passes it with ≥ 2/3 of the votes cast and twice the quorum, queues it without
    /// ratification and executes it. The council delayed the Commons; it could not silence it.
    function test_attack_capturedCouncilSilencesCommons_fails() public {
        _seatCaptured();
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        uint256 refused = _succeeded("raise the voting period");
        _rejectByCaptors(refused);

        // Too early: the cool-off runs from the end of the first vote.
        uint256 availableAt = governor.proposalDeadline(refused) + COOL_OFF;
        vm.prank(f1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsOverrideCoolOff.selector, refused, availableAt));
        governor.proposeOverride(t, v, c, keccak256("raise the voting period"), "override: raise the voting period");
        vm.warp(availableAt);
        uint256 id = _proposeOverride("raise the voting period", "override: raise the voting period");
        assertTrue(governor.isOverride(id));
        assertEq(governor.overrideOf(refused), id);
        // One override per refused proposal.
        vm.prank(f2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsAlreadyOverridden.selector, refused, id));
        governor.proposeOverride(t, v, c, keccak256("raise the voting period"), "override again");

        _toActive(id);
        _vote(id, f1, 1);
        _vote(id, f2, 1);
        _vote(id, a1, 0);
        vm.warp(governor.proposalDeadline(id) + 1);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        emit log_named_uint("override For share of votes cast (bps)", _pct(forVotes, forVotes + against + abstain));
        emit log_named_uint(
            "override For+Abstain / quorum (bps)",
            _pct(forVotes + abstain, governor.quorum(governor.proposalSnapshot(id)))
        );
        assertEq(governor.proposalQuorum(id), 2 * governor.quorum(governor.proposalSnapshot(id)));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        // The captors cannot reject it: the gate is not consulted for an override.
        assertEq(uint8(governor.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Ratified));
        // nor open a (useless) ratification of it
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.OverrideNeedsNoRatification.selector, id));
        council.openRatification(id);
        vm.warp(eco().ratificationDeadline(id) + 1 days);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded), "an override never expires");

        governor.queue(t, v, c, keccak256("override: raise the voting period"));
        vm.warp(block.timestamp + DELAY);
        vm.expectEmit(true, true, true, true, address(governor));
        emit IGovernor.ProposalExecuted(id);
        governor.execute(t, v, c, keccak256("override: raise the voting period"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(governor.votingPeriod(), 2 hours, "the Commons' decision took effect");
        emit log_named_uint(
            "days from the first vote's end to execution",
            (block.timestamp - governor.proposalDeadline(refused)) / 1 days
        );
    }

    /// The other side of the override: a bare Commons majority tries to use it to skip the council. An override
    /// with < 2/3 of the votes cast For, or with For + Abstain below twice the quorum, is Defeated (either would
    /// pass as an ordinary proposal).
    function test_attack_weakOverrideBypassesCouncil_fails() public {
        _seatCaptured();
        uint256 r1 = _succeeded("first");
        _rejectByCaptors(r1);
        uint256 r2 = _succeeded("second");
        _rejectByCaptors(r2);
        vm.warp(governor.proposalDeadline(r2) + COOL_OFF);
        uint256 q;

        // (a) Twice the quorum, but For = 400,000 of 610,000 cast: 65.6% < 2/3.
        uint256 o1 = _proposeOverride("first", "override first");
        _toActive(o1);
        _vote(o1, f1, 1);
        _vote(o1, f2, 1);
        _vote(o1, a1, 0);
        _vote(o1, a2, 0);
        vm.warp(governor.proposalDeadline(o1) + 1);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(o1);
        q = governor.quorum(governor.proposalSnapshot(o1));
        emit log_named_uint("(a) For share of votes cast (bps)", _pct(forVotes, forVotes + against + abstain));
        assertGe(forVotes + abstain, 2 * q);
        assertGt(forVotes, against, "an ordinary proposal would pass");
        assertEq(uint8(governor.state(o1)), uint8(IGovernor.ProposalState.Defeated), "(a) < 2/3: Defeated");

        // (b) All For (100%), but 240,000 units: above the quorum (160,000), below twice it.
        uint256 o2 = _proposeOverride("second", "override second");
        _toActive(o2);
        _vote(o2, f1, 1);
        vm.warp(governor.proposalDeadline(o2) + 1);
        (against, forVotes, abstain) = governor.proposalVotes(o2);
        q = governor.quorum(governor.proposalSnapshot(o2));
        emit log_named_uint("(b) For+Abstain / quorum (bps)", _pct(forVotes + abstain, q));
        assertGe(forVotes + abstain, q, "an ordinary proposal would reach quorum");
        assertEq(uint8(governor.state(o2)), uint8(IGovernor.ProposalState.Defeated), "(b) < 2x quorum: Defeated");

        // A Defeated override cannot be overridden in turn, nor can an ordinary Commons defeat.
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        vm.warp(block.timestamp + COOL_OFF);
        vm.prank(f1);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGovernor.CommonsNotOverridable.selector, o2, IGovernor.ProposalState.Defeated)
        );
        governor.proposeOverride(t, v, c, keccak256("override second"), "override of an override");
    }

    // -----------------------------------------------------------------------------------------------------------
    // Attack: an empty council freezes governance (its own reform included)
    // -----------------------------------------------------------------------------------------------------------

    /// Every node decays below the floor and is evicted (or is penalised away): the council is empty, no
    /// ratification can open, and without the override nothing, not even re-seating a council, could pass.
    /// The proposal expires; the override passes and executes.
    function test_attack_emptyCouncilFreezesGovernance_fails() public {
        council.admit(honest1, "the only node");
        vm.warp(block.timestamp + 600 days); // three and a third half-lives: below the floor
        council.evict(honest1);
        assertEq(council.nodes().length, 0, "the council is empty");
        // (the 730-day locks made in setUp still run, at full units)
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        uint256 refused = _succeeded("re-seat a council");
        (bool opened,) = address(council).call(abi.encodeCall(council.openRatification, (refused)));
        assertFalse(opened, "an empty council cannot open a ratification");
        vm.warp(eco().ratificationDeadline(refused) + 1);
        assertEq(uint8(governor.state(refused)), uint8(IGovernor.ProposalState.Expired));

        vm.warp(governor.proposalDeadline(refused) + COOL_OFF);
        uint256 id = _proposeOverride("re-seat a council", "override: re-seat a council");
        _toActive(id);
        _vote(id, f1, 1);
        _vote(id, f2, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        governor.queue(t, v, c, keccak256("override: re-seat a council"));
        vm.warp(block.timestamp + DELAY);
        governor.execute(t, v, c, keccak256("override: re-seat a council"));
        IGovernor.ProposalState s = governor.state(id);
        emit log_named_uint("override state with an empty council (7 = Executed)", uint8(s));
        assertEq(uint8(s), uint8(IGovernor.ProposalState.Executed));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Attack: execute a ready operation directly on the timelock (no ProposalExecuted; the indexer keeps it queued)
    // -----------------------------------------------------------------------------------------------------------

    /// The attacker computes the operation id of a queued, ready proposal and executes it on the timelock
    /// itself. The governor is the timelock's only executor: the call reverts; executing through the governor
    /// works and emits ProposalExecuted.
    function test_attack_executeDirectlyOnTimelock_fails() public {
        council.admit(honest1, "honest contributor");
        vm.warp(block.timestamp + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _actions();
        bytes32 dh = keccak256("ready to run");
        uint256 id = _succeeded("ready to run");
        council.openRatification(id);
        vm.prank(honest1);
        council.castRatification(id, 1, "");
        vm.warp(council.ratification(id).deadline + 1);
        council.settleRatification(id);
        governor.queue(t, v, c, dh);
        vm.warp(block.timestamp + DELAY);
        bytes32 salt = bytes20(address(governor)) ^ dh;
        bytes32 op = timelock.hashOperationBatch(t, v, c, 0, salt);
        assertTrue(timelock.isOperationReady(op), "the operation is ready");

        bytes32 executorRole = timelock.EXECUTOR_ROLE();
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attacker, executorRole)
        );
        timelock.executeBatch(t, v, c, 0, salt);
        assertFalse(timelock.isOperationDone(op));
        emit log_named_uint("operations the attacker executed on the timelock", timelock.isOperationDone(op) ? 1 : 0);

        vm.prank(attacker); // anyone may still execute, through the governor
        vm.expectEmit(true, true, true, true, address(governor));
        emit IGovernor.ProposalExecuted(id);
        governor.execute(t, v, c, dh);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }
}
