'use client';

import { useRouter } from 'next/navigation';
import type { Address } from 'viem';
import { useAccount, useConfig } from 'wagmi';
import { commonsGroupAbi } from '@/lib/contracts/abis';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';

/**
 * Stays mounted through the whole remainder phase (so a cast's status outlives its group leaving
 * the list). After a group's internal voting closes, anyone may cast its unvoted weight for the option most of
 * its voting members chose (groups whose policy says so).
 */
export default function RemainderPanel({ proposalId, groups }: { proposalId: string; groups: { address: Address; name: string }[] }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const tx = useTransaction();

  async function cast(group: { address: Address; name: string }) {
    const step = contractStep(wagmiConfig, `Cast ${group.name}'s remainder`, {
      address: group.address,
      abi: commonsGroupAbi,
      chainId: config.l2.chainId,
      account: address,
      functionName: 'castRemainder',
      args: [BigInt(proposalId)],
    });
    if (await tx.run([step])) router.refresh();
  }

  return (
    <section className="card space-y-3" aria-labelledby="remainders">
      <h2 id="remainders" className="text-lg font-semibold">
        Group remainders
      </h2>
      <p className="muted text-sm">
        {groups.length > 0
          ? 'Internal voting has closed. Each group below casts the votes its members did not use for the option most of them chose; anyone may trigger it.'
          : 'Internal voting has closed; no group has a remainder left to cast.'}
      </p>
      {groups.map((g) => (
        <button key={g.address} type="button" className="btn-secondary w-full" disabled={tx.busy || !address} onClick={() => cast(g)}>
          Cast {g.name}&apos;s remainder
        </button>
      ))}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
