'use client';

import { useRouter } from 'next/navigation';
import type { Address } from 'viem';
import { useAccount, useConfig } from 'wagmi';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { useNeedChain } from '../wallet/page-chain';
import { councilContract } from './council';

/** Promote an eligible Commons group to a council seat (anyone may call `promote(group)`). */
export default function PromoteButton({ group, name }: { group: Address; name: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const tx = useTransaction();
  useNeedChain('l2');
  const council = councilContract(config);
  if (!council || !address) return null;
  async function promote() {
    if (await tx.run([contractStep(wagmiConfig, `Promote ${name} to the council`, { ...council!, account: address, functionName: 'promote', args: [group] })])) router.refresh();
  }
  return (
    <div className="mt-2">
      <button type="button" className="btn-primary" disabled={tx.busy} onClick={promote} aria-label={`Promote ${name}`}>
        Promote
      </button>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
