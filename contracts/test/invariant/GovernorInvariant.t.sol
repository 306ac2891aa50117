// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {CommonsBase} from "../governance/CommonsBase.t.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {EcoGovernor} from "../../src/l2/governance/EcoGovernor.sol";
import {ManualRatificationGate} from "../utils/ManualRatificationGate.sol";

/// @dev Drives the governor's lifecycle (docs/MECHANISMS.md §4.3, §6) at random: proposals, votes, the gate opening, ratifying
/// or rejecting, overrides of refused proposals, queue, execute through the governor, and attempts to execute
/// ready operations directly on the timelock. Keeps ghost records for the invariants.
contract GovernorHandler is Test {
    EcoGovernor public governor;
    TimelockController public timelock;
    ManualRatificationGate public gate;
    address public proposer;
    address[] public actors;
    uint256[] public ids;
    mapping(uint256 id => bytes32) public descriptionHash;
    mapping(uint256 id => bool) public gateDecided;
    uint256 public nonce;
    uint256 public directExecutions; // operations an outsider executed on the timelock (must stay 0)
    uint256 public governorExecutions; // successful governor.execute
    uint256 public overridesProposed;

    constructor(EcoGovernor governor_, TimelockController timelock_, ManualRatificationGate gate_, address proposer_, address[] memory actors_) {
        governor = governor_;
        timelock = timelock_;
        gate = gate_;
        proposer = proposer_;
        for (uint256 i; i < actors_.length; ++i) actors.push(actors_[i]);
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function _calls() internal view returns (address[] memory t, uint256[] memory v, bytes[] memory c) {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = address(governor);
        c[0] = abi.encodeCall(governor.votingDelay, ());
    }

    function _id(uint256 seed) internal view returns (uint256) {
        if (ids.length == 0) return 0;
        // Half the time the newest proposal, so that one proposal goes through its whole lifecycle.
        return seed % 2 == 0 ? ids[ids.length - 1] : ids[(seed / 2) % ids.length];
    }

    function _state(uint256 id) internal view returns (IGovernor.ProposalState) {
        return governor.state(id);
    }

    function propose() external {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        string memory d = string(abi.encodePacked("p", vm.toString(++nonce)));
        vm.prank(proposer);
        uint256 id = governor.propose(t, v, c, d);
        ids.push(id);
        descriptionHash[id] = keccak256(bytes(d));
    }

    function vote(uint256 actorSeed, uint256 idSeed, uint8 support) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        // Directed: a pending proposal's voting opens first (time only moves forward).
        if (_state(id) == IGovernor.ProposalState.Pending) vm.warp(governor.proposalSnapshot(id) + 1);
        if (_state(id) != IGovernor.ProposalState.Active) return;
        address a = actors[actorSeed % actors.length];
        if (governor.hasVoted(id, a)) return;
        vm.prank(a);
        governor.castVote(id, support % 3);
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1 minutes, 90 minutes));
    }

    /// The council's side: open, then ratify or reject, a succeeded ordinary proposal.
    function decide(uint256 idSeed, uint8 what) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        if (_state(id) == IGovernor.ProposalState.Active) vm.warp(governor.proposalDeadline(id) + 1);
        if (governor.isOverride(id) || gateDecided[id] || _state(id) != IGovernor.ProposalState.Succeeded) return;
        what %= 3;
        if (what == 0) {
            gate.setRatificationOpened(id);
        } else {
            gate.setRatificationStatus(id, what); // 1 Ratified, 2 Rejected (opened implied)
            gateDecided[id] = true;
        }
    }

    function proposeOverride(uint256 idSeed) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        uint256 from = governor.proposalDeadline(id) + governor.overrideCoolOff();
        if (block.timestamp < from) vm.warp(from);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        string memory d = string(abi.encodePacked("override ", vm.toString(++nonce)));
        vm.prank(proposer);
        try governor.proposeOverride(t, v, c, descriptionHash[id], d) returns (uint256 o) {
            ids.push(o);
            descriptionHash[o] = keccak256(bytes(d));
            ++overridesProposed;
        } catch {}
    }

    function queue(uint256 idSeed) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        if (_state(id) == IGovernor.ProposalState.Active) vm.warp(governor.proposalDeadline(id) + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        try governor.queue(t, v, c, descriptionHash[id]) {} catch {}
    }

    function execute(uint256 idSeed) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        uint256 eta = governor.proposalEta(id);
        if (eta != 0 && block.timestamp < eta) vm.warp(eta);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        try governor.execute(t, v, c, descriptionHash[id]) {
            ++governorExecutions;
        } catch {}
    }

    function executeOnTimelock(uint256 actorSeed, uint256 idSeed) external {
        uint256 id = _id(idSeed);
        if (id == 0) return;
        uint256 eta = governor.proposalEta(id);
        if (eta != 0 && block.timestamp < eta) vm.warp(eta);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _calls();
        vm.prank(actors[actorSeed % actors.length]);
        try timelock.executeBatch(t, v, c, 0, bytes20(address(governor)) ^ descriptionHash[id]) {
            ++directExecutions;
        } catch {}
    }
}

