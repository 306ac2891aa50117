/**
 * The one polling policy: how often each kind of view re-reads, locally (1 s blocks, every flow in
 * minutes) and on a real network. Everything that polls takes its pace from here.
 * - `shared`: how old a read a server process shares between requests may be: the chain head and its
 *   live reads (lib/live.ts), the web server's API answers (lib/server/api.ts).
 * - `chain`: the wallet client's block watcher (new blocks, receipts).
 * - `live`: the browser's live reads (balances, claimable, a ratification in progress), about a block.
 * - `vote`: a server page whose figures move with each vote (a proposal page).
 * - `page`: any other server page's figures (lists, histories, aggregates), and the bell's inbox.
 * - `notifier`: the notifier's passes over the chain-data API (notifier/main.ts).
 */
export const POLL_MS = {
  local: { shared: 250, chain: 500, live: 1_000, vote: 1_500, page: 3_000, notifier: 1_000 },
  network: { shared: 1_000, chain: 4_000, live: 6_000, vote: 12_000, page: 15_000, notifier: 12_000 },
} as const;

export type PollPace = keyof (typeof POLL_MS)['local'];

/** The pace `pace` on network `network` ("local" or a deployed network's name), in milliseconds. */
export function pollMs(network: string, pace: PollPace): number {
  return POLL_MS[network === 'local' ? 'local' : 'network'][pace];
}
