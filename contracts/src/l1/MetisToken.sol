// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title METIS on L1 (local and test networks)
/// @notice Stand-in for the canonical METIS ERC-20 on Ethereum: EIP-2612 permit and a hard cap of
/// 10,000,000 METIS. The whole capped supply is minted once, at construction, to `treasury`;
/// there is no mint function and no admin, so the supply can never exceed the cap.
contract MetisToken is ERC20, ERC20Permit {
    /// @notice Lifetime supply of METIS.
    uint256 public constant CAP = 10_000_000 ether;

    /// @param treasury Receives the entire supply.
    constructor(address treasury) ERC20("Metis Token", "METIS") ERC20Permit("Metis Token") {
        _mint(treasury, CAP);
    }

    /// @notice The supply cap (equal to the total supply, which is minted at construction).
    function cap() external pure returns (uint256) {
        return CAP;
    }
}
