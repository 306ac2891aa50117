import { type Address, getAddress } from 'viem';
import { type ApiParamsArg, type ApiPath, type ApiResponse, apiGet, type Page } from '../lib/api';
import { formatBps, formatMetis, formatVotes } from '../lib/format';
import { CLOSING_SOON_SECONDS, noticeKey } from '../lib/notices';
import type { Source } from './core';
import type { NewNotice, NoticeStore } from './store';

// The notifier's sources (docs/ARCHITECTURE.md, "Notifier"): each reads the chain-data API through its
// one client (lib/api.ts `apiGet`) and derives notices with the chain's times, never the notifier's.

type Get = <P extends ApiPath>(path: P, ...params: ApiParamsArg<P>) => Promise<ApiResponse<P>>;

const MAX_PAGES = 50;

/** Every item of a paged list, page by page (100 a page), until `enough` says the page reached back far enough. */
async function walk<T, P extends ApiPath>(
  get: Get,
  path: P,
  params: Record<string, string | number | undefined>,
  enough: (items: T[]) => boolean = () => false,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const answer = (await get(path, ...([{ ...params, limit: 100, cursor }] as unknown as ApiParamsArg<P>))) as unknown as Page<T>;
    all.push(...answer.items);
    if (!answer.nextCursor || enough(answer.items)) break;
    cursor = answer.nextCursor;
  }
  return all;
}

/** The L2 clock the API reports (unix seconds). */
async function l2Now(get: Get): Promise<bigint> {
  return BigInt((await get('/proposals', { limit: 1 })).now);
}

/** The accounts who cast a vote on proposal `id`: direct voters, and the members who voted inside a group. */
async function votersOf(get: Get, id: string): Promise<Address[]> {
  const ballots = await walk<ApiResponse<'/proposals/:id/votes'>['items'][number], '/proposals/:id/votes'>(get, '/proposals/:id/votes', { id });
  const voters = new Set<Address>();
  for (const b of ballots) {
    if (!b.isGroup) voters.add(getAddress(b.voter));
    for (const m of b.members ?? []) voters.add(getAddress(m.voter));
  }
  return [...voters];
}

/**
 * Votes: for every proposal whose voting was open at some time in (cursor, now] (first pass: now), each
 * account that held votes at its snapshot and has not voted (`/proposals/:id/non-voters`) gets "vote
 * open" (at the vote's start), and once the end is within 24 h while it is still open, "vote closes
 * soon". Groups are left out (their members are told, not the group's address).
 */
export function votesSource(get: Get): Source {
  return {
    name: 'votes',
    async pass(cursor) {
      const now = await l2Now(get);
      const from = cursor === null ? now : BigInt(cursor);
      // Newest first; a page whose every proposal ended before `from` reaches back far enough.
      const proposals = await walk<ApiResponse<'/proposals'>['items'][number], '/proposals'>(get, '/proposals', {}, (items) =>
        items.every((p) => BigInt(p.deadline) < from),
      );
      const notices: NewNotice[] = [];
      for (const p of proposals) {
        const [start, end] = [BigInt(p.snapshot), BigInt(p.deadline)];
        if (p.state === 'canceled' || start > now || end < from) continue;
        const nonVoters = await walk<ApiResponse<'/proposals/:id/non-voters'>['items'][number], '/proposals/:id/non-voters'>(get, '/proposals/:id/non-voters', {
          id: p.id,
        });
        const closingAt = end - BigInt(CLOSING_SOON_SECONDS);
        for (const v of nonVoters) {
          if (v.kind !== 'account' || BigInt(v.power) === 0n) continue;
          const account = getAddress(v.address);
          const common = { account, link: `/proposals/${p.id}`, deadline: end };
          notices.push({
            ...common,
            kind: 'vote-open',
            key: noticeKey('vote-open', p.id, account),
            title: `Vote open: ${p.title}`,
            body: `You held ${formatVotes(BigInt(v.power))} at the snapshot of proposal ${p.id} and have not voted.`,
            at: start,
          });
          if (closingAt <= now && end > now) {
            notices.push({
              ...common,
              kind: 'vote-closing',
              key: noticeKey('vote-closing', p.id, account),
              title: `Vote closes within 24 h: ${p.title}`,
              body: `Voting on proposal ${p.id} ends soon and you have not voted with your ${formatVotes(BigInt(v.power))}.`,
              at: closingAt > start ? closingAt : start,
            });
          }
        }
      }
      return { notices, position: now.toString() };
    },
  };
}

