// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGovernor} from "../../src/l2/governance/CommonsGovernor.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {EcoNodeCouncil, ICouncilRegistry} from "../../src/l2/governance/EcoNodeCouncil.sol";
import {
    EcoNodePromotion, IPromotionVotes, IProposalIndex
} from "../../src/l2/governance/EcoNodePromotion.sol";

/// @dev A Commons governor (its proposal list is CommonsGovernor's `proposalCount` / `proposalIdAt`) with the
/// ratification gate reading the council, without a timelock: the council's unit tests stay independent of
/// EcoGovernor's timelock.
contract IndexedGovernor is CommonsGovernor {
    EcoNodeCouncil public council;

    constructor(IVotes token) CommonsGovernor(token, 5 minutes, 60 minutes, 10_000 ether, 4, 10 minutes) {
        _setRatificationWindow(3 days);
    }

    function setCouncil(EcoNodeCouncil council_) external {
        require(address(council) == address(0));
        council = council_;
    }

    function _ratificationStatus(uint256 proposalId) internal view override returns (RatificationStatus) {
        return RatificationStatus(council.ratificationStatus(proposalId));
    }

    function _ratificationOpened(uint256 proposalId) internal view override returns (bool) {
        return council.ratificationOpened(proposalId);
    }
}

/// @dev Commons + council with test parameters (reputation in 18 decimals).
abstract contract EcoNodeBase is CommonsBase {
    uint128 internal constant GRANT = 1_000 ether;
    uint128 internal constant CREDIT = 10 ether;
    uint128 internal constant MISSED = 50 ether;
    uint128 internal constant FLOOR = 100 ether;
    uint32 internal constant HALF_LIFE = 180 days;
    uint32 internal constant RAT_PERIOD = 3 days;

    EcoNodeCouncil internal council;
    EcoNodePromotion internal promotion;
    IndexedGovernor internal igov;
    address internal proposer = makeAddr("proposer");
    uint256 internal proposalNonce;

    function _deployGovernor() internal virtual override returns (CommonsGovernor) {
        igov = new IndexedGovernor(ve);
        return igov;
    }

    function _defaultParams() internal pure returns (EcoNodeCouncil.Params memory p) {
        p.admissionGrant = GRANT;
        p.participationCredit = CREDIT;
        p.missedPenalty = MISSED;
        p.floor = FLOOR;
        p.halfLife = HALF_LIFE;
        p.ratificationPeriod = RAT_PERIOD;
        p.quorumBps = 4000;
        p.minPooledBps = 100;
        p.minMembers = 3;
        p.minAge = 10 minutes;
        p.participationWindow = 10;
        p.minParticipationBps = 5000;
        p.minCastBps = 5000;
        p.minSnapshotSpacing = 0;
        p.motionPeriod = 3 days;
        p.actionDelay = 1 hours;
        p.executionWindow = 2 days;
    }

    function setUp() public virtual override {
        super.setUp();
        promotion = new EcoNodePromotion(
            IPromotionVotes(address(ve)), IProposalIndex(address(governor)), ICouncilRegistry(address(registry))
        );
        council = new EcoNodeCouncil(
            ve, address(governor), ICouncilRegistry(address(registry)), promotion, address(this), _defaultParams()
        );
        igov.setCouncil(council);
        _lock(proposer, 500_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
    }

    function _node(uint256 i) internal pure returns (address) {
        return address(uint160(0xE0000 + i));
    }

    function _admitN(uint256 n) internal {
        for (uint256 i; i < n; ++i) {
            council.admit(_node(i), "contributor");
        }
    }

    /// @dev A proposal that succeeded in the Commons (the proposer votes For), now past its deadline.
    function _succeeded() internal returns (uint256 id) {
        id = _propose(proposer, string(abi.encodePacked("p", ++proposalNonce)));
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
    }

    function _open(uint256 id) internal {
        council.openRatification(id);
    }

    /// @dev A new proposal, now Active, for which the proposer already voted For (so it reaches quorum).
    function _activeWithQuorum() internal returns (uint256 id) {
        id = _propose(proposer, string(abi.encodePacked("p", ++proposalNonce)));
        _toActive(id);
        vm.prank(proposer);
        governor.castVote(id, 1);
    }

    /// @dev Ends the Commons vote of `id`.
    function _close(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    /// @dev Each of `voters` votes `support` inside group `g` on `id`.
    function _groupVotes(CommonsGroup g, address[] memory voters, uint256 id, uint8 support) internal {
        for (uint256 i; i < voters.length; ++i) {
            vm.prank(voters[i]);
            g.castVote(id, support, "");
        }
    }

    /// @dev `n` closed proposals that reached quorum, in which every member of `g` in `voters` voted For.
    function _rounds(CommonsGroup g, address[] memory voters, uint256 n) internal {
        for (uint256 k; k < n; ++k) {
            uint256 id = _activeWithQuorum();
            if (address(g) != address(0)) _groupVotes(g, voters, id, 1);
            _close(id);
        }
    }
}
