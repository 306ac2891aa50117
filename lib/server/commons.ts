import 'server-only';
import { getAddress, type Address } from 'viem';
import type { GroupItem, Page } from '../api';
import { parseGroupMetadata, REMAINDER_POLICIES, type GroupMetadata } from '../commons';
import { apiFind, apiGet } from './api';

/** One Commons group as the pages show it, from the chain-data API. */
export interface GroupSummary extends GroupMetadata {
  address: Address;
  name: string;
  steward: Address;
  memberCount: number;
  /** veMETIS delegated to the group: its votes. */
  pooledPower: bigint;
  remainderPolicy: (typeof REMAINDER_POLICIES)[number];
  /** Proposals it voted on out of those it could vote on (null share when there were none yet). */
  participation: GroupItem['participation'];
}

function toSummary(item: GroupItem): GroupSummary {
  return {
    address: getAddress(item.address),
    name: item.name,
    ...parseGroupMetadata(item.metadataURI),
    steward: getAddress(item.steward),
    memberCount: item.memberCount,
    pooledPower: BigInt(item.pooledVotes),
    remainderPolicy: REMAINDER_POLICIES[item.remainderPolicy === 'none' ? 1 : 0],
    participation: item.participation,
  };
}

/** Every group, largest pooled power first (pages through the API: groups are few). */
export async function readGroups(opts: { steward?: Address } = {}): Promise<GroupSummary[]> {
  const groups: GroupSummary[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (opts.steward) query.set('steward', opts.steward);
    if (cursor) query.set('cursor', cursor);
    const page: Page<GroupItem> = await apiGet<Page<GroupItem>>(`/commons/groups?${query}`);
    groups.push(...page.items.map(toSummary));
    cursor = page.nextCursor;
  } while (cursor);
  return groups;
}

/** One group, or null when no group lives at `address`. */
export async function readGroup(address: Address): Promise<GroupSummary | null> {
  const item = await apiFind<GroupItem>(`/commons/groups/${address}`);
  return item && toSummary(item);
}