/**
 * Ready proposals: each account that voted on a proposal that can be queued now (succeeded, and ratified
 * or an override) or executed now (its timelock operation is ready) is told so. What is ready is read
 * at the pass; a proposal queued and executed while the notifier was down needs nobody any more.
 */
export function readySource(get: Get): Source {
  return {
    name: 'ready',
    async pass() {
      const now = await l2Now(get);
      const notices: NewNotice[] = [];
      const succeeded = await walk<ApiResponse<'/proposals'>['items'][number], '/proposals'>(get, '/proposals', { state: 'succeeded' });
      for (const p of succeeded) {
        if (!p.override && p.ratificationStatus !== 'ratified') continue;
        for (const account of await votersOf(get, p.id)) {
          notices.push({
            account,
            kind: 'ready-to-queue',
            key: noticeKey('ready-to-queue', p.id, account),
            title: `Ready to queue: ${p.title}`,
            body: `Proposal ${p.id}, which you voted on, passed${p.override ? '' : ' and was ratified'}: anyone can queue it in the timelock now.`,
            link: `/proposals/${p.id}`,
            at: now,
            deadline: null,
          });
        }
      }
      const ready = await walk<ApiResponse<'/timelock/operations'>['items'][number], '/timelock/operations'>(get, '/timelock/operations', { status: 'ready' });
      for (const op of ready) {
        if (!op.proposalId) continue;
        for (const account of await votersOf(get, op.proposalId)) {
          notices.push({
            account,
            kind: 'ready-to-execute',
            key: noticeKey('ready-to-execute', op.proposalId, account),
            title: `Ready to execute: ${op.proposalTitle ?? `proposal ${op.proposalId}`}`,
            body: `Proposal ${op.proposalId}, which you voted on, has waited out the timelock: anyone can execute it now.`,
            link: `/proposals/${op.proposalId}`,
            at: BigInt(op.readyAt),
            deadline: null,
          });
        }
      }
      return { notices, position: now.toString() };
    },
  };
}

/**
 * Commission rises: each delegator of a sequencer whose owner requested a higher commission that has not
 * applied yet is told the new rate, when it applies (the chain's `commissionEffectiveAt`) and where to
 * redelegate before then (the sequencer page's Redelegate tab).
 */
export function commissionSource(get: Get): Source {
  return {
    name: 'commission',
    async pass() {
      const now = await l2Now(get);
      const notices: NewNotice[] = [];
      const { items } = await get('/sequencers');
      for (const s of items) {
        const effectiveAt = BigInt(s.commissionEffectiveAt);
        if (s.pendingCommissionBps <= s.commissionBps || effectiveAt <= now) continue;
        const delegators = await walk<ApiResponse<'/sequencers/:id/delegators'>['items'][number], '/sequencers/:id/delegators'>(
          get,
          '/sequencers/:id/delegators',
          { id: s.id },
        );
        for (const d of delegators) {
          const account = getAddress(d.account);
          if (account === getAddress(s.owner) || BigInt(d.shares) === 0n) continue;
          notices.push({
            account,
            kind: 'commission-rise',
            key: noticeKey('commission-rise', `${s.id}-${effectiveAt}-${s.pendingCommissionBps}`, account),
            title: `Commission rise on sequencer #${s.id}`,
            body: `Its commission goes from ${formatBps(s.commissionBps)} to ${formatBps(s.pendingCommissionBps)} on your ${formatMetis(BigInt(d.value))}. Redelegate before it applies to keep your rate.`,
            link: `/sequencers/${s.id}#redelegate`,
            at: now,
            deadline: effectiveAt,
          });
        }
      }
      return { notices, position: now.toString() };
    },
  };
}

