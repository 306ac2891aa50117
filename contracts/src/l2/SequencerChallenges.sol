// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IMessageOutbox} from "../bus/BusMessage.sol";
import {IEpochChallenges} from "./SequencerSet.sol";

/// @notice What the challenge contract reads of the sequencer set.
interface IChallengedSet {
    struct Epoch {
        uint64 sequencerId;
        uint64 startBlock;
        uint64 endBlock;
        address signer;
    }

    function currentEpoch() external view returns (uint256 epochNumber, Epoch memory epoch);
    function getEpoch(uint256 epochNumber) external view returns (Epoch memory);
}

/// @notice What the challenge contract reads of the Eco Node council.
interface IChallengeCouncil {
    function nodes() external view returns (address[] memory);
    function isNode(address node) external view returns (bool);
    function voterOf(address node) external view returns (address);
    function reputationAt(address node, uint256 timepoint) external view returns (uint256);
}

/// @notice The L1 side of the accountability path (`GovernanceExecutor.slash` and `.jail`).
interface IEnforcement {
    function slash(
        uint256 sequencerId,
        uint256 fractionBps,
        uint64 offenceAge,
        address rewardee,
        uint256 rewardBps,
        string calldata reason
    ) external;
    function jail(uint256 sequencerId, string calldata reason) external;
}

