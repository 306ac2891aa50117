// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SlashLedger} from "../../src/l1/SlashLedger.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";
import {StakingFixture} from "../utils/StakingFixture.sol";

/// @dev docs/MECHANISMS.md §3.2: an upheld challenge or a council motion is public on L2 before the slash
/// lands on L1. docs/MECHANISMS.md §3.2: stake that leaves a sequencer (undelegate or redelegate) stays liable for
/// offences committed while it was behind it, for the exit delay; unbonding that had matured, and
/// unbonding that left before the offence, are not slashed.
contract SlashEscapeAttackTest is StakingFixture {
    uint256 offender;
    uint256 refuge;
    address attacker = makeAddr("attacker");
    address honest = makeAddr("honest");

    function setUp() public {
        _deployStaking();
        (offender,) = _register("offender", 50_000 ether, 1000);
        (refuge,) = _register("refuge", 50_000 ether, 1000);
        _delegate(attacker, offender, 10_000 ether);
        _delegate(honest, offender, 10_000 ether);
        vm.warp(block.timestamp + 1 days);
    }

    /// The attacker sees the challenge upheld (offence at `offence`), redelegates to another
    /// sequencer before the slash lands, and tries to get out of the new position at once.
    function test_attack_redelegateOutOfPendingSlash_fails() public {
        uint64 offence = uint64(block.timestamp - 1 hours);
        uint256 treasuryBefore = metis.balanceOf(treasury);

        vm.prank(attacker);
        staking.redelegate(offender, refuge, type(uint256).max);
        // it cannot leave the refuge while the moved stake is liable
        vm.prank(attacker);
        vm.expectRevert(
            abi.encodeWithSelector(
                SequencerStaking.StakeStillLiable.selector, refuge, uint64(block.timestamp) + EXIT_DELAY
            )
        );
        staking.undelegate(refuge, type(uint256).max);

        vm.warp(block.timestamp + 2 hours);
        staking.slash(offender, 1000, offence, address(0), 0, "challenge upheld"); // 10%
        (, uint256 due) = staking.liabilityOf(refuge, attacker);
        assertEq(due, 1_000 ether, "liable for 10% of what it moved");

        // anyone settles (or the attacker's next move does)
        vm.expectEmit(address(staking));
        emit SequencerStaking.RedelegationSlashed(attacker, offender, refuge, 1_000 ether);
        vm.prank(makeAddr("anyone"));
        staking.settleLiability(refuge, attacker);

        uint256 slashedFromRedelegated = 10_000 ether - _value(refuge, attacker);
        uint256 escaped = 1_000 ether - slashedFromRedelegated;
        emit log_named_decimal_uint("METIS escaped", escaped, 18);
        emit log_named_decimal_uint("METIS slashed from the redelegated stake", slashedFromRedelegated, 18);
        emit log_named_decimal_uint(
            "METIS slashed from the honest delegator who stayed", 10_000 ether - _value(offender, honest), 18
        );
        assertEq(escaped, 0);
        assertApproxEqAbs(_value(refuge, attacker), 9_000 ether, 1);
        assertApproxEqAbs(_value(offender, honest), 9_000 ether, 1, "the one who stayed pays the same");
        // treasury: 10% of the offender's pool at once (50k self + 10k honest) + 1k from the refuge
        assertApproxEqAbs(metis.balanceOf(treasury) - treasuryBefore, 6_000 ether + 1_000 ether, 1);
        assertEq(metis.balanceOf(address(staking)), _accounted());

        // liability over: the attacker can leave the refuge (through a normal unbonding)
        vm.warp(block.timestamp + EXIT_DELAY);
        vm.prank(attacker);
        staking.undelegate(refuge, type(uint256).max);
    }

    /// The attacker undelegates after the offence, before the slash lands: its unbonding entry pays the
    /// same 10% when it is withdrawn.
    function test_attack_undelegateOutOfPendingSlash_fails() public {
        uint64 offence = uint64(block.timestamp - 1 hours);
        vm.prank(attacker);
        uint256 entry = staking.undelegate(offender, type(uint256).max);
        vm.warp(block.timestamp + 2 hours);
        staking.slash(offender, 1000, offence, address(0), 0, "challenge upheld");
        (, uint256 value,) = staking.unbondingEntry(offender, attacker, entry);
        assertEq(value, 9_000 ether);

        vm.warp(block.timestamp + EXIT_DELAY);
        uint256[] memory ids = new uint256[](1);
        ids[0] = entry;
        uint256 treasuryBefore = metis.balanceOf(treasury);
        vm.prank(attacker);
        uint256 paid = staking.withdraw(offender, ids);
        emit log_named_decimal_uint("METIS escaped", 1_000 ether - (10_000 ether - paid), 18);
        emit log_named_decimal_uint("METIS slashed from the unbonding entry", 10_000 ether - paid, 18);
        assertEq(paid, 9_000 ether);
        assertEq(metis.balanceOf(treasury) - treasuryBefore, 1_000 ether);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    /// Unbonding that matured before the slash was executed is not slashed (even if not yet withdrawn):
    /// once it has matured, its offence is more than one exit delay old, and such a slash is refused.
    function test_maturedUnbondingNotSlashed() public {
        vm.prank(honest);
        uint256 entry = staking.undelegate(offender, type(uint256).max);
        uint64 offence = uint64(block.timestamp - 1); // committed while the stake was still behind it
        vm.warp(block.timestamp + EXIT_DELAY); // matured
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidOffenceTime.selector, offence));
        staking.slash(offender, 1000, offence, address(0), 0, "late");
        staking.slash(offender, 1000, uint64(block.timestamp), address(0), 0, "a later offence");
        (, uint256 value,) = staking.unbondingEntry(offender, honest, entry);
        assertEq(value, 10_000 ether);
        uint256[] memory ids = new uint256[](1);
        ids[0] = entry;
        vm.prank(honest);
        assertEq(staking.withdraw(offender, ids), 10_000 ether);
        emit log_named_decimal_uint("METIS slashed from matured unbonding", 0, 18);
    }

    /// Unbonding that left before the offence was not behind the sequencer when it was committed.
    function test_unbondingThatLeftBeforeTheOffenceNotSlashed() public {
        vm.prank(honest);
        uint256 entry = staking.undelegate(offender, type(uint256).max);
        vm.warp(block.timestamp + 1 hours);
        staking.slash(offender, 1000, uint64(block.timestamp), address(0), 0, "after it left");
        (, uint256 value,) = staking.unbondingEntry(offender, honest, entry);
        assertEq(value, 10_000 ether);
    }

    /// A redelegation is liable only for the exit delay: a slash executed after it does not reach it,
    /// nor one for an offence after the move.
    function test_redelegationLiabilityEndsAfterExitDelay() public {
        uint64 offence = uint64(block.timestamp - 1);
        vm.prank(attacker);
        staking.redelegate(offender, refuge, 5_000 ether);
        staking.slash(offender, 500, uint64(block.timestamp), address(0), 0, "offence after the move");
        vm.warp(block.timestamp + EXIT_DELAY);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidOffenceTime.selector, offence));
        staking.slash(offender, 1000, offence, address(0), 0, "too old: more than one exit delay ago");
        staking.slash(offender, 1000, uint64(block.timestamp - 1 hours), address(0), 0, "executed after the liability window");
        (, uint256 due) = staking.liabilityOf(refuge, attacker);
        assertEq(due, 0);
        staking.settleLiability(refuge, attacker);
        assertApproxEqAbs(_value(refuge, attacker), 5_000 ether, 1);
        (SlashLedger.Liability memory l,) = staking.liabilityOf(refuge, attacker);
        assertEq(l.amount, 0, "record cleared");
    }

    /// At most MAX_SLASHES_PER_EXIT_DELAY slashes per sequencer per exit delay (bounds every scan).
    function test_slashRateBoundAndOffenceTime() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidOffenceTime.selector, block.timestamp + 1));
        staking.slash(offender, 100, uint64(block.timestamp + 1), address(0), 0, "future");
        for (uint256 i; i < 8; ++i) {
            staking.slash(offender, 100, uint64(block.timestamp), address(0), 0, "again");
        }
        vm.expectRevert(
            abi.encodeWithSelector(
                SequencerStaking.TooManySlashes.selector, offender, uint64(block.timestamp) + EXIT_DELAY
            )
        );
        staking.slash(offender, 100, uint64(block.timestamp), address(0), 0, "one too many");
        vm.warp(block.timestamp + EXIT_DELAY);
        staking.slash(offender, 100, uint64(block.timestamp), address(0), 0, "window moved on");
    }

    /// docs/MECHANISMS.md §3.2: stake that arrived after the offence is not slashed for it. The slash takes its fraction
    /// of the whole pool at once; the newcomer is refunded its part (claimable), the stayers pay in full.
    function test_lateArrivalNotSlashed() public {
        address newcomer = makeAddr("newcomer");
        uint64 offence = uint64(block.timestamp);
        vm.warp(block.timestamp + 2 days);
        _delegate(newcomer, offender, 10_000 ether);
        uint256 treasuryBefore = metis.balanceOf(treasury);
        staking.slash(offender, 1000, offence, address(0), 0, "challenge upheld");
        (SlashLedger.Arrival memory a, uint256 refundDue) = staking.arrivalOf(offender, newcomer);
        assertEq(a.amount, 10_000 ether);
        assertEq(refundDue, 1_000 ether);

        vm.expectEmit(address(staking));
        emit SequencerStaking.SlashRefunded(newcomer, offender, 1_000 ether);
        staking.settleLiability(offender, newcomer);
        uint256 kept = _value(offender, newcomer) + staking.pendingRewards(offender, newcomer);
        emit log_named_decimal_uint("METIS the late arrival lost", 10_000 ether - kept, 18);
        emit log_named_decimal_uint("METIS the stayer lost", 10_000 ether - _value(offender, honest), 18);
        assertApproxEqAbs(kept, 10_000 ether, 2);
        assertApproxEqAbs(_value(offender, honest), 9_000 ether, 1);
        // the treasury gets 10% of what was there at the offence (50k self + 2 x 10k), not of the newcomer
        assertApproxEqAbs(metis.balanceOf(treasury) - treasuryBefore, 7_000 ether, 1);
        assertEq(metis.balanceOf(address(staking)), _accounted());
        vm.prank(newcomer);
        assertApproxEqAbs(staking.claim(offender), 1_000 ether, 1);
    }

    /// An arrival on the offence's own UTC day counts as stake that was there (the day is the grain).
    function test_arrivalOnTheOffenceDayIsSlashed() public {
        address newcomer = makeAddr("newcomer");
        vm.warp((block.timestamp / 1 days + 1) * 1 days); // midnight
        uint64 offence = uint64(block.timestamp + 1 hours);
        vm.warp(block.timestamp + 2 hours);
        _delegate(newcomer, offender, 10_000 ether);
        vm.warp(block.timestamp + 1 days);
        staking.slash(offender, 1000, offence, address(0), 0, "same day");
        staking.settleLiability(offender, newcomer);
        assertApproxEqAbs(_value(offender, newcomer) + staking.pendingRewards(offender, newcomer), 9_000 ether, 1);
    }

    /// Two slashes: one for an offence before the newcomer arrived (refunded), one after (paid).
    function test_lateArrivalPaysOnlyLaterOffences() public {
        address newcomer = makeAddr("newcomer");
        uint64 before = uint64(block.timestamp);
        vm.warp(block.timestamp + 2 days);
        _delegate(newcomer, offender, 10_000 ether);
        vm.warp(block.timestamp + 1 days);
        uint64 afterArrival = uint64(block.timestamp);
        staking.slash(offender, 1000, before, address(0), 0, "before it arrived");
        staking.slash(offender, 500, afterArrival, address(0), 0, "after it arrived");
        staking.settleLiability(offender, newcomer);
        uint256 kept = _value(offender, newcomer) + staking.pendingRewards(offender, newcomer);
        emit log_named_decimal_uint("late arrival kept (ideal 9,500)", kept, 18);
        // refund 10% x 10,000; the 5% slash takes 5% of the 9,000 in the pool: 8,550 + 1,000
        assertApproxEqAbs(kept, 9_550 ether, 2);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    /// The attacker arrives after the offence, moves half out before the slash and back in later, to be
    /// refunded more than it lost: the refund follows the recorded stake still in the pool, and what left
    /// in between is liable like any leaver.
    function test_attack_farmLateArrivalRefund_fails() public {
        uint64 offence = uint64(block.timestamp);
        address farmer = makeAddr("farmer");
        vm.warp(block.timestamp + 2 days);
        _delegate(farmer, offender, 10_000 ether);
        vm.prank(farmer);
        uint256 entry = staking.undelegate(offender, 5_000 ether);
        vm.warp(block.timestamp + 1 days);
        _delegate(farmer, offender, 5_000 ether); // another day: not recorded
        staking.slash(offender, 1000, offence, address(0), 0, "challenge upheld");
        staking.settleLiability(offender, farmer);
        (, uint256 entryValue,) = staking.unbondingEntry(offender, farmer, entry);
        uint256 total = _value(offender, farmer) + staking.pendingRewards(offender, farmer) + entryValue;
        emit log_named_decimal_uint("METIS the farmer put in", 15_000 ether, 18);
        emit log_named_decimal_uint("METIS it holds after the slash", total, 18);
        assertLe(total, 15_000 ether, "no gain");
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }
}
