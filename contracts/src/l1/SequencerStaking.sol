// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMessageOutbox} from "../bus/BusMessage.sol";
import {ISequencerSetSync} from "../interfaces/ISequencerSetSync.sol";
import {SlashLedger} from "./SlashLedger.sol";

/// @title Sequencer staking with native delegation (the LockingPool)
/// @notice Sequencer operators lock METIS to run a sequencer; holders delegate METIS behind them and
/// share their rewards. Owned by the L1 governance executor, which sets every parameter, manages the
/// whitelist, and alone can slash and jail.
///
/// Accounting model (all O(1) in the number of delegators):
/// - Each sequencer has a stake pool: `totalShares` shares worth `totalPooled` METIS. The operator's
///   self-lock is `selfShares` of it; every delegation position holds shares. A share's METIS value
///   is `totalPooled / totalShares`; slashing lowers `totalPooled` (and so every share) at once.
/// - Slash liability (docs/MECHANISMS.md §3.2, docs in contracts/STAKING.md): every slash records its offence time
///   and execution time in the sequencer's slash log. Stake behind the sequencer when the slash is
///   executed loses the fraction at once (the pool's METIS drops). Stake that left before the slash
///   stays liable, lazily: an unbonding entry (undelegate or self-lock withdrawal) records when it
///   left and the log position then; when it is withdrawn it loses every logged slash whose offence
///   came before it left and that was executed before it matured (a matured entry is never slashed).
///   A redelegation records the same on the destination position (`liabilityOf`); the position pays
///   those slashes of the source sequencer executed within the exit delay when it is next touched
///   (or by `settleLiability`, anyone), and cannot undelegate below the liable amount meanwhile.
///   `unbondingPooled` is the nominal METIS of open entries. Stake that arrived after the offence is
///   refunded the slash (a pot per sequencer, paid into the position when it is next touched). The
///   log, the bounds and the refunds live in the linked library `SlashLedger`.
/// - Rewards (docs/MECHANISMS.md §3.2): a reward is split pro rata between the self-lock and the delegations; the
///   operator gets its own part plus the commission on the delegators' part (credited to
///   `operatorRewards` at once), the delegators exactly (1 - commission) x theirs, through
///   `accRewardPerShare` (scaled by 1e27, per delegated share). A position's pending reward is
///   `shares * acc - rewardDebt`, settled into `pendingRewards` before its shares change, so adding
///   stake never pays out or forfeits rewards.
/// - METIS held = sum of `totalPooled` + sum of `unbondingPooled` + `rewardReserve` (which holds the
///   late arrivals' refunds from the slash until they are paid into positions); slashed METIS is
///   sent to the treasury when the slash lands on it (at once for the pool, at withdrawal for an
///   unbonding entry, at settlement for a redelegation).
///
/// Every change of a sequencer's stake, signer or status sends `syncSequencer` through the L1 outbox
/// to the L2 sequencer set.
contract SequencerStaking is Ownable2Step, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SlashLedger for SlashLedger.Book;

    /// @notice Life cycle of a sequencer.
    enum SequencerStatus {
        None,
        Active,
        Jailed,
        Unlocking,
        Exited
    }

    /// @notice Initial parameters (see the parameter getters for their meaning).
    struct InitParams {
        uint256 minLock;
        uint256 maxLock;
        uint256 maxSequencerStake;
        uint256 minPosition;
        uint64 exitDelay;
        uint64 jailPeriod;
        uint64 signerUpdateThrottle;
        uint16 maxCommissionBps;
        uint16 delegationMultiplier;
    }

    /// @notice Everything about one sequencer, for front ends.
    struct SequencerInfo {
        uint256 id;
        address owner;
        address pendingOwner;
        address signer;
        address rewardRecipient;
        SequencerStatus status;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint64 commissionEffectiveAt;
        uint64 lastCommissionChangeAt;
        uint64 jailedUntil;
        uint64 unlockAt;
        uint64 lastSignerUpdateAt;
        uint256 selfLock;
        uint256 delegated;
        uint256 totalStake;
        uint256 totalShares;
        uint256 selfShares;
        uint256 unbonding;
        uint256 operatorRewards;
        string metadataURI;
    }

    struct Sequencer {
        address owner;
        SequencerStatus status;
        uint16 commissionBps;
        uint16 pendingCommissionBps;
        uint64 syncVersion;
        address signer;
        uint64 commissionEffectiveAt;
        address rewardRecipient;
        uint64 lastCommissionChangeAt;
        address pendingOwner;
        uint64 jailedUntil;
        uint64 unlockAt;
        uint64 lastSignerUpdateAt;
        uint256 totalShares;
        uint256 totalPooled;
        uint256 selfShares;
        uint256 unbondingPooled;
        uint256 accRewardPerShare;
        uint256 operatorRewards;
        string metadataURI;
    }

    struct Position {
        uint256 shares;
        uint256 rewardDebt;
        uint256 pendingRewards;
        uint64 lastRedelegationAt;
        uint64 nextEntryId;
        uint64 openEntries;
    }

    /// @notice Largest slash, in basis points (10%).
    uint256 public constant MAX_SLASH_BPS = 1000;
    /// @notice Largest commission that governance may allow (100%).
    uint256 public constant BPS = 10_000;
    /// @notice Open (not yet withdrawn) unbonding entries allowed per (account, sequencer).
    uint256 public constant MAX_UNBONDING_ENTRIES = 16;
    /// @notice Largest `claimAll` batch.
    uint256 public constant MAX_CLAIM_BATCH = 32;
    /// @notice Gas the L2 sequencer set gets to apply one sync message.
    uint256 public constant L2_SYNC_GAS_LIMIT = 500_000;
    uint256 private constant ACC_PRECISION = 1e27;

    /// @notice The METIS token.
    IERC20 public immutable metis;
    /// @notice The L1 outbox of the message bus.
    IMessageOutbox public immutable outbox;

    /// @notice Smallest self-lock of a sequencer (20,000 METIS in production).
    uint128 public minLock;
    /// @notice Largest self-lock of a sequencer (100,000 METIS in production).
    uint128 public maxLock;
    /// @notice Largest total stake (self-lock + delegations) behind one sequencer.
    uint128 public maxSequencerStake;
    /// @notice Smallest delegation position (1 METIS in production).
    uint128 public minPosition;
    /// @notice Exit delay: unbonding, unlock, commission change and redelegation period (seconds).
    uint64 public exitDelay;
    /// @notice Time a slashed sequencer stays jailed (seconds).
    uint64 public jailPeriod;
    /// @notice Minimum time between two signer updates of a sequencer (seconds).
    uint64 public signerUpdateThrottle;
    /// @notice Largest commission, in basis points (3,000 = 30%).
    uint16 public maxCommissionBps;
    /// @notice Delegations behind a sequencer are capped at this multiple of its self-lock.
    uint16 public delegationMultiplier;

    /// @notice Receives slashed METIS.
    address public treasury;
    /// @notice The only account allowed to call `distributeReward`.
    address public rewardDistributor;
    /// @notice The L2 sequencer set that receives the sync messages.
    address public l2SequencerSet;

    /// @notice Number of sequencers ever registered (ids are 1..sequencerCount).
    uint256 public sequencerCount;
    /// @notice METIS held for rewards credited and not yet claimed.
    uint256 public rewardReserve;
    /// @notice Governance-approved addresses that may register a sequencer.
    mapping(address account => bool) public whitelisted;
    /// @notice The sequencer currently owned by `owner` (0 if none).
    mapping(address owner => uint256) public sequencerIdOf;
    /// @notice Whether `signer` was ever used by a sequencer (signers are never reused).
    mapping(address signer => bool) public signerUsed;

    mapping(uint256 sequencerId => Sequencer) private _sequencers;
    mapping(uint256 sequencerId => mapping(address account => Position)) private _positions;
    mapping(uint256 sequencerId => SlashLedger.Book) private _books;

    // ------------------------------------------------------------------ events

    /// @notice A sequencer was registered.
    event SequencerRegistered(
        uint256 indexed sequencerId,
        address indexed owner,
        address indexed signer,
        uint256 selfLock,
        uint16 commissionBps,
        string metadataURI
    );
    /// @notice The operator added `amount` (of which `compounded` from rewards) to the self-lock.
    event Relocked(uint256 indexed sequencerId, uint256 amount, uint256 compounded, uint256 selfLock);
    /// @notice The operator moved `amount` of self-lock into unbonding entry `entryId`.
    event SelfLockWithdrawn(uint256 indexed sequencerId, uint256 amount, uint256 entryId, uint256 selfLock);
    /// @notice The operator started the exit; the self-lock can be claimed at `unlockAt`.
    event SequencerUnlocked(uint256 indexed sequencerId, uint64 unlockAt);
    /// @notice The operator claimed the self-lock `amount`; the sequencer has exited.
    event SequencerExited(uint256 indexed sequencerId, address indexed owner, uint256 amount);
    /// @notice A commission change to `newCommissionBps` was scheduled for `effectiveAt`.
    event CommissionChangeRequested(
        uint256 indexed sequencerId, uint16 currentCommissionBps, uint16 newCommissionBps, uint64 effectiveAt
    );
    /// @notice The signer was rotated.
    event SignerUpdated(uint256 indexed sequencerId, address indexed oldSigner, address indexed newSigner);
    /// @notice An ownership transfer to `pendingOwner` was started (zero cancels).
    event SequencerOwnershipTransferStarted(
        uint256 indexed sequencerId, address indexed owner, address indexed pendingOwner
    );
    /// @notice Ownership moved to `newOwner`.
    event SequencerOwnershipTransferred(
        uint256 indexed sequencerId, address indexed previousOwner, address indexed newOwner
    );
    /// @notice The operator's reward recipient changed.
    event RewardRecipientUpdated(uint256 indexed sequencerId, address indexed recipient);
    /// @notice The metadata URI changed.
    event MetadataURIUpdated(uint256 indexed sequencerId, string metadataURI);
    /// @notice Operator rewards (commission and self-lock share) were paid to `recipient`.
    event OperatorRewardsClaimed(uint256 indexed sequencerId, address indexed recipient, uint256 amount);
    /// @notice `account` delegated `amount` to the sequencer for `shares` shares.
    event Delegated(address indexed account, uint256 indexed sequencerId, uint256 amount, uint256 shares);
    /// @notice `account` undelegated `amount` into unbonding entry `entryId`, maturing at `maturesAt`.
    event Undelegated(
        address indexed account,
        uint256 indexed sequencerId,
        uint256 amount,
        uint256 shares,
        uint256 entryId,
        uint64 maturesAt
    );
    /// @notice Unbonding entry `entryId` of `account` paid out `amount`.
    event UnbondingWithdrawn(address indexed account, uint256 indexed sequencerId, uint256 entryId, uint256 amount);
    /// @notice `account` moved `amount` from one sequencer to another.
    event Redelegated(
        address indexed account, uint256 indexed fromSequencerId, uint256 indexed toSequencerId, uint256 amount
    );
    /// @notice `account` was paid `amount` of rewards earned behind the sequencer.
    event RewardsClaimed(address indexed account, uint256 indexed sequencerId, uint256 amount);
    /// @notice `account` re-delegated `amount` of its rewards.
    event RewardsCompounded(address indexed account, uint256 indexed sequencerId, uint256 amount);
    /// @notice `amount` of rewards was credited to the sequencer, `commission` of it to the operator.
    event RewardDistributed(uint256 indexed sequencerId, uint256 amount, uint256 commission);
    /// @notice The sequencer was slashed by `fractionBps` for an offence at `offenceTime`: `stakeSlashed`
    /// METIS of the stake behind it left it at once: `refundReserved` for late arrivals, `reward` to
    /// the challenger, the rest to the treasury; stake that left it after the offence pays when its
    /// entry is withdrawn or its redelegation settled.
    event Slashed(
        uint256 indexed sequencerId,
        uint256 fractionBps,
        uint64 offenceTime,
        uint256 stakeSlashed,
        uint256 refundReserved,
        uint256 reward,
        string reason
    );
    /// @notice `account`'s position at `sequencerId` was refunded `amount` METIS of a slash for an offence
    /// before its stake arrived (from the sequencer's refund pot, added to its claimable rewards).
    event SlashRefunded(address indexed account, uint256 indexed sequencerId, uint256 amount);
    /// @notice Unbonding entry `entryId` lost `amount` METIS to the slashes it was liable for (to the treasury).
    event UnbondingSlashed(address indexed account, uint256 indexed sequencerId, uint256 entryId, uint256 amount);
    /// @notice `account`'s position at `toSequencerId` lost `amount` METIS to slashes of
    /// `fromSequencerId` it redelegated out of (to the treasury).
    event RedelegationSlashed(
        address indexed account, uint256 indexed fromSequencerId, uint256 indexed toSequencerId, uint256 amount
    );
    /// @notice The sequencer is jailed until `jailedUntil`.
    event Jailed(uint256 indexed sequencerId, uint64 jailedUntil, string reason);
    /// @notice The sequencer left jail.
    event Unjailed(uint256 indexed sequencerId);
    /// @notice The whitelist changed.
    event WhitelistUpdated(address indexed account, bool allowed);
    /// @notice A numeric parameter changed.
    event ParameterUpdated(string name, uint256 value);
    /// @notice The treasury changed.
    event TreasuryUpdated(address indexed treasury);
    /// @notice The reward distributor changed.
    event RewardDistributorUpdated(address indexed distributor);
    /// @notice The L2 sequencer set address changed.
    event L2SequencerSetUpdated(address indexed sequencerSet);
    /// @notice A sync message about the sequencer was sent to L2.
    event SequencerSynced(uint256 indexed sequencerId, uint64 version, uint256 stake, SequencerStatus status);

    // ------------------------------------------------------------------ errors

    /// @notice The caller is not whitelisted.
    error NotWhitelisted(address account);
    /// @notice The account already owns a sequencer.
    error AlreadyOwnsSequencer(address account, uint256 sequencerId);
    /// @notice The signer is zero or was used before.
    error InvalidSigner(address signer);
    /// @notice The self-lock would leave [minLock, maxLock].
    error SelfLockOutOfBounds(uint256 selfLock, uint256 minLock, uint256 maxLock);
    /// @notice The commission exceeds `maxCommissionBps`.
    error CommissionTooHigh(uint256 commissionBps, uint256 maxCommissionBps);
    /// @notice The sequencer id does not exist.
    error UnknownSequencer(uint256 sequencerId);
    /// @notice The caller is not the sequencer's owner (or signer / recipient where allowed).
    error NotSequencerOwner(uint256 sequencerId, address caller);
    /// @notice The sequencer's status does not allow the operation.
    error InvalidStatus(uint256 sequencerId, SequencerStatus status);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice The amount converts to zero shares.
    error ZeroShares();
    /// @notice The exit delay has not passed yet.
    error NotYetUnlocked(uint256 sequencerId, uint64 unlockAt);
    /// @notice A commission change is allowed again only at `nextAllowedAt`.
    error CommissionChangeTooSoon(uint256 sequencerId, uint64 nextAllowedAt);
    /// @notice A signer update is allowed again only at `nextAllowedAt`.
    error SignerUpdateTooSoon(uint256 sequencerId, uint64 nextAllowedAt);
    /// @notice The address is zero.
    error ZeroAddress();
    /// @notice Delegations would exceed `delegationMultiplier` x self-lock.
    error DelegationCapExceeded(uint256 sequencerId);
    /// @notice The total stake would exceed `maxSequencerStake`.
    error SequencerStakeCapExceeded(uint256 sequencerId, uint256 totalStake, uint256 cap);
    /// @notice A position would be non-zero and below `minPosition`.
    error BelowMinPosition(uint256 value, uint256 minPosition);
    /// @notice The position holds fewer shares than needed.
    error InsufficientStake(uint256 requested, uint256 available);
    /// @notice The account already has `MAX_UNBONDING_ENTRIES` open unbonding entries.
    error TooManyUnbondingEntries(uint256 sequencerId, address account);
    /// @notice The unbonding entry does not exist (or was withdrawn).
    error UnknownEntry(uint256 sequencerId, address account, uint256 entryId);
    /// @notice The unbonding entry matures at `maturesAt`.
    error EntryNotMatured(uint256 entryId, uint64 maturesAt);
    /// @notice The position may redelegate again only at `nextAllowedAt`.
    error RedelegationTooSoon(uint256 sequencerId, uint64 nextAllowedAt);
    /// @notice Redelegation to the same sequencer.
    error SameSequencer();
    /// @notice Nothing to claim.
    error NothingToClaim();
    /// @notice The batch is empty or larger than `MAX_CLAIM_BATCH`.
    error InvalidBatch(uint256 length);
    /// @notice The caller is not the reward distributor.
    error NotRewardDistributor(address caller);
    /// @notice The slash fraction is zero or above `MAX_SLASH_BPS`.
    error InvalidSlashFraction(uint256 fractionBps);
    /// @notice The offence time is zero, in the future, or more than one exit delay ago.
    error InvalidOffenceTime(uint256 offenceTime);
    /// @notice The sequencer had `MAX_SLASHES_PER_EXIT_DELAY` slashes within the exit delay; the next
    /// is possible at `nextAllowedAt`.
    error TooManySlashes(uint256 sequencerId, uint64 nextAllowedAt);
    /// @notice Redelegated stake stays liable for the source's pending slashes until `until`; the
    /// position cannot go below the liable amount before.
    error StakeStillLiable(uint256 sequencerId, uint64 until);
    /// @notice The jail period has not ended.
    error StillJailed(uint256 sequencerId, uint64 jailedUntil);
    /// @notice A parameter value is invalid.
    error InvalidParameter(string name);

    // ------------------------------------------------------------------ construction

    /// @param metis_ The METIS token.
    /// @param outbox_ The L1 outbox of the message bus.
    /// @param governance The L1 governance executor (owner of all parameters).
    /// @param treasury_ Receives slashed METIS.
    /// @param l2SequencerSet_ The L2 sequencer set.
    /// @param params Initial parameters (a short-durations profile for local use is allowed).
    constructor(
        IERC20 metis_,
        IMessageOutbox outbox_,
        address governance,
        address treasury_,
        address l2SequencerSet_,
        InitParams memory params
    ) Ownable(governance) {
        if (address(metis_) == address(0) || address(outbox_) == address(0)) {
            revert ZeroAddress();
        }
        if (treasury_ == address(0) || l2SequencerSet_ == address(0)) revert ZeroAddress();
        metis = metis_;
        outbox = outbox_;
        treasury = treasury_;
        l2SequencerSet = l2SequencerSet_;
        emit TreasuryUpdated(treasury_);
        emit L2SequencerSetUpdated(l2SequencerSet_);
        _setLockBounds(params.minLock, params.maxLock);
        _setMaxSequencerStake(params.maxSequencerStake);
        _setMinPosition(params.minPosition);
        _setExitDelay(params.exitDelay);
        _setJailPeriod(params.jailPeriod);
        _setSignerUpdateThrottle(params.signerUpdateThrottle);
        _setMaxCommissionBps(params.maxCommissionBps);
        _setDelegationMultiplier(params.delegationMultiplier);
    }

    // ------------------------------------------------------------------ modifiers and guards

    function _sequencer(uint256 id) private view returns (Sequencer storage s) {
        s = _sequencers[id];
        if (s.status == SequencerStatus.None) revert UnknownSequencer(id);
    }

    function _ownedSequencer(uint256 id) private view returns (Sequencer storage s) {
        s = _sequencer(id);
        if (s.owner != msg.sender) revert NotSequencerOwner(id, msg.sender);
    }

    function _requireActiveOrJailed(uint256 id, Sequencer storage s) private view {
        if (s.status != SequencerStatus.Active && s.status != SequencerStatus.Jailed) {
            revert InvalidStatus(id, s.status);
        }
    }

    // ------------------------------------------------------------------ operator

    /// @notice Registers the caller (who must be whitelisted and own no sequencer) as a sequencer
    /// operator with self-lock `amount` (pulled from the caller; approve first).
    /// @param signer Block-signing address, never used before.
    /// @param amount Self-lock, between `minLock` and `maxLock`.
    /// @param commissionBps Commission on delegators' rewards, at most `maxCommissionBps`.
    /// @param metadataURI Name, website and description of the sequencer.
    /// @return sequencerId The new sequencer's id.
    function register(address signer, uint256 amount, uint16 commissionBps, string calldata metadataURI)
        external
        nonReentrant
        returns (uint256 sequencerId)
    {
        if (!whitelisted[msg.sender]) revert NotWhitelisted(msg.sender);
        if (sequencerIdOf[msg.sender] != 0) revert AlreadyOwnsSequencer(msg.sender, sequencerIdOf[msg.sender]);
        if (signer == address(0) || signerUsed[signer]) revert InvalidSigner(signer);
        if (amount < minLock || amount > maxLock) revert SelfLockOutOfBounds(amount, minLock, maxLock);
        if (amount > maxSequencerStake) revert SequencerStakeCapExceeded(0, amount, maxSequencerStake);
        if (commissionBps > maxCommissionBps) revert CommissionTooHigh(commissionBps, maxCommissionBps);

        sequencerId = ++sequencerCount;
        Sequencer storage s = _sequencers[sequencerId];
        s.owner = msg.sender;
        s.status = SequencerStatus.Active;
        s.commissionBps = commissionBps;
        s.pendingCommissionBps = commissionBps;
        s.signer = signer;
        s.rewardRecipient = msg.sender;
        s.lastSignerUpdateAt = uint64(block.timestamp);
        s.totalShares = amount;
        s.totalPooled = amount;
        s.selfShares = amount;
        s.metadataURI = metadataURI;
        sequencerIdOf[msg.sender] = sequencerId;
        signerUsed[signer] = true;

        emit SequencerRegistered(sequencerId, msg.sender, signer, amount, commissionBps, metadataURI);
        metis.safeTransferFrom(msg.sender, address(this), amount);
        _sync(sequencerId, s);
    }

    /// @notice Adds `amount` (pulled from the owner) to the self-lock, plus all pending operator
    /// rewards if `compoundRewards`. The self-lock may not exceed `maxLock`.
    /// @param sequencerId The owner's sequencer.
    /// @param amount METIS to add from the owner's wallet (may be 0 when compounding).
    /// @param compoundRewards Whether to add the pending operator rewards too.
    function relock(uint256 sequencerId, uint256 amount, bool compoundRewards) external nonReentrant {
        Sequencer storage s = _ownedSequencer(sequencerId);
        _requireActiveOrJailed(sequencerId, s);
        uint256 compounded;
        if (compoundRewards) {
            compounded = s.operatorRewards;
            s.operatorRewards = 0;
            rewardReserve -= compounded;
        }
        uint256 added = amount + compounded;
        if (added == 0) revert ZeroAmount();
        uint256 newSelf = _value(s, s.selfShares) + added;
        if (newSelf > maxLock) revert SelfLockOutOfBounds(newSelf, minLock, maxLock);
        if (s.totalPooled + added > maxSequencerStake) {
            revert SequencerStakeCapExceeded(sequencerId, s.totalPooled + added, maxSequencerStake);
        }
        uint256 shares = _sharesForDeposit(s, added);
        s.selfShares += shares;
        s.totalShares += shares;
        s.totalPooled += added;

        emit Relocked(sequencerId, added, compounded, _value(s, s.selfShares));
        if (amount > 0) metis.safeTransferFrom(msg.sender, address(this), amount);
        _sync(sequencerId, s);
    }

    /// @notice Moves `amount` of the self-lock into an unbonding entry of the owner (withdraw it with
    /// `withdraw` after the exit delay). The self-lock must stay ≥ `minLock` and keep delegations
    /// within the multiplier cap.
    /// @param sequencerId The owner's sequencer.
    /// @param amount METIS to withdraw from the self-lock.
    /// @return entryId The unbonding entry.
    function withdrawLocked(uint256 sequencerId, uint256 amount) external nonReentrant returns (uint256 entryId) {
        Sequencer storage s = _ownedSequencer(sequencerId);
        _requireActiveOrJailed(sequencerId, s);
        if (amount == 0) revert ZeroAmount();
        uint256 selfValue = _value(s, s.selfShares);
        if (amount > selfValue) revert InsufficientStake(amount, selfValue);
        uint256 burned = _sharesToBurn(s, amount);
        if (burned > s.selfShares) burned = s.selfShares;
        uint256 newSelfShares = s.selfShares - burned;
        s.selfShares = newSelfShares;
        s.totalShares -= burned;
        s.totalPooled -= amount;
        uint256 newSelf = _value(s, newSelfShares);
        if (newSelf < minLock) revert SelfLockOutOfBounds(newSelf, minLock, maxLock);
        if (s.totalShares - newSelfShares > uint256(delegationMultiplier) * newSelfShares) {
            revert DelegationCapExceeded(sequencerId);
        }
        uint64 maturesAt;
        (entryId, maturesAt) = _openEntry(sequencerId, s, msg.sender, amount);
        emit SelfLockWithdrawn(sequencerId, amount, entryId, newSelf);
        _sync(sequencerId, s);
    }

    /// @notice Starts the exit: the sequencer leaves rotation, takes no delegations and earns
    /// nothing; the self-lock stays slashable and can be claimed with `unlockClaim` after the exit
    /// delay.
    /// @param sequencerId The owner's sequencer.
    function unlock(uint256 sequencerId) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        _requireActiveOrJailed(sequencerId, s);
        s.status = SequencerStatus.Unlocking;
        uint64 unlockAt = uint64(block.timestamp) + exitDelay;
        s.unlockAt = unlockAt;
        emit SequencerUnlocked(sequencerId, unlockAt);
        _sync(sequencerId, s);
    }

    /// @notice After the exit delay, pays the self-lock to the owner; the sequencer has exited and the
    /// owner may register again later (with a new signer). Delegators keep their positions and can
    /// undelegate or redelegate.
    /// @param sequencerId The owner's sequencer.
    function unlockClaim(uint256 sequencerId) external nonReentrant {
        Sequencer storage s = _ownedSequencer(sequencerId);
        if (s.status != SequencerStatus.Unlocking) revert InvalidStatus(sequencerId, s.status);
        if (block.timestamp < s.unlockAt) revert NotYetUnlocked(sequencerId, s.unlockAt);
        uint256 shares = s.selfShares;
        uint256 amount = _value(s, shares);
        s.selfShares = 0;
        s.totalShares -= shares;
        s.totalPooled -= amount;
        s.status = SequencerStatus.Exited;
        s.pendingOwner = address(0);
        sequencerIdOf[msg.sender] = 0;
        emit SequencerExited(sequencerId, msg.sender, amount);
        if (amount > 0) metis.safeTransfer(msg.sender, amount);
        _sync(sequencerId, s);
    }

    /// @notice Schedules a commission change; it takes effect after the exit delay, and at most one
    /// change may be requested per exit delay, so delegators can always leave before a raise applies.
    /// @param sequencerId The owner's sequencer.
    /// @param newCommissionBps New commission, at most `maxCommissionBps`.
    function setCommission(uint256 sequencerId, uint16 newCommissionBps) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        _requireActiveOrJailed(sequencerId, s);
        if (newCommissionBps > maxCommissionBps) revert CommissionTooHigh(newCommissionBps, maxCommissionBps);
        if (s.lastCommissionChangeAt != 0) {
            uint64 nextAllowedAt = s.lastCommissionChangeAt + exitDelay;
            if (block.timestamp < nextAllowedAt) revert CommissionChangeTooSoon(sequencerId, nextAllowedAt);
        }
        _applyCommission(s);
        uint64 effectiveAt = uint64(block.timestamp) + exitDelay;
        s.pendingCommissionBps = newCommissionBps;
        s.commissionEffectiveAt = effectiveAt;
        s.lastCommissionChangeAt = uint64(block.timestamp);
        emit CommissionChangeRequested(sequencerId, s.commissionBps, newCommissionBps, effectiveAt);
    }

    /// @notice Rotates the block-signing key. Callable by the owner or the current signer, at most
    /// once per `signerUpdateThrottle`; a signer can never be reused.
    /// @param sequencerId The sequencer.
    /// @param newSigner The new signer.
    function updateSigner(uint256 sequencerId, address newSigner) external {
        Sequencer storage s = _sequencer(sequencerId);
        if (msg.sender != s.owner && msg.sender != s.signer) revert NotSequencerOwner(sequencerId, msg.sender);
        if (s.status == SequencerStatus.Exited) revert InvalidStatus(sequencerId, s.status);
        if (newSigner == address(0) || signerUsed[newSigner]) revert InvalidSigner(newSigner);
        uint64 nextAllowedAt = s.lastSignerUpdateAt + signerUpdateThrottle;
        if (block.timestamp < nextAllowedAt) revert SignerUpdateTooSoon(sequencerId, nextAllowedAt);
        signerUsed[newSigner] = true;
        emit SignerUpdated(sequencerId, s.signer, newSigner);
        s.signer = newSigner;
        s.lastSignerUpdateAt = uint64(block.timestamp);
        _sync(sequencerId, s);
    }

    /// @notice Starts transferring the sequencer (and its self-lock) to `newOwner`, who must accept.
    /// Passing zero cancels a pending transfer.
    /// @param sequencerId The owner's sequencer.
    /// @param newOwner The proposed owner.
    function transferSequencerOwnership(uint256 sequencerId, address newOwner) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        if (s.status == SequencerStatus.Exited) revert InvalidStatus(sequencerId, s.status);
        s.pendingOwner = newOwner;
        emit SequencerOwnershipTransferStarted(sequencerId, msg.sender, newOwner);
    }

    /// @notice Accepts a pending ownership transfer; the caller must own no other sequencer. The
    /// reward recipient becomes the new owner.
    /// @param sequencerId The sequencer.
    function acceptSequencerOwnership(uint256 sequencerId) external {
        Sequencer storage s = _sequencer(sequencerId);
        if (s.pendingOwner != msg.sender || msg.sender == address(0)) {
            revert NotSequencerOwner(sequencerId, msg.sender);
        }
        if (s.status == SequencerStatus.Exited) revert InvalidStatus(sequencerId, s.status);
        if (sequencerIdOf[msg.sender] != 0) revert AlreadyOwnsSequencer(msg.sender, sequencerIdOf[msg.sender]);
        address previous = s.owner;
        sequencerIdOf[previous] = 0;
        sequencerIdOf[msg.sender] = sequencerId;
        s.owner = msg.sender;
        s.pendingOwner = address(0);
        s.rewardRecipient = msg.sender;
        emit SequencerOwnershipTransferred(sequencerId, previous, msg.sender);
        emit RewardRecipientUpdated(sequencerId, msg.sender);
    }

    /// @notice Sets where operator rewards (commission and self-lock rewards) are paid.
    /// @param sequencerId The owner's sequencer.
    /// @param recipient The new recipient.
    function setRewardRecipient(uint256 sequencerId, address recipient) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        if (recipient == address(0)) revert ZeroAddress();
        s.rewardRecipient = recipient;
        emit RewardRecipientUpdated(sequencerId, recipient);
    }

    /// @notice Updates the metadata URI (name, website, description).
    /// @param sequencerId The owner's sequencer.
    /// @param metadataURI The new URI.
    function setMetadataURI(uint256 sequencerId, string calldata metadataURI) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        s.metadataURI = metadataURI;
        emit MetadataURIUpdated(sequencerId, metadataURI);
    }

    /// @notice Pays all pending operator rewards to the reward recipient. Callable by the owner or
    /// the recipient.
    /// @param sequencerId The sequencer.
    /// @return amount METIS paid.
    function claimOperatorRewards(uint256 sequencerId) external nonReentrant returns (uint256 amount) {
        Sequencer storage s = _sequencer(sequencerId);
        address recipient = s.rewardRecipient;
        if (msg.sender != s.owner && msg.sender != recipient) revert NotSequencerOwner(sequencerId, msg.sender);
        amount = s.operatorRewards;
        if (amount == 0) revert NothingToClaim();
        s.operatorRewards = 0;
        rewardReserve -= amount;
        emit OperatorRewardsClaimed(sequencerId, recipient, amount);
        metis.safeTransfer(recipient, amount);
    }

    /// @notice Leaves jail once the jail period is over, if the self-lock is still ≥ `minLock`.
    /// @param sequencerId The owner's sequencer.
    function unjail(uint256 sequencerId) external {
        Sequencer storage s = _ownedSequencer(sequencerId);
        if (s.status != SequencerStatus.Jailed) revert InvalidStatus(sequencerId, s.status);
        if (block.timestamp < s.jailedUntil) revert StillJailed(sequencerId, s.jailedUntil);
        uint256 selfValue = _value(s, s.selfShares);
        if (selfValue < minLock) revert SelfLockOutOfBounds(selfValue, minLock, maxLock);
        s.status = SequencerStatus.Active;
        emit Unjailed(sequencerId);
        _sync(sequencerId, s);
    }

    // ------------------------------------------------------------------ delegators

    /// @notice Delegates `amount` METIS (pulled from the caller; approve first) to an active sequencer.
    /// @param sequencerId The sequencer.
    /// @param amount METIS to delegate.
    function delegate(uint256 sequencerId, uint256 amount) external nonReentrant {
        _delegateFromWallet(sequencerId, amount);
    }

    /// @notice `delegate` with an EIP-2612 permit instead of a prior approval. A permit that was
    /// already used (e.g. front-run) is ignored if the allowance suffices.
    /// @param sequencerId The sequencer.
    /// @param amount METIS to delegate (and the permit value).
    /// @param deadline Permit deadline.
    /// @param v Signature v.
    /// @param r Signature r.
    /// @param sig_s Signature s.
    function delegateWithPermit(
        uint256 sequencerId,
        uint256 amount,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 sig_s
    ) external nonReentrant {
        try IERC20Permit(address(metis)).permit(msg.sender, address(this), amount, deadline, v, r, sig_s) {} catch {}
        _delegateFromWallet(sequencerId, amount);
    }

    /// @notice Moves `amount` METIS of the caller's position into an unbonding entry that matures
    /// after the exit delay (earning nothing, still slashable). `type(uint256).max` undelegates the
    /// whole position. What remains must be 0 or ≥ `minPosition`.
    /// @param sequencerId The sequencer.
    /// @param amount METIS to undelegate.
    /// @return entryId The unbonding entry id.
    function undelegate(uint256 sequencerId, uint256 amount) external nonReentrant returns (uint256 entryId) {
        Sequencer storage s = _sequencer(sequencerId);
        uint256 removed = _removeDelegation(sequencerId, s, msg.sender, amount);
        uint256 shares;
        uint64 maturesAt;
        (entryId, maturesAt) = _openEntry(sequencerId, s, msg.sender, removed);
        shares = removed; // entries hold nominal METIS (slashes they are liable for apply at withdrawal)
        emit Undelegated(msg.sender, sequencerId, removed, shares, entryId, maturesAt);
        _sync(sequencerId, s);
    }

    /// @notice Pays out matured unbonding entries of the caller at a sequencer (their value after any
    /// slashing). Works for operators' self-lock withdrawals too.
    /// @param sequencerId The sequencer.
    /// @param entryIds Entries to withdraw (each at most once).
    /// @return amount METIS paid.
    function withdraw(uint256 sequencerId, uint256[] calldata entryIds) external nonReentrant returns (uint256 amount) {
        if (entryIds.length == 0 || entryIds.length > MAX_UNBONDING_ENTRIES) revert InvalidBatch(entryIds.length);
        Sequencer storage s = _sequencers[sequencerId];
        Position storage p = _positions[sequencerId][msg.sender];
        uint256 nominal;
        (nominal, amount) = _books[sequencerId].withdrawEntries(sequencerId, msg.sender, entryIds);
        uint256 slashed = nominal - amount;
        s.unbondingPooled -= nominal;
        p.openEntries -= uint64(entryIds.length);
        if (amount > 0) metis.safeTransfer(msg.sender, amount);
        if (slashed > 0) metis.safeTransfer(treasury, slashed);
    }

    /// @notice Moves `amount` METIS of the caller's position to another (active) sequencer at once,
    /// without unbonding. Allowed once per exit delay per position (both the source and the
    /// destination position are marked, and neither may have redelegated within it).
    /// `type(uint256).max` moves the whole position. The moved METIS stays liable, for the exit delay,
    /// for slashes of the source for offences before the move (docs/MECHANISMS.md §3.2): the destination position
    /// records it (`liabilityOf`) and cannot undelegate below it meanwhile.
    /// @param fromSequencerId The source sequencer.
    /// @param toSequencerId The destination sequencer.
    /// @param amount METIS to move.
    function redelegate(uint256 fromSequencerId, uint256 toSequencerId, uint256 amount) external nonReentrant {
        if (fromSequencerId == toSequencerId) revert SameSequencer();
        Sequencer storage from = _sequencer(fromSequencerId);
        Sequencer storage to = _sequencer(toSequencerId);
        Position storage p = _redelegationAllowed(fromSequencerId);
        Position storage q = _redelegationAllowed(toSequencerId);
        uint256 moved = _removeDelegation(fromSequencerId, from, msg.sender, amount);
        _addDelegation(toSequencerId, to, msg.sender, moved); // settles any earlier liability there
        SlashLedger.Liability storage l = _books[toSequencerId].liabilityOf[msg.sender];
        if (l.amount != 0) revert RedelegationTooSoon(toSequencerId, l.until);
        _books[toSequencerId].liabilityOf[msg.sender] = SlashLedger.Liability({
            amount: SafeCast.toUint128(moved),
            fromId: uint64(fromSequencerId),
            nextSlash: uint64(_books[fromSequencerId].count),
            at: uint64(block.timestamp),
            until: uint64(block.timestamp) + exitDelay
        });
        p.lastRedelegationAt = uint64(block.timestamp);
        q.lastRedelegationAt = uint64(block.timestamp);
        emit Redelegated(msg.sender, fromSequencerId, toSequencerId, moved);
        _sync(fromSequencerId, from);
        _sync(toSequencerId, to);
    }

    /// @notice Pays the caller's pending rewards earned behind a sequencer.
    /// @param sequencerId The sequencer.
    /// @return amount METIS paid.
    function claim(uint256 sequencerId) external nonReentrant returns (uint256 amount) {
        amount = _takeRewards(sequencerId, msg.sender);
        if (amount == 0) revert NothingToClaim();
        rewardReserve -= amount;
        emit RewardsClaimed(msg.sender, sequencerId, amount);
        metis.safeTransfer(msg.sender, amount);
    }

    /// @notice Pays the caller's pending rewards behind several sequencers in one transfer (at most
    /// `MAX_CLAIM_BATCH`; sequencers with nothing pending are skipped).
    /// @param sequencerIds The sequencers.
    /// @return total METIS paid.
    function claimAll(uint256[] calldata sequencerIds) external nonReentrant returns (uint256 total) {
        if (sequencerIds.length == 0 || sequencerIds.length > MAX_CLAIM_BATCH) {
            revert InvalidBatch(sequencerIds.length);
        }
        for (uint256 i; i < sequencerIds.length; ++i) {
            uint256 amount = _takeRewards(sequencerIds[i], msg.sender);
            if (amount > 0) {
                total += amount;
                emit RewardsClaimed(msg.sender, sequencerIds[i], amount);
            }
        }
        if (total == 0) revert NothingToClaim();
        rewardReserve -= total;
        metis.safeTransfer(msg.sender, total);
    }

    /// @notice Re-delegates the caller's pending rewards to the same (active) sequencer.
    /// @param sequencerId The sequencer.
    /// @return amount METIS compounded.
    function compound(uint256 sequencerId) external nonReentrant returns (uint256 amount) {
        Sequencer storage s = _sequencer(sequencerId);
        amount = _takeRewards(sequencerId, msg.sender);
        if (amount == 0) revert NothingToClaim();
        rewardReserve -= amount;
        _addDelegation(sequencerId, s, msg.sender, amount);
        emit RewardsCompounded(msg.sender, sequencerId, amount);
        _sync(sequencerId, s);
    }

    // ------------------------------------------------------------------ rewards and governance

    /// @notice Credits `amount` METIS (pulled from the caller) of rewards to an active sequencer, split
    /// pro rata between self-lock and delegations: the operator gets its part plus `commissionBps` of
    /// the delegators' part, the delegators the rest of theirs (docs/MECHANISMS.md §3.2).
    /// Only the reward distributor.
    /// @param sequencerId The sequencer.
    /// @param amount METIS to credit.
    function distributeReward(uint256 sequencerId, uint256 amount) external nonReentrant {
        if (msg.sender != rewardDistributor) revert NotRewardDistributor(msg.sender);
        if (amount == 0) revert ZeroAmount();
        Sequencer storage s = _sequencer(sequencerId);
        if (s.status != SequencerStatus.Active) revert InvalidStatus(sequencerId, s.status);
        _applyCommission(s);
        uint256 totalShares = s.totalShares;
        uint256 selfShares = s.selfShares;
        uint256 delegatorShares = totalShares - selfShares;
        uint256 c = s.commissionBps;
        // docs/MECHANISMS.md §3.2: delegators get exactly (1 - c) x their pro-rata part; the operator its own
        // pro-rata part plus c x the delegators' part. Each side is the floor of its exact figure, so
        // rounding favours the protocol (at most 2 wei of dust per reward stays in the reserve).
        uint256 denominator = totalShares * BPS;
        uint256 commission = Math.mulDiv(amount, delegatorShares * c, denominator);
        s.operatorRewards += Math.mulDiv(amount, selfShares * BPS + delegatorShares * c, denominator);
        if (delegatorShares > 0) {
            uint256 delegatorsNet = Math.mulDiv(amount, delegatorShares * (BPS - c), denominator);
            s.accRewardPerShare += Math.mulDiv(delegatorsNet, ACC_PRECISION, delegatorShares);
        }
        rewardReserve += amount;
        emit RewardDistributed(sequencerId, amount, commission);
        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Slashes `fractionBps` (at most `MAX_SLASH_BPS`) for an offence committed at `offenceTime`
    /// and jails the sequencer (unless it is already exiting). Only governance. The stake behind it
    /// now (self-lock and delegations) loses the fraction at once: `rewardBps` of what does not go
    /// to late arrivals' refunds is paid to `rewardee` (the challenger), the rest to the treasury.
    /// Stake that left it after the offence pays the same fraction lazily (docs/MECHANISMS.md §3.2):
    /// unbonding entries that had not matured at their withdrawal, redelegations within the exit
    /// delay at their next touch (`settleLiability`). Unbonding that left before the offence, or had
    /// matured, is not slashed. At most `MAX_SLASHES_PER_EXIT_DELAY` slashes per sequencer per exit delay.
    /// @param sequencerId The sequencer.
    /// @param fractionBps Fraction to slash, in basis points.
    /// @param offenceTime When the offence was committed (unix seconds, not in the future).
    /// @param rewardee Who receives the reward (ignored when `rewardBps` is zero).
    /// @param rewardBps Share of the slash, after refunds, paid to `rewardee` (at most 100%).
    /// @param reason Why (challenge id, evidence URI, ...).
    function slash(
        uint256 sequencerId,
        uint256 fractionBps,
        uint64 offenceTime,
        address rewardee,
        uint256 rewardBps,
        string calldata reason
    ) external onlyOwner nonReentrant {
        Sequencer storage s = _sequencer(sequencerId);
        (uint256 stakeSlashed, uint256 refund, uint256 reward) = _books[sequencerId].recordSlash(
            sequencerId, fractionBps, offenceTime, exitDelay, s.totalPooled, MAX_SLASH_BPS, rewardBps
        );
        s.totalPooled -= stakeSlashed;
        emit Slashed(sequencerId, fractionBps, offenceTime, stakeSlashed, refund, reward, reason);
        _jail(sequencerId, s, reason);
        rewardReserve += refund; // late arrivals' refunds, paid into their claimable rewards
        if (reward > 0) metis.safeTransfer(rewardee, reward);
        metis.safeTransfer(treasury, stakeSlashed - refund - reward);
        _sync(sequencerId, s);
    }

    /// @notice Applies the slashes a redelegation into `account`'s position at `sequencerId` is
    /// liable for (burning them into the treasury) and pays it the refunds of slashes for offences
    /// before its stake arrived (`arrivalOf`). Anyone; also done by every stake change of the position.
    /// @param sequencerId The destination sequencer.
    /// @param account The position's owner.
    function settleLiability(uint256 sequencerId, address account) external nonReentrant {
        Sequencer storage s = _sequencer(sequencerId);
        uint256 pooled = s.totalPooled;
        _settle(sequencerId, account, 0, 0);
        if (s.totalPooled != pooled) _sync(sequencerId, s);
    }

    /// @notice Jails the sequencer without slashing (e.g. an Eco Node emergency action). Only governance.
    /// @param sequencerId The sequencer.
    /// @param reason Why.
    function jail(uint256 sequencerId, string calldata reason) external onlyOwner {
        Sequencer storage s = _sequencer(sequencerId);
        _requireActiveOrJailed(sequencerId, s);
        _jail(sequencerId, s, reason);
        _sync(sequencerId, s);
    }

    /// @notice Adds or removes `account` from the registration whitelist. Only governance.
    /// @param account The address.
    /// @param allowed Whether it may register.
    function setWhitelist(address account, bool allowed) external onlyOwner {
        whitelisted[account] = allowed;
        emit WhitelistUpdated(account, allowed);
    }

    /// @notice Sets `minLock` and `maxLock`. Only governance.
    /// @param newMinLock Smallest self-lock (> 0).
    /// @param newMaxLock Largest self-lock (≥ newMinLock).
    function setLockBounds(uint256 newMinLock, uint256 newMaxLock) external onlyOwner {
        _setLockBounds(newMinLock, newMaxLock);
    }

    /// @notice Sets `maxSequencerStake`. Only governance. Lowering it constrains new stake only.
    /// @param value New cap (≥ maxLock).
    function setMaxSequencerStake(uint256 value) external onlyOwner {
        _setMaxSequencerStake(value);
    }

    /// @notice Sets `minPosition`. Only governance.
    /// @param value New minimum position (> 0).
    function setMinPosition(uint256 value) external onlyOwner {
        _setMinPosition(value);
    }

    /// @notice Sets `exitDelay`. Only governance. Applies to entries and requests made afterwards.
    /// @param value New delay in seconds (> 0, ≤ 365 days).
    function setExitDelay(uint64 value) external onlyOwner {
        _setExitDelay(value);
    }

    /// @notice Sets `jailPeriod`. Only governance.
    /// @param value New period in seconds (≤ 365 days).
    function setJailPeriod(uint64 value) external onlyOwner {
        _setJailPeriod(value);
    }

    /// @notice Sets `signerUpdateThrottle`. Only governance.
    /// @param value New throttle in seconds (≤ 365 days).
    function setSignerUpdateThrottle(uint64 value) external onlyOwner {
        _setSignerUpdateThrottle(value);
    }

    /// @notice Sets `maxCommissionBps`. Only governance.
    /// @param value New maximum (≤ 10,000).
    function setMaxCommissionBps(uint16 value) external onlyOwner {
        _setMaxCommissionBps(value);
    }

    /// @notice Sets `delegationMultiplier`. Only governance. Lowering it constrains new stake only.
    /// @param value New multiplier.
    function setDelegationMultiplier(uint16 value) external onlyOwner {
        _setDelegationMultiplier(value);
    }

    /// @notice Sets the treasury that receives slashed METIS. Only governance.
    /// @param newTreasury The treasury.
    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress();
        treasury = newTreasury;
        emit TreasuryUpdated(newTreasury);
    }

    /// @notice Sets the reward distributor. Only governance.
    /// @param distributor The distributor (zero disables rewards).
    function setRewardDistributor(address distributor) external onlyOwner {
        rewardDistributor = distributor;
        emit RewardDistributorUpdated(distributor);
    }

    /// @notice Sets the L2 sequencer set that sync messages go to. Only governance.
    /// @param sequencerSet The L2 contract.
    function setL2SequencerSet(address sequencerSet) external onlyOwner {
        if (sequencerSet == address(0)) revert ZeroAddress();
        l2SequencerSet = sequencerSet;
        emit L2SequencerSetUpdated(sequencerSet);
    }

    /// @notice Smallest time between two `resync`s of one sequencer to the same L2 set.
    uint256 internal constant RESYNC_INTERVAL = 1 days;

    /// @dev The L2 set a sequencer was last re-synced to, and when (see `resync`).
    struct ResyncMark {
        address l2Set;
        uint64 at;
    }

    /// @dev The last `resync` of each sequencer.
    mapping(uint256 sequencerId => ResyncMark) private _lastResync;

    /// @notice The sequencer was re-synced to the current L2 set less than `RESYNC_INTERVAL` ago.
    error ResyncTooSoon(uint256 sequencerId, uint256 nextAllowedAt);

    /// @notice Re-sends the sequencer's current state to L2 (e.g. after the L2 set was replaced, or
    /// when a sync message expired undelivered). Anyone may call, but it is not a free spam source on
    /// the bus (docs/MECHANISMS.md §5): once per sequencer for each new L2 set, and otherwise at
    /// most once per `RESYNC_INTERVAL` per sequencer (bounded by the whitelisted sequencers).
    /// @param sequencerId The sequencer.
    function resync(uint256 sequencerId) external {
        Sequencer storage s = _sequencer(sequencerId);
        ResyncMark memory last = _lastResync[sequencerId];
        address l2Set = l2SequencerSet;
        if (last.l2Set == l2Set && block.timestamp < uint256(last.at) + RESYNC_INTERVAL) {
            revert ResyncTooSoon(sequencerId, uint256(last.at) + RESYNC_INTERVAL);
        }
        _lastResync[sequencerId] = ResyncMark(l2Set, uint64(block.timestamp));
        _sync(sequencerId, s);
    }

    // ------------------------------------------------------------------ views

    /// @notice Everything about sequencer `sequencerId` (commission is the one in effect now).
    function getSequencer(uint256 sequencerId) external view returns (SequencerInfo memory info) {
        Sequencer storage s = _sequencers[sequencerId];
        info.id = sequencerId;
        info.owner = s.owner;
        info.pendingOwner = s.pendingOwner;
        info.signer = s.signer;
        info.rewardRecipient = s.rewardRecipient;
        info.status = s.status;
        (info.commissionBps, info.pendingCommissionBps) = _commissions(s);
        info.commissionEffectiveAt = s.commissionEffectiveAt;
        info.lastCommissionChangeAt = s.lastCommissionChangeAt;
        info.jailedUntil = s.jailedUntil;
        info.unlockAt = s.unlockAt;
        info.lastSignerUpdateAt = s.lastSignerUpdateAt;
        info.selfLock = _value(s, s.selfShares);
        info.totalStake = s.totalPooled;
        info.delegated = s.totalPooled - info.selfLock;
        info.totalShares = s.totalShares;
        info.selfShares = s.selfShares;
        info.unbonding = s.unbondingPooled;
        info.operatorRewards = operatorPendingRewards(sequencerId);
        info.metadataURI = s.metadataURI;
    }

    /// @notice The commission in effect now, in basis points.
    function commissionOf(uint256 sequencerId) external view returns (uint16 commissionBps) {
        (commissionBps,) = _commissions(_sequencers[sequencerId]);
    }

    /// @notice Self-lock of the sequencer in METIS.
    function selfLockOf(uint256 sequencerId) external view returns (uint256) {
        Sequencer storage s = _sequencers[sequencerId];
        return _value(s, s.selfShares);
    }

    /// @notice Delegated METIS behind the sequencer (excluding the self-lock).
    function delegatedTo(uint256 sequencerId) external view returns (uint256) {
        Sequencer storage s = _sequencers[sequencerId];
        return s.totalPooled - _value(s, s.selfShares);
    }

    /// @notice Total stake (self-lock + delegations) behind the sequencer, in METIS.
    function totalStakeOf(uint256 sequencerId) external view returns (uint256) {
        return _sequencers[sequencerId].totalPooled;
    }

    /// @notice METIS in the sequencer's unbonding pool (pending unbondings, after slashing).
    function unbondingOf(uint256 sequencerId) external view returns (uint256) {
        return _sequencers[sequencerId].unbondingPooled;
    }

    /// @notice The sequencer's status.
    function statusOf(uint256 sequencerId) external view returns (SequencerStatus) {
        return _sequencers[sequencerId].status;
    }

    /// @notice Unclaimed operator rewards (commission and self-lock share).
    function operatorPendingRewards(uint256 sequencerId) public view returns (uint256) {
        Sequencer storage s = _sequencers[sequencerId];
        return s.operatorRewards;
    }

    /// @notice `account`'s delegation at a sequencer: shares, METIS value, pending rewards, last
    /// redelegation time and open unbonding entries.
    function positionOf(uint256 sequencerId, address account)
        external
        view
        returns (uint256 shares, uint256 value, uint256 rewards, uint64 lastRedelegationAt, uint64 openEntries)
    {
        Position storage p = _positions[sequencerId][account];
        Sequencer storage s = _sequencers[sequencerId];
        shares = p.shares;
        value = _value(s, shares);
        rewards = p.pendingRewards + _owed(shares, s.accRewardPerShare, p.rewardDebt);
        lastRedelegationAt = p.lastRedelegationAt;
        openEntries = p.openEntries;
    }

    /// @notice `account`'s pending rewards at a sequencer.
    function pendingRewards(uint256 sequencerId, address account) external view returns (uint256) {
        Position storage p = _positions[sequencerId][account];
        return p.pendingRewards + _owed(p.shares, _sequencers[sequencerId].accRewardPerShare, p.rewardDebt);
    }

    /// @notice Id the next unbonding entry of `account` at the sequencer will get (entries are
    /// numbered from 0).
    function nextEntryId(uint256 sequencerId, address account) external view returns (uint256) {
        return _positions[sequencerId][account].nextEntryId;
    }

    /// @notice Unbonding entry `entryId` of `account`: nominal METIS, its value after the slashes
    /// logged so far that it is liable for, and its maturity time (all zero once withdrawn).
    function unbondingEntry(uint256 sequencerId, address account, uint256 entryId)
        external
        view
        returns (uint256 shares, uint256 value, uint64 maturesAt)
    {
        return _books[sequencerId].entry(account, entryId);
    }

    /// @notice The redelegation liability of `account`'s position at `sequencerId` and the METIS it
    /// owes now for the slashes logged so far (zero record: none).
    function liabilityOf(uint256 sequencerId, address account)
        external
        view
        returns (SlashLedger.Liability memory l, uint256 due)
    {
        return SlashLedger.liability(_books, sequencerId, account);
    }

    /// @notice `account`'s recorded arrival at `sequencerId` (METIS, UTC day, log position) and the
    /// refund of slashes for offences before it that `settleLiability` would pay now.
    function arrivalOf(uint256 sequencerId, address account)
        external
        view
        returns (SlashLedger.Arrival memory arrival, uint256 refundDue)
    {
        return _books[sequencerId].arrival(account, exitDelay);
    }

    // ------------------------------------------------------------------ internals: delegation

    function _redelegationAllowed(uint256 sequencerId) private view returns (Position storage p) {
        p = _positions[sequencerId][msg.sender];
        uint64 last = p.lastRedelegationAt;
        if (last != 0 && block.timestamp < last + exitDelay) revert RedelegationTooSoon(sequencerId, last + exitDelay);
    }

    function _delegateFromWallet(uint256 sequencerId, uint256 amount) private {
        Sequencer storage s = _sequencer(sequencerId);
        _addDelegation(sequencerId, s, msg.sender, amount);
        metis.safeTransferFrom(msg.sender, address(this), amount);
        _sync(sequencerId, s);
    }

    function _addDelegation(uint256 sequencerId, Sequencer storage s, address account, uint256 amount) private {
        if (s.status != SequencerStatus.Active) revert InvalidStatus(sequencerId, s.status);
        if (amount == 0) revert ZeroAmount();
        _settle(sequencerId, account, amount, 0);
        uint256 newPooled = s.totalPooled + amount;
        if (newPooled > maxSequencerStake) revert SequencerStakeCapExceeded(sequencerId, newPooled, maxSequencerStake);
        uint256 shares = _sharesForDeposit(s, amount);
        if (shares == 0) revert ZeroShares();
        uint256 newTotalShares = s.totalShares + shares;
        uint256 selfShares = s.selfShares;
        if (newTotalShares - selfShares > uint256(delegationMultiplier) * selfShares) {
            revert DelegationCapExceeded(sequencerId);
        }
        Position storage p = _positions[sequencerId][account];
        uint256 acc = s.accRewardPerShare;
        uint256 oldShares = p.shares;
        if (oldShares > 0) p.pendingRewards += _owed(oldShares, acc, p.rewardDebt);
        uint256 newShares = oldShares + shares;
        // Checked on the METIS put in (not the rounded-down share value), so 1 METIS is always enough.
        uint256 nominal = _value(s, oldShares) + amount;
        if (nominal < minPosition) revert BelowMinPosition(nominal, minPosition);
        p.shares = newShares;
        p.rewardDebt = _debt(newShares, acc);
        s.totalShares = newTotalShares;
        s.totalPooled = newPooled;
        emit Delegated(account, sequencerId, amount, shares);
    }

    /// @dev Burns the shares worth `amount` (rounded up) from the position; returns the METIS removed
    /// from the pool (the whole position's value when all its shares go).
    function _removeDelegation(uint256 sequencerId, Sequencer storage s, address account, uint256 amount)
        private
        returns (uint256 removed)
    {
        if (amount == 0) revert ZeroAmount();
        _settle(sequencerId, account, 0, amount);
        Position storage p = _positions[sequencerId][account];
        uint256 oldShares = p.shares;
        uint256 totalShares = s.totalShares;
        uint256 pooled = s.totalPooled;
        uint256 burned;
        if (amount == type(uint256).max) {
            burned = oldShares;
        } else {
            uint256 value = totalShares == 0 ? 0 : Math.mulDiv(oldShares, pooled, totalShares);
            if (amount > value) revert InsufficientStake(amount, value);
            burned = Math.mulDiv(amount, totalShares, pooled, Math.Rounding.Ceil);
        }
        if (burned == 0) revert ZeroShares();
        uint256 remaining = oldShares - burned;
        removed = remaining == 0 ? Math.mulDiv(burned, pooled, totalShares) : amount;
        uint256 acc = s.accRewardPerShare;
        p.pendingRewards += _owed(oldShares, acc, p.rewardDebt);
        p.shares = remaining;
        p.rewardDebt = _debt(remaining, acc);
        s.totalShares = totalShares - burned;
        s.totalPooled = pooled - removed;
        uint256 remainingValue = remaining == 0 ? 0 : Math.mulDiv(remaining, pooled - removed, totalShares - burned);
        if (remaining > 0 && remainingValue < minPosition) revert BelowMinPosition(remainingValue, minPosition);
        SlashLedger.Liability storage l = _books[sequencerId].liabilityOf[account];
        if (remainingValue < l.amount) revert StakeStillLiable(sequencerId, l.until);
        if (removed == 0) revert ZeroAmount();
    }

    function _openEntry(uint256 sequencerId, Sequencer storage s, address account, uint256 amount)
        private
        returns (uint256 entryId, uint64 maturesAt)
    {
        Position storage p = _positions[sequencerId][account];
        if (p.openEntries >= MAX_UNBONDING_ENTRIES) revert TooManyUnbondingEntries(sequencerId, account);
        s.unbondingPooled += amount;
        entryId = p.nextEntryId;
        maturesAt = uint64(block.timestamp) + exitDelay;
        p.nextEntryId = SafeCast.toUint64(entryId + 1);
        p.openEntries += 1;
        _books[sequencerId].entries[account][entryId] = SlashLedger.UnbondingEntry({
            amount: SafeCast.toUint128(amount),
            leftAt: uint40(block.timestamp),
            maturesAt: uint40(maturesAt),
            slashIndex: uint48(_books[sequencerId].count)
        });
    }

    /// @dev Settles what `account`'s position owes (redelegation liability: burns that METIS from the
    /// position into the treasury) and is owed (slash refunds, added to its claimable rewards), and
    /// records `arriving` / `leaving` METIS in its arrival record (`SlashLedger.touch`; `leaving` may be
    /// `type(uint256).max`, the whole position).
    function _settle(uint256 sequencerId, address account, uint256 arriving, uint256 leaving) private {
        (uint256 refund, uint256 due, uint256 fromId) =
            SlashLedger.touch(_books, sequencerId, account, arriving, leaving, exitDelay);
        Position storage p = _positions[sequencerId][account];
        if (refund != 0) {
            // reserved at the slash; paid as claimable METIS, so the share price stays put
            p.pendingRewards += refund;
            emit SlashRefunded(account, sequencerId, refund);
        }
        if (due == 0) return;
        Sequencer storage s = _sequencers[sequencerId];
        uint256 shares = p.shares;
        uint256 value = _value(s, shares);
        uint256 burned = due >= value ? shares : Math.min(_sharesToBurn(s, due), shares);
        if (burned == shares) due = value;
        uint256 acc = s.accRewardPerShare;
        p.pendingRewards += _owed(shares, acc, p.rewardDebt);
        p.shares = shares - burned;
        p.rewardDebt = _debt(shares - burned, acc);
        s.totalShares -= burned;
        s.totalPooled -= due;
        if (due == 0) return;
        emit RedelegationSlashed(account, fromId, sequencerId, due);
        metis.safeTransfer(treasury, due);
    }

    function _takeRewards(uint256 sequencerId, address account) private returns (uint256 amount) {
        Position storage p = _positions[sequencerId][account];
        uint256 shares = p.shares;
        uint256 acc = _sequencers[sequencerId].accRewardPerShare;
        amount = p.pendingRewards + _owed(shares, acc, p.rewardDebt);
        if (amount > 0) {
            p.pendingRewards = 0;
            p.rewardDebt = _debt(shares, acc);
        }
    }

    // ------------------------------------------------------------------ internals: operator

    function _applyCommission(Sequencer storage s) private {
        if (s.commissionEffectiveAt != 0 && block.timestamp >= s.commissionEffectiveAt) {
            s.commissionBps = s.pendingCommissionBps;
            s.commissionEffectiveAt = 0;
        }
    }

    function _commissions(Sequencer storage s) private view returns (uint16 current, uint16 pending) {
        current = s.commissionBps;
        pending = s.pendingCommissionBps;
        if (s.commissionEffectiveAt != 0 && block.timestamp >= s.commissionEffectiveAt) current = pending;
    }

    function _jail(uint256 sequencerId, Sequencer storage s, string calldata reason) private {
        if (s.status != SequencerStatus.Active && s.status != SequencerStatus.Jailed) return;
        s.status = SequencerStatus.Jailed;
        uint64 until = uint64(block.timestamp) + jailPeriod;
        if (until > s.jailedUntil) s.jailedUntil = until;
        emit Jailed(sequencerId, s.jailedUntil, reason);
    }

    function _sync(uint256 sequencerId, Sequencer storage s) private {
        uint64 version = s.syncVersion + 1;
        s.syncVersion = version;
        SequencerStatus status = s.status;
        uint256 stake = s.totalPooled;
        outbox.sendMessage(
            l2SequencerSet,
            abi.encodeCall(ISequencerSetSync.syncSequencer, (sequencerId, s.signer, stake, uint8(status), version)),
            L2_SYNC_GAS_LIMIT
        );
        emit SequencerSynced(sequencerId, version, stake, status);
    }

    // ------------------------------------------------------------------ internals: math

    function _value(Sequencer storage s, uint256 shares) private view returns (uint256) {
        uint256 totalShares = s.totalShares;
        return totalShares == 0 ? 0 : Math.mulDiv(shares, s.totalPooled, totalShares);
    }

    function _sharesForDeposit(Sequencer storage s, uint256 amount) private view returns (uint256) {
        uint256 totalShares = s.totalShares;
        return totalShares == 0 ? amount : Math.mulDiv(amount, totalShares, s.totalPooled);
    }

    function _sharesToBurn(Sequencer storage s, uint256 amount) private view returns (uint256) {
        return Math.mulDiv(amount, s.totalShares, s.totalPooled, Math.Rounding.Ceil);
    }

    /// @dev Rewards accrued since the debt was set: accrual rounds down and debt rounds up, so the
    /// sum of everything owed never exceeds what was distributed (the reserve always covers claims).
    function _owed(uint256 shares, uint256 acc, uint256 debt) private pure returns (uint256) {
        uint256 accrued = Math.mulDiv(shares, acc, ACC_PRECISION);
        return accrued > debt ? accrued - debt : 0;
    }

    function _debt(uint256 shares, uint256 acc) private pure returns (uint256) {
        return Math.mulDiv(shares, acc, ACC_PRECISION, Math.Rounding.Ceil);
    }

    // ------------------------------------------------------------------ internals: parameters

    function _setLockBounds(uint256 newMinLock, uint256 newMaxLock) private {
        if (
            newMinLock == 0 || newMaxLock < newMinLock || newMaxLock > type(uint128).max
                || (maxSequencerStake != 0 && newMaxLock > maxSequencerStake)
        ) {
            revert InvalidParameter("lockBounds");
        }
        minLock = uint128(newMinLock);
        maxLock = uint128(newMaxLock);
        emit ParameterUpdated("minLock", newMinLock);
        emit ParameterUpdated("maxLock", newMaxLock);
    }

    function _setMaxSequencerStake(uint256 value) private {
        if (value < maxLock || value > type(uint128).max) revert InvalidParameter("maxSequencerStake");
        maxSequencerStake = uint128(value);
        emit ParameterUpdated("maxSequencerStake", value);
    }

    function _setMinPosition(uint256 value) private {
        if (value == 0 || value > type(uint128).max) revert InvalidParameter("minPosition");
        minPosition = uint128(value);
        emit ParameterUpdated("minPosition", value);
    }

    function _setExitDelay(uint64 value) private {
        if (value == 0 || value > 365 days) revert InvalidParameter("exitDelay");
        exitDelay = value;
        emit ParameterUpdated("exitDelay", value);
    }

    function _setJailPeriod(uint64 value) private {
        if (value > 365 days) revert InvalidParameter("jailPeriod");
        jailPeriod = value;
        emit ParameterUpdated("jailPeriod", value);
    }

    function _setSignerUpdateThrottle(uint64 value) private {
        if (value > 365 days) revert InvalidParameter("signerUpdateThrottle");
        signerUpdateThrottle = value;
        emit ParameterUpdated("signerUpdateThrottle", value);
    }

    function _setMaxCommissionBps(uint16 value) private {
        if (value > BPS) revert InvalidParameter("maxCommissionBps");
        maxCommissionBps = value;
        emit ParameterUpdated("maxCommissionBps", value);
    }

    function _setDelegationMultiplier(uint16 value) private {
        delegationMultiplier = value;
        emit ParameterUpdated("delegationMultiplier", value);
    }
}
