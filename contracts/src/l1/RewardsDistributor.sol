// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICrossDomainMessenger} from "../bus/BusMessage.sol";
import {IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {SequencerStaking} from "./SequencerStaking.sol";

/// @title L1 rewards distributor: mining reserve, revenue escrow and epoch reward distribution
/// @notice Applies the L2 epoch reports (sent by the L2 sequencer set through the message bus)
/// exactly once and in epoch order, and pays each epoch's rewards to its sequencer through
/// `SequencerStaking.distributeReward` (which splits commission and the stakers' part).
///
/// - Mining: `rewardPerBlock` × blocks, from the mining reserve (funded with the community-mining
///   allocation through `fundMining`). The emission schedule caps what leaves the reserve: ten
///   emission years of 365 days from `emissionStart`, each with a ceiling (the ceilings sum to at
///   most `LIFETIME_CAP` = 5,000,000 METIS), nothing before the start or after year ten. An epoch is
///   counted in the emission year in which its report is applied. When the due amount does not fit
///   (ceiling, lifetime cap, or reserve balance), the epoch pays what fits and `MiningShortfall` says so.
/// - Revenue (docs/MECHANISMS.md §3.2): the L2 fees the fee vault released for the epoch. Revenue is counted by
///   what this contract holds: every METIS it holds beyond the mining reserve is revenue, however it
///   arrived (in production the native bridge delivers the fee vault's withdrawals as a plain
///   transfer; `depositRevenue` is a convenience with an event; locally the deploy pre-funds it as the
///   L1 lockbox). When an epoch's revenue has not (all) arrived when its report is applied, the epoch
///   pays what is there (`RevenueShortfall`) and the rest is owed: it joins a FIFO of owed epochs
///   and is paid, oldest epoch first, from revenue that arrives later (`OwedRevenuePaid`). A later
///   epoch is paid revenue only once every earlier epoch was paid in full, so each epoch's revenue
///   reaches that epoch's sequencer and never another's. Each report first settles at most
///   `MAX_SETTLE_PER_REPORT` owed epochs; anyone can settle more with `settleOwed(maxEpochs)`.
/// - A report never reverts because of the sequencer's status (that would hold up every later bus
///   message): if the sequencer is not Active on L1 (jailed, unlocking, exited), no mining is
///   released (it stays in the reserve) and the epoch's revenue goes to the staking treasury;
///   `EpochRewarded(..., paidToSequencer = false)` says so.
///
/// Accounting: `miningBalance + revenueBalance()` is this contract's METIS; `totalRevenueDeposited()`
/// (revenue arrived, by any route) `= revenueBalance() + totalRevenuePaid`; per epoch, revenue paid
/// never exceeds revenue due, and `totalOwed` is what applied epochs are still due.
contract RewardsDistributor is IRewardsDistributor, Ownable2Step {
    using SafeERC20 for IERC20;

    /// @notice What was applied for one epoch.
    struct EpochReport {
        uint64 sequencerId;
        uint64 blocks;
        uint64 appliedAt;
        bool paidToSequencer;
        uint128 mining;
        uint128 revenue;
        uint128 revenueDue;
    }

    /// @notice An epoch whose revenue has not all arrived: `remaining` METIS still due, to the
    /// sequencer's stakers if `toSequencer` (it was Active when the report was applied and still is
    /// at payment), else to the staking treasury.
    struct OwedRevenue {
        uint64 epoch;
        uint64 sequencerId;
        bool toSequencer;
        uint120 remaining;
    }

    /// @notice Number of emission years.
    uint256 public constant EMISSION_YEARS = 10;
    /// @notice Length of an emission year.
    uint256 public constant YEAR = 365 days;
    /// @notice Most METIS the mining reserve may ever pay out.
    uint256 public constant LIFETIME_CAP = 5_000_000 ether;
    /// @notice Upper bound of `rewardPerBlock`.
    uint256 public constant MAX_REWARD_PER_BLOCK = 1_000 ether;
    /// @notice Owed epochs a report settles before its own (bounds the report's gas).
    uint256 public constant MAX_SETTLE_PER_REPORT = 1;
    /// @notice Largest `settleOwed` batch.
    uint256 public constant MAX_SETTLE_BATCH = 32;

    /// @notice METIS.
    IERC20 public immutable metis;
    /// @notice The staking contract that receives the rewards.
    SequencerStaking public immutable staking;
    /// @notice The L1 inbox of the message bus (the only caller of `applyEpochReport`).
    ICrossDomainMessenger public immutable inbox;
    /// @notice The L2 sequencer set (the only accepted original sender of reports).
    address public immutable l2SequencerSet;
    /// @notice Start of emission year 1 (unix seconds).
    uint256 public immutable emissionStart;

    /// @notice METIS paid per L2 block produced (mining), in wei.
    uint256 public rewardPerBlock;
    /// @notice The only epoch whose report can be applied next.
    uint256 public nextEpoch;
    /// @notice METIS in the mining reserve.
    uint256 public miningBalance;
    /// @notice METIS ever put into the mining reserve.
    uint256 public totalMiningFunded;
    /// @notice Mining METIS paid out (all epochs).
    uint256 public totalMiningPaid;
    /// @notice Revenue METIS paid out (all epochs; to sequencers and, for non-active ones, the treasury).
    uint256 public totalRevenuePaid;
    /// @notice Mining METIS paid in emission year `year` (1..10).
    mapping(uint256 year => uint256) public emittedInYear;
    /// @notice Revenue METIS applied epochs are still due (sum of the owed queue).
    uint256 public totalOwed;
    /// @notice Queue position of the oldest owed epoch (`owedHead == owedTail`: nothing owed).
    uint256 public owedHead;
    /// @notice Queue position the next owed epoch gets.
    uint256 public owedTail;

    uint256[EMISSION_YEARS] private _ceilings;
    mapping(uint256 epoch => EpochReport) private _reports;
    mapping(uint256 index => OwedRevenue) private _owedQueue;

    /// @notice `from` added `amount` METIS to the mining reserve.
    event MiningFunded(address indexed from, uint256 amount);
    /// @notice `from` added `amount` METIS to the revenue escrow.
    event RevenueDeposited(address indexed from, uint256 amount);
    /// @notice `rewardPerBlock` changed.
    event RewardPerBlockUpdated(uint256 rewardPerBlock);
    /// @notice Epoch `epoch` of `sequencerId` (`blocks` L2 blocks) was applied: `mining` and `revenue`
    /// METIS paid; to the sequencer's stakers if `paidToSequencer`, else (sequencer not Active) no
    /// mining and the revenue to the treasury.
    event EpochRewarded(
        uint256 indexed epoch, uint256 indexed sequencerId, uint256 blocks, uint256 mining, uint256 revenue, bool paidToSequencer
    );
    /// @notice Epoch `epoch` was due `due` METIS of mining and got `paid` (ceiling, cap or reserve).
    event MiningShortfall(uint256 indexed epoch, uint256 due, uint256 paid);
    /// @notice Epoch `epoch` was due `due` METIS of revenue and got `paid` when applied; the rest is
    /// owed and paid in epoch order as revenue arrives (`OwedRevenuePaid`).
    event RevenueShortfall(uint256 indexed epoch, uint256 due, uint256 paid);
    /// @notice `amount` METIS of revenue owed to epoch `epoch` was paid (to the sequencer's stakers if
    /// `paidToSequencer`, else to the staking treasury); `remaining` is still owed to it.
    event OwedRevenuePaid(
        uint256 indexed epoch, uint256 indexed sequencerId, uint256 amount, uint256 remaining, bool paidToSequencer
    );

    /// @notice The caller is not the L1 inbox.
    error NotInbox(address caller);
    /// @notice The message's original sender is not the L2 sequencer set.
    error NotL2SequencerSet(address sender);
    /// @notice Epoch `epoch` was already applied (`nextEpoch` is past it).
    error EpochAlreadyApplied(uint256 epoch);
    /// @notice Epoch `epoch` comes after `expected`, which must be applied first.
    error EpochOutOfOrder(uint256 epoch, uint256 expected);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice An address parameter is zero.
    error ZeroAddress();
    /// @notice The year ceilings sum to `total`, above `LIFETIME_CAP`.
    error ScheduleAboveCap(uint256 total);
    /// @notice `rewardPerBlock` above `MAX_REWARD_PER_BLOCK`.
    error RewardPerBlockTooHigh(uint256 rewardPerBlock);
    /// @notice The `settleOwed` batch is zero or above `MAX_SETTLE_BATCH`.
    error InvalidSettleBatch(uint256 maxEpochs);

    /// @param metis_ METIS.
    /// @param staking_ The staking contract.
    /// @param inbox_ The L1 inbox of the message bus.
    /// @param l2SequencerSet_ The L2 sequencer set.
    /// @param owner_ The owner (the L1 governance executor).
    /// @param emissionStart_ Start of emission year 1 (unix seconds).
    /// @param ceilings_ Mining ceiling of each emission year (sum at most `LIFETIME_CAP`).
    /// @param rewardPerBlock_ Initial mining reward per L2 block.
    /// @param firstEpoch The first epoch whose report is expected (1 when the L2 set is new).
    constructor(
        IERC20 metis_,
        SequencerStaking staking_,
        address inbox_,
        address l2SequencerSet_,
        address owner_,
        uint256 emissionStart_,
        uint256[EMISSION_YEARS] memory ceilings_,
        uint256 rewardPerBlock_,
        uint256 firstEpoch
    ) Ownable(owner_) {
        if (address(metis_) == address(0) || address(staking_) == address(0) || inbox_ == address(0)) revert ZeroAddress();
        if (l2SequencerSet_ == address(0)) revert ZeroAddress();
        if (rewardPerBlock_ > MAX_REWARD_PER_BLOCK) revert RewardPerBlockTooHigh(rewardPerBlock_);
        uint256 total;
        for (uint256 i; i < EMISSION_YEARS; ++i) {
            total += ceilings_[i];
        }
        if (total > LIFETIME_CAP) revert ScheduleAboveCap(total);
        metis = metis_;
        staking = staking_;
        inbox = ICrossDomainMessenger(inbox_);
        l2SequencerSet = l2SequencerSet_;
        emissionStart = emissionStart_;
        _ceilings = ceilings_;
        rewardPerBlock = rewardPerBlock_;
        nextEpoch = firstEpoch == 0 ? 1 : firstEpoch;
        emit RewardPerBlockUpdated(rewardPerBlock_);
    }

    // ------------------------------------------------------------------ funding

    /// @notice Adds `amount` METIS (pulled from the caller) to the mining reserve. Anyone.
    /// @param amount METIS, in wei.
    function fundMining(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        miningBalance += amount;
        totalMiningFunded += amount;
        emit MiningFunded(msg.sender, amount);
        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Adds `amount` METIS (pulled from the caller) to the revenue escrow. Anyone. A plain
    /// transfer (what the native bridge delivers of the L2 fee vault's withdrawals) counts the same;
    /// this only adds an event.
    /// @param amount METIS, in wei.
    function depositRevenue(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        emit RevenueDeposited(msg.sender, amount);
        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Pays owed epochs, oldest first, from the revenue held (at most `maxEpochs` queue
    /// entries, each paid in full or with all that is held). Anyone.
    /// @param maxEpochs Queue entries to look at (1..`MAX_SETTLE_BATCH`).
    /// @return paid Revenue METIS paid.
    function settleOwed(uint256 maxEpochs) external returns (uint256 paid) {
        if (maxEpochs == 0 || maxEpochs > MAX_SETTLE_BATCH) revert InvalidSettleBatch(maxEpochs);
        return _settleOwed(maxEpochs);
    }

    /// @notice Sets the mining reward per L2 block (applies to reports applied from now). Only governance.
    /// @param value METIS per block, in wei (at most `MAX_REWARD_PER_BLOCK`).
    function setRewardPerBlock(uint256 value) external onlyOwner {
        if (value > MAX_REWARD_PER_BLOCK) revert RewardPerBlockTooHigh(value);
        rewardPerBlock = value;
        emit RewardPerBlockUpdated(value);
    }

    // ------------------------------------------------------------------ epoch reports

    /// @inheritdoc IRewardsDistributor
    /// @dev Only the L1 inbox, relaying a message of the L2 sequencer set; `epoch` must be `nextEpoch`
    /// (otherwise the bus records the message as Failed and it can be retried in order).
    function applyEpochReport(uint256 epoch, uint256 sequencerId, uint256 blocks, uint256 revenue) external {
        if (msg.sender != address(inbox)) revert NotInbox(msg.sender);
        address sender = inbox.xDomainMessageSender();
        if (sender != l2SequencerSet) revert NotL2SequencerSet(sender);
        uint256 expected = nextEpoch;
        if (epoch < expected) revert EpochAlreadyApplied(epoch);
        if (epoch > expected) revert EpochOutOfOrder(epoch, expected);
        nextEpoch = expected + 1;

        // Older epochs first (bounded); this epoch's revenue is paid only if none is still owed. (Before
        // mining is released: released mining is still held until it is sent.)
        _settleOwed(MAX_SETTLE_PER_REPORT);
        uint256 revenuePaid = owedHead == owedTail ? Math.min(revenue, revenueBalance()) : 0;
        bool active = staking.statusOf(sequencerId) == SequencerStaking.SequencerStatus.Active;
        uint256 mining;
        if (active) {
            uint256 due = rewardPerBlock * blocks;
            mining = _releaseMining(due);
            if (mining < due) emit MiningShortfall(epoch, due, mining);
        }
        if (revenuePaid < revenue) {
            emit RevenueShortfall(epoch, revenue, revenuePaid);
            uint256 owed = revenue - revenuePaid;
            totalOwed += owed;
            _owedQueue[owedTail++] = OwedRevenue({
                epoch: SafeCast.toUint64(epoch),
                sequencerId: SafeCast.toUint64(sequencerId),
                toSequencer: active,
                remaining: SafeCast.toUint120(owed)
            });
        }
        totalRevenuePaid += revenuePaid;
        _reports[epoch] = EpochReport({
            sequencerId: SafeCast.toUint64(sequencerId),
            blocks: SafeCast.toUint64(blocks),
            appliedAt: uint64(block.timestamp),
            paidToSequencer: active,
            mining: SafeCast.toUint128(mining),
            revenue: SafeCast.toUint128(revenuePaid),
            revenueDue: SafeCast.toUint128(revenue)
        });
        emit EpochRewarded(epoch, sequencerId, blocks, mining, revenuePaid, active);

        if (active) {
            uint256 amount = mining + revenuePaid;
            if (amount > 0) {
                metis.forceApprove(address(staking), amount);
                staking.distributeReward(sequencerId, amount);
            }
        } else if (revenuePaid > 0) {
            metis.safeTransfer(staking.treasury(), revenuePaid);
        }
    }

    /// @dev Pays up to `maxEntries` owed queue entries from the head, each with what is held; stops at
    /// the first entry it cannot pay in full (later epochs wait for it).
    function _settleOwed(uint256 maxEntries) private returns (uint256 paid) {
        uint256 head = owedHead;
        uint256 tail = owedTail;
        for (uint256 i; i < maxEntries && head < tail; ++i) {
            uint256 held = revenueBalance();
            if (held == 0) break;
            OwedRevenue storage o = _owedQueue[head];
            uint256 remaining = o.remaining;
            uint256 amount = Math.min(remaining, held);
            remaining -= amount;
            uint256 epoch = o.epoch;
            uint256 sequencerId = o.sequencerId;
            bool toSequencer = o.toSequencer
                && staking.statusOf(sequencerId) == SequencerStaking.SequencerStatus.Active;
            if (remaining == 0) {
                delete _owedQueue[head];
                ++head;
            } else {
                o.remaining = uint120(remaining);
            }
            totalOwed -= amount;
            totalRevenuePaid += amount;
            _reports[epoch].revenue += uint128(amount);
            paid += amount;
            emit OwedRevenuePaid(epoch, sequencerId, amount, remaining, toSequencer);
            if (toSequencer) {
                metis.forceApprove(address(staking), amount);
                staking.distributeReward(sequencerId, amount);
            } else {
                metis.safeTransfer(staking.treasury(), amount);
            }
            if (remaining != 0) break;
        }
        owedHead = head;
    }

    /// @dev Takes from the reserve what of `due` fits under this year's ceiling, the lifetime cap and
    /// the reserve balance, and books it.
    function _releaseMining(uint256 due) private returns (uint256 paid) {
        uint256 year = currentYear();
        if (due == 0 || year == 0 || year > EMISSION_YEARS) return 0;
        uint256 emitted = emittedInYear[year];
        uint256 paidSoFar = totalMiningPaid;
        paid = Math.min(due, _ceilings[year - 1] - emitted);
        paid = Math.min(paid, LIFETIME_CAP - paidSoFar);
        paid = Math.min(paid, miningBalance);
        if (paid > 0) {
            emittedInYear[year] = emitted + paid;
            totalMiningPaid = paidSoFar + paid;
            miningBalance -= paid;
        }
    }

    // ------------------------------------------------------------------ views

    /// @notice The current emission year: 0 before `emissionStart`, 1..10 during the schedule, 11 and
    /// more after it (nothing is emitted outside 1..10).
    function currentYear() public view returns (uint256) {
        if (block.timestamp < emissionStart) return 0;
        return (block.timestamp - emissionStart) / YEAR + 1;
    }

    /// @notice Mining ceiling of emission year `year` (0 outside 1..10).
    function yearCeiling(uint256 year) public view returns (uint256) {
        if (year == 0 || year > EMISSION_YEARS) return 0;
        return _ceilings[year - 1];
    }

    /// @notice Every year's ceiling (index 0 is year 1).
    function yearCeilings() external view returns (uint256[EMISSION_YEARS] memory) {
        return _ceilings;
    }

    /// @notice Mining that could still be paid now: the least of this year's room, the lifetime
    /// room and the reserve balance.
    function miningAvailable() external view returns (uint256) {
        uint256 year = currentYear();
        if (year == 0 || year > EMISSION_YEARS) return 0;
        uint256 room = Math.min(_ceilings[year - 1] - emittedInYear[year], LIFETIME_CAP - totalMiningPaid);
        return Math.min(room, miningBalance);
    }

    /// @notice What was applied for epoch `epoch` (all zero if not applied yet).
    function epochReport(uint256 epoch) external view returns (EpochReport memory) {
        return _reports[epoch];
    }

    /// @notice Revenue METIS held and not yet paid: everything beyond the mining reserve, however it
    /// arrived (plain transfers from the native bridge included).
    function revenueBalance() public view returns (uint256) {
        return metis.balanceOf(address(this)) - miningBalance;
    }

    /// @notice Revenue METIS that ever arrived (held now or paid out).
    function totalRevenueDeposited() external view returns (uint256) {
        return revenueBalance() + totalRevenuePaid;
    }

    /// @notice Owed queue entry at position `index` (all zero once paid).
    function owedRevenue(uint256 index) external view returns (OwedRevenue memory) {
        return _owedQueue[index];
    }

    /// @notice Whether epoch `epoch`'s report was applied.
    function isApplied(uint256 epoch) external view returns (bool) {
        return _reports[epoch].appliedAt != 0;
    }
}
