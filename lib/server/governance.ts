import 'server-only';
import { type Address, maxUint256 } from 'viem';
import { contractOf } from '../contracts/descriptors';
import { GOVERNOR_STATES, OVERRIDE_BAR, type ProposalState, type Tally } from '../proposals';
import { chainNow, serverClient } from './chain';
import { getDeployment } from './deployment';

export interface ProposalOnChain {
  id: bigint;
  state: ProposalState;
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
  /** A Commons override (docs/MECHANISMS.md §4.3): needs For ≥ 2/3 of the votes cast and twice the quorum; no ratification. */
  isOverride: boolean;
  /** The quorum this proposal must reach: `quorum`, twice it for an override (undefined while unknown). */
  requiredQuorum: bigint | undefined;
  /** Unix seconds: its ratification must open by then, or it is Expired (undefined: no window, or an override). */
  ratificationDeadline: number | undefined;
  /** The L2 chain's clock when read. */
  now: number;
}

/** A proposal's live state from the Commons governor, or undefined if no such proposal exists. */
export async function readProposal(id: bigint): Promise<ProposalOnChain | undefined> {
  const l2 = serverClient('l2');
  const governor = contractOf(getDeployment(), 'l2', 'CommonsGovernor');
  const [[snapshot, deadline], now] = await Promise.all([l2.readContract({ ...governor, functionName: 'proposalTimepoints', args: [id] }), chainNow('l2')]);
  if (snapshot === 0n) return undefined;
  const [state, proposer, [against, forVotes, abstain], window, extension, quorum, isOverride, openBy] = await Promise.all([
    l2.readContract({ ...governor, functionName: 'state', args: [id] }),
    l2.readContract({ ...governor, functionName: 'proposalProposer', args: [id] }),
    l2.readContract({ ...governor, functionName: 'proposalVotes', args: [id] }),
    l2.readContract({ ...contractOf(getDeployment(), 'l2', 'CommonsRegistry'), functionName: 'internalVotingWindow' }),
    l2.readContract({ ...governor, functionName: 'lateQuorumVoteExtension' }),
    // The governor can only look back: the quorum exists once the snapshot is in the past.
    Number(snapshot) < now ? l2.readContract({ ...governor, functionName: 'quorum', args: [snapshot] }) : undefined,
    l2.readContract({ ...governor, functionName: 'isOverride', args: [id] }),
    l2.readContract({ ...governor, functionName: 'ratificationDeadline', args: [id] }),
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
    isOverride,
    requiredQuorum: quorum === undefined ? undefined : isOverride ? quorum * OVERRIDE_BAR.quorumMultiplier : quorum,
    ratificationDeadline: isOverride || openBy === maxUint256 ? undefined : Number(openBy),
    now,
  };
}
