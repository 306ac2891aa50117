/**
 * Profiles (`ProfileRegistry`, docs/MECHANISMS.md §8): the contract's rules for names, statements and
 * links, written once for the app (the form validates with them before signing; the contract is the
 * authority and lib/errors.ts turns its refusals into the same sentences), and the inline statement's
 * encoding, which the indexer decodes.
 */

/** The contract's bounds (`ProfileRegistry.MAX_*`; lib/profiles.test.ts pins them to the source). */
export const PROFILE_LIMITS = { nameBytes: 32, uriBytes: 4096, links: 4, linkBytes: 200 } as const;

const NAME_PUNCTUATION = ".-_'&";

/** Why `name` cannot be a profile name, if it cannot (the contract's `_checkName`, in its order). */
export function profileNameError(name: string): string | undefined {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length === 0) return 'Give yourself a name.';
  if (bytes.length > PROFILE_LIMITS.nameBytes) return `A name is at most ${PROFILE_LIMITS.nameBytes} bytes (this is ${bytes.length}).`;
  let letters = false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const c = name[i];
    if (code >= 0x80) return nameCharacterSentence('notAscii', i);
    if (code < 0x20 || code === 0x7f) return nameCharacterSentence('control', i);
    if (c === ' ') {
      if (i === 0 || i === name.length - 1 || name[i - 1] === ' ') return nameCharacterSentence('spacing', i);
      continue;
    }
    const alnum = /[A-Za-z0-9]/.test(c);
    if (!alnum && !NAME_PUNCTUATION.includes(c)) return nameCharacterSentence('notAllowed', i, c);
    if (alnum) letters = true;
  }
  if (!letters) return 'A name needs at least one letter or digit.';
  return undefined;
}

/** The sentence for a refused character of a name (shared with the contract's errors in lib/errors.ts). */
export function nameCharacterSentence(kind: 'notAscii' | 'control' | 'spacing' | 'notAllowed', index: number, character?: string): string {
  const at = `character ${index + 1}`;
  switch (kind) {
    case 'notAscii':
      return `A name is plain ASCII: ${at} is not (accented and non-Latin letters, look-alikes, right-to-left and zero-width marks are refused).`;
    case 'control':
      return `A name cannot hold control characters (${at} is one).`;
    case 'spacing':
      return `A name cannot start or end with a space or have two in a row (${at}).`;
    case 'notAllowed':
      return `A name holds letters, digits, spaces and . - _ ' & only${character ? `: "${character}" (${at}) is not allowed` : ` (${at} is not)`}.`;
  }
}

/**
 * The normalized form in which reserved names are compared (`ProfileRegistry.normalize`): ASCII
 * lowercase, the separators (space . - _ ') dropped, i and 1 read as l, 0 as o.
 */
export function normalizeProfileName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[ .\-_']/g, '')
    .replace(/[i1]/g, 'l')
    .replace(/0/g, 'o');
}

const urlBytesOk = (s: string) => /^[\x21-\x7e]*$/.test(s);

/** Why `uri` cannot be a statement URI, if it cannot (empty: no statement). */
export function statementUriError(uri: string): string | undefined {
  if (uri === '') return undefined;
  if (uri.length > PROFILE_LIMITS.uriBytes) return `A statement is at most ${PROFILE_LIMITS.uriBytes} bytes once encoded (this is ${uri.length}).`;
  if (!/^(https:\/\/|ipfs:\/\/|data:)/.test(uri)) return 'A statement is an https:// or ipfs:// address, or written inline.';
  if (!urlBytesOk(uri)) return 'A statement address cannot hold spaces or non-ASCII characters (percent-encode them).';
  return undefined;
}

/** Why `link` cannot be a profile link, if it cannot. */
export function linkError(link: string): string | undefined {
  if (link === '' || link.length > PROFILE_LIMITS.linkBytes) return `A link is 1 to ${PROFILE_LIMITS.linkBytes} characters.`;
  if (!link.startsWith('https://')) return 'A link starts with https://.';
  if (!urlBytesOk(link)) return 'A link cannot hold spaces or non-ASCII characters (percent-encode them).';
  return undefined;
}

const INLINE_MARKDOWN = 'data:text/markdown;charset=utf-8;base64,';

/** A markdown statement as an inline `data:` URI (the form writes short statements this way). */
export function encodeStatement(markdown: string): string {
  const text = markdown.trim();
  if (!text) return '';
  const bytes = new TextEncoder().encode(text);
  return INLINE_MARKDOWN + btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}

/**
 * The markdown of an inline statement (`data:text/markdown` or `data:text/plain`, base64 or
 * percent-encoded); undefined for a statement by address (https://, ipfs://), which the app does not fetch.
 */
export function decodeStatement(uri: string): string | undefined {
  const match = /^data:text\/(?:markdown|plain)((?:;[a-z0-9=-]+)*?)(;base64)?,(.*)$/is.exec(uri);
  if (!match) return undefined;
  try {
    const text = match[2]
      ? new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(match[3]), (c) => c.charCodeAt(0)))
      : decodeURIComponent(match[3]);
    return text.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The statement URI a form's text stands for: a lone `https://` or `ipfs://` address as it is (a
 * statement kept elsewhere), anything else as inline markdown (`encodeStatement`).
 */
export function statementUriOf(text: string): string {
  const t = text.trim();
  return /^(https|ipfs):\/\/\S+$/.test(t) ? t : encodeStatement(t);
}

/** The links of a form's text, one a line (blank lines dropped). */
export const linksOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Why a form's links cannot be sent, if they cannot: too many, or the first bad one's reason. */
export function linksError(links: readonly string[]): string | undefined {
  if (links.length > PROFILE_LIMITS.links) return `At most ${PROFILE_LIMITS.links} links (this is ${links.length}).`;
  for (const [i, link] of links.entries()) {
    const bad = linkError(link);
    if (bad) return `Link ${i + 1}: ${bad}`;
  }
  return undefined;
}

/**
 * A statement's first words as plain text, for lists (the delegates directory): markdown marks dropped (a
 * link reads as its text), whitespace collapsed, cut at a word within `max` characters with an ellipsis.
 */
export function statementExcerpt(markdown: string, max = 200): string {
  const text = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, '')}…`;
}
