// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {RandomnessBeacon} from "../src/l1/RandomnessBeacon.sol";
import {IMessageOutbox} from "../src/bus/BusMessage.sol";
import {ISequencerSetBeacon} from "../src/interfaces/IRandomnessBeacon.sol";
import {MockMessenger} from "./utils/MockMessenger.sol";

/// @dev An outbox that can be made to refuse.
contract SwitchableOutbox is IMessageOutbox {
    bool public refuse;
    uint256 public nextNonce;
    bytes public lastData;

    function setRefuse(bool r) external {
        refuse = r;
    }

    function sendMessage(address, bytes calldata data, uint256) external returns (uint256) {
        require(!refuse, "refused");
        lastData = data;
        return nextNonce++;
    }
}

contract RandomnessBeaconTest is Test {
    MockMessenger inbox;
    SwitchableOutbox outbox;
    RandomnessBeacon beacon;
    address set = makeAddr("l2SequencerSet");

    function setUp() public {
        inbox = new MockMessenger();
        outbox = new SwitchableOutbox();
        beacon = new RandomnessBeacon(address(inbox), address(outbox), set);
        vm.roll(500);
    }

    function _request(uint256 epoch) internal {
        inbox.relay(address(beacon), set, abi.encodeCall(RandomnessBeacon.requestRandomness, (epoch)));
    }

    function test_onlyTheL2SetThroughTheInbox() public {
        vm.expectRevert(abi.encodeWithSelector(RandomnessBeacon.UnauthorizedRequest.selector, address(this)));
        beacon.requestRandomness(1);
        vm.expectRevert(abi.encodeWithSelector(RandomnessBeacon.UnauthorizedRequest.selector, address(inbox)));
        inbox.relay(address(beacon), makeAddr("other"), abi.encodeCall(RandomnessBeacon.requestRandomness, (1)));
        vm.expectRevert(RandomnessBeacon.ZeroAddress.selector);
        new RandomnessBeacon(address(0), address(outbox), set);
    }

    /// The first execution of a request fixes the value; a repeated request (a later block, another
    /// prevrandao) and `resend` only send it again.
    function test_valueIsFixedAtTheFirstExecution() public {
        vm.prevrandao(bytes32(uint256(111)));
        vm.expectEmit(address(beacon));
        emit RandomnessBeacon.RandomnessRecorded(4, 500, bytes32(uint256(111)));
        _request(4);
        bytes memory answer = abi.encodeCall(ISequencerSetBeacon.receiveBeacon, (4, 500, bytes32(uint256(111))));
        assertEq(outbox.lastData(), answer);
        vm.roll(600);
        vm.prevrandao(bytes32(uint256(222)));
        _request(4);
        assertEq(outbox.lastData(), answer);
        RandomnessBeacon.Draw memory d = beacon.drawOf(4);
        assertEq(d.l1BlockNumber, 500);
        assertEq(d.randomness, bytes32(uint256(111)));
        assertEq(beacon.resend(4), 2);
        assertEq(outbox.lastData(), answer);
    }

    function test_refusedAnswerIsRecordedAndCanBeResent() public {
        vm.expectRevert(abi.encodeWithSelector(RandomnessBeacon.RandomnessNotRecorded.selector, 9));
        beacon.resend(9);
        outbox.setRefuse(true);
        vm.prevrandao(bytes32(uint256(5)));
        vm.expectEmit(address(beacon));
        emit RandomnessBeacon.RandomnessSendFailed(9);
        _request(9); // does not revert: the value is fixed anyway
        assertEq(beacon.drawOf(9).randomness, bytes32(uint256(5)));
        outbox.setRefuse(false);
        vm.prevrandao(bytes32(uint256(6)));
        vm.expectEmit(address(beacon));
        emit RandomnessBeacon.RandomnessSent(9, 0);
        beacon.resend(9);
        assertEq(outbox.lastData(), abi.encodeCall(ISequencerSetBeacon.receiveBeacon, (9, 500, bytes32(uint256(5)))));
    }
}
