// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EcoNodeBase} from "../governance/EcoNodeBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";
import {EcoNodeCouncil} from "../../src/l2/governance/EcoNodeCouncil.sol";
import {EcoNodePromotion} from "../../src/l2/governance/EcoNodePromotion.sol";

/// @title Attacks on the Eco Node council's membership (docs/MECHANISMS.md §4.4)
/// @notice Production promotion criteria (25 members of ≥ 100 units, 1% pooled, 90 days, the last 10 counted
/// proposals with snapshots ≥ 3 days apart, cast ≥ 50% of the pooled units in ≥ 50% of them) on the test
/// Commons (minutes-long votes). The honest Commons holds 1,000,000 units (the proposer) and votes on a proposal
/// every week; the honest council is three admitted nodes. Each test performs one attack step by step and
/// prints the figure it ends on (`forge test --match-path test/attacks/CouncilCapture.t.sol -vv`).
contract CouncilCaptureTest is EcoNodeBase {
    uint256 internal constant WEEK = 7 days;

    address internal attacker = makeAddr("attacker");
    address internal whale = makeAddr("whale");
    uint256 internal salt;

    function setUp() public override {
        super.setUp();
        EcoNodeCouncil.Params memory p = _defaultParams();
        p.minMembers = 25;
        p.minAge = 90 days;
        p.minSnapshotSpacing = 3 days;
        council.setParams(p);
        _admitN(3); // honest nodes 0, 1, 2
        vm.warp(block.timestamp + 1);
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    function _fresh() internal returns (address a) {
        a = address(uint160(uint256(keccak256(abi.encode("fresh", ++salt)))));
    }

    /// @dev `n` addresses that each lock `amount` METIS for 730 days (2 units per METIS; 0: no lock), join `g`
    /// and delegate to it.
    function _members(CommonsGroup g, uint256 n, uint256 amount) internal returns (address[] memory ms) {
        ms = new address[](n);
        for (uint256 i; i < n; ++i) {
            ms[i] = _fresh();
            if (amount != 0) {
                _lock(ms[i], amount, MAX_LOCK);
                _joinAndPool(g, ms[i]);
            } else {
                vm.prank(ms[i]);
                g.join();
            }
        }
    }

    /// @dev Weekly honest proposals that reach quorum, `weeks_` of them; `hook(k, id)` runs while each is active.
    function _weeks(uint256 weeks_, function(uint256, uint256) internal hook) internal {
        for (uint256 k; k < weeks_; ++k) {
            uint256 start = block.timestamp;
            uint256 id = _activeWithQuorum();
            hook(k, id);
            _close(id);
            vm.warp(start + WEEK);
        }
    }

    function _noop(uint256, uint256) internal {}

    /// @dev Basis points of the current total reputation held by `nodes`.
    function _shareBps(address[] memory nodes_) internal view returns (uint256 held) {
        for (uint256 i; i < nodes_.length; ++i) {
            held += council.reputationOf(nodes_[i]);
        }
        return held * 10_000 / council.totalReputation();
    }

    function _asArray(CommonsGroup[] memory gs) internal pure returns (address[] memory a) {
        a = new address[](gs.length);
        for (uint256 i; i < gs.length; ++i) {
            a[i] = address(gs[i]);
        }
    }

    /// @dev The attacker calls `promote` on each group; returns how many seats it got.
    function _tryPromoteAll(CommonsGroup[] memory gs) internal returns (uint256 seats) {
        for (uint256 i; i < gs.length; ++i) {
            vm.prank(attacker);
            try council.promote(address(gs[i])) {
                ++seats;
            } catch {}
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Attack 1: 20 prepared groups of empty members, 1% of the units delegated to each for one second
    // ------------------------------------------------------------------------------------------------------

    CommonsGroup[] internal flood;
    address[] internal dustVoters;

    function _floodDustVotes(uint256 k, uint256 id) internal {
        if (k >= 4) return; // "votes Abstain in a few proposals"
        for (uint256 i; i < flood.length; ++i) {
            vm.prank(dustVoters[i]);
            flood[i].castVote(id, 2, "");
        }
    }

    function test_attack_floodCouncilViaOneSecondDelegation_fails() public {
        // 1. Twenty groups created in advance, each with 25 empty addresses on its roster (no METIS) and one
        //    account with a 1-wei lock delegated to it.
        for (uint256 i; i < 20; ++i) {
            CommonsGroup g =
                _group(string(abi.encodePacked("Flood ", vm.toString(i))), attacker, CommonsGroup.RemainderPolicy.None);
            flood.push(g);
            _members(g, 25, 0);
            address v = _fresh();
            _lock(v, 1, MAX_LOCK);
            _joinAndPool(g, v);
            dustVoters.push(v);
        }
        vm.warp(block.timestamp + 1);
        // 2. Thirteen weeks of honest proposals; the 1-wei voters vote Abstain in the first four.
        _weeks(13, _floodDustVotes);
        assertGe(block.timestamp - flood[0].createdAt(), 90 days);
        // 3. A holder of ~1% of the units locks for the 7-day minimum and delegates to each group for one
        //    second, and the attacker calls `promote` in that second.
        uint256 total = ve.totalUnits();
        _lock(whale, total / 99, MIN_LOCK);
        emit log_named_decimal_uint("whale's share of the units (%)", ve.totalUnits() == 0 ? 0 : ve.unitsOf(whale) * 100e18 / ve.totalUnits(), 18);
        uint256 seats;
        for (uint256 i; i < flood.length; ++i) {
            vm.prank(whale);
            ve.delegate(address(flood[i]));
            vm.warp(block.timestamp + 1);
            vm.prank(attacker);
            try council.promote(address(flood[i])) {
                ++seats;
            } catch (bytes memory err) {
                assertEq(
                    err, abi.encodeWithSelector(EcoNodeCouncil.PromotionCriteriaNotMet.selector, address(flood[i]))
                );
            }
        }
        // The window's snapshots predate the delegation: nothing pooled (2 wei), no member with 100 units.
        EcoNodePromotion.Progress memory p = promotion.progress(council, address(flood[0]));
        assertEq(p.checks.length, 10);
        for (uint256 k; k < 10; ++k) {
            assertFalse(p.checks[k].pooledOk);
            assertEq(p.checks[k].members, 0);
        }
        uint256 share = _shareBps(_asArray(flood));
        emit log_named_uint("seats won by the attacker", seats);
        emit log_named_decimal_uint("attacker's share of reputation (%)", share, 2);
        assertEq(seats, 0);
        assertEq(share, 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Attack 1, variant: real capital held all along, but the 25 members are dust and the votes are dust
    // ------------------------------------------------------------------------------------------------------

    CommonsGroup internal dustGroup;
    address[] internal dustMembers;

    function _dustGroupVotes(uint256, uint256 id) internal {
        vm.prank(dustMembers[0]); // one 99-unit member votes: the group "participated" with dust
        dustGroup.castVote(id, 2, "");
    }

    function test_attack_floodCouncilWithDustMembers_fails() public {
        // A group with 1.5% of the units delegated at every snapshot (a capital holder who never moves) and 25
        // members of 99 units each (just under the 100-unit bar), one of whom votes Abstain every week.
        dustGroup = _group("Dust", attacker, CommonsGroup.RemainderPolicy.None);
        _lock(whale, 7_700 ether, MAX_LOCK); // 15,400 units ≈ 1.5%
        _joinAndPool(dustGroup, whale);
        dustMembers = _members(dustGroup, 25, 49.5 ether); // 99 units each
        vm.warp(block.timestamp + 1);
        _weeks(13, _dustGroupVotes);

        EcoNodePromotion.Progress memory p = promotion.progress(council, address(dustGroup));
        assertTrue(p.windowFull);
        for (uint256 k; k < 10; ++k) {
            assertTrue(p.checks[k].pooledOk); // the capital is there...
            assertEq(p.checks[k].members, 1); // ...but only the capital holder counts as a member
            assertFalse(p.checks[k].membersOk);
            assertFalse(p.checks[k].participated); // 99 of ~17,900 pooled units cast
        }
        emit log_named_uint("members with >= 100 units at the last snapshot", p.checks[0].members);
        emit log_named_uint("proposals with >= 50% of the pooled units cast", p.participated);
        CommonsGroup[] memory gs = new CommonsGroup[](1);
        gs[0] = dustGroup;
        uint256 seats = _tryPromoteAll(gs);
        uint256 share = _shareBps(_asArray(gs));
        emit log_named_decimal_uint("attacker's share of reputation (%)", share, 2);
        assertEq(seats, 0);
        assertEq(share, 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // One capital, many groups: 1.5% rotated over five groups with real members
    // ------------------------------------------------------------------------------------------------------

    CommonsGroup[] internal rotated;
    mapping(uint256 => address[]) internal rotatedMembers;

    function _rotateAndVote(uint256 k, uint256 id) internal {
        // the capital sat with group k % 5 at this proposal's snapshot (delegated before the next one)
        CommonsGroup g = rotated[k % 5];
        vm.prank(whale);
        g.castVote(id, 1, "");
        _groupVotes(g, rotatedMembers[k % 5], id, 1);
        for (uint256 j; j < 5; ++j) {
            if (j != k % 5) _groupVotes(rotated[j], rotatedMembers[j], id, 1);
        }
        // move the capital to the next group for the next week's snapshot
        vm.prank(whale);
        ve.delegate(address(rotated[(k + 1) % 5]));
    }

    function test_attack_oneCapitalQualifiesManyGroups_fails() public {
        // Five groups, each with 25 genuine members of 100 units; the attacker's 1.5% of the units is enough for
        // one group at a time. He rotates it so that each group shows the capital at some snapshots.
        _lock(whale, 7_700 ether, MAX_LOCK);
        for (uint256 i; i < 5; ++i) {
            CommonsGroup g =
                _group(string(abi.encodePacked("Rotor ", vm.toString(i))), attacker, CommonsGroup.RemainderPolicy.None);
            rotated.push(g);
            rotatedMembers[i] = _members(g, 25, 50 ether);
            vm.prank(whale);
            g.join();
        }
        vm.prank(whale);
        ve.delegate(address(rotated[0]));
        vm.warp(block.timestamp + 1);
        _weeks(13, _rotateAndVote);

        uint256 qualifying;
        for (uint256 i; i < 5; ++i) {
            EcoNodePromotion.Progress memory p = promotion.progress(council, address(rotated[i]));
            uint256 pooledAt;
            for (uint256 k; k < p.checks.length; ++k) {
                if (p.checks[k].pooledOk) ++pooledAt;
                assertTrue(p.checks[k].membersOk);
            }
            emit log_named_uint(string(abi.encodePacked("group ", vm.toString(i), ": snapshots with >= 1% pooled (of 10)")), pooledAt);
            assertEq(pooledAt, 2); // the capital was with it at 2 of the 10 snapshots
            if (p.eligible) ++qualifying;
        }
        uint256 seats = _tryPromoteAll(rotated);
        uint256 share = _shareBps(_asArray(rotated));
        emit log_named_uint("groups qualified with one 1.5% capital", qualifying);
        emit log_named_decimal_uint("attacker's share of reputation (%)", share, 2);
        assertEq(qualifying, 0); // k groups need k x 1% at every snapshot: 1.5% rotated qualifies none
        assertEq(seats, 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Rate limit: six genuinely qualifying groups promoted in one period
    // ------------------------------------------------------------------------------------------------------

    CommonsGroup[] internal real;
    mapping(uint256 => address[]) internal realMembers;

    function _realVotes(uint256, uint256 id) internal {
        for (uint256 i; i < real.length; ++i) {
            _groupVotes(real[i], realMembers[i], id, 1);
        }
    }

    /// @dev `n` groups that each hold 1.2% of the units at every snapshot (25 members of 500 units), voting every
    /// week for 13 weeks.
    function _qualifiedGroups(uint256 n) internal {
        for (uint256 i; i < n; ++i) {
            CommonsGroup g =
                _group(string(abi.encodePacked("Real ", vm.toString(i))), attacker, CommonsGroup.RemainderPolicy.None);
            real.push(g);
            realMembers[i] = _members(g, 25, 250 ether);
        }
        vm.warp(block.timestamp + 1);
        _weeks(13, _realVotes);
        for (uint256 i; i < n; ++i) {
            assertTrue(promotion.progress(council, address(real[i])).eligible, "qualifies on the criteria");
        }
    }

    function test_attack_promoteManySeatsInOnePeriod_fails() public {
        // The attacker really holds 6 x 1.2% of the units in six groups of 25 members for 13 weeks: every group
        // meets the criteria. He promotes all six in one block.
        _qualifiedGroups(6);
        uint256 seats = _tryPromoteAll(real);
        (uint256 recent, uint256 total) = council.promotionBudget();
        uint256 share = _shareBps(_asArray(real));
        emit log_named_uint("seats promoted in the period (of 6 tried)", seats);
        emit log_named_decimal_uint("their share of reputation (%)", share, 2);
        assertEq(seats, 1); // 1,000 of ~3,100 (decayed honest seats); a second: 2,000 of ~4,100 > 1/3
        assertLe(recent * 3, total);
        assertLe(share, 3333);
        // the next promotion in the same period is refused with the figures
        vm.expectRevert(
            abi.encodeWithSelector(EcoNodeCouncil.PromotionRateLimited.selector, recent + GRANT, total + GRANT)
        );
        council.promote(address(real[1]));
        // a ratification period later, the budget is free again: one more seat, still ≤ 1/3 for the period
        vm.warp(block.timestamp + RAT_PERIOD + 1);
        uint256 later = _tryPromoteAll(real);
        (recent, total) = council.promotionBudget();
        emit log_named_uint("seats promoted in the next period", later);
        emit log_named_decimal_uint("next period's seats' share (%)", recent * 10_000 / total, 2);
        assertLe(recent * 3, total);
    }

    // ------------------------------------------------------------------------------------------------------
    // Demote: a promoted group whose capital leaves
    // ------------------------------------------------------------------------------------------------------

    function _remainingVotes(uint256, uint256 id) internal {
        for (uint256 i = 13; i < 25; ++i) {
            vm.prank(realMembers[0][i]);
            real[0].castVote(id, 1, "");
        }
    }

    function test_demoteGroupThatStoppedQualifying() public {
        _qualifiedGroups(1);
        CommonsGroup g = real[0];
        council.promote(address(g));
        vm.expectRevert(abi.encodeWithSelector(EcoNodeCouncil.StillQualifies.selector, address(g)));
        council.demote(address(g));
        // half the members redelegate to themselves: the group pools 0.6% at the next snapshot
        for (uint256 i; i < 13; ++i) {
            vm.prank(realMembers[0][i]);
            ve.delegate(realMembers[0][i]);
        }
        vm.warp(block.timestamp + 1);
        _weeks(1, _remainingVotes);
        EcoNodePromotion.Progress memory p = promotion.progress(council, address(g));
        assertFalse(p.checks[0].pooledOk);
        assertFalse(p.checks[0].membersOk); // 12 members left
        assertTrue(p.checks[1].pooledOk);
        assertTrue(p.demotable);
        uint256 before = council.reputationOf(address(g));
        address anyone = makeAddr("anyone");
        vm.expectEmit(address(council));
        emit EcoNodeCouncil.NodeDemoted(address(g), anyone);
        vm.prank(anyone);
        council.demote(address(g));
        emit log_named_decimal_uint("demoted seat's reputation before", before, 18);
        emit log_named_decimal_uint("after", council.reputationOf(address(g)), 18);
        assertFalse(council.isNode(address(g)));
        assertEq(council.reputationOf(address(g)), 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Attack 9: farming the missed-ratification penalty with junk proposals
    // ------------------------------------------------------------------------------------------------------

    function test_attack_farmMissedRatificationPenalty_fails() public {
        address[] memory honest = new address[](3);
        for (uint256 i; i < 3; ++i) {
            honest[i] = _node(i);
        }
        uint256[3] memory before;
        for (uint256 i; i < 3; ++i) {
            before[i] = council.reputationOf(honest[i]);
        }
        // The attacker holds 1.2M units: it passes any proposal in the Commons alone.
        _lock(attacker, 600_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
        // Stage 1: 20 junk proposals pass; the attacker opens every ratification; the honest nodes ignore them.
        uint256[] memory junk = _passJunk("junk ");
        for (uint256 k; k < 20; ++k) {
            vm.prank(attacker);
            council.openRatification(junk[k]);
        }
        vm.warp(block.timestamp + RAT_PERIOD + 1);
        for (uint256 k; k < 20; ++k) {
            assertEq(council.settleRatification(junk[k]), 2); // no quorum: Rejected
        }
        for (uint256 i; i < 3; ++i) {
            assertTrue(council.isNode(honest[i]));
            assertEq(council.nodeInfo(honest[i]).ratificationsMissed, 20);
            // only decay: no penalty for ratifications nobody voted on
            assertGt(council.reputationOf(honest[i]), before[i] * 98 / 100);
        }
        emit log_named_decimal_uint("honest node 0 reputation before", before[0], 18);
        emit log_named_decimal_uint("after 20 junk ratifications it ignored", council.reputationOf(honest[0]), 18);

        // Stage 2: the attacker also holds a seat big enough to reach the 40% quorum alone, and ratifies 20 more
        // junk proposals so that the honest absentees are penalised.
        council.admit(attacker, "admitted long ago");
        council.award(attacker, 1_100 ether, "contributions");
        vm.warp(block.timestamp + 1);
        uint256 mid = council.reputationOf(honest[0]);
        junk = _passJunk("junk2 ");
        for (uint256 k; k < 20; ++k) {
            council.openRatification(junk[k]);
            vm.prank(attacker);
            council.castRatification(junk[k], 1, "");
        }
        vm.warp(block.timestamp + RAT_PERIOD + 1);
        for (uint256 k; k < 20; ++k) {
            council.settleRatification(junk[k]);
        }
        uint256 afterFarm = council.reputationOf(honest[0]);
        emit log_named_decimal_uint("honest node 0 before 20 quorate junk ratifications", mid, 18);
        emit log_named_decimal_uint("after (one penalty per period, not 20)", afterFarm, 18);
        for (uint256 i; i < 3; ++i) {
            assertTrue(council.isNode(honest[i]), "honest nodes keep their seats");
        }
        assertApproxEqAbs(mid - afterFarm, MISSED, 15 ether); // one 50 penalty (and ~3 days of decay)
        assertGt(afterFarm, FLOOR * 5);
    }

    /// @dev The attacker alone proposes and passes 20 junk proposals (described `tag` + index); their votes close.
    function _passJunk(string memory tag) internal returns (uint256[] memory junk) {
        junk = new uint256[](20);
        for (uint256 k; k < 20; ++k) {
            junk[k] = _propose(attacker, string(abi.encodePacked(tag, vm.toString(k))));
        }
        _toActive(junk[0]);
        for (uint256 k; k < 20; ++k) {
            vm.prank(attacker);
            governor.castVote(junk[k], 1);
        }
        _close(junk[19]);
    }

    // ------------------------------------------------------------------------------------------------------
    // Junk proposals: ten proposals in one block to compress the window into one instant
    // ------------------------------------------------------------------------------------------------------

    function test_attack_compressWindowWithBatchedProposals_fails() public {
        // A group prepared 13 weeks ahead with 25 members of 100 units (0.25% of the units: not enough alone).
        CommonsGroup g = _group("Batch", attacker, CommonsGroup.RemainderPolicy.None);
        address[] memory ms = _members(g, 25, 50 ether);
        vm.warp(block.timestamp + 1);
        _weeks(13, _noop);
        // The attacker locks 10% of the units for a week, delegates them to the group, and makes ten proposals
        // in one block; at their (common) snapshot the group pools 10%; it votes them all through the group,
        // which also gives each proposal its quorum.
        _lock(attacker, 60_000 ether, MIN_LOCK); // self-delegated: its votes meet the proposal threshold
        vm.prank(attacker);
        g.join();
        vm.warp(block.timestamp + 1);
        uint256[] memory batch = new uint256[](10);
        for (uint256 k; k < 10; ++k) {
            batch[k] = _propose(attacker, string(abi.encodePacked("batch ", vm.toString(k))));
        }
        vm.prank(attacker);
        ve.delegate(address(g)); // before the snapshot (5 minutes on)
        _toActive(batch[0]);
        for (uint256 k; k < 10; ++k) {
            vm.prank(attacker);
            g.castVote(batch[k], 1, "");
            _groupVotes(g, ms, batch[k], 1);
        }
        _close(batch[9]);
        EcoNodePromotion.Progress memory p = promotion.progress(council, address(g));
        uint256 fromBatch;
        for (uint256 k; k < p.checks.length; ++k) {
            for (uint256 j; j < 10; ++j) {
                if (p.checks[k].proposalId == batch[j]) ++fromBatch;
            }
        }
        emit log_named_uint("batched proposals counted in the window (of 10)", fromBatch);
        emit log_named_uint("window snapshots with >= 1% pooled (of 10)", p.checks[0].pooledOk ? 1 : 0);
        assertEq(fromBatch, 1); // one instant counts once: snapshots must be 3 days apart
        assertTrue(p.checks[0].pooledOk);
        assertFalse(p.checks[1].pooledOk); // the weeks before, the group held 0.25%
        assertFalse(p.eligible);
        CommonsGroup[] memory gs = new CommonsGroup[](1);
        gs[0] = g;
        assertEq(_tryPromoteAll(gs), 0);
        emit log_named_decimal_uint("attacker's share of reputation (%)", _shareBps(_asArray(gs)), 2);
    }
}
