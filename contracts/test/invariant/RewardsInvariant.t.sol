// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {MetisToken} from "../../src/l1/MetisToken.sol";
import {MessageOutbox} from "../../src/bus/MessageOutbox.sol";
import {SequencerStaking} from "../../src/l1/SequencerStaking.sol";
import {RewardsDistributor} from "../../src/l1/RewardsDistributor.sol";
import {MockMessenger} from "../utils/MockMessenger.sol";

/// @dev Drives epoch reports (random sequencer, blocks and revenue, replays of old epochs), funding,
/// jailing, time (across emission years) and the delegators' claim / compound / delegate / undelegate,
/// keeping for every position the exact (real-valued, scaled by 1e18) share of every epoch's reward
/// it is entitled to, to bound the rounding of what it actually gets.
contract RewardsHandler is Test {
    uint256 constant N_SEQ = 3;
    uint256 constant N_ACTORS = 3;
    uint256 constant SCALE = 1e18;
    bytes32 constant DISTRIBUTED = keccak256("RewardDistributed(uint256,uint256,uint256)");
    bytes32 constant OWED_PAID = keccak256("OwedRevenuePaid(uint256,uint256,uint256,uint256,bool)");

    MetisToken public metis;
    SequencerStaking public staking;
    RewardsDistributor public dist;
    MockMessenger public inbox;
    address public l2Set;
    address public governance;
    address[N_ACTORS] public actors;
    address[N_SEQ + 1] public operators;

    uint256 public violations;
    /// The last violation's description (for a failing campaign's report).
    string public lastViolation;
    uint256 public reports;
    /// METIS the distributor handed to staking (epochs paid to an active sequencer).
    uint256 public distributedToStaking;
    /// METIS the distributor sent to the treasury (epochs of non-active sequencers).
    uint256 public revenueToTreasury;
    /// METIS taken out of staking rewards: claims, compounds and operator claims.
    uint256 public rewardsTaken;
    /// Revenue METIS that arrived at the distributor (deposits and plain bridge transfers).
    uint256 public revenueArrived;
    /// Per position: exact entitlement × 1e18, rewards taken, settlements, epochs earned in.
    mapping(uint256 seq => mapping(address actor => uint256)) public exactScaled;
    mapping(uint256 seq => mapping(address actor => uint256)) public taken;
    mapping(uint256 seq => mapping(address actor => uint256)) public settlements;
    mapping(uint256 seq => mapping(address actor => uint256)) public epochsEarned;
    mapping(string action => uint256) public succeeded;
    /// Per sequencer: the operator's exact entitlement × 1e18 (commission + self-lock share), and what it claimed.
    mapping(uint256 seq => uint256) public operatorExact;
    mapping(uint256 seq => uint256) public operatorTaken;

    constructor(MetisToken metis_, SequencerStaking staking_, RewardsDistributor dist_, MockMessenger inbox_, address l2Set_) {
        metis = metis_;
        staking = staking_;
        dist = dist_;
        inbox = inbox_;
        l2Set = l2Set_;
        governance = msg.sender;
        for (uint256 i; i < N_ACTORS; ++i) {
            actors[i] = address(uint160(0xA0 + i));
        }
    }

    function _violate(string memory what) internal {
        ++violations;
        lastViolation = what;
    }

    function setOperator(uint256 seq, address op) external {
        require(msg.sender == governance);
        operators[seq] = op;
    }

    function _actor(uint256 s) internal view returns (address) {
        return actors[s % N_ACTORS];
    }

    function _seq(uint256 s) internal pure returns (uint256) {
        return 1 + s % N_SEQ;
    }

    function _shares(uint256 seq, address a) internal view returns (uint256 shares) {
        (shares,,,,) = staking.positionOf(seq, a);
    }

    // ------------------------------------------------------------ reports

    struct Pre {
        uint256 seq;
        uint256 epoch;
        uint256[N_SEQ + 1] opBefore;
        uint256 treasuryBefore;
    }

    function report(uint256 seqSeed, uint256 blocks, uint256 revenue) external {
        Pre memory p;
        p.seq = seqSeed % 5 == 4 ? 99 : _seq(seqSeed); // sometimes an unknown sequencer
        blocks = bound(blocks, 1, 2_000);
        revenue = bound(revenue, 0, 500 ether);
        p.epoch = dist.nextEpoch();
        _before(p);
        vm.recordLogs();
        try inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (p.epoch, p.seq, blocks, revenue))) {
            ++reports;
            ++succeeded["report"];
        } catch {
            _violate("report reverted"); // a report in order never reverts, whatever the sequencer's status
            return;
        }
        RewardsDistributor.EpochReport memory r = dist.epochReport(p.epoch);
        if (!r.paidToSequencer && r.mining != 0) _violate("mining paid for a non-active sequencer");
        if (r.revenueDue != revenue) _violate("revenue due not recorded");
        _afterPayments(p, r.paidToSequencer ? 0 : r.revenue);
    }

    /// Anyone settles owed epochs.
    function settleOwed(uint256 n) external {
        Pre memory p;
        _before(p);
        vm.recordLogs();
        dist.settleOwed(bound(n, 1, 32));
        _afterPayments(p, 0);
    }

    /// The native bridge delivers fee withdrawals as a plain transfer.
    function bridgeTransfer(uint256 amount) external {
        amount = bound(amount, 1, 2_000 ether);
        metis.transfer(address(dist), amount);
        revenueArrived += amount;
    }

    function _before(Pre memory p) internal view {
        for (uint256 id = 1; id <= N_SEQ; ++id) {
            p.opBefore[id] = staking.operatorPendingRewards(id);
        }
        p.treasuryBefore = metis.balanceOf(staking.treasury());
    }

    /// Books every payment of the transaction from its logs: owed epochs settled (to staking or the
    /// treasury) and every `RewardDistributed`, whose commission and split are checked exactly.
    function _afterPayments(Pre memory p, uint256 currentToTreasury) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 toTreasury = currentToTreasury;
        uint256[N_SEQ + 1] memory expectedOp;
        uint256[N_SEQ + 1] memory payments;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter == address(dist) && logs[i].topics[0] == OWED_PAID) {
                (uint256 amount,, bool toSequencer) = abi.decode(logs[i].data, (uint256, uint256, bool));
                if (!toSequencer) toTreasury += amount;
            } else if (logs[i].emitter == address(staking) && logs[i].topics[0] == DISTRIBUTED) {
                uint256 seq = uint256(logs[i].topics[1]);
                (uint256 a, uint256 c) = abi.decode(logs[i].data, (uint256, uint256));
                expectedOp[seq] += _bookDistribution(seq, a, c);
                ++payments[seq];
            }
        }
        revenueToTreasury += toTreasury;
        if (metis.balanceOf(staking.treasury()) != p.treasuryBefore + toTreasury) _violate("treasury did not get the revenue");
        for (uint256 id = 1; id <= N_SEQ; ++id) {
            // Each payment credits the floor of its exact figure, so it is short of it by less than 1 wei;
            // never above it. One transaction can pay the same sequencer several times (a report settles an
            // owed epoch before its own, `settleOwed` pays up to 32 owed epochs, often of one sequencer), and
            // the floors' shortfalls add up: n payments are short by less than n wei in all. (A flat 2-wei
            // bound per transaction failed on a `settleOwed` paying 4 owed epochs of one sequencer, short by
            // 2.17 wei, each payment exact to the floor.)
            uint256 opGain = (staking.operatorPendingRewards(id) - p.opBefore[id]) * SCALE;
            if (opGain > expectedOp[id]) _violate("operator gain above the exact figure");
            if (opGain + payments[id] * SCALE < expectedOp[id]) _violate("operator gain short by 1 wei or more per payment");
        }
    }

    /// @dev One distribution of `amount` to `seq` (shares do not change within the transaction).
    function _bookDistribution(uint256 seq, uint256 amount, uint256 commission) internal returns (uint256 expected) {
        distributedToStaking += amount;
        SequencerStaking.SequencerInfo memory s = staking.getSequencer(seq);
        uint256 bps = staking.commissionOf(seq);
        // commission exact (docs/MECHANISMS.md §3.2): c x the delegators' pro-rata part, at the commission in effect
        uint256 delegatorShares = s.totalShares - s.selfShares;
        if (commission != Math.mulDiv(amount, delegatorShares * bps, s.totalShares * 10_000)) _violate("commission not exact");
        // the operator gets its own pro-rata part plus c x the delegators' part
        expected = Math.mulDiv(amount * SCALE, s.selfShares * 10_000 + delegatorShares * bps, s.totalShares * 10_000);
        operatorExact[seq] += expected;
        for (uint256 i; i < N_ACTORS; ++i) {
            uint256 shares = _shares(seq, actors[i]);
            if (shares == 0) continue;
            // a delegator gets exactly (1 - c) x its pro-rata part
            exactScaled[seq][actors[i]] += Math.mulDiv(shares * amount, (10_000 - bps) * SCALE, s.totalShares * 10_000);
            ++epochsEarned[seq][actors[i]];
        }
    }

    /// Replaying an applied epoch or skipping ahead always reverts.
    function replay(uint256 epochSeed, bool ahead) external {
        uint256 next = dist.nextEpoch();
        uint256 epoch = ahead ? next + 1 + epochSeed % 3 : (next == 1 ? 1 : 1 + epochSeed % (next - 1));
        if (!ahead && next == 1) return;
        try inbox.relay(address(dist), l2Set, abi.encodeCall(RewardsDistributor.applyEpochReport, (epoch, 1, 10, 1 ether))) {
            _violate("replayed or skipped report applied");
        } catch {}
        if (dist.nextEpoch() != next) _violate("replay moved nextEpoch");
    }

    function fundMining(uint256 amount) external {
        amount = bound(amount, 1, 100_000 ether);
        dist.fundMining(amount);
    }

    function depositRevenue(uint256 amount) external {
        amount = bound(amount, 1, 2_000 ether);
        dist.depositRevenue(amount);
        revenueArrived += amount;
    }

    function jail(uint256 seqSeed) external {
        uint256 seq = _seq(seqSeed);
        vm.prank(governance);
        staking.jail(seq, "fuzz");
    }

    function unjail(uint256 seqSeed) external {
        uint256 seq = _seq(seqSeed);
        vm.warp(block.timestamp + staking.jailPeriod());
        vm.prank(operators[seq]);
        try staking.unjail(seq) {} catch {}
    }

    function warp(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 200 days));
    }

    // ------------------------------------------------------------ positions

    function delegate(uint256 actorSeed, uint256 seqSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        amount = bound(amount, 1 ether, 100_000 ether);
        metis.transfer(a, amount);
        vm.startPrank(a);
        metis.approve(address(staking), amount);
        try staking.delegate(seq, amount) {
            ++settlements[seq][a];
            ++succeeded["delegate"];
        } catch {}
        vm.stopPrank();
    }

    function undelegate(uint256 actorSeed, uint256 seqSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        if (_shares(seq, a) == 0) return;
        amount = amount % 4 == 0 ? type(uint256).max : bound(amount, 1, 50_000 ether);
        vm.prank(a);
        try staking.undelegate(seq, amount) {
            ++settlements[seq][a];
            ++succeeded["undelegate"];
        } catch {}
    }

    function claim(uint256 actorSeed, uint256 seqSeed) external {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        uint256 pending = staking.pendingRewards(seq, a);
        if (pending == 0) return;
        uint256 before = metis.balanceOf(a);
        vm.prank(a);
        staking.claim(seq);
        if (metis.balanceOf(a) != before + pending) _violate("claim paid other than pending");
        taken[seq][a] += pending;
        rewardsTaken += pending;
        ++settlements[seq][a];
        ++succeeded["claim"];
    }

    function claimAll(uint256 actorSeed) external {
        address a = _actor(actorSeed);
        uint256[] memory ids = new uint256[](N_SEQ);
        uint256[N_SEQ] memory pending;
        uint256 total;
        for (uint256 i; i < N_SEQ; ++i) {
            ids[i] = i + 1;
            pending[i] = staking.pendingRewards(i + 1, a);
            total += pending[i];
        }
        if (total == 0) return;
        uint256 before = metis.balanceOf(a);
        vm.prank(a);
        staking.claimAll(ids);
        if (metis.balanceOf(a) != before + total) _violate("claimAll paid other than pending");
        for (uint256 i; i < N_SEQ; ++i) {
            if (pending[i] == 0) continue;
            taken[i + 1][a] += pending[i];
            ++settlements[i + 1][a];
        }
        rewardsTaken += total;
        ++succeeded["claimAll"];
    }

    function compound(uint256 actorSeed, uint256 seqSeed) external {
        address a = _actor(actorSeed);
        uint256 seq = _seq(seqSeed);
        uint256 pending = staking.pendingRewards(seq, a);
        vm.prank(a);
        try staking.compound(seq) returns (uint256 amount) {
            if (amount != pending) _violate("compound other than pending");
            taken[seq][a] += amount;
            rewardsTaken += amount;
            ++settlements[seq][a];
            ++succeeded["compound"];
        } catch {}
    }

    function claimOperator(uint256 seqSeed) external {
        uint256 seq = _seq(seqSeed);
        vm.prank(operators[seq]);
        try staking.claimOperatorRewards(seq) returns (uint256 amount) {
            rewardsTaken += amount;
            operatorTaken[seq] += amount;
        } catch {}
    }

    function actorCount() external pure returns (uint256) {
        return N_ACTORS;
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 96
/// forge-config: deep.invariant.runs = 1000
/// forge-config: deep.invariant.depth = 96
contract RewardsInvariantTest is StdInvariant, Test {
    MetisToken metis;
    SequencerStaking staking;
    RewardsDistributor dist;
    MockMessenger inbox;
    RewardsHandler handler;
    uint256 constant INITIAL_REVENUE = 1_000 ether; // small, so that epochs go short and owed
    address l2Set = address(0x5E7);
    address treasury = address(0xBEEF);

    function setUp() public {
        vm.chainId(31337);
        metis = new MetisToken(address(this));
        MessageOutbox outbox = new MessageOutbox(31338);
        staking = new SequencerStaking(
            metis,
            outbox,
            address(this),
            treasury,
            l2Set,
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
        inbox = new MockMessenger();
        uint256[10] memory ceilings = [
            uint256(800_000 ether),
            700_000 ether,
            600_000 ether,
            500_000 ether,
            500_000 ether,
            500_000 ether,
            400_000 ether,
            400_000 ether,
            300_000 ether,
            300_000 ether
        ];
        dist = new RewardsDistributor(metis, staking, address(inbox), l2Set, address(this), block.timestamp, ceilings, 5 ether, 1);
        staking.setRewardDistributor(address(dist));
        handler = new RewardsHandler(metis, staking, dist, inbox, l2Set);

        uint256[3] memory locks = [uint256(20_000 ether), 50_000 ether, 100_000 ether];
        uint16[3] memory commissions = [uint16(0), 1000, 3000];
        for (uint256 i; i < 3; ++i) {
            address op = address(uint160(0x0B0 + i));
            staking.setWhitelist(op, true);
            metis.transfer(op, locks[i]);
            vm.startPrank(op);
            metis.approve(address(staking), locks[i]);
            uint256 id = staking.register(address(uint160(0x5160 + i)), locks[i], commissions[i], "");
            vm.stopPrank();
            handler.setOperator(id, op);
        }
        metis.approve(address(dist), type(uint256).max);
        dist.fundMining(200_000 ether);
        dist.depositRevenue(INITIAL_REVENUE);
        metis.transfer(address(handler), 4_000_000 ether);
        vm.prank(address(handler));
        metis.approve(address(dist), type(uint256).max);

        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](18);
        selectors[0] = RewardsHandler.report.selector;
        selectors[1] = RewardsHandler.report.selector;
        selectors[2] = RewardsHandler.report.selector;
        selectors[3] = RewardsHandler.replay.selector;
        selectors[4] = RewardsHandler.fundMining.selector;
        selectors[5] = RewardsHandler.depositRevenue.selector;
        selectors[6] = RewardsHandler.jail.selector;
        selectors[7] = RewardsHandler.unjail.selector;
        selectors[8] = RewardsHandler.warp.selector;
        selectors[9] = RewardsHandler.delegate.selector;
        selectors[10] = RewardsHandler.delegate.selector;
        selectors[11] = RewardsHandler.undelegate.selector;
        selectors[12] = RewardsHandler.claim.selector;
        selectors[13] = RewardsHandler.claimAll.selector;
        selectors[14] = RewardsHandler.compound.selector;
        selectors[15] = RewardsHandler.claimOperator.selector;
        selectors[16] = RewardsHandler.settleOwed.selector;
        selectors[17] = RewardsHandler.bridgeTransfer.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// The handler's actions really happen (guards against a campaign of silent no-ops).
    function test_handlerActionsTakeEffect() public {
        handler.delegate(0, 1, 1_000 ether);
        handler.report(1, 20, 10 ether);
        handler.claim(0, 1);
        handler.report(1, 20, 10 ether);
        handler.compound(0, 1);
        handler.report(1, 20, 10 ether);
        handler.claimAll(0);
        handler.jail(1);
        handler.report(1, 20, 10 ether); // jailed: revenue to the treasury
        handler.replay(0, false);
        handler.replay(0, true);
        handler.undelegate(0, 1, 4);
        assertEq(handler.succeeded("report"), 4);
        assertEq(handler.succeeded("claim"), 1);
        assertEq(handler.succeeded("compound"), 1);
        assertEq(handler.succeeded("claimAll"), 1);
        assertEq(handler.succeeded("undelegate"), 1);
        assertEq(handler.revenueToTreasury(), 10 ether);
        assertEq(dist.nextEpoch(), 5);
        assertEq(handler.violations(), 0);
        invariant_rewardsNeverExceedFunding();
        invariant_positionRoundingBoundedAndInProtocolsFavour();
        // a short epoch is owed, then paid when a plain transfer brings its revenue
        handler.unjail(1);
        handler.report(1, 20, 500 ether);
        handler.report(2, 20, 500 ether);
        handler.report(3, 20, 500 ether);
        assertGt(dist.totalOwed(), 0, "short epochs are owed");
        handler.bridgeTransfer(2_000 ether);
        handler.settleOwed(32);
        assertEq(dist.totalOwed(), 0, "paid when it arrived");
        assertEq(handler.violations(), 0, handler.lastViolation());
        invariant_revenuePaidPerEpochIsRevenueArrivedInOrder();
        invariant_distributorAccounting();
    }

    /// A persisted failing campaign (shrunk): `settleOwed` pays four owed epochs of sequencer 1 in one
    /// transaction, each credited exactly the floor of its operator share; the shortfalls add up to
    /// 2.17 wei (under 1 wei per payment), which a flat per-transaction bound of 2 wei flagged.
    function test_settleOwedPaysOneSequencerSeveralTimes() public {
        handler.report(1200684426605334144027443117926553668902530459115101097767975667, 2630994880489132977888221035186686757761652046531675, type(uint256).max);
        handler.report(1695065380887687617369, 454550608432, 661985964956181114439527558547400922723690569982955);
        handler.delegate(2, 983706, 15975354941752043899497176670403842865905498112001399);
        handler.report(351717057217922318912404226779522270051663296891323241071, 42280299003314792770, 3722415999626447933605295942801043544899178448057268786);
        handler.report(3600, 23586, 15020);
        handler.report(18321, 10000000000000000000000000, 1370);
        handler.report(1699920000, 18790, 19657);
        handler.report(1127579202353225167785, 63498588121832830862915, type(uint256).max - 1);
        handler.depositRevenue(640083478262849775912240792530782222967622819691028650327493961477);
        uint256 before = staking.operatorPendingRewards(1);
        handler.settleOwed(88506338346165358541041547942779542869878564272181851584184727506507180738155);
        assertEq(staking.operatorPendingRewards(1) - before, 92066724700934470176); // 4 floors, exact 92066724700934470178.17
        assertEq(dist.totalOwed(), 0);
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    function invariant_noViolations() public view {
        assertEq(handler.violations(), 0, handler.lastViolation());
    }

    /// Funded = held + paid; nothing leaves the distributor beyond what was funded.
    function invariant_distributorAccounting() public view {
        assertEq(metis.balanceOf(address(dist)), dist.miningBalance() + dist.revenueBalance());
        assertEq(
            dist.totalMiningFunded() + dist.totalRevenueDeposited(),
            dist.miningBalance() + dist.revenueBalance() + dist.totalMiningPaid() + dist.totalRevenuePaid()
        );
        assertEq(dist.totalMiningPaid() + dist.totalRevenuePaid(), handler.distributedToStaking() + handler.revenueToTreasury());
    }

    /// Revenue (docs/MECHANISMS.md §3.2): counted by what arrived (deposits and plain transfers alike); per epoch,
    /// revenue paid never exceeds revenue due; owed epochs are paid in order (an epoch is paid any
    /// revenue only once every earlier epoch was paid in full), so cumulatively the revenue paid to
    /// epochs 1..e never exceeds what arrived, and every epoch before the first short one got exactly
    /// its due; the owed queue holds exactly the unpaid remainder.
    function invariant_revenuePaidPerEpochIsRevenueArrivedInOrder() public view {
        assertEq(dist.totalRevenueDeposited(), handler.revenueArrived() + INITIAL_REVENUE, "arrivals counted");
        uint256 next = dist.nextEpoch();
        bool short;
        uint256 owed;
        uint256 paid;
        for (uint256 e = 1; e < next; ++e) {
            RewardsDistributor.EpochReport memory r = dist.epochReport(e);
            assertLe(r.revenue, r.revenueDue, "never more than due");
            if (short) assertEq(r.revenue, 0, "an epoch is paid only after every earlier one");
            if (r.revenue < r.revenueDue) short = true;
            owed += r.revenueDue - r.revenue;
            paid += r.revenue;
        }
        assertEq(owed, dist.totalOwed(), "owed = unpaid remainder");
        assertEq(paid, dist.totalRevenuePaid());
        assertLe(paid, dist.totalRevenueDeposited(), "never more than arrived");
        assertEq(dist.owedTail() == dist.owedHead(), owed == 0);
        // the queue holds the short epochs in order, the head one partly paid at most
        uint256 queued;
        for (uint256 i = dist.owedHead(); i < dist.owedTail(); ++i) {
            RewardsDistributor.OwedRevenue memory o = dist.owedRevenue(i);
            assertGt(o.remaining, 0);
            if (i > dist.owedHead()) assertEq(dist.epochReport(o.epoch).revenue, 0);
            queued += o.remaining;
        }
        assertEq(queued, owed);
    }

    /// The emission schedule: per-year ceilings and the lifetime cap.
    function invariant_emissionSchedule() public view {
        uint256 sum;
        for (uint256 y = 1; y <= 10; ++y) {
            assertLe(dist.emittedInYear(y), dist.yearCeiling(y));
            sum += dist.emittedInYear(y);
        }
        assertEq(sum, dist.totalMiningPaid());
        assertLe(dist.totalMiningPaid(), dist.LIFETIME_CAP());
    }

    /// Every report applied exactly once, in order: epochs 1..nextEpoch-1 applied, the sum of their
    /// payouts is what the distributor paid.
    function invariant_everyReportAppliedOnce() public view {
        uint256 next = dist.nextEpoch();
        assertEq(next - 1, handler.reports());
        uint256 mining;
        uint256 revenue;
        for (uint256 e = 1; e < next; ++e) {
            RewardsDistributor.EpochReport memory r = dist.epochReport(e);
            assertGt(r.appliedAt, 0);
            mining += r.mining;
            revenue += r.revenue;
        }
        assertFalse(dist.isApplied(next));
        assertEq(mining, dist.totalMiningPaid());
        assertEq(revenue, dist.totalRevenuePaid());
    }

    /// Paid + claimable never exceeds funded: what left staking as rewards plus everything still
    /// claimable is at most what the distributor handed to staking, which the reward reserve covers.
    function invariant_rewardsNeverExceedFunding() public view {
        uint256 claimable;
        for (uint256 id = 1; id <= 3; ++id) {
            claimable += staking.operatorPendingRewards(id);
            for (uint256 i; i < handler.actorCount(); ++i) {
                claimable += staking.pendingRewards(id, handler.actors(i));
            }
        }
        assertLe(handler.rewardsTaken() + claimable, handler.distributedToStaking());
        assertLe(claimable, staking.rewardReserve());
        assertEq(staking.rewardReserve() + handler.rewardsTaken(), handler.distributedToStaking());
    }

    /// The operator (commission + self-lock share) never gets more than its exact entitlement.
    function invariant_operatorNeverAboveExactEntitlement() public view {
        for (uint256 id = 1; id <= 3; ++id) {
            uint256 actual = (handler.operatorTaken(id) + staking.operatorPendingRewards(id)) * 1e18;
            assertLe(actual, handler.operatorExact(id) + handler.reports());
        }
    }

    /// Per position: never more than its exact share (protocol's favour), and short of it by less
    /// than 1 wei per epoch it earned in plus 1 wei per settlement (claim, compound, stake change).
    function invariant_positionRoundingBoundedAndInProtocolsFavour() public view {
        for (uint256 id = 1; id <= 3; ++id) {
            for (uint256 i; i < handler.actorCount(); ++i) {
                address a = handler.actors(i);
                uint256 actual = (handler.taken(id, a) + staking.pendingRewards(id, a)) * 1e18;
                uint256 exact = handler.exactScaled(id, a);
                uint256 epochs = handler.epochsEarned(id, a);
                assertLe(actual, exact + epochs, "never above the exact share");
                assertLe(exact - Math.min(exact, actual), (epochs + handler.settlements(id, a) + 1) * 1e18, "rounding bound");
            }
        }
    }
}
