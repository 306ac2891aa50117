import { Suspense } from 'react';
import { type CurrentValues, currentValueReads, currentValues, describeAction } from '@/lib/action-words';
import type { ProposalDetail } from '@/lib/api';
import { addressLabel } from '@/lib/names';
import { readAll } from '@/lib/server/chain';
import { getDeployment } from '@/lib/server/deployment';
import { ActionWordsView, rawOfAction } from './action-words';

type Actions = ProposalDetail['actions'];

/**
 * What the proposal does if it passes, in words (lib/action-words.ts), each with the call one click away. The
 * current value of each setting it changes ("(now …)") is read from the chains for all actions at once (one
 * batch per chain, L1 getters on L1) and streams in; until then, or if a read fails, the words show without it.
 */
export function ActionsList({ actions }: { actions: Actions }) {
  return (
    <Suspense fallback={<ActionsCard actions={actions} />}>
      <ActionsWithCurrentValues actions={actions} />
    </Suspense>
  );
}

async function ActionsWithCurrentValues({ actions }: { actions: Actions }) {
  const reads = currentValueReads(getDeployment(), actions);
  const now = reads.length > 0 ? currentValues(reads, await readAll(reads)) : undefined;
  return <ActionsCard actions={actions} now={now} />;
}

function ActionsCard({ actions, now }: { actions: Actions; now?: CurrentValues }) {
  const deployment = getDeployment();
  return (
    <section className="card" aria-labelledby="actions">
      <h2 id="actions" className="text-lg font-semibold">
        Actions
      </h2>
      <ol className="mt-3 space-y-3 text-sm">
        {actions.map((a, i) => {
          const words = describeAction(deployment, a, { now });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a proposal's actions are fixed and ordered; the position is their identity
            <li key={i} className="min-w-0" data-testid="proposal-action">
              <ActionWordsView words={words} raw={rawOfAction(words, a, addressLabel(deployment, a.target))} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}
