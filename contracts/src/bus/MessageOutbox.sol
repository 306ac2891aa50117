// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {BusMessage, BusMessageLib, IMessageOutbox} from "./BusMessage.sol";

/// @title Outbox of the cross-chain message bus
/// @notice Emits one `MessageSent` event per message, numbered by a strictly increasing nonce, for
/// the committee to attest on the target chain. One outbox serves one route (this chain to the
/// `inbox` on `targetChainId`).
///
/// Junk cannot jam or tax the bus (docs/MECHANISMS.md §5): only senders that governance allow-lists may send (the
/// contracts that must message the other chain: staking on L1; the sequencer set, the timelock, the
/// council and the challenges contract on L2), and a message's gas limit is capped by the governance
/// parameter `maxGasLimit` (itself at most `MAX_GAS_LIMIT`), so every message stays deliverable and
/// the committee never burns more than the cap on one message. The owner is governance (the L1
/// GovernanceExecutor, the L2 timelock).
contract MessageOutbox is IMessageOutbox, Ownable2Step {
    /// @notice Hard ceiling of `maxGasLimit`.
    uint256 public constant MAX_GAS_LIMIT = 15_000_000;
    /// @notice `maxGasLimit` of a new outbox, until governance sets it.
    uint256 public constant DEFAULT_MAX_GAS_LIMIT = 2_000_000;

    /// @notice Chain id of the only chain where messages of this outbox may execute.
    uint256 public immutable targetChainId;

    /// @notice Nonce that the next message will get (equals the number of messages sent).
    uint256 public nextNonce;
    /// @notice The inbox on the target chain that messages are addressed to (bound into each hash).
    address public inbox;
    /// @notice Largest gas limit a message may ask for (governance parameter).
    uint256 public maxGasLimit = DEFAULT_MAX_GAS_LIMIT;
    /// @notice Whether `sender` may send messages.
    mapping(address sender => bool) public isSenderAllowed;

    /// @notice Emitted for every message; carries every field of the `BusMessage` (the outbox is the
    /// emitter) and its hash.
    event MessageSent(
        uint256 indexed nonce,
        address indexed sender,
        address indexed target,
        uint256 sourceChainId,
        uint256 targetChainId,
        address inbox,
        uint256 gasLimit,
        bytes data,
        bytes32 messageHash
    );
    /// @notice `sender` was allowed (or no longer allowed) to send.
    event SenderAllowed(address indexed sender, bool allowed);
    /// @notice The gas limit cap changed.
    event MaxGasLimitUpdated(uint256 maxGasLimit);
    /// @notice Messages from `firstNonce` on are addressed to `inbox`.
    event InboxUpdated(address indexed inbox, uint256 firstNonce);

    /// @notice The target chain id is zero or this chain's id.
    error InvalidTargetChain(uint256 chainId);
    /// @notice The gas limit exceeds `maxGasLimit`.
    error GasLimitTooHigh(uint256 gasLimit, uint256 maxGasLimit);
    /// @notice The gas limit cap is zero or above `MAX_GAS_LIMIT`.
    error InvalidMaxGasLimit(uint256 maxGasLimit);
    /// @notice The target (or the inbox, or an allow-listed sender) is the zero address.
    error ZeroTarget();
    /// @notice The caller is not an allow-listed sender.
    error SenderNotAllowed(address sender);
    /// @notice No inbox is set yet.
    error InboxNotSet();

    /// @param targetChainId_ Chain id of the destination chain. The deployer owns the outbox until it
    /// hands it to governance (two-step).
    constructor(uint256 targetChainId_) Ownable(msg.sender) {
        if (targetChainId_ == 0 || targetChainId_ == block.chainid) revert InvalidTargetChain(targetChainId_);
        targetChainId = targetChainId_;
        emit MaxGasLimitUpdated(DEFAULT_MAX_GAS_LIMIT);
    }

    /// @notice Sends `data` to `target` on the target chain; `msg.sender` is the original sender the
    /// target will see. Only allow-listed senders. Returns the message nonce.
    /// @param target Contract to call on the target chain.
    /// @param data Calldata for `target`.
    /// @param gasLimit Gas that the inbox must forward to `target` (at most `maxGasLimit`).
    function sendMessage(address target, bytes calldata data, uint256 gasLimit) external returns (uint256 nonce) {
        if (!isSenderAllowed[msg.sender]) revert SenderNotAllowed(msg.sender);
        if (target == address(0)) revert ZeroTarget();
        uint256 cap = maxGasLimit;
        if (gasLimit > cap) revert GasLimitTooHigh(gasLimit, cap);
        address inbox_ = inbox;
        if (inbox_ == address(0)) revert InboxNotSet();
        nonce = nextNonce++;
        bytes32 messageHash = BusMessageLib.hash(
            BusMessage({
                sourceChainId: block.chainid,
                targetChainId: targetChainId,
                outbox: address(this),
                inbox: inbox_,
                nonce: nonce,
                sender: msg.sender,
                target: target,
                gasLimit: gasLimit,
                data: data
            })
        );
        emit MessageSent(nonce, msg.sender, target, block.chainid, targetChainId, inbox_, gasLimit, data, messageHash);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Allows (or stops allowing) `sender` to send messages. Only the owner (governance).
    /// @param sender A contract that must message the other chain.
    /// @param allowed Whether it may send.
    function setSenderAllowed(address sender, bool allowed) external onlyOwner {
        if (sender == address(0)) revert ZeroTarget();
        isSenderAllowed[sender] = allowed;
        emit SenderAllowed(sender, allowed);
    }

    /// @notice Sets the gas limit cap of new messages. Only the owner (governance).
    /// @param maxGasLimit_ The cap (1 to `MAX_GAS_LIMIT`).
    function setMaxGasLimit(uint256 maxGasLimit_) external onlyOwner {
        if (maxGasLimit_ == 0 || maxGasLimit_ > MAX_GAS_LIMIT) revert InvalidMaxGasLimit(maxGasLimit_);
        maxGasLimit = maxGasLimit_;
        emit MaxGasLimitUpdated(maxGasLimit_);
    }

    /// @notice Addresses the messages from the next nonce on to `inbox_` (the first time, or when the
    /// inbox is replaced: the new inbox must be deployed with `firstNonce` = `nextNonce`). Only the
    /// owner (governance).
    /// @param inbox_ The inbox on the target chain.
    function setInbox(address inbox_) external onlyOwner {
        if (inbox_ == address(0)) revert ZeroTarget();
        inbox = inbox_;
        emit InboxUpdated(inbox_, nextNonce);
    }
}
