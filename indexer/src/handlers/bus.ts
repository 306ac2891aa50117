import { ponder } from 'ponder:registry';
import { busDelivery, busMessage } from 'ponder:schema';

ponder.on('MessageOutbox:MessageSent', async ({ event, context }) => {
  const { nonce, sender, target, sourceChainId, targetChainId, messageHash } = event.args;
  await context.db.insert(busMessage).values({
    id: messageHash,
    sourceChainId: Number(sourceChainId),
    targetChainId: Number(targetChainId),
    nonce,
    sender,
    target,
    sentAt: event.block.timestamp,
    sentTx: event.transaction.hash,
  });
});

ponder.on('MessageInbox:MessageAttested', async ({ event, context }) => {
  const { messageHash, attestations } = event.args;
  const count = Number(attestations);
  await context.db
    .insert(busDelivery)
    .values({ id: messageHash, attestations: count, status: 'attested', updatedAt: event.block.timestamp })
    .onConflictDoUpdate({ attestations: count, updatedAt: event.block.timestamp });
});

ponder.on('MessageInbox:MessageDelivered', async ({ event, context }) => {
  const done = { status: 'delivered', deliveredTx: event.transaction.hash, failureReason: null, updatedAt: event.block.timestamp };
  await context.db
    .insert(busDelivery)
    .values({ id: event.args.messageHash, attestations: 0, ...done })
    .onConflictDoUpdate(done);
});

ponder.on('MessageInbox:MessageFailed', async ({ event, context }) => {
  const failed = {
    status: 'failed',
    failureReason: event.args.reason,
    failedAt: event.block.timestamp,
    retryDeadline: event.args.retryDeadline,
    updatedAt: event.block.timestamp,
  };
  await context.db
    .insert(busDelivery)
    .values({ id: event.args.messageHash, attestations: 0, ...failed })
    .onConflictDoUpdate(failed);
});

/** Governance cancelled a failed message (docs/MECHANISMS.md §5): it can never execute. */
ponder.on('MessageInbox:MessageCancelled', async ({ event, context }) => {
  const cancelled = { status: 'cancelled', updatedAt: event.block.timestamp };
  await context.db
    .insert(busDelivery)
    .values({ id: event.args.messageHash, attestations: 0, ...cancelled })
    .onConflictDoUpdate(cancelled);
});
