import type { Abi } from 'viem';
import { CONTRACTS } from './descriptors';

// The fee vault has nothing a proposal could call (no owner, nothing moves METIS out of it).
const { FeeVault: _feeVault, ...callable } = CONTRACTS.l2;

/** The ABIs of the L2 contracts a Commons proposal may call, by their deployment name. */
export const L2_ABIS: Record<string, Abi> = callable;
