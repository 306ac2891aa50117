// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Benchmark helper (`npm run bench`, never deployed by the deploy script): many real
/// token transfers in one transaction, so that a generated history has as many `Transfer` events
/// as a busy chain without one transaction per event.
contract TransferBatcher {
    using SafeERC20 for IERC20;

    /// @notice Sends `amount` of `token` held by this contract to each of `recipients`, in order.
    function spread(IERC20 token, address[] calldata recipients, uint256 amount) external {
        for (uint256 i = 0; i < recipients.length; ++i) {
            token.safeTransfer(recipients[i], amount);
        }
    }
}
