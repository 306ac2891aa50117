import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  decodeStatement,
  encodeStatement,
  linkError,
  normalizeProfileName,
  PROFILE_LIMITS,
  profileNameError,
  statementExcerpt,
  statementUriError,
} from './profiles';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test("the limits are the contract's", () => {
  const source = readFileSync(path.join(ROOT, 'contracts/src/l2/ProfileRegistry.sol'), 'utf8');
  const constant = (name: string) => Number(new RegExp(`${name}\\s*=\\s*(\\d+)`).exec(source)?.[1]);
  assert.deepEqual(PROFILE_LIMITS, {
    nameBytes: constant('MAX_NAME_BYTES'),
    uriBytes: constant('MAX_URI_BYTES'),
    links: constant('MAX_LINKS'),
    linkBytes: constant('MAX_LINK_BYTES'),
  });
});

test('names follow the contract: printable ASCII, single inner spaces, 1 to 32 bytes', () => {
  for (const ok of ['Alice', "O'Brien & Sons-Ltd_2.0", 'x', 'a'.repeat(32)]) assert.equal(profileNameError(ok), undefined, ok);
  assert.match(profileNameError('') ?? '', /Give yourself a name/);
  assert.match(profileNameError('a'.repeat(33)) ?? '', /at most 32 bytes/);
  assert.match(profileNameError(' Alice') ?? '', /space/);
  assert.match(profileNameError('Al  ice') ?? '', /two in a row \(character 4\)/);
  assert.match(profileNameError('Ali\u0000ce') ?? '', /control/);
  assert.match(profileNameError('Alice\u202e') ?? '', /plain ASCII: character 6/);
  assert.match(profileNameError('\u0410lice') ?? '', /plain ASCII/);
  assert.match(profileNameError('Ali\u200bce') ?? '', /plain ASCII/);
  assert.match(profileNameError('<b>') ?? '', /"<" \(character 1\) is not allowed/);
  assert.match(profileNameError('...') ?? '', /letter or digit/);
});

test('reserved names are compared in the normalized form the contract uses', () => {
  for (const spelling of ['ALICE', 'A.lice', 'Al ice', 'AIice', 'A1ice', "a-l_i'ce"])
    assert.equal(normalizeProfileName(spelling), normalizeProfileName('Alice'));
  assert.equal(normalizeProfileName('TIMEL0CK'), normalizeProfileName('Timelock'));
  assert.notEqual(normalizeProfileName('Alicia'), normalizeProfileName('Alice'));
});

test('statements and links: schemes and characters', () => {
  assert.equal(statementUriError(''), undefined);
  assert.equal(statementUriError('ipfs://bafy'), undefined);
  assert.equal(statementUriError(encodeStatement('# Hi\n\nI vote for **public goods**.')), undefined);
  assert.match(statementUriError('javascript:alert(1)') ?? '', /https/);
  assert.match(statementUriError(`data:${'a'.repeat(4096)}`) ?? '', /at most 4096/);
  assert.equal(linkError('https://forum.example/u/alice'), undefined);
  assert.match(linkError('http://plain.example') ?? '', /https/);
  assert.match(linkError('javascript:alert(1)') ?? '', /https/);
  assert.match(linkError('https://exampl\u0435.com') ?? '', /non-ASCII/);
});

test('an inline statement decodes to its markdown; one by address does not', () => {
  const md = '# Alice\n\nDelegate for *security* — ünïcode too.';
  assert.equal(decodeStatement(encodeStatement(md)), md);
  assert.equal(decodeStatement('data:text/markdown,Hello%20there'), 'Hello there');
  assert.equal(decodeStatement('https://alice.example/statement.md'), undefined);
  assert.equal(decodeStatement('data:text/markdown;base64,%%%'), undefined);
  assert.equal(encodeStatement('   '), '');
});

test("a statement's excerpt is its first words as plain text, cut at a word", () => {
  assert.equal(statementExcerpt('## Why me\n\nI read **every** proposal, see [my notes](https://x.example).'), 'Why me I read every proposal, see my notes.');
  assert.equal(statementExcerpt('- one\n- two\n> quoted `code`'), 'one two quoted code');
  const long = statementExcerpt(`${'word '.repeat(60)}end`, 40);
  assert.ok(long.length <= 40 && long.endsWith('word…'), long);
  assert.equal(statementExcerpt('x'.repeat(50), 10), `${'x'.repeat(9)}…`);
});
