// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Ratification gate
/// @notice What the Eco Node council exposes to the governor: whether the upper house ratified a proposal that
/// succeeded in the Commons. Status values: 0 Pending, 1 Ratified, 2 Rejected (as
/// `CommonsGovernor.RatificationStatus`); any other value is treated as Pending.
interface IRatificationGate {
    /// @notice Ratification status of `proposalId`: 0 Pending, 1 Ratified, 2 Rejected.
    function ratificationStatus(uint256 proposalId) external view returns (uint8);
}
