'use client';

import { type ChangeEvent, type FormEvent, type ReactNode, useState } from 'react';
import { TxStatus } from './tx-status';
import { type TxStep, useTransaction } from './use-transaction';

/**
 * Each field's error, or undefined where it passes: every field's rules as a function that returns
 * the first one that fails. Nothing is sent while any field has one.
 */
type FormErrors = Record<string, string | undefined>;

/** The flow a valid form sends, or undefined when there is nothing to send after all (e.g. no account). */
type FormSteps = () => TxStep[] | undefined | Promise<TxStep[] | undefined>;

/** The fields of `V` that hold text. */
type TextKey<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

/**
 * The state of a form that sends a flow of transactions: its fields (`initial` gives their names
 * and first values), errors shown only after a submit attempt, and the flow's stages (`tx`, or the
 * one a panel shares among its forms and shows itself). Once the flow is confirmed, the fields in
 * `clear` (every one by default) return to their first values and `onDone` runs.
 */
export function useTxForm<V extends Record<string, unknown>>(
  initial: V,
  { tx: shared, clear, onDone }: { tx?: ReturnType<typeof useTransaction>; clear?: readonly (keyof V)[]; onDone?: () => unknown } = {},
) {
  const [first] = useState(initial);
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  const own = useTransaction();
  const tx = shared ?? own;
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((all) => ({ ...all, [key]: value }));
  const shown = (error: string | undefined) => (tried ? error : undefined);
  return {
    values,
    set,
    /** `set` for one field, as an input's change handler takes it. */
    setter:
      <K extends keyof V>(key: K) =>
      (value: V[K]) =>
        set(key, value),
    tx,
    busy: tx.busy,
    /** Whether this form shows its flow's stages (it does unless a panel shares its flow). */
    ownStatus: !shared,
    /** A flow of this form was confirmed (e.g. while the page moves on to what it made). */
    done,
    /** The error to show: none before the first submit attempt. */
    shown,
    /** The props that bind a text field (`Field`, a select, a textarea) to field `key`, with its error once shown. */
    field: (key: TextKey<V>, error?: string) => ({
      value: values[key] as string,
      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => set(key, e.target.value as V[typeof key]),
      error: shown(error),
      disabled: tx.busy,
    }),
    /** The same for an `AmountField`. */
    amountField: (key: TextKey<V>, error?: string) => ({
      value: values[key] as string,
      onChange: (value: string) => set(key, value as V[typeof key]),
      error: shown(error),
      disabled: tx.busy,
    }),
    /** The submit handler: marks the attempt, then sends `steps` only if no field has an error. */
    submit: (errors: FormErrors, steps: FormSteps) => async (e: FormEvent) => {
      e.preventDefault();
      setTried(true);
      if (Object.values(errors).some(Boolean)) return;
      const flow = await steps();
      if (!flow || !(await tx.run(flow))) return;
      setValues((all) => {
        const next = { ...all };
        for (const key of clear ?? (Object.keys(first) as (keyof V)[])) next[key] = first[key];
        return next;
      });
      setTried(false);
      setDone(true);
      await onDone?.();
    },
  };
}

/** What `useTxForm` returns for fields `V`. */
export type TxFormOf<V extends Record<string, unknown>> = ReturnType<typeof useTxForm<V>>;

/**
 * The form of a `useTxForm`: its fields, the submit button (`busyLabel` while the flow runs, after
 * it what `footer` says), then the flow's stages unless a panel shows them.
 */
export function TxForm({
  form,
  errors,
  steps,
  label,
  busyLabel,
  disabled,
  secondary,
  className = 'space-y-3',
  footer,
  children,
}: {
  form: Pick<TxFormOf<Record<string, unknown>>, 'submit' | 'busy' | 'tx' | 'ownStatus'>;
  errors: FormErrors;
  steps: FormSteps;
  label: string;
  busyLabel: string;
  /** The button is also disabled when this holds (nothing the form could send now). */
  disabled?: boolean;
  secondary?: boolean;
  className?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <form className={className} onSubmit={form.submit(errors, steps)} noValidate>
        {children}
        <button type="submit" className={`${secondary ? 'btn-secondary' : 'btn-primary'} w-full`} disabled={form.busy || disabled}>
          {form.busy ? busyLabel : label}
        </button>
        {footer}
      </form>
      {form.ownStatus && <TxStatus stage={form.tx.stage} steps={form.tx.steps} onDismiss={form.tx.reset} />}
    </>
  );
}
