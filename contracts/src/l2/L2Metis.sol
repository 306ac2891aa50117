// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title METIS on L2
/// @notice The ERC-20 face of METIS that L2 contracts (veMETIS, fee vault, challenge bonds) use.
/// Supply exists on L2 only as bridged from L1: the bridge mints on deposit and burns on
/// withdrawal, and the L2 supply can never exceed the L1 lifetime supply.
contract L2Metis is ERC20, ERC20Permit {
    /// @notice Lifetime supply of METIS; the L2 supply can never exceed it.
    uint256 public constant CAP = 10_000_000 ether;

    /// @notice The only address allowed to mint and burn.
    address public immutable bridge;

    /// @notice Emitted when the bridge credits METIS that arrived from L1.
    event Deposited(address indexed to, uint256 amount);
    /// @notice Emitted when the bridge burns METIS leaving for L1.
    event Withdrawn(address indexed from, uint256 amount);

    /// @notice The caller is not the bridge.
    error NotBridge(address caller);
    /// @notice Minting `amount` would take the supply above `CAP`.
    error CapExceeded(uint256 amount, uint256 supply);
    /// @notice The bridge address is zero.
    error ZeroBridge();

    modifier onlyBridge() {
        if (msg.sender != bridge) revert NotBridge(msg.sender);
        _;
    }

    constructor(address bridge_) ERC20("Metis Token", "METIS") ERC20Permit("Metis Token") {
        if (bridge_ == address(0)) revert ZeroBridge();
        bridge = bridge_;
    }

    /// @notice Credits `amount` METIS bridged from L1 to `to`.
    function mint(address to, uint256 amount) external onlyBridge {
        uint256 supply = totalSupply();
        if (supply + amount > CAP) revert CapExceeded(amount, supply);
        _mint(to, amount);
        emit Deposited(to, amount);
    }

    /// @notice Burns `amount` METIS of `from` leaving for L1. `from` must have approved the bridge.
    function burn(address from, uint256 amount) external onlyBridge {
        if (from != msg.sender) _spendAllowance(from, msg.sender, amount);
        _burn(from, amount);
        emit Withdrawn(from, amount);
    }

    /// @notice The supply cap.
    function cap() external pure returns (uint256) {
        return CAP;
    }
}
