// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title VotesHistory
/// @notice Timestamped history of one value (voting units, votes, a delegatee) with lookups whose cost does
/// not grow with the length of the history.
/// @dev The latest checkpoint lives in a packed head slot together with the checkpoint count, so reading the
/// current value, or any timepoint at or after the latest change, costs one storage read. Older checkpoints
/// live in `older[0 .. count-2]`. A past lookup gallops back from the newest checkpoint (1, 2, 4, ... steps)
/// and then bisects the bracket it found, so it costs O(log k) reads where k is the number of checkpoints
/// written *after* the timepoint: the cost depends on activity since the timepoint, never on how many
/// accounts or how much history exist. Writes cost the same as OpenZeppelin's Checkpoints.
library VotesHistory {
    /// @notice A checkpoint key went backwards.
    error VotesHistoryUnorderedKey(uint48 key, uint48 latestKey);

    /// @dev The newest checkpoint and the number of checkpoints, packed in one slot.
    struct Head {
        uint32 count;
        uint48 key;
        uint176 value;
    }

    /// @dev A past checkpoint, one slot.
    struct Point {
        uint48 key;
        uint208 value;
    }

    struct History {
        Head head;
        mapping(uint256 index => Point) older;
    }

    /// @dev Records `value` from timepoint `key` on. Several writes at the same key keep the last one.
    function push(History storage self, uint48 key, uint256 value) internal {
        Head memory h = self.head;
        uint176 v = toUint176(value);
        if (h.count == 0) {
            self.head = Head(1, key, v);
            return;
        }
        if (key < h.key) revert VotesHistoryUnorderedKey(key, h.key);
        if (key == h.key) {
            self.head = Head(h.count, key, v);
            return;
        }
        self.older[h.count - 1] = Point(h.key, h.value);
        self.head = Head(h.count + 1, key, v);
    }

    /// @dev The latest value (0 if none).
    function latest(History storage self) internal view returns (uint256) {
        return self.head.value;
    }

    /// @dev Number of checkpoints.
    function length(History storage self) internal view returns (uint256) {
        return self.head.count;
    }

    /// @dev The value in force at `key`: that of the last checkpoint whose key is <= `key` (0 if none).
    function lookup(History storage self, uint48 key) internal view returns (uint256) {
        Head memory h = self.head;
        if (h.count == 0) return 0;
        if (h.key <= key) return h.value;

        // Invariant: every checkpoint at index >= hi (the head included) has a key > `key`.
        uint256 hi = h.count - 1;
        uint256 step = 1;
        uint256 lo;
        uint256 loValue;
        while (true) {
            if (hi == 0) return 0;
            uint256 probe = hi > step ? hi - step : 0;
            Point memory p = self.older[probe];
            if (p.key <= key) {
                lo = probe;
                loValue = p.value;
                break;
            }
            hi = probe;
            step <<= 1;
        }
        // Now older[lo].key <= key < older[hi].key (or hi is the head): bisect.
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            Point memory p = self.older[mid];
            if (p.key <= key) {
                lo = mid;
                loValue = p.value;
            } else {
                hi = mid;
            }
        }
        return loValue;
    }

    function toUint176(uint256 value) private pure returns (uint176) {
        if (value > type(uint176).max) revert VotesHistoryValueOverflow(value);
        // casting to 'uint176' is safe because of the check above
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint176(value);
    }

    /// @notice A value does not fit in 176 bits.
    error VotesHistoryValueOverflow(uint256 value);
}

