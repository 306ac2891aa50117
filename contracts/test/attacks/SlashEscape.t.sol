// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";
import {StakingFixture} from "../utils/StakingFixture.sol";

/// @dev Issue 11, attack 5: an upheld challenge or a council motion is public on L2 before the slash
/// lands on L1. SPEC §3.2: stake that leaves a sequencer (undelegate or redelegate) stays liable for
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
            abi.encodeWithSelector(SequencerStaking.StakeStillLiable.selector, refuge, uint64(block.timestamp) + EXIT_DELAY)
        );
        staking.undelegate(refuge, type(uint256).max);

        vm.warp(block.timestamp + 2 hours);
        staking.slash(offender, 1000, offence, "challenge upheld"); // 10%
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
        emit log_named_decimal_uint("METIS slashed from the honest delegator who stayed", 10_000 ether - _value(offender, honest), 18);
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
        staking.slash(offender, 1000, offence, "challenge upheld");
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

    /// Unbonding that matured before the slash was executed is not slashed (even if not yet withdrawn).
    function test_maturedUnbondingNotSlashed() public {
        vm.prank(honest);
        uint256 entry = staking.undelegate(offender, type(uint256).max);
        uint64 offence = uint64(block.timestamp - 1); // committed while the stake was still behind it
        vm.warp(block.timestamp + EXIT_DELAY); // matured
        staking.slash(offender, 1000, offence, "late");
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
        staking.slash(offender, 1000, uint64(block.timestamp), "after it left");
        (, uint256 value,) = staking.unbondingEntry(offender, honest, entry);
        assertEq(value, 10_000 ether);
    }

    /// A redelegation is liable only for the exit delay: a slash executed after it does not reach it,
    /// nor one for an offence after the move.
    function test_redelegationLiabilityEndsAfterExitDelay() public {
        uint64 offence = uint64(block.timestamp - 1);
        vm.prank(attacker);
        staking.redelegate(offender, refuge, 5_000 ether);
        staking.slash(offender, 500, uint64(block.timestamp), "offence after the move");
        vm.warp(block.timestamp + EXIT_DELAY);
        staking.slash(offender, 1000, offence, "too late for the moved stake");
        (, uint256 due) = staking.liabilityOf(refuge, attacker);
        assertEq(due, 0);
        staking.settleLiability(refuge, attacker);
        assertApproxEqAbs(_value(refuge, attacker), 5_000 ether, 1);
        (SequencerStaking.Liability memory l,) = staking.liabilityOf(refuge, attacker);
        assertEq(l.amount, 0, "record cleared");
    }

    /// At most MAX_SLASHES_PER_EXIT_DELAY slashes per sequencer per exit delay (bounds every scan).
    function test_slashRateBoundAndOffenceTime() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidOffenceTime.selector, block.timestamp + 1));
        staking.slash(offender, 100, uint64(block.timestamp + 1), "future");
        for (uint256 i; i < 8; ++i) {
            staking.slash(offender, 100, uint64(block.timestamp), "again");
        }
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.TooManySlashes.selector, offender, uint64(block.timestamp) + EXIT_DELAY)
        );
        staking.slash(offender, 100, uint64(block.timestamp), "one too many");
        vm.warp(block.timestamp + EXIT_DELAY);
        staking.slash(offender, 100, uint64(block.timestamp), "window moved on");
    }
}