/// @title Sequencer challenges and the accountability path to L1
/// @notice Anyone may challenge an epoch's sequencer, with a bond and an evidence URI, while the epoch
/// runs and for `challengeWindow` L2 blocks after its end (docs/MECHANISMS.md §4.5). The sequencer set
/// holds the epoch's reward report back over that window and while a challenge of it is open.
/// - Downtime is decided by the chain, without a vote: the sequencer proves each block it produced by
///   a `heartbeat` in it (the block's coinbase is the epoch's signer). Once the epoch has ended, anyone
///   `resolve`s: upheld if it produced fewer than `minProductionBps` of the epoch's blocks, else rejected.
/// - Censorship and invalid blocks are decided by the Eco Nodes, weighted by reputation at the
///   challenge's opening: upheld with ≥ 2/3 of the weight cast and the quorum; rejected with the quorum
///   and less; lapsed without the quorum by the deadline. `resolve` settles as soon as the outcome is
///   certain, and anyone may call it.
/// Upheld: the bond returns to the challenger, the epoch is reported to L1 for nobody (its rewards go to
/// the treasury), and the bus carries `slash(severity)` of the offender to the L1 executor, which jails
/// it and pays the challenger `rewardBps` of the slash. Rejected: the bond goes to the treasury.
/// Lapsed (the council did not decide): the bond returns; a challenger is not fined for the council's
/// absence. Every bond is settled exactly once.
///
/// The council's decisive jail and slash motions (docs/MECHANISMS.md §4.4) reach L1 through this
/// contract too (`councilJail`, `councilSlash`): the L1 executor obeys this one sender for those two
/// calls only.
contract SequencerChallenges is IEpochChallenges, Ownable2Step, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice What a challenge claims.
    enum Kind {
        Downtime,
        Censorship,
        InvalidBlocks
    }

    /// @notice Where a challenge stands.
    enum Status {
        None,
        Open,
        Upheld,
        Rejected,
        Lapsed
    }

    /// @notice Governance parameters.
    struct Params {
        uint128 bond; // METIS the challenger posts
        uint32 window; // L2 blocks after an epoch's end during which it may be challenged
        uint32 votingPeriod; // seconds the council has to decide
        uint16 quorumBps; // of the council's reputation at opening; at most a third
        uint16 minProductionBps; // downtime: fewer of the epoch's blocks than this is upheld
        uint16 rewardBps; // the challenger's share of the slash (after late arrivals' refunds)
        uint16[3] severityBps; // slash per kind, at most MAX_SEVERITY_BPS
    }

    /// @notice One challenge.
    struct Challenge {
        address challenger;
        uint64 epoch;
        uint64 sequencerId;
        Kind kind;
        Status status;
        uint48 openedAt;
        uint48 deadline;
        uint16 severityBps;
        uint16 rewardBps;
        uint128 bond;
        uint128 totalWeight;
        uint128 quorum;
        uint128 upholdWeight;
        uint128 rejectWeight;
        string evidence;
    }

    /// @notice Largest slash a challenge or motion may ask (10%; L1 staking caps it too).
    uint256 public constant MAX_SEVERITY_BPS = 1_000;
    /// @notice Longest evidence URI or reason, in bytes.
    uint256 public constant MAX_TEXT = 512;
    /// @notice Gas the L1 inbox forwards to the executor's `slash` (it costs well under half).
    uint256 public constant SLASH_GAS_LIMIT = 800_000;
    /// @notice Gas the L1 inbox forwards to the executor's `jail`.
    uint256 public constant JAIL_GAS_LIMIT = 300_000;

    /// @notice METIS on L2 (bonds).
    IERC20 public immutable metis;
    /// @notice The sequencer set whose epochs are challenged.
    IChallengedSet public immutable sequencerSet;
    /// @notice The Eco Node council (votes, and the only caller of the decisive motions).
    IChallengeCouncil public immutable council;
    /// @notice The L2 outbox of the message bus.
    IMessageOutbox public immutable outbox;
    /// @notice The L1 governance executor (the accountability path's receiver).
    address public immutable l1Executor;
    /// @notice Where forfeited bonds go.
    address public immutable treasury;

    Params private _params;
    /// @notice Number of challenges filed (ids are 0..challengeCount-1).
    uint256 public challengeCount;
    mapping(uint256 id => Challenge) private _challenges;
    /// @notice Open challenges of each epoch.
    mapping(uint256 epochNumber => uint256) public openChallenges;
    /// @notice Whether a challenge of the epoch was upheld.
    mapping(uint256 epochNumber => bool) public upheld;
    /// @dev The open or upheld challenge of (epoch, kind), plus one (0: none).
    mapping(uint256 epochNumber => mapping(Kind => uint256)) private _active;
    /// @dev Whether `node` voted on challenge `id`.
    mapping(uint256 id => mapping(address node => bool)) private _voted;
    /// @notice Blocks of epoch `epochNumber` its sequencer proved it produced (`heartbeat`).
    mapping(uint256 epochNumber => uint256) public produced;
    /// @dev The last block that counted a heartbeat.
    uint256 private _lastHeartbeat;

    /// @notice The parameters changed.
    event ParamsSet(Params params);
    /// @notice Challenge `id` of epoch `epoch` (sequencer `sequencerId`) was filed.
    event ChallengeOpened(
        uint256 indexed id,
        uint256 indexed epoch,
        uint256 indexed sequencerId,
        address challenger,
        Kind kind,
        uint256 bond,
        string evidence
    );
    /// @notice The council decides challenge `id` by `deadline`, out of `totalWeight` with `quorum`.
    event ChallengeVoteOpened(uint256 indexed id, uint256 deadline, uint256 totalWeight, uint256 quorum);
    /// @notice `node` (voted by `voter`) voted on challenge `id` with `weight`.
    event ChallengeVoted(
        uint256 indexed id, address indexed node, address indexed voter, bool uphold, uint256 weight, string reason
    );
    /// @notice Challenge `id` was settled; `slashNonce` is the bus nonce of the slash (upheld only).
    event ChallengeResolved(
        uint256 indexed id, Status status, uint256 produced, uint256 blocks, address bondTo, uint256 slashNonce
    );
    /// @notice The council's decisive motion sent a jail (`fractionBps` 0) or slash of `sequencerId`.
    event DecisiveAction(uint256 indexed sequencerId, uint256 fractionBps, uint256 nonce, string reason);

    /// @notice A parameter is out of range (`index` in `Params` order).
    error InvalidParam(uint256 index);
    /// @notice The epoch has not started.
    error UnknownEpoch(uint256 epochNumber);
    /// @notice The epoch's challenge window closed at block `closedAt`.
    error WindowClosed(uint256 epochNumber, uint256 closedAt);
    /// @notice A challenge of this epoch and kind is open or was upheld (`id`).
    error AlreadyChallenged(uint256 epochNumber, Kind kind, uint256 id);
    /// @notice The evidence URI is empty or too long, or a reason is too long.
    error InvalidText();
    /// @notice No challenge `id`.
    error UnknownChallenge(uint256 id);
    /// @notice The challenge is not open.
    error NotOpen(uint256 id, Status status);
    /// @notice Downtime challenges are decided by the chain, not by votes.
    error NotVoted(uint256 id);
    /// @notice Voting on the challenge ended at `deadline`.
    error VotingClosed(uint256 id, uint256 deadline);
    /// @notice The caller does not vote for `node`.
    error NotNodeVoter(address node, address caller);
    /// @notice `node` had no reputation at the challenge's opening.
    error NotEligible(address node);
    /// @notice `node` already voted on the challenge.
    error AlreadyVoted(uint256 id, address node);
    /// @notice The outcome is not decided yet (the epoch runs, or the vote is open and undecided).
    error NotDecided(uint256 id);
    /// @notice The council has no reputation to decide with.
    error EmptyCouncil();
    /// @notice Only the Eco Node council.
    error NotCouncil(address caller);

    /// @param metis_ METIS on L2.
    /// @param sequencerSet_ The sequencer set.
    /// @param council_ The Eco Node council.
    /// @param outbox_ The L2 outbox (this contract must be an allowed sender).
    /// @param l1Executor_ The L1 governance executor.
    /// @param treasury_ Where forfeited bonds go.
    /// @param owner_ Owner of the parameters (the deploy, then the L2 timelock).
    /// @param params_ The starting parameters.
    constructor(
        address metis_,
        address sequencerSet_,
        address council_,
        address outbox_,
        address l1Executor_,
        address treasury_,
        address owner_,
        Params memory params_
    ) Ownable(owner_) {
        metis = IERC20(metis_);
        sequencerSet = IChallengedSet(sequencerSet_);
        council = IChallengeCouncil(council_);
        outbox = IMessageOutbox(outbox_);
        l1Executor = l1Executor_;
        treasury = treasury_;
        _setParams(params_);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Sets the parameters (for challenges opened from now on). Only the owner.
    /// @param params_ The new parameters.
    function setParams(Params calldata params_) external onlyOwner {
        _setParams(params_);
    }

    // ------------------------------------------------------------------ production

    /// @notice Counts this block for the current epoch if its coinbase is the epoch's signer (once
    /// per block; otherwise nothing). The sequencer includes it in each block it produces; anyone may
    /// send it.
    /// @return counted Whether this call counted the block.
    function heartbeat() external returns (bool counted) {
        (uint256 n, IChallengedSet.Epoch memory e) = sequencerSet.currentEpoch();
        if (n == 0 || block.coinbase != e.signer || _lastHeartbeat == block.number) return false;
        _lastHeartbeat = block.number;
        ++produced[n];
        return true;
    }

    // ------------------------------------------------------------------ challenges

    /// @notice Challenges epoch `epochNumber`'s sequencer, posting the bond (approve it first).
    /// @param epochNumber The current or an ended epoch within the window.
    /// @param kind What is claimed.
    /// @param evidence A URI of the evidence (1 to `MAX_TEXT` bytes).
    /// @return id The challenge.
    function challenge(uint256 epochNumber, Kind kind, string calldata evidence)
        external
        nonReentrant
        returns (uint256 id)
    {
        uint256 len = bytes(evidence).length;
        if (len == 0 || len > MAX_TEXT) revert InvalidText();
        (uint256 current,) = sequencerSet.currentEpoch();
        if (epochNumber == 0 || epochNumber > current) revert UnknownEpoch(epochNumber);
        IChallengedSet.Epoch memory e = sequencerSet.getEpoch(epochNumber);
        Params memory p = _params;
        if (epochNumber < current && block.number > uint256(e.endBlock) + p.window) {
            revert WindowClosed(epochNumber, uint256(e.endBlock) + p.window);
        }
        uint256 active = _active[epochNumber][kind];
        if (active != 0) revert AlreadyChallenged(epochNumber, kind, active - 1);

        id = challengeCount++;
        Challenge storage c = _challenges[id];
        c.challenger = msg.sender;
        c.epoch = uint64(epochNumber);
        c.sequencerId = e.sequencerId;
        c.kind = kind;
        c.status = Status.Open;
        c.openedAt = uint48(block.timestamp);
        c.severityBps = p.severityBps[uint256(kind)];
        c.rewardBps = p.rewardBps;
        c.bond = p.bond;
        c.evidence = evidence;
        _active[epochNumber][kind] = id + 1;
        ++openChallenges[epochNumber];
        emit ChallengeOpened(id, epochNumber, e.sequencerId, msg.sender, kind, p.bond, evidence);
        if (kind != Kind.Downtime) _openVote(id, c, p);
        if (p.bond > 0) metis.safeTransferFrom(msg.sender, address(this), p.bond);
    }

    /// @notice Votes for `node` on challenge `id`: uphold or reject, with a reason. Only `node`'s
    /// voter (`EcoNodeCouncil.voterOf`), before the deadline, with the node's reputation at the opening.
    /// @param node The Eco Node.
    /// @param id The challenge.
    /// @param uphold Whether to uphold it.
    /// @param reason Why (at most `MAX_TEXT` bytes).
    /// @return weight The weight counted.
    function vote(address node, uint256 id, bool uphold, string calldata reason) external returns (uint256 weight) {
        Challenge storage c = _open(id);
        if (c.kind == Kind.Downtime) revert NotVoted(id);
        if (block.timestamp >= c.deadline) revert VotingClosed(id, c.deadline);
        if (bytes(reason).length > MAX_TEXT) revert InvalidText();
        if (!council.isNode(node) || council.voterOf(node) != msg.sender) revert NotNodeVoter(node, msg.sender);
        if (_voted[id][node]) revert AlreadyVoted(id, node);
        weight = council.reputationAt(node, uint256(c.openedAt) - 1);
        if (weight == 0) revert NotEligible(node);
        _voted[id][node] = true;
        if (uphold) c.upholdWeight += uint128(weight);
        else c.rejectWeight += uint128(weight);
        emit ChallengeVoted(id, node, msg.sender, uphold, weight, reason);
    }

    /// @notice Settles challenge `id` once its outcome is certain: a downtime challenge once its epoch
    /// has ended; a voted one at its deadline, or before once the remaining weight cannot change the
    /// outcome. Anyone.
    /// @return status The outcome.
    function resolve(uint256 id) external nonReentrant returns (Status status) {
        Challenge storage c = _open(id);
        uint256 made;
        uint256 blocks;
        if (c.kind == Kind.Downtime) (status, made, blocks) = _downtime(c);
        else status = _outcome(c);
        if (status == Status.Open) revert NotDecided(id);
        c.status = status;
        uint256 epoch = c.epoch;
        --openChallenges[epoch];
        uint256 nonce;
        address bondTo = status == Status.Rejected ? treasury : c.challenger;
        if (status == Status.Upheld) {
            upheld[epoch] = true; // `_active` keeps it: the epoch cannot be challenged for this again
            nonce = _sendSlash(c, id);
        } else {
            delete _active[epoch][c.kind];
        }
        emit ChallengeResolved(id, status, made, blocks, bondTo, nonce);
        if (c.bond > 0) metis.safeTransfer(bondTo, c.bond);
    }

    // ------------------------------------------------------------------ decisive action

    /// @notice Jails `sequencerId` on L1 (the council's decisive motion). Only the council.
    function councilJail(uint256 sequencerId, string calldata reason) external returns (uint256 nonce) {
        if (msg.sender != address(council)) revert NotCouncil(msg.sender);
        if (bytes(reason).length > MAX_TEXT) revert InvalidText();
        nonce = outbox.sendMessage(l1Executor, abi.encodeCall(IEnforcement.jail, (sequencerId, reason)), JAIL_GAS_LIMIT);
        emit DecisiveAction(sequencerId, 0, nonce, reason);
    }

    /// @notice Slashes `fractionBps` of `sequencerId` on L1, and jails it (the council's decisive
    /// motion; no reward). Only the council.
    function councilSlash(uint256 sequencerId, uint256 fractionBps, string calldata reason)
        external
        returns (uint256 nonce)
    {
        if (msg.sender != address(council)) revert NotCouncil(msg.sender);
        if (fractionBps == 0 || fractionBps > MAX_SEVERITY_BPS) revert InvalidParam(6);
        if (bytes(reason).length > MAX_TEXT) revert InvalidText();
        nonce = outbox.sendMessage(
            l1Executor,
            abi.encodeCall(IEnforcement.slash, (sequencerId, fractionBps, 0, l1Executor, 0, reason)),
            SLASH_GAS_LIMIT
        );
        emit DecisiveAction(sequencerId, fractionBps, nonce, reason);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IEpochChallenges
    function challengeWindow() external view returns (uint256) {
        return _params.window;
    }

    /// @inheritdoc IEpochChallenges
    function contested(uint256 epochNumber) external view returns (bool open, bool upheld_) {
        return (openChallenges[epochNumber] != 0, upheld[epochNumber]);
    }

    /// @notice The parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice Challenge `id`.
    function getChallenge(uint256 id) external view returns (Challenge memory) {
        if (id >= challengeCount) revert UnknownChallenge(id);
        return _challenges[id];
    }

    /// @notice Challenge `id`'s outcome if it were resolved now (`Open`: not decided yet).
    function outcome(uint256 id) external view returns (Status) {
        if (id >= challengeCount) revert UnknownChallenge(id);
        Challenge storage c = _challenges[id];
        if (c.status != Status.Open) return c.status;
        if (c.kind != Kind.Downtime) return _outcome(c);
        (Status status,,) = _downtime(c);
        return status;
    }

    /// @notice Whether `node` voted on challenge `id`.
    function hasVoted(uint256 id, address node) external view returns (bool) {
        return _voted[id][node];
    }

    // ------------------------------------------------------------------ internals

    /// @dev Sends the slash of an upheld challenge: its severity, dated at its opening (an age, so
    /// that no clock of one chain is read on the other), the challenger rewarded.
    function _sendSlash(Challenge storage c, uint256 id) private returns (uint256) {
        bytes memory call = abi.encodeCall(
            IEnforcement.slash,
            (
                c.sequencerId,
                c.severityBps,
                uint64(block.timestamp - c.openedAt),
                c.challenger,
                c.rewardBps,
                string.concat("challenge #", Strings.toString(id), " upheld")
            )
        );
        return outbox.sendMessage(l1Executor, call, SLASH_GAS_LIMIT);
    }

    /// @dev Fixes the council's weights as of the second before the opening (nobody can add to them
    /// now) and the deadline.
    function _openVote(uint256 id, Challenge storage c, Params memory p) private {
        uint256 total;
        address[] memory nodes = council.nodes();
        for (uint256 i; i < nodes.length; ++i) {
            total += council.reputationAt(nodes[i], block.timestamp - 1);
        }
        if (total == 0) revert EmptyCouncil();
        uint256 deadline = block.timestamp + p.votingPeriod;
        uint256 quorum = (total * p.quorumBps + 9_999) / 10_000;
        c.deadline = uint48(deadline);
        c.totalWeight = uint128(total);
        c.quorum = uint128(quorum);
        emit ChallengeVoteOpened(id, deadline, total, quorum);
    }

    function _open(uint256 id) private view returns (Challenge storage c) {
        if (id >= challengeCount) revert UnknownChallenge(id);
        c = _challenges[id];
        if (c.status != Status.Open) revert NotOpen(id, c.status);
    }

    /// @dev A downtime challenge's outcome once its epoch has ended (`Open` before), with the blocks
    /// its sequencer proved and the epoch's blocks.
    function _downtime(Challenge storage c) private view returns (Status status, uint256 made, uint256 blocks) {
        (uint256 current,) = sequencerSet.currentEpoch();
        if (c.epoch >= current) return (Status.Open, 0, 0);
        IChallengedSet.Epoch memory e = sequencerSet.getEpoch(c.epoch);
        blocks = uint256(e.endBlock) - e.startBlock + 1;
        made = produced[c.epoch];
        status = made * 10_000 < blocks * _params.minProductionBps ? Status.Upheld : Status.Rejected;
    }

    /// @dev A voted challenge's outcome: certain once the uncast weight cannot change it, else at the
    /// deadline (`Open` until then).
    function _outcome(Challenge storage c) private view returns (Status) {
        uint256 up = c.upholdWeight;
        uint256 down = c.rejectWeight;
        uint256 total = c.totalWeight;
        // ≥ 2/3 of the whole weight upholds: whatever the rest does, ≥ 2/3 of the cast weight upholds
        if (up * 3 >= total * 2) return Status.Upheld;
        // more than 1/3 rejects: uphold is out of reach, and the quorum (≤ 1/3) is met
        if (down * 3 > total) return Status.Rejected;
        if (block.timestamp < c.deadline) return Status.Open;
        if (up + down < c.quorum) return Status.Lapsed;
        return up * 3 >= (up + down) * 2 ? Status.Upheld : Status.Rejected;
    }

    function _setParams(Params memory p) private {
        if (p.window == 0) revert InvalidParam(1);
        if (p.votingPeriod == 0) revert InvalidParam(2);
        if (p.quorumBps == 0 || p.quorumBps > 3_333) revert InvalidParam(3);
        if (p.minProductionBps == 0 || p.minProductionBps > 10_000) revert InvalidParam(4);
        if (p.rewardBps > 10_000) revert InvalidParam(5);
        for (uint256 i; i < 3; ++i) {
            if (p.severityBps[i] == 0 || p.severityBps[i] > MAX_SEVERITY_BPS) revert InvalidParam(6);
        }
        _params = p;
        emit ParamsSet(p);
    }
}