/** Unbonding: each entry not yet withdrawn whose maturity is in (cursor, now] (first pass: every matured one) can be withdrawn. */
export function unbondingSource(get: Get): Source {
  return {
    name: 'unbonding',
    async pass(cursor) {
      const first = await get('/unbonding', { limit: 1 });
      const now = first.now;
      const entries = await walk<ApiResponse<'/unbonding'>['items'][number], '/unbonding'>(get, '/unbonding', {
        maturedAfter: cursor ?? undefined,
        maturedBy: now,
      });
      const notices = entries.map((e): NewNotice => {
        const account = getAddress(e.account);
        return {
          account,
          kind: 'unbonding-matured',
          key: noticeKey('unbonding-matured', e.id, account),
          title: `Unbonding matured: ${formatMetis(BigInt(e.amount))}`,
          body: `Your unbonding entry #${e.entryId} from sequencer #${e.sequencerId} has matured: you can withdraw it.`,
          link: `/sequencers/${e.sequencerId}`,
          at: BigInt(e.maturesAt),
          deadline: null,
        };
      });
      return { notices, position: now };
    },
  };
}

/**
 * Slashes: for each slash of a sequencer after the cursor (first pass: all of them), every account whose
 * stake it took (`/accounts/:address/slashes` of the sequencer's delegators, its owner and the accounts that
 * read their inbox, matched by the slash's transaction) is told how much.
 */
export function slashSource(get: Get, store: Pick<NoticeStore, 'watched'>): Source {
  return {
    name: 'slashes',
    async pass(cursor) {
      const now = await l2Now(get);
      const from = cursor === null ? -1n : BigInt(cursor);
      const notices: NewNotice[] = [];
      const { items: sequencers } = await get('/sequencers');
      const watched = await store.watched();
      for (const s of sequencers) {
        const history = await walk<ApiResponse<'/sequencers/:id/history'>['items'][number], '/sequencers/:id/history'>(
          get,
          '/sequencers/:id/history',
          { id: s.id },
          (items) => items.some((e) => BigInt(e.timestamp) <= from),
        );
        const slashes = history.filter((e) => e.kind === 'slash' && BigInt(e.timestamp) > from && BigInt(e.timestamp) <= now);
        if (slashes.length === 0) continue;
        const delegators = await walk<ApiResponse<'/sequencers/:id/delegators'>['items'][number], '/sequencers/:id/delegators'>(
          get,
          '/sequencers/:id/delegators',
          { id: s.id },
        );
        const candidates = new Set([s.owner, ...delegators.map((d) => d.account), ...watched].map((a) => getAddress(a)));
        for (const account of candidates) {
          const { items: taken } = await get('/accounts/:address/slashes', { address: account });
          for (const slash of slashes) {
            const mine = taken.filter((t) => t.txHash === slash.txHash && t.sequencerId === s.id);
            const amount = mine.reduce((sum, t) => sum + BigInt(t.amount), 0n);
            if (amount === 0n) continue;
            notices.push({
              account,
              kind: 'slashed',
              key: noticeKey('slashed', `${s.id}-${slash.txHash}`, account),
              title: `Slashed: ${formatMetis(amount)} on sequencer #${s.id}`,
              body: `A slash of sequencer #${s.id} took ${formatMetis(amount)} of your stake${slash.reason ? `: ${slash.reason}` : '.'}`,
              link: `/sequencers/${s.id}#history`,
              at: BigInt(slash.timestamp),
              deadline: null,
            });
          }
        }
      }
      return { notices, position: now.toString() };
    },
  };
}

/** Every source of the notifier, reading the chain-data API at `apiUrl`. */
export function allSources(apiUrl: string, store: NoticeStore): Source[] {
  const get: Get = (path, ...params) => apiGet(apiUrl, path, ...params);
  return [votesSource(get), readySource(get), commissionSource(get), unbondingSource(get), slashSource(get, store)];
}
