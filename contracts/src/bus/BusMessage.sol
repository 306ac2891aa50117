// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Cross-chain bus message format
/// @notice A message travels from a `MessageOutbox` on its source chain to the `MessageInbox` on its
/// target chain. Its hash binds the whole domain (source chain id, target chain id, the outbox that
/// sent it, the inbox it is addressed to), so an attestation for one route can never be replayed on
/// another, and a redeployed inbox cannot replay the history of the one it replaces (docs/MECHANISMS.md §5).
struct BusMessage {
    /// @dev Chain id of the chain whose outbox emitted the message.
    uint256 sourceChainId;
    /// @dev Chain id of the only chain where the message may execute.
    uint256 targetChainId;
    /// @dev The outbox contract that emitted the message.
    address outbox;
    /// @dev The only `MessageInbox` (on the target chain) that may execute the message.
    address inbox;
    /// @dev Sequence number of the message in its outbox, starting at 0.
    uint256 nonce;
    /// @dev The account that called `sendMessage` on the source chain (the "original sender").
    address sender;
    /// @dev The contract called on the target chain.
    address target;
    /// @dev Minimum gas forwarded to `target` when the message executes.
    uint256 gasLimit;
    /// @dev Calldata for `target`.
    bytes data;
}

/// @title Hashing of bus messages
library BusMessageLib {
    /// @notice Type hash that prefixes every message hash.
    bytes32 internal constant MESSAGE_TYPEHASH = keccak256(
        "BusMessage(uint256 sourceChainId,uint256 targetChainId,address outbox,address inbox,uint256 nonce,address sender,address target,uint256 gasLimit,bytes data)"
    );

    /// @notice The identifier of `m`: what committee members attest.
    function hash(BusMessage memory m) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                MESSAGE_TYPEHASH,
                m.sourceChainId,
                m.targetChainId,
                m.outbox,
                m.inbox,
                m.nonce,
                m.sender,
                m.target,
                m.gasLimit,
                keccak256(m.data)
            )
        );
    }
}

/// @title What a bus message target can ask the inbox that called it
/// @notice Mirrors the native bridge messenger interface (`xDomainMessageSender`), so that a real
/// bridge can replace the committee bus without changing the targets.
interface ICrossDomainMessenger {
    /// @notice The original sender on the source chain of the message being executed. Reverts when
    /// no message is executing.
    function xDomainMessageSender() external view returns (address);
}

/// @title What the bus inbox adds to the messenger interface
interface IBusMessenger is ICrossDomainMessenger {
    /// @notice The nonce (in its source outbox) of the message being executed. Reverts when no
    /// message is executing. Lets a target refuse a message older than one it already obeyed.
    function xDomainMessageNonce() external view returns (uint256);
}

/// @title The sending side of the bus, as seen by contracts that send messages
interface IMessageOutbox {
    /// @notice Queues a message for `target` on the target chain; returns its nonce.
    function sendMessage(address target, bytes calldata data, uint256 gasLimit) external returns (uint256 nonce);
}
