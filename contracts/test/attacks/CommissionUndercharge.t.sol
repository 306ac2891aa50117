// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {StakingFixture} from "../utils/StakingFixture.sol";

/// @dev docs/MECHANISMS.md §3.2 (commission): the old split charged delegators `c x their share of the
/// stake` of their part instead of `c`. docs/MECHANISMS.md §3.2: delegators receive exactly (1 - c) x their pro-rata
/// part; the operator its own pro-rata part plus c x the delegators' part.
contract CommissionUnderchargeAttackTest is StakingFixture {
    uint256 seq;
    address op;
    address d1 = makeAddr("delegator-1");
    address d2 = makeAddr("delegator-2");

    function setUp() public {
        _deployStaking();
        (seq, op) = _register("op", 20_000 ether, 1000); // self 20k, commission 10%
        _delegate(d1, seq, 50_000 ether);
        _delegate(d2, seq, 30_000 ether); // delegated 80k in all
    }

    /// Delegators holding 80% of the stake try to keep more than 0.9 x 80% of a reward (the old split
    /// gave them 0.8 x (R - 0.1 x 0.8 R) = 0.736 R); they get exactly 0.72 R, the operator 0.28 R.
    function test_attack_commissionUndercharged_fixed() public {
        uint256 reward = 1_000 ether;
        staking.distributeReward(seq, reward);

        uint256 delegators = _rewards(seq, d1) + _rewards(seq, d2);
        uint256 operator = staking.operatorPendingRewards(seq);
        uint256 expectedDelegators = reward * 8 / 10 * 9 / 10; // 0.9 x 0.8 R = 720
        uint256 expectedOperator = reward * 2 / 10 + reward * 8 / 10 / 10; // 0.2 R + 0.1 x 0.8 R = 280
        emit log_named_decimal_uint("delegators' reward (METIS)", delegators, 18);
        emit log_named_decimal_uint("operator's reward (METIS)", operator, 18);
        emit log_named_decimal_uint("old split would have given delegators", reward * 8 / 10 - reward * 8 / 10 * 8 / 10 / 10, 18);

        // exact up to rounding in the protocol's favour (never above, at most a few wei below)
        assertLe(delegators, expectedDelegators, "delegators never above (1 - c) x their part");
        assertApproxEqAbs(delegators, expectedDelegators, 2, "delegators get (1 - c) x their part");
        assertLe(operator, expectedOperator, "operator never above its part + commission");
        assertApproxEqAbs(operator, expectedOperator, 1, "operator gets its part + commission");
        // each delegator exactly 0.9 x its own part
        assertApproxEqAbs(_rewards(seq, d1), reward * 5 / 10 * 9 / 10, 1);
        assertApproxEqAbs(_rewards(seq, d2), reward * 3 / 10 * 9 / 10, 1);
        assertLe(delegators + operator, reward);
    }
}
