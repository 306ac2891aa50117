'use client';

import { useRouter } from 'next/navigation';
import { type AbiFunction, type Address, encodeFunctionData, type Hex } from 'viem';
import { useConfig } from 'wagmi';
import { parseAbiInput } from '@/lib/abi-inputs';
import type { AllowedActionItem } from '@/lib/api';
import { reasonError } from '@/lib/eco-nodes';
import { useAppConfig } from '../config/app-config';
import { useAccountLabel } from '../dashboard/use-account-name';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { amountOf } from '../ui/amount';
import { errorAria, Field, FieldError } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';
import { councilContract } from './council';
import { useMyNodes } from './use-my-nodes';

type Kind = 'penalty' | 'action';

/** An allow-listed pair as a callable function (its selector is recomputed from the name and input types). */
function asFunction(a: AllowedActionItem): AbiFunction | undefined {
  if (!a.functionName || !a.inputs) return undefined;
  return { type: 'function', name: a.functionName, inputs: a.inputs, outputs: [], stateMutability: 'nonpayable' };
}

const actionLabel = (a: AllowedActionItem) => `${a.contract ?? a.target}.${a.signature ?? a.selector}`;

/**
 * Opens a council motion (docs/MECHANISMS.md §4.4) for a node the connected account acts for: a peer penalty (accused,
 * amount of reputation, reason) or a decisive action chosen only from the allow-list (`actions`, as the indexer
 * reports it), its arguments typed from the function's ABI inputs. The opener's backing counts at once.
 */
export default function NewMotionForm({ actions, nodes }: { actions: AllowedActionItem[]; nodes: { address: Address; name: string }[] }) {
  const config = useAppConfig();
  const council = councilContract(config);
  if (!council) return null;
  return <Form actions={actions} nodes={nodes} council={council} />;
}

