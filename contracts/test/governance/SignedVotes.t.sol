// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {CommonsBase} from "./CommonsBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";

/// @dev A contract account (a Safe stands for it) whose one owner key signs for it through ERC-1271.
contract OwnerWallet is IERC1271 {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && signer == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

/// @dev EIP-712 signing of the three by-signature paths a relayer sends (docs/MECHANISMS.md §8, "Gasless").
abstract contract SignedVotesBase is CommonsBase {
    bytes32 internal constant GROUP_BALLOT_TYPEHASH = keccak256(
        "Ballot(uint256 proposalId,uint8 support,string reason,address member,uint256 nonce,uint256 deadline)"
    );
    bytes32 internal constant EXTENDED_BALLOT_TYPEHASH = keccak256(
        "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)"
    );
    bytes32 internal constant DELEGATION_TYPEHASH = keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)");
    string internal constant REASON = "Supports the roadmap; budget is reasonable and milestones are clear";

    address internal steward = makeAddr("steward");
    address internal proposer = makeAddr("proposer");
    address internal relayer = makeAddr("relayer");
    address internal member;
    uint256 internal memberKey;
    CommonsGroup internal grp;
    CommonsGroup internal grp2;
    uint256 internal id;
    uint256 internal id2;

    function setUp() public virtual override {
        super.setUp();
        (member, memberKey) = makeAddrAndKey("member");
        _lock(proposer, 500_000 ether, MAX_LOCK);
        grp = _group("Pool", steward, CommonsGroup.RemainderPolicy.FollowMajority);
        grp2 = _group("Other", steward, CommonsGroup.RemainderPolicy.FollowMajority);
        _lock(member, 1_000 ether, MAX_LOCK);
        _joinAndPool(grp, member);
        vm.warp(block.timestamp + 1);
        id = _propose(proposer, "first");
        id2 = _propose(proposer, "second");
        _toActive(id);
    }

    function _domain(address verifying) internal view returns (bytes32) {
        (, string memory name, string memory version, uint256 chainId, address verifyingContract,,) =
            IERC5267(verifying).eip712Domain();
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
    }

    function _sign(uint256 key, bytes32 domain, bytes32 structHash) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
        return abi.encodePacked(r, s, v);
    }

    /// A group ballot signed by `key` in `g`'s domain as the chain is now.
    function _ballot(
        uint256 key,
        CommonsGroup g,
        uint256 proposalId,
        uint8 support,
        string memory reason,
        address who,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (bytes memory) {
        bytes32 structHash = keccak256(
            abi.encode(GROUP_BALLOT_TYPEHASH, proposalId, support, keccak256(bytes(reason)), who, nonce, deadline)
        );
        return _sign(key, _domain(address(g)), structHash);
    }

    function _governorBallot(uint256 key, uint256 proposalId, uint8 support, address voter, string memory reason)
        internal
        view
        returns (bytes memory)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                EXTENDED_BALLOT_TYPEHASH,
                proposalId,
                support,
                voter,
                governor.nonces(voter),
                keccak256(bytes(reason)),
                keccak256("")
            )
        );
        return _sign(key, _domain(address(governor)), structHash);
    }

    function _delegation(uint256 key, address delegatee, uint256 nonce, uint256 expiry)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(abi.encode(DELEGATION_TYPEHASH, delegatee, nonce, expiry));
        (v, r, s) = vm.sign(key, keccak256(abi.encodePacked("\x19\x01", _domain(address(ve)), structHash)));
    }
}

