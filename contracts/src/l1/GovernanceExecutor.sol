// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IBusMessenger} from "../bus/BusMessage.sol";

/// @notice The two powers of the accountability path over L1 staking.
interface ISlashable {
    function slash(
        uint256 sequencerId,
        uint256 fractionBps,
        uint64 offenceTime,
        address rewardee,
        uint256 rewardBps,
        string calldata reason
    ) external;
    function jail(uint256 sequencerId, string calldata reason) external;
}

/// @title L1 governance executor
/// @notice Owns the parameters of every L1 contract. It executes a call only when
/// - the L1 message bus inbox delivers it and the original L2 sender is `governance` (the L2
///   governance timelock), or
/// - `bootstrap` calls it directly. The bootstrap is a temporary role that the deploy script uses to
///   configure and seed the local stack before L2 governance is wired; it can only be given up
///   (`renounceBootstrap`), never granted again. With `bootstrap == address(0)` no externally owned
///   account can act through this contract.
///
/// Stale actions are refused (docs/MECHANISMS.md §5): the executor records the bus nonce of
/// the last governance message it obeyed and refuses any message with a lower nonce. A governance
/// message whose execution failed can be retried (until it expires in the inbox) only while no later
/// governance message has executed; otherwise an old `set(5)` retried after a newer `set(7)` would
/// undo it. The rule is global, not per target and selector, on purpose: one parameter can be
/// reached through several functions or batches, and one action can depend on another's effect, so
/// only the order of the whole governance stream is a sound notion of "later". A refused action is
/// proposed again.
///
/// Accountability path (docs/MECHANISMS.md §4.5): bus messages whose L2 sender is `enforcer` (the L2
/// challenge contract, which also carries the council's decisive jail and slash motions) may only
/// `slash` and `jail` a sequencer on `staking`, nothing else. The offence is dated by its age on L2
/// (`offenceAge` seconds before this delivery), so no clock of one chain is read on the other.
contract GovernanceExecutor {
    /// @notice One call to perform.
    struct Call {
        address target;
        uint256 value;
        bytes data;
    }

    /// @notice The L1 inbox of the message bus.
    IBusMessenger public immutable inbox;
    /// @notice The L2 address whose bus messages this executor obeys (the governance timelock).
    address public governance;
    /// @notice Temporary deploy-time caller; zero once renounced.
    address public bootstrap;
    /// @notice Lowest bus nonce a governance message may still have (one past the last obeyed).
    uint256 public nextGovernanceNonce;
    /// @notice The L2 address whose bus messages may slash and jail (zero: none).
    address public enforcer;
    /// @notice The staking contract the enforcer's messages act on.
    ISlashable public staking;

    /// @notice `target` was called with `value` and `data` by governance decision.
    event CallExecuted(address indexed target, uint256 value, bytes data, bytes result);
    /// @notice The L2 governance address changed.
    event GovernanceUpdated(address indexed previousGovernance, address indexed newGovernance);
    /// @notice The bootstrap role was given up for good.
    event BootstrapRenounced(address indexed previousBootstrap);
    /// @notice The governance message `nonce` is being obeyed; lower nonces are refused from now on.
    event GovernanceMessageAccepted(uint256 indexed nonce);
    /// @notice The accountability path changed: `enforcer` (L2) may slash and jail on `staking`.
    event EnforcerUpdated(address indexed enforcer, address indexed staking);
    /// @notice The enforcer's bus message `nonce` slashed or jailed `sequencerId`.
    event Enforced(uint256 indexed nonce, uint256 indexed sequencerId, bool slashed);

    /// @notice The caller is neither the inbox relaying `governance` nor the bootstrap.
    error Unauthorized(address caller);
    /// @notice A call reverted; `reason` is its revert data.
    error CallFailed(address target, bytes reason);
    /// @notice The inbox address is zero.
    error ZeroInbox();
    /// @notice The governance message `nonce` is older than one already executed (`nextNonce`).
    error StaleAction(uint256 nonce, uint256 nextNonce);
    /// @notice The caller is not the inbox relaying the enforcer.
    error NotEnforcer(address caller);

    /// @param inbox_ The L1 message bus inbox.
    /// @param governance_ The L2 governance address (may be zero until the deploy wires it).
    /// @param bootstrap_ The temporary deploy caller (zero for none).
    constructor(address inbox_, address governance_, address bootstrap_) {
        if (inbox_ == address(0)) revert ZeroInbox();
        inbox = IBusMessenger(inbox_);
        governance = governance_;
        bootstrap = bootstrap_;
        emit GovernanceUpdated(address(0), governance_);
    }

    modifier onlyAuthorized() {
        _authorize();
        _;
    }

    /// @notice Calls `target` with `value` (from this contract's balance) and `data`.
    /// @param target Contract to call.
    /// @param value Wei to send.
    /// @param data Calldata.
    /// @return result The call's return data.
    function execute(address target, uint256 value, bytes calldata data)
        external
        payable
        onlyAuthorized
        returns (bytes memory result)
    {
        result = _call(target, value, data);
    }

    /// @notice Performs `calls` in order; all or nothing.
    /// @param calls The calls.
    function executeBatch(Call[] calldata calls) external payable onlyAuthorized {
        for (uint256 i; i < calls.length; ++i) {
            _call(calls[i].target, calls[i].value, calls[i].data);
        }
    }

    /// @notice Sets the L2 governance address. Only through this executor itself (a governance
    /// call) or the bootstrap.
    /// @param newGovernance The new L2 governance address.
    function setGovernance(address newGovernance) external {
        if (msg.sender != address(this) && (msg.sender != bootstrap || bootstrap == address(0))) {
            revert Unauthorized(msg.sender);
        }
        emit GovernanceUpdated(governance, newGovernance);
        governance = newGovernance;
    }

    /// @notice Gives up the bootstrap role for good. Only the bootstrap (or governance through this
    /// executor).
    function renounceBootstrap() external {
        if (msg.sender != address(this) && (msg.sender != bootstrap || bootstrap == address(0))) {
            revert Unauthorized(msg.sender);
        }
        emit BootstrapRenounced(bootstrap);
        bootstrap = address(0);
    }

    /// @notice Sets the accountability path. Only through this executor itself (a governance call)
    /// or the bootstrap.
    /// @param enforcer_ The L2 sender whose messages may slash and jail (zero: none).
    /// @param staking_ The staking contract they act on.
    function setEnforcer(address enforcer_, address staking_) external {
        if (msg.sender != address(this) && (msg.sender != bootstrap || bootstrap == address(0))) {
            revert Unauthorized(msg.sender);
        }
        enforcer = enforcer_;
        staking = ISlashable(staking_);
        emit EnforcerUpdated(enforcer_, staking_);
    }

    /// @notice Slashes `fractionBps` of `sequencerId` for an offence `offenceAge` seconds ago (and
    /// jails it), paying `rewardBps` of what reaches the treasury to `rewardee`. Only the inbox
    /// relaying the enforcer.
    function slash(
        uint256 sequencerId,
        uint256 fractionBps,
        uint64 offenceAge,
        address rewardee,
        uint256 rewardBps,
        string calldata reason
    ) external {
        uint256 nonce = _enforcerNonce();
        uint64 offenceTime = offenceAge >= block.timestamp ? 0 : uint64(block.timestamp) - offenceAge;
        emit Enforced(nonce, sequencerId, true);
        staking.slash(sequencerId, fractionBps, offenceTime, rewardee, rewardBps, reason);
    }

    /// @notice Jails `sequencerId` without slashing. Only the inbox relaying the enforcer.
    function jail(uint256 sequencerId, string calldata reason) external {
        uint256 nonce = _enforcerNonce();
        emit Enforced(nonce, sequencerId, false);
        staking.jail(sequencerId, reason);
    }

    /// @notice Accepts ETH for calls that send value.
    receive() external payable {}

    /// @dev The inbox relaying `governance` (with a nonce not older than the last obeyed), or the
    /// bootstrap.
    function _authorize() private {
        if (msg.sender == address(inbox)) {
            address g = governance;
            if (g == address(0) || inbox.xDomainMessageSender() != g) revert Unauthorized(msg.sender);
            uint256 nonce = inbox.xDomainMessageNonce();
            uint256 next = nextGovernanceNonce;
            if (nonce < next) revert StaleAction(nonce, next);
            nextGovernanceNonce = nonce + 1;
            emit GovernanceMessageAccepted(nonce);
            return;
        }
        if (msg.sender != bootstrap || msg.sender == address(0)) revert Unauthorized(msg.sender);
    }

    function _enforcerNonce() private view returns (uint256) {
        address e = enforcer;
        if (msg.sender != address(inbox) || e == address(0) || inbox.xDomainMessageSender() != e) {
            revert NotEnforcer(msg.sender);
        }
        return inbox.xDomainMessageNonce();
    }

    function _call(address target, uint256 value, bytes calldata data) private returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call{value: value}(data);
        if (!ok) revert CallFailed(target, result);
        emit CallExecuted(target, value, data, result);
    }
}
