// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test} from "forge-std/Test.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {L2Metis} from "../../src/l2/L2Metis.sol";
import {VeMetis} from "../../src/l2/governance/VeMetis.sol";
import {VotesHistory} from "../../src/l2/governance/VotesHistory.sol";

contract VeMetisTest is Test {
    L2Metis metis;
    VeMetis ve;
    address bridge = makeAddr("bridge");
    address alice = makeAddr("alice");
    address bob = makeAddr("bob");
    address carol = makeAddr("carol");
    uint256 constant MIN = 7 days;
    uint256 constant MAX = 730 days;
    uint256 constant T0 = 1_699_920_000; // a UTC midnight: lock ends lie on a day grid

    function setUp() public {
        vm.warp(T0);
        metis = new L2Metis(bridge);
        ve = new VeMetis(metis, MIN, MAX);
    }

    function _fund(address who, uint256 amount) internal {
        vm.prank(bridge);
        metis.mint(who, amount);
        vm.prank(who);
        metis.approve(address(ve), type(uint256).max);
    }

    function _lock(address who, uint256 amount, uint256 duration) internal returns (uint256) {
        _fund(who, amount);
        vm.prank(who);
        return ve.createLock(amount, duration);
    }

    // ----- construction -----------------------------------------------------------------------------------

    function test_constructorRejectsBadConfig() public {
        vm.expectRevert(VeMetis.InvalidConfig.selector);
        new VeMetis(IERC20(address(0)), MIN, MAX);
        vm.expectRevert(VeMetis.InvalidConfig.selector);
        new VeMetis(metis, 0, MAX);
        vm.expectRevert(VeMetis.InvalidConfig.selector);
        new VeMetis(metis, MAX, MIN);
    }

    function test_clockAndMetadata() public view {
        assertEq(ve.clock(), T0);
        assertEq(ve.CLOCK_MODE(), "mode=timestamp");
        assertEq(ve.symbol(), "veMETIS");
        assertEq(ve.decimals(), 18);
        assertEq(address(ve.metis()), address(metis));
    }

    // ----- createLock --------------------------------------------------------------------------------------

    function test_createLockUnitsEventsAndSelfDelegation() public {
        _fund(alice, 100 ether);
        vm.expectEmit(address(ve));
        emit IVotes.DelegateChanged(alice, address(0), alice);
        vm.expectEmit(address(ve));
        emit IVotes.DelegateVotesChanged(alice, 0, 200 ether);
        vm.expectEmit(address(ve));
        emit VeMetis.UnitsChanged(alice, 0, 200 ether);
        vm.expectEmit(address(ve));
        emit VeMetis.LockCreated(alice, 100 ether, T0 + MAX, 200 ether);
        vm.prank(alice);
        uint256 units = ve.createLock(100 ether, MAX);
        assertEq(units, 200 ether);
        (uint256 amount, uint256 end, uint256 u) = ve.lockOf(alice);
        assertEq(amount, 100 ether);
        assertEq(end, T0 + MAX);
        assertEq(u, 200 ether);
        assertEq(ve.delegates(alice), alice);
        assertEq(ve.getVotes(alice), 200 ether);
        assertEq(ve.totalUnits(), 200 ether);
        assertEq(ve.totalLocked(), 100 ether);
        assertEq(metis.balanceOf(address(ve)), 100 ether);
        vm.warp(T0 + 1);
        assertEq(ve.getPastVotes(alice, T0), 200 ether);
        assertEq(ve.getPastUnits(alice, T0), 200 ether);
        assertEq(ve.getPastDelegate(alice, T0), alice);
        assertEq(ve.getPastTotalSupply(T0), 200 ether);
        assertEq(ve.getPastTotalSupply(T0 - 1), 0);
    }

    function testFuzz_createLockUnitsFormula(uint256 amount, uint256 duration) public {
        amount = bound(amount, 1, 10_000_000 ether);
        duration = bound(duration, MIN, MAX);
        uint256 units = _lock(alice, amount, duration);
        assertEq(units, amount + amount * duration / MAX);
        assertEq(ve.previewUnits(amount, duration), units);
        assertGe(units, amount);
        assertLe(units, 2 * amount);
    }

    function testFuzz_createLockRejectsDurationOutOfBounds(uint256 duration) public {
        vm.assume(duration < MIN || duration > MAX);
        _fund(alice, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.InvalidDuration.selector, duration, MIN, MAX));
        vm.prank(alice);
        ve.createLock(1 ether, duration);
    }

    function test_createLockRejectsZeroAndExisting() public {
        _fund(alice, 10 ether);
        vm.startPrank(alice);
        vm.expectRevert(VeMetis.ZeroAmount.selector);
        ve.createLock(0, MIN);
        ve.createLock(1 ether, MIN);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.LockExists.selector, alice));
        ve.createLock(1 ether, MIN);
        vm.stopPrank();
    }

    function test_createLockKeepsExistingDelegatee() public {
        vm.prank(alice);
        ve.delegate(bob);
        _lock(alice, 10 ether, MAX);
        assertEq(ve.delegates(alice), bob);
        assertEq(ve.getVotes(bob), 20 ether);
        assertEq(ve.getVotes(alice), 0);
    }

    function test_createLockWithPermit() public {
        (address owner, uint256 pk) = makeAddrAndKey("permitter");
        vm.prank(bridge);
        metis.mint(owner, 5 ether);
        bytes32 digest = keccak256(
            abi.encodePacked(
                "\x19\x01",
                metis.DOMAIN_SEPARATOR(),
                keccak256(
                    abi.encode(
                        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                        owner,
                        address(ve),
                        5 ether,
                        metis.nonces(owner),
                        block.timestamp
                    )
                )
            )
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        vm.prank(owner);
        uint256 units = ve.createLockWithPermit(5 ether, MIN, block.timestamp, v, r, s);
        assertEq(units, 5 ether + 5 ether * MIN / MAX);
        assertEq(metis.balanceOf(address(ve)), 5 ether);
    }

    // ----- increaseAmount ---------------------------------------------------------------------------------

    function test_increaseAmountPricesTheTrancheOnTimeLeft() public {
        _lock(alice, 100 ether, MAX);
        _fund(alice, 50 ether);
        vm.warp(T0 + 365 days);
        uint256 left = MAX - 365 days;
        uint256 expected = 200 ether + 50 ether + 50 ether * left / MAX;
        vm.expectEmit(address(ve));
        emit VeMetis.LockIncreased(alice, 50 ether, 150 ether, expected);
        vm.prank(alice);
        assertEq(ve.increaseAmount(50 ether), expected);
        assertEq(ve.getVotes(alice), expected);
        assertEq(ve.totalLocked(), 150 ether);
    }

    function test_increaseAmountReverts() public {
        _fund(alice, 10 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.NoLock.selector, alice));
        ve.increaseAmount(1 ether);
        vm.prank(alice);
        ve.createLock(1 ether, MIN + 1 days);
        vm.prank(alice);
        vm.expectRevert(VeMetis.ZeroAmount.selector);
        ve.increaseAmount(0);
        vm.warp(T0 + 2 days); // MIN - 1 day left
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.InvalidDuration.selector, MIN - 1 days, MIN, MAX));
        ve.increaseAmount(1 ether);
        vm.warp(T0 + MIN + 1 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.LockExpired.selector, alice, T0 + MIN + 1 days));
        ve.increaseAmount(1 ether);
    }

    // ----- extendLock -------------------------------------------------------------------------------------

    function test_extendLockRepricesWholeAmount() public {
        _lock(alice, 100 ether, 100 days);
        vm.warp(T0 + 50 days);
        uint256 newEnd = T0 + 50 days + 400 days;
        uint256 expected = 100 ether + 100 ether * 400 days / MAX;
        assertEq(ve.previewExtend(alice, newEnd), expected);
        vm.expectEmit(address(ve));
        emit VeMetis.LockExtended(alice, newEnd, expected);
        vm.prank(alice);
        assertEq(ve.extendLock(newEnd), expected);
        (, uint256 end, uint256 units) = ve.lockOf(alice);
        assertEq(end, newEnd);
        assertEq(units, expected);
        assertEq(ve.getVotes(alice), expected);
    }

    function test_extendLockCanLowerUnitsOfALongLock() public {
        _lock(alice, 100 ether, MAX);
        vm.warp(T0 + 700 days);
        vm.prank(alice);
        uint256 units = ve.extendLock(T0 + MAX + 10 days); // 40 days from now
        assertEq(units, 100 ether + 100 ether * 40 days / MAX);
        assertLt(units, 200 ether);
    }

    function testFuzz_extendLockBounds(uint256 newEnd) public {
        _lock(alice, 1 ether, MIN);
        uint256 end = T0 + MIN;
        vm.prank(alice);
        if (newEnd <= end) {
            vm.expectRevert(abi.encodeWithSelector(VeMetis.EndNotLater.selector, newEnd, end));
        } else if (newEnd - T0 > MAX) {
            vm.expectRevert(abi.encodeWithSelector(VeMetis.InvalidDuration.selector, newEnd - T0, MIN, MAX));
        }
        ve.extendLock(newEnd);
    }

    function test_extendLockRevivesExpiredLockAndRejectsPastEnd() public {
        _lock(alice, 10 ether, MIN);
        vm.warp(T0 + MIN + 5 days);
        ve.kick(alice);
        assertEq(ve.getVotes(alice), 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.InvalidDuration.selector, 0, MIN, MAX));
        ve.extendLock(T0 + MIN + 1 days); // later than end but already past
        vm.expectRevert(abi.encodeWithSelector(VeMetis.NoLock.selector, bob));
        vm.prank(bob);
        ve.extendLock(T0 + MAX);
        vm.prank(alice);
        uint256 units = ve.extendLock(block.timestamp + MIN);
        assertEq(units, 10 ether + 10 ether * MIN / MAX);
        assertEq(ve.getVotes(alice), units);
    }

    // ----- expiry, kick, withdraw ---------------------------------------------------------------------------

    function test_expiredUnitsStopCountingAtEndWithoutKick() public {
        uint256 units = _lock(alice, 10 ether, MIN);
        assertEq(ve.getVotes(alice), units);
        vm.warp(T0 + MIN - 1);
        assertEq(ve.getVotes(alice), units);
        vm.warp(T0 + MIN); // the end: units stop counting everywhere, nobody kicked
        assertTrue(ve.isExpired(alice));
        assertEq(ve.getVotes(alice), 0);
        assertEq(ve.unitsOf(alice), 0);
        assertEq(ve.totalUnits(), 0);
        vm.warp(T0 + MIN + 1);
        assertEq(ve.getPastVotes(alice, T0 + MIN - 1), units);
        assertEq(ve.getPastVotes(alice, T0 + MIN), 0);
        assertEq(ve.getPastUnits(alice, T0 + MIN), 0);
        assertEq(ve.getPastTotalSupply(T0 + MIN), 0);
        // kick only tidies storage; nothing that counts changes
        vm.expectEmit(address(ve));
        emit VeMetis.LockKicked(alice, bob, units);
        vm.prank(bob);
        ve.kick(alice);
        assertFalse(ve.isExpired(alice));
        assertEq(ve.getPastVotes(alice, T0 + MIN - 1), units); // history is not rewritten
        assertEq(ve.getPastVotes(alice, T0 + MIN), 0);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.NothingToKick.selector, alice));
        ve.kick(alice);
        // the METIS is still withdrawable
        vm.prank(alice);
        assertEq(ve.withdraw(), 10 ether);
        assertEq(metis.balanceOf(alice), 10 ether);
    }

    function test_lockEndRoundsUpToTheDayGrid() public {
        vm.warp(T0 + 5 hours);
        _lock(alice, 10 ether, MIN);
        (, uint256 end,) = ve.lockOf(alice);
        assertEq(end, T0 + MIN + 1 days);
        assertEq(end % ve.LOCK_GRID(), 0);
        assertEq(ve.unitsOf(alice), 10 ether + 10 ether * MIN / MAX); // priced on the duration asked
    }

    // ----- delegator count ------------------------------------------------------------------------------------

    function test_delegatorCountCountsMembersWithEnoughUnexpiredUnits() public {
        address g = makeAddr("group");
        _lock(alice, 100 ether, MIN + 1 days); // 101.09 units: a member
        _lock(bob, 50 ether, MIN + 1 days); // 50.54 units: below MEMBER_MIN_UNITS
        _lock(carol, 60 ether, MAX); // 120 units, ends later
        vm.prank(alice);
        ve.delegate(g);
        vm.prank(bob);
        ve.delegate(g);
        vm.prank(carol);
        ve.delegate(g);
        uint256 t1 = block.timestamp;
        assertEq(ve.getDelegatorCount(g), 2);
        vm.warp(t1 + 1);
        assertEq(ve.getPastDelegatorCount(g, t1), 2);
        assertEq(ve.getPastDelegatorCount(g, t1 - 1), 0);
        // bob grows past the threshold
        vm.prank(bridge);
        metis.mint(bob, 100 ether);
        vm.prank(bob);
        ve.increaseAmount(100 ether);
        uint256 t2 = block.timestamp;
        // carol leaves
        vm.warp(t2 + 1 hours);
        vm.prank(carol);
        ve.delegate(carol);
        uint256 t3 = block.timestamp;
        vm.warp(T0 + MIN + 1 days + 1);
        assertEq(ve.getPastDelegatorCount(g, t1), 2);
        assertEq(ve.getPastDelegatorCount(g, t2), 3);
        assertEq(ve.getPastDelegatorCount(g, t3), 2);
        // alice's and bob's locks ended at T0 + MIN + 1 days: nobody counts, nobody kicked
        assertEq(ve.getPastDelegatorCount(g, T0 + MIN + 1 days - 1), 2);
        assertEq(ve.getPastDelegatorCount(g, T0 + MIN + 1 days), 0);
        assertEq(ve.getDelegatorCount(g), 0);
        assertEq(ve.getPastVotes(g, T0 + MIN + 1 days), 0);
        assertEq(ve.getPastDelegatorCount(carol, T0 + MIN + 1 days), 1);
    }

    function test_createLockKeepsExplicitDelegateToNobody() public {
        vm.prank(alice);
        ve.delegate(address(0));
        uint256 units = _lock(alice, 10 ether, MIN);
        assertEq(ve.delegates(alice), address(0));
        assertEq(ve.getVotes(alice), 0);
        assertEq(ve.totalUnits(), units);
        // an account that never chose is self-delegated
        _lock(bob, 10 ether, MIN);
        assertEq(ve.delegates(bob), bob);
    }

    function test_kickReverts() public {
        vm.expectRevert(abi.encodeWithSelector(VeMetis.NoLock.selector, alice));
        ve.kick(alice);
        _lock(alice, 1 ether, MIN);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.LockNotExpired.selector, alice, T0 + MIN));
        ve.kick(alice);
    }

    function test_withdrawRemovesUnitsFromDelegatee() public {
        _lock(alice, 10 ether, MIN);
        vm.prank(alice);
        ve.delegate(bob);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.LockNotExpired.selector, alice, T0 + MIN));
        ve.withdraw();
        vm.warp(T0 + MIN);
        vm.expectEmit(address(ve));
        emit VeMetis.Withdrawn(alice, 10 ether);
        vm.prank(alice);
        ve.withdraw();
        assertEq(ve.getVotes(bob), 0);
        assertEq(ve.totalUnits(), 0);
        assertEq(ve.totalLocked(), 0);
        (uint256 amount,,) = ve.lockOf(alice);
        assertEq(amount, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.NoLock.selector, alice));
        ve.withdraw();
        // a new lock may follow
        _lock(alice, 1 ether, MIN);
        assertEq(ve.getVotes(bob), ve.unitsOf(alice)); // delegatee kept
    }

    // ----- delegation ---------------------------------------------------------------------------------------

    function test_delegateMovesVotesAndCheckpoints() public {
        _lock(alice, 10 ether, MAX);
        vm.warp(T0 + 10);
        vm.prank(alice);
        ve.delegate(bob);
        assertEq(ve.getVotes(alice), 0);
        assertEq(ve.getVotes(bob), 20 ether);
        vm.warp(T0 + 20);
        vm.prank(alice);
        ve.delegate(address(0));
        assertEq(ve.getVotes(bob), 0);
        vm.warp(T0 + 30);
        assertEq(ve.getPastDelegate(alice, T0 + 9), alice);
        assertEq(ve.getPastDelegate(alice, T0 + 10), bob);
        assertEq(ve.getPastDelegate(alice, T0 + 25), address(0));
        assertEq(ve.getPastVotes(bob, T0 + 15), 20 ether);
        assertEq(ve.getPastVotes(bob, T0 + 25), 0);
        assertEq(ve.getPastUnits(alice, T0 + 25), 20 ether);
        assertEq(ve.getPastTotalSupply(T0 + 25), 20 ether);
        assertEq(ve.numCheckpoints(bob), 2);
        (address d, uint256 u) = ve.getPastDelegation(alice, T0 + 15);
        assertEq(d, bob);
        assertEq(u, 20 ether);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.ERC5805FutureLookup.selector, T0 + 30, uint48(T0 + 30)));
        ve.getPastDelegation(alice, T0 + 30);
    }

    function test_futureLookupsRevert() public {
        vm.expectRevert(abi.encodeWithSelector(VeMetis.ERC5805FutureLookup.selector, T0, uint48(T0)));
        ve.getPastVotes(alice, T0);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.ERC5805FutureLookup.selector, T0 + 1, uint48(T0)));
        ve.getPastTotalSupply(T0 + 1);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.ERC5805FutureLookup.selector, T0, uint48(T0)));
        ve.getPastUnits(alice, T0);
        vm.expectRevert(abi.encodeWithSelector(VeMetis.ERC5805FutureLookup.selector, T0, uint48(T0)));
        ve.getPastDelegate(alice, T0);
    }

    function _delegationSig(uint256 pk, address delegatee, uint256 nonce, uint256 expiry)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = ve.eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes(version)),
                chainId,
                verifying
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), delegatee, nonce, expiry)
        );
        return vm.sign(pk, keccak256(abi.encodePacked("\x19\x01", domain, structHash)));
    }

    function test_delegateBySig() public {
        (address signer, uint256 pk) = makeAddrAndKey("signer");
        _lock(signer, 10 ether, MAX);
        (uint8 v, bytes32 r, bytes32 s) = _delegationSig(pk, carol, 0, T0 + 100);
        vm.prank(bob); // anyone relays
        ve.delegateBySig(carol, 0, T0 + 100, v, r, s);
        assertEq(ve.delegates(signer), carol);
        assertEq(ve.getVotes(carol), 20 ether);
        assertEq(ve.nonces(signer), 1);
        // replay fails
        vm.expectRevert();
        ve.delegateBySig(carol, 0, T0 + 100, v, r, s);
        // expired
        (v, r, s) = _delegationSig(pk, bob, 1, T0 - 1);
        vm.expectRevert(abi.encodeWithSelector(IVotes.VotesExpiredSignature.selector, T0 - 1));
        ve.delegateBySig(bob, 1, T0 - 1, v, r, s);
    }

    function test_notTransferable() public {
        _lock(alice, 1 ether, MIN);
        (bool ok,) = address(ve).call(abi.encodeWithSelector(IERC20.transfer.selector, bob, 1));
        assertFalse(ok);
        (ok,) = address(ve).call(abi.encodeWithSelector(IERC20.transferFrom.selector, alice, bob, 1));
        assertFalse(ok);
        assertEq(ve.unitsOf(bob), 0);
    }

    /// Votes of a delegatee always equal the units delegated to it, also across same-second changes.
    function test_sameSecondChangesStayConsistent() public {
        _lock(alice, 10 ether, MAX);
        vm.startPrank(alice);
        ve.delegate(bob);
        ve.delegate(carol);
        ve.delegate(bob);
        vm.stopPrank();
        _fund(alice, 1 ether);
        vm.prank(alice);
        ve.increaseAmount(1 ether);
        vm.warp(T0 + 1);
        assertEq(ve.getPastVotes(bob, T0), ve.getPastUnits(alice, T0));
        assertEq(ve.getPastVotes(carol, T0), 0);
        assertEq(ve.getPastDelegate(alice, T0), bob);
    }
}

