import type { Abi } from 'viem';
import { CONTRACTS } from './descriptors';

/** The ABIs of the L2 contracts a Commons proposal may call, by their deployment name. */
export const L2_ABIS: Record<string, Abi> = CONTRACTS.l2;
