'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useAccount, useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { commonsContracts } from '@/lib/contracts/commons';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { relayDeadline, relayStep, useGasless } from '../tx/relay-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { useNeedChain } from '../wallet/page-chain';
import { ConnectToDelegate } from './connect-to-delegate';
import { type Delegated, DelegationResult } from './delegation-result';

/**
 * "Delegate" on a directory row: moves all the connected account's veMETIS votes to `delegatee` (veMETIS
 * `delegate`), then shows the new powers read from the chain and from which proposals the delegation counts. Without
 * METIS on L2 for gas, the account signs a veMETIS `Delegation` and the relay sends it (components/tx/relay-step.ts).
 */
export default function DelegateButton({ delegatee, name }: { delegatee: Address; name: string }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { address } = useAccount();
  const { veMetis } = commonsContracts(config);
  const [delegated, setDelegated] = useState<Delegated>();
  const form = useTxForm({});
  const gasless = useGasless(config, address);
  useNeedChain('l2');
  if (!address) return <ConnectToDelegate name={name} />;
  const step = gasless
    ? relayStep(wagmiConfig, config, address, `Delegate to ${name} (signed; the relay pays the gas)`, async () => ({
        kind: 'delegate',
        delegator: address,
        delegatee,
        nonce: await readContract(wagmiConfig, { ...veMetis, functionName: 'nonces', args: [address] }),
        expiry: await relayDeadline(wagmiConfig, config),
      }))
    : contractStep(wagmiConfig, `Delegate to ${name}`, { ...veMetis, account: address, functionName: 'delegate', args: [delegatee] });
  const steps = async () => [
    {
      ...step,
      onConfirmed: (receipt: { blockNumber: bigint }) => setDelegated({ account: address, delegatee, delegateeName: name, blockNumber: receipt.blockNumber }),
    },
  ];
  return (
    <div className="space-y-2">
      <TxForm form={form} errors={{}} steps={steps} label={gasless ? 'Delegate without gas' : 'Delegate'} busyLabel="Delegating…" secondary>
        <span className="sr-only">Delegate your votes to {name}</span>
      </TxForm>
      {delegated && <DelegationResult delegated={delegated} />}
    </div>
  );
}
