// The message bus between the chains (docs/MECHANISMS.md §5): what an inbox says about a message it was
// handed, for the relayer, the seed and the tests.

/**
 * MessageInbox.MessageStatus, in enum order: `MESSAGE_STATUSES[await inbox.read.messageStatus([hash])]`
 * names the chain's answer (`none`: not delivered yet).
 */
export const MESSAGE_STATUSES = ['none', 'executed', 'failed', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
