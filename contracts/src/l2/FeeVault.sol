// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IFeeVault} from "../interfaces/IRewardsDistributor.sol";

/// @title L2 fee vault
/// @notice Collects the sequencer revenue (L2 fees, in METIS) and releases each epoch's amount to
/// the epoch report: at every rotation the sequencer set calls `release()`, which marks every fee
/// collected since the previous release as released and returns its amount; the set reports it to
/// L1 with the epoch's blocks.
///
/// Fees arrive through `payFee` (pull, with an event) or as a plain METIS transfer to the vault;
/// both count. Released fees stay locked in this vault: they stand in for the native bridge
/// withdrawal that, in production, carries the fee-vault predeploy's balance to L1, where it funds
/// the rewards distributor's revenue escrow (locally the deploy pre-funds that escrow as the L1
/// lockbox). Nothing can move METIS out of this contract.
contract FeeVault is IFeeVault {
    using SafeERC20 for IERC20;

    /// @notice L2 METIS.
    IERC20 public immutable metis;
    /// @notice The L2 sequencer set: the only caller of `release`.
    address public immutable sequencerSet;
    /// @notice METIS released so far (all epochs).
    uint256 public totalReleased;

    /// @notice `payer` paid `amount` METIS of fees into the vault.
    event FeePaid(address indexed payer, uint256 amount);
    /// @notice `amount` METIS of fees were released to an epoch report; `totalReleased` after it.
    event FeesReleased(uint256 amount, uint256 totalReleased);

    /// @notice The caller is not the sequencer set.
    error NotSequencerSet(address caller);
    /// @notice The amount is zero.
    error ZeroAmount();
    /// @notice An address parameter is zero.
    error ZeroAddress();

    /// @param metis_ L2 METIS.
    /// @param sequencerSet_ The L2 sequencer set.
    constructor(IERC20 metis_, address sequencerSet_) {
        if (address(metis_) == address(0) || sequencerSet_ == address(0)) revert ZeroAddress();
        metis = metis_;
        sequencerSet = sequencerSet_;
    }

    /// @notice Pays `amount` METIS of fees (pulled from the caller; approve first).
    /// @param amount METIS, in wei.
    function payFee(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        emit FeePaid(msg.sender, amount);
        metis.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Releases every fee not yet released (to the epoch report of the epoch that is ending).
    /// Only the sequencer set, from `rotate()`.
    /// @return amount METIS released, in wei (may be 0).
    function release() external returns (uint256 amount) {
        if (msg.sender != sequencerSet) revert NotSequencerSet(msg.sender);
        amount = pending();
        if (amount > 0) {
            uint256 total = totalReleased + amount;
            totalReleased = total;
            emit FeesReleased(amount, total);
        }
    }

    /// @notice Fees collected and not yet released.
    function pending() public view returns (uint256) {
        return metis.balanceOf(address(this)) - totalReleased;
    }
}
