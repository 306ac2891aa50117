// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The slash ledger of one sequencer (linked library of SequencerStaking)
/// @notice Who pays a slash, and who does not (docs/MECHANISMS.md §3.2, docs/MECHANISMS.md "Slash liability"):
/// - The log: every slash records its offence time, execution time and fraction. At most
///   `MAX_SLASHES_PER_EXIT_DELAY` execute within one exit delay, and an offence may be at most one exit
///   delay old when it is slashed, so every scan below is bounded by a handful of entries (or, for the
///   day buckets, by the exit delay in days).
/// - Leavers (`survivor`): METIS that left the pool at `leftAt` stays liable for logged slashes with an
///   offence before `leftAt`, executed before its liability ends.
/// - Late arrivals (`touch`): a slash takes its fraction of the whole pool at once (shares are
///   fungible), but stake that arrived after the offence's UTC day is refunded that part. A position
///   records one arrival (amount, UTC day, log length); the book keeps, per arrival day, the sum of the
///   recorded arrivals still in the pool. A slash keeps `fraction x` the arrivals after the offence's
///   day in `refundPot` (instead of sending it to the treasury) and scales every live bucket by
///   `1 - fraction`; a position settles its record lazily, in log order, with the same rules, and is
///   paid its refund from the pot (SequencerStaking adds it to its claimable rewards). An arrival on
///   the offence's own day, or a second arrival on another day while the first record is live, counts
///   as stake that was there (it is slashed: the error is on the protocol's side, never the attacker's).
/// - Redelegations (`touch`, `liability`) and unbonding entries (`withdrawEntries`, `entry`) are kept
///   here too, so that SequencerStaking stays under the contract size limit.
library SlashLedger {
    uint256 internal constant BPS = 10_000;
    /// @dev Most slashes of one sequencer within one exit delay (bounds every liability scan).
    uint256 internal constant MAX_SLASHES_PER_EXIT_DELAY = 8;

    /// @notice One slash: when the offence was committed, when the slash was executed, its fraction.
    struct SlashRecord {
        uint64 offenceTime;
        uint64 executedAt;
        uint16 fractionBps;
    }

    /// @notice A position's recorded arrival: `amount` METIS (nominal, scaled by the slashes it pays)
    /// that arrived on UTC day `day`, with the log length `slashIndex` it has been settled up to.
    struct Arrival {
        uint128 amount;
        uint40 day;
        uint48 slashIndex;
    }

    /// @notice An unbonding entry: nominal METIS, when it left the pool, when it matures, and the slash
    /// log length then (later slashes with an earlier offence, executed before maturity, apply).
    struct UnbondingEntry {
        uint128 amount;
        uint40 leftAt;
        uint40 maturesAt;
        uint48 slashIndex;
    }

    /// @notice A redelegation's liability on the destination position: `amount` METIS that came from
    /// sequencer `fromId` at `at` stays liable for its slashes with an offence before `at` executed
    /// before `until`; `nextSlash` is the first entry of its slash log not yet applied.
    struct Liability {
        uint128 amount;
        uint64 fromId;
        uint64 nextSlash;
        uint64 at;
        uint64 until;
    }

    /// @notice One sequencer's ledger: its slash log, the refund pot and arrivals of its positions, and
    /// the liabilities its positions carry for stake redelegated into them.
    struct Book {
        uint256 count;
        uint256 refundPot;
        mapping(uint256 index => SlashRecord) log;
        mapping(uint256 day => uint256) arrivals;
        mapping(address account => Arrival) arrivalOf;
        mapping(address account => Liability) liabilityOf;
        mapping(address account => mapping(uint256 entryId => UnbondingEntry)) entries;
    }

    /// @notice Unbonding entry `entryId` paid `amount` METIS (SequencerStaking declares it too).
    event UnbondingWithdrawn(address indexed account, uint256 indexed sequencerId, uint256 entryId, uint256 amount);
    /// @notice Unbonding entry `entryId` lost `amount` METIS to the slashes it was liable for.
    event UnbondingSlashed(address indexed account, uint256 indexed sequencerId, uint256 entryId, uint256 amount);

    /// @notice The fraction is zero or above 10%.
    error InvalidSlashFraction(uint256 fractionBps);
    /// @notice The offence time is zero, in the future, or more than one exit delay ago.
    error InvalidOffenceTime(uint256 offenceTime);
    /// @notice `MAX_SLASHES_PER_EXIT_DELAY` slashes already executed within the exit delay.
    error TooManySlashes(uint256 sequencerId, uint64 nextAllowedAt);
    /// @notice No open unbonding entry `entryId`.
    error UnknownEntry(uint256 sequencerId, address account, uint256 entryId);
    /// @notice The entry matures at `maturesAt`.
    error EntryNotMatured(uint256 entryId, uint64 maturesAt);

    /// @notice Logs a slash of `fractionBps` for an offence at `offenceTime` of a pool worth `pooled`;
    /// returns what the pool loses (`slashed`), the part of it that late arrivals are refunded (kept
    /// in the pot), and `rewardBps` of the rest (the challenger's reward).
    function recordSlash(
        Book storage b,
        uint256 sequencerId,
        uint256 fractionBps,
        uint64 offenceTime,
        uint64 exitDelay,
        uint256 pooled,
        uint256 maxBps,
        uint256 rewardBps
    ) external returns (uint256 slashed, uint256 refund, uint256 reward) {
        if (fractionBps == 0 || fractionBps > maxBps) revert InvalidSlashFraction(fractionBps);
        if (rewardBps > BPS) revert InvalidSlashFraction(rewardBps);
        if (offenceTime == 0 || offenceTime > block.timestamp || offenceTime + exitDelay < block.timestamp) {
            revert InvalidOffenceTime(offenceTime);
        }
        uint256 n = b.count;
        if (n >= MAX_SLASHES_PER_EXIT_DELAY) {
            uint64 nextAllowedAt = b.log[n - MAX_SLASHES_PER_EXIT_DELAY].executedAt + exitDelay;
            if (block.timestamp < nextAllowedAt) revert TooManySlashes(sequencerId, nextAllowedAt);
        }
        b.log[n] = SlashRecord({
            offenceTime: offenceTime, executedAt: uint64(block.timestamp), fractionBps: uint16(fractionBps)
        });
        b.count = n + 1;
        uint256 late = _scaleArrivals(b, offenceTime / 1 days, exitDelay, fractionBps);
        if (late > pooled) late = pooled;
        refund = late * fractionBps / BPS;
        b.refundPot += refund;
        slashed = pooled * fractionBps / BPS;
        reward = (slashed - refund) * rewardBps / BPS;
    }

    /// @dev Scales the live arrival buckets by `1 - fractionBps` (only live records: `_expired`, a record
    /// of an earlier day can never be late again); returns the arrivals after `offenceDay`.
    function _scaleArrivals(Book storage b, uint256 offenceDay, uint64 exitDelay, uint256 fractionBps)
        private
        returns (uint256 late)
    {
        uint256 first = block.timestamp >= exitDelay ? (block.timestamp - exitDelay) / 1 days + 1 : 0;
        uint256 today = block.timestamp / 1 days;
        for (uint256 d = first; d <= today; ++d) {
            uint256 v = b.arrivals[d];
            if (v == 0) continue;
            if (d > offenceDay) late += v;
            b.arrivals[d] = v - v * fractionBps / BPS; // what of those arrivals is still in the pool
        }
    }

    /// @notice A change of `account`'s position: settles its arrival record against the slashes logged
    /// since it was last settled (dropping it once it can never be late again) and returns the METIS
    /// refunded to it from the pot; then records `arriving` METIS (a new record if none is live, added
    /// to it if it is of today, else not recorded) and removes `leaving` METIS (the recorded arrival
    /// leaves first).
    /// Before that, settles the liability of stake redelegated into the position: returns the METIS
    /// `due` for the slashes of sequencer `fromId` it is liable for (the record goes once no later
    /// slash can apply: liability window over, or a slash executed after it was seen).
    function touch(
        mapping(uint256 => Book) storage books,
        uint256 sequencerId,
        address account,
        uint256 arriving,
        uint256 leaving,
        uint64 exitDelay
    ) external returns (uint256 refund, uint256 due, uint256 fromId) {
        Book storage b = books[sequencerId];
        Liability memory l = b.liabilityOf[account];
        if (l.amount != 0) {
            fromId = l.fromId;
            Book storage source = books[fromId];
            (uint256 left, uint256 next) = survivor(source, l.amount, l.at, l.until, l.nextSlash);
            due = l.amount - left;
            if (next < source.count || block.timestamp >= l.until) {
                delete b.liabilityOf[account];
            } else {
                b.liabilityOf[account].amount = uint128(left);
                b.liabilityOf[account].nextSlash = uint64(next);
            }
        }
        Arrival memory r = b.arrivalOf[account];
        uint40 today = uint40(block.timestamp / 1 days);
        if (r.amount != 0) {
            uint256 amount;
            (amount, refund) = _arrivalAfterSlashes(b, r, exitDelay);
            uint256 pot = b.refundPot;
            if (refund > pot) refund = pot; // rounding: the buckets round per day, records per position
            b.refundPot = pot - refund;
            r.amount = uint128(amount); // the day's bucket was scaled by the same slashes when they were recorded
            r.slashIndex = uint48(b.count);
            if (_expired(r.day, exitDelay)) {
                _subBucket(b, r.day, amount);
                r.amount = 0;
            }
        }
        if (arriving != 0 && (r.amount == 0 || r.day == today)) {
            r.amount += uint128(arriving);
            r.day = today;
            r.slashIndex = uint48(b.count);
            b.arrivals[today] += arriving;
        }
        if (leaving != 0 && r.amount != 0) {
            uint256 gone = leaving < r.amount ? leaving : r.amount;
            r.amount -= uint128(gone);
            _subBucket(b, r.day, gone);
        }
        if (r.amount == 0) delete b.arrivalOf[account];
        else b.arrivalOf[account] = r;
    }

    /// @notice `account`'s arrival record and the refund it is due for the slashes logged so far.
    function arrival(Book storage b, address account, uint64 exitDelay)
        external
        view
        returns (Arrival memory r, uint256 refundDue)
    {
        r = b.arrivalOf[account];
        if (r.amount == 0) return (r, 0);
        (, refundDue) = _arrivalAfterSlashes(b, r, exitDelay);
        if (refundDue > b.refundPot) refundDue = b.refundPot;
    }

    /// @notice What survives of `amount` that left the pool at `leftAt`, liable until `end`: every
    /// logged slash from `index` on with an offence before `leftAt`, executed before `end`, takes its
    /// fraction. Returns the survivor and the first log index not applied (the scan stops at the first
    /// slash executed at or after `end`, so it reads at most `MAX_SLASHES_PER_EXIT_DELAY` entries).
    function survivor(Book storage b, uint256 amount, uint256 leftAt, uint256 end, uint256 index)
        public
        view
        returns (uint256 left, uint256 next)
    {
        left = amount;
        uint256 n = b.count;
        for (next = index; next < n; ++next) {
            SlashRecord memory s = b.log[next];
            if (s.executedAt >= end) break;
            if (s.offenceTime < leftAt) left -= left * s.fractionBps / BPS;
        }
    }

    /// @notice Closes matured unbonding entries `ids` of `account`: their nominal METIS and what they pay
    /// after the slashes they are liable for (the difference goes to the treasury).
    function withdrawEntries(Book storage b, uint256 sequencerId, address account, uint256[] calldata ids)
        external
        returns (uint256 nominal, uint256 paid)
    {
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            UnbondingEntry memory e = b.entries[account][id];
            if (e.amount == 0) revert UnknownEntry(sequencerId, account, id);
            if (block.timestamp < e.maturesAt) revert EntryNotMatured(id, e.maturesAt);
            (uint256 value,) = survivor(b, e.amount, e.leftAt, e.maturesAt, e.slashIndex);
            nominal += e.amount;
            paid += value;
            delete b.entries[account][id];
            emit UnbondingWithdrawn(account, sequencerId, id, value);
            if (value < e.amount) emit UnbondingSlashed(account, sequencerId, id, e.amount - value);
        }
    }

    /// @notice Unbonding entry `id` of `account`: nominal METIS, its value after the slashes logged so far
    /// that it is liable for, and its maturity time (all zero once withdrawn).
    function entry(Book storage b, address account, uint256 id)
        external
        view
        returns (uint256 nominal, uint256 value, uint64 maturesAt)
    {
        UnbondingEntry memory e = b.entries[account][id];
        (value,) = survivor(b, e.amount, e.leftAt, e.maturesAt, e.slashIndex);
        return (e.amount, value, e.maturesAt);
    }

    /// @notice The redelegation liability of `account`'s position at `sequencerId` and the METIS it owes
    /// now for the slashes logged so far (zero record: none).
    function liability(mapping(uint256 => Book) storage books, uint256 sequencerId, address account)
        external
        view
        returns (Liability memory l, uint256 due)
    {
        l = books[sequencerId].liabilityOf[account];
        if (l.amount == 0) return (l, 0);
        (uint256 left,) = survivor(books[l.fromId], l.amount, l.at, l.until, l.nextSlash);
        due = l.amount - left;
    }

    /// @dev The record's amount still in the pool after the logged slashes (each takes its fraction of
    /// it, in log order, as `recordSlash` scaled the buckets) and the refund of what those it arrived
    /// after took. Only slashes executed while the record
    /// could be late are read (at most `MAX_SLASHES_PER_EXIT_DELAY`).
    function _arrivalAfterSlashes(Book storage b, Arrival memory r, uint64 exitDelay)
        private
        view
        returns (uint256 amount, uint256 refund)
    {
        amount = r.amount;
        uint256 liveUntil = uint256(r.day) * 1 days + exitDelay; // `_expired` from then on
        uint256 n = b.count;
        for (uint256 k = r.slashIndex; k < n; ++k) {
            SlashRecord memory s = b.log[k];
            if (s.executedAt >= liveUntil) break;
            uint256 cut = amount * s.fractionBps / BPS;
            if (r.day > s.offenceTime / 1 days) refund += cut;
            amount -= cut;
        }
    }

    /// @dev No slash executed from now on can find an arrival of `day` late (its offence is at most one
    /// exit delay old, so on or after the day of `now - exitDelay`).
    function _expired(uint256 day, uint64 exitDelay) private view returns (bool) {
        return block.timestamp >= exitDelay && day <= (block.timestamp - exitDelay) / 1 days;
    }

    function _subBucket(Book storage b, uint256 day, uint256 amount) private {
        uint256 v = b.arrivals[day];
        b.arrivals[day] = amount < v ? v - amount : 0;
    }
}
