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

/** Demote a promoted group that no longer meets the criteria over the window (anyone may call `demote(group)`). */
export default function DemoteButton({ group, name }: { group: Address; name: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const tx = useTransaction();
  useNeedChain('l2');
  const council = councilContract(config);
  if (!council || !address) return null;
  async function demote() {
    if (await tx.run([contractStep(wagmiConfig, `Demote ${name} from the council`, { ...council!, account: address, functionName: 'demote', args: [group] })])) router.refresh();
  }
  return (
    <div className="mt-2">
      <button type="button" className="btn-secondary" disabled={tx.busy} onClick={demote} aria-label={`Demote ${name}`}>
        Demote
      </button>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
