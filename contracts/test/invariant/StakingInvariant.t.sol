// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {MetisToken} from "../../src/l1/MetisToken.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";

/// @dev Drives the staking contract with random delegator, operator, reward and slashing actions,
/// and checks, before and after every action, that no position's value moved except by its own
/// action, its rewards being compounded, or a slash of its sequencer.
contract StakingHandler is Test {
    uint256 constant N_SEQ = 3;
    uint256 constant N_ACTORS = 4;
    /// Rounding dust a position may gain from other positions' operations (rounding favours the pool).
    uint256 public constant DUST = 1_000;

    MetisToken public metis;
    SequencerStaking public staking;
    address public governance;
    address[N_ACTORS] public actors;
    address[N_SEQ + 1] public operators;
    mapping(uint256 seq => mapping(address actor => uint256)) public ghostValue;
    mapping(uint256 seq => mapping(address actor => uint256[])) internal _openIds;
    uint256 public violations;
    uint256 public slashes;
    /// METIS the slash events say left the offenders' pools, entries and redelegations.
    uint256 public slashedTotal;
    /// @notice Where slash rewards go (a challenger).
    address public constant CHALLENGER = address(0xC4A1);
    /// Late arrivals' refunds reserved by slashes, and paid into positions (SlashRefunded).
    uint256 public refundsReserved;
    uint256 public refundsPaid;
    uint256 public calls;
    /// Successful actions by name (to see that the campaign does real work).
    mapping(string action => uint256) public succeeded;

    constructor(MetisToken metis_, SequencerStaking staking_) {
        metis = metis_;
        staking = staking_;
        governance = msg.sender;
        for (uint256 i; i < N_ACTORS; ++i) {
            actors[i] = address(uint160(0xA0 + i));
        }
    }

    function setOperator(uint256 seq, address op) external {
        require(msg.sender == governance);
        operators[seq] = op;
    }

    // ------------------------------------------------------------ helpers

    function _actor(uint256 s) internal view returns (address) {
        return actors[s % N_ACTORS];
    }

    function _seq(uint256 s) internal pure returns (uint256) {
        return 1 + s % N_SEQ;
    }

    function _value(uint256 seq, address a) internal view returns (uint256 v) {
        (, v,,,) = staking.positionOf(seq, a);
    }

    /// @dev Records a violation if any position drifted from its ghost value.
    function _checkAll() internal {
        for (uint256 seq = 1; seq <= N_SEQ; ++seq) {
            for (uint256 i; i < N_ACTORS; ++i) {
                uint256 v = _value(seq, actors[i]);
                uint256 g = ghostValue[seq][actors[i]];
                if (v < g || v > g + DUST) ++violations;
            }
        }
    }

    function _refresh(uint256 seq, address a) internal {
        ghostValue[seq][a] = _value(seq, a);
    }

    /// @dev Applies what a redelegation into the position owes (anyone may; a stake change would do
    /// it too), so that the action's own figures can be checked exactly.
    function _settle(uint256 seq, address a) internal {
        staking.settleLiability(seq, a);
        _bookSlashes(); // before a later revert's catch drops the recorded logs
        _refresh(seq, a);
    }

    bytes32 constant SLASHED = keccak256("Slashed(uint256,uint256,uint64,uint256,uint256,uint256,string)");
    bytes32 constant SLASH_REFUNDED = keccak256("SlashRefunded(address,uint256,uint256)");
    bytes32 constant UNBONDING_SLASHED = keccak256("UnbondingSlashed(address,uint256,uint256,uint256)");
    bytes32 constant REDELEGATION_SLASHED = keccak256("RedelegationSlashed(address,uint256,uint256,uint256)");

    modifier checked() {
        _checkAll();
        ++calls;
        vm.recordLogs();
        _;
        _bookSlashes();
        _checkAll();
    }

    /// @dev Adds up what every slash event of the action took (pool, liable entries, redelegations).
    function _bookSlashes() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(staking)) continue;
            bytes32 t = logs[i].topics[0];
            if (t == SLASHED) {
                (,, uint256 stakeSlashed, uint256 refund,,) =
                    abi.decode(logs[i].data, (uint256, uint64, uint256, uint256, uint256, string));
                slashedTotal += stakeSlashed - refund;
                refundsReserved += refund;
            } else if (t == SLASH_REFUNDED) {
                refundsPaid += abi.decode(logs[i].data, (uint256));
            } else if (t == UNBONDING_SLASHED) {
                (, uint256 amount) = abi.decode(logs[i].data, (uint256, uint256));
                slashedTotal += amount;
            } else if (t == REDELEGATION_SLASHED) {
                slashedTotal += abi.decode(logs[i].data, (uint256));
            }
        }
    }

    // ------------------------------------------------------------ delegators

    function delegate(uint256 actorSeed, uint256 seqSeed, uint256 amount) external checked {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        amount = bound(amount, 1 ether, 200_000 ether);
        metis.transfer(a, amount);
        _settle(seq, a);
        uint256 before = _value(seq, a);
        vm.startPrank(a);
        metis.approve(address(staking), amount);
        try staking.delegate(seq, amount) {
            uint256 afterV = _value(seq, a);
            if (afterV > before + amount || afterV + 2 < before + amount) ++violations;
            ghostValue[seq][a] = afterV;
            ++succeeded["delegate"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
        vm.stopPrank();
    }

    function undelegate(uint256 actorSeed, uint256 seqSeed, uint256 amount) external checked {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        _settle(seq, a);
        uint256 before = _value(seq, a);
        if (before == 0) return;
        amount = amount % 5 == 0 ? type(uint256).max : bound(amount, 1, before);
        vm.prank(a);
        try staking.undelegate(seq, amount) returns (uint256 id) {
            _openIds[seq][a].push(id);
            ++succeeded["undelegate"];
            uint256 afterV = _value(seq, a);
            if (amount != type(uint256).max && (afterV + amount > before || afterV + amount + 2 < before)) {
                ++violations;
            }
            ghostValue[seq][a] = afterV;
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
    }

    function withdraw(uint256 actorSeed, uint256 seqSeed) external checked {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        uint256[] storage open = _openIds[seq][a];
        uint256 n;
        uint256[] memory ids = new uint256[](open.length);
        for (uint256 i; i < open.length; ++i) {
            (,, uint64 maturesAt) = staking.unbondingEntry(seq, a, open[i]);
            if (maturesAt <= block.timestamp) ids[n++] = open[i];
        }
        if (n == 0) return;
        assembly {
            mstore(ids, n)
        }
        uint256 balanceBefore = metis.balanceOf(a);
        vm.prank(a);
        uint256 paid = staking.withdraw(seq, ids);
        if (metis.balanceOf(a) != balanceBefore + paid) ++violations;
        ++succeeded["withdraw"];
        uint256 k;
        for (uint256 i; i < open.length; ++i) {
            (uint256 shares,,) = staking.unbondingEntry(seq, a, open[i]);
            if (shares > 0) open[k++] = open[i];
        }
        while (open.length > k) open.pop();
    }

    function redelegate(uint256 actorSeed, uint256 fromSeed, uint256 toSeed, uint256 amount) external checked {
        address a = _actor(actorSeed);
        uint256 from = _seq(fromSeed);
        uint256 to = _seq(toSeed);
        _settle(from, a);
        _settle(to, a);
        uint256 before = _value(from, a);
        if (before == 0 || from == to) return;
        amount = bound(amount, 1, before);
        uint256 toBefore = _value(to, a);
        vm.prank(a);
        try staking.redelegate(from, to, amount) {
            uint256 fromAfter = _value(from, a);
            uint256 toAfter = _value(to, a);
            // what left one position arrived in the other (up to rounding)
            if (toAfter + fromAfter > toBefore + before + 2 || toAfter + fromAfter + 4 < toBefore + before) {
                ++violations;
            }
            _refresh(from, a);
            _refresh(to, a);
            ++succeeded["redelegate"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
    }

    function claim(uint256 actorSeed, uint256 seqSeed) external checked {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        uint256 pending = staking.pendingRewards(seq, a);
        if (pending == 0) return;
        uint256 balanceBefore = metis.balanceOf(a);
        vm.prank(a);
        staking.claim(seq);
        if (metis.balanceOf(a) != balanceBefore + pending) ++violations;
        ++succeeded["claim"];
    }

    function compound(uint256 actorSeed, uint256 seqSeed) external checked {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        _settle(seq, a);
        uint256 before = _value(seq, a);
        uint256 reward = staking.pendingRewards(seq, a);
        vm.prank(a);
        try staking.compound(seq) {
            uint256 afterV = _value(seq, a);
            if (afterV > before + reward || afterV + 2 < before + reward) ++violations;
            ghostValue[seq][a] = afterV;
            ++succeeded["compound"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
    }

    // ------------------------------------------------------------ operators, rewards, governance

    function relock(uint256 seqSeed, uint256 amount, bool compoundRewards) external checked {
        uint256 seq = _seq(seqSeed);
        address op = operators[seq];
        amount = bound(amount, 0, 30_000 ether);
        metis.transfer(op, amount);
        vm.startPrank(op);
        metis.approve(address(staking), amount);
        try staking.relock(seq, amount, compoundRewards) {
            ++succeeded["relock"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
        vm.stopPrank();
    }

    function distributeReward(uint256 seqSeed, uint256 amount) external checked {
        uint256 seq = _seq(seqSeed);
        amount = bound(amount, 1, 5_000 ether);
        metis.transfer(governance, amount);
        vm.prank(governance);
        try staking.distributeReward(seq, amount) {
            ++succeeded["distributeReward"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
    }

    function slash(uint256 seqSeed, uint256 bps) external checked {
        uint256 seq = _seq(seqSeed);
        bps = bound(bps, 1, 1000);
        uint256[N_ACTORS] memory before;
        for (uint256 i; i < N_ACTORS; ++i) {
            before[i] = _value(seq, actors[i]);
        }
        // an offence up to an exit delay back, so that leavers after it are liable
        uint256 back = Math.min(block.timestamp - 1, staking.exitDelay());
        uint64 offence = uint64(back == 0 ? block.timestamp : block.timestamp - (seqSeed >> 8) % back);
        uint256 pooled = staking.totalStakeOf(seq);
        vm.prank(governance);
        // a challenger's reward of any share; it and the treasury together receive what left the pool
        try staking.slash(seq, bps, offence, CHALLENGER, (seqSeed >> 16) % 10_001, "fuzz") {}
        catch {
            vm.getRecordedLogs();
            return; // MAX_SLASHES_PER_EXIT_DELAY
        }
        if (pooled - staking.totalStakeOf(seq) != pooled * bps / 10_000) ++violations; // the pool loses the fraction
        _bookSlashes();
        ++slashes;
        for (uint256 i; i < N_ACTORS; ++i) {
            uint256 v = _value(seq, actors[i]);
            if (v > before[i]) ++violations;
            ghostValue[seq][actors[i]] = v;
        }
        // Usually the operator serves the jail time and comes back, so that the campaign keeps
        // exercising delegations and rewards on that sequencer.
        if (bps % 4 != 0) {
            vm.warp(block.timestamp + staking.jailPeriod());
            vm.prank(operators[seq]);
            try staking.unjail(seq) {}
            catch {
                vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
            }
        }
    }

    function unjail(uint256 seqSeed) external checked {
        uint256 seq = _seq(seqSeed);
        vm.warp(block.timestamp + staking.jailPeriod());
        vm.prank(operators[seq]);
        try staking.unjail(seq) {
            ++succeeded["unjail"];
        } catch {
            vm.getRecordedLogs(); // a reverted call's logs are recorded too: drop them
        }
    }

    function warp(uint256 secs) external checked {
        vm.warp(block.timestamp + bound(secs, 1, 30 days));
    }

    function actorCount() external pure returns (uint256) {
        return N_ACTORS;
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 128
/// forge-config: deep.invariant.runs = 1000
/// forge-config: deep.invariant.depth = 128
contract StakingInvariantTest is StdInvariant, Test {
    MetisToken metis;
    SequencerStaking staking;
    StakingHandler handler;

    function setUp() public {
        vm.chainId(31337);
        metis = new MetisToken(address(this));
        MessageOutbox outbox = new MessageOutbox(31338);
        staking = new SequencerStaking(
            metis,
            outbox,
            address(this),
            address(0xBEEF),
            address(0x5E7),
            SequencerStaking.InitParams({
                minLock: 20_000 ether,
                maxLock: 100_000 ether,
                maxSequencerStake: 800_000 ether,
                minPosition: 1 ether,
                exitDelay: 3 days,
                jailPeriod: 1 days,
                signerUpdateThrottle: 1 days,
                maxCommissionBps: 3000,
                delegationMultiplier: 10
            })
        );
        outbox.setInbox(address(0x1B0C)); // (the L2 inbox; only its address is bound here)
        outbox.setSenderAllowed(address(staking), true);
        handler = new StakingHandler(metis, staking);
        staking.setRewardDistributor(address(this));
        metis.approve(address(staking), type(uint256).max);

        uint256[3] memory locks = [uint256(20_000 ether), 50_000 ether, 100_000 ether];
        for (uint256 i; i < 3; ++i) {
            address op = address(uint160(0x0B0 + i));
            staking.setWhitelist(op, true);
            metis.transfer(op, locks[i]);
            vm.startPrank(op);
            metis.approve(address(staking), locks[i]);
            uint256 id = staking.register(address(uint160(0x5160 + i)), locks[i], uint16(1000 * i), "");
            vm.stopPrank();
            handler.setOperator(id, op);
        }
        metis.transfer(address(handler), 5_000_000 ether);
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = StakingHandler.delegate.selector;
        selectors[1] = StakingHandler.undelegate.selector;
        selectors[2] = StakingHandler.withdraw.selector;
        selectors[3] = StakingHandler.redelegate.selector;
        selectors[4] = StakingHandler.claim.selector;
        selectors[5] = StakingHandler.compound.selector;
        selectors[6] = StakingHandler.relock.selector;
        selectors[7] = StakingHandler.distributeReward.selector;
        selectors[8] = StakingHandler.slash.selector;
        selectors[9] = StakingHandler.unjail.selector;
        selectors[10] = StakingHandler.warp.selector;
        selectors[11] = StakingHandler.delegate.selector; // delegation weighs double
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The handler's actions really happen (guards against a campaign of silent no-ops).
    function test_handlerActionsTakeEffect() public {
        handler.delegate(0, 0, 100 ether);
        handler.distributeReward(0, 10 ether);
        handler.compound(0, 0);
        handler.undelegate(0, 0, 7);
        handler.warp(30 days);
        handler.withdraw(0, 0);
        handler.redelegate(0, 0, 1, 10 ether);
        handler.slash(0, 3);
        handler.delegate(1, 1, 5 ether);
        handler.distributeReward(1, 10 ether);
        handler.claim(1, 1);
        assertEq(handler.succeeded("delegate"), 2);
        assertEq(handler.succeeded("compound"), 1);
        assertEq(handler.succeeded("undelegate"), 1);
        assertEq(handler.succeeded("withdraw"), 1);
        assertEq(handler.succeeded("redelegate"), 1);
        assertEq(handler.succeeded("claim"), 1);
        assertEq(handler.slashes(), 1);
        assertEq(handler.violations(), 0);
    }

    function _accounted() internal view returns (uint256 sum) {
        for (uint256 id = 1; id <= 3; ++id) {
            sum += staking.totalStakeOf(id) + staking.unbondingOf(id);
        }
        sum += staking.rewardReserve();
    }

    function invariant_balanceEqualsStakePlusUnbondingPlusRewardReserve() public view {
        assertEq(metis.balanceOf(address(staking)), _accounted());
    }

    /// Slashed METIS (pools at the slash, liable unbonding at withdrawal, liable redelegations at
    /// settlement) = what the slash events say left = what reached the treasury and the challenger.
    function invariant_slashedEqualsWhatReachedTheTreasury() public view {
        assertEq(metis.balanceOf(address(0xBEEF)) + metis.balanceOf(handler.CHALLENGER()), handler.slashedTotal());
    }

    /// Late arrivals are refunded no more than the slashes reserved for them (docs/MECHANISMS.md §3.2).
    function invariant_lateArrivalRefundsWithinReserved() public view {
        assertLe(handler.refundsPaid(), handler.refundsReserved());
    }

    function invariant_rewardReserveCoversAllPendingRewards() public view {
        uint256 owed;
        for (uint256 id = 1; id <= 3; ++id) {
            owed += staking.operatorPendingRewards(id);
            for (uint256 i; i < handler.actorCount(); ++i) {
                owed += staking.pendingRewards(id, handler.actors(i));
            }
        }
        assertLe(owed, staking.rewardReserve());
    }

    function invariant_capsHold() public view {
        for (uint256 id = 1; id <= 3; ++id) {
            SequencerStaking.SequencerInfo memory s = staking.getSequencer(id);
            assertLe(s.totalStake, staking.maxSequencerStake());
            assertLe(s.selfLock, staking.maxLock());
            assertLe(s.totalShares - s.selfShares, uint256(staking.delegationMultiplier()) * s.selfShares);
        }
    }

    function invariant_sharesAddUp() public view {
        for (uint256 id = 1; id <= 3; ++id) {
            uint256 sum = staking.getSequencer(id).selfShares;
            for (uint256 i; i < handler.actorCount(); ++i) {
                (uint256 shares,,,,) = staking.positionOf(id, handler.actors(i));
                sum += shares;
            }
            assertEq(sum, staking.getSequencer(id).totalShares);
        }
    }

    function invariant_positionsMoveOnlyByOwnActionsRewardsOrSlashing() public view {
        assertEq(handler.violations(), 0);
        for (uint256 id = 1; id <= 3; ++id) {
            for (uint256 i; i < handler.actorCount(); ++i) {
                address a = handler.actors(i);
                (, uint256 v,,,) = staking.positionOf(id, a);
                assertGe(v, handler.ghostValue(id, a));
                assertLe(v, handler.ghostValue(id, a) + handler.DUST());
            }
        }
    }
}