/// @notice The governor's lifecycle invariants (docs/MECHANISMS.md §4.3): an override succeeds only above its bar; an ordinary
/// proposal is queued only once ratified; an Expired proposal was never opened and is past its window; only the
/// governor executes timelock operations, so every executed operation emitted ProposalExecuted.
contract GovernorInvariantTest is StdInvariant, CommonsBase {
    GovernorHandler internal handler;
    TimelockController internal timelock;
    ManualRatificationGate internal gate;
    address internal proposer = makeAddr("proposer");

    function _deployGovernor() internal override returns (CommonsGovernor) {
        address[] memory none = new address[](0);
        timelock = new TimelockController(1 hours, none, none, address(this));
        gate = new ManualRatificationGate(address(this));
        EcoGovernor gov =
            new EcoGovernor(ve, timelock, gate, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 4, VOTE_EXTENSION, 3 hours, 2 hours);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(gov));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(gov));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(gov));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        return gov;
    }

    function setUp() public override {
        super.setUp();
        _lock(proposer, 20_000 ether, MAX_LOCK);
        address[] memory actors = new address[](4);
        for (uint256 i; i < 4; ++i) {
            actors[i] = makeAddr(string(abi.encodePacked("voter", vm.toString(i))));
            _lock(actors[i], (i + 1) * 5_000 ether, MAX_LOCK);
        }
        vm.warp(block.timestamp + 1);
        handler = new GovernorHandler(EcoGovernor(payable(address(governor))), timelock, gate, proposer, actors);
        gate.transferOwnership(address(handler));
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](8);
        actions[0] = GovernorHandler.propose.selector;
        actions[1] = GovernorHandler.vote.selector;
        actions[2] = GovernorHandler.warp.selector;
        actions[3] = GovernorHandler.decide.selector;
        actions[4] = GovernorHandler.proposeOverride.selector;
        actions[5] = GovernorHandler.queue.selector;
        actions[6] = GovernorHandler.execute.selector;
        actions[7] = GovernorHandler.executeOnTimelock.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: actions}));
    }

    /// Reach of the paths (printed with -vv; not asserted, runs differ): overrides proposed, governor executions.
    function afterInvariant() external {
        emit log_named_uint("overrides proposed", handler.overridesProposed());
        emit log_named_uint("governor executions", handler.governorExecutions());
        emit log_named_uint("proposals", handler.idCount());
    }

    function invariant_overrideSucceedsOnlyAboveItsBar() public view {
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            if (!governor.isOverride(id)) continue;
            IGovernor.ProposalState s = governor.state(id);
            if (
                s != IGovernor.ProposalState.Succeeded && s != IGovernor.ProposalState.Queued
                    && s != IGovernor.ProposalState.Executed
            ) continue;
            (uint256 a, uint256 f, uint256 ab) = governor.proposalVotes(id);
            assertGt(f, a);
            assertGe(3 * f, 2 * (f + a + ab), "For below 2/3 of the votes cast");
            assertGe(f + ab, 2 * governor.quorum(governor.proposalSnapshot(id)), "below twice the quorum");
        }
    }

    function invariant_ordinaryProposalQueuedOnlyOnceRatified() public view {
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            if (governor.isOverride(id)) continue;
            IGovernor.ProposalState s = governor.state(id);
            if (s == IGovernor.ProposalState.Queued || s == IGovernor.ProposalState.Executed) {
                assertEq(gate.ratificationStatus(id), 1, "queued without ratification");
            }
        }
    }

    function invariant_expiredMeansNeverOpenedAndPastTheWindow() public view {
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            if (governor.state(id) != IGovernor.ProposalState.Expired) continue;
            assertFalse(governor.isOverride(id), "an override never expires");
            assertFalse(gate.ratificationOpened(id));
            assertGt(block.timestamp, governor.ratificationDeadline(id));
        }
    }

    function invariant_onlyTheGovernorExecutes() public view {
        assertEq(handler.directExecutions(), 0, "an outsider executed an operation on the timelock");
        uint256 n = handler.idCount();
        uint256 executed;
        for (uint256 i; i < n; ++i) {
            if (governor.state(handler.ids(i)) == IGovernor.ProposalState.Executed) ++executed;
        }
        assertEq(executed, handler.governorExecutions(), "every executed proposal went through governor.execute");
    }

    /// Every path of the handler is reachable: ratified and executed; rejected, overridden and executed.
    function test_handlerReachesExecutionAndOverride() public {
        handler.propose(); // even seeds pick the newest proposal
        handler.vote(0, 0, 1);
        handler.decide(0, 1); // ratified
        handler.queue(0);
        handler.execute(0);
        assertEq(handler.governorExecutions(), 1);
        handler.propose();
        handler.vote(1, 0, 1);
        handler.decide(0, 2); // rejected
        handler.proposeOverride(0);
        assertEq(handler.overridesProposed(), 1);
        handler.vote(3, 0, 1); // the override: the largest voter alone is above twice the quorum
        handler.queue(0);
        handler.execute(0);
        assertEq(handler.governorExecutions(), 2);
        handler.executeOnTimelock(0, 0);
        assertEq(handler.directExecutions(), 0);
    }
}
