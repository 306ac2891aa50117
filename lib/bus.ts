// The message bus between the chains (docs/MECHANISMS.md §5): what an inbox says about a message it was
// handed, for the relayer, the seed and the tests.

import type { Address, Hex } from 'viem';

/**
 * MessageInbox.MessageStatus, in enum order: `MESSAGE_STATUSES[await inbox.read.messageStatus([hash])]`
 * names the chain's answer (`none`: not delivered yet).
 */
export const MESSAGE_STATUSES = ['none', 'executed', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** A bus message as the inboxes take it (every field is in the outbox's `MessageSent` log). */
export interface BusMessage {
  sourceChainId: bigint;
  targetChainId: bigint;
  outbox: Address;
  inbox: Address;
  nonce: bigint;
  sender: Address;
  target: Address;
  gasLimit: bigint;
  data: Hex;
}

/** The inbox argument for a `MessageSent` log of `outbox`. */
export function toMessage(
  outbox: Address,
  args: { sourceChainId: bigint; targetChainId: bigint; inbox: Address; nonce: bigint; sender: Address; target: Address; gasLimit: bigint; data: Hex },
): BusMessage {
  const { sourceChainId, targetChainId, inbox, nonce, sender, target, gasLimit, data } = args;
  return { sourceChainId, targetChainId, outbox, inbox, nonce, sender, target, gasLimit, data };
}
