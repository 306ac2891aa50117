import { ponder } from 'ponder:registry';
import { proposal, timelockOp } from 'ponder:schema';
import { type Address, parseEventLogs } from 'viem';
import { CONTRACTS } from '../../../lib/contracts/descriptors';

// The L2 timelock's operations: each scheduled call (an operation may batch several), its execution
// or cancellation. An operation the governor queued is tied to its proposal (ProposalQueued in the
// same transaction).

ponder.on('Timelock:CallScheduled', async ({ event, context }) => {
  const { id, target, delay } = event.args;
  const receipt = await context.client.getTransactionReceipt({ hash: event.transaction.hash });
  const governor = (context.contracts.CommonsGovernor.address as Address).toLowerCase();
  const [queued] = parseEventLogs({ abi: CONTRACTS.l2.CommonsGovernor, eventName: 'ProposalQueued', logs: receipt.logs }).filter(
    (l) => l.address.toLowerCase() === governor,
  );
  await context.db
    .insert(timelockOp)
    .values({
      id,
      proposalId: queued?.args.proposalId ?? null,
      calls: 1,
      targets: [target],
      scheduledAt: event.block.timestamp,
      scheduledTx: event.transaction.hash,
      readyAt: event.block.timestamp + delay,
    })
    .onConflictDoUpdate((op) => ({ calls: op.calls + 1, targets: [...op.targets, target] }));
});

ponder.on('Timelock:CallExecuted', async ({ event, context }) => {
  await context.db.update(timelockOp, { id: event.args.id }).set({ executedAt: event.block.timestamp, executedTx: event.transaction.hash });
});

// A queued proposal's operation cancelled in the timelock (by the governor, or by the council's decisive action,
// docs/MECHANISMS.md §4.4): the governor then reports the proposal Canceled, with no ProposalCanceled event of its own.
ponder.on('Timelock:Cancelled', async ({ event, context }) => {
  const op = await context.db.update(timelockOp, { id: event.args.id }).set({ cancelledAt: event.block.timestamp, cancelledTx: event.transaction.hash });
  if (op.proposalId !== null) {
    await context.db.update(proposal, { id: op.proposalId }).set({ canceled: true, canceledAt: event.block.timestamp, canceledTx: event.transaction.hash });
  }
});
