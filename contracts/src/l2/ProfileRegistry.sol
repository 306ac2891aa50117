// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Profile registry (names, not hex)
/// @notice Any account sets its own profile: a name, a statement (markdown, by URI), up to
/// `MAX_LINKS` links and its interests. Nobody owns this contract and nobody can set, change or clear
/// another account's profile: every write is to `msg.sender`'s own entry (docs/MECHANISMS.md §8).
///
/// Names are not unique. A unique name would be a prize for squatters and for whoever front-runs a
/// famous name's owner in the same block; instead the app always shows the short address beside a
/// name. What a name cannot do is impersonate a known one: the constructor fixes a list of reserved
/// (name, holder) pairs (locally the demo accounts, and the deployed contracts), and any other account
/// whose name has the same normalized form as a reserved one is refused with `NameReserved`.
///
/// A name is 1 to `MAX_NAME_BYTES` bytes of printable ASCII: letters, digits, space and `. - _ ' &`,
/// with no leading, trailing or doubled space, and at least one letter or digit. So there are no control characters, no right-to-left
/// or zero-width marks and no non-ASCII look-alikes (homoglyphs) to hide behind. The normalized form
/// (`normalize`) is the ASCII lowercase of the name with the separators (space `. - _ '`) dropped and
/// the ASCII look-alikes folded (`i` and `1` read as `l`, `0` as `o`), so "ALICE", "A.lice" and "AIice"
/// all normalize like "Alice". The statement URI is `https://`, `ipfs://` or an inline `data:` URI of
/// at most `MAX_URI_BYTES`; links are `https://` URLs of at most `MAX_LINK_BYTES`; both are printable
/// ASCII without spaces. Interests are a bitmask over the `INTEREST_COUNT` topics of lib/interests.ts.
contract ProfileRegistry {
    /// @notice The longest name, in bytes.
    uint256 public constant MAX_NAME_BYTES = 32;
    /// @notice The longest statement URI, in bytes (an inline `data:` statement included).
    uint256 public constant MAX_URI_BYTES = 4096;
    /// @notice The most links a profile has.
    uint256 public constant MAX_LINKS = 4;
    /// @notice The longest link, in bytes.
    uint256 public constant MAX_LINK_BYTES = 200;
    /// @notice How many interest topics there are (bits 0 .. INTEREST_COUNT - 1; lib/interests.ts names them).
    uint256 public constant INTEREST_COUNT = 12;

    /// @notice An account's profile. `updatedAt` is 0 for an account without one.
    struct Profile {
        string name;
        string statementURI;
        string[] links;
        uint256 interests;
        uint64 updatedAt;
    }

    mapping(address account => Profile) private _profiles;
    /// @notice The holder of each reserved name, by the keccak256 of its normalized form (zero: not reserved).
    mapping(bytes32 normalizedHash => address holder) public reservedHolder;

    /// @notice `name` is reserved for `holder` (constructor only).
    event NameReservation(string name, address indexed holder);
    /// @notice `account` set its profile to these values (each write replaces the whole profile).
    event ProfileSet(address indexed account, string name, string statementURI, string[] links, uint256 interests);
    /// @notice `account` cleared its profile.
    event ProfileCleared(address indexed account);

    /// @notice The name is empty.
    error NameEmpty();
    /// @notice The name is `length` bytes long; at most `max` are allowed.
    error NameTooLong(uint256 length, uint256 max);
    /// @notice The byte at `index` is not ASCII (a non-Latin letter, a look-alike, a right-to-left or zero-width mark).
    error NameNotAscii(uint256 index);
    /// @notice The byte at `index` is a control character.
    error NameControlCharacter(uint256 index);
    /// @notice The character at `index` is not a letter, digit, space or one of `. - _ ' &`.
    error NameCharacterNotAllowed(uint256 index, bytes1 character);
    /// @notice A space at `index` starts or ends the name or follows another space.
    error NameSpacing(uint256 index);
    /// @notice The name has no letter or digit (punctuation alone names nobody).
    error NameWithoutLetters();
    /// @notice `name` normalizes like a name reserved for `holder`, and the caller is not `holder`.
    error NameReserved(string name, address holder);
    /// @notice The statement URI is `length` bytes long; at most `max` are allowed.
    error StatementTooLong(uint256 length, uint256 max);
    /// @notice The statement URI is not `https://`, `ipfs://` or `data:`.
    error StatementScheme();
    /// @notice The statement URI has a byte at `index` that is not printable ASCII (or is a space).
    error StatementCharacter(uint256 index);
    /// @notice `count` links were given; at most `max` are allowed.
    error TooManyLinks(uint256 count, uint256 max);
    /// @notice Link `link` is empty or longer than `max` bytes.
    error LinkLength(uint256 link, uint256 max);
    /// @notice Link `link` is not an `https://` URL.
    error LinkScheme(uint256 link);
    /// @notice Link `link` has a byte at `index` that is not printable ASCII (or is a space).
    error LinkCharacter(uint256 link, uint256 index);
    /// @notice The interests set bits beyond the `INTEREST_COUNT` known topics.
    error UnknownInterests(uint256 interests);
    /// @notice The caller has no profile to clear.
    error NoProfile();
    /// @notice Two reserved names normalize alike.
    error DuplicateReservation(string name);
    /// @notice A reserved name's holder is the zero address.
    error ZeroHolder(string name);
    /// @notice The reserved names and holders are lists of different lengths.
    error ReservationLengthMismatch();

    /// @param names Reserved names (each a valid name; no two normalizing alike).
    /// @param holders The account each name is reserved for, in the same order.
    constructor(string[] memory names, address[] memory holders) {
        if (names.length != holders.length) revert ReservationLengthMismatch();
        for (uint256 i = 0; i < names.length; i++) {
            bytes memory name = bytes(names[i]);
            _checkName(name);
            if (holders[i] == address(0)) revert ZeroHolder(names[i]);
            bytes32 key = keccak256(normalize(name));
            if (reservedHolder[key] != address(0)) revert DuplicateReservation(names[i]);
            reservedHolder[key] = holders[i];
            emit NameReservation(names[i], holders[i]);
        }
    }

    /// @notice Sets the caller's profile, replacing the one it had.
    /// @param name 1 to `MAX_NAME_BYTES` bytes of letters, digits, single inner spaces and `. - _ ' &`.
    /// @param statementURI The statement (markdown): `https://`, `ipfs://` or `data:`; empty for none.
    /// @param links Up to `MAX_LINKS` `https://` URLs.
    /// @param interests A bitmask over the `INTEREST_COUNT` topics.
    function setProfile(string calldata name, string calldata statementURI, string[] calldata links, uint256 interests) external {
        bytes memory n = bytes(name);
        _checkName(n);
        address holder = reservedHolder[keccak256(normalize(n))];
        if (holder != address(0) && holder != msg.sender) revert NameReserved(name, holder);
        _checkStatement(bytes(statementURI));
        if (links.length > MAX_LINKS) revert TooManyLinks(links.length, MAX_LINKS);
        for (uint256 i = 0; i < links.length; i++) {
            _checkLink(i, bytes(links[i]));
        }
        if (interests >> INTEREST_COUNT != 0) revert UnknownInterests(interests);

        Profile storage p = _profiles[msg.sender];
        p.name = name;
        p.statementURI = statementURI;
        delete p.links;
        for (uint256 i = 0; i < links.length; i++) {
            p.links.push(links[i]);
        }
        p.interests = interests;
        p.updatedAt = uint64(block.timestamp);
        emit ProfileSet(msg.sender, name, statementURI, links, interests);
    }

    /// @notice Clears the caller's profile.
    function clearProfile() external {
        if (_profiles[msg.sender].updatedAt == 0) revert NoProfile();
        delete _profiles[msg.sender];
        emit ProfileCleared(msg.sender);
    }

    /// @notice `account`'s profile (every field empty and `updatedAt` 0 if it has none).
    function profileOf(address account) external view returns (Profile memory) {
        return _profiles[account];
    }

    /// @notice `account`'s name ("" if it has no profile).
    function nameOf(address account) external view returns (string memory) {
        return _profiles[account].name;
    }

    /// @notice Who holds the reserved name `name` normalizes to (zero: nobody, so anyone may use it).
    function holderOf(string calldata name) external view returns (address) {
        return reservedHolder[keccak256(normalize(bytes(name)))];
    }

    /// @notice The normalized form of a name, as reserved names are compared: ASCII lowercase, the
    /// separators (space `. - _ '`) dropped, `i` and `1` read as `l`, `0` as `o`.
    function normalize(bytes memory name) public pure returns (bytes memory out) {
        out = new bytes(name.length);
        uint256 len = 0;
        for (uint256 i = 0; i < name.length; i++) {
            bytes1 c = name[i];
            if (c >= "A" && c <= "Z") c = bytes1(uint8(c) + 32);
            if (c == " " || c == "." || c == "-" || c == "_" || c == "'") continue;
            if (c == "i" || c == "1") c = "l";
            else if (c == "0") c = "o";
            out[len++] = c;
        }
        assembly {
            mstore(out, len)
        }
    }

    function _checkName(bytes memory name) private pure {
        uint256 len = name.length;
        if (len == 0) revert NameEmpty();
        if (len > MAX_NAME_BYTES) revert NameTooLong(len, MAX_NAME_BYTES);
        bool alnum = false;
        for (uint256 i = 0; i < len; i++) {
            bytes1 c = name[i];
            if (uint8(c) >= 0x80) revert NameNotAscii(i);
            if (uint8(c) < 0x20 || uint8(c) == 0x7f) revert NameControlCharacter(i);
            if (c == " ") {
                if (i == 0 || i == len - 1 || name[i - 1] == " ") revert NameSpacing(i);
                continue;
            }
            bool letterOrDigit = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9");
            if (!letterOrDigit && c != "." && c != "-" && c != "_" && c != "'" && c != "&") revert NameCharacterNotAllowed(i, c);
            if (letterOrDigit) alnum = true;
        }
        if (!alnum) revert NameWithoutLetters();
    }

    function _checkStatement(bytes memory uri) private pure {
        uint256 len = uri.length;
        if (len == 0) return;
        if (len > MAX_URI_BYTES) revert StatementTooLong(len, MAX_URI_BYTES);
        if (!_startsWith(uri, "https://") && !_startsWith(uri, "ipfs://") && !_startsWith(uri, "data:")) revert StatementScheme();
        for (uint256 i = 0; i < len; i++) {
            if (!_urlByte(uri[i])) revert StatementCharacter(i);
        }
    }

    function _checkLink(uint256 index, bytes memory link) private pure {
        if (link.length == 0 || link.length > MAX_LINK_BYTES) revert LinkLength(index, MAX_LINK_BYTES);
        if (!_startsWith(link, "https://")) revert LinkScheme(index);
        for (uint256 i = 0; i < link.length; i++) {
            if (!_urlByte(link[i])) revert LinkCharacter(index, i);
        }
    }

    /// @dev Printable ASCII other than the space (a URL's bytes; anything else is percent-encoded).
    function _urlByte(bytes1 c) private pure returns (bool) {
        return uint8(c) > 0x20 && uint8(c) < 0x7f;
    }

    function _startsWith(bytes memory s, bytes memory prefix) private pure returns (bool) {
        if (s.length < prefix.length) return false;
        for (uint256 i = 0; i < prefix.length; i++) {
            if (s[i] != prefix[i]) return false;
        }
        return true;
    }
}
