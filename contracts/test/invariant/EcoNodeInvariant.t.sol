// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {EcoNodeCouncil, ICouncilRegistry} from "../../src/l2/governance/EcoNodeCouncil.sol";
import {EcoNodePromotion, IPromotionVotes, IProposalIndex} from "../../src/l2/governance/EcoNodePromotion.sol";

/// @dev Every proposal has succeeded, its Commons vote having ended a second ago; the actors from index 48 on
/// are groups.
contract SucceededGovernorMock {
    function state(uint256) external pure returns (IGovernor.ProposalState) {
        return IGovernor.ProposalState.Succeeded;
    }

    function proposalDeadline(uint256) external view returns (uint256) {
        return block.timestamp - 1;
    }

    function isOverride(uint256) external pure returns (bool) {
        return false;
    }

    function isGroup(address a) external pure returns (bool) {
        return uint160(a) >= 0xA0000 + 48 && uint160(a) < 0xA0000 + 72;
    }

    function governor() external view returns (address) {
        return address(this);
    }

    function registry() external view returns (address) {
        return address(this);
    }
}

/// @dev Stand-in for the promotion reader: whether every group meets the criteria is a switch of the handler.
contract PromotionSwitch {
    address public immutable governor;
    address public immutable registry;
    bool public qualifies = true;

    constructor(address mock) {
        governor = mock;
        registry = mock;
    }

    function set(bool q) external {
        qualifies = q;
    }

    function checkParams(EcoNodeCouncil.Params calldata) external pure {}

    function check(address, address) external view returns (bool, bool, bool) {
        return (true, qualifies, true);
    }
}

