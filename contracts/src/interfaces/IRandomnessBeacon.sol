// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title What the L2 sequencer set asks the L1 randomness beacon through the message bus (docs/MECHANISMS.md §4.5)
interface IRandomnessBeacon {
    /// @notice Asks for the randomness that seeds the draw of epoch `epochNumber`. The beacon fixes it
    /// from the L1 block in which this request executes (the first time only) and sends it back.
    /// @param epochNumber The L2 epoch whose sequencer the randomness will draw.
    function requestRandomness(uint256 epochNumber) external;
}

/// @title What the L1 randomness beacon tells the L2 sequencer set through the message bus
interface ISequencerSetBeacon {
    /// @notice The randomness for the draw of epoch `epochNumber`, taken on L1 at block `l1BlockNumber`.
    /// @param epochNumber The L2 epoch it seeds.
    /// @param l1BlockNumber The L1 block whose `prevrandao` it is.
    /// @param randomness The L1 `prevrandao` of that block.
    function receiveBeacon(uint256 epochNumber, uint256 l1BlockNumber, bytes32 randomness) external;
}
