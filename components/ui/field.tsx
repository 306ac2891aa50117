import type { InputHTMLAttributes, ReactNode } from 'react';
import { formatMetis } from '@/lib/format';

/** The attributes that tie control `id` to its error below (`FieldError`), for screen readers. */
export function errorAria(id: string, error: string | undefined) {
  return { 'aria-invalid': Boolean(error), 'aria-describedby': error ? `${id}-error` : undefined };
}

/** The error of control `id`, below it (what `errorAria` points to); `alert` also announces it at once. */
export function FieldError({ id, error, alert }: { id: string; error: string | undefined; alert?: boolean }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400" role={alert ? 'alert' : undefined}>
      {error}
    </p>
  );
}

/** A labelled text input with its error below, wired for screen readers. */
export function Field({
  id,
  label,
  error,
  aside,
  className = '',
  ...input
}: { id: string; label: string; error?: string; aside?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div>
      <div className="flex items-baseline justify-between">
        <label className="label" htmlFor={id}>
          {label}
        </label>
        {aside}
      </div>
      <input id={id} className={`input ${className}`} autoComplete="off" {...errorAria(id, error)} {...input} />
      <FieldError id={id} error={error} />
    </div>
  );
}

/**
 * A METIS amount input with a "fill" shortcut (e.g. the balance, or the most that fits): `max` is
 * what the shortcut fills in, `maxLabel` what it says.
 */
export function AmountField({
  id,
  label,
  value,
  onChange,
  error,
  disabled,
  max,
  maxLabel,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  disabled?: boolean;
  max?: bigint;
  maxLabel: string;
}) {
  return (
    <Field
      id={id}
      label={label}
      className="tabular-nums"
      inputMode="decimal"
      placeholder="0.0"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      disabled={disabled}
      aside={
        max !== undefined && (
          <button
            type="button"
            className="text-xs font-semibold text-brand-700 dark:text-brand-400"
            onClick={() => onChange(formatMetis(max, { digits: 18, symbol: false }))}
            disabled={disabled}
          >
            {maxLabel}
          </button>
        )
      }
    />
  );
}
