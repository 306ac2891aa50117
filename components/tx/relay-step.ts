'use client';

import { type Address, parseEther } from 'viem';
import type { Config } from 'wagmi';
import { useBalance } from 'wagmi';
import { getBlock, signTypedData } from 'wagmi/actions';
import type { Deployment } from '@/lib/deployment/types';
import { postRelay, RELAY_SIGNATURE_TTL_SECONDS, relayTypedData, type UnsignedRelay } from '@/lib/relay';
import type { TxStep } from './use-transaction';

/** Below this L2 balance an account is offered the relay: too little to pay a vote's gas. */
export const NO_GAS_BELOW = parseEther('0.001');

/**
 * Whether to offer "… without gas" to `account`: the deployment has a relay and the account holds (almost) no METIS
 * on L2 to pay gas with (docs/MECHANISMS.md §8, "Gasless").
 */
export function useGasless(config: Deployment, account: Address | undefined): boolean {
  const balance = useBalance({ address: account, chainId: config.l2.chainId, query: { enabled: Boolean(account && config.relayUrl) } });
  return Boolean(config.relayUrl) && balance.data !== undefined && balance.data.value < NO_GAS_BELOW;
}

/** The last second a signature made now may be sent (group ballots and delegations carry one), on the L2 clock. */
export async function relayDeadline(wagmiConfig: Config, config: Deployment): Promise<bigint> {
  const block = await getBlock(wagmiConfig, { chainId: config.l2.chainId });
  return block.timestamp + BigInt(RELAY_SIGNATURE_TTL_SECONDS);
}

/**
 * One relayed step of a flow: `build` reads what the signature needs (the nonce, a deadline), the wallet signs the
 * typed data of lib/relay.ts, and the relay endpoint sends it from its sponsor; the flow then waits for that
 * transaction as for any other. A refusal of the relay (quota, sponsor, a revert) fails the step with its sentence.
 */
export function relayStep(wagmiConfig: Config, config: Deployment, account: Address, label: string, build: () => Promise<UnsignedRelay>): TxStep {
  const relayUrl = config.relayUrl;
  return {
    label,
    chainId: config.l2.chainId,
    relayed: true,
    send: async ({ relaying }) => {
      if (!relayUrl) throw new Error('This deployment has no relay: pay the gas yourself.');
      const relay = await build();
      const l2 = config.l2;
      const typed = relayTypedData({ chainId: l2.chainId, governor: l2.contracts.CommonsGovernor.address, veMetis: l2.contracts.VeMetis.address }, relay);
      const signature = await signTypedData(wagmiConfig, { account, ...typed } as Parameters<typeof signTypedData>[1]);
      relaying();
      const { hash } = await postRelay(relayUrl, { ...relay, signature } as Parameters<typeof postRelay>[1]);
      return hash;
    },
  };
}
