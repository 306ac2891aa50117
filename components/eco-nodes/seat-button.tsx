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

/** What each seat action calls on the council, and how the page says it (anyone may call either). */
const SEAT_ACTIONS = {
  promote: { label: 'Promote', step: (name: string) => `Promote ${name} to the council`, className: 'btn-primary' },
  demote: { label: 'Demote', step: (name: string) => `Demote ${name} from the council`, className: 'btn-secondary' },
} as const;

export type SeatAction = keyof typeof SEAT_ACTIONS;

/**
 * Promote an eligible Commons group to a council seat (`promote(group)`), or demote a promoted group that no
 * longer meets the criteria over the window (`demote(group)`).
 */
export default function SeatButton({ action, group, name }: { action: SeatAction; group: Address; name: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const tx = useTransaction();
  useNeedChain('l2');
  const council = councilContract(config);
  if (!council || !address) return null;
  const { label, step, className } = SEAT_ACTIONS[action];
  async function act() {
    if (await tx.run([contractStep(wagmiConfig, step(name), { ...council!, account: address, functionName: action, args: [group] })])) router.refresh();
  }
  return (
    <div className="mt-2">
      <button type="button" className={className} disabled={tx.busy} onClick={act} aria-label={`${label} ${name}`}>
        {label}
      </button>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
