// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title What the L1 staking contract tells the L2 sequencer set through the message bus
interface ISequencerSetSync {
    /// @notice Latest state of sequencer `sequencerId` on L1. Updates carry a per-sequencer
    /// `version` that grows with every change; the L2 set ignores an update older than what it has,
    /// so a retried (previously failed) bus message can never roll a sequencer back.
    /// @param sequencerId L1 sequencer id.
    /// @param signer Block-signing address.
    /// @param stake METIS behind the sequencer (self-lock + delegations), in wei.
    /// @param status L1 status (`SequencerStaking.SequencerStatus` as uint8); only Active (1) is
    /// eligible for rotation.
    /// @param version Per-sequencer update counter.
    function syncSequencer(uint256 sequencerId, address signer, uint256 stake, uint8 status, uint64 version) external;
}
