import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIRECTORY_RECENT, delegationCountsFrom, delegationCountsSentence, formatDelegateParticipation } from './delegates';

test('a delegation counts for proposals created from its time minus the voting delay on', () => {
  assert.deepEqual(delegationCountsFrom(1_000n, 60n), { snapshotFrom: 1_000n, createdFrom: 940n });
  // A proposal created at 940 has its snapshot at 1,000: the end of that second includes the delegation.
  const { createdFrom } = delegationCountsFrom(1_000n, 60n);
  assert.ok(createdFrom + 60n >= 1_000n, 'its snapshot is at the delegation');
  assert.match(delegationCountsSentence(1_700_000_000n, 86_400n), /^Counts for proposals whose snapshot is after .+, i\.e\. proposals created from .+ on\.$/);
});

test('participation reads as a sentence', () => {
  assert.equal(formatDelegateParticipation({ voted: 8, of: DIRECTORY_RECENT }), 'Voted in 8 of the last 10');
  assert.equal(formatDelegateParticipation({ voted: 0, of: 0 }), 'No proposals yet');
});
