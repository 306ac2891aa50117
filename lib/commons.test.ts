import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dateInputValue,
  durationError,
  durationPresets,
  durationUntilDate,
  encodeGroupMetadata,
  formatParticipation,
  groupNameError,
  lockEndFor,
  parseGroupMetadata,
} from './commons';

const DAY = 86_400;

test('duration presets are only those the contract accepts', () => {
  assert.deepEqual(
    durationPresets(7 * DAY, 730 * DAY).map((p) => p.label),
    ['1 month', '6 months', '1 year', '2 years'],
  );
  assert.deepEqual(
    durationPresets(60 * DAY, 365 * DAY).map((p) => [p.label, p.seconds]),
    [
      ['6 months', 182 * DAY],
      ['1 year', 365 * DAY],
    ],
  );
});

test('a date input becomes whole days from today, and back', () => {
  const now = new Date(2026, 10, 23, 11, 20).getTime() / 1000;
  assert.equal(dateInputValue(now), '2026-11-23');
  assert.equal(durationUntilDate('2026-11-30', now), 7 * DAY);
  assert.equal(durationUntilDate('2027-11-23', now), 365 * DAY);
  assert.equal(durationUntilDate(dateInputValue(now + 40 * DAY), now), 40 * DAY);
  assert.equal(durationUntilDate('', now), undefined);
  assert.equal(durationUntilDate('23/11/2026', now), undefined);
});

test('durations outside the bounds are refused in words', () => {
  assert.equal(durationError(undefined, 7 * DAY, 730 * DAY), 'Choose how long to lock.');
  assert.equal(durationError(6 * DAY, 7 * DAY, 730 * DAY), 'A lock lasts at least 7 days.');
  assert.equal(durationError(731 * DAY, 7 * DAY, 730 * DAY), 'A lock lasts at most 730 days.');
  assert.equal(durationError(7 * DAY, 7 * DAY, 730 * DAY), undefined);
});

test('group names are counted in bytes, as the registry counts them', () => {
  assert.equal(groupNameError('  ', 64), 'Give the group a name.');
  assert.equal(groupNameError('a'.repeat(64), 64), undefined);
  assert.equal(groupNameError('é'.repeat(33), 64), 'At most 64 bytes (this is 66).');
});

test('group metadata reads back, blanks dropped', () => {
  const uri = encodeGroupMetadata({ focus: ' Grants ', description: 'Funding public goods on Metis' });
  assert.deepEqual(parseGroupMetadata(uri), { focus: 'Grants', description: 'Funding public goods on Metis' });
  assert.deepEqual(parseGroupMetadata(encodeGroupMetadata({ focus: '', description: 'x' })), { focus: undefined, description: 'x' });
  assert.deepEqual(parseGroupMetadata('ipfs://bafy'), {});
});

test('participation reads as a count and a rounded share', () => {
  assert.equal(formatParticipation({ voted: 0, eligible: 0, share: null }), 'no proposals yet');
  assert.equal(formatParticipation({ voted: 2, eligible: 3, share: 2 / 3 }), '2 of 3 (67%)');
  assert.equal(formatParticipation({ voted: 0, eligible: 5, share: 0 }), '0 of 5 (0%)');
});

test('lock ends round up to the next UTC midnight, as veMETIS does', () => {
  assert.equal(lockEndFor(19_675 * DAY), 19_675 * DAY);
  assert.equal(lockEndFor(19_675 * DAY + 1), 19_676 * DAY);
  assert.equal(lockEndFor(19_676 * DAY - 1), 19_676 * DAY);
});
