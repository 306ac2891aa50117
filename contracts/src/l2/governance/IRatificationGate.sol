// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Ratification gate
/// @notice What the Eco Node council exposes to the governor: whether the upper house ratified a proposal that
/// succeeded in the Commons. Status values: 0 Pending, 1 Ratified, 2 Rejected (as
/// `CommonsGovernor.RatificationStatus`); any other value is treated as Pending.
interface IRatificationGate {
    /// @notice Ratification status of `proposalId`: 0 Pending, 1 Ratified, 2 Rejected.
    function ratificationStatus(uint256 proposalId) external view returns (uint8);

    /// @notice Whether the ratification of `proposalId` was opened (whatever its outcome since). The governor asks
    /// it once a succeeded proposal is past `ratificationDeadline`: not opened by then means Expired. The gate
    /// must refuse to open after `ratificationDeadline` (it does if it requires `state == Succeeded`) and take
    /// weights at `proposalDeadline`.
    function ratificationOpened(uint256 proposalId) external view returns (bool);
}
