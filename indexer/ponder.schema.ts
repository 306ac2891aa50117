import { index, onchainTable } from 'ponder';

/**
 * One row per (METIS transfer, account it touches): a transfer between two accounts is stored
 * under each of them, so that "an account's transfers" is one index range scan, newest first.
 */
export const accountTransfer = onchainTable(
  'account_transfer',
  (t) => ({
    /** `${chainId}-${block:012}-${logIndex:06}-${direction}`: sorts like the chain does. */
    id: t.text().primaryKey(),
    account: t.hex().notNull(),
    chainId: t.integer().notNull(),
    /** `in`, `out`, or `self` for a transfer to oneself. */
    direction: t.text().notNull(),
    counterparty: t.hex().notNull(),
    amount: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    byAccountNewest: index().on(table.account, table.timestamp, table.id),
  }),
);
