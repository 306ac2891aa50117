// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SequencerStaking} from "../src/l1/SequencerStaking.sol";
import {StakingFixture} from "./utils/StakingFixture.sol";

contract SequencerStakingOperatorTest is StakingFixture {
    uint256 seq;
    address op;

    function setUp() public {
        _deployStaking();
        (seq, op) = _register("alpha", 50_000 ether, 1000);
    }

    // ------------------------------------------------------------ registration

    function test_register_storesSequencerAndSyncsL2() public {
        SequencerStaking.SequencerInfo memory info = staking.getSequencer(seq);
        assertEq(info.owner, op);
        assertEq(info.signer, makeAddr("alpha-signer"));
        assertEq(info.rewardRecipient, op);
        assertEq(uint8(info.status), uint8(SequencerStaking.SequencerStatus.Active));
        assertEq(info.commissionBps, 1000);
        assertEq(info.selfLock, 50_000 ether);
        assertEq(info.totalStake, 50_000 ether);
        assertEq(info.delegated, 0);
        assertEq(info.metadataURI, "ipfs://alpha");
        assertEq(staking.sequencerIdOf(op), seq);
        assertTrue(staking.signerUsed(makeAddr("alpha-signer")));
        assertEq(metis.balanceOf(address(staking)), 50_000 ether);
        assertEq(outbox.nextNonce(), 1, "one sync message");
    }

    function test_register_rejectsNonWhitelisted() public {
        address bob = makeAddr("bob");
        _fund(bob, 20_000 ether);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotWhitelisted.selector, bob));
        staking.register(makeAddr("s"), 20_000 ether, 0, "");
    }

    function test_register_onePerOwnerAndSignerNeverReused() public {
        _fund(op, 20_000 ether);
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.AlreadyOwnsSequencer.selector, op, seq));
        staking.register(makeAddr("s2"), 20_000 ether, 0, "");

        address bob = makeAddr("bob");
        staking.setWhitelist(bob, true);
        _fund(bob, 20_000 ether);
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidSigner.selector, makeAddr("alpha-signer")));
        staking.register(makeAddr("alpha-signer"), 20_000 ether, 0, "");
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidSigner.selector, address(0)));
        staking.register(address(0), 20_000 ether, 0, "");
        vm.stopPrank();
    }

    function testFuzz_register_selfLockAndCommissionBounds(uint256 amount, uint16 commission) public {
        amount = bound(amount, 0, 200_000 ether);
        address bob = makeAddr("bob");
        staking.setWhitelist(bob, true);
        _fund(bob, amount);
        vm.prank(bob);
        if (amount < 20_000 ether || amount > 100_000 ether) {
            vm.expectRevert(
                abi.encodeWithSelector(SequencerStaking.SelfLockOutOfBounds.selector, amount, 20_000 ether, 100_000 ether)
            );
        } else if (commission > 3000) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.CommissionTooHigh.selector, commission, 3000));
        }
        uint256 id = staking.register(makeAddr("bob-signer"), amount, commission, "");
        if (id != 0) assertEq(staking.selfLockOf(id), amount);
    }

    // ------------------------------------------------------------ relock / withdraw / exit

    function testFuzz_relock_upToMaxLock(uint256 amount) public {
        amount = bound(amount, 1, 80_000 ether);
        _fund(op, amount);
        vm.prank(op);
        if (50_000 ether + amount > 100_000 ether) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SequencerStaking.SelfLockOutOfBounds.selector, 50_000 ether + amount, 20_000 ether, 100_000 ether
                )
            );
            staking.relock(seq, amount, false);
        } else {
            staking.relock(seq, amount, false);
            assertEq(staking.selfLockOf(seq), 50_000 ether + amount);
        }
    }

    function test_relock_onlyOwnerAndNonZero() public {
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.relock(seq, 1 ether, false);
        vm.prank(op);
        vm.expectRevert(SequencerStaking.ZeroAmount.selector);
        staking.relock(seq, 0, false);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.UnknownSequencer.selector, 99));
        staking.relock(99, 1 ether, false);
    }

    function test_relock_compoundsOperatorRewards() public {
        staking.distributeReward(seq, 1000 ether);
        assertApproxEqAbs(staking.operatorPendingRewards(seq), 1000 ether, 1);
        vm.prank(op);
        staking.relock(seq, 0, true);
        assertApproxEqAbs(staking.selfLockOf(seq), 51_000 ether, 1);
        assertEq(staking.operatorPendingRewards(seq), 0);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function test_withdrawLocked_keepsMinLockAndDelegationCap() public {
        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.SelfLockOutOfBounds.selector, 19_999 ether, 20_000 ether, 100_000 ether)
        );
        staking.withdrawLocked(seq, 30_001 ether);

        _delegate(makeAddr("d"), seq, 300_000 ether); // delegations now 6x self-lock
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.DelegationCapExceeded.selector, seq));
        staking.withdrawLocked(seq, 25_000 ether); // 25k self-lock would allow only 250k

        vm.prank(op);
        uint256 entry = staking.withdrawLocked(seq, 20_000 ether);
        assertEq(staking.selfLockOf(seq), 30_000 ether);
        (, uint256 value, uint64 maturesAt) = staking.unbondingEntry(seq, op, entry);
        assertEq(value, 20_000 ether);
        assertEq(maturesAt, block.timestamp + EXIT_DELAY);

        uint256[] memory ids = new uint256[](1);
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.EntryNotMatured.selector, 0, maturesAt));
        staking.withdraw(seq, ids);
        vm.warp(maturesAt);
        vm.prank(op);
        staking.withdraw(seq, ids);
        assertEq(metis.balanceOf(op), 20_000 ether);
    }

    function test_unlockAndClaimAfterExitDelay() public {
        address d = makeAddr("d");
        _delegate(d, seq, 10_000 ether);
        vm.prank(op);
        staking.unlock(seq);
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Unlocking));

        // An exiting sequencer takes no delegations and earns nothing.
        _fund(d, 1 ether);
        vm.prank(d);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Unlocking)
        );
        staking.delegate(seq, 1 ether);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Unlocking)
        );
        staking.distributeReward(seq, 1 ether);

        uint64 unlockAt = uint64(block.timestamp) + EXIT_DELAY;
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotYetUnlocked.selector, seq, unlockAt));
        staking.unlockClaim(seq);

        vm.warp(unlockAt);
        vm.prank(op);
        staking.unlockClaim(seq);
        assertEq(metis.balanceOf(op), 50_000 ether);
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Exited));
        assertEq(staking.sequencerIdOf(op), 0);
        assertEq(_value(seq, d), 10_000 ether, "delegators keep their stake and can leave");

        vm.prank(d);
        staking.undelegate(seq, type(uint256).max);
        assertEq(staking.totalStakeOf(seq), 0);

        // The owner may register again, with a new signer.
        _fund(op, 20_000 ether);
        vm.prank(op);
        uint256 again = staking.register(makeAddr("alpha-signer-2"), 20_000 ether, 0, "");
        assertEq(again, 2);
    }

    // ------------------------------------------------------------ commission

    function test_commissionChangeAppliesAfterExitDelayOnlyOncePerDelay() public {
        vm.prank(op);
        staking.setCommission(seq, 3000);
        assertEq(staking.commissionOf(seq), 1000, "not yet");

        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.CommissionChangeTooSoon.selector, seq, uint64(block.timestamp) + EXIT_DELAY)
        );
        staking.setCommission(seq, 0);

        address d = makeAddr("d");
        _delegate(d, seq, 50_000 ether); // half of the stake is delegated
        staking.distributeReward(seq, 1000 ether); // delegators' part 500, commission 10% = 50
        assertApproxEqAbs(staking.operatorPendingRewards(seq), 500 ether + 50 ether, 2);
        assertApproxEqAbs(_rewards(seq, d), 450 ether, 2);

        vm.warp(block.timestamp + EXIT_DELAY);
        assertEq(staking.commissionOf(seq), 3000);
        staking.distributeReward(seq, 1000 ether); // commission 30% of 500 = 150
        assertApproxEqAbs(_rewards(seq, d), 450 ether + 350 ether, 4);

        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.CommissionTooHigh.selector, 3001, 3000));
        staking.setCommission(seq, 3001);
        vm.prank(op);
        staking.setCommission(seq, 500);
    }

    // ------------------------------------------------------------ signer, owner, recipient, metadata

    function test_updateSigner_throttledAndNeverReused() public {
        address s2 = makeAddr("s2");
        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.SignerUpdateTooSoon.selector, seq, uint64(block.timestamp) + SIGNER_THROTTLE)
        );
        staking.updateSigner(seq, s2);
        vm.warp(block.timestamp + SIGNER_THROTTLE);
        vm.prank(makeAddr("alpha-signer")); // the signer itself may rotate
        staking.updateSigner(seq, s2);
        assertEq(staking.getSequencer(seq).signer, s2);

        vm.warp(block.timestamp + SIGNER_THROTTLE);
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidSigner.selector, makeAddr("alpha-signer")));
        staking.updateSigner(seq, makeAddr("alpha-signer"));
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.updateSigner(seq, makeAddr("s3"));
    }

    function test_ownershipTransferIsTwoStep() public {
        address newOwner = makeAddr("newOwner");
        vm.prank(op);
        staking.transferSequencerOwnership(seq, newOwner);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.acceptSequencerOwnership(seq);
        vm.prank(newOwner);
        staking.acceptSequencerOwnership(seq);
        assertEq(staking.getSequencer(seq).owner, newOwner);
        assertEq(staking.getSequencer(seq).rewardRecipient, newOwner);
        assertEq(staking.sequencerIdOf(op), 0);
        assertEq(staking.sequencerIdOf(newOwner), seq);

        (uint256 other, address otherOp) = _register("beta", 20_000 ether, 0);
        vm.prank(otherOp);
        staking.transferSequencerOwnership(other, newOwner);
        vm.prank(newOwner);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.AlreadyOwnsSequencer.selector, newOwner, seq));
        staking.acceptSequencerOwnership(other);
    }

    function test_rewardRecipientReceivesOperatorRewards() public {
        address recipient = makeAddr("recipient");
        vm.prank(op);
        staking.setRewardRecipient(seq, recipient);
        vm.prank(op);
        vm.expectRevert(SequencerStaking.ZeroAddress.selector);
        staking.setRewardRecipient(seq, address(0));
        staking.distributeReward(seq, 100 ether);
        vm.prank(recipient);
        uint256 paid = staking.claimOperatorRewards(seq);
        assertApproxEqAbs(paid, 100 ether, 1);
        assertEq(metis.balanceOf(recipient), paid);
        vm.prank(op);
        vm.expectRevert(SequencerStaking.NothingToClaim.selector);
        staking.claimOperatorRewards(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.claimOperatorRewards(seq);
    }

    function test_setMetadataURI() public {
        vm.prank(op);
        staking.setMetadataURI(seq, "ipfs://new");
        assertEq(staking.getSequencer(seq).metadataURI, "ipfs://new");
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.setMetadataURI(seq, "x");
    }

    // ------------------------------------------------------------ slashing and jail

    function test_slash_reducesStakeAndUnbondingProRataAndJails() public {
        address d = makeAddr("d");
        _delegate(d, seq, 100_000 ether);
        uint64 offence = uint64(block.timestamp);
        vm.warp(block.timestamp + 1 hours);
        vm.prank(d);
        uint256 entry = staking.undelegate(seq, 40_000 ether); // after the offence: stays liable
        // pool: 50k self + 60k delegated; unbonding: 40k
        staking.slash(seq, 1000, offence, address(0), 0, "double signing");
        assertEq(metis.balanceOf(treasury), 11_000 ether, "the pool pays at once, the entry at withdrawal");
        assertEq(staking.selfLockOf(seq), 45_000 ether);
        assertEq(_value(seq, d), 54_000 ether);
        (, uint256 entryValue,) = staking.unbondingEntry(seq, d, entry);
        assertEq(entryValue, 36_000 ether);
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Jailed));
        assertEq(metis.balanceOf(address(staking)), _accounted());

        // Jailed: no delegations, no rewards.
        _fund(d, 1 ether);
        vm.prank(d);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Jailed)
        );
        staking.delegate(seq, 1 ether);

        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.StillJailed.selector, seq, uint64(block.timestamp) + JAIL_PERIOD)
        );
        staking.unjail(seq);
        vm.warp(block.timestamp + JAIL_PERIOD);
        vm.prank(op);
        staking.unjail(seq);
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Active));

        vm.warp(block.timestamp + EXIT_DELAY);
        uint256[] memory ids = new uint256[](1);
        ids[0] = entry;
        vm.prank(d);
        assertEq(staking.withdraw(seq, ids), 36_000 ether);
        assertEq(metis.balanceOf(treasury), 15_000 ether);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function test_unjailNeedsMinLock() public {
        (uint256 small, address smallOp) = _register("small", 21_000 ether, 0);
        staking.slash(small, 1000, uint64(block.timestamp), address(0), 0, "downtime");
        vm.warp(block.timestamp + JAIL_PERIOD);
        vm.prank(smallOp);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.SelfLockOutOfBounds.selector, 18_900 ether, 20_000 ether, 100_000 ether)
        );
        staking.unjail(small);
        _fund(smallOp, 1_100 ether);
        vm.prank(smallOp);
        staking.relock(small, 1_100 ether, false); // relock is allowed while jailed
        vm.prank(smallOp);
        staking.unjail(small);
        assertEq(uint8(staking.statusOf(small)), uint8(SequencerStaking.SequencerStatus.Active));
    }

    function testFuzz_slash_onlyGovernanceWithinBounds(uint256 bps, address caller) public {
        vm.assume(caller != address(this));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, caller));
        staking.slash(seq, 100, uint64(block.timestamp), address(0), 0, "");
        bps = bound(bps, 0, 20_000);
        if (bps == 0 || bps > 1000) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidSlashFraction.selector, bps));
            staking.slash(seq, bps, uint64(block.timestamp), address(0), 0, "");
        } else {
            staking.slash(seq, bps, uint64(block.timestamp), address(0), 0, "");
            assertEq(staking.totalStakeOf(seq), 50_000 ether - 50_000 ether * bps / 10_000);
            assertEq(metis.balanceOf(address(staking)), _accounted());
        }
    }

    function test_jailWithoutSlash() public {
        staking.jail(seq, "emergency");
        assertEq(uint8(staking.statusOf(seq)), uint8(SequencerStaking.SequencerStatus.Jailed));
        assertEq(staking.totalStakeOf(seq), 50_000 ether);
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, op));
        staking.jail(seq, "");
    }

    // ------------------------------------------------------------ governance parameters

    function test_parameters_onlyGovernanceAndValidated() public {
        address stranger = makeAddr("stranger");
        vm.startPrank(stranger);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        staking.setExitDelay(1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        staking.setWhitelist(stranger, true);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        staking.setRewardDistributor(stranger);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "exitDelay"));
        staking.setExitDelay(0);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "lockBounds"));
        staking.setLockBounds(10 ether, 5 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "lockBounds"));
        staking.setLockBounds(10 ether, 2_000_000 ether); // above maxSequencerStake
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "maxSequencerStake"));
        staking.setMaxSequencerStake(1 ether);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "minPosition"));
        staking.setMinPosition(0);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "maxCommissionBps"));
        staking.setMaxCommissionBps(10_001);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "jailPeriod"));
        staking.setJailPeriod(366 days);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidParameter.selector, "signerUpdateThrottle"));
        staking.setSignerUpdateThrottle(366 days);
        vm.expectRevert(SequencerStaking.ZeroAddress.selector);
        staking.setTreasury(address(0));
        vm.expectRevert(SequencerStaking.ZeroAddress.selector);
        staking.setL2SequencerSet(address(0));

        // A short-durations profile is just parameters.
        staking.setExitDelay(5 minutes);
        staking.setJailPeriod(2 minutes);
        staking.setSignerUpdateThrottle(1 minutes);
        staking.setLockBounds(10 ether, 100 ether);
        staking.setMaxSequencerStake(2_000 ether);
        staking.setMinPosition(0.1 ether);
        staking.setMaxCommissionBps(2000);
        staking.setDelegationMultiplier(5);
        staking.setTreasury(makeAddr("t2"));
        staking.setL2SequencerSet(makeAddr("set2"));
        assertEq(staking.exitDelay(), 5 minutes);
        assertEq(staking.jailPeriod(), 2 minutes);
        assertEq(staking.signerUpdateThrottle(), 1 minutes);
        assertEq(staking.minLock(), 10 ether);
        assertEq(staking.maxLock(), 100 ether);
        assertEq(staking.maxSequencerStake(), 2_000 ether);
        assertEq(staking.minPosition(), 0.1 ether);
        assertEq(staking.maxCommissionBps(), 2000);
        assertEq(staking.delegationMultiplier(), 5);
        assertEq(staking.treasury(), makeAddr("t2"));
        assertEq(staking.l2SequencerSet(), makeAddr("set2"));
    }

    function test_resyncSendsMessage() public {
        uint256 before = outbox.nextNonce();
        staking.resync(seq);
        assertEq(outbox.nextNonce(), before + 1);
    }

    function test_statusGuards() public {
        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Active)
        );
        staking.unlockClaim(seq);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotSequencerOwner.selector, seq, address(this)));
        staking.unlock(seq);
        vm.prank(op);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Active)
        );
        staking.unjail(seq);

        vm.prank(op);
        staking.unlock(seq);
        vm.startPrank(op);
        bytes memory unlocking = abi.encodeWithSelector(
            SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Unlocking
        );
        vm.expectRevert(unlocking);
        staking.unlock(seq);
        vm.expectRevert(unlocking);
        staking.relock(seq, 1 ether, false);
        vm.expectRevert(unlocking);
        staking.withdrawLocked(seq, 1 ether);
        vm.expectRevert(unlocking);
        staking.setCommission(seq, 0);
        vm.stopPrank();
        vm.expectRevert(unlocking);
        staking.jail(seq, "");

        vm.warp(block.timestamp + EXIT_DELAY);
        vm.prank(op);
        staking.unlockClaim(seq);
        bytes memory exited =
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Exited);
        vm.prank(op);
        vm.expectRevert(exited);
        staking.transferSequencerOwnership(seq, address(1));
        vm.warp(block.timestamp + SIGNER_THROTTLE);
        vm.prank(makeAddr("alpha-signer"));
        vm.expectRevert(exited);
        staking.updateSigner(seq, makeAddr("s9"));
    }

    function testFuzz_withdrawLocked_bounds(uint256 amount) public {
        amount = bound(amount, 0, 60_000 ether);
        vm.prank(op);
        if (amount == 0) {
            vm.expectRevert(SequencerStaking.ZeroAmount.selector);
        } else if (amount > 50_000 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InsufficientStake.selector, amount, 50_000 ether));
        } else if (50_000 ether - amount < 20_000 ether) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SequencerStaking.SelfLockOutOfBounds.selector, 50_000 ether - amount, 20_000 ether, 100_000 ether
                )
            );
        }
        staking.withdrawLocked(seq, amount);
        if (amount > 0 && amount <= 30_000 ether) {
            assertEq(staking.selfLockOf(seq), 50_000 ether - amount);
            assertEq(staking.unbondingOf(seq), amount);
        }
    }

    function testFuzz_setCommission_bounds(uint16 bps, uint32 wait) public {
        vm.prank(op);
        if (bps > 3000) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.CommissionTooHigh.selector, bps, 3000));
            staking.setCommission(seq, bps);
            return;
        }
        staking.setCommission(seq, bps);
        vm.warp(block.timestamp + wait);
        assertEq(staking.commissionOf(seq), wait >= EXIT_DELAY ? bps : 1000);
        vm.prank(op);
        if (wait < EXIT_DELAY) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    SequencerStaking.CommissionChangeTooSoon.selector, seq, uint64(block.timestamp - wait) + EXIT_DELAY
                )
            );
        }
        staking.setCommission(seq, 0);
    }
}

