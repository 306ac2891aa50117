import type { ActionWords, CallWords } from '@/lib/action-words';

/**
 * One proposal action in words (lib/action-words.ts): each call's sentence after its contract, L1 calls under
 * "On Ethereum:", a call the table does not describe marked "Not described" with its decoded signature or raw
 * calldata; the call itself one click away ("Show the call"). Rendered by the proposal page (server), the
 * proposal builder and the Eco Nodes' decisive actions (`raw`: what to show under "Show the call").
 */
export function ActionWordsView({ words, raw, testId = 'action-words' }: { words: ActionWords; raw: { label: string; value: string }[]; testId?: string }) {
  return (
    <div className="min-w-0 space-y-1" data-described={words.described} data-chain={words.l1 ? 'l1' : 'l2'}>
      <p className="break-words" data-testid={testId}>
        {words.l1 && (
          <>
            <span className="rounded bg-sky-500/15 px-1.5 py-0.5 text-xs font-semibold text-sky-800 dark:text-sky-300">On Ethereum:</span>{' '}
          </>
        )}
        {words.calls.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an action's calls are fixed and ordered; the position is their identity
          <span key={i}>
            {i > 0 && '; '}
            <Call c={c} />
          </span>
        ))}
      </p>
      <details className="text-xs">
        <summary className="muted cursor-pointer select-none">Show the call</summary>
        <dl className="mt-1 space-y-1" data-testid="action-call">
          {raw.map((r) => (
            <div key={r.label}>
              <dt className="muted inline">{r.label}: </dt>
              <dd className="inline break-all font-mono">{r.value}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function Call({ c }: { c: CallWords }) {
  const sending = c.sending ? <span className="muted">, sending {c.sending}</span> : null;
  if (c.words === undefined) {
    return (
      <>
        <span className="rounded bg-amber-500/15 px-1.5 py-0.5 text-xs font-semibold text-amber-800 dark:text-amber-300">Not described:</span>{' '}
        <span className="font-mono text-xs break-all">{c.call}</span>
        {sending}
      </>
    );
  }
  return (
    <>
      <span className="font-medium">{c.contract}</span> · {c.words}
      {sending}
    </>
  );
}

/** What "Show the call" lists for a proposal action: its decoded call(s), target and raw calldata. */
export function rawOfAction(words: ActionWords, action: { target: string; calldata: string }, targetLabel: string): { label: string; value: string }[] {
  return [
    ...words.calls.map((c, i) => ({
      label: words.calls.length > 1 ? `${words.l1 ? 'L1 call' : 'Call'} ${i + 1}` : words.l1 ? 'L1 call' : 'Call',
      value: c.call,
    })),
    { label: words.l1 ? `Sent on Metis to ${targetLabel}` : 'Target', value: action.target },
    { label: 'Calldata', value: action.calldata },
  ];
}
