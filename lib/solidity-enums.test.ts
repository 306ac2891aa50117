import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MESSAGE_STATUSES } from './bus';
import { CHALLENGE_KINDS, CHALLENGE_STATUSES } from './challenges';
import { REMAINDER_POLICIES } from './commons';
import { MOTION_KINDS, MOTION_STATES } from './council-motions';
import { RATIFICATION_STATUSES, REPUTATION_CAUSES, SEAT_ORIGINS } from './eco-nodes';
import { GOVERNOR_STATES, SUPPORT } from './proposals';
import { SEQUENCER_STATUS } from './sequencers';
import { STEWARD_MOTION_STATES } from './steward-motions';

// Each list of names indexed by a contract's enum value must follow the enum's declaration: read the
// Solidity source and compare member by member, so that a reordered or extended enum fails here.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The members of `enum name { … }` in a Solidity file (relative to the repository), in order. */
function solidityEnum(file: string, name: string): string[] {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const body = new RegExp(`\\benum ${name}\\s*\\{([^}]*)\\}`).exec(source)?.[1];
  assert.ok(body !== undefined, `enum ${name} in ${file}`);
  return body
    .replace(/\/\/.*$/gm, '')
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m !== '');
}

/** A member's name as our lists spell it: `InvalidBlocks` → 'invalid-blocks'. */
const kebab = (member: string) => member.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

const OZ = 'node_modules/@openzeppelin/contracts';
const CASES: { names: readonly string[]; file: string; enumName: string; renamed?: Record<string, string> }[] = [
  { names: GOVERNOR_STATES, file: `${OZ}/governance/IGovernor.sol`, enumName: 'ProposalState' },
  {
    names: Object.entries(SUPPORT)
      .sort(([, a], [, b]) => a - b)
      .map(([name]) => name),
    file: `${OZ}/governance/extensions/GovernorCountingSimple.sol`,
    enumName: 'VoteType',
  },
  { names: SEQUENCER_STATUS, file: 'contracts/src/l1/SequencerStaking.sol', enumName: 'SequencerStatus' },
  { names: MESSAGE_STATUSES, file: 'contracts/src/bus/MessageInbox.sol', enumName: 'MessageStatus' },
  { names: REMAINDER_POLICIES.map((p) => p.name), file: 'contracts/src/l2/governance/CommonsGroup.sol', enumName: 'RemainderPolicy' },
  { names: STEWARD_MOTION_STATES, file: 'contracts/src/l2/governance/CommonsGroup.sol', enumName: 'MotionState' },
  { names: RATIFICATION_STATUSES, file: 'contracts/src/l2/governance/CommonsGovernor.sol', enumName: 'RatificationStatus' },
  { names: RATIFICATION_STATUSES, file: 'contracts/src/l2/governance/EcoNodeCouncil.sol', enumName: 'RatificationStatus' },
  { names: SEAT_ORIGINS, file: 'contracts/src/l2/governance/EcoNodeCouncil.sol', enumName: 'Origin', renamed: { PromotedGroup: 'promoted' } },
  { names: REPUTATION_CAUSES, file: 'contracts/src/l2/governance/EcoNodeCouncil.sol', enumName: 'Cause' },
  { names: MOTION_KINDS, file: 'contracts/src/l2/governance/EcoNodeCouncil.sol', enumName: 'MotionKind' },
  { names: MOTION_STATES, file: 'contracts/src/l2/governance/EcoNodeCouncil.sol', enumName: 'MotionState' },
  { names: CHALLENGE_KINDS, file: 'contracts/src/l2/SequencerChallenges.sol', enumName: 'Kind' },
  { names: CHALLENGE_STATUSES, file: 'contracts/src/l2/SequencerChallenges.sol', enumName: 'Status' },
];

for (const { names, file, enumName, renamed = {} } of CASES) {
  test(`${path.basename(file, '.sol')}.${enumName}: the names follow the enum's order`, () => {
    const members = solidityEnum(file, enumName);
    assert.deepEqual(
      [...names],
      members.map((m) => renamed[m] ?? kebab(m)),
    );
  });
}

test('REMAINDER_POLICIES: each value is its place in the enum', () => {
  assert.deepEqual(
    REMAINDER_POLICIES.map((p) => p.value),
    REMAINDER_POLICIES.map((_, i) => i),
  );
});
