// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICrossDomainMessenger} from "../../src/bus/BusMessage.sol";

/// @dev Stands in for a bus inbox in unit tests: relays a call with a chosen original sender.
contract MockMessenger is ICrossDomainMessenger {
    address private _sender;

    function relay(address target, address sender, bytes calldata data) external {
        _sender = sender;
        (bool ok, bytes memory ret) = target.call(data);
        _sender = address(0);
        if (!ok) {
            assembly {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }

    function xDomainMessageSender() external view returns (address) {
        return _sender;
    }
}
