// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {VotesHistory, ExpiringVotes} from "./VotesHistory.sol";

/// @title Vote-escrowed METIS (veMETIS)
/// @notice Lock L2 METIS for 7 to 730 days to get voting units; delegate them (to yourself, another account or
/// a Commons group) to turn them into votes in the Commons governor. Not transferable.
///
/// Units formula (all integer maths, rounded down, MAX = `maxLockDuration`, 730 days in production):
/// - `createLock(amount, duration)`: units = amount + amount * duration / MAX; the lock ends at now + duration
///   rounded up to the next whole day (UTC midnight; lock ends lie on a day grid, see "Expiry" below).
/// - `increaseAmount(added)`: the lock's existing units are kept (fixed until expiry); the added METIS is
///   priced on the commitment it makes, the time left until the lock ends:
///   units += added + added * (end - now) / MAX. Requires at least `minLockDuration` left.
/// - `extendLock(newEnd)`: the whole amount is re-committed from now until `newEnd`, and re-priced on that
///   commitment: units = amount + amount * (newEnd - now) / MAX (the end is rounded up to the day grid as in
///   `createLock`). This can lower the units of a lock that had
///   been priced on a longer commitment than what remains after the extension (previewed by `previewExtend`);
///   keeping the old units instead would let a lock keep a 2x weight forever for 7-day re-commitments.
///   Also re-activates an expired (kicked or not) lock.
/// Units are otherwise fixed until the lock ends; they do not decay.
///
/// Expiry (docs/MECHANISMS.md §4.1): a lock's units stop counting at its `end` in every lookup, with nobody having to act:
/// `getVotes`/`getPastVotes` of its delegatee (a Commons group pooling many delegators included),
/// `getPastUnits`/`unitsOf` of the account, `getPastTotalSupply`/`totalUnits`, and `getPastDelegatorCount`.
/// Lock ends lie on a grid of whole days; each delegatee, and the total, keep a schedule of the units expiring
/// on each future day, and every checkpoint stores the first scheduled day after it, so a lookup whose
/// checkpoint has no expiry before the timepoint costs nothing extra (see `ExpiringVotes` in VotesHistory.sol
/// for the proof that past lookups never change, and the bounds). `kick` only tidies the lock's storage.
///
/// Votes follow OpenZeppelin's IVotes / ERC-5805 semantics with a timestamp clock. In addition the contract
/// checkpoints each account's own units (`getPastUnits`) and its delegatee (`getPastDelegate`); at every
/// timepoint, the votes of a delegatee equal the sum of the units of the accounts delegating to it.
/// A first lock self-delegates an account that has never chosen a delegatee; an account that chose
/// `delegate(address(0))` keeps that choice.
///
/// Members: `getPastDelegatorCount(d, t)` counts the accounts delegating to `d` at `t` whose own unexpired units
/// at `t` are at least `MEMBER_MIN_UNITS` (the Eco Node promotion criteria, docs/MECHANISMS.md §4.4).
contract VeMetis is IERC5805, EIP712, Nonces, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using VotesHistory for VotesHistory.History;
    using ExpiringVotes for ExpiringVotes.Ledger;

    /// @notice One account's lock: packed in one slot.
    struct Lock {
        uint104 amount;
        uint104 units;
        uint48 end;
    }

    bytes32 private constant DELEGATION_TYPEHASH =
        keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");

    /// @notice The locked token (L2 METIS).
    IERC20 public immutable metis;
    /// @notice Shortest lock duration (7 days in production).
    uint256 public immutable minLockDuration;
    /// @notice Longest lock duration (730 days in production); a lock of this length gets 2 units per METIS.
    uint256 public immutable maxLockDuration;

    /// @notice Lock ends lie on this grid: whole days (UTC midnight).
    uint256 public constant LOCK_GRID = ExpiringVotes.GRID;
    /// @notice Own units an account needs for `getPastDelegatorCount` to count it (100 units).
    uint256 public constant MEMBER_MIN_UNITS = 100e18;
    /// @notice Longest `maxLockDuration` accepted: it bounds the expiry walks (see `ExpiringVotes`).
    uint256 public constant MAX_LOCK_LIMIT = 1460 days;

    /// @dev Bound on how many grid days after a checkpoint a contribution scheduled then can end.
    uint256 private immutable _maxDays;

    /// @notice Total METIS held in locks.
    uint256 public totalLocked;

    mapping(address account => Lock) private _locks;
    mapping(address account => address) private _delegatee;
    /// @dev Votes (and delegator count) of each delegatee, with their expiry schedule.
    mapping(address account => ExpiringVotes.Ledger) private _votesHistory;
    /// @dev Own units of each account; the checkpoint's `next` is its lock's end day.
    mapping(address account => ExpiringVotes.Ledger) private _unitsHistory;
    mapping(address account => VotesHistory.History) private _delegateHistory;
    ExpiringVotes.Ledger private _totalUnitsHistory;

    /// @notice A lock was created.
    event LockCreated(address indexed account, uint256 amount, uint256 end, uint256 units);
    /// @notice METIS was added to a lock; `amount` and `units` are the lock's new totals.
    event LockIncreased(address indexed account, uint256 added, uint256 amount, uint256 units);
    /// @notice A lock was extended to `end`; `units` are its new units.
    event LockExtended(address indexed account, uint256 end, uint256 units);
    /// @notice The storage of an expired lock was tidied by `caller` (its `units` had stopped counting at its end).
    event LockKicked(address indexed account, address indexed caller, uint256 units);
    /// @notice Expiries of `delegatee`'s votes and of the total were folded into new checkpoints by `poke`.
    event ExpiriesSettled(address indexed delegatee, uint256 votes, uint256 totalUnits);
    /// @notice An expired lock was withdrawn.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The units of `account` changed (every lock operation emits this too).
    event UnitsChanged(address indexed account, uint256 previousUnits, uint256 newUnits);

    /// @notice Amount is zero.
    error ZeroAmount();
    /// @notice A lock duration (or time left) is outside [min, max].
    error InvalidDuration(uint256 duration, uint256 minDuration, uint256 maxDuration);
    /// @notice The account already has a lock (use increaseAmount / extendLock).
    error LockExists(address account);
    /// @notice The account has no lock.
    error NoLock(address account);
    /// @notice The lock has not ended yet.
    error LockNotExpired(address account, uint256 end);
    /// @notice The lock has ended (extend it first).
    error LockExpired(address account, uint256 end);
    /// @notice The new end is not after the current end.
    error EndNotLater(uint256 newEnd, uint256 currentEnd);
    /// @notice The lock has no units left to kick.
    error NothingToKick(address account);
    /// @notice The timepoint is not in the past.
    error ERC5805FutureLookup(uint256 timepoint, uint48 clock);
    /// @notice Invalid construction parameters.
    error InvalidConfig();

    /// @param metis_ the L2 METIS token
    /// @param minLockDuration_ shortest lock (7 days in production)
    /// @param maxLockDuration_ longest lock (730 days in production)
    constructor(IERC20 metis_, uint256 minLockDuration_, uint256 maxLockDuration_) EIP712("veMETIS", "1") {
        if (address(metis_) == address(0) || minLockDuration_ == 0 || maxLockDuration_ < minLockDuration_) {
            revert InvalidConfig();
        }
        if (maxLockDuration_ > MAX_LOCK_LIMIT) revert InvalidConfig();
        metis = metis_;
        minLockDuration = minLockDuration_;
        maxLockDuration = maxLockDuration_;
        // a lock made at time w ends by w + max rounded up to the grid: at most max / GRID + 2 days after w's day
        _maxDays = maxLockDuration_ / ExpiringVotes.GRID + 2;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Locks
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Locks `amount` METIS for `duration` seconds, the end rounded up to the next whole day (approve
    /// first). Self-delegates an account that has never chosen a delegatee.
    /// @return units the voting units of the new lock
    function createLock(uint256 amount, uint256 duration) external nonReentrant returns (uint256 units) {
        return _createLock(msg.sender, amount, duration);
    }

    /// @notice `createLock` with an EIP-2612 permit instead of a prior approval. A failing permit is ignored
    /// (it may have been front-run) and the transfer then needs an existing allowance.
    function createLockWithPermit(uint256 amount, uint256 duration, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 units)
    {
        try IERC20Permit(address(metis)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _createLock(msg.sender, amount, duration);
    }

    /// @notice Adds `amount` METIS to the caller's lock (approve first); see the contract doc for the units.
    /// @return units the lock's new voting units
    function increaseAmount(uint256 amount) external nonReentrant returns (uint256 units) {
        if (amount == 0) revert ZeroAmount();
        Lock memory l = _locks[msg.sender];
        if (l.amount == 0) revert NoLock(msg.sender);
        if (l.end <= block.timestamp) revert LockExpired(msg.sender, l.end);
        uint256 left = l.end - block.timestamp;
        if (left < minLockDuration) revert InvalidDuration(left, minLockDuration, maxLockDuration);

        uint256 newAmount = l.amount + amount;
        units = l.units + _unitsFor(amount, left);
        _locks[msg.sender] = Lock(_toUint104(newAmount), _toUint104(units), l.end);
        totalLocked += amount;
        _setUnits(msg.sender, l.units, l.end, units, l.end);
        emit LockIncreased(msg.sender, amount, newAmount, units);

        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Extends the caller's lock to end at `newEnd` rounded up to the next whole day, and re-prices it on
    /// `newEnd - now` (see the contract doc). `newEnd - now` must lie within [minLockDuration, maxLockDuration]
    /// and `newEnd` be after the current end.
    /// @return units the lock's new voting units
    function extendLock(uint256 newEnd) external returns (uint256 units) {
        Lock memory l = _locks[msg.sender];
        if (l.amount == 0) revert NoLock(msg.sender);
        if (newEnd <= l.end) revert EndNotLater(newEnd, l.end);
        if (newEnd <= block.timestamp) revert InvalidDuration(0, minLockDuration, maxLockDuration);
        uint256 duration = newEnd - block.timestamp;
        _checkDuration(duration);

        units = _unitsFor(l.amount, duration);
        uint256 end = _roundUp(newEnd);
        // casting to 'uint48' is safe because end <= now + maxLockDuration + 1 day (checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        _locks[msg.sender] = Lock(l.amount, _toUint104(units), uint48(end));
        _setUnits(msg.sender, l.units, l.end, units, end);
        emit LockExtended(msg.sender, end, units);
    }

    /// @notice Withdraws the caller's METIS once the lock has ended (its units stopped counting at its end).
    /// @return amount the METIS returned
    function withdraw() external nonReentrant returns (uint256 amount) {
        Lock memory l = _locks[msg.sender];
        if (l.amount == 0) revert NoLock(msg.sender);
        if (block.timestamp < l.end) revert LockNotExpired(msg.sender, l.end);
        amount = l.amount;
        delete _locks[msg.sender];
        totalLocked -= amount;
        // No history write: the units stopped counting at `end` in every lookup already.
        emit Withdrawn(msg.sender, amount);

        metis.safeTransfer(msg.sender, amount);
    }

    /// @notice Tidies the storage of `account`'s expired lock (anyone may call): its units stopped counting at
    /// its end without this call; `lockOf` then reports 0 units. The METIS stays withdrawable by its owner.
    function kick(address account) external {
        Lock memory l = _locks[account];
        if (l.amount == 0) revert NoLock(account);
        if (block.timestamp < l.end) revert LockNotExpired(account, l.end);
        if (l.units == 0) revert NothingToKick(account);
        _locks[account].units = 0;
        emit LockKicked(account, msg.sender, l.units);
    }

    /// @notice Folds the expiries that have passed into new checkpoints of `delegatee`'s votes and of the total
    /// (anyone may call; values do not change). Lookups after this moment then start from these checkpoints, so
    /// it shortens their walk over expiry days (at most ~732 reads in the worst case, see `ExpiringVotes`).
    function poke(address delegatee) external {
        uint48 now_ = clock();
        _votesHistory[delegatee].settle(now_, _maxDays);
        _totalUnitsHistory.settle(now_, _maxDays);
        (uint256 votes,) = _votesHistory[delegatee].valueAt(now_, _maxDays);
        (uint256 total,) = _totalUnitsHistory.valueAt(now_, _maxDays);
        emit ExpiriesSettled(delegatee, votes, total);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Delegation (IVotes)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Delegates the caller's units (present and future) to `delegatee` (address(0) = nobody).
    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    /// @notice Delegates by an EIP-712 signature of `Delegation(address delegatee,uint256 nonce,uint256 expiry)`.
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s) external {
        if (block.timestamp > expiry) revert VotesExpiredSignature(expiry);
        address signer = ECDSA.recover(
            _hashTypedDataV4(keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry))), v, r, s
        );
        _useCheckedNonce(signer, nonce);
        _delegate(signer, delegatee);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------------

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view returns (uint48) {
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Current votes delegated to `account` (unexpired units only).
    function getVotes(address account) external view returns (uint256 votes) {
        (votes,) = _votesHistory[account].valueAt(clock(), _maxDays);
    }

    /// @notice Votes delegated to `account` at the end of second `timepoint` (must be in the past): the sum of
    /// the units, unexpired at `timepoint`, of the accounts delegating to it then.
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256 votes) {
        (votes,) = _votesHistory[account].valueAt(_validateTimepoint(timepoint), _maxDays);
    }

    /// @notice Total unexpired voting units at the end of second `timepoint` (must be in the past).
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256 total) {
        (total,) = _totalUnitsHistory.valueAt(_validateTimepoint(timepoint), _maxDays);
    }

    /// @notice Number of accounts whose delegatee at the end of second `timepoint` (must be in the past) was
    /// `delegatee` and whose own units then, unexpired, were at least `MEMBER_MIN_UNITS`. O(log n) reads in the
    /// checkpoints written after `timepoint`, plus the expiry walk of `getPastVotes`.
    function getPastDelegatorCount(address delegatee, uint256 timepoint) external view returns (uint256 count) {
        (, count) = _votesHistory[delegatee].valueAt(_validateTimepoint(timepoint), _maxDays);
    }

    /// @notice Current number of accounts delegating to `delegatee` with at least `MEMBER_MIN_UNITS` unexpired
    /// units.
    function getDelegatorCount(address delegatee) external view returns (uint256 count) {
        (, count) = _votesHistory[delegatee].valueAt(clock(), _maxDays);
    }

    /// @notice Current delegatee of `account`.
    function delegates(address account) external view returns (address) {
        return _delegatee[account];
    }

    /// @notice Own voting units of `account` at the end of second `timepoint` (must be in the past); 0 from its
    /// lock's end on.
    function getPastUnits(address account, uint256 timepoint) external view returns (uint256) {
        return _unitsHistory[account].singleAt(_validateTimepoint(timepoint));
    }

    /// @notice Delegatee of `account` at the end of second `timepoint` (must be in the past).
    function getPastDelegate(address account, uint256 timepoint) external view returns (address) {
        return address(uint160(_delegateHistory[account].lookup(_validateTimepoint(timepoint))));
    }

    /// @notice Delegatee and own units of `account` at the end of second `timepoint` (must be in the past), in one
    /// call: what a Commons group checks for each member vote.
    function getPastDelegation(address account, uint256 timepoint)
        external
        view
        returns (address delegatee, uint256 units)
    {
        uint48 t = _validateTimepoint(timepoint);
        delegatee = address(uint160(_delegateHistory[account].lookup(t)));
        units = _unitsHistory[account].singleAt(t);
    }

    /// @notice Current own voting units of `account` (0 once its lock has ended).
    function unitsOf(address account) external view returns (uint256) {
        Lock memory l = _locks[account];
        return l.end > block.timestamp ? l.units : 0;
    }

    /// @notice Current total unexpired voting units.
    function totalUnits() external view returns (uint256 total) {
        (total,) = _totalUnitsHistory.valueAt(clock(), _maxDays);
    }

    /// @notice The lock of `account`: METIS amount, end timestamp and the units it was priced at (they count only
    /// while `block.timestamp < end`; 0 once kicked). Use `unitsOf` for the units that count now.
    function lockOf(address account) external view returns (uint256 amount, uint256 end, uint256 units) {
        Lock memory l = _locks[account];
        return (l.amount, l.end, l.units);
    }

    /// @notice Whether `account` has a lock that has ended and whose storage still carries units (i.e. can be
    /// kicked). Its units no longer count either way.
    function isExpired(address account) external view returns (bool) {
        Lock memory l = _locks[account];
        return l.amount != 0 && l.end <= block.timestamp && l.units != 0;
    }

    /// @notice Units a new lock of `amount` for `duration` seconds would get.
    function previewUnits(uint256 amount, uint256 duration) external view returns (uint256) {
        return _unitsFor(amount, duration);
    }

    /// @notice Units `account`'s lock would have after `extendLock(newEnd)` now.
    function previewExtend(address account, uint256 newEnd) external view returns (uint256) {
        if (newEnd <= block.timestamp) return 0;
        return _unitsFor(_locks[account].amount, newEnd - block.timestamp);
    }

    /// @notice Number of checkpoints of `account`'s votes (for tooling).
    function numCheckpoints(address account) external view returns (uint256) {
        return _votesHistory[account].length();
    }

    /// @notice Token-style name for wallets and explorers (veMETIS is not an ERC-20: it has no transfers).
    function name() external pure returns (string memory) {
        return "Vote-escrowed METIS";
    }

    /// @notice Token-style symbol.
    function symbol() external pure returns (string memory) {
        return "veMETIS";
    }

    /// @notice Units have 18 decimals, like METIS.
    function decimals() external pure returns (uint8) {
        return 18;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    function _createLock(address account, uint256 amount, uint256 duration) private returns (uint256 units) {
        if (amount == 0) revert ZeroAmount();
        _checkDuration(duration);
        Lock memory l = _locks[account];
        if (l.amount != 0) revert LockExists(account);

        uint256 end = _roundUp(block.timestamp + duration);
        units = _unitsFor(amount, duration);
        // Delegate first, while the account has no units, so the units move to the delegatee only once. Only an
        // account that never chose a delegatee is self-delegated: an explicit delegate(address(0)) is kept.
        if (_delegatee[account] == address(0) && _delegateHistory[account].length() == 0) {
            _delegate(account, account);
        }
        // casting to 'uint48' is safe because end <= now + maxLockDuration + 1 day
        // forge-lint: disable-next-line(unsafe-typecast)
        _locks[account] = Lock(_toUint104(amount), _toUint104(units), uint48(end));
        totalLocked += amount;
        _setUnits(account, 0, 0, units, end);
        emit LockCreated(account, amount, end, units);

        metis.safeTransferFrom(account, address(this), amount);
    }

    function _unitsFor(uint256 amount, uint256 duration) private view returns (uint256) {
        return amount + (amount * duration) / maxLockDuration;
    }

    function _checkDuration(uint256 duration) private view {
        if (duration < minLockDuration || duration > maxLockDuration) {
            revert InvalidDuration(duration, minLockDuration, maxLockDuration);
        }
    }

    /// @dev Replaces `account`'s lock contribution (`oldUnits` ending at `oldEnd`) by `newUnits` ending at
    /// `newEnd` (after now), updating its units history, the total, and the votes and delegator count of its
    /// delegatee, with their expiry schedules. An old contribution whose end has passed has already stopped
    /// counting and is not touched (schedules only change at days after now).
    function _setUnits(address account, uint256 oldUnits, uint256 oldEnd, uint256 newUnits, uint256 newEnd) private {
        uint48 now_ = clock();
        uint256 oldLive = oldEnd > now_ ? oldUnits : 0;
        uint256 oldDay = oldEnd / ExpiringVotes.GRID;
        uint256 newDay = newEnd / ExpiringVotes.GRID;
        _unitsHistory[account].pushSingle(now_, newUnits, newDay);
        _totalUnitsHistory.move(
            now_, _maxDays, ExpiringVotes.Entry(oldLive, 0, oldDay), ExpiringVotes.Entry(newUnits, 0, newDay)
        );
        address d = _delegatee[account];
        if (d != address(0)) {
            (uint256 votes, uint256 newVotes) = _votesHistory[d].move(
                now_,
                _maxDays,
                ExpiringVotes.Entry(oldLive, _member(oldLive), oldDay),
                ExpiringVotes.Entry(newUnits, _member(newUnits), newDay)
            );
            emit DelegateVotesChanged(d, votes, newVotes);
        }
        emit UnitsChanged(account, oldLive, newUnits);
    }

    function _delegate(address account, address delegatee) private {
        address old = _delegatee[account];
        _delegatee[account] = delegatee;
        uint48 now_ = clock();
        _delegateHistory[account].push(now_, uint160(delegatee));
        emit DelegateChanged(account, old, delegatee);

        Lock memory l = _locks[account];
        if (l.end <= now_ || l.units == 0 || old == delegatee) return;
        ExpiringVotes.Entry memory e =
            ExpiringVotes.Entry(l.units, _member(l.units), uint256(l.end) / ExpiringVotes.GRID);
        ExpiringVotes.Entry memory none;
        if (old != address(0)) {
            (uint256 v, uint256 nv) = _votesHistory[old].move(now_, _maxDays, e, none);
            emit DelegateVotesChanged(old, v, nv);
        }
        if (delegatee != address(0)) {
            (uint256 v, uint256 nv) = _votesHistory[delegatee].move(now_, _maxDays, none, e);
            emit DelegateVotesChanged(delegatee, v, nv);
        }
    }

    function _member(uint256 units) private pure returns (uint256) {
        return units >= MEMBER_MIN_UNITS ? 1 : 0;
    }

    function _roundUp(uint256 t) private pure returns (uint256) {
        return ((t + ExpiringVotes.GRID - 1) / ExpiringVotes.GRID) * ExpiringVotes.GRID;
    }

    function _validateTimepoint(uint256 timepoint) private view returns (uint48) {
        uint48 now_ = clock();
        if (timepoint >= now_) revert ERC5805FutureLookup(timepoint, now_);
        // casting to 'uint48' is safe because timepoint < now_, a uint48
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint48(timepoint);
    }

    function _toUint104(uint256 v) private pure returns (uint104) {
        if (v > type(uint104).max) revert AmountTooLarge(v);
        // casting to 'uint104' is safe because of the check above
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint104(v);
    }

    /// @notice An amount or unit count does not fit the lock's storage (beyond any real METIS supply).
    error AmountTooLarge(uint256 value);
}
