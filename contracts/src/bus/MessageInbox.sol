// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {BusMessage, BusMessageLib, IBusMessenger, ICrossDomainMessenger} from "./BusMessage.sol";

/// @title Inbox of the cross-chain message bus
/// @notice Executes messages of one source outbox once a threshold of committee members has
/// attested them on chain.
///
/// Delivery policy:
/// - Messages execute strictly in nonce order, each nonce at most once, and only on the chain and
///   inbox the message names (`targetChainId == block.chainid`, `inbox == address(this)`,
///   `sourceChainId`/`outbox` equal to this inbox's route). A redeployed inbox starts at the outbox's
///   nonce at the switch (`firstNonce`) and refuses every message addressed to its predecessor.
/// - `attest` records one member's attestation. The attestation that reaches the threshold while
///   the message is the next nonce also executes it, and must carry enough gas to forward the
///   message's `gasLimit` (it reverts with `InsufficientGas` otherwise, so `eth_estimateGas` finds
///   the right limit). A message that reached the threshold before its turn is executed by
///   `deliver`, which anyone may call once it is next in line.
/// - Attestations count only while their author is a committee member, and only for the membership
///   epoch in which they were made: counting happens against the current committee at delivery
///   time, and a member removed and re-added later starts a new membership epoch (its old
///   attestations do not count again; docs/MECHANISMS.md §5).
/// - A target call that reverts does not block the bus: the nonce is consumed, the message is
///   recorded as `Failed` (event `MessageFailed`), and anyone may `retry` it until it expires
///   (`retryWindow` after the failure); a retry executes it at most once. The owner (governance) may
///   `cancel` a failed message; an expired or cancelled message never executes. Nothing is ever
///   skipped silently. Under-gassing cannot force a failure: a delivery that cannot forward
///   `gasLimit` to the target reverts.
/// - The target reads the original sender with `xDomainMessageSender()`, as with a native bridge
///   messenger, and the message's nonce with `xDomainMessageNonce()` (so that the L1 governance
///   executor can refuse a retried action older than one it already executed).
/// The owner (the governance executor on L1, the deploy bootstrap on L2 for now) sets the committee.
contract MessageInbox is IBusMessenger, Ownable2Step, Pausable, ReentrancyGuard {
    /// @notice Delivery state of a message (by hash).
    enum MessageStatus {
        None,
        Executed,
        Failed,
        Cancelled
    }

    /// @notice Largest committee.
    uint256 public constant MAX_MEMBERS = 32;
    /// @notice Gas kept back for the bookkeeping after the target call.
    uint256 public constant DELIVERY_GAS_RESERVE = 50_000;
    /// @notice `retryWindow` of a new inbox (docs/MECHANISMS.md §5: 30 days in production).
    uint256 public constant DEFAULT_RETRY_WINDOW = 30 days;
    /// @notice Longest `retryWindow` governance may set.
    uint256 public constant MAX_RETRY_WINDOW = 90 days;

    address private constant NO_SENDER = address(1);

    /// @notice Chain id of the source chain of this route.
    uint256 public immutable sourceChainId;
    /// @notice The outbox on the source chain whose messages this inbox executes.
    address public immutable sourceOutbox;

    /// @notice Nonce of the next message to execute.
    uint256 public nextNonce;
    /// @notice Number of current-member attestations needed to execute a message.
    uint256 public threshold;
    address[] private _members;
    /// @notice Whether `account` is a committee member.
    mapping(address account => bool) public isMember;
    /// @notice Number of committees so far (`setCommittee` calls, the constructor's included).
    uint256 public committeeGeneration;
    /// @notice The generation in which `member`'s current membership began (0: never a member).
    mapping(address member => uint256) public memberSince;
    /// @dev The last generation whose committee included `member`.
    mapping(address member => uint256) private _lastGeneration;
    /// @dev Generation in which `member` attested `messageHash` (0: never).
    mapping(bytes32 messageHash => mapping(address member => uint256)) private _attestedIn;
    /// @notice Delivery state of the message `messageHash`.
    mapping(bytes32 messageHash => MessageStatus) public messageStatus;
    /// @notice Time after which the failed message `messageHash` can no longer be retried.
    mapping(bytes32 messageHash => uint256) public retryDeadline;
    /// @notice How long a failed message may be retried (governance parameter).
    uint256 public retryWindow = DEFAULT_RETRY_WINDOW;

    /// @notice Who may pause and unpause delivery besides the owner (the Eco Node council's decisive
    /// action, docs/MECHANISMS.md §4.4). Paused, attestations are still recorded but nothing executes:
    /// messages wait in nonce order and none is lost.
    address public pauser;

    address private _xSender = NO_SENDER;
    uint256 private _xNonce;

    /// @notice The committee was replaced.
    event CommitteeUpdated(address[] members, uint256 threshold);
    /// @notice `member` attested message `nonce`; `attestations` counts current members so far.
    event MessageAttested(uint256 indexed nonce, bytes32 indexed messageHash, address indexed member, uint256 attestations);
    /// @notice Message `nonce` executed successfully (on delivery or on retry).
    event MessageDelivered(uint256 indexed nonce, bytes32 indexed messageHash, address indexed target);
    /// @notice Message `nonce` was delivered but its target call reverted; it can be retried until
    /// `retryDeadline`.
    event MessageFailed(
        uint256 indexed nonce, bytes32 indexed messageHash, address indexed target, bytes reason, uint256 retryDeadline
    );
    /// @notice Governance cancelled the failed message `messageHash`: it will never execute.
    event MessageCancelled(bytes32 indexed messageHash);
    /// @notice The retry window of failed messages changed.
    event RetryWindowUpdated(uint256 retryWindow);
    /// @notice The account that may pause delivery changed.
    event PauserUpdated(address indexed pauser);

    /// @notice The caller is not a committee member.
    error NotCommitteeMember(address caller);
    /// @notice The message does not belong to this route (source chain, outbox, target chain).
    error WrongDomain(uint256 sourceChainId, address outbox, uint256 targetChainId);
    /// @notice The message's nonce was already consumed.
    error NonceAlreadyProcessed(uint256 nonce, uint256 nextNonce);
    /// @notice The message is not the next one in nonce order.
    error NotNextNonce(uint256 nonce, uint256 nextNonce);
    /// @notice The member already attested this message.
    error AlreadyAttested(bytes32 messageHash, address member);
    /// @notice Fewer current members than `threshold` attested the message.
    error BelowThreshold(bytes32 messageHash, uint256 attestations, uint256 threshold);
    /// @notice The transaction cannot forward the message's gas limit to the target.
    error InsufficientGas(uint256 gasLeft, uint256 needed);
    /// @notice The message is not in the `Failed` state.
    error NotFailed(bytes32 messageHash);
    /// @notice The failed message's retry window closed at `deadline`.
    error MessageExpired(bytes32 messageHash, uint256 deadline);
    /// @notice The retry window is zero or above `MAX_RETRY_WINDOW`.
    error InvalidRetryWindow(uint256 retryWindow);
    /// @notice The retried target call reverted again.
    error RetryFailed(bytes32 messageHash, bytes reason);
    /// @notice The committee or threshold is invalid (size 1..MAX_MEMBERS, no zero or duplicate
    /// member, threshold a strict majority and at most the size).
    error InvalidCommittee();
    /// @notice `xDomainMessageSender` was read outside of a message execution.
    error NoMessageExecuting();
    /// @notice The caller is neither the pauser nor the owner.
    error NotPauser(address caller);

    /// @param sourceChainId_ Chain id of the source chain.
    /// @param sourceOutbox_ Outbox on the source chain.
    /// @param owner_ Owner of the committee parameters.
    /// @param members_ Initial committee.
    /// @param threshold_ Initial threshold.
    /// @param firstNonce_ Nonce of the first message addressed to this inbox (0 for a new route; the
    /// outbox's `nextNonce` when this inbox replaces another).
    constructor(
        uint256 sourceChainId_,
        address sourceOutbox_,
        address owner_,
        address[] memory members_,
        uint256 threshold_,
        uint256 firstNonce_
    ) Ownable(owner_) {
        if (sourceChainId_ == 0 || sourceChainId_ == block.chainid || sourceOutbox_ == address(0)) {
            revert WrongDomain(sourceChainId_, sourceOutbox_, block.chainid);
        }
        sourceChainId = sourceChainId_;
        sourceOutbox = sourceOutbox_;
        nextNonce = firstNonce_;
        _setCommittee(members_, threshold_);
        emit RetryWindowUpdated(DEFAULT_RETRY_WINDOW);
    }

    // ------------------------------------------------------------------ committee

    /// @notice Replaces the committee and threshold. Only the owner.
    /// @param members_ New members (1 to MAX_MEMBERS, distinct, non-zero).
    /// @param threshold_ New threshold: more than half of the members and at most all of them.
    function setCommittee(address[] calldata members_, uint256 threshold_) external onlyOwner {
        _setCommittee(members_, threshold_);
    }

    /// @notice Sets how long a failed message may be retried (for messages that fail from now on).
    /// Only the owner.
    /// @param retryWindow_ The window (1 second to `MAX_RETRY_WINDOW`).
    function setRetryWindow(uint256 retryWindow_) external onlyOwner {
        if (retryWindow_ == 0 || retryWindow_ > MAX_RETRY_WINDOW) revert InvalidRetryWindow(retryWindow_);
        retryWindow = retryWindow_;
        emit RetryWindowUpdated(retryWindow_);
    }

    /// @notice Cancels the failed message `messageHash` for good (expired or not). Only the owner.
    /// @param messageHash The failed message.
    function cancel(bytes32 messageHash) external onlyOwner {
        if (messageStatus[messageHash] != MessageStatus.Failed) revert NotFailed(messageHash);
        messageStatus[messageHash] = MessageStatus.Cancelled;
        emit MessageCancelled(messageHash);
    }

    /// @notice Sets who may pause delivery besides the owner (zero: only the owner). Only the owner.
    /// @param pauser_ The pauser.
    function setPauser(address pauser_) external onlyOwner {
        pauser = pauser_;
        emit PauserUpdated(pauser_);
    }

    /// @notice Stops delivery: `deliver` and `retry` refuse, `attest` records without executing.
    /// Only the pauser or the owner.
    function pause() external {
        _checkPauser();
        _pause();
    }

    /// @notice Resumes delivery; waiting messages are then delivered in nonce order. Only the pauser
    /// or the owner.
    function unpause() external {
        _checkPauser();
        _unpause();
    }

    /// @notice The current committee members.
    function members() external view returns (address[] memory) {
        return _members;
    }

    /// @notice Whether `member` attested `messageHash` in its current membership epoch (an
    /// attestation made before the member was removed and re-added does not count).
    function hasAttested(bytes32 messageHash, address member) public view returns (bool) {
        uint256 at = _attestedIn[messageHash][member];
        return at != 0 && isMember[member] && at >= memberSince[member];
    }

    // ------------------------------------------------------------------ messages

    /// @notice Records the caller's attestation of `m`; executes it if this attestation reaches the
    /// threshold and `m` is the next nonce (see the contract notes).
    /// @param m The message as emitted by the source outbox.
    function attest(BusMessage calldata m) external nonReentrant {
        if (!isMember[msg.sender]) revert NotCommitteeMember(msg.sender);
        _checkDomain(m);
        uint256 next = nextNonce;
        if (m.nonce < next) revert NonceAlreadyProcessed(m.nonce, next);
        bytes32 h = BusMessageLib.hash(m);
        if (hasAttested(h, msg.sender)) revert AlreadyAttested(h, msg.sender);
        _attestedIn[h][msg.sender] = committeeGeneration;
        uint256 count = attestationCount(h);
        emit MessageAttested(m.nonce, h, msg.sender, count);
        if (m.nonce == next && count >= threshold && !paused()) {
            uint256 needed = _gasNeeded(m.gasLimit);
            if (gasleft() < needed) revert InsufficientGas(gasleft(), needed);
            _execute(m, h);
        }
    }

    /// @notice Executes `m` if it is the next nonce and has reached the threshold. Anyone may call;
    /// refused while paused.
    /// @param m The message as emitted by the source outbox.
    function deliver(BusMessage calldata m) external nonReentrant whenNotPaused {
        _checkDomain(m);
        if (m.nonce != nextNonce) revert NotNextNonce(m.nonce, nextNonce);
        bytes32 h = BusMessageLib.hash(m);
        uint256 count = attestationCount(h);
        if (count < threshold) revert BelowThreshold(h, count, threshold);
        uint256 needed = _gasNeeded(m.gasLimit);
        if (gasleft() < needed) revert InsufficientGas(gasleft(), needed);
        _execute(m, h);
    }

    /// @notice Executes again a message whose delivery failed, forwarding all available gas, until
    /// its `retryDeadline`. Reverts (and leaves it `Failed`) if the target reverts again. Anyone may
    /// call.
    /// @param m The failed message.
    function retry(BusMessage calldata m) external nonReentrant whenNotPaused {
        bytes32 h = BusMessageLib.hash(m);
        if (messageStatus[h] != MessageStatus.Failed) revert NotFailed(h);
        uint256 deadline = retryDeadline[h];
        if (block.timestamp > deadline) revert MessageExpired(h, deadline);
        messageStatus[h] = MessageStatus.Executed;
        (bool ok, bytes memory reason) = _call(m, gasleft() - 10_000);
        if (!ok) revert RetryFailed(h, reason);
        emit MessageDelivered(m.nonce, h, m.target);
    }

    /// @inheritdoc ICrossDomainMessenger
    function xDomainMessageSender() external view returns (address) {
        address sender = _xSender;
        if (sender == NO_SENDER) revert NoMessageExecuting();
        return sender;
    }

    /// @inheritdoc IBusMessenger
    function xDomainMessageNonce() external view returns (uint256) {
        if (_xSender == NO_SENDER) revert NoMessageExecuting();
        return _xNonce;
    }

    /// @notice Number of current committee members that attested `messageHash`.
    function attestationCount(bytes32 messageHash) public view returns (uint256 count) {
        uint256 n = _members.length;
        for (uint256 i; i < n; ++i) {
            address member = _members[i];
            uint256 at = _attestedIn[messageHash][member];
            if (at != 0 && at >= memberSince[member]) ++count;
        }
    }

    /// @notice The hash of `m` (what members attest).
    function hashMessage(BusMessage calldata m) external pure returns (bytes32) {
        return BusMessageLib.hash(m);
    }

    // ------------------------------------------------------------------ internals

    function _execute(BusMessage calldata m, bytes32 h) private {
        nextNonce = m.nonce + 1;
        (bool ok, bytes memory reason) = _call(m, m.gasLimit);
        if (ok) {
            messageStatus[h] = MessageStatus.Executed;
            emit MessageDelivered(m.nonce, h, m.target);
        } else {
            messageStatus[h] = MessageStatus.Failed;
            uint256 deadline = block.timestamp + retryWindow;
            retryDeadline[h] = deadline;
            emit MessageFailed(m.nonce, h, m.target, reason, deadline);
        }
    }

    /// @dev Calls the target with the original sender exposed; copies at most 256 bytes of revert data.
    function _call(BusMessage calldata m, uint256 gasToForward) private returns (bool ok, bytes memory reason) {
        _xSender = m.sender;
        _xNonce = m.nonce;
        address target = m.target;
        bytes memory data = m.data;
        assembly ("memory-safe") {
            ok := call(gasToForward, target, 0, add(data, 0x20), mload(data), 0, 0)
        }
        _xSender = NO_SENDER;
        if (!ok) {
            uint256 size;
            assembly ("memory-safe") {
                size := returndatasize()
            }
            if (size > 256) size = 256;
            reason = new bytes(size);
            assembly ("memory-safe") {
                returndatacopy(add(reason, 0x20), 0, size)
            }
        }
    }

    function _checkPauser() private view {
        if (msg.sender != pauser && msg.sender != owner()) revert NotPauser(msg.sender);
    }

    function _gasNeeded(uint256 gasLimit) private pure returns (uint256) {
        return gasLimit + gasLimit / 63 + DELIVERY_GAS_RESERVE;
    }

    function _checkDomain(BusMessage calldata m) private view {
        if (
            m.sourceChainId != sourceChainId || m.outbox != sourceOutbox || m.targetChainId != block.chainid
                || m.inbox != address(this)
        ) {
            revert WrongDomain(m.sourceChainId, m.outbox, m.targetChainId);
        }
    }

    function _setCommittee(address[] memory members_, uint256 threshold_) private {
        uint256 n = members_.length;
        if (n == 0 || n > MAX_MEMBERS || threshold_ > n || threshold_ * 2 <= n) revert InvalidCommittee();
        uint256 old = _members.length;
        for (uint256 i; i < old; ++i) {
            isMember[_members[i]] = false;
        }
        delete _members;
        uint256 previous = committeeGeneration;
        uint256 generation = previous + 1;
        committeeGeneration = generation;
        for (uint256 i; i < n; ++i) {
            address member = members_[i];
            if (member == address(0) || isMember[member]) revert InvalidCommittee();
            isMember[member] = true;
            // A member of the previous committee keeps its membership epoch (and its attestations);
            // anyone else, a returning member included, starts a new one.
            if (_lastGeneration[member] != previous || previous == 0) memberSince[member] = generation;
            _lastGeneration[member] = generation;
            _members.push(member);
        }
        threshold = threshold_;
        emit CommitteeUpdated(members_, threshold_);
    }
}