contract SignedVotesTest is SignedVotesBase {
    function test_groupVoteBySig_castsTheMembersVoteAndForwardsIt() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        uint256 units = ve.getPastUnits(member, governor.proposalSnapshot(id));
        vm.expectEmit(address(grp));
        emit CommonsGroup.SignedVoteRelayed(id, member, relayer, 0);
        vm.expectEmit(address(grp));
        emit CommonsGroup.MemberVoteCast(id, member, 1, units, REASON);
        vm.prank(relayer);
        uint256 weight = grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
        assertEq(weight, units);
        (uint8 support, uint256 w) = grp.memberVote(id, member);
        assertEq(support, 1);
        assertEq(w, units);
        assertEq(grp.nonces(member), 1);
        assertEq(governor.usedVotes(id, address(grp)), units);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, units);
        // the relayer's own account holds nothing and voted nothing
        assertFalse(governor.hasVoted(id, relayer));
    }

    function test_groupDomainIsTheGroupsOwn() public view {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = grp.eip712Domain();
        assertEq(name, "Metis Commons Group");
        assertEq(version, "1");
        assertEq(chainId, block.chainid);
        assertEq(verifying, address(grp)); // a clone: its own address, not the implementation's
        // the names lib/relay.ts signs with (EIP712_DOMAINS)
        (, name, version,,,,) = governor.eip712Domain();
        assertEq(name, "Metis Commons");
        assertEq(version, "1");
        (, name, version,,,,) = ve.eip712Domain();
        assertEq(name, "veMETIS");
        assertEq(version, "1");
    }

    function test_attack_replayUsedSignature_fails() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.prank(relayer);
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotNonce.selector, member, 1));
        vm.prank(relayer);
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
        // nor on another proposal: the ballot names its proposal
        _toActive(id2);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id2, 1, REASON, member, 0, deadline, sig);
    }

    function test_attack_signatureForAnotherGroup_fails() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp2.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
    }

    function test_attack_signatureForAnotherChain_fails() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.chainId(block.chainid + 1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
    }

    function test_attack_signatureForAnotherProposal_fails() public {
        _toActive(id2);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id2, 1, REASON, member, 0, deadline, sig);
    }

    function test_attack_expiredSignature_fails() public {
        uint256 deadline = block.timestamp + 1 minutes;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.BallotExpired.selector, deadline));
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
        // a relayer cannot extend it: the deadline is signed
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline + 1 hours, sig);
    }

    function test_attack_relayerChangesSupportOrReason_fails() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.startPrank(relayer);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 0, REASON, member, 0, deadline, sig);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 1, "relayed by a friend of the other side", member, 0, deadline, sig);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 1, "", member, 0, deadline, sig);
        vm.stopPrank();
        // nothing was cast or spent: the member's own ballot still goes through as signed
        (, uint256 w) = grp.memberVote(id, member);
        assertEq(w, 0);
        assertEq(grp.nonces(member), 0);
        vm.prank(relayer);
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
        (uint8 support,) = grp.memberVote(id, member);
        assertEq(support, 1);
    }

    function test_attack_signatureByNonMember_fails() public {
        (address outsider, uint256 outsiderKey) = makeAddrAndKey("outsider");
        _lock(outsider, 1_000 ether, MAX_LOCK); // self-delegated: its units are not the group's
        uint256 deadline = block.timestamp + 1 hours;
        // its own ballot: not delegated to the group at the snapshot
        bytes memory own = _ballot(outsiderKey, grp, id, 0, "", outsider, 0, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(CommonsGroup.NotDelegatedAtSnapshot.selector, outsider, governor.proposalSnapshot(id))
        );
        grp.castVoteBySig(id, 0, "", outsider, 0, deadline, own);
        // a ballot it signs in the member's name
        bytes memory forged = _ballot(outsiderKey, grp, id, 0, "", member, 0, deadline);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 0, "", member, 0, deadline, forged);
        // garbage
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, member));
        grp.castVoteBySig(id, 0, "", member, 0, deadline, hex"00");
    }

    function test_signatureAfterADirectVote_fails() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        vm.prank(member);
        grp.castVote(id, 0, "");
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.AlreadyVoted.selector, id, member));
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
    }

    function test_signatureAfterTheInternalWindow_fails() public {
        uint256 deadline = governor.proposalDeadline(id);
        bytes memory sig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        uint256 closes = grp.internalVotingDeadline(id);
        vm.warp(closes);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InternalVotingClosed.selector, id, closes));
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, sig);
    }

    function test_contractMemberVotesThroughERC1271() public {
        (address owner, uint256 ownerKey) = makeAddrAndKey("safe owner");
        OwnerWallet safe = new OwnerWallet(owner);
        CommonsGroup g = _group("Safes", steward, CommonsGroup.RemainderPolicy.None);
        _lock(address(safe), 1_000 ether, MAX_LOCK);
        _joinAndPool(g, address(safe));
        vm.warp(block.timestamp + 1);
        uint256 pid = _propose(proposer, "safe vote");
        _toActive(pid);
        uint256 deadline = block.timestamp + 1 hours;
        bytes memory sig = _ballot(ownerKey, g, pid, 2, "", address(safe), 0, deadline);
        vm.prank(relayer);
        g.castVoteBySig(pid, 2, "", address(safe), 0, deadline, sig);
        (uint8 support, uint256 w) = g.memberVote(pid, address(safe));
        assertEq(support, 2);
        assertGt(w, 0);
        // a key that is not the owner's is refused by the wallet
        (, uint256 otherKey) = makeAddrAndKey("not the owner");
        uint256 pid2 = _propose(proposer, "safe vote 2");
        _toActive(pid2);
        bytes memory bad = _ballot(otherKey, g, pid2, 2, "", address(safe), 1, deadline + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(CommonsGroup.InvalidBallotSignature.selector, address(safe)));
        g.castVoteBySig(pid2, 2, "", address(safe), 1, deadline + 1 hours, bad);
    }

    /// The governor's own by-signature vote with a reason (OpenZeppelin's, with ERC-1271-capable SignatureChecker).
    function test_governorVoteWithReasonBySig_relayedAsSigned() public {
        (address voter, uint256 voterKey) = makeAddrAndKey("direct voter");
        _lock(voter, 1_000 ether, MAX_LOCK);
        vm.warp(block.timestamp + 1);
        uint256 pid = _propose(proposer, "direct");
        _toActive(pid);
        bytes memory sig = _governorBallot(voterKey, pid, 1, voter, REASON);
        vm.startPrank(relayer);
        // altered support or reason: refused
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteWithReasonAndParamsBySig(pid, 0, voter, REASON, "", sig);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteWithReasonAndParamsBySig(pid, 1, voter, "", "", sig);
        governor.castVoteWithReasonAndParamsBySig(pid, 1, voter, REASON, "", sig);
        assertTrue(governor.hasVoted(pid, voter));
        // replayed: its nonce is spent
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteWithReasonAndParamsBySig(pid, 1, voter, REASON, "", sig);
        vm.stopPrank();
    }

    function test_delegateBySig_relayed() public {
        (address holder, uint256 holderKey) = makeAddrAndKey("holder");
        _lock(holder, 1_000 ether, MAX_LOCK);
        uint256 expiry = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _delegation(holderKey, address(grp), 0, expiry);
        vm.prank(relayer);
        ve.delegateBySig(address(grp), 0, expiry, v, r, s);
        assertEq(ve.delegates(holder), address(grp));
        // replayed: the nonce is spent
        vm.prank(relayer);
        vm.expectRevert(abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, holder, 1));
        ve.delegateBySig(address(grp), 0, expiry, v, r, s);
        // sent for another delegatee, the signature recovers to some other account, never to holder
        vm.prank(relayer);
        try ve.delegateBySig(steward, 1, expiry, v, r, s) {} catch {}
        assertEq(ve.delegates(holder), address(grp));
    }
}

