import 'server-only';
import type { Address } from 'viem';
import { parseGroupMetadata, type GroupMetadata } from '../commons';
import { commonsContracts, groupContract } from '../contracts/commons';
import { serverClient } from './chain';
import { getDeployment } from './deployment';

/** One Commons group as the pages show it, read from the chain. */
export interface GroupSummary extends GroupMetadata {
  address: Address;
  name: string;
  steward: Address;
  memberCount: bigint;
  /** veMETIS delegated to the group: its votes. */
  pooledPower: bigint;
  remainderPolicy: number;
}

/** Reads one group's fields and its pooled power, all in parallel (there is no multicall3 locally). */
export async function readGroup(address: Address): Promise<GroupSummary> {
  const deployment = getDeployment();
  const l2 = serverClient('l2');
  const group = groupContract(deployment, address);
  const { veMetis } = commonsContracts(deployment);
  const [name, metadataURI, steward, memberCount, remainderPolicy, pooledPower] = await Promise.all([
    l2.readContract({ ...group, functionName: 'name' }),
    l2.readContract({ ...group, functionName: 'metadataURI' }),
    l2.readContract({ ...group, functionName: 'steward' }),
    l2.readContract({ ...group, functionName: 'memberCount' }),
    l2.readContract({ ...group, functionName: 'remainderPolicy' }),
    l2.readContract({ ...veMetis, functionName: 'getVotes', args: [address] }),
  ]);
  return { address, name, ...parseGroupMetadata(metadataURI), steward, memberCount, remainderPolicy, pooledPower };
}

/** Every group of the registry, largest pooled power first. */
export async function readGroups(): Promise<GroupSummary[]> {
  const deployment = getDeployment();
  const l2 = serverClient('l2');
  const { registry } = commonsContracts(deployment);
  const count = await l2.readContract({ ...registry, functionName: 'groupCount' });
  const addresses = await Promise.all(
    Array.from({ length: Number(count) }, (_, i) => l2.readContract({ ...registry, functionName: 'groupAt', args: [BigInt(i)] })),
  );
  const groups = await Promise.all(addresses.map(readGroup));
  return groups.sort((a, b) => (b.pooledPower > a.pooledPower ? 1 : b.pooledPower < a.pooledPower ? -1 : 0));
}

/** Whether `address` is a group of the registry (so a page can 404 anything else). */
export async function isGroup(address: Address): Promise<boolean> {
  const deployment = getDeployment();
  return serverClient('l2').readContract({ ...commonsContracts(deployment).registry, functionName: 'isGroup', args: [address] });
}