contract SequencerStakingDelegationTest is StakingFixture {
    uint256 seq;
    uint256 seq2;
    address op;
    address alice = makeAddr("alice");
    address bob = makeAddr("bob");

    function setUp() public {
        _deployStaking();
        (seq, op) = _register("alpha", 50_000 ether, 1000);
        (seq2,) = _register("beta", 50_000 ether, 0);
    }

    // ------------------------------------------------------------ delegate

    function testFuzz_delegate_boundsAndCaps(uint256 amount) public {
        amount = bound(amount, 0, 600_000 ether);
        _fund(alice, amount);
        vm.prank(alice);
        if (amount == 0) {
            vm.expectRevert(SequencerStaking.ZeroAmount.selector);
        } else if (amount < 1 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.BelowMinPosition.selector, amount, 1 ether));
        } else if (amount > 500_000 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.DelegationCapExceeded.selector, seq));
        }
        staking.delegate(seq, amount);
        if (amount >= 1 ether && amount <= 500_000 ether) {
            assertEq(_value(seq, alice), amount);
            assertEq(staking.delegatedTo(seq), amount);
        }
    }

    function test_delegate_totalStakeCap() public {
        staking.setDelegationMultiplier(100);
        _fund(alice, 1_000_000 ether);
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                SequencerStaking.SequencerStakeCapExceeded.selector, seq, 1_000_000 ether + 1, 1_000_000 ether
            )
        );
        staking.delegate(seq, 950_000 ether + 1);
        vm.prank(alice);
        staking.delegate(seq, 950_000 ether);
        assertEq(staking.totalStakeOf(seq), 1_000_000 ether);
    }

    function test_delegateWithPermit() public {
        uint256 key = 0xB0B;
        address holder = vm.addr(key);
        metis.transfer(holder, 10 ether);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                address(staking),
                10 ether,
                0,
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", metis.DOMAIN_SEPARATOR(), structHash)));
        // A front-run permit does not break the delegation.
        metis.permit(holder, address(staking), 10 ether, deadline, v, r, s);
        vm.prank(holder);
        staking.delegateWithPermit(seq, 10 ether, deadline, v, r, s);
        assertEq(_value(seq, holder), 10 ether);
    }

    // ------------------------------------------------------------ undelegate / withdraw

    function test_undelegate_entryMaturesAfterExitDelay() public {
        _delegate(alice, seq, 100 ether);
        vm.prank(alice);
        uint256 id = staking.undelegate(seq, 40 ether);
        assertEq(_value(seq, alice), 60 ether);
        (, uint256 value, uint64 maturesAt) = staking.unbondingEntry(seq, alice, id);
        assertEq(value, 40 ether);
        assertEq(maturesAt, block.timestamp + EXIT_DELAY);
        assertEq(staking.unbondingOf(seq), 40 ether);

        uint256[] memory ids = new uint256[](1);
        ids[0] = id;
        vm.warp(maturesAt - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.EntryNotMatured.selector, id, maturesAt));
        staking.withdraw(seq, ids);
        vm.warp(maturesAt);
        vm.prank(alice);
        assertEq(staking.withdraw(seq, ids), 40 ether);
        assertEq(metis.balanceOf(alice), 40 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.UnknownEntry.selector, seq, alice, id));
        staking.withdraw(seq, ids);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidBatch.selector, 0));
        staking.withdraw(seq, new uint256[](0));
    }

    function testFuzz_undelegate_bounds(uint256 delegated, uint256 amount) public {
        delegated = bound(delegated, 1 ether, 500_000 ether);
        amount = bound(amount, 0, delegated + 10 ether);
        _delegate(alice, seq, delegated);
        vm.prank(alice);
        if (amount == 0) {
            vm.expectRevert(SequencerStaking.ZeroAmount.selector);
        } else if (amount > delegated) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InsufficientStake.selector, amount, delegated));
        } else if (delegated - amount != 0 && delegated - amount < 1 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.BelowMinPosition.selector, delegated - amount, 1 ether));
        }
        staking.undelegate(seq, amount);
        if (amount > 0 && amount <= delegated && (delegated - amount == 0 || delegated - amount >= 1 ether)) {
            assertEq(_value(seq, alice), delegated - amount);
            assertEq(staking.unbondingOf(seq), amount);
        }
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function test_undelegate_atMost16OpenEntries() public {
        _delegate(alice, seq, 100 ether);
        for (uint256 i; i < 16; ++i) {
            vm.prank(alice);
            staking.undelegate(seq, 1 ether);
        }
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.TooManyUnbondingEntries.selector, seq, alice));
        staking.undelegate(seq, 1 ether);

        vm.warp(block.timestamp + EXIT_DELAY);
        uint256[] memory ids = new uint256[](16);
        for (uint256 i; i < 16; ++i) {
            ids[i] = i;
        }
        vm.prank(alice);
        assertEq(staking.withdraw(seq, ids), 16 ether);
        vm.prank(alice);
        staking.undelegate(seq, 1 ether); // slots are free again
        assertEq(staking.nextEntryId(seq, alice), 17);
    }

    function test_undelegate_maxTakesWholePositionEvenAfterSlash() public {
        _delegate(alice, seq, 333 ether);
        staking.slash(seq, 333, uint64(block.timestamp), address(0), 0, "x");
        uint256 value = _value(seq, alice);
        vm.prank(alice);
        uint256 id = staking.undelegate(seq, type(uint256).max);
        (uint256 shares, uint256 entryValue,) = staking.unbondingEntry(seq, alice, id);
        assertGt(shares, 0);
        assertEq(entryValue, value);
        assertEq(_value(seq, alice), 0);
    }

    // ------------------------------------------------------------ redelegate

    function test_redelegate_movesAtOnceOncePerExitDelay() public {
        _delegate(alice, seq, 100 ether);
        vm.prank(alice);
        staking.redelegate(seq, seq2, 60 ether);
        assertEq(_value(seq, alice), 40 ether);
        assertEq(_value(seq2, alice), 60 ether);

        uint64 next = uint64(block.timestamp) + EXIT_DELAY;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.RedelegationTooSoon.selector, seq, next));
        staking.redelegate(seq, seq2, 10 ether);
        vm.prank(alice); // the destination position is marked too: no hopping
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.RedelegationTooSoon.selector, seq2, next));
        staking.redelegate(seq2, seq, 10 ether);
        vm.prank(alice);
        vm.expectRevert(SequencerStaking.SameSequencer.selector);
        staking.redelegate(seq, seq, 1 ether);

        vm.warp(next);
        vm.prank(alice);
        staking.redelegate(seq, seq2, type(uint256).max);
        assertEq(_value(seq2, alice), 100 ether);
    }

    function test_redelegate_toInactiveReverts() public {
        _delegate(alice, seq, 100 ether);
        staking.jail(seq2, "x");
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq2, SequencerStaking.SequencerStatus.Jailed)
        );
        staking.redelegate(seq, seq2, 50 ether);
    }

    // ------------------------------------------------------------ rewards

    function test_rewards_commissionAndProRataShare() public {
        _delegate(alice, seq, 30_000 ether);
        _delegate(bob, seq, 20_000 ether);
        // stake: 50k self, 30k alice, 20k bob. Delegators' part of 1,000 = 500, commission 10% = 50:
        // alice 0.9 x 300, bob 0.9 x 200, the operator 500 + 50.
        staking.distributeReward(seq, 1_000 ether);
        assertApproxEqAbs(_rewards(seq, alice), 270 ether, 2);
        assertApproxEqAbs(_rewards(seq, bob), 180 ether, 2);
        assertApproxEqAbs(staking.operatorPendingRewards(seq), 550 ether, 2);
        assertLe(_rewards(seq, alice) + _rewards(seq, bob) + staking.operatorPendingRewards(seq), 1_000 ether);
        assertEq(staking.rewardReserve(), 1_000 ether);
    }

    function test_rewards_addingStakeNeitherPaysNorForfeits() public {
        _delegate(alice, seq, 50_000 ether);
        staking.distributeReward(seq, 1_000 ether);
        uint256 pending = _rewards(seq, alice);
        assertGt(pending, 0);
        _delegate(alice, seq, 10_000 ether);
        assertEq(_rewards(seq, alice), pending, "kept, not paid");
        assertEq(metis.balanceOf(alice), 0);
        vm.prank(alice);
        staking.undelegate(seq, 5_000 ether);
        assertEq(_rewards(seq, alice), pending, "undelegating keeps them too");
    }

    function test_claimClaimAllAndCompound() public {
        _delegate(alice, seq, 50_000 ether);
        _delegate(alice, seq2, 50_000 ether);
        staking.distributeReward(seq, 1_000 ether);
        staking.distributeReward(seq2, 2_000 ether);
        uint256 r1 = _rewards(seq, alice);
        uint256 r2 = _rewards(seq2, alice);

        vm.prank(alice);
        assertEq(staking.claim(seq), r1);
        assertEq(metis.balanceOf(alice), r1);
        vm.prank(alice);
        vm.expectRevert(SequencerStaking.NothingToClaim.selector);
        staking.claim(seq);

        staking.distributeReward(seq, 1_000 ether);
        uint256 r1b = _rewards(seq, alice);
        uint256[] memory ids = new uint256[](2);
        (ids[0], ids[1]) = (seq, seq2);
        vm.prank(alice);
        assertEq(staking.claimAll(ids), r1b + r2);
        vm.prank(alice);
        vm.expectRevert(SequencerStaking.NothingToClaim.selector);
        staking.claimAll(ids);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidBatch.selector, 33));
        staking.claimAll(new uint256[](33));

        staking.distributeReward(seq, 1_000 ether);
        uint256 r1c = _rewards(seq, alice);
        uint256 before = _value(seq, alice);
        vm.prank(alice);
        assertEq(staking.compound(seq), r1c);
        assertApproxEqAbs(_value(seq, alice), before + r1c, 1);
        assertEq(_rewards(seq, alice), 0);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function test_distributeReward_onlyDistributorAndActive() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(SequencerStaking.NotRewardDistributor.selector, alice));
        staking.distributeReward(seq, 1 ether);
        vm.expectRevert(SequencerStaking.ZeroAmount.selector);
        staking.distributeReward(seq, 0);
        staking.jail(seq, "x");
        vm.expectRevert(
            abi.encodeWithSelector(SequencerStaking.InvalidStatus.selector, seq, SequencerStaking.SequencerStatus.Jailed)
        );
        staking.distributeReward(seq, 1 ether);
    }

    function testFuzz_roundTripNeverGainsNorLoses(uint256 amount, uint256 other) public {
        amount = bound(amount, 1 ether, 200_000 ether);
        other = bound(other, 1 ether, 200_000 ether);
        _delegate(bob, seq, other);
        staking.slash(seq, 7, uint64(block.timestamp), address(0), 0, "rate below 1");
        vm.warp(block.timestamp + JAIL_PERIOD);
        vm.prank(op);
        staking.unjail(seq);
        _delegate(alice, seq, amount);
        uint256 bobBefore = _value(seq, bob);
        uint256 v = _value(seq, alice);
        assertLe(v, amount);
        assertApproxEqAbs(v, amount, 2);
        vm.prank(alice);
        staking.undelegate(seq, type(uint256).max);
        assertGe(_value(seq, bob), bobBefore, "others never lose by someone's exit");
        assertApproxEqAbs(_value(seq, bob), bobBefore, 2);
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }
    /// Everyone can always claim everything: accrual rounds down and debts round up.
    function testFuzz_rewardsAlwaysFullyClaimable(uint256 seed) public {
        address[3] memory ds = [alice, bob, makeAddr("carol")];
        for (uint256 k; k < 12; ++k) {
            uint256 r = uint256(keccak256(abi.encode(seed, k)));
            address d = ds[r % 3];
            if (r % 4 == 0) {
                staking.distributeReward(seq, 1 + (r >> 8) % 1_000 ether);
            } else if (r % 4 == 1 && _value(seq, d) > 2 ether) {
                uint256 amount = 1 ether + (r >> 16) % (_value(seq, d) - 2 ether);
                vm.prank(d);
                staking.undelegate(seq, amount);
            } else {
                _delegate(d, seq, 1 ether + (r >> 24) % 7_777 ether + (r >> 200));
            }
        }
        staking.distributeReward(seq, 333 ether + 1);
        for (uint256 i; i < 3; ++i) {
            if (_rewards(seq, ds[i]) > 0) {
                vm.prank(ds[i]);
                staking.claim(seq);
            }
        }
        vm.prank(op);
        staking.claimOperatorRewards(seq);
        assertLt(staking.rewardReserve(), 100, "only rounding dust is left");
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function testFuzz_redelegate_bounds(uint256 delegated, uint256 amount) public {
        delegated = bound(delegated, 1 ether, 400_000 ether);
        amount = bound(amount, 1, delegated + 1 ether);
        _delegate(alice, seq, delegated);
        vm.prank(alice);
        if (amount > delegated) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InsufficientStake.selector, amount, delegated));
        } else if (delegated - amount != 0 && delegated - amount < 1 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.BelowMinPosition.selector, delegated - amount, 1 ether));
        } else if (amount < 1 ether) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.BelowMinPosition.selector, amount, 1 ether));
        }
        staking.redelegate(seq, seq2, amount);
        if (amount <= delegated && (delegated - amount == 0 || delegated - amount >= 1 ether) && amount >= 1 ether) {
            assertEq(_value(seq, alice) + _value(seq2, alice), delegated);
        }
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    function testFuzz_claimAll_batchBounds(uint8 n) public {
        _delegate(alice, seq, 10 ether);
        staking.distributeReward(seq, 1 ether);
        uint256[] memory ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = seq;
        }
        uint256 pending = _rewards(seq, alice);
        assertGt(pending, 0);
        vm.prank(alice);
        if (n == 0 || n > 32) {
            vm.expectRevert(abi.encodeWithSelector(SequencerStaking.InvalidBatch.selector, n));
            staking.claimAll(ids);
        } else {
            assertEq(staking.claimAll(ids), pending, "a repeated id pays once");
        }
    }
}
