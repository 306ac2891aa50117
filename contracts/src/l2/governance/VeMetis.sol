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
import {VotesHistory} from "./VotesHistory.sol";

/// @title Vote-escrowed METIS (veMETIS)
/// @notice Lock L2 METIS for 7 to 730 days to get voting units; delegate them (to yourself, another account or
/// a Commons group) to turn them into votes in the Commons governor. Not transferable.
///
/// Units formula (all integer maths, rounded down, MAX = `maxLockDuration`, 730 days in production):
/// - `createLock(amount, duration)`: units = amount + amount * duration / MAX; the lock ends at now + duration.
/// - `increaseAmount(added)`: the lock's existing units are kept (fixed until expiry); the added METIS is
///   priced on the commitment it makes, the time left until the lock ends:
///   units += added + added * (end - now) / MAX. Requires at least `minLockDuration` left.
/// - `extendLock(newEnd)`: the whole amount is re-committed from now until `newEnd`, and re-priced on that
///   commitment: units = amount + amount * (newEnd - now) / MAX. This can lower the units of a lock that had
///   been priced on a longer commitment than what remains after the extension (previewed by `previewExtend`);
///   keeping the old units instead would let a lock keep a 2x weight forever for 7-day re-commitments.
///   Also re-activates an expired (kicked or not) lock.
/// Units are otherwise fixed until the lock ends; they do not decay.
///
/// Expiry is lazy: an expired lock keeps its units, and they keep counting in `getVotes`, `getPastVotes` and
/// `getPastTotalSupply`, until someone calls `kick(account)` (permissionless) or the owner withdraws, which
/// removes them at that moment (history before that moment is never rewritten). `isExpired` and
/// `lockOf` let keepers and UIs find kickable locks.
///
/// Votes follow OpenZeppelin's IVotes / ERC-5805 semantics with a timestamp clock. In addition the contract
/// checkpoints each account's own units (`getPastUnits`) and its delegatee (`getPastDelegate`); at every
/// timepoint, the votes of a delegatee equal the sum of the units of the accounts delegating to it.
/// A first lock self-delegates an account that has no delegatee yet.
contract VeMetis is IERC5805, EIP712, Nonces, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using VotesHistory for VotesHistory.History;

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

    /// @notice Total METIS held in locks.
    uint256 public totalLocked;

    mapping(address account => Lock) private _locks;
    mapping(address account => address) private _delegatee;
    mapping(address account => VotesHistory.History) private _votesHistory;
    mapping(address account => VotesHistory.History) private _unitsHistory;
    mapping(address account => VotesHistory.History) private _delegateHistory;
    VotesHistory.History private _totalUnitsHistory;

    /// @notice A lock was created.
    event LockCreated(address indexed account, uint256 amount, uint256 end, uint256 units);
    /// @notice METIS was added to a lock; `amount` and `units` are the lock's new totals.
    event LockIncreased(address indexed account, uint256 added, uint256 amount, uint256 units);
    /// @notice A lock was extended to `end`; `units` are its new units.
    event LockExtended(address indexed account, uint256 end, uint256 units);
    /// @notice The units of an expired lock were removed by `caller`.
    event LockKicked(address indexed account, address indexed caller, uint256 units);
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
        if (maxLockDuration_ > type(uint32).max) revert InvalidConfig();
        metis = metis_;
        minLockDuration = minLockDuration_;
        maxLockDuration = maxLockDuration_;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Locks
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Locks `amount` METIS for `duration` seconds (approve first). Self-delegates if no delegatee yet.
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
        _setUnits(msg.sender, l.units, units);
        emit LockIncreased(msg.sender, amount, newAmount, units);

        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Extends the caller's lock to end at `newEnd` and re-prices it (see the contract doc).
    /// `newEnd - now` must lie within [minLockDuration, maxLockDuration] and `newEnd` be after the current end.
    /// @return units the lock's new voting units
    function extendLock(uint256 newEnd) external returns (uint256 units) {
        Lock memory l = _locks[msg.sender];
        if (l.amount == 0) revert NoLock(msg.sender);
        if (newEnd <= l.end) revert EndNotLater(newEnd, l.end);
        if (newEnd <= block.timestamp) revert InvalidDuration(0, minLockDuration, maxLockDuration);
        uint256 duration = newEnd - block.timestamp;
        _checkDuration(duration);

        units = _unitsFor(l.amount, duration);
        // casting to 'uint48' is safe because newEnd <= now + maxLockDuration (checked above)
        // forge-lint: disable-next-line(unsafe-typecast)
        _locks[msg.sender] = Lock(l.amount, _toUint104(units), uint48(newEnd));
        _setUnits(msg.sender, l.units, units);
        emit LockExtended(msg.sender, newEnd, units);
    }

    /// @notice Withdraws the caller's METIS once the lock has ended; removes any units left.
    /// @return amount the METIS returned
    function withdraw() external nonReentrant returns (uint256 amount) {
        Lock memory l = _locks[msg.sender];
        if (l.amount == 0) revert NoLock(msg.sender);
        if (block.timestamp < l.end) revert LockNotExpired(msg.sender, l.end);
        amount = l.amount;
        delete _locks[msg.sender];
        totalLocked -= amount;
        if (l.units != 0) _setUnits(msg.sender, l.units, 0);
        emit Withdrawn(msg.sender, amount);

        metis.safeTransfer(msg.sender, amount);
    }

    /// @notice Removes the voting units of `account`'s expired lock (anyone may call). The METIS stays
    /// withdrawable by its owner.
    function kick(address account) external {
        Lock memory l = _locks[account];
        if (l.amount == 0) revert NoLock(account);
        if (block.timestamp < l.end) revert LockNotExpired(account, l.end);
        if (l.units == 0) revert NothingToKick(account);
        _locks[account].units = 0;
        _setUnits(account, l.units, 0);
        emit LockKicked(account, msg.sender, l.units);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Delegation (IVotes)
    // ---------------------------------------------------------------------------------------------------------

    /// @notice Delegates the caller's units (present and future) to `delegatee` (address(0) = nobody).
    function delegate(address delegatee) external {
        _delegate(msg.sender, delegatee);
    }

    /// @notice Delegates by an EIP-712 signature of `Delegation(address delegatee,uint256 nonce,uint256 expiry)`.
    function delegateBySig(address delegatee, uint256 nonce, uint256 expiry, uint8 v, bytes32 r, bytes32 s)
        external
    {
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

    /// @notice Current votes delegated to `account`.
    function getVotes(address account) external view returns (uint256) {
        return _votesHistory[account].latest();
    }

    /// @notice Votes delegated to `account` at the end of second `timepoint` (must be in the past).
    function getPastVotes(address account, uint256 timepoint) external view returns (uint256) {
        return _votesHistory[account].lookup(_validateTimepoint(timepoint));
    }

    /// @notice Total voting units at the end of second `timepoint` (must be in the past).
    function getPastTotalSupply(uint256 timepoint) external view returns (uint256) {
        return _totalUnitsHistory.lookup(_validateTimepoint(timepoint));
    }

    /// @notice Current delegatee of `account`.
    function delegates(address account) external view returns (address) {
        return _delegatee[account];
    }

    /// @notice Own voting units of `account` at the end of second `timepoint` (must be in the past).
    function getPastUnits(address account, uint256 timepoint) external view returns (uint256) {
        return _unitsHistory[account].lookup(_validateTimepoint(timepoint));
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
        units = _unitsHistory[account].lookup(t);
    }

    /// @notice Current own voting units of `account`.
    function unitsOf(address account) external view returns (uint256) {
        return _locks[account].units;
    }

    /// @notice Current total voting units.
    function totalUnits() external view returns (uint256) {
        return _totalUnitsHistory.latest();
    }

    /// @notice The lock of `account`: METIS amount, end timestamp and current units.
    function lockOf(address account) external view returns (uint256 amount, uint256 end, uint256 units) {
        Lock memory l = _locks[account];
        return (l.amount, l.end, l.units);
    }

    /// @notice Whether `account` has a lock that has ended and still carries units (i.e. can be kicked).
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

        uint256 end = block.timestamp + duration;
        units = _unitsFor(amount, duration);
        // Delegate first, while the account has no units, so the units move to the delegatee only once.
        if (_delegatee[account] == address(0)) _delegate(account, account);
        // casting to 'uint48' is safe because end <= now + maxLockDuration
        // forge-lint: disable-next-line(unsafe-typecast)
        _locks[account] = Lock(_toUint104(amount), _toUint104(units), uint48(end));
        totalLocked += amount;
        _setUnits(account, 0, units);
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

    /// @dev Moves `account`'s own units from `oldUnits` to `newUnits`, updating its units history, the total,
    /// and the votes of its delegatee.
    function _setUnits(address account, uint256 oldUnits, uint256 newUnits) private {
        if (oldUnits == newUnits) return;
        uint48 now_ = clock();
        _unitsHistory[account].push(now_, newUnits);
        uint256 total = _totalUnitsHistory.latest();
        _totalUnitsHistory.push(now_, total + newUnits - oldUnits);
        address d = _delegatee[account];
        if (d != address(0)) {
            uint256 votes = _votesHistory[d].latest();
            uint256 newVotes = votes + newUnits - oldUnits;
            _votesHistory[d].push(now_, newVotes);
            emit DelegateVotesChanged(d, votes, newVotes);
        }
        emit UnitsChanged(account, oldUnits, newUnits);
    }

    function _delegate(address account, address delegatee) private {
        address old = _delegatee[account];
        _delegatee[account] = delegatee;
        uint48 now_ = clock();
        _delegateHistory[account].push(now_, uint160(delegatee));
        emit DelegateChanged(account, old, delegatee);

        uint256 units = _locks[account].units;
        if (units == 0 || old == delegatee) return;
        if (old != address(0)) {
            uint256 v = _votesHistory[old].latest();
            _votesHistory[old].push(now_, v - units);
            emit DelegateVotesChanged(old, v, v - units);
        }
        if (delegatee != address(0)) {
            uint256 v = _votesHistory[delegatee].latest();
            _votesHistory[delegatee].push(now_, v + units);
            emit DelegateVotesChanged(delegatee, v, v + units);
        }
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
