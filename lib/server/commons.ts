import 'server-only';
import { type Address, getAddress } from 'viem';
import type { GroupItem, Page } from '../api';
import { type GroupMetadata, parseGroupMetadata, type RemainderPolicy, remainderPolicyNamed, remainderPolicyOf } from '../commons';
import { commonsContracts, groupContract } from '../contracts/commons';
import { apiFind, apiGet, ifUnavailable } from './api';
import { serverClient } from './chain';
import { getDeployment } from './deployment';

/** One Commons group as the pages show it, from the chain-data API. */
export interface GroupSummary extends GroupMetadata {
  address: Address;
  name: string;
  steward: Address;
  memberCount: number;
  /** veMETIS delegated to the group: its votes. */
  pooledPower: bigint;
  remainderPolicy: RemainderPolicy;
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
    remainderPolicy: remainderPolicyNamed(item.remainderPolicy),
    participation: item.participation,
  };
}

/** Every group, largest pooled power first (pages through the API: groups are few). */
export async function readGroups(opts: { steward?: Address } = {}): Promise<GroupSummary[]> {
  const groups: GroupSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<GroupItem> = await apiGet('/commons/groups', { limit: 100, steward: opts.steward, cursor: cursor ?? undefined });
    groups.push(...page.items.map(toSummary));
    cursor = page.nextCursor;
  } while (cursor);
  return groups;
}

/**
 * One group, or null when no group lives at `address`. A group created a moment ago may not be
 * indexed yet (the indexer trails the chain by a block or so): if the registry knows it, its facts
 * are read from the chain instead, with participation unknown until the API has it; so they are
 * while the API is unavailable (docs/ARCHITECTURE.md, "Degraded mode"). The shared head of live reads
 * may be a block behind the one that created it, so a "no" there is asked again of the node's own
 * latest state (`pending`, not shared) before the page says not found.
 */
export async function readGroup(address: Address): Promise<GroupSummary | null> {
  const item = await apiFind('/commons/groups/:address', { address }).catch(ifUnavailable(null));
  if (item) return toSummary(item);
  return (await readGroupFromChain(address)) ?? (await readGroupFromChain(address, 'pending'));
}

async function readGroupFromChain(address: Address, blockTag?: 'pending'): Promise<GroupSummary | null> {
  const deployment = getDeployment();
  const l2 = serverClient('l2');
  const { registry, veMetis } = commonsContracts(deployment);
  if (!(await l2.readContract({ ...registry, functionName: 'isGroup', args: [address], blockTag }))) return null;
  const group = groupContract(deployment, address);
  const [name, metadataURI, steward, memberCount, policy, pooledPower] = await Promise.all([
    l2.readContract({ ...group, functionName: 'name', blockTag }),
    l2.readContract({ ...group, functionName: 'metadataURI', blockTag }),
    l2.readContract({ ...group, functionName: 'steward', blockTag }),
    l2.readContract({ ...group, functionName: 'memberCount', blockTag }),
    l2.readContract({ ...group, functionName: 'remainderPolicy', blockTag }),
    l2.readContract({ ...veMetis, functionName: 'getVotes', args: [address], blockTag }),
  ]);
  return {
    address,
    name,
    ...parseGroupMetadata(metadataURI),
    steward,
    memberCount: Number(memberCount),
    pooledPower,
    remainderPolicy: remainderPolicyOf(policy),
    participation: { voted: 0, eligible: 0, share: null },
  };
}
