// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title What the L2 sequencer set tells the L1 rewards distributor through the message bus
interface IRewardsDistributor {
    /// @notice The report of L2 epoch `epoch`: `sequencerId` produced `blocks` L2 blocks and the fee
    /// vault released `revenue` METIS of fees. Applied on L1 exactly once and in epoch order.
    /// @param epoch L2 epoch number (1, 2, ...).
    /// @param sequencerId The epoch's sequencer (L1 id).
    /// @param blocks L2 blocks of the epoch (`endBlock - startBlock + 1`).
    /// @param revenue METIS of L2 fees released by the fee vault for the epoch, in wei.
    function applyEpochReport(uint256 epoch, uint256 sequencerId, uint256 blocks, uint256 revenue) external;
}

/// @title The L2 fee vault as the sequencer set uses it
interface IFeeVault {
    /// @notice Marks every fee not yet released as released and returns its amount.
    function release() external returns (uint256 amount);
}
