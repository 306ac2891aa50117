// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ICrossDomainMessenger, IMessageOutbox} from "../bus/BusMessage.sol";
import {ISequencerSetSync} from "../interfaces/ISequencerSetSync.sol";
import {IFeeVault, IRewardsDistributor} from "../interfaces/IRewardsDistributor.sol";
import {IRandomnessBeacon, ISequencerSetBeacon} from "../interfaces/IRandomnessBeacon.sol";

/// @notice What the sequencer set asks the challenge contract before it reports an epoch.
interface IEpochChallenges {
    /// @notice L2 blocks after an epoch's end during which it may be challenged.
    function challengeWindow() external view returns (uint256);
    /// @notice Whether epoch `epochNumber` has an open challenge, and whether one was upheld.
    function contested(uint256 epochNumber) external view returns (bool open, bool upheld);
}

/// @title L2 sequencer set and epoch rotation
/// @notice Mirrors the sequencers staked on L1 (synchronised through the message bus, only from the
/// L1 staking contract) and rotates the active sequencer every `epochLength` L2 blocks.
///
/// Selection: each sequencer gets a slot in a Fenwick (binary indexed) tree whose leaves hold its
/// weight: its stake when Active on L1, 0 otherwise (jailed, unlocking and exited sequencers are
/// never picked). `rotate()` draws `r = seed mod totalWeight` and walks the tree to the slot whose
/// cumulative weight range contains `r`: stake-weighted, O(log n) reads; updates are O(log n) writes.
///
/// Randomness (docs/MECHANISMS.md §4.5): nothing the producing sequencer makes (block hashes, L2 `prevrandao`,
/// timestamps, which transactions come first) enters the draw. Each rotation N asks the L1
/// `RandomnessBeacon`, through the bus, for epoch N + 1's randomness; the beacon fixes it from the
/// `prevrandao` of the L1 block in which the committee executes that request, and sends it back.
/// Rotation N + 1 uses exactly that value (no fallback: a rotation waits for it), and draws over the
/// weights as they stood at rotation N, when the request left (`_era` versions the tree: each node
/// keeps its value from the start of the era). So when the outcome becomes knowable it is already
/// fixed; the producer can only delay it. A late beacon (a stalled bus) holds the rotation back; the
/// sitting sequencer keeps producing, is paid for at most `epochLength` blocks, and the draw is the
/// same whenever it happens. The first epoch's request is sent by `requestFirstBeacon`.
///
/// Rotation: from the block after an epoch's planned end, its sequencer or a rotation keeper may
/// rotate; once `rotationGracePeriod` blocks have passed after the end, anyone may. An epoch pays at
/// most its planned `epochLength` blocks however late it is rotated.
///
/// Epoch reports: once reward reporting is configured, `rotate()` ending epoch N releases the fee
/// vault's unreleased fees into epoch N's report and holds it while N may still be challenged
/// (docs/MECHANISMS.md §4.5): until `challenges.challengeWindow()` blocks after its end, and while a
/// challenge of it is open. Then `applyEpochReport(N, sequencerId, blocks, revenue)` goes through the
/// L2 outbox to the L1 rewards distributor (one message per epoch, in order: outbox nonces are
/// sequential and the distributor applies epoch N only after N - 1). An epoch with an upheld
/// challenge is reported for sequencer 0: the offender is not paid for it, its mining stays in the
/// reserve and its revenue goes to the treasury. Each rotation sends up to `MAX_REPORTS_PER_CALL`
/// ready reports; `flushReports` sends them too, for anyone. Without a challenge contract an epoch is
/// reported at the rotation that ends it.
contract SequencerSet is ISequencerSetSync, ISequencerSetBeacon, Ownable2Step {
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
    /// @notice Most epoch reports one call sends (`rotate`, `flushReports`).
    uint256 public constant MAX_REPORTS_PER_CALL = 4;
    /// @notice Gas the L1 inbox forwards to `RandomnessBeacon.requestRandomness` (it costs about 60,000).
    uint256 public constant BEACON_REQUEST_GAS_LIMIT = 200_000;

    /// @notice The beacon of one epoch's draw, as known on L2 (`beaconOf`).
    struct Beacon {
        bool requested;
        bool received;
        uint64 l1BlockNumber;
        bytes32 randomness;
    }

    /// @dev What is stored of a received beacon (requested is implied: see `_isRequested`).
    struct StoredBeacon {
        bool received;
        uint64 l1BlockNumber;
        bytes32 randomness;
    }

    /// @dev The start of the current era: the weights the next draw uses, and the era's number.
    struct Snapshot {
        uint112 totalWeight;
        uint32 slotCount;
        uint32 era;
    }

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
    /// @notice The L2 outbox that carries beacon requests to L1 (zero: not configured, no rotation).
    IMessageOutbox public beaconOutbox;
    /// @notice The L1 randomness beacon: the only original sender whose beacons are accepted.
    address public l1Beacon;
    /// @notice L2 blocks after an epoch's end during which only its sequencer or a keeper may rotate.
    uint256 public rotationGracePeriod;
    /// @notice Accounts that may rotate during the grace period (the committee's keepers).
    mapping(address account => bool) public isRotationKeeper;

    /// @dev A tree node: its live value, its value at the start of era `era` (when it was first
    /// written in that era), and that era. 112 bits hold far more than the METIS supply.
    struct Node {
        uint112 value;
        uint112 prev;
        uint32 era;
    }

    mapping(uint256 node => Node) private _tree;
    /// @dev A new era starts whenever a beacon request leaves; the next draw reads the tree as of then.
    Snapshot private _snap;
    mapping(uint256 epochNumber => StoredBeacon) private _beacons;
    mapping(uint256 epochNumber => Epoch) private _epochs;

    /// @dev An ended epoch's report, held until it can no longer be challenged.
    struct HeldReport {
        uint64 sequencerId;
        uint64 blocks;
        uint128 revenue;
    }

    /// @notice The challenge contract whose window and outcomes hold reports back (zero: none).
    IEpochChallenges public challenges;
    /// @notice The next epoch to report (epochs before it are reported or were never to be).
    uint256 public nextReportEpoch;
    mapping(uint256 epochNumber => HeldReport) private _held;

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
    /// @notice Beacon requests go through `outbox` to `l1Beacon`.
    event RandomnessBeaconUpdated(address indexed outbox, address indexed l1Beacon);
    /// @notice The rotation grace period changed.
    event RotationGracePeriodUpdated(uint256 blocks);
    /// @notice `account` was made (or no longer is) a rotation keeper.
    event RotationKeeperUpdated(address indexed account, bool allowed);
    /// @notice The challenge contract changed.
    event ChallengesUpdated(address indexed challenges);
    /// @notice The randomness for epoch `epochNumber` was requested from L1 (outbox message `nonce`).
    event BeaconRequested(uint256 indexed epochNumber, uint256 nonce);
    /// @notice The randomness for epoch `epochNumber` arrived, taken at L1 block `l1BlockNumber`.
    event BeaconReceived(uint256 indexed epochNumber, uint256 l1BlockNumber, bytes32 randomness);
    /// @notice A beacon for an epoch that is not awaited (already received, or not requested) was ignored.
    event BeaconIgnored(uint256 indexed epochNumber);

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
    /// @notice The caller is not the inbox relaying a message from the L1 randomness beacon.
    error UnauthorizedBeacon(address caller);
    /// @notice The randomness for epoch `epochNumber` has not arrived from L1 yet.
    error BeaconPending(uint256 epochNumber);
    /// @notice Until block `anyoneFrom` only the epoch's sequencer or a rotation keeper may rotate.
    error RotationReserved(uint256 anyoneFrom);
    /// @notice The first beacon was already requested (or the first epoch has started).
    error FirstBeaconAlreadyRequested();
    /// @notice No beacon outbox and L1 beacon are configured.
    error RandomnessNotConfigured();

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
        uint256 current = currentEpochNumber;
        nextReportEpoch = current == 0 ? 1 : current;
        emit RewardReportingUpdated(feeVault_, outbox_, l1Distributor_);
    }

    /// @notice Sets the challenge contract whose window and outcomes hold epoch reports back (zero:
    /// reports leave at the rotation). Only the owner.
    /// @param challenges_ The challenge contract.
    function setChallenges(address challenges_) external onlyOwner {
        challenges = IEpochChallenges(challenges_);
        emit ChallengesUpdated(challenges_);
    }

    /// @notice Sends the reports of ended epochs that can no longer be challenged, in order, up to
    /// `MAX_REPORTS_PER_CALL`. Anyone.
    /// @return sent How many were sent.
    function flushReports() external returns (uint256 sent) {
        return _flush();
    }

    /// @notice Sets the epoch length in L2 blocks (applies from the next rotation). Only the owner.
    /// @param epochLength_ New length (1 to 2^32 - 1).
    function setEpochLength(uint256 epochLength_) external onlyOwner {
        if (epochLength_ == 0 || epochLength_ > type(uint32).max) revert InvalidParameter();
        epochLength = epochLength_;
        emit EpochLengthUpdated(epochLength_);
    }

    /// @notice Sets the L2 outbox and the L1 randomness beacon. A request still awaiting its answer is
    /// sent again to the new beacon (the old one's answer would be refused). Only the owner.
    /// @param outbox_ The L2 outbox of the message bus.
    /// @param l1Beacon_ The L1 `RandomnessBeacon`.
    function setRandomnessBeacon(address outbox_, address l1Beacon_) external onlyOwner {
        if (outbox_ == address(0) || l1Beacon_ == address(0)) revert InvalidParameter();
        beaconOutbox = IMessageOutbox(outbox_);
        l1Beacon = l1Beacon_;
        emit RandomnessBeaconUpdated(outbox_, l1Beacon_);
        uint256 awaited = currentEpochNumber + 1;
        if (_isRequested(awaited) && !_beacons[awaited].received) _sendRequest(awaited);
    }

    /// @notice Sets the rotation grace period in L2 blocks (0: anyone may rotate once an epoch ends).
    /// Only the owner.
    /// @param blocks Blocks after an epoch's end reserved to its sequencer and the keepers.
    function setRotationGracePeriod(uint256 blocks) external onlyOwner {
        if (blocks > type(uint32).max) revert InvalidParameter();
        rotationGracePeriod = blocks;
        emit RotationGracePeriodUpdated(blocks);
    }

    /// @notice Allows (or stops) `account` to rotate during the grace period. Only the owner.
    /// @param account The keeper.
    /// @param allowed Whether it may.
    function setRotationKeeper(address account, bool allowed) external onlyOwner {
        if (account == address(0)) revert InvalidParameter();
        isRotationKeeper[account] = allowed;
        emit RotationKeeperUpdated(account, allowed);
    }

    /// @notice Requests the randomness of the first epoch's draw, once, when some sequencer has stake.
    /// Anyone may call; the draw uses the weights as of this call.
    function requestFirstBeacon() external {
        if (currentEpochNumber != 0 || _snap.era != 0) revert FirstBeaconAlreadyRequested();
        if (totalWeight == 0) revert NoEligibleSequencer();
        _startEra();
        _sendRequest(1);
    }

    /// @inheritdoc ISequencerSetBeacon
    /// @dev Only the awaited epoch's beacon is kept; any other is ignored (an event, no revert).
    function receiveBeacon(uint256 epochNumber, uint256 l1BlockNumber, bytes32 randomness) external {
        if (msg.sender != address(inbox) || l1Beacon == address(0) || inbox.xDomainMessageSender() != l1Beacon) {
            revert UnauthorizedBeacon(msg.sender);
        }
        StoredBeacon storage b = _beacons[epochNumber];
        if (epochNumber != currentEpochNumber + 1 || !_isRequested(epochNumber) || b.received) {
            emit BeaconIgnored(epochNumber);
            return;
        }
        b.received = true;
        b.l1BlockNumber = SafeCast.toUint64(l1BlockNumber);
        b.randomness = randomness;
        emit BeaconReceived(epochNumber, l1BlockNumber, randomness);
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
    /// selection, seeded by the L1 beacon requested at the previous rotation, over the weights as of
    /// that rotation. Until `rotationGracePeriod` blocks after the end only the ending epoch's sequencer
    /// or a rotation keeper may call; then anyone. The ended epoch is paid for at most its planned
    /// `epochLength` blocks. Sends the request for the following epoch's beacon.
    /// @return epochNumber The new epoch's number.
    /// @return sequencerId The chosen sequencer.
    function rotate() external returns (uint256 epochNumber, uint256 sequencerId) {
        uint256 current = currentEpochNumber;
        epochNumber = current + 1;
        uint256 endedSequencer;
        uint256 endedBlocks;
        if (current != 0) {
            Epoch storage prev = _epochs[current];
            uint64 end = prev.endBlock;
            if (block.number <= end) revert EpochNotEnded(end);
            uint256 anyoneFrom = uint256(end) + rotationGracePeriod + 1;
            if (block.number < anyoneFrom && msg.sender != prev.signer && !isRotationKeeper[msg.sender]) {
                revert RotationReserved(anyoneFrom);
            }
            endedSequencer = prev.sequencerId;
            // Paid: the planned blocks only; the blocks of a late rotation earn nothing.
            endedBlocks = end - prev.startBlock + 1;
            if (block.number - 1 > end) {
                end = uint64(block.number - 1);
                prev.endBlock = end;
            }
            emit EpochEnded(current, end);
        }
        StoredBeacon storage b = _beacons[epochNumber];
        if (!b.received) revert BeaconPending(epochNumber);
        uint256 seed = uint256(keccak256(abi.encode(b.randomness, b.l1BlockNumber, epochNumber, address(this))));
        sequencerId = _draw(seed);
        address signer = _sequencers[sequencerId].signer;
        uint64 start = uint64(block.number);
        uint64 endBlock = start + SafeCast.toUint64(epochLength) - 1;
        _epochs[epochNumber] = Epoch({sequencerId: SafeCast.toUint64(sequencerId), startBlock: start, endBlock: endBlock, signer: signer});
        currentEpochNumber = epochNumber;
        emit EpochStarted(epochNumber, sequencerId, signer, start, endBlock);
        _startEra();
        _sendRequest(epochNumber + 1);
        if (current != 0 && l1RewardsDistributor != address(0)) {
            _held[current] = HeldReport({
                sequencerId: SafeCast.toUint64(endedSequencer),
                blocks: SafeCast.toUint64(endedBlocks),
                revenue: SafeCast.toUint128(feeVault.release())
            });
            _flush();
        }
    }

    /// @dev The sequencer `seed` draws from the weights at the start of the era (when the beacon was
    /// requested). If that one is no longer eligible (jailed or exited since), or nobody was, a second
    /// draw over the live weights: a sequencer can trigger it only by losing its own pick.
    function _draw(uint256 seed) private view returns (uint256 sequencerId) {
        Snapshot memory snap = _snap;
        uint256 total = snap.totalWeight;
        if (total != 0) {
            sequencerId = sequencerAtSlot[_findAt(seed % total, snap.slotCount, true)];
            if (weightOf(sequencerId) != 0) return sequencerId;
        }
        total = totalWeight;
        if (total == 0) revert NoEligibleSequencer();
        sequencerId = sequencerAtSlot[_findAt(uint256(keccak256(abi.encode(seed))) % total, slotCount, false)];
    }

    /// @dev Opens a new era: the current weights become the ones the next draw uses.
    function _startEra() private {
        _snap = Snapshot({
            totalWeight: SafeCast.toUint112(totalWeight),
            slotCount: SafeCast.toUint32(slotCount),
            era: _snap.era + 1
        });
    }

    /// @dev Sends the request for epoch `epochNumber`'s beacon to L1.
    function _sendRequest(uint256 epochNumber) private {
        address beacon = l1Beacon;
        if (beacon == address(0)) revert RandomnessNotConfigured();
        uint256 nonce = beaconOutbox.sendMessage(
            beacon, abi.encodeCall(IRandomnessBeacon.requestRandomness, (epochNumber)), BEACON_REQUEST_GAS_LIMIT
        );
        emit BeaconRequested(epochNumber, nonce);
    }

    /// @dev Sends the held reports that are ready, in order (last in a rotation, after every state
    /// change; the outbox and distributor are set by the owner).
    function _flush() private returns (uint256 sent) {
        address distributor = l1RewardsDistributor;
        if (distributor == address(0)) return 0;
        IEpochChallenges c = challenges;
        uint256 window = address(c) == address(0) ? 0 : c.challengeWindow();
        uint256 n = nextReportEpoch;
        uint256 current = currentEpochNumber;
        for (; sent < MAX_REPORTS_PER_CALL && n < current; ++sent) {
            if (block.number <= uint256(_epochs[n].endBlock) + window) break;
            bool upheld;
            if (address(c) != address(0)) {
                bool open;
                (open, upheld) = c.contested(n);
                if (open) break;
            }
            HeldReport memory r = _held[n];
            uint256 sequencerId = upheld ? 0 : r.sequencerId;
            delete _held[n];
            uint256 nonce = reportOutbox.sendMessage(
                distributor,
                abi.encodeCall(IRewardsDistributor.applyEpochReport, (n, sequencerId, r.blocks, r.revenue)),
                REPORT_GAS_LIMIT
            );
            emit EpochReported(n, sequencerId, r.blocks, r.revenue, nonce);
            ++n;
        }
        nextReportEpoch = n;
    }

    /// @notice The report of ended epoch `epochNumber` while it is held (zeros once sent).
    function heldReport(uint256 epochNumber) external view returns (uint256 sequencerId, uint256 blocks, uint256 revenue) {
        HeldReport memory r = _held[epochNumber];
        return (r.sequencerId, r.blocks, r.revenue);
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

    /// @notice First block at which `rotate()` succeeds (0 before the first rotation: any block),
    /// once the beacon of the next epoch has arrived (`beaconOf`).
    function nextRotationBlock() external view returns (uint256) {
        uint256 current = currentEpochNumber;
        return current == 0 ? 0 : uint256(_epochs[current].endBlock) + 1;
    }

    /// @notice First block at which anyone (not only the epoch's sequencer or a keeper) may rotate.
    function anyoneMayRotateFrom() external view returns (uint256) {
        uint256 current = currentEpochNumber;
        return current == 0 ? 0 : uint256(_epochs[current].endBlock) + rotationGracePeriod + 1;
    }

    /// @notice The beacon of epoch `epochNumber`'s draw (requested, received, its L1 block and value).
    function beaconOf(uint256 epochNumber) external view returns (Beacon memory) {
        StoredBeacon storage b = _beacons[epochNumber];
        return Beacon({
            requested: _isRequested(epochNumber),
            received: b.received,
            l1BlockNumber: b.l1BlockNumber,
            randomness: b.randomness
        });
    }

    /// @notice Total weight at the start of the current era (the weights the next draw uses).
    function snapshotTotalWeight() external view returns (uint256) {
        return _snap.totalWeight;
    }

    /// @notice Slot count at the start of the current era.
    function snapshotSlotCount() external view returns (uint256) {
        return _snap.slotCount;
    }

    /// @dev Epoch `epochNumber`'s beacon was requested: a past or current epoch's, or the next one's
    /// once the first request left (each rotation requests the next; `_snap.era` counts the requests).
    function _isRequested(uint256 epochNumber) private view returns (bool) {
        uint256 current = currentEpochNumber;
        if (epochNumber == 0 || epochNumber > current + 1) return false;
        return epochNumber <= current || _snap.era != 0;
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
        return sequencerAtSlot[_findAt(r, slotCount, false)];
    }

    // ------------------------------------------------------------------ Fenwick tree

    /// @dev Appends a slot with `weight`; its node sums its own weight and the nodes it covers.
    function _append(uint256 weight) private returns (uint256 slot) {
        slot = slotCount + 1;
        slotCount = slot;
        uint256 sum = weight;
        uint256 lowest = slot - (slot & (~slot + 1));
        for (uint256 i = slot - 1; i > lowest; i -= i & (~i + 1)) {
            sum += _tree[i].value;
        }
        _write(slot, sum);
    }

    function _add(uint256 slot, uint256 delta) private {
        uint256 n = slotCount;
        for (uint256 i = slot; i <= n; i += i & (~i + 1)) {
            _write(i, _tree[i].value + delta);
        }
    }

    function _sub(uint256 slot, uint256 delta) private {
        uint256 n = slotCount;
        for (uint256 i = slot; i <= n; i += i & (~i + 1)) {
            _write(i, _tree[i].value - delta);
        }
    }

    /// @dev Sets node `i`, keeping its value from the start of the era the first time it changes in it.
    function _write(uint256 i, uint256 value) private {
        Node storage node = _tree[i];
        uint32 era = _snap.era;
        if (node.era != era) {
            node.prev = node.value;
            node.era = era;
        }
        node.value = SafeCast.toUint112(value);
    }

    /// @dev The slot among the first `n` whose cumulative range [prefix(slot-1), prefix(slot)) contains
    /// `r`, over the live weights or (`atEraStart`) those at the start of the era.
    function _findAt(uint256 r, uint256 n, bool atEraStart) private view returns (uint256) {
        uint256 step = 1;
        while (step <= n >> 1) step <<= 1;
        uint256 pos;
        uint32 era = _snap.era;
        for (; step > 0; step >>= 1) {
            uint256 next = pos + step;
            if (next <= n) {
                Node storage node = _tree[next];
                uint256 w = atEraStart && node.era == era ? node.prev : node.value;
                if (w <= r) {
                    pos = next;
                    r -= w;
                }
            }
        }
        return pos + 1;
    }
}
