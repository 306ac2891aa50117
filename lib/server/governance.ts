import 'server-only';
import type { Address } from 'viem';
import { commonsGovernorAbi, commonsRegistryAbi } from '../contracts/abis';
import type { Tally } from '../proposals';
import { chainNow, serverClient } from './chain';
import { getDeployment } from './deployment';

/** OpenZeppelin Governor's ProposalState, in enum order. */
const GOVERNOR_STATES = ['pending', 'active', 'canceled', 'defeated', 'succeeded', 'queued', 'expired', 'executed'] as const;

export interface ProposalOnChain {
  id: bigint;
  state: (typeof GOVERNOR_STATES)[number];
  proposer: Address;
  /** Unix seconds: voting opens after `snapshot` and closes at `deadline` (with any late-quorum extension). */
  snapshot: number;
  deadline: number;
  /** When groups' internal voting closes. */
  internalDeadline: number;
  tally: Tally;
  /** Quorum in votes, known once the snapshot has passed. */
  quorum: bigint | undefined;
  lateQuorumExtension: number;
  /** The L2 chain's clock when read. */
  now: number;
}

/** A proposal's live state from the Commons governor, or undefined if no such proposal exists. */
export async function readProposal(id: bigint): Promise<ProposalOnChain | undefined> {
  const l2 = serverClient('l2');
  const { contracts } = getDeployment().l2;
  const governor = { address: contracts.CommonsGovernor.address, abi: commonsGovernorAbi } as const;
  const [[snapshot, deadline], now] = await Promise.all([
    l2.readContract({ ...governor, functionName: 'proposalTimepoints', args: [id] }),
    chainNow('l2'),
  ]);
  if (snapshot === 0n) return undefined;
  const [state, proposer, [against, forVotes, abstain], window, extension, quorum] = await Promise.all([
    l2.readContract({ ...governor, functionName: 'state', args: [id] }),
    l2.readContract({ ...governor, functionName: 'proposalProposer', args: [id] }),
    l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] }),
    l2.readContract({ address: contracts.CommonsRegistry.address, abi: commonsRegistryAbi, functionName: 'internalVotingWindow' }),
    l2.readContract({ ...governor, functionName: 'lateQuorumVoteExtension' }),
    // The governor can only look back: the quorum exists once the snapshot is in the past.
    Number(snapshot) < now ? l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] }) : undefined,
  ]);
  return {
    id,
    state: GOVERNOR_STATES[state],
    proposer,
    snapshot: Number(snapshot),
    deadline: Number(deadline),
    internalDeadline: Number(deadline) - Number(window),
    tally: { againstVotes: against, forVotes, abstainVotes: abstain },
    quorum,
    lateQuorumExtension: Number(extension),
    now,
  };
}
