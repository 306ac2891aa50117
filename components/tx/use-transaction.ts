'use client';

import { useCallback, useRef, useState } from 'react';
import type { Hash, TransactionReceipt } from 'viem';
import { useConfig } from 'wagmi';
import { getAccount, switchChain, waitForTransactionReceipt } from 'wagmi/actions';
import { describeError } from '@/lib/errors';

/** One transaction of a flow (e.g. "Approve METIS", then "Delegate"). */
export interface TxStep {
  label: string;
  chainId: number;
  /**
   * Simulates and sends the transaction, returning its hash. Runs on `chainId`. A relayed step (`relayed`) has the
   * wallet sign typed data, calls `relaying()` and posts the signature to the relay, whose sponsor sends it.
   */
  send: (progress: { relaying: () => void }) => Promise<Hash>;
  /** The wallet only signs and a relay sends (and pays for) the transaction (components/tx/relay-step.ts). */
  relayed?: boolean;
  /** Called with the receipt once the step succeeded (e.g. to read what its events say). */
  onConfirmed?: (receipt: TransactionReceipt) => void;
}

export type TxStage =
  | { status: 'idle' }
  | { status: 'switching'; step: number; chainId: number }
  | { status: 'signing'; step: number }
  | { status: 'relaying'; step: number }
  | { status: 'pending'; step: number; hash: Hash; chainId: number }
  | { status: 'confirmed'; step: number; hash: Hash; chainId: number }
  | { status: 'failed'; step: number; error: string; hash?: Hash; chainId?: number };

/**
 * Runs a flow of transactions with explicit stages: switch network if needed, sign (and, for a relayed
 * step, relaying), pending, then confirmed or failed with a readable reason. A rejected or reverted step stops the flow and
 * leaves everything before it as it was; `reset()` returns to idle.
 */
export function useTransaction() {
  const config = useConfig();
  const [stage, setStage] = useState<TxStage>({ status: 'idle' });
  const [steps, setSteps] = useState<TxStep[]>([]);
  const running = useRef(false);

  const run = useCallback(
    async (flow: TxStep[]): Promise<boolean> => {
      if (running.current) return false;
      running.current = true;
      setSteps(flow);
      let hash: Hash | undefined;
      let step = 0;
      try {
        for (; step < flow.length; step++) {
          hash = undefined;
          const { chainId, send } = flow[step];
          if (getAccount(config).chainId !== chainId) {
            setStage({ status: 'switching', step, chainId });
            await switchChain(config, { chainId });
          }
          setStage({ status: 'signing', step });
          const current = step;
          hash = await send({ relaying: () => setStage({ status: 'relaying', step: current }) });
          setStage({ status: 'pending', step, hash, chainId });
          const receipt = await waitForTransactionReceipt(config, { hash, chainId });
          if (receipt.status !== 'success') throw new Error('The transaction was reverted on chain.');
          flow[step].onConfirmed?.(receipt);
          setStage({ status: 'confirmed', step, hash, chainId });
        }
        return true;
      } catch (err) {
        setStage({ status: 'failed', step, error: describeError(err), hash, chainId: flow[step]?.chainId });
        return false;
      } finally {
        running.current = false;
      }
    },
    [config],
  );

  const reset = useCallback(() => setStage({ status: 'idle' }), []);
  const busy = stage.status === 'switching' || stage.status === 'signing' || stage.status === 'relaying' || stage.status === 'pending';
  return { stage, steps, run, reset, busy };
}
