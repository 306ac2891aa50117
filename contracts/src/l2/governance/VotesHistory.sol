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
