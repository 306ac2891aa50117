'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type AbiFunction, type Address, encodeFunctionData, type Hex } from 'viem';
import { useConfig } from 'wagmi';
import { parseAbiInput } from '@/lib/abi-inputs';
import { parseMetisInput } from '@/lib/amounts';
import type { AllowedActionItem } from '@/lib/api';
import { reasonError } from '@/lib/eco-nodes';
import { useAppConfig } from '../config/app-config';
import { useAccountLabel } from '../dashboard/use-account-name';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Field } from '../ui/field';
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
  const tx = useTransaction();
  const { address, mine, loading } = useMyNodes(council);
  useNeedChain('l2');
  const callable = actions.filter((a) => asFunction(a));
  const [kind, setKind] = useState<Kind>('penalty');
  const [picked, setPicked] = useState<Address>();
  const [accused, setAccused] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [actionKey, setActionKey] = useState('');
  const [args, setArgs] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);

  if (!address) return null;
  if (mine.length === 0) {
    return loading ? null : (
      <p className="muted text-sm" data-testid="motion-form-none">
        Only an Eco Node, or the steward of a group seat, can open a motion; connect as one to propose a peer penalty or a decisive action.
      </p>
    );
  }
  const opener = mine.find((n) => n === picked) ?? mine[0];
  const accusable = nodes.filter((n) => n.address.toLowerCase() !== opener.toLowerCase());
  const action = callable.find((a) => `${a.target}-${a.selector}` === actionKey) ?? callable[0];
  const fn = action ? asFunction(action) : undefined;
  const parsedArgs = fn ? fn.inputs.map((p, i) => parseAbiInput(p, args[i] ?? '')) : [];
  const amountParsed = parseMetisInput(amount);
  const rError = reasonError(reason) ?? (reason.trim() === '' ? 'Give a reason: the council and the page show it.' : undefined);
  const accusedError = kind === 'penalty' && !accusable.some((n) => n.address === accused) ? 'Choose the node to penalise.' : undefined;
  const amountError = kind === 'penalty' && !amountParsed.ok ? amountParsed.error.replace('METIS', 'Reputation') : undefined;
  const argsError = kind === 'action' && (!fn || parsedArgs.some((p) => !p.ok));
  const id = (s: string) => `motion-${s}`;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (rError || accusedError || amountError || argsError || !address) return;
    const why = reason.trim();
    let step: ReturnType<typeof contractStep>;
    if (kind === 'penalty') {
      if (!amountParsed.ok) return;
      step = contractStep(wagmiConfig, `Open a peer penalty of ${nameOf(accused)}`, {
        ...council,
        account: address,
        functionName: 'openPenaltyMotion',
        args: [opener, accused as Address, amountParsed.value, why],
      });
    } else {
      if (!fn || !action) return;
      const data: Hex = encodeFunctionData({ abi: [fn], functionName: fn.name, args: parsedArgs.map((p) => (p.ok ? p.value : undefined)) });
      step = contractStep(wagmiConfig, `Propose ${actionLabel(action)}`, {
        ...council,
        account: address,
        functionName: 'proposeAction',
        args: [opener, action.target, data, why],
      });
    }
    if (await tx.run([step])) {
      setReason('');
      setAmount('');
      setArgs([]);
      setTouched(false);
      router.refresh();
    }
  }

  return (
    <form className="space-y-3 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" onSubmit={submit} noValidate data-testid="motion-form">
      <h3 className="font-semibold">Open a motion</h3>
      {mine.length > 1 ? (
        <div>
          <label htmlFor={id('opener')} className="label">
            Open as
          </label>
          <select id={id('opener')} className="input mt-1 w-full" value={opener} onChange={(e) => setPicked(e.target.value as Address)} disabled={tx.busy}>
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
      <fieldset disabled={tx.busy}>
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
              <input type="radio" name="motion-kind" value={k} className="sr-only" checked={kind === k} onChange={() => setKind(k)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'penalty' ? (
        <>
          <div>
            <label htmlFor={id('accused')} className="label">
              Node to penalise
            </label>
            <select
              id={id('accused')}
              className="input mt-1 w-full"
              value={accused}
              onChange={(e) => setAccused(e.target.value)}
              disabled={tx.busy}
              aria-invalid={touched && Boolean(accusedError)}
              aria-describedby={touched && accusedError ? id('accused-error') : undefined}
            >
              <option value="">Choose a node…</option>
              {accusable.map((n) => (
                <option key={n.address} value={n.address}>
                  {n.name}
                </option>
              ))}
            </select>
            {touched && accusedError && (
              <p id={id('accused-error')} className="mt-1 text-sm text-red-600 dark:text-red-400">
                {accusedError}
              </p>
            )}
          </div>
          <Field
            id={id('amount')}
            label="Reputation to take"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={touched ? amountError : undefined}
            disabled={tx.busy}
          />
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
                setActionKey(e.target.value);
                setArgs([]);
              }}
              disabled={tx.busy}
            >
              {callable.map((a) => (
                <option key={`${a.target}-${a.selector}`} value={`${a.target}-${a.selector}`}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          </div>
          {fn?.inputs.map((p, i) => {
            const parsed = parsedArgs[i];
            return (
              <Field
                key={`${actionKey}-${p.name ?? i}`}
                id={id(`arg-${i}`)}
                label={`${p.name || `argument ${i + 1}`} (${p.type})`}
                value={args[i] ?? ''}
                onChange={(e) => setArgs((all) => Object.assign([...all], { [i]: e.target.value }))}
                error={touched && parsed && !parsed.ok ? parsed.error : undefined}
                disabled={tx.busy}
                className="w-full font-mono text-xs"
              />
            );
          })}
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
          onChange={(e) => setReason(e.target.value)}
          disabled={tx.busy}
          aria-invalid={touched && Boolean(rError)}
          aria-describedby={touched && rError ? id('reason-error') : undefined}
        />
        {touched && rError && (
          <p id={id('reason-error')} className="mt-1 text-sm text-red-600 dark:text-red-400">
            {rError}
          </p>
        )}
      </div>
      <button type="submit" className="btn-primary w-full" disabled={tx.busy || (kind === 'action' && callable.length === 0)}>
        {tx.busy ? 'Opening…' : kind === 'penalty' ? 'Open the peer penalty' : 'Propose the action'}
      </button>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </form>
  );
}
