'use client';

/**
 * A row of tabs over one panel (`id`): the panel is labelled by the selected tab, whose id is
 * `${id}-${tab}`. Disabled while a transaction runs, so a flow is not left half-shown.
 */
export function Tabs<T extends string>({
  id,
  label,
  tabs,
  selected,
  onSelect,
  disabled,
  labelOf = String,
}: {
  id: string;
  label: string;
  tabs: readonly T[];
  selected: T;
  onSelect(tab: T): void;
  disabled?: boolean;
  /** What a tab reads as, when its value (also part of its id, so without spaces) is not its label. */
  labelOf?: (tab: T) => string;
}) {
  return (
    <div role="tablist" aria-label={label} className="flex gap-1 rounded-xl bg-zinc-100 p-1 text-sm dark:bg-zinc-900">
      {tabs.map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`${id}-${t}`}
          aria-selected={selected === t}
          aria-controls={id}
          disabled={disabled}
          onClick={() => onSelect(t)}
          className={`flex-1 rounded-lg px-3 py-1.5 font-medium ${selected === t ? 'bg-white shadow-sm dark:bg-zinc-800' : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'}`}
        >
          {labelOf(t)}
        </button>
      ))}
    </div>
  );
}
