// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Test, Vm} from "forge-std/Test.sol";
import {ProfileRegistry} from "../src/l2/ProfileRegistry.sol";

/// @dev Names and profiles (docs/MECHANISMS.md §8): each account writes only its own profile; names are
/// printable ASCII without tricks, and a reserved name stays with its holder however it is spelled.
contract ProfileRegistryTest is Test {
    ProfileRegistry registry;
    address alice = makeAddr("alice");
    address bob = makeAddr("bob");
    address timelock = makeAddr("timelock");
    address sybil = makeAddr("sybil");

    function setUp() public {
        string[] memory names = new string[](3);
        address[] memory holders = new address[](3);
        (names[0], holders[0]) = ("Alice", alice);
        (names[1], holders[1]) = ("Bob", bob);
        (names[2], holders[2]) = ("Timelock", timelock);
        registry = new ProfileRegistry(names, holders);
    }

    function _none() internal pure returns (string[] memory) {
        return new string[](0);
    }

    function _links(string memory a, string memory b) internal pure returns (string[] memory l) {
        l = new string[](2);
        (l[0], l[1]) = (a, b);
    }

    function _set(address who, string memory name) internal {
        vm.prank(who);
        registry.setProfile(name, "", _none(), 0);
    }

    function _expectSet(address who, string memory name, bytes memory err) internal {
        vm.expectRevert(err);
        _set(who, name);
    }

    // ---- the happy path ----

    function test_setProfile_storesAndEmits() public {
        string[] memory links = _links("https://alice.example", "https://forum.example/u/alice");
        vm.expectEmit(true, false, false, true, address(registry));
        emit ProfileRegistry.ProfileSet(alice, "Alice", "data:text/markdown;base64,SGk=", links, 0x5);
        vm.warp(1_000);
        vm.prank(alice);
        registry.setProfile("Alice", "data:text/markdown;base64,SGk=", links, 0x5);
        ProfileRegistry.Profile memory p = registry.profileOf(alice);
        assertEq(p.name, "Alice");
        assertEq(p.statementURI, "data:text/markdown;base64,SGk=");
        assertEq(p.links.length, 2);
        assertEq(p.links[1], "https://forum.example/u/alice");
        assertEq(p.interests, 0x5);
        assertEq(p.updatedAt, 1_000);
        assertEq(registry.nameOf(alice), "Alice");
    }

    function test_setProfile_replacesTheWholeProfile() public {
        vm.prank(alice);
        registry.setProfile("Alice", "ipfs://bafy", _links("https://a.example", "https://b.example"), 3);
        vm.prank(alice);
        registry.setProfile("Alice L.", "", _none(), 0);
        ProfileRegistry.Profile memory p = registry.profileOf(alice);
        assertEq(p.name, "Alice L.");
        assertEq(p.statementURI, "");
        assertEq(p.links.length, 0);
        assertEq(p.interests, 0);
    }

    function test_clearProfile() public {
        _set(alice, "Alice");
        vm.expectEmit(true, false, false, true, address(registry));
        emit ProfileRegistry.ProfileCleared(alice);
        vm.prank(alice);
        registry.clearProfile();
        assertEq(registry.profileOf(alice).updatedAt, 0);
        assertEq(registry.nameOf(alice), "");
        vm.expectRevert(ProfileRegistry.NoProfile.selector);
        vm.prank(alice);
        registry.clearProfile();
    }

    function test_namesAreNotUnique() public {
        _set(sybil, "Carol");
        _set(makeAddr("other"), "Carol");
        assertEq(registry.nameOf(sybil), registry.nameOf(makeAddr("other")));
    }

    function test_allowedCharacters() public {
        _set(sybil, "O'Brien & Sons-Ltd_2.0");
        assertEq(registry.nameOf(sybil), "O'Brien & Sons-Ltd_2.0");
        _set(sybil, "x");
        _set(sybil, "abcdefghijklmnopqrstuvwxyz012345"); // 32 bytes
    }

    // ---- the holder keeps a reserved name in any spelling ----

    function test_holderUsesItsReservedNameInAnySpelling() public {
        _set(alice, "Alice");
        _set(alice, "ALICE");
        _set(timelock, "Timelock");
        assertEq(registry.holderOf("a.l.i.c.e"), alice);
        assertEq(registry.holderOf("Carol"), address(0));
    }

    // ---- attacks: impersonating a reserved name ----

    function test_attack_sybilTakesReservedNameInOtherCaseOrSpacing_refused() public {
        string[9] memory spellings = ["Alice", "alice", "ALICE", "aLiCe", "Al ice", "A.lice", "A-l_i'c.e", "AIice", "A1ice"];
        for (uint256 i = 0; i < spellings.length; i++) {
            _expectSet(sybil, spellings[i], abi.encodeWithSelector(ProfileRegistry.NameReserved.selector, spellings[i], alice));
        }
        _expectSet(sybil, "TIMEL0CK", abi.encodeWithSelector(ProfileRegistry.NameReserved.selector, "TIMEL0CK", timelock));
        // One reserved holder cannot take another's name either.
        _expectSet(bob, "Alice", abi.encodeWithSelector(ProfileRegistry.NameReserved.selector, "Alice", alice));
    }

    function test_attack_leadingTrailingOrDoubledSpaces_refused() public {
        _expectSet(sybil, " Alice", abi.encodeWithSelector(ProfileRegistry.NameSpacing.selector, 0));
        _expectSet(sybil, "Alice ", abi.encodeWithSelector(ProfileRegistry.NameSpacing.selector, 5));
        _expectSet(sybil, "Al  ice", abi.encodeWithSelector(ProfileRegistry.NameSpacing.selector, 3));
    }

    function test_attack_controlCharacters_refused() public {
        _expectSet(sybil, "Ali\x00ce", abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 3));
        _expectSet(sybil, "Alice\n", abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 5));
        _expectSet(sybil, "Al\tice", abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 2));
        _expectSet(sybil, "Alice\x7f", abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 5));
        _expectSet(sybil, "\x1b[31mAlice", abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 0));
    }

    function test_attack_rtlZeroWidthAndHomoglyphs_refused() public {
        // U+202E right-to-left override, U+200B zero-width space, Cyrillic "а" (U+0430) in "Аlice".
        _expectSet(sybil, unicode"Alice\u202e", abi.encodeWithSelector(ProfileRegistry.NameNotAscii.selector, 5));
        _expectSet(sybil, unicode"Ali\u200bce", abi.encodeWithSelector(ProfileRegistry.NameNotAscii.selector, 3));
        _expectSet(sybil, unicode"\u0410lice", abi.encodeWithSelector(ProfileRegistry.NameNotAscii.selector, 0));
        _expectSet(sybil, unicode"Bob\u00a0", abi.encodeWithSelector(ProfileRegistry.NameNotAscii.selector, 3));
    }

    function test_attack_otherPrintableCharacters_refused() public {
        _expectSet(sybil, "<script>", abi.encodeWithSelector(ProfileRegistry.NameCharacterNotAllowed.selector, 0, bytes1("<")));
        _expectSet(sybil, "Alice|", abi.encodeWithSelector(ProfileRegistry.NameCharacterNotAllowed.selector, 5, bytes1("|")));
        _expectSet(sybil, "...", abi.encodeWithSelector(ProfileRegistry.NameWithoutLetters.selector));
    }

    function test_attack_emptyAndOverlong_refused() public {
        _expectSet(sybil, "", abi.encodeWithSelector(ProfileRegistry.NameEmpty.selector));
        _expectSet(sybil, "abcdefghijklmnopqrstuvwxyz0123456", abi.encodeWithSelector(ProfileRegistry.NameTooLong.selector, 33, 32));
        bytes memory big = new bytes(4097);
        for (uint256 i = 0; i < big.length; i++) {
            big[i] = "a";
        }
        big[0] = "d";
        big[1] = "a";
        big[2] = "t";
        big[3] = "a";
        big[4] = ":";
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.StatementTooLong.selector, 4097, 4096));
        vm.prank(sybil);
        registry.setProfile("Sybil", string(big), _none(), 0);
    }

    function test_attack_statementAndLinkSchemes_refused() public {
        vm.startPrank(sybil);
        vm.expectRevert(ProfileRegistry.StatementScheme.selector);
        registry.setProfile("Sybil", "javascript:alert(1)", _none(), 0);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.StatementCharacter.selector, 13));
        registry.setProfile("Sybil", "https://a.ex/ b", _none(), 0);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.LinkScheme.selector, 1));
        registry.setProfile("Sybil", "", _links("https://ok.example", "javascript:alert(1)"), 0);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.LinkScheme.selector, 0));
        registry.setProfile("Sybil", "", _links("http://plain.example", "https://ok.example"), 0);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.LinkCharacter.selector, 0, 14));
        registry.setProfile("Sybil", "", _links(unicode"https://exampl\u0435.com", "https://ok.example"), 0);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.LinkLength.selector, 1, 200));
        registry.setProfile("Sybil", "", _links("https://ok.example", ""), 0);
        string[] memory five = new string[](5);
        for (uint256 i = 0; i < 5; i++) {
            five[i] = "https://ok.example";
        }
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.TooManyLinks.selector, 5, 4));
        registry.setProfile("Sybil", "", five, 0);
        bytes memory longLink = bytes(string.concat("https://", string(new bytes(193))));
        for (uint256 i = 8; i < longLink.length; i++) {
            longLink[i] = "a";
        }
        string[] memory one = new string[](1);
        one[0] = string(longLink);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.LinkLength.selector, 0, 200));
        registry.setProfile("Sybil", "", one, 0);
        vm.stopPrank();
    }

    function test_attack_unknownInterestBits_refused() public {
        vm.prank(sybil);
        registry.setProfile("Sybil", "", _none(), (1 << 12) - 1);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.UnknownInterests.selector, 1 << 12));
        vm.prank(sybil);
        registry.setProfile("Sybil", "", _none(), 1 << 12);
    }

    /// @dev Nobody can write another account's profile: there is no account parameter and no owner.
    /// The only writers are setProfile and clearProfile, and both write msg.sender's entry.
    function test_attack_setOrClearAnotherAccountsProfile_impossible() public {
        _set(alice, "Alice");
        // The sybil's calls land on its own entry, never on Alice's.
        _set(sybil, "Not Alice");
        vm.prank(sybil);
        registry.clearProfile();
        assertEq(registry.nameOf(alice), "Alice");
        vm.prank(sybil);
        vm.expectRevert(ProfileRegistry.NoProfile.selector);
        registry.clearProfile();
        assertEq(registry.nameOf(alice), "Alice");
        // No function takes an account to write to: the ABI has exactly two writers.
        assertEq(registry.setProfile.selector, bytes4(keccak256("setProfile(string,string,string[],uint256)")));
        assertEq(registry.clearProfile.selector, bytes4(keccak256("clearProfile()")));
    }

    /// @dev A name set in the same block as another's is just as free: no race to win (not unique).
    function test_attack_frontRunningAFamousName_winsNothing() public {
        _set(sybil, "Carol");
        address carol = makeAddr("carol");
        _set(carol, "Carol");
        assertEq(registry.nameOf(carol), "Carol");
    }

    function testFuzz_asciiNamesNormalizingToAReservedOneAreRefused(uint8 seed) public {
        bytes memory name = bytes("alice");
        for (uint256 i = 0; i < name.length; i++) {
            if ((seed >> i) & 1 == 1) name[i] = bytes1(uint8(name[i]) - 32);
        }
        _expectSet(sybil, string(name), abi.encodeWithSelector(ProfileRegistry.NameReserved.selector, string(name), alice));
    }

    // ---- the constructor ----

    function test_constructor_refusesBadReservations() public {
        string[] memory names = new string[](2);
        address[] memory holders = new address[](2);
        (names[0], holders[0]) = ("Alice", alice);
        (names[1], holders[1]) = ("ALICE", bob);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.DuplicateReservation.selector, "ALICE"));
        new ProfileRegistry(names, holders);
        (names[1], holders[1]) = ("Bob", address(0));
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.ZeroHolder.selector, "Bob"));
        new ProfileRegistry(names, holders);
        (names[1], holders[1]) = ("Bob\n", bob);
        vm.expectRevert(abi.encodeWithSelector(ProfileRegistry.NameControlCharacter.selector, 3));
        new ProfileRegistry(names, holders);
        vm.expectRevert(ProfileRegistry.ReservationLengthMismatch.selector);
        new ProfileRegistry(names, new address[](1));
    }

    function test_constructor_emitsEachReservation() public {
        string[] memory names = new string[](1);
        address[] memory holders = new address[](1);
        (names[0], holders[0]) = ("Alice", alice);
        vm.recordLogs();
        new ProfileRegistry(names, holders);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 1);
        assertEq(logs[0].topics[0], keccak256("NameReservation(string,address)"));
    }
}
