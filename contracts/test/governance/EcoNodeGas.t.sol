// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EcoNodeBase} from "./EcoNodeBase.t.sol";
import {CommonsGroup} from "../../src/l2/governance/CommonsGroup.sol";

/// @dev One call per test, from a prepared state with a full council (64 nodes, each with some reputation
/// history), so that `.gas-snapshot` (`npm run contracts:snapshot`) records the cost of each council entry
/// point (plus a few hundred gas of test overhead). Storage prepared in setUp is cold in the test, as in a
/// fresh transaction.
abstract contract EcoNodeGasBase is EcoNodeBase {
    uint256 internal id;

    function _fullCouncil(uint256 n) internal {
        _admitN(n);
        vm.warp(block.timestamp + 1 days);
        for (uint256 i; i < n; ++i) {
            council.award(_node(i), 1 ether, "history"); // a second checkpoint each
        }
    }
}

contract EcoNodeGasOpenTest is EcoNodeGasBase {
    function setUp() public override {
        super.setUp();
        _fullCouncil(64);
        id = _succeeded();
    }

    /// Sums the 64 nodes' reputation at the snapshot.
    function test_snapshot_openRatification_64nodes() public {
        council.openRatification(id);
    }
}

contract EcoNodeGasVoteTest is EcoNodeGasBase {
    function setUp() public override {
        super.setUp();
        _fullCouncil(64);
        id = _succeeded();
        council.openRatification(id);
        vm.warp(block.timestamp + 1 hours);
        // half the council votes: the measured vote is not the first, settlement penalises the rest
        for (uint256 i = 1; i < 32; ++i) {
            vm.prank(_node(i));
            council.castRatification(id, 1, "yes");
        }
    }

    /// A node's vote with a 64-byte reason (weight looked up at the snapshot, participation credit written).
    function test_snapshot_castRatification() public {
        vm.prank(_node(0));
        council.castRatification(id, 1, "Supports the roadmap; budget is reasonable and milestones are clear");
    }

    /// Settlement with 64 nodes, 31 voted: 33 missed-ratification penalties written.
    function test_snapshot_settleRatification_64nodes_33missed() public {
        vm.warp(block.timestamp + RAT_PERIOD);
        council.settleRatification(id);
    }
}

contract EcoNodeGasSettleTest is EcoNodeGasBase {
    function setUp() public override {
        super.setUp();
        _fullCouncil(64);
        id = _succeeded();
        council.openRatification(id);
        vm.warp(block.timestamp + 1 hours);
        for (uint256 i; i < 64; ++i) {
            vm.prank(_node(i));
            council.castRatification(id, 1, "yes");
        }
        vm.warp(block.timestamp + RAT_PERIOD);
    }

    /// Settlement with 64 nodes that all voted (the loop only reads).
    function test_snapshot_settleRatification_64nodes_allVoted() public {
        council.settleRatification(id);
    }
}

contract EcoNodeGasSettleNoneTest is EcoNodeGasBase {
    function setUp() public override {
        super.setUp();
        _fullCouncil(64);
        id = _succeeded();
        council.openRatification(id);
        vm.warp(block.timestamp + RAT_PERIOD + 1);
    }

    /// Worst case: 64 nodes, none voted: 64 penalties (each with its decay materialised).
    function test_snapshot_settleRatification_64nodes_noneVoted() public {
        council.settleRatification(id);
    }
}

abstract contract EcoNodeGasWindowBase is EcoNodeGasBase {
    CommonsGroup internal grp;

    function setUp() public virtual override {
        super.setUp();
        _fullCouncil(63);
        grp = _group("Builders", makeAddr("steward"), CommonsGroup.RemainderPolicy.FollowMajority);
        for (uint256 i; i < 3; ++i) {
            address m = address(uint160(0xB000 + i));
            _lock(m, 3_000 ether, MAX_LOCK);
            _joinAndPool(grp, m);
        }
        vm.warp(block.timestamp + 1);
        // ten closed proposals that reached quorum; the group cast 2/3 of its units in five of them
        for (uint256 k; k < 10; ++k) {
            uint256 pid = _propose(proposer, string(abi.encodePacked("gas", k)));
            _toActive(pid);
            vm.prank(proposer);
            governor.castVote(pid, 1);
            if (k % 2 == 0) {
                for (uint256 i; i < 2; ++i) {
                    vm.prank(address(uint160(0xB000 + i)));
                    grp.castVote(pid, 1, "");
                }
            }
            vm.warp(governor.proposalDeadline(pid) + 1);
        }
        vm.warp(block.timestamp + 10 minutes);
    }
}

contract EcoNodeGasPromoteTest is EcoNodeGasWindowBase {
    /// Promotion into the 64th seat with the full 10-proposal window read (each criterion at each snapshot)
    /// and the rate limit summed over 64 seats.
    function test_snapshot_promote() public {
        council.promote(address(grp));
    }
}

contract EcoNodeGasDemoteTest is EcoNodeGasWindowBase {
    function setUp() public override {
        super.setUp();
        council.promote(address(grp));
        // the group's members leave for the next proposal: it no longer pools 1% there
        for (uint256 i; i < 3; ++i) {
            vm.prank(address(uint160(0xB000 + i)));
            ve.delegate(address(uint160(0xB000 + i)));
        }
        vm.warp(block.timestamp + 1);
        uint256 pid = _propose(proposer, "gas-after");
        _toActive(pid);
        vm.prank(proposer);
        governor.castVote(pid, 1);
        vm.warp(governor.proposalDeadline(pid) + 1);
    }

    /// Demotion with the full 10-proposal window read.
    function test_snapshot_demote() public {
        council.demote(address(grp));
    }
}

contract EcoNodeGasPromoteFullScanTest is EcoNodeGasWindowBase {
    function setUp() public override {
        super.setUp();
        // 54 newer proposals that closed without quorum: the scan reads them all (64 ids) before the 10 counted
        for (uint256 k; k < 54; ++k) {
            _propose(proposer, string(abi.encodePacked("junk", k)));
        }
        vm.warp(block.timestamp + VOTING_DELAY + VOTING_PERIOD + 1);
    }

    /// Promotion with the longest scan: 64 proposal ids read, 10 counted, into the 64th seat.
    function test_snapshot_promote_fullScan() public {
        council.promote(address(grp));
    }
}