/// @dev Owner of the council: drives random admissions, removals, awards, slashes, evictions, half-life changes,
/// time, ratification openings, votes and settlements, and peer-penalty motions; keeps ghost records.
contract EcoNodeHandler is Test {
    EcoNodeCouncil public council;
    address[] public actors;
    uint256[] public openedIds;

    /// proposal => node => successful votes
    mapping(uint256 => mapping(address => uint256)) public votesOf;
    /// proposal => sum of the weights of successful votes
    mapping(uint256 => uint256) public castWeight;
    /// actor => reputation read right after the last handler call (decay can only lower it from there)
    mapping(address => uint256) public lastSeen;
    uint256 public maxVotesPerNode;
    uint256 public castsOk;
    uint256 public settlesOk;
    uint256 public removalsBelowFloor;
    PromotionSwitch public promo;
    uint256 public promotionsOk;
    uint256 public demotionsOk;
    /// promotions after which the seats promoted within the period held more than 1/3 of the reputation
    uint256 public rateLimitBreaches;

    constructor(EcoNodeCouncil council_, PromotionSwitch promo_) {
        council = council_;
        promo = promo_;
        for (uint256 i; i < 72; ++i) {
            actors.push(address(uint160(0xA0000 + i)));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function openedCount() external view returns (uint256) {
        return openedIds.length;
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    function _seated(uint256 seed) internal view returns (address) {
        uint256 n = council.nodeCount();
        if (n == 0) return address(0);
        return council.nodeAt(seed % n);
    }

    function _refresh() internal {
        for (uint256 i; i < actors.length; ++i) {
            lastSeen[actors[i]] = council.reputationOf(actors[i]);
        }
    }

    function admit(uint256 seed) external {
        address a = _actor(seed);
        if (council.isNode(a) || council.nodeCount() >= 64) return;
        council.admit(a, "h");
        _refresh();
    }

    function admitMany(uint256 count) external {
        count = bound(count, 1, 64);
        for (uint256 i; i < actors.length && count > 0; ++i) {
            if (council.nodeCount() >= 64) break;
            if (!council.isNode(actors[i])) {
                council.admit(actors[i], "bulk");
                --count;
            }
        }
        _refresh();
    }

    /// Anyone promotes a group (actors 48..71); the council enforces the 1/3 rate limit.
    function promote(uint256 seed) external {
        address g = actors[48 + seed % 24];
        if (council.isNode(g)) return;
        try council.promote(g) {
            ++promotionsOk;
            (uint256 recent, uint256 total) = council.promotionBudget();
            if (recent * 3 > total) ++rateLimitBreaches;
        } catch {}
        _refresh();
    }

    function setQualifies(bool q) external {
        promo.set(q);
    }

    function demote(uint256 seed) external {
        address g = _seated(seed);
        if (g == address(0)) return;
        try council.demote(g) {
            ++demotionsOk;
            assertFalse(council.isNode(g));
            assertFalse(promo.qualifies());
            assertEq(council.reputationOf(g), 0);
        } catch {}
        _refresh();
    }

    function remove(uint256 seed) external {
        address a = _seated(seed);
        if (a == address(0)) return;
        council.remove(a, "h");
        _refresh();
    }

    function award(uint256 seed, uint256 amount) external {
        address a = _seated(seed);
        if (a == address(0)) return;
        council.award(a, bound(amount, 1, 10_000 ether), "h");
        _refresh();
    }

    function slash(uint256 seed, uint256 amount) external {
        address a = _seated(seed);
        if (a == address(0)) return;
        council.slash(a, bound(amount, 1, 2_000 ether), "h");
        _refresh();
    }

    function evict(uint256 seed) external {
        address a = _seated(seed);
        if (a == address(0) || council.reputationOf(a) >= council.params().floor) return;
        council.evict(a);
        ++removalsBelowFloor;
        _refresh();
    }

    function setHalfLife(uint256 seed) external {
        EcoNodeCouncil.Params memory p = council.params();
        p.halfLife = uint32(bound(seed, 1 hours, 400 days));
        council.setParams(p);
        _refresh();
    }

    function warp(uint256 dt) external {
        vm.warp(block.timestamp + bound(dt, 1, 60 days));
        // no refresh: the invariant checks that time alone only lowers reputation
    }

    function open(uint256 id) external {
        id = bound(id, 1, 1_000_000);
        if (council.ratification(id).openedAt != 0) return;
        try council.openRatification(id) {
            openedIds.push(id);
        } catch {}
        _refresh();
    }

    function cast(uint256 idSeed, uint256 nodeSeed, uint8 support) external {
        if (openedIds.length == 0) return;
        uint256 id = openedIds[idSeed % openedIds.length];
        address node = _seated(nodeSeed);
        if (node == address(0)) return;
        vm.prank(node);
        try council.castRatification(id, support % 3, "h") returns (uint256 w) {
            castWeight[id] += w;
            uint256 v = ++votesOf[id][node];
            if (v > maxVotesPerNode) maxVotesPerNode = v;
            ++castsOk;
        } catch {}
        _refresh();
    }

    function castAgain(uint256 idSeed, uint256 nodeSeed) external {
        // a node that already voted tries again: must fail
        if (openedIds.length == 0) return;
        uint256 id = openedIds[idSeed % openedIds.length];
        address node = _seated(nodeSeed);
        if (node == address(0) || !council.hasVoted(id, node)) return;
        vm.prank(node);
        try council.castRatification(id, 1, "again") returns (uint256 w) {
            castWeight[id] += w;
            uint256 v = ++votesOf[id][node];
            if (v > maxVotesPerNode) maxVotesPerNode = v;
        } catch {}
    }

    function settle(uint256 idSeed) external {
        if (openedIds.length == 0) return;
        uint256 id = openedIds[idSeed % openedIds.length];
        try council.settleRatification(id) {
            ++settlesOk;
        } catch {}
        _refresh();
    }

    function penalty(uint256 s1, uint256 s2, uint256 amount, uint256 voters) external {
        address opener = _seated(s1);
        address accused = _seated(s2);
        if (opener == address(0) || opener == accused) return;
        vm.prank(opener);
        try council.openPenaltyMotion(opener, accused, bound(amount, 1, 2_000 ether), "h") returns (uint256 id) {
            voters = bound(voters, 0, 64);
            for (uint256 i; i < voters && i < council.nodeCount(); ++i) {
                address n = council.nodeAt(i);
                vm.prank(n);
                try council.voteMotion(n, id) {} catch {}
            }
            try council.executePenaltyMotion(id) {} catch {}
        } catch {}
        _refresh();
    }
}

contract EcoNodeInvariantTest is Test {
    EcoNodeCouncil council;
    EcoNodeHandler handler;
    PromotionSwitch promo;

    function setUp() public {
        vm.warp(1_700_000_000);
        SucceededGovernorMock mock = new SucceededGovernorMock();
        EcoNodeCouncil.Params memory p;
        p.admissionGrant = 1_000 ether;
        p.participationCredit = 10 ether;
        p.missedPenalty = 50 ether;
        p.floor = 100 ether;
        p.halfLife = 30 days;
        p.ratificationPeriod = 3 days;
        p.quorumBps = 4000;
        p.participationWindow = 10;
        p.motionPeriod = 3 days;
        p.actionDelay = 1 hours;
        p.executionWindow = 2 days;
        promo = new PromotionSwitch(address(mock));
        // the handler is deployed next: its address is known in advance
        address handlerAddr = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        council = new EcoNodeCouncil(
            IVotes(address(mock)),
            address(mock),
            ICouncilRegistry(address(mock)),
            EcoNodePromotion(address(promo)),
            handlerAddr,
            p
        );
        handler = new EcoNodeHandler(council, promo);
        assertEq(address(handler), handlerAddr);
        targetContract(address(handler));
    }

    /// The total is the sum over every address that was ever a node (removed ones hold 0), at all times.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_totalEqualsSumOverNodes() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            sum += council.reputationOf(handler.actors(i));
        }
        assertEq(council.totalReputation(), sum);
        uint256 seatedSum;
        address[] memory ns = council.nodes();
        for (uint256 i; i < ns.length; ++i) {
            seatedSum += council.reputationOf(ns[i]);
        }
        assertEq(seatedSum, sum);
    }

    /// Time alone (decay) only lowers reputation, never below zero.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_decayOnlyLowers() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertLe(council.reputationOf(a), handler.lastSeen(a));
            if (!council.isNode(a)) assertEq(council.reputationOf(a), 0);
        }
    }

    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_atMost64Nodes() public view {
        assertLe(council.nodeCount(), 64);
        assertEq(council.nodes().length, council.nodeCount());
    }

    /// A ratification's cast weight never exceeds the total reputation at opening, and matches the votes.
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_castWeightWithinTotal() public view {
        for (uint256 i; i < handler.openedCount(); ++i) {
            uint256 id = handler.openedIds(i);
            EcoNodeCouncil.Ratification memory r = council.ratification(id);
            uint256 cast = uint256(r.ratifyWeight) + r.rejectWeight + r.abstainWeight;
            assertLe(cast, r.totalReputation);
            assertEq(cast, handler.castWeight(id));
        }
    }

    /// Seats promoted within one ratification period never held more than 1/3 of the reputation when one
    /// was added (docs/MECHANISMS.md §4.4 rate limit).
    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_promotionsWithinOneThird() public view {
        assertEq(handler.rateLimitBreaches(), 0);
        (uint256 recent, uint256 total) = council.promotionBudget();
        assertLe(recent, total);
    }

    /// forge-config: default.invariant.runs = 24
    /// forge-config: default.invariant.depth = 48
    /// forge-config: deep.invariant.runs = 1000
    /// forge-config: deep.invariant.depth = 48
    function invariant_oneVotePerNode() public view {
        assertLe(handler.maxVotesPerNode(), 1);
    }

    /// The handler's paths are reachable: votes are cast and ratifications settle.
    function test_handlerReachesVotesAndSettlements() public {
        handler.admitMany(10);
        vm.warp(block.timestamp + 1);
        handler.open(1);
        for (uint256 i; i < 10; ++i) {
            handler.cast(0, i, uint8(i));
        }
        handler.castAgain(0, 0);
        handler.warp(4 days);
        handler.settle(0);
        assertEq(handler.castsOk(), 10);
        assertEq(handler.maxVotesPerNode(), 1);
        assertEq(handler.settlesOk(), 1);
        invariant_totalEqualsSumOverNodes();
        invariant_castWeightWithinTotal();
    }

    /// The promotion paths are reachable: the rate limit admits some promotions and refuses others, and a
    /// promoted group that stops qualifying is demoted.
    function test_handlerReachesPromotionsAndDemotions() public {
        handler.admitMany(3);
        vm.warp(block.timestamp + 1);
        for (uint256 i; i < 5; ++i) {
            handler.promote(i);
        }
        assertEq(handler.promotionsOk(), 1); // 1000 of 4000 ≤ 1/3; a second would be 2000 of 5000
        handler.warp(3 days + 1);
        handler.promote(7);
        assertEq(handler.promotionsOk(), 2);
        handler.setQualifies(false);
        for (uint256 i; i < 8; ++i) {
            handler.demote(i);
        }
        assertEq(handler.demotionsOk(), 2);
        invariant_promotionsWithinOneThird();
        invariant_totalEqualsSumOverNodes();
    }
}