/// @dev Exposes VotesHistory for differential fuzzing against a linear reference.
contract VotesHistoryHarness {
    using VotesHistory for VotesHistory.History;

    VotesHistory.History internal h;
    uint48[] public keys;
    uint256[] public values;

    function push(uint48 key, uint256 value) external {
        h.push(key, value);
        if (keys.length != 0 && keys[keys.length - 1] == key) {
            values[values.length - 1] = value;
        } else {
            keys.push(key);
            values.push(value);
        }
    }

    function lookup(uint48 key) external view returns (uint256) {
        return h.lookup(key);
    }

    function linearLookup(uint48 key) external view returns (uint256 v) {
        for (uint256 i; i < keys.length; ++i) {
            if (keys[i] <= key) v = values[i];
            else break;
        }
    }

    function count() external view returns (uint256) {
        return h.length();
    }
}

contract VotesHistoryTest is Test {
    function testFuzz_lookupMatchesLinearReference(uint8 n, uint256 seed) public {
        VotesHistoryHarness hh = new VotesHistoryHarness();
        uint48 key = 10;
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            key += uint48(r % 3); // repeats allowed
            hh.push(key, r >> 100);
        }
        assertEq(hh.count(), _len(hh, n));
        for (uint48 k = 0; k <= key + 1; ++k) {
            assertEq(hh.lookup(k), hh.linearLookup(k));
        }
    }

    function _len(VotesHistoryHarness hh, uint256 n) internal view returns (uint256 len) {
        n;
        while (true) {
            try hh.keys(len) returns (uint48) {
                ++len;
            } catch {
                return len;
            }
        }
    }

    function test_rejectsUnorderedKeysAndOverflow() public {
        VotesHistoryHarness hh = new VotesHistoryHarness();
        hh.push(5, 1);
        vm.expectRevert(abi.encodeWithSelector(VotesHistory.VotesHistoryUnorderedKey.selector, uint48(4), uint48(5)));
        hh.push(4, 1);
        vm.expectRevert(abi.encodeWithSelector(VotesHistory.VotesHistoryValueOverflow.selector, uint256(1) << 176));
        hh.push(6, uint256(1) << 176);
        assertEq(hh.lookup(5), 1);
    }
}
