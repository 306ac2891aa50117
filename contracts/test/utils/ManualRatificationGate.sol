// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IRatificationGate} from "../../src/l2/governance/IRatificationGate.sol";

/// @title Manual ratification gate (test double for the Eco Node council)
/// @notice A ratification gate whose owner records each proposal's status by hand, so that governor tests can
/// drive the gate without seating Eco Nodes. Test-only: the deploy uses the real EcoNodeCouncil.
contract ManualRatificationGate is IRatificationGate, Ownable {
    mapping(uint256 proposalId => uint8) private _status;
    mapping(uint256 proposalId => bool) private _opened;

    /// @notice The owner recorded `status` (0 Pending, 1 Ratified, 2 Rejected) for `proposalId`.
    event RatificationStatusSet(uint256 indexed proposalId, uint8 status);

    /// @notice The owner marked `proposalId`'s ratification as opened.
    event RatificationOpenedSet(uint256 indexed proposalId);

    /// @notice `status` is not 0, 1 or 2.
    error InvalidRatificationStatus(uint8 status);

    /// @param initialOwner Who records statuses (the deployer, until the deploy's handover to the timelock).
    constructor(address initialOwner) Ownable(initialOwner) {}

    /// @inheritdoc IRatificationGate
    function ratificationStatus(uint256 proposalId) external view returns (uint8) {
        return _status[proposalId];
    }

    /// @inheritdoc IRatificationGate
    function ratificationOpened(uint256 proposalId) external view returns (bool) {
        return _opened[proposalId] || _status[proposalId] != 0;
    }

    /// @notice Marks the ratification of `proposalId` as opened (owner only).
    function setRatificationOpened(uint256 proposalId) external onlyOwner {
        _opened[proposalId] = true;
        emit RatificationOpenedSet(proposalId);
    }

    /// @notice Records the ratification status of `proposalId` (owner only).
    /// @param proposalId The governor's proposal id.
    /// @param status 0 Pending, 1 Ratified, 2 Rejected.
    function setRatificationStatus(uint256 proposalId, uint8 status) external onlyOwner {
        if (status > 2) revert InvalidRatificationStatus(status);
        _status[proposalId] = status;
        emit RatificationStatusSet(proposalId, status);
    }
}
