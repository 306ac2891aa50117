// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BusMessage, BusMessageLib, IMessageOutbox} from "./BusMessage.sol";

/// @title Outbox of the cross-chain message bus
/// @notice Emits one `MessageSent` event per message, numbered by a strictly increasing nonce, for
/// the committee to attest on the target chain. Anyone may send: the target chain passes the
/// original sender to the target, which decides whom it trusts. One outbox serves one route (this
/// chain to `targetChainId`).
contract MessageOutbox is IMessageOutbox {
    /// @notice Upper bound of a message's gas limit, so that every message stays deliverable.
    uint256 public constant MAX_GAS_LIMIT = 15_000_000;

    /// @notice Chain id of the only chain where messages of this outbox may execute.
    uint256 public immutable targetChainId;

    /// @notice Nonce that the next message will get (equals the number of messages sent).
    uint256 public nextNonce;

    /// @notice Emitted for every message; carries every field of the `BusMessage` and its hash.
    event MessageSent(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 sourceChainId,
        uint256 targetChainId,
        uint256 gasLimit,
        bytes data,
        bytes32 messageHash
    );

    /// @notice The target chain id is zero or this chain's id.
    error InvalidTargetChain(uint256 chainId);
    /// @notice The gas limit exceeds `MAX_GAS_LIMIT`.
    error GasLimitTooHigh(uint256 gasLimit);
    /// @notice The target is the zero address.
    error ZeroTarget();

    /// @param targetChainId_ Chain id of the destination chain.
    constructor(uint256 targetChainId_) {
        if (targetChainId_ == 0 || targetChainId_ == block.chainid) revert InvalidTargetChain(targetChainId_);
        targetChainId = targetChainId_;
    }

    /// @notice Sends `data` to `target` on the target chain; `msg.sender` is the original sender the
    /// target will see. Returns the message nonce.
    /// @param target Contract to call on the target chain.
    /// @param data Calldata for `target`.
    /// @param gasLimit Gas that the inbox must forward to `target` (at most `MAX_GAS_LIMIT`).
    function sendMessage(address target, bytes calldata data, uint256 gasLimit) external returns (uint256 nonce) {
        if (target == address(0)) revert ZeroTarget();
        if (gasLimit > MAX_GAS_LIMIT) revert GasLimitTooHigh(gasLimit);
        nonce = nextNonce++;
        bytes32 messageHash = BusMessageLib.hash(
            BusMessage({
                sourceChainId: block.chainid,
                targetChainId: targetChainId,
                outbox: address(this),
                nonce: nonce,
                sender: msg.sender,
                target: target,
                gasLimit: gasLimit,
                data: data
            })
        );
        emit MessageSent(nonce, msg.sender, target, block.chainid, targetChainId, gasLimit, data, messageHash);
    }
}
