// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {MetisToken} from "../../src/l1/MetisToken.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";

/// @dev Deploys METIS, the L1 outbox and the staking contract with production-like numbers; the
/// test contract plays the governance executor and the reward distributor.
abstract contract StakingFixture is Test {
    uint256 constant L1 = 31337;
    uint256 constant L2 = 31338;
    uint64 constant EXIT_DELAY = 21 days;
    uint64 constant JAIL_PERIOD = 7 days;
    uint64 constant SIGNER_THROTTLE = 1 days;

    MetisToken metis;
    MessageOutbox outbox;
    SequencerStaking staking;
    address treasury = makeAddr("treasury");
    address l2Set = makeAddr("l2SequencerSet");

    function _params() internal pure returns (SequencerStaking.InitParams memory p) {
        p = SequencerStaking.InitParams({
            minLock: 20_000 ether,
            maxLock: 100_000 ether,
            maxSequencerStake: 1_000_000 ether,
            minPosition: 1 ether,
            exitDelay: EXIT_DELAY,
            jailPeriod: JAIL_PERIOD,
            signerUpdateThrottle: SIGNER_THROTTLE,
            maxCommissionBps: 3000,
            delegationMultiplier: 10
        });
    }

    function _deployStaking() internal {
        vm.chainId(L1);
        metis = new MetisToken(address(this));
        outbox = new MessageOutbox(L2);
        staking = new SequencerStaking(metis, outbox, address(this), treasury, l2Set, _params());
        outbox.setInbox(address(0x1B0C)); // (the L2 inbox; only its address is bound here)
        outbox.setSenderAllowed(address(staking), true);
        staking.setRewardDistributor(address(this));
        metis.approve(address(staking), type(uint256).max);
    }

    function _fund(address who, uint256 amount) internal {
        metis.transfer(who, amount);
        vm.prank(who);
        metis.approve(address(staking), type(uint256).max);
    }

    function _register(string memory name, uint256 selfLock, uint16 commissionBps) internal returns (uint256 id, address op) {
        op = makeAddr(name);
        address signer = makeAddr(string.concat(name, "-signer"));
        staking.setWhitelist(op, true);
        _fund(op, selfLock);
        vm.prank(op);
        id = staking.register(signer, selfLock, commissionBps, string.concat("ipfs://", name));
    }

    function _delegate(address who, uint256 id, uint256 amount) internal {
        _fund(who, amount);
        vm.prank(who);
        staking.delegate(id, amount);
    }

    function _value(uint256 id, address who) internal view returns (uint256 v) {
        (, v,,,) = staking.positionOf(id, who);
    }

    function _rewards(uint256 id, address who) internal view returns (uint256) {
        return staking.pendingRewards(id, who);
    }

    /// @dev METIS the staking contract must hold: pools + unbonding pools + reward reserve.
    function _accounted() internal view returns (uint256 sum) {
        uint256 n = staking.sequencerCount();
        for (uint256 id = 1; id <= n; ++id) {
            sum += staking.totalStakeOf(id) + staking.unbondingOf(id);
        }
        sum += staking.rewardReserve();
    }
}
