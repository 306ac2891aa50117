// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IBusMessenger} from "../../src/bus/BusMessage.sol";

/// @dev Records every call it receives through the bus, with the original sender.
contract BusTarget {
    IBusMessenger public immutable inbox;
    bool public failing;
    uint256 public calls;
    mapping(uint256 value => uint256) public timesSeen;
    uint256[] public order;
    address public lastSender;
    uint256 public lastNonce;

    error Failing();

    constructor(address inbox_) {
        inbox = IBusMessenger(inbox_);
    }

    function setFailing(bool f) external {
        failing = f;
    }

    function record(uint256 value) external {
        if (failing) revert Failing();
        lastSender = inbox.xDomainMessageSender();
        lastNonce = inbox.xDomainMessageNonce();
        ++calls;
        ++timesSeen[value];
        order.push(value);
    }

    function burnGas(uint256 loops) external {
        for (uint256 i; i < loops; ++i) {
            timesSeen[1_000_000 + i] = i + 1;
        }
        ++calls;
    }

    function orderLength() external view returns (uint256) {
        return order.length;
    }
}
