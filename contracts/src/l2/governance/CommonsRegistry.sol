// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {VeMetis} from "./VeMetis.sol";
import {CommonsGovernor} from "./CommonsGovernor.sol";
import {CommonsGroup} from "./CommonsGroup.sol";

/// @title Commons registry
/// @notice Creates Commons interest groups (one EIP-1167 clone of `groupImplementation` each), lists them, and
/// holds the parameters every group reads: the internal voting window and the steward motion parameters (the
/// motion period, the voting period and the opening threshold; docs/MECHANISMS.md §4.2).
/// Owned by governance (the timelock once attached); the parameters are changed only by the owner.
contract CommonsRegistry is Ownable {
    /// @notice Longest steward motion period.
    uint256 public constant MAX_STEWARD_MOTION_PERIOD = 90 days;
    /// @notice Longest steward motion voting period.
    uint256 public constant MAX_STEWARD_VOTING_PERIOD = 30 days;
    /// @notice Highest opening threshold of a steward motion, in basis points of the group's units.
    uint256 public constant MAX_STEWARD_MOTION_THRESHOLD_BPS = 5_000;
    /// @notice Longest group name, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;
    /// @notice Longest metadata URI, in bytes.
    uint256 public constant MAX_URI_LENGTH = 512;

    /// @notice veMETIS.
    VeMetis public immutable veMetis;
    /// @notice The Commons governor.
    CommonsGovernor public immutable governor;
    /// @notice The group logic all clones delegate to.
    address public immutable groupImplementation;

    /// @notice Seconds before a proposal's (possibly extended) deadline at which groups' internal voting
    /// closes and their remainder may be cast.
    uint48 public internalVotingWindow;
    /// @notice The steward motion period, in seconds: a motion counts members' units at a snapshot this long
    /// before it opened; a new steward votes the group's Eco Node seat only this long (plus the voting period) after
    /// taking office.
    uint48 public stewardMotionPeriod;
    /// @notice Seconds a steward motion stays open for support; it can be executed only after that.
    uint48 public stewardVotingPeriod;
    /// @notice Share of the group's units at the snapshot (basis points) the opener of a steward motion must
    /// have had delegated to the group then (keeps free identities from flooding a group with motions).
    uint16 public stewardMotionThresholdBps;

    address[] private _groups;
    mapping(address group => uint256 idPlusOne) private _groupIds;

    /// @notice A group was created.
    event GroupCreated(
        uint256 indexed groupId,
        address indexed group,
        address indexed creator,
        address steward,
        string name,
        string metadataURI,
        CommonsGroup.RemainderPolicy remainderPolicy
    );
    /// @notice The internal voting window changed.
    event InternalVotingWindowSet(uint256 oldWindow, uint256 newWindow);
    /// @notice The steward motion period changed.
    event StewardMotionPeriodSet(uint256 oldPeriod, uint256 newPeriod);
    /// @notice The steward motion voting period changed.
    event StewardVotingPeriodSet(uint256 oldPeriod, uint256 newPeriod);
    /// @notice The steward motion opening threshold changed.
    event StewardMotionThresholdSet(uint256 oldBps, uint256 newBps);

    /// @notice The window must be > 0 and shorter than the governor's voting period.
    error InvalidInternalVotingWindow(uint256 window, uint256 votingPeriod);
    /// @notice The motion period must be > 0 and at most MAX_STEWARD_MOTION_PERIOD.
    error InvalidStewardMotionPeriod(uint256 period);
    /// @notice The voting period must be > 0 and at most MAX_STEWARD_VOTING_PERIOD.
    error InvalidStewardVotingPeriod(uint256 period);
    /// @notice The opening threshold must be at most MAX_STEWARD_MOTION_THRESHOLD_BPS.
    error InvalidStewardMotionThreshold(uint256 bps);
    /// @notice Name empty or longer than MAX_NAME_LENGTH.
    error InvalidName();
    /// @notice Metadata URI longer than MAX_URI_LENGTH.
    error InvalidMetadataURI();
    /// @notice Steward is the zero address.
    error ZeroSteward();
    /// @notice Zero address in construction.
    error ZeroAddress();

    /// @param veMetis_ veMETIS
    /// @param governor_ the Commons governor
    /// @param initialOwner governance (or the deployer, who hands over to the timelock)
    /// @param internalVotingWindow_ seconds before a proposal deadline when internal voting closes
    /// @param stewardMotionPeriod_ steward motion period (snapshot look-back and a new steward's seat delay)
    /// @param stewardVotingPeriod_ seconds a steward motion stays open for support
    /// @param stewardMotionThresholdBps_ opener's share of the group's units at the snapshot, in basis points
    constructor(
        VeMetis veMetis_,
        CommonsGovernor governor_,
        address initialOwner,
        uint48 internalVotingWindow_,
        uint48 stewardMotionPeriod_,
        uint48 stewardVotingPeriod_,
        uint16 stewardMotionThresholdBps_
    ) Ownable(initialOwner) {
        if (address(veMetis_) == address(0) || address(governor_) == address(0)) revert ZeroAddress();
        veMetis = veMetis_;
        governor = governor_;
        groupImplementation = address(new CommonsGroup(address(this), governor_, veMetis_));
        _setInternalVotingWindow(internalVotingWindow_);
        _setStewardMotionPeriod(stewardMotionPeriod_);
        _setStewardVotingPeriod(stewardVotingPeriod_);
        _setStewardMotionThreshold(stewardMotionThresholdBps_);
    }

    /// @notice Creates a group with its own contract; the caller is recorded as creator.
    /// @param name display name (1 to 64 bytes)
    /// @param metadataURI description and focus (e.g. ipfs:// JSON), up to 512 bytes
    /// @param steward who submits proposals for the group (replaceable by a members' motion)
    /// @param remainderPolicy what happens to the group's unvoted weight after its internal window
    /// @return group the new group's address
    function createGroup(
        string calldata name,
        string calldata metadataURI,
        address steward,
        CommonsGroup.RemainderPolicy remainderPolicy
    ) external returns (address group) {
        if (bytes(name).length == 0 || bytes(name).length > MAX_NAME_LENGTH) revert InvalidName();
        if (bytes(metadataURI).length > MAX_URI_LENGTH) revert InvalidMetadataURI();
        if (steward == address(0)) revert ZeroSteward();

        group = Clones.clone(groupImplementation);
        uint256 id = _groups.length;
        _groups.push(group);
        _groupIds[group] = id + 1;
        emit GroupCreated(id, group, msg.sender, steward, name, metadataURI, remainderPolicy);

        CommonsGroup(group).initialize(name, metadataURI, steward, remainderPolicy);
    }

    /// @notice Sets the internal voting window (owner only).
    function setInternalVotingWindow(uint48 newWindow) external onlyOwner {
        _setInternalVotingWindow(newWindow);
    }

    /// @notice Sets the steward motion period (owner only).
    function setStewardMotionPeriod(uint48 newPeriod) external onlyOwner {
        _setStewardMotionPeriod(newPeriod);
    }

    /// @notice Sets the steward motion voting period (owner only); applies to motions opened afterwards.
    function setStewardVotingPeriod(uint48 newPeriod) external onlyOwner {
        _setStewardVotingPeriod(newPeriod);
    }

    /// @notice Sets the steward motion opening threshold in basis points (owner only).
    function setStewardMotionThreshold(uint16 newBps) external onlyOwner {
        _setStewardMotionThreshold(newBps);
    }

    /// @notice Number of groups ever created.
    function groupCount() external view returns (uint256) {
        return _groups.length;
    }

    /// @notice The group with id `groupId`.
    function groupAt(uint256 index) external view returns (address) {
        return _groups[index];
    }

    /// @notice Whether `group` was created by this registry.
    function isGroup(address group) external view returns (bool) {
        return _groupIds[group] != 0;
    }

    /// @notice Id of `group` (reverts with UnknownGroup if it is not from this registry).
    function groupId(address group) external view returns (uint256) {
        uint256 idPlusOne = _groupIds[group];
        if (idPlusOne == 0) revert UnknownGroup(group);
        return idPlusOne - 1;
    }

    /// @notice Not a group of this registry.
    error UnknownGroup(address group);

    function _setInternalVotingWindow(uint48 newWindow) private {
        uint256 period = governor.votingPeriod();
        if (newWindow == 0 || newWindow >= period) revert InvalidInternalVotingWindow(newWindow, period);
        emit InternalVotingWindowSet(internalVotingWindow, newWindow);
        internalVotingWindow = newWindow;
    }

    function _setStewardMotionPeriod(uint48 newPeriod) private {
        if (newPeriod == 0 || newPeriod > MAX_STEWARD_MOTION_PERIOD) revert InvalidStewardMotionPeriod(newPeriod);
        emit StewardMotionPeriodSet(stewardMotionPeriod, newPeriod);
        stewardMotionPeriod = newPeriod;
    }

    function _setStewardVotingPeriod(uint48 newPeriod) private {
        if (newPeriod == 0 || newPeriod > MAX_STEWARD_VOTING_PERIOD) revert InvalidStewardVotingPeriod(newPeriod);
        emit StewardVotingPeriodSet(stewardVotingPeriod, newPeriod);
        stewardVotingPeriod = newPeriod;
    }

    function _setStewardMotionThreshold(uint16 newBps) private {
        if (newBps > MAX_STEWARD_MOTION_THRESHOLD_BPS) revert InvalidStewardMotionThreshold(newBps);
        emit StewardMotionThresholdSet(stewardMotionThresholdBps, newBps);
        stewardMotionThresholdBps = newBps;
    }
}
