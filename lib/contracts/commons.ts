import type { Deployment } from '../deployment/types';
import { contractOf } from './descriptors';

export { groupContract } from './descriptors';

/** The Commons contracts on L2 of a deployment (veMETIS and the group registry), for reads and writes. */
export function commonsContracts(config: Deployment) {
  return { veMetis: contractOf(config, 'l2', 'VeMetis'), registry: contractOf(config, 'l2', 'CommonsRegistry') } as const;
}
