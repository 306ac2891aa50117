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

/** A sequencer as of its latest event (state read from the staking contract at that block). */
export const sequencer = onchainTable('sequencer', (t) => ({
  id: t.bigint().primaryKey(),
  owner: t.hex().notNull(),
  signer: t.hex().notNull(),
  /** active | jailed | unlocking | exited */
  status: t.text().notNull(),
  selfLock: t.bigint().notNull(),
  delegated: t.bigint().notNull(),
  totalStake: t.bigint().notNull(),
  unbonding: t.bigint().notNull(),
  commissionBps: t.integer().notNull(),
  pendingCommissionBps: t.integer().notNull(),
  commissionEffectiveAt: t.bigint().notNull(),
  jailedUntil: t.bigint().notNull(),
  unlockAt: t.bigint().notNull(),
  metadataURI: t.text().notNull(),
  delegatorCount: t.integer().notNull(),
  registeredAt: t.bigint().notNull(),
  updatedAt: t.bigint().notNull(),
}));

/** A delegator's position behind a sequencer. */
export const position = onchainTable(
  'position',
  (t) => ({
    /** `${sequencerId}-${account}` */
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    shares: t.bigint().notNull(),
    /** METIS value at the last change (the live value is read from the chain). */
    value: t.bigint().notNull(),
    updatedAt: t.bigint().notNull(),
  }),
  (table) => ({ byAccount: index().on(table.account), bySequencer: index().on(table.sequencerId, table.value) }),
);

/** An unbonding entry: undelegated METIS (or withdrawn self-lock) waiting out the exit delay. */
export const unbonding = onchainTable(
  'unbonding',
  (t) => ({
    /** `${sequencerId}-${account}-${entryId}` */
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    entryId: t.bigint().notNull(),
    amount: t.bigint().notNull(),
    maturesAt: t.bigint().notNull(),
    createdAt: t.bigint().notNull(),
    withdrawnAt: t.bigint(),
    withdrawnAmount: t.bigint(),
  }),
  (table) => ({ byAccount: index().on(table.account, table.maturesAt) }),
);

/** Every stake change, for histories and charts. */
export const stakeEvent = onchainTable(
  'stake_event',
  (t) => ({
    id: t.text().primaryKey(),
    sequencerId: t.bigint().notNull(),
    account: t.hex().notNull(),
    /** register | relock | withdraw-lock | unlock | exit | delegate | undelegate | redelegate-out | redelegate-in | compound | slash | jail | unjail */
    kind: t.text().notNull(),
    amount: t.bigint().notNull(),
    totalStakeAfter: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({
    bySequencer: index().on(table.sequencerId, table.timestamp, table.id),
    byAccount: index().on(table.account, table.timestamp, table.id),
  }),
);

/** An L2 epoch and the sequencer that produced it. */
export const epoch = onchainTable(
  'epoch',
  (t) => ({
    id: t.bigint().primaryKey(),
    sequencerId: t.bigint().notNull(),
    signer: t.hex().notNull(),
    startBlock: t.bigint().notNull(),
    endBlock: t.bigint().notNull(),
    startedAt: t.bigint().notNull(),
    txHash: t.hex().notNull(),
  }),
  (table) => ({ bySequencer: index().on(table.sequencerId, table.id) }),
);

/** A cross-chain message as sent by an outbox. */
export const busMessage = onchainTable(
  'bus_message',
  (t) => ({
    /** The message hash (covers chains, outbox, nonce, sender, target, data). */
    id: t.hex().primaryKey(),
    sourceChainId: t.integer().notNull(),
    targetChainId: t.integer().notNull(),
    nonce: t.bigint().notNull(),
    sender: t.hex().notNull(),
    target: t.hex().notNull(),
    sentAt: t.bigint().notNull(),
    sentTx: t.hex().notNull(),
  }),
  (table) => ({ bySource: index().on(table.sourceChainId, table.nonce) }),
);

/**
 * What the destination inbox did with a message. Kept apart from bus_message because the two
 * chains are indexed independently: a delivery may be indexed before its sending.
 */
export const busDelivery = onchainTable('bus_delivery', (t) => ({
  /** The message hash. */
  id: t.hex().primaryKey(),
  attestations: t.integer().notNull(),
  /** attested | delivered | failed */
  status: t.text().notNull(),
  updatedAt: t.bigint().notNull(),
  deliveredTx: t.hex(),
  failureReason: t.hex(),
}));
