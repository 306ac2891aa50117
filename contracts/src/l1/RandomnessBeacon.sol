// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICrossDomainMessenger, IMessageOutbox} from "../bus/BusMessage.sol";
import {IRandomnessBeacon, ISequencerSetBeacon} from "../interfaces/IRandomnessBeacon.sol";

/// @title L1 randomness beacon for the L2 sequencer rotation (docs/MECHANISMS.md §4.5)
/// @notice The L2 `SequencerSet` seeds each epoch's draw from L1 RANDAO rather than from its own
/// blocks, whose hashes the producing sequencer chooses. Request and answer both travel the message
/// bus: at rotation N the set asks (through the L2 outbox) for epoch N + 1's randomness; when the
/// committee executes that request here, the beacon records `block.prevrandao` of that L1 block, once
/// per epoch and for good, and sends it back through the L1 outbox. The value is fixed the moment it
/// first becomes known: a later delivery, a retry or `resend` only repeats it. Nobody on L2 picks the
/// L1 block: the request leaves L2 only with a rotation and reaches L1 only when the committee's
/// threshold attests it, so the producing sequencer can delay it, never aim it.
/// There is no owner and no parameter: the inbox, the outbox and the L2 set are fixed at deployment.
contract RandomnessBeacon is IRandomnessBeacon {
    /// @notice Gas the L2 inbox forwards to `SequencerSet.receiveBeacon` (it costs about 50,000).
    uint256 public constant BEACON_GAS_LIMIT = 200_000;

    /// @notice The L1 inbox of the message bus (delivers the L2 set's requests).
    ICrossDomainMessenger public immutable inbox;
    /// @notice The L1 outbox of the message bus (carries the randomness to L2).
    IMessageOutbox public immutable outbox;
    /// @notice The L2 sequencer set: the only original sender whose requests are answered, and the target.
    address public immutable l2SequencerSet;

    /// @notice Randomness fixed for one epoch's draw.
    struct Draw {
        uint64 l1BlockNumber;
        bytes32 randomness;
    }

    mapping(uint256 epochNumber => Draw) private _draws;

    /// @notice The randomness for epoch `epochNumber` was fixed from L1 block `l1BlockNumber`.
    event RandomnessRecorded(uint256 indexed epochNumber, uint256 l1BlockNumber, bytes32 randomness);
    /// @notice The randomness for epoch `epochNumber` was sent to L2 as L1 outbox message `nonce`.
    event RandomnessSent(uint256 indexed epochNumber, uint256 nonce);
    /// @notice The outbox refused the answer for epoch `epochNumber`; anyone may `resend` it.
    event RandomnessSendFailed(uint256 indexed epochNumber);

    /// @notice The caller is not the inbox relaying a request of the L2 sequencer set.
    error UnauthorizedRequest(address caller);
    /// @notice No randomness was recorded for epoch `epochNumber` yet.
    error RandomnessNotRecorded(uint256 epochNumber);
    /// @notice An address is zero.
    error ZeroAddress();

    /// @param inbox_ The L1 inbox of the message bus.
    /// @param outbox_ The L1 outbox of the message bus.
    /// @param l2SequencerSet_ The L2 sequencer set.
    constructor(address inbox_, address outbox_, address l2SequencerSet_) {
        if (inbox_ == address(0) || outbox_ == address(0) || l2SequencerSet_ == address(0)) revert ZeroAddress();
        inbox = ICrossDomainMessenger(inbox_);
        outbox = IMessageOutbox(outbox_);
        l2SequencerSet = l2SequencerSet_;
    }

    /// @inheritdoc IRandomnessBeacon
    /// @dev Never reverts once authorised, so the first execution of the request fixes the value: an
    /// outbox refusal is caught (`RandomnessSendFailed`) and the answer can be sent again with `resend`.
    function requestRandomness(uint256 epochNumber) external {
        if (msg.sender != address(inbox) || inbox.xDomainMessageSender() != l2SequencerSet) {
            revert UnauthorizedRequest(msg.sender);
        }
        Draw storage d = _draws[epochNumber];
        if (d.l1BlockNumber == 0) {
            d.l1BlockNumber = uint64(block.number);
            d.randomness = bytes32(block.prevrandao);
            emit RandomnessRecorded(epochNumber, block.number, d.randomness);
        }
        bytes memory data = _answer(epochNumber, d);
        try outbox.sendMessage(l2SequencerSet, data, BEACON_GAS_LIMIT) returns (uint256 nonce) {
            emit RandomnessSent(epochNumber, nonce);
        } catch {
            emit RandomnessSendFailed(epochNumber);
        }
    }

    /// @notice Sends the recorded randomness of epoch `epochNumber` to L2 again (the same value; the
    /// set ignores an answer it does not wait for). Anyone may call.
    /// @param epochNumber The epoch whose randomness was recorded.
    /// @return nonce The L1 outbox nonce of the message.
    function resend(uint256 epochNumber) external returns (uint256 nonce) {
        Draw storage d = _draws[epochNumber];
        if (d.l1BlockNumber == 0) revert RandomnessNotRecorded(epochNumber);
        nonce = outbox.sendMessage(l2SequencerSet, _answer(epochNumber, d), BEACON_GAS_LIMIT);
        emit RandomnessSent(epochNumber, nonce);
    }

    /// @notice The randomness recorded for epoch `epochNumber` (block 0: not yet).
    function drawOf(uint256 epochNumber) external view returns (Draw memory) {
        return _draws[epochNumber];
    }

    function _answer(uint256 epochNumber, Draw storage d) private view returns (bytes memory) {
        return abi.encodeCall(ISequencerSetBeacon.receiveBeacon, (epochNumber, d.l1BlockNumber, d.randomness));
    }
}
