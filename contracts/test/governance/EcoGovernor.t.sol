// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {console} from "forge-std/console.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {EcoGovernor} from "../../src/l2/governance/EcoGovernor.sol";
import {IRatificationGate} from "../../src/l2/governance/IRatificationGate.sol";
import {ManualRatificationGate} from "../utils/ManualRatificationGate.sol";
import {GasMeter} from "./CommonsGas.t.sol";

/// @dev A gate that always reverts (a broken council must not ratify anything).
contract RevertingGate is IRatificationGate {
    function ratificationStatus(uint256) external pure returns (uint8) {
        revert("broken");
    }

    function ratificationOpened(uint256) external pure returns (bool) {
        revert("broken");
    }
}

/// @dev A gate that answers a value outside the enum.
contract OddGate is IRatificationGate {
    function ratificationStatus(uint256) external pure returns (uint8) {
        return 7;
    }

    function ratificationOpened(uint256) external pure returns (bool) {
        return true;
    }
}

/// @dev The deployed governor: Commons vote → Eco Node gate (a manual gate stands in for the council) → L2
/// timelock (2 days, governor the only proposer and executor, self-administered).
contract EcoGovernorTest is GasMeter {
    uint256 internal constant DELAY = 2 days;
    uint48 internal constant RAT_WINDOW = 3 days;
    uint48 internal constant COOL_OFF = 7 days;
    TimelockController internal timelock;
    ManualRatificationGate internal gate;
    address internal council = makeAddr("council"); // a second canceller, as the council will be
    address internal proposer = makeAddr("proposer");
    address internal voterB = makeAddr("voterB");
    address internal anyone = makeAddr("anyone");

    function _deployGovernor() internal virtual override returns (CommonsGovernor) {
        gate = new ManualRatificationGate(address(this));
        address[] memory none = new address[](0);
        timelock = new TimelockController(DELAY, none, none, address(this));
        EcoGovernor gov =
            new EcoGovernor(
                ve, timelock, gate, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 4, VOTE_EXTENSION, RAT_WINDOW, COOL_OFF
            );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gov));
        // The governor is the only executor (as deployed): every execution goes through it and emits ProposalExecuted.
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(gov));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gov));
        timelock.grantRole(timelock.CANCELLER_ROLE(), council);
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        return gov;
    }

    function setUp() public virtual override {
        super.setUp();
        _lock(proposer, 100_000 ether, MAX_LOCK);
        _lock(voterB, 50_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    function eco() internal view returns (EcoGovernor) {
        return EcoGovernor(payable(address(governor)));
    }

    function _calls(uint32 newPeriod) internal view returns (address[] memory t, uint256[] memory v, bytes[] memory c) {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = address(governor);
        c[0] = abi.encodeCall(governor.setVotingPeriod, (newPeriod));
    }

    /// @dev Proposes `description` (setVotingPeriod(newPeriod)) and votes For it until it succeeds.
    function _passed(uint32 newPeriod, string memory description) internal returns (uint256 id) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(newPeriod);
        vm.prank(proposer);
        id = governor.propose(t, v, c, description);
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function _notRatified(uint256 id, CommonsGovernor.RatificationStatus s) internal {
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsProposalNotRatified.selector, id, s));
    }

    function test_wiring() public view {
        assertEq(eco().timelock(), address(timelock));
        assertEq(address(eco().ratificationGate()), address(gate));
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)));
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertTrue(governor.proposalNeedsQueuing(0));
    }

    function test_succeededNeedsRatificationThenQueueDelayExecuteByAnyone() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        bytes32 dh = keccak256("p");
        uint256 id = _passed(2 hours, "p");
        assertEq(uint8(governor.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Pending));
        _notRatified(id, CommonsGovernor.RatificationStatus.Pending);
        governor.queue(t, v, c, dh);
        _notRatified(id, CommonsGovernor.RatificationStatus.Pending);
        governor.execute(t, v, c, dh);

        gate.setRatificationStatus(id, 1);
        vm.expectEmit(address(governor));
        emit IGovernor.ProposalQueued(id, block.timestamp + DELAY);
        vm.prank(anyone);
        governor.queue(t, v, c, dh);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        assertEq(governor.proposalEta(id), block.timestamp + DELAY);

        vm.warp(block.timestamp + DELAY - 1);
        vm.expectRevert(); // TimelockUnexpectedOperationState: not ready yet
        governor.execute(t, v, c, dh);
        vm.warp(block.timestamp + 1);
        vm.prank(anyone);
        governor.execute(t, v, c, dh);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(governor.votingPeriod(), 2 hours);
    }

    function test_rejectedReportsDefeatedAndCannotQueue() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        uint256 id = _passed(2 hours, "r");
        gate.setRatificationStatus(id, 2);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        vm.expectRevert(); // GovernorUnexpectedProposalState (Defeated)
        governor.queue(t, v, c, keccak256("r"));
        vm.expectRevert();
        governor.execute(t, v, c, keccak256("r"));
    }

    /// @dev Invariant "no queue without ratification", fuzzed over the gate's answer and the caller: a succeeded
    /// proposal is queued (and then executed) only when the gate says Ratified; Rejected reports Defeated.
    function testFuzz_noQueueWithoutRatification(uint8 status, address caller) public {
        status = uint8(bound(status, 0, 2));
        vm.assume(caller != address(0));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(3 hours);
        uint256 id = _passed(3 hours, "fuzz");
        gate.setRatificationStatus(id, status);
        vm.prank(caller);
        (bool queued,) = address(governor).call(abi.encodeCall(governor.queue, (t, v, c, keccak256("fuzz"))));
        assertEq(queued, status == 1, "queued exactly when ratified");
        if (!queued) {
            vm.prank(caller);
            (bool executed,) = address(governor).call(abi.encodeCall(governor.execute, (t, v, c, keccak256("fuzz"))));
            assertFalse(executed, "never executed without ratification");
            assertEq(
                uint8(governor.state(id)),
                uint8(status == 2 ? IGovernor.ProposalState.Defeated : IGovernor.ProposalState.Succeeded)
            );
        } else {
            assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        }
    }

    function test_noGateBrokenGateOddGateStayPending() public {
        uint256 id = _passed(2 hours, "g");
        gate.setRatificationStatus(id, 1);
        assertEq(uint8(governor.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Ratified));
        IRatificationGate[3] memory gates = [IRatificationGate(address(0)), new RevertingGate(), new OddGate()];
        for (uint256 i; i < gates.length; ++i) {
            EcoGovernor other = new EcoGovernor(ve, timelock, gates[i], 1, 100, 0, 4, 10, 1 hours, 0);
            assertEq(address(other.ratificationGate()), address(gates[i]));
            assertEq(uint8(other.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Pending));
        }
    }

    /// @dev Takes a one-action proposal through vote, ratification, queue and the delay; returns it ready to execute.
    function _governed(address target, bytes memory data, string memory description)
        internal
        returns (uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c)
    {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = target;
        c[0] = data;
        vm.prank(proposer);
        id = governor.propose(t, v, c, description);
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        gate.setRatificationStatus(id, 1);
        governor.queue(t, v, c, keccak256(bytes(description)));
        vm.warp(block.timestamp + DELAY);
    }

    function test_setRatificationGateOnlyThroughGovernance() public {
        ManualRatificationGate next = new ManualRatificationGate(address(this));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        eco().setRatificationGate(next);

        (uint256 id, address[] memory t, uint256[] memory v, bytes[] memory c) =
            _governed(address(governor), abi.encodeCall(EcoGovernor.setRatificationGate, (next)), "gate");
        vm.expectEmit(address(governor));
        emit EcoGovernor.RatificationGateSet(address(gate), address(next));
        governor.execute(t, v, c, keccak256("gate"));
        assertEq(address(eco().ratificationGate()), address(next));
        assertEq(uint8(governor.ratificationStatus(id)), uint8(CommonsGovernor.RatificationStatus.Pending));
    }

    function test_setRatificationGateRejectsZero() public {
        (, address[] memory t, uint256[] memory v, bytes[] memory c) = _governed(
            address(governor), abi.encodeCall(EcoGovernor.setRatificationGate, (IRatificationGate(address(0)))), "zero"
        );
        vm.expectRevert(EcoGovernor.EcoGovernorZeroGate.selector);
        governor.execute(t, v, c, keccak256("zero"));
    }

    function test_settingsOnlyThroughTheTimelock() public {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setVotingPeriod(2 hours);
        vm.prank(address(timelock));
        vm.expectRevert(); // the timelock itself, outside a governor execution: no queued governance call
        governor.setVotingPeriod(2 hours);
    }

    function test_cancel_proposerWhilePending() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, "c");
        vm.prank(proposer);
        governor.cancel(t, v, c, keccak256("c"));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
    }

    function test_cancel_queuedByATimelockCanceller() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        uint256 id = _passed(2 hours, "q");
        gate.setRatificationStatus(id, 1);
        governor.queue(t, v, c, keccak256("q"));
        // The proposer cannot cancel once voting started (OpenZeppelin's rule) ...
        vm.prank(proposer);
        vm.expectRevert();
        governor.cancel(t, v, c, keccak256("q"));
        // ... a canceller of the timelock (the council's decisive action) can.
        bytes32 opId = timelock.hashOperationBatch(t, v, c, 0, bytes20(address(governor)) ^ keccak256("q"));
        assertTrue(timelock.isOperationPending(opId));
        vm.prank(council);
        timelock.cancel(opId);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Canceled));
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert();
        governor.execute(t, v, c, keccak256("q"));
        // Nobody else cancels in the timelock.
        vm.prank(anyone);
        vm.expectRevert();
        timelock.cancel(opId);
    }

    function test_proposalList() public {
        assertEq(governor.proposalCount(), 0);
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsProposalIndexOutOfBounds.selector, 0, 0));
        governor.proposalIdAt(0);
        uint256[] memory ids = new uint256[](3);
        for (uint256 i; i < 3; ++i) {
            ids[i] = _propose(proposer, string(abi.encodePacked("list ", vm.toString(i))));
        }
        assertEq(governor.proposalCount(), 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(governor.proposalIdAt(i), ids[i]);
        }
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsProposalIndexOutOfBounds.selector, 3, 3));
        governor.proposalIdAt(3);
        assertEq(governor.lateQuorumVoteExtension(), VOTE_EXTENSION, "packed neighbour intact");
    }

    /// Direct castVote (second voter, every contract cold) stays under the target with the timelock module;
    /// queue and execute figures for the report.
    function test_gas_castVoteQueueExecute() public {
        _coolList.push(address(governor));
        _coolList.push(address(ve));
        _coolList.push(address(timelock));
        _coolList.push(address(gate));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, "gas");
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        uint256 castVote = _txGas(voterB, address(governor), abi.encodeCall(IGovernor.castVote, (id, 1)));
        vm.warp(governor.proposalDeadline(id) + 1);
        gate.setRatificationStatus(id, 1);
        uint256 queue = _txGas(anyone, address(governor), abi.encodeCall(IGovernor.queue, (t, v, c, keccak256("gas"))));
        vm.warp(block.timestamp + DELAY);
        uint256 execute =
            _txGas(anyone, address(governor), abi.encodeCall(IGovernor.execute, (t, v, c, keccak256("gas"))));
        console.log("EcoGovernor castVote (direct, warm tally, cold contracts)", castVote);
        console.log("EcoGovernor queue (1 action)", queue);
        console.log("EcoGovernor execute (1 action: setVotingPeriod)", execute);
        assertLe(castVote, 66_155, "direct castVote above target");
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ratification window and Commons override (docs/MECHANISMS.md §4.3); the attacks are in test/attacks/GovernorCapture.t.sol
    // ---------------------------------------------------------------------------------------------------------

    function test_ratificationWindowAndCoolOff_governanceOnly_recordedAtCreation() public {
        assertEq(eco().ratificationWindow(), RAT_WINDOW);
        assertEq(eco().overrideCoolOff(), COOL_OFF);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setRatificationWindow(1 hours);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, address(this)));
        governor.setOverrideCoolOff(1 hours);

        uint256 before = _passed(2 hours, "before");
        assertEq(governor.ratificationDeadline(before), governor.proposalDeadline(before) + RAT_WINDOW);
        (, address[] memory t, uint256[] memory v, bytes[] memory c) =
            _governed(address(governor), abi.encodeCall(CommonsGovernor.setRatificationWindow, (1 hours)), "window");
        vm.expectEmit(address(governor));
        emit CommonsGovernor.RatificationWindowSet(RAT_WINDOW, 1 hours);
        governor.execute(t, v, c, keccak256("window"));
        assertEq(eco().ratificationWindow(), 1 hours);
        assertEq(
            governor.ratificationDeadline(before), governor.proposalDeadline(before) + RAT_WINDOW, "the window it was made with"
        );
        uint256 afterwards = _passed(2 hours, "after");
        assertEq(governor.ratificationDeadline(afterwards), governor.proposalDeadline(afterwards) + 1 hours);

        (, t, v, c) = _governed(address(governor), abi.encodeCall(CommonsGovernor.setRatificationWindow, (30)), "short");
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsInvalidRatificationWindow.selector, 30));
        governor.execute(t, v, c, keccak256("short"));
        (, t, v, c) = _governed(address(governor), abi.encodeCall(CommonsGovernor.setOverrideCoolOff, (91 days)), "long");
        vm.expectRevert(abi.encodeWithSelector(CommonsGovernor.CommonsInvalidOverrideCoolOff.selector, 91 days));
        governor.execute(t, v, c, keccak256("long"));
    }

    function test_expiredUnlessOpened_brokenGateExpires() public {
        uint256 id = _passed(2 hours, "e");
        vm.warp(governor.ratificationDeadline(id));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        vm.warp(block.timestamp + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Expired));
        gate.setRatificationOpened(id); // a gate that reports it opened in time keeps it Succeeded
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        EcoGovernor broken = new EcoGovernor(ve, timelock, new RevertingGate(), 1, 100, 0, 4, 10, 1 minutes, 0);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        vm.prank(proposer);
        uint256 bid = broken.propose(t, v, c, "b");
        vm.warp(broken.proposalSnapshot(bid) + 1);
        vm.prank(proposer);
        broken.castVote(bid, 1);
        vm.warp(broken.ratificationDeadline(bid) + 1);
        assertEq(uint8(broken.state(bid)), uint8(IGovernor.ProposalState.Expired), "a reverting gate opens nothing");
    }

    function test_override_onlyOfARefusedProposal() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        uint256 id = _passed(2 hours, "ok");
        vm.warp(block.timestamp + COOL_OFF);
        gate.setRatificationOpened(id);
        vm.prank(proposer);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGovernor.CommonsNotOverridable.selector, id, IGovernor.ProposalState.Succeeded)
        );
        governor.proposeOverride(t, v, c, keccak256("ok"), "override ok");
        // Defeated in the Commons (not by the council): no override.
        vm.prank(proposer);
        uint256 lost = governor.propose(t, v, c, "lost");
        _toActive(lost);
        vm.prank(voterB);
        governor.castVote(lost, 0);
        vm.warp(governor.proposalDeadline(lost) + COOL_OFF);
        vm.prank(proposer);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGovernor.CommonsNotOverridable.selector, lost, IGovernor.ProposalState.Defeated)
        );
        governor.proposeOverride(t, v, c, keccak256("lost"), "override lost");
        // A refused one, by an account below the threshold: the ordinary proposal rules apply.
        gate.setRatificationStatus(id, 2);
        vm.prank(anyone);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, anyone, 0, THRESHOLD)
        );
        governor.proposeOverride(t, v, c, keccak256("ok"), "override ok");
        vm.prank(proposer);
        uint256 o = governor.proposeOverride(t, v, c, keccak256("ok"), "override ok");
        assertTrue(governor.isOverride(o));
        assertFalse(governor.isOverride(id));
        // The gate's answer about the override is not consulted.
        gate.setRatificationStatus(o, 2);
        assertEq(uint8(governor.ratificationStatus(o)), uint8(CommonsGovernor.RatificationStatus.Ratified));
    }

    /// For any votes, an override succeeds exactly when For > Against, 3·For ≥ 2·(For + Against + Abstain) and
    /// For + Abstain ≥ 2 × quorum.
    function testFuzz_overrideBar(uint256 forAmount, uint256 againstAmount, uint256 abstainAmount) public {
        forAmount = bound(forAmount, 0, 200_000 ether);
        againstAmount = bound(againstAmount, 0, 100_000 ether);
        abstainAmount = bound(abstainAmount, 0, 100_000 ether);
        address[3] memory who = [makeAddr("for"), makeAddr("against"), makeAddr("abstain")];
        uint256[3] memory amounts = [forAmount, againstAmount, abstainAmount];
        for (uint256 i; i < 3; ++i) {
            if (amounts[i] >= 1 ether) _lock(who[i], amounts[i], MAX_LOCK);
        }
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls(2 hours);
        uint256 refused = _passed(2 hours, "refused");
        gate.setRatificationStatus(refused, 2);
        vm.warp(governor.proposalDeadline(refused) + COOL_OFF);
        vm.prank(proposer);
        uint256 o = governor.proposeOverride(t, v, c, keccak256("refused"), "override");
        _toActive(o);
        for (uint256 i; i < 3; ++i) {
            if (amounts[i] < 1 ether) continue;
            vm.prank(who[i]);
            governor.castVote(o, uint8(i == 0 ? 1 : i == 1 ? 0 : 2));
        }
        vm.warp(governor.proposalDeadline(o) + 1);
        (uint256 a, uint256 f, uint256 ab) = governor.proposalVotes(o);
        uint256 q = governor.quorum(governor.proposalSnapshot(o));
        bool expected = f > a && 3 * f >= 2 * (f + a + ab) && f + ab >= 2 * q;
        assertEq(governor.proposalQuorum(o), 2 * q);
        assertEq(
            uint8(governor.state(o)),
            uint8(expected ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated)
        );
    }

    /// @dev The proposal simulator (lib/server/simulate.ts `queueGovernanceCalls`) does on a fork what `execute`
    /// does before the timelock runs a batch: it writes the hash of each call to the governor itself into
    /// `_governanceCall` (slot 5: `_begin` in the low 128 bits, `_end` in the high; slot 6: the `_data` mapping).
    /// If the governor's storage layout moves, this fails and the simulator's slots must follow.
    function test_simulatorGovernanceCallSlots() public {
        bytes memory data = abi.encodeCall(governor.setVotingPeriod, (2 hours));
        vm.prank(address(timelock));
        vm.expectRevert(); // an empty queue: the call was not queued by `execute`
        governor.setVotingPeriod(2 hours);
        vm.store(address(governor), bytes32(uint256(5)), bytes32(uint256(1) << 128));
        vm.store(address(governor), keccak256(abi.encode(uint256(0), uint256(6))), keccak256(data));
        vm.prank(address(timelock));
        governor.setVotingPeriod(2 hours);
        assertEq(governor.votingPeriod(), 2 hours);
        assertEq(vm.load(address(governor), bytes32(uint256(5))), bytes32(uint256(1) | (uint256(1) << 128)), "popped");
    }
}
