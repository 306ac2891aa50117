import type { Abi } from 'viem';
import { commonsRegistryAbi, ecoGovernorAbi, ecoNodeCouncilAbi, timelockControllerAbi, l2MetisAbi, messageInboxAbi, messageOutboxAbi, sequencerSetAbi, veMetisAbi } from './abis';

/** The ABIs of the L2 contracts a Commons proposal may call, by their deployment name. */
export const L2_ABIS: Record<string, Abi> = {
  L2Metis: l2MetisAbi,
  VeMetis: veMetisAbi,
  CommonsGovernor: ecoGovernorAbi,
  Timelock: timelockControllerAbi,
  EcoNodeCouncil: ecoNodeCouncilAbi,
  CommonsRegistry: commonsRegistryAbi,
  SequencerSet: sequencerSetAbi,
  MessageOutbox: messageOutboxAbi,
  MessageInbox: messageInboxAbi,
};
