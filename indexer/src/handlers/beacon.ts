import { ponder } from 'ponder:registry';
import { beaconDraw } from 'ponder:schema';

// Rotation randomness (docs/MECHANISMS.md §4.5): each epoch's draw is seeded by an L1 value the L2 set requests at
// the rotation before it. One row per epoch; each chain fills in its own columns, in whatever order
// the two chains are indexed.

ponder.on('SequencerSet:BeaconRequested', async ({ event, context }) => {
  const requested = { requestedAt: event.block.timestamp, requestNonce: event.args.nonce };
  await context.db
    .insert(beaconDraw)
    .values({ id: event.args.epochNumber, ...requested })
    .onConflictDoUpdate(requested);
});

ponder.on('RandomnessBeacon:RandomnessRecorded', async ({ event, context }) => {
  const { epochNumber, l1BlockNumber, randomness } = event.args;
  const recorded = { recordedAt: event.block.timestamp, l1BlockNumber, randomness };
  await context.db
    .insert(beaconDraw)
    .values({ id: epochNumber, ...recorded })
    .onConflictDoUpdate(recorded);
});

ponder.on('SequencerSet:BeaconReceived', async ({ event, context }) => {
  const received = { receivedAt: event.block.timestamp };
  await context.db
    .insert(beaconDraw)
    .values({ id: event.args.epochNumber, ...received })
    .onConflictDoUpdate(received);
});
