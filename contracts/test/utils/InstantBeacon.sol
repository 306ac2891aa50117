// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IMessageOutbox} from "../../src/bus/BusMessage.sol";
import {ISequencerSetBeacon} from "../../src/interfaces/IRandomnessBeacon.sol";
import {MockMessenger} from "./MockMessenger.sol";

/// @dev Stands in for the L2 outbox, the bus and the L1 beacon in unit tests of the sequencer set: a
/// beacon request is answered at once (through `messenger`, with this contract as the L1 beacon) with
/// the current `prevrandao`. Configure with `set.setRandomnessBeacon(address(b), address(b))`.
contract InstantBeacon is IMessageOutbox {
    MockMessenger public immutable messenger;
    uint256 public nextNonce;

    constructor(MockMessenger messenger_) {
        messenger = messenger_;
    }

    function sendMessage(address, bytes calldata data, uint256) external returns (uint256 nonce) {
        nonce = nextNonce++;
        uint256 epochNumber = abi.decode(data[4:], (uint256));
        messenger.relay(
            msg.sender,
            address(this),
            abi.encodeCall(ISequencerSetBeacon.receiveBeacon, (epochNumber, block.number, bytes32(block.prevrandao)))
        );
    }
}
