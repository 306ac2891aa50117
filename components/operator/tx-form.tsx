'use client';

import { type ReactNode, useState } from 'react';
import { TxStatus } from '../tx/tx-status';
import { type TxStep, useTransaction } from '../tx/use-transaction';

/**
 * State of a one-input form that sends a flow: the input's text, errors shown only after a submit
 * attempt, and the flow's stages; the input clears and `onDone` runs once the flow is confirmed.
 */
export function useTxForm(onDone: () => void) {
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();
  return {
    text,
    setText,
    tx,
    shown: (error: string | undefined) => (touched ? error : undefined),
    /** The submit handler: `flow` is undefined while the input is invalid (nothing is sent then). */
    onSubmit: (flow: (() => Promise<TxStep[]>) | undefined) => async (e: React.FormEvent) => {
      e.preventDefault();
      setTouched(true);
      if (!flow) return;
      if (await tx.run(await flow())) {
        setText('');
        setTouched(false);
        onDone();
      }
    },
  };
}

/** The form of a `useTxForm`: its inputs, the submit button, then the flow's stages. */
export function TxForm({
  form,
  flow,
  label,
  busyLabel,
  children,
}: {
  form: ReturnType<typeof useTxForm>;
  flow: (() => Promise<TxStep[]>) | undefined;
  label: string;
  busyLabel: string;
  children: ReactNode;
}) {
  return (
    <>
      <form className="space-y-3" onSubmit={form.onSubmit(flow)} noValidate>
        {children}
        <button type="submit" className="btn-secondary w-full" disabled={form.tx.busy}>
          {form.tx.busy ? busyLabel : label}
        </button>
      </form>
      <TxStatus stage={form.tx.stage} steps={form.tx.steps} onDismiss={form.tx.reset} />
    </>
  );
}
