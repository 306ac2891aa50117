// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {BusMessage, BusMessageLib} from "../../src/bus/BusMessage.sol";
import {MessageInbox} from "../../src/bus/MessageInbox.sol";
import {BusTarget} from "../utils/BusTarget.sol";

/// docs/MECHANISMS.md §5 (the committee): a committee member that is removed and later re-added
/// must not get its old attestations back.
contract CommitteeReAddAttackTest is Test {
    uint256 constant L1 = 31337;
    uint256 constant L2 = 31338;
    address outbox = address(0x0B0C);
    address governance = makeAddr("governance");
    address rogue = makeAddr("rogue"); // the member whose key leaked
    address accomplice = makeAddr("accomplice"); // a second member, compromised later
    address honest = makeAddr("honest");
    MessageInbox inbox;
    BusTarget target;

    function setUp() public {
        vm.chainId(L1);
        address[] memory ms = new address[](3);
        (ms[0], ms[1], ms[2]) = (rogue, accomplice, honest);
        inbox = new MessageInbox(L2, outbox, governance, ms, 2, 0);
        target = new BusTarget(address(inbox));
    }

    function _msg(uint256 nonce, uint256 value) internal view returns (BusMessage memory) {
        return BusMessage({
            sourceChainId: L2,
            targetChainId: L1,
            outbox: outbox,
            inbox: address(inbox),
            nonce: nonce,
            sender: address(0xCAFE),
            target: address(target),
            gasLimit: 200_000,
            data: abi.encodeCall(BusTarget.record, (value))
        });
    }

    function _committee(address a, address b, address c) internal {
        address[] memory ms = new address[](3);
        (ms[0], ms[1], ms[2]) = (a, b, c);
        vm.prank(governance);
        inbox.setCommittee(ms, 2);
    }

    /// The rogue member attests a forged message ahead of its turn, is removed when that is noticed,
    /// is re-added later (e.g. a committee rotation that brings the operator back), and then one more
    /// compromised member attests the forgery: the old attestation must not make the threshold.
    function test_attack_reAddedMemberReusesOldAttestations_fails() public {
        BusMessage memory forged = _msg(1, 666); // never sent by the outbox
        bytes32 h = BusMessageLib.hash(forged);
        vm.prank(rogue);
        inbox.attest(forged);
        assertEq(inbox.attestationCount(h), 1);

        // Governance removes the rogue member, later re-adds it.
        _committee(accomplice, honest, makeAddr("spare"));
        _committee(rogue, accomplice, honest);
        assertTrue(inbox.isMember(rogue));
        assertFalse(inbox.hasAttested(h, rogue), "the old attestation belongs to an old membership");
        assertEq(inbox.attestationCount(h), 0);

        // Message 0 (genuine) executes; then the accomplice attests the forgery, which is next in line.
        BusMessage memory genuine = _msg(0, 1);
        vm.prank(honest);
        inbox.attest(genuine);
        vm.prank(accomplice);
        inbox.attest(genuine);
        assertEq(inbox.nextNonce(), 1);
        vm.prank(accomplice);
        inbox.attest(forged);
        assertEq(inbox.attestationCount(h), 1, "only the accomplice's attestation counts");
        vm.expectRevert(abi.encodeWithSelector(MessageInbox.BelowThreshold.selector, h, 1, 2));
        inbox.deliver(forged);
        assertEq(target.timesSeen(666), 0, "the forgery never executes");
        emit log_named_uint("attestations of the forgery that count (threshold 2)", inbox.attestationCount(h));

        // To make it count the re-added member must attest again, in its new membership (a fresh,
        // visible act, which governance removing it once already watches for).
        assertEq(inbox.memberSince(rogue), inbox.committeeGeneration());
    }

    /// Members that stay across a committee change keep their attestations (no needless re-attesting).
    function test_continuingMembersKeepTheirAttestations() public {
        BusMessage memory m = _msg(0, 5);
        vm.prank(accomplice);
        inbox.attest(m);
        _committee(accomplice, honest, makeAddr("spare"));
        assertTrue(inbox.hasAttested(BusMessageLib.hash(m), accomplice));
        vm.prank(honest);
        inbox.attest(m);
        assertEq(target.timesSeen(5), 1);
    }
}
