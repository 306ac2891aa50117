'use client';

import { dateInputValue, durationPresets, durationUntilDate } from '@/lib/commons';
import type { LockContext } from './lock-forms';

/**
 * A lock duration being chosen. The chosen date is the form's field (as a date input holds it); the
 * duration follows from it and the chain's clock `now`, so a chip and the same date are the same
 * choice.
 */
export function durationChoice(date: string, setDate: (date: string) => void, now: number) {
  return { date, setDate, seconds: durationUntilDate(date, now) };
}

/** How long to lock: preset chips within the contract's bounds, or any unlock date. */
export function DurationPicker({
  id,
  label,
  choice,
  ctx,
  error,
}: {
  id: string;
  label: string;
  choice: ReturnType<typeof durationChoice>;
  ctx: Pick<LockContext, 'now' | 'minDuration' | 'maxDuration' | 'tx'>;
  error?: string;
}) {
  const { now, minDuration: min, maxDuration: max } = ctx;
  const disabled = ctx.tx.busy;
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="label">{label}</legend>
      <div className="flex flex-wrap gap-2">
        {durationPresets(min, max).map((p) => (
          <button
            key={p.label}
            type="button"
            aria-pressed={choice.seconds === p.seconds}
            disabled={disabled}
            onClick={() => choice.setDate(dateInputValue(now + p.seconds))}
            className={`rounded-full border px-3 py-1 text-sm font-medium ${
              choice.seconds === p.seconds
                ? 'border-brand-600 bg-brand-50 text-brand-900 dark:border-brand-400 dark:bg-brand-900 dark:text-brand-100'
                : 'border-zinc-300 dark:border-zinc-700'
            }`}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div>
        <label htmlFor={id} className="muted text-xs">
          Unlock date
        </label>
        <input
          id={id}
          type="date"
          className="input mt-1 w-full"
          value={choice.date}
          min={dateInputValue(now + min)}
          max={dateInputValue(now + max)}
          onChange={(e) => choice.setDate(e.target.value)}
          aria-invalid={Boolean(error)}
          disabled={disabled}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}
