'use client';

import type { Hash } from 'viem';
import { shortHash } from '@/lib/format';
import { chainKeyOf, useAppConfig } from '../config/app-config';
import type { TxStage, TxStep } from './use-transaction';

/** Link to a transaction on the chain's explorer, or its hash where there is no explorer (local). */
export function TxLink({ hash, chainId }: { hash: Hash; chainId: number }) {
  const config = useAppConfig();
  const key = chainKeyOf(config, chainId);
  const explorer = key ? config[key].explorerUrl : undefined;
  if (!explorer) {
    return (
      <span className="font-mono text-xs" title={hash}>
        {shortHash(hash)}
      </span>
    );
  }
  return (
    <a className="font-mono text-xs underline" href={`${explorer}/tx/${hash}`} target="_blank" rel="noreferrer">
      {shortHash(hash)} ↗
    </a>
  );
}

function describeStage(stage: TxStage, steps: TxStep[], chainName: (id: number) => string): string {
  switch (stage.status) {
    case 'idle':
      return '';
    case 'switching':
      return `Switch your wallet to ${chainName(stage.chainId)}…`;
    case 'signing':
      return steps[stage.step]?.relayed ? 'Sign in your wallet (a signature, not a transaction: no gas)…' : 'Confirm in your wallet…';
    case 'relaying':
      return 'Sending your signature to the relay, which pays the gas…';
    case 'pending':
      return steps[stage.step]?.relayed ? "Relayed: waiting for the sponsor's transaction to be mined…" : 'Waiting for the transaction to be mined…';
    case 'confirmed':
      return stage.step === steps.length - 1 ? 'Confirmed.' : 'Confirmed; next step…';
    case 'failed':
      return stage.error;
  }
}

/** The stages of a flow: one row per step, the current one with its status, hash and reason. */
export function TxStatus({ stage, steps, onDismiss }: { stage: TxStage; steps: TxStep[]; onDismiss?: () => void }) {
  const config = useAppConfig();
  if (stage.status === 'idle') return null;
  const chainName = (id: number) => config[chainKeyOf(config, id) ?? 'l1'].name;
  const failed = stage.status === 'failed';
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="tx-status"
      data-status={stage.status}
      className={`mt-4 rounded-xl border p-3 text-sm ${
        failed ? 'border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40' : 'border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950'
      }`}
    >
      <ol className="space-y-1">
        {steps.map((step, i) => {
          const done = i < stage.step || (i === stage.step && stage.status === 'confirmed');
          const current = i === stage.step && !done;
          return (
            <li key={step.label} className="flex items-center gap-2">
              <span aria-hidden className="w-4 text-center">
                {done ? '✓' : current ? (failed ? '✕' : '…') : '○'}
              </span>
              <span className={current || done ? 'font-medium' : 'muted'}>{step.label}</span>
            </li>
          );
        })}
      </ol>
      <p className={`mt-2 ${failed ? 'text-red-700 dark:text-red-300' : ''}`}>{describeStage(stage, steps, chainName)}</p>
      {'hash' in stage && stage.hash && stage.chainId && (
        <p className="mt-1">
          Transaction: <TxLink hash={stage.hash} chainId={stage.chainId} />
        </p>
      )}
      {(failed || stage.status === 'confirmed') && onDismiss && (
        <button type="button" className="mt-2 text-xs font-semibold underline" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
