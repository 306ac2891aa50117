import type { InputHTMLAttributes, ReactNode } from 'react';

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
      <input
        id={id}
        className={`input ${className}`}
        autoComplete="off"
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