/// @title ExpiringVotes
/// @notice A timestamped history of a sum of lock contributions (voting units and a count of members) in which
/// every contribution stops counting at its lock's end, with nobody having to write anything then (docs/MECHANISMS.md §4.1).
/// @dev Lock ends lie on a grid of whole days (`GRID`). Besides its checkpoints, a ledger keeps a schedule: the
/// units and members that expire at each future grid day, and a bitmap of the days whose entry is not empty.
/// Every checkpoint also stores `next`, the first non-empty scheduled day after the checkpoint. The value at a
/// timepoint t is that of the last checkpoint c <= t, minus the schedule entries of the days in (c, t]; in the
/// common case (`next` is after t) that costs no read beyond the checkpoint itself.
///
/// Why past lookups never change (the proof the tests check): (1) the schedule is only ever written at days
/// strictly after the block time of the write (a contribution is added or removed only while its lock has not
/// ended, and a lock ends on a grid day after now), and every schedule write is made together with a checkpoint
/// pushed at that block time; expiries that have passed are folded into the value of the next checkpoint
/// ("materialised") and their schedule entries are never touched again. (2) Take a lookup at t answered by
/// checkpoint c (the last checkpoint <= t). No write happened in (c, t], since it would have pushed a later
/// checkpoint <= t; a write at time w > t only touches days after w > t. So the schedule entries of the days in
/// (c, t] are exactly those in place at the end of second c, whenever the lookup is made: the answer is fixed
/// once t has passed.
///
/// Bounds: every contribution scheduled at a checkpoint c ends at most `maxDays` days after c (the caller's
/// longest lock, rounded up to the grid, plus one), so a lookup or a write visits at most `maxDays + 1` days,
/// i.e. at most ceil((maxDays + 1) / 256) + 1 bitmap words (4 for 730-day locks) plus one schedule read per
/// non-empty day (at most 732; each needs a separate lock ending on a different day between two writes of the
/// same ledger). Anyone can shorten the walk of later lookups by writing a checkpoint (`VeMetis.poke`).
library ExpiringVotes {
    /// @notice Lock ends lie on this grid (whole days, UTC midnight).
    uint256 internal constant GRID = 1 days;

    /// @notice A checkpoint key went backwards.
    error ExpiringVotesUnorderedKey(uint48 key, uint48 latestKey);
    /// @notice A value does not fit its storage.
    error ExpiringVotesOverflow(uint256 value);

    /// @dev The newest checkpoint, the number of checkpoints and the first scheduled day after it: one slot.
    struct Head {
        uint32 count;
        uint48 key;
        uint24 next;
        uint128 value;
        uint24 members;
    }

    /// @dev A past checkpoint, one slot.
    struct Point {
        uint48 key;
        uint24 next;
        uint128 value;
        uint24 members;
    }

    struct Ledger {
        Head head;
        mapping(uint256 index => Point) older;
        /// @dev day => units (low 128 bits) | members (high 128 bits) that expire at day * GRID.
        mapping(uint256 day => uint256) expiring;
        /// @dev day / 256 => bitmap of the days whose `expiring` entry is not zero.
        mapping(uint256 word => uint256) nonEmpty;
    }

    // ------------------------------------------------------------------------------------------------------
    // Reads
    // ------------------------------------------------------------------------------------------------------

    /// @dev Units and members in force at the end of second `t` (t may be the current block time).
    function valueAt(Ledger storage self, uint48 t, uint256 maxDays)
        internal
        view
        returns (uint256 value, uint256 members)
    {
        // Fast path (a vote's usual case): the head checkpoint answers and no expiry lies between it and `t`;
        // one storage read, decoded by hand (Head's layout: count 32 | key 48 | next 24 | value 128 | members 24).
        uint256 raw;
        assembly ("memory-safe") {
            raw := sload(self.slot)
        }
        uint256 key = (raw >> 32) & 0xffffffffffff;
        uint256 next = (raw >> 80) & 0xffffff;
        if (raw != 0 && key <= t && (next == 0 || next * GRID > t)) {
            return ((raw >> 104) & type(uint128).max, raw >> 232);
        }
        Point memory p = _checkpointAt(self, t);
        value = p.value;
        members = p.members;
        if (p.next != 0 && uint256(p.next) * GRID <= t) {
            (uint256 u, uint256 m,) = _walk(self, p.next, t / GRID, uint256(p.key) / GRID + maxDays);
            value -= u;
            members -= m;
        }
    }

    /// @dev For a ledger that holds one lock only (an account's own units, `next` = the lock's end day): the
    /// units in force at the end of second `t`.
    function singleAt(Ledger storage self, uint48 t) internal view returns (uint256) {
        Point memory p = _checkpointAt(self, t);
        if (p.next != 0 && uint256(p.next) * GRID <= t) return 0;
        return p.value;
    }

    /// @dev Number of checkpoints.
    function length(Ledger storage self) internal view returns (uint256) {
        return self.head.count;
    }

    // ------------------------------------------------------------------------------------------------------
    // Writes
    // ------------------------------------------------------------------------------------------------------

    /// @dev One lock's contribution: its units, whether it counts as a member (0 or 1), and its end day.
    struct Entry {
        uint256 units;
        uint256 members;
        uint256 day;
    }

    /// @dev Replaces contribution `old` by `add` (an all-zero entry = none) at block time `now_`. The day of an
    /// entry with units must be after `now_`. Returns the value before and after.
    function move(Ledger storage self, uint48 now_, uint256 maxDays, Entry memory old, Entry memory add)
        internal
        returns (uint256 before, uint256 value)
    {
        uint256 members;
        uint256 next;
        (before, members, next) = _settle(self, now_, maxDays);
        value = before - old.units + add.units;
        members = members - old.members + add.members;
        if (old.units != 0 || old.members != 0) {
            if (_unschedule(self, old.day, old.units, old.members) && next == old.day) {
                (,, next) = _walk(self, old.day + 1, old.day, uint256(now_) / GRID + maxDays);
            }
        }
        if (add.units != 0 || add.members != 0) {
            _schedule(self, add.day, add.units, add.members);
            if (next == 0 || add.day < next) next = add.day;
        }
        _push(self, now_, next, value, members);
    }

    /// @dev Sets a single-lock ledger (an account's own units) to `units` ending on `endDay` from `now_` on.
    function pushSingle(Ledger storage self, uint48 now_, uint256 units, uint256 endDay) internal {
        _push(self, now_, endDay, units, 0);
    }

    /// @dev Writes a checkpoint at `now_` with the expiries that have passed folded in (see `VeMetis.poke`).
    function settle(Ledger storage self, uint48 now_, uint256 maxDays) internal {
        (uint256 value, uint256 members, uint256 next) = _settle(self, now_, maxDays);
        _push(self, now_, next, value, members);
    }

    // ------------------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------------------

    /// @dev The current value with the expiries up to `now_` folded in, and the first scheduled day after it.
    function _settle(Ledger storage self, uint48 now_, uint256 maxDays)
        private
        view
        returns (uint256 value, uint256 members, uint256 next)
    {
        Head memory h = self.head;
        value = h.value;
        members = h.members;
        next = h.next;
        if (next != 0 && next * GRID <= now_) {
            uint256 nowDay = uint256(now_) / GRID;
            (uint256 u, uint256 m, uint256 n) = _walk(self, next, nowDay, uint256(h.key) / GRID + maxDays);
            value -= u;
            members -= m;
            // Nothing is scheduled after the walk's limit (see the bounds above), so `n` is the next day or 0.
            next = n;
        }
    }

    /// @dev Sums the schedule over the non-empty days in [from, to] and returns the first non-empty day in
    /// (to, limit] (0 if none). Days after `limit` are known to be empty. Visits at most limit - from + 1 days,
    /// one bitmap word per 256 days plus one read per non-empty day.
    function _walk(Ledger storage self, uint256 from, uint256 to, uint256 limit)
        private
        view
        returns (uint256 units, uint256 members, uint256 nextAfter)
    {
        uint256 day = from;
        uint256 wordIndex = type(uint256).max;
        uint256 word;
        while (day <= limit) {
            if (day >> 8 != wordIndex) {
                wordIndex = day >> 8;
                word = self.nonEmpty[wordIndex];
            }
            uint256 bits = word >> (day & 255);
            if (bits == 0) {
                day = ((day >> 8) + 1) << 8;
                continue;
            }
            day += _lowestBit(bits);
            if (day > limit) break;
            if (day > to) return (units, members, day);
            uint256 e = self.expiring[day];
            units += uint128(e);
            members += e >> 128;
            day += 1;
        }
    }

    function _schedule(Ledger storage self, uint256 day, uint256 units, uint256 members) private {
        uint256 e = self.expiring[day];
        uint256 u = uint128(e) + units;
        uint256 m = (e >> 128) + members;
        if (u > type(uint128).max) revert ExpiringVotesOverflow(u);
        self.expiring[day] = u | (m << 128);
        if (e == 0) self.nonEmpty[day >> 8] |= 1 << (day & 255);
    }

    /// @dev Removes a contribution from `day`; returns whether the day's entry became empty.
    function _unschedule(Ledger storage self, uint256 day, uint256 units, uint256 members)
        private
        returns (bool emptied)
    {
        uint256 e = self.expiring[day];
        uint256 u = uint128(e) - units;
        uint256 m = (e >> 128) - members;
        uint256 n = u | (m << 128);
        self.expiring[day] = n;
        if (n == 0) {
            self.nonEmpty[day >> 8] &= ~(uint256(1) << (day & 255));
            emptied = true;
        }
    }

    function _push(Ledger storage self, uint48 key, uint256 next, uint256 value, uint256 members) private {
        if (value > type(uint128).max) revert ExpiringVotesOverflow(value);
        if (members > type(uint24).max) revert ExpiringVotesOverflow(members);
        if (next > type(uint24).max) revert ExpiringVotesOverflow(next);
        Head memory h = self.head;
        // casts are safe because of the checks above
        // forge-lint: disable-next-item(unsafe-typecast)
        Head memory n = Head(h.count, key, uint24(next), uint128(value), uint24(members));
        if (h.count == 0) {
            n.count = 1;
        } else if (key < h.key) {
            revert ExpiringVotesUnorderedKey(key, h.key);
        } else if (key > h.key) {
            self.older[h.count - 1] = Point(h.key, h.next, h.value, h.members);
            n.count = h.count + 1;
        }
        self.head = n;
    }

    /// @dev The last checkpoint whose key is <= `key` (all zero if none); galloping search from the newest, as
    /// in `VotesHistory.lookup`: O(log k) reads, k = checkpoints written after `key`.
    function _checkpointAt(Ledger storage self, uint48 key) private view returns (Point memory p) {
        Head memory h = self.head;
        if (h.count == 0) return p;
        if (h.key <= key) return Point(h.key, h.next, h.value, h.members);

        uint256 hi = h.count - 1;
        uint256 step = 1;
        uint256 lo;
        while (true) {
            if (hi == 0) return p;
            uint256 probe = hi > step ? hi - step : 0;
            Point memory q = self.older[probe];
            if (q.key <= key) {
                lo = probe;
                p = q;
                break;
            }
            hi = probe;
            step <<= 1;
        }
        while (hi - lo > 1) {
            uint256 mid = (lo + hi) >> 1;
            Point memory q = self.older[mid];
            if (q.key <= key) {
                lo = mid;
                p = q;
            } else {
                hi = mid;
            }
        }
    }

    /// @dev Index of the lowest set bit of a non-zero word.
    function _lowestBit(uint256 x) private pure returns (uint256 r) {
        unchecked {
            x &= ~x + 1;
        }
        if (x >= 1 << 128) {
            x >>= 128;
            r += 128;
        }
        if (x >= 1 << 64) {
            x >>= 64;
            r += 64;
        }
        if (x >= 1 << 32) {
            x >>= 32;
            r += 32;
        }
        if (x >= 1 << 16) {
            x >>= 16;
            r += 16;
        }
        if (x >= 1 << 8) {
            x >>= 8;
            r += 8;
        }
        if (x >= 1 << 4) {
            x >>= 4;
            r += 4;
        }
        if (x >= 1 << 2) {
            x >>= 2;
            r += 2;
        }
        if (x >= 1 << 1) r += 1;
    }
}
