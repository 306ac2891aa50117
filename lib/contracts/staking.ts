import type { Deployment } from '../deployment/types';
import { contractOf } from './descriptors';

/** The L1 sequencer staking contract of a deployment, for reads and writes. */
export function stakingContract(config: Deployment) {
  return contractOf(config, 'l1', 'SequencerStaking');
}
