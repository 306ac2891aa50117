const SUPPORT_LABEL = ['Against', 'For', 'Abstain'];
const SUPPORT_STYLE = ['text-red-700 dark:text-red-300', 'text-emerald-700 dark:text-emerald-300', 'muted'];

/** A vote's choice, coloured. */
export function Choice({ support }: { support: number }) {
  return <span className={`font-semibold ${SUPPORT_STYLE[support] ?? ''}`}>{SUPPORT_LABEL[support] ?? 'Split'}</span>;
}
