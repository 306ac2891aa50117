import type { Context, Event } from 'ponder:registry';
import { accountTransfer } from 'ponder:schema';
import { type Address, zeroAddress } from 'viem';

type TransferEvent = Event<'MetisToken:Transfer'> | Event<'L2Metis:Transfer'>;

/** Stores a METIS transfer under each (non-zero) account it touches. */
export async function recordTransfer({ event, context }: { event: TransferEvent; context: Context }) {
  const { from, to, value } = event.args;
  const chainId = context.chain.id;
  const base = {
    chainId,
    amount: value,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  };
  const key = `${chainId}-${event.block.number.toString().padStart(12, '0')}-${event.log.logIndex.toString().padStart(6, '0')}`;
  const rows: { account: Address; counterparty: Address; direction: string }[] =
    from === to
      ? [{ account: from, counterparty: to, direction: 'self' }]
      : [
          { account: from, counterparty: to, direction: 'out' },
          { account: to, counterparty: from, direction: 'in' },
        ];
  const values = rows.filter((row) => row.account !== zeroAddress).map((row) => ({ ...base, ...row, id: `${key}-${row.direction}` }));
  if (values.length > 0) await context.db.insert(accountTransfer).values(values);
}