/// @dev One by-signature call per test from a prepared state, so that `.gas-snapshot` (`npm run contracts:snapshot`)
/// records what a relayer pays for each (plus a few hundred gas of test overhead; signatures are made in setUp).
contract SignedVotesGasTest is SignedVotesBase {
    address internal voter;
    bytes internal groupSig;
    bytes internal governorSig;
    uint256 internal deadline;
    address internal holder;
    uint8 internal v;
    bytes32 internal r;
    bytes32 internal s;

    function setUp() public override {
        super.setUp();
        uint256 voterKey;
        (voter, voterKey) = makeAddrAndKey("direct voter");
        uint256 holderKey;
        (holder, holderKey) = makeAddrAndKey("holder");
        _lock(voter, 1_000 ether, MAX_LOCK);
        _lock(holder, 1_000 ether, MAX_LOCK);
        // a first member vote in the group, so the measured one is not the first (as most are)
        (address m2,) = makeAddrAndKey("member 2");
        _lock(m2, 1_000 ether, MAX_LOCK);
        _joinAndPool(grp, m2);
        vm.warp(block.timestamp + 1);
        id = _propose(proposer, "measured");
        _toActive(id);
        vm.prank(m2);
        grp.castVote(id, 1, "");
        vm.prank(proposer);
        governor.castVote(id, 1);
        deadline = block.timestamp + 1 hours;
        groupSig = _ballot(memberKey, grp, id, 1, REASON, member, 0, deadline);
        governorSig = _governorBallot(voterKey, id, 1, voter, REASON);
        (v, r, s) = _delegation(holderKey, address(grp), 0, deadline);
    }

    /// A member's vote inside the group with a 67-byte reason, by signature (forwarded to the governor).
    function test_snapshot_groupCastVoteBySig() public {
        vm.prank(relayer);
        grp.castVoteBySig(id, 1, REASON, member, 0, deadline, groupSig);
    }

    /// A direct vote with the same reason, by signature (the governor's `castVoteWithReasonAndParamsBySig`).
    function test_snapshot_governorCastVoteWithReasonBySig() public {
        vm.prank(relayer);
        governor.castVoteWithReasonAndParamsBySig(id, 1, voter, REASON, "", governorSig);
    }

    /// A delegation to a group by signature (veMETIS `delegateBySig`).
    function test_snapshot_delegateBySig() public {
        vm.prank(relayer);
        ve.delegateBySig(address(grp), 0, deadline, v, r, s);
    }
}