function Form({
  actions,
  nodes,
  council,
}: {
  actions: AllowedActionItem[];
  nodes: { address: Address; name: string }[];
  council: NonNullable<ReturnType<typeof councilContract>>;
}) {
  const wagmiConfig = useConfig();
  const router = useRouter();
  const nameOf = useAccountLabel();
  const { address, mine, loading } = useMyNodes(council);
  useNeedChain('l2');
  const callable = actions.filter((a) => asFunction(a));
  // Once a motion is open, its reason, amount and arguments clear; the kind, the opener, the accused and the action stay.
  const form = useTxForm(
    { kind: 'penalty' as Kind, opener: '', accused: '', amount: '', reason: '', action: '', args: [] as string[] },
    { clear: ['reason', 'amount', 'args'], onDone: () => router.refresh() },
  );
  const { kind, accused, reason, args } = form.values;

  if (!address) return null;
  if (mine.length === 0) {
    return loading ? null : (
      <p className="muted text-sm" data-testid="motion-form-none">
        Only an Eco Node, or the steward of a group seat, can open a motion; connect as one to propose a peer penalty or a decisive action.
      </p>
    );
  }
  const opener = mine.find((n) => n === form.values.opener) ?? mine[0];
  const accusable = nodes.filter((n) => n.address.toLowerCase() !== opener.toLowerCase());
  const action = callable.find((a) => `${a.target}-${a.selector}` === form.values.action) ?? callable[0];
  const fn = action ? asFunction(action) : undefined;
  const parsedArgs = fn ? fn.inputs.map((p, i) => parseAbiInput(p, args[i] ?? '')) : [];
  const argErrors = parsedArgs.map((p) => (p.ok ? undefined : p.error));
  const amount = amountOf(form.values.amount);
  function reasonFieldError() {
    const invalid = reasonError(reason);
    if (invalid) return invalid;
    if (reason.trim() === '') return 'Give a reason: the council and the page show it.';
    return undefined;
  }
  const penalty = kind === 'penalty';
  const errors = {
    reason: reasonFieldError(),
    accused: penalty && !accusable.some((n) => n.address === accused) ? 'Choose the node to penalise.' : undefined,
    amount: penalty ? amount.error?.replace('METIS', 'Reputation') : undefined,
    args: penalty ? undefined : argErrors.find(Boolean),
  };
  const id = (s: string) => `motion-${s}`;
  const accusedError = form.shown(errors.accused);
  const reasonShown = form.shown(errors.reason);

  function steps() {
    const why = reason.trim();
    if (!address) return undefined;
    if (penalty) {
      return [
        contractStep(wagmiConfig, `Open a peer penalty of ${nameOf(accused)}`, {
          ...council,
          account: address,
          functionName: 'openPenaltyMotion',
          args: [opener, accused as Address, amount.value, why],
        }),
      ];
    }
    if (!fn || !action) return undefined;
    const data: Hex = encodeFunctionData({ abi: [fn], functionName: fn.name, args: parsedArgs.map((p) => (p.ok ? p.value : undefined)) });
    return [
      contractStep(wagmiConfig, `Propose ${actionLabel(action)}`, {
        ...council,
        account: address,
        functionName: 'proposeAction',
        args: [opener, action.target, data, why],
      }),
    ];
  }

  return (
    <div className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="motion-form">
      <TxForm
        form={form}
        errors={errors}
        steps={steps}
        label={penalty ? 'Open the peer penalty' : 'Propose the action'}
        busyLabel="Opening…"
        disabled={!penalty && callable.length === 0}
      >
        <h3 className="font-semibold">Open a motion</h3>
        {mine.length > 1 ? (
          <div>
            <label htmlFor={id('opener')} className="label">
              Open as
            </label>
            <select id={id('opener')} className="input mt-1 w-full" value={opener} onChange={(e) => form.set('opener', e.target.value)} disabled={form.busy}>
              {mine.map((n) => (
                <option key={n} value={n}>
                  {n === address ? 'Yourself' : `Group seat ${nameOf(n)}`}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="muted text-xs">
            {opener === address ? 'You open it as an Eco Node' : `You open it for the group seat ${nameOf(opener)}`}; your backing counts at once.
          </p>
        )}
        <fieldset disabled={form.busy}>
          <legend className="label">Kind</legend>
          <div className="mt-1 grid grid-cols-2 gap-2">
            {(
              [
                ['penalty', 'Peer penalty'],
                ['action', 'Decisive action'],
              ] as const
            ).map(([k, label]) => (
              <label
                key={k}
                className={`btn-secondary cursor-pointer has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${kind === k ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}
              >
                <input type="radio" name="motion-kind" value={k} className="sr-only" checked={kind === k} onChange={() => form.set('kind', k)} />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
        {penalty ? (
          <>
            <div>
              <label htmlFor={id('accused')} className="label">
                Node to penalise
              </label>
              <select
                id={id('accused')}
                className="input mt-1 w-full"
                value={accused}
                onChange={(e) => form.set('accused', e.target.value)}
                disabled={form.busy}
                {...errorAria(id('accused'), accusedError)}
              >
                <option value="">Choose a node…</option>
                {accusable.map((n) => (
                  <option key={n.address} value={n.address}>
                    {n.name}
                  </option>
                ))}
              </select>
              <FieldError id={id('accused')} error={accusedError} />
            </div>
            <Field id={id('amount')} label="Reputation to take" inputMode="decimal" {...form.field('amount', errors.amount)} />
            <p className="muted text-xs">It passes with the backing of 2/3 of the council&apos;s reputation at the opening, the accused&apos;s excluded.</p>
          </>
        ) : callable.length === 0 ? (
          <p className="muted text-sm">The allow-list has no action this page can describe yet; governance adds them.</p>
        ) : (
          <>
            <div>
              <label htmlFor={id('action')} className="label">
                Action (allow-listed)
              </label>
              <select
                id={id('action')}
                className="input mt-1 w-full"
                value={action ? `${action.target}-${action.selector}` : ''}
                onChange={(e) => {
                  form.set('action', e.target.value);
                  form.set('args', []);
                }}
                disabled={form.busy}
              >
                {callable.map((a) => (
                  <option key={`${a.target}-${a.selector}`} value={`${a.target}-${a.selector}`}>
                    {actionLabel(a)}
                  </option>
                ))}
              </select>
            </div>
            {fn?.inputs.map((p, i) => (
              <Field
                key={`${form.values.action}-${p.name ?? i}`}
                id={id(`arg-${i}`)}
                label={`${p.name || `argument ${i + 1}`} (${p.type})`}
                value={args[i] ?? ''}
                onChange={(e) => form.set('args', Object.assign([...args], { [i]: e.target.value }))}
                error={form.shown(argErrors[i])}
                disabled={form.busy}
                className="w-full font-mono text-xs"
              />
            ))}
            <p className="muted text-xs">
              It passes with the backing of 2/3 of the council&apos;s reputation at the opening; anyone can execute it after the delay.
            </p>
          </>
        )}
        <div>
          <label htmlFor={id('reason')} className="label">
            Reason (public)
          </label>
          <textarea
            id={id('reason')}
            className="input mt-1 min-h-16 w-full"
            value={reason}
            onChange={(e) => form.set('reason', e.target.value)}
            disabled={form.busy}
            {...errorAria(id('reason'), reasonShown)}
          />
          <FieldError id={id('reason')} error={reasonShown} />
        </div>
      </TxForm>
    </div>
  );
}
