// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICrossDomainMessenger, IMessageOutbox} from "../bus/BusMessage.sol";
import {ISequencerSetSync} from "../interfaces/ISequencerSetSync.sol";
import {IFeeVault, IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";

/// @title L2 sequencer set and epoch rotation
/// @notice Mirrors the sequencers staked on L1 (synchronised through the message bus, only from the
/// L1 staking contract) and rotates the active sequencer every `epochLength` L2 blocks.
///
/// Selection: each sequencer gets a slot in a Fenwick (binary indexed) tree whose leaves hold its
/// weight: its stake when Active on L1, 0 otherwise (jailed, unlocking and exited sequencers are
/// never picked). `rotate()` draws `r = seed mod totalWeight` and walks the tree to the slot whose
/// cumulative weight range contains `r`: stake-weighted, O(log n) reads; updates are O(log n) writes.
///
/// Randomness: `seed = keccak256(blockhash(block.number - 1), block.prevrandao, epoch number)`. The
/// rotation block's parent is the last block of the previous epoch (a late rotation extends the
/// previous epoch to it), so the seed comes from the previous epoch's chain randomness. The
/// previous epoch's producer has some influence on that block hash; challenges (a later issue) and
/// slashing are the deterrent, as on Metis today.
///
/// Epoch reports: once reward reporting is configured, `rotate()` ending epoch N releases the fee
/// vault's unreleased fees and sends `applyEpochReport(N, sequencerId, blocks, revenue)` through the
/// L2 outbox to the L1 rewards distributor (one message per epoch, in order: outbox nonces are
/// sequential and the distributor applies epoch N only after N - 1). Constant extra gas per rotation.
contract SequencerSet is ISequencerSetSync, Ownable2Step {
    /// @notice A sequencer as known on L2.
    struct SequencerState {
        address signer;
        uint64 version;
        uint8 status;
        uint32 slot;
        uint256 stake;
    }

    /// @notice One epoch: who produces blocks `startBlock..endBlock`. `endBlock` is the planned end
    /// while the epoch is current, and the actual end (extended to the block before the rotation)
    /// once the next epoch started.
    struct Epoch {
        uint64 sequencerId;
        uint64 startBlock;
        uint64 endBlock;
        address signer;
    }

    /// @notice L1 status value that makes a sequencer eligible (`SequencerStaking.SequencerStatus.Active`).
    uint8 public constant STATUS_ACTIVE = 1;

    /// @notice Gas the L1 inbox forwards to `RewardsDistributor.applyEpochReport` (it costs about
    /// half of it; a delivery that runs out is recorded as Failed and can be retried with more gas).
    uint256 public constant REPORT_GAS_LIMIT = 500_000;

    /// @notice The L2 inbox of the message bus.
    ICrossDomainMessenger public immutable inbox;
    /// @notice The L1 staking contract: the only original sender whose syncs are accepted.
    address public l1Staking;
    /// @notice Number of L2 blocks per epoch (applies from the next rotation).
    uint256 public epochLength;
    /// @notice Sum of the weights of all eligible sequencers.
    uint256 public totalWeight;
    /// @notice Number of slots in the selection tree (sequencers ever synchronised).
    uint256 public slotCount;
    /// @notice Number of the current epoch (0 before the first rotation).
    uint256 public currentEpochNumber;
    /// @notice The sequencer id in each slot.
    mapping(uint256 slot => uint256) public sequencerAtSlot;

    /// @notice The fee vault released at each rotation (zero: reward reporting off).
    IFeeVault public feeVault;
    /// @notice The L2 outbox that carries epoch reports to L1.
    IMessageOutbox public reportOutbox;
    /// @notice The L1 rewards distributor that applies epoch reports.
    address public l1RewardsDistributor;

    mapping(uint256 sequencerId => SequencerState) private _sequencers;
    mapping(uint256 node => uint256) private _tree;
    mapping(uint256 epochNumber => Epoch) private _epochs;

    /// @notice The L1 staking address changed.
    event L1StakingUpdated(address indexed l1Staking);
    /// @notice The epoch length changed.
    event EpochLengthUpdated(uint256 epochLength);
    /// @notice The L1 state of a sequencer was applied; `weight` is its selection weight.
    event SequencerSynced(uint256 indexed sequencerId, address indexed signer, uint256 stake, uint8 status, uint256 weight, uint64 version);
    /// @notice A sync older than the applied state was ignored.
    event StaleSyncIgnored(uint256 indexed sequencerId, uint64 version, uint64 currentVersion);
    /// @notice Epoch `epochNumber` started with `sequencerId`.
    event EpochStarted(uint256 indexed epochNumber, uint256 indexed sequencerId, address indexed signer, uint64 startBlock, uint64 endBlock);
    /// @notice Epoch `epochNumber` ended at `endBlock`.
    event EpochEnded(uint256 indexed epochNumber, uint64 endBlock);
    /// @notice Reward reporting was configured (all zero: turned off).
    event RewardReportingUpdated(address indexed feeVault, address indexed outbox, address indexed l1Distributor);
    /// @notice The report of epoch `epochNumber` was sent to L1 as L2 outbox message `nonce`.
    event EpochReported(uint256 indexed epochNumber, uint256 indexed sequencerId, uint256 blocks, uint256 revenue, uint256 nonce);

    /// @notice The caller is not the inbox relaying a message from the L1 staking contract.
    error UnauthorizedSync(address caller);
    /// @notice The current epoch ends at `endBlock`; rotation is possible from the next block.
    error EpochNotEnded(uint64 endBlock);
    /// @notice No sequencer has a positive weight.
    error NoEligibleSequencer();
    /// @notice A parameter is zero.
    error InvalidParameter();
    /// @notice The epoch does not exist.
    error UnknownEpoch(uint256 epochNumber);

    /// @param inbox_ The L2 inbox of the message bus.
    /// @param l1Staking_ The L1 staking contract (may be set later by the owner).
    /// @param owner_ The owner of the parameters (the deploy bootstrap until L2 governance takes over).
    /// @param epochLength_ L2 blocks per epoch.
    constructor(address inbox_, address l1Staking_, address owner_, uint256 epochLength_) Ownable(owner_) {
        if (inbox_ == address(0) || epochLength_ == 0 || epochLength_ > type(uint32).max) revert InvalidParameter();
        inbox = ICrossDomainMessenger(inbox_);
        l1Staking = l1Staking_;
        epochLength = epochLength_;
        emit L1StakingUpdated(l1Staking_);
        emit EpochLengthUpdated(epochLength_);
    }

    /// @notice Sets the L1 staking contract whose syncs are accepted. Only the owner.
    /// @param l1Staking_ The L1 staking contract.
    function setL1Staking(address l1Staking_) external onlyOwner {
        if (l1Staking_ == address(0)) revert InvalidParameter();
        l1Staking = l1Staking_;
        emit L1StakingUpdated(l1Staking_);
    }

    /// @notice Configures epoch reports: the fee vault released at each rotation, the L2 outbox and
    /// the L1 rewards distributor. All three zero turns reporting off. Only the owner. Epochs that end
    /// while reporting is off are never reported; the distributor's first expected epoch must be the
    /// first one that ends after this call.
    /// @param feeVault_ The L2 fee vault.
    /// @param outbox_ The L2 outbox of the message bus.
    /// @param l1Distributor_ The L1 rewards distributor.
    function setRewardReporting(address feeVault_, address outbox_, address l1Distributor_) external onlyOwner {
        bool off = feeVault_ == address(0) && outbox_ == address(0) && l1Distributor_ == address(0);
        if (!off && (feeVault_ == address(0) || outbox_ == address(0) || l1Distributor_ == address(0))) {
            revert InvalidParameter();
        }
        feeVault = IFeeVault(feeVault_);
        reportOutbox = IMessageOutbox(outbox_);
        l1RewardsDistributor = l1Distributor_;
        emit RewardReportingUpdated(feeVault_, outbox_, l1Distributor_);
    }

    /// @notice Sets the epoch length in L2 blocks (applies from the next rotation). Only the owner.
    /// @param epochLength_ New length (1 to 2^32 - 1).
    function setEpochLength(uint256 epochLength_) external onlyOwner {
        if (epochLength_ == 0 || epochLength_ > type(uint32).max) revert InvalidParameter();
        epochLength = epochLength_;
        emit EpochLengthUpdated(epochLength_);
    }

    /// @inheritdoc ISequencerSetSync
    function syncSequencer(uint256 sequencerId, address signer, uint256 stake, uint8 status, uint64 version) external {
        if (msg.sender != address(inbox) || inbox.xDomainMessageSender() != l1Staking || l1Staking == address(0)) {
            revert UnauthorizedSync(msg.sender);
        }
        SequencerState storage s = _sequencers[sequencerId];
        if (version <= s.version) {
            emit StaleSyncIgnored(sequencerId, version, s.version);
            return;
        }
        uint256 oldWeight = s.status == STATUS_ACTIVE ? s.stake : 0;
        uint256 newWeight = status == STATUS_ACTIVE ? stake : 0;
        uint256 slot = s.slot;
        if (slot == 0) {
            slot = _append(newWeight);
            s.slot = SafeCast.toUint32(slot);
            sequencerAtSlot[slot] = sequencerId;
        } else if (newWeight > oldWeight) {
            _add(slot, newWeight - oldWeight);
        } else if (newWeight < oldWeight) {
            _sub(slot, oldWeight - newWeight);
        }
        totalWeight = totalWeight - oldWeight + newWeight;
        s.signer = signer;
        s.version = version;
        s.status = status;
        s.stake = stake;
        emit SequencerSynced(sequencerId, signer, stake, status, newWeight, version);
    }

    /// @notice Ends the current epoch (if its last block has passed), reports it to L1 when reward
    /// reporting is configured, and starts the next with a sequencer drawn by stake-weighted random
    /// selection. Anyone may call.
    /// @return epochNumber The new epoch's number.
    /// @return sequencerId The chosen sequencer.
    function rotate() external returns (uint256 epochNumber, uint256 sequencerId) {
        uint256 current = currentEpochNumber;
        uint256 endedSequencer;
        uint256 endedBlocks;
        if (current != 0) {
            Epoch storage prev = _epochs[current];
            uint64 end = prev.endBlock;
            if (block.number <= end) revert EpochNotEnded(end);
            if (block.number - 1 > end) {
                end = uint64(block.number - 1);
                prev.endBlock = end;
            }
            emit EpochEnded(current, end);
            endedSequencer = prev.sequencerId;
            endedBlocks = end - prev.startBlock + 1;
        }
        uint256 total = totalWeight;
        if (total == 0) revert NoEligibleSequencer();
        epochNumber = current + 1;
        uint256 seed = uint256(keccak256(abi.encode(blockhash(block.number - 1), block.prevrandao, epochNumber)));
        sequencerId = sequencerAtSlot[_find(seed % total)];
        address signer = _sequencers[sequencerId].signer;
        uint64 start = uint64(block.number);
        uint64 endBlock = start + SafeCast.toUint64(epochLength) - 1;
        _epochs[epochNumber] = Epoch({sequencerId: SafeCast.toUint64(sequencerId), startBlock: start, endBlock: endBlock, signer: signer});
        currentEpochNumber = epochNumber;
        emit EpochStarted(epochNumber, sequencerId, signer, start, endBlock);
        address distributor = l1RewardsDistributor;
        if (current != 0 && distributor != address(0)) _report(current, endedSequencer, endedBlocks, distributor);
    }

    /// @dev Releases the vault's fees and sends the report of the epoch that just ended (last, after
    /// every state change of the rotation; the vault and outbox are set by the owner).
    function _report(uint256 epochNumber, uint256 sequencerId, uint256 blocks, address distributor) private {
        uint256 revenue = feeVault.release();
        uint256 nonce = reportOutbox.sendMessage(
            distributor,
            abi.encodeCall(IRewardsDistributor.applyEpochReport, (epochNumber, sequencerId, blocks, revenue)),
            REPORT_GAS_LIMIT
        );
        emit EpochReported(epochNumber, sequencerId, blocks, revenue, nonce);
    }

    // ------------------------------------------------------------------ views

    /// @notice The current epoch and its number (number 0 and an empty epoch before the first rotation).
    function currentEpoch() external view returns (uint256 epochNumber, Epoch memory epoch) {
        epochNumber = currentEpochNumber;
        epoch = _epochs[epochNumber];
    }

    /// @notice Epoch `epochNumber` (1..currentEpochNumber).
    function getEpoch(uint256 epochNumber) external view returns (Epoch memory) {
        if (epochNumber == 0 || epochNumber > currentEpochNumber) revert UnknownEpoch(epochNumber);
        return _epochs[epochNumber];
    }

    /// @notice First block at which `rotate()` succeeds (0 before the first rotation: any block).
    function nextRotationBlock() external view returns (uint256) {
        uint256 current = currentEpochNumber;
        return current == 0 ? 0 : uint256(_epochs[current].endBlock) + 1;
    }

    /// @notice The L2 view of sequencer `sequencerId`.
    function getSequencer(uint256 sequencerId) external view returns (SequencerState memory) {
        return _sequencers[sequencerId];
    }

    /// @notice Selection weight of sequencer `sequencerId` (its stake if Active, else 0).
    function weightOf(uint256 sequencerId) public view returns (uint256) {
        SequencerState storage s = _sequencers[sequencerId];
        return s.status == STATUS_ACTIVE ? s.stake : 0;
    }

    /// @notice Whether sequencer `sequencerId` can be picked by the next rotation.
    function isEligible(uint256 sequencerId) external view returns (bool) {
        return weightOf(sequencerId) > 0;
    }

    /// @notice The sequencer a draw of `r` (< totalWeight) selects; `rotate` uses it with its seed.
    function sequencerForDraw(uint256 r) external view returns (uint256) {
        if (r >= totalWeight) revert NoEligibleSequencer();
        return sequencerAtSlot[_find(r)];
    }

    // ------------------------------------------------------------------ Fenwick tree

    /// @dev Appends a slot with `weight`; its node sums its own weight and the nodes it covers.
    function _append(uint256 weight) private returns (uint256 slot) {
        slot = slotCount + 1;
        slotCount = slot;
        uint256 sum = weight;
        uint256 lowest = slot - (slot & (~slot + 1));
        for (uint256 i = slot - 1; i > lowest; i -= i & (~i + 1)) {
            sum += _tree[i];
        }
        _tree[slot] = sum;
    }

    function _add(uint256 slot, uint256 delta) private {
        uint256 n = slotCount;
        for (uint256 i = slot; i <= n; i += i & (~i + 1)) {
            _tree[i] += delta;
        }
    }

    function _sub(uint256 slot, uint256 delta) private {
        uint256 n = slotCount;
        for (uint256 i = slot; i <= n; i += i & (~i + 1)) {
            _tree[i] -= delta;
        }
    }

    /// @dev The slot whose cumulative range [prefix(slot-1), prefix(slot)) contains `r`.
    function _find(uint256 r) private view returns (uint256) {
        uint256 n = slotCount;
        uint256 step = 1;
        while (step <= n >> 1) step <<= 1;
        uint256 pos;
        for (; step > 0; step >>= 1) {
            uint256 next = pos + step;
            if (next <= n) {
                uint256 w = _tree[next];
                if (w <= r) {
                    pos = next;
                    r -= w;
                }
            }
        }
        return pos + 1;
    }
}
