'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type Abi, type AbiFunction, type Address, encodeFunctionData, getAddress, type Hex, keccak256, toHex, zeroAddress } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { parseAbiInput } from '@/lib/abi-inputs';
import { currentValueReads, currentValues, describeAction } from '@/lib/action-words';
import { apiGet } from '@/lib/api';
import { type ContractName, contractOf, groupContract } from '@/lib/contracts/descriptors';
import { L2_ABIS } from '@/lib/contracts/l2-abis';
import { formatMetis, formatVoteCount } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { amountOf } from '../ui/amount';
import { Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';
import { ActionWordsView, rawOfAction } from './action-words';
import { SimulatePanel } from './simulate-panel';

// The markdown renderer loads only when the preview opens (the proposal page renders it on the server).
const Markdown = dynamic(() => import('./markdown').then((m) => m.Markdown), { loading: () => <p className="text-sm">Loading the preview…</p> });

interface Draft {
  contract: string;
  fn: string;
  args: string[];
}

const writeFunctions = (abi: Abi) =>
  abi.filter((x): x is AbiFunction => x.type === 'function' && (x.stateMutability === 'nonpayable' || x.stateMutability === 'payable'));

/** A draft action as a call, or the first reason it is not one yet. */
function encodeAction(
  d: Draft,
  addresses: Record<string, Address>,
): { ok: true; target: Address; data: Hex } | { ok: false; errors: (string | undefined)[]; error?: string } {
  const abi = L2_ABIS[d.contract];
  const fn = abi && writeFunctions(abi).find((f) => f.name === d.fn);
  if (!fn) return { ok: false, errors: [], error: 'Choose a contract and a function.' };
  const parsed = fn.inputs.map((param, i) => parseAbiInput(param, d.args[i] ?? ''));
  if (parsed.some((p) => !p.ok)) return { ok: false, errors: parsed.map((p) => (p.ok ? undefined : p.error)) };
  const args = parsed.map((p) => (p.ok ? p.value : undefined));
  const data = encodeFunctionData({ abi: [fn], functionName: fn.name, args });
  return { ok: true, target: addresses[d.contract], data };
}

/**
 * A new Commons proposal: title, markdown text with a preview, and its actions, built from the
 * deployed L2 contracts' ABIs with typed inputs, or from a recipe (a METIS transfer from the treasury),
 * each previewed in the words the proposal page will show (lib/action-words.ts), with the current value
 * of what it changes read in one batch. Submitting checks the proposal threshold before signing.
 */
export default function NewProposalForm() {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  useNeedChain('l2');
  const governor = contractOf(config, 'l2', 'CommonsGovernor');
  const { contracts } = config.l2;
  const addresses = Object.fromEntries(
    Object.keys(L2_ABIS)
      .filter((n): n is ContractName<'l2'> => n in contracts)
      .map((n) => [n, contracts[n].address]),
  ) as Record<string, Address>;
  // `recipient` and `amount` are the treasury transfer recipe's, before it is added as an action. Propose as yourself,
  // or as a group you steward (`proposer`; its pooled votes then count toward the threshold). The page moves on to
  // the proposal, so nothing clears.
  const form = useTxForm({ title: '', body: '', drafts: [] as Draft[], recipient: '', amount: '', proposer: '' as Address | '' }, { clear: [] });
  const { title, body, drafts, recipient, amount, proposer } = form.values;
  const [preview, setPreview] = useState(false);
  const stewarded = useQuery({
    queryKey: ['groups', config.apiUrl, 'steward', address],
    queryFn: () => apiGet(config.apiUrl, '/commons/groups', { steward: address, limit: 100 }),
    enabled: Boolean(address),
  });
  const asGroup = stewarded.data?.items.find((g) => getAddress(g.address) === proposer);

  const reads = useReadContracts({
    contracts: [
      { ...governor, functionName: 'proposalThreshold' },
      { ...contractOf(config, 'l2', 'L2Metis'), functionName: 'balanceOf', args: [governor.address] },
      { ...contractOf(config, 'l2', 'VeMetis'), functionName: 'getVotes', args: [asGroup ? getAddress(asGroup.address) : (address ?? zeroAddress)] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address) },
  });

  const encoded = drafts.map((d) => encodeAction(d, addresses));
  // The actions in words, with "(now …)" from the getters of what they change, all read in one batch.
  const composed = encoded.flatMap((e) => (e.ok ? [{ target: e.target, calldata: e.data }] : []));
  const nowReads = currentValueReads(config, composed);
  const current = useReadContracts({
    contracts: nowReads.map((r) => ({ address: r.address, abi: r.abi, functionName: r.functionName, args: r.args, chainId: config[r.chain].chainId })),
    query: { enabled: nowReads.length > 0 },
  });
  const now = current.data
    ? currentValues(
        nowReads,
        current.data.map((r) => (r.status === 'success' ? { ok: true, value: r.result } : { ok: false })),
      )
    : undefined;

  if (!address) return null; // the island asks to connect
  function titleError() {
    if (title.trim() === '') return 'Give the proposal a title.';
    if (title.length > 120) return 'Keep the title under 120 characters.';
    return undefined;
  }
  function actionsError() {
    if (drafts.length === 0) return 'Add at least one action (what happens if it passes).';
    if (encoded.some((e) => !e.ok)) return 'Fix the actions above.';
    return undefined;
  }
  const thresholdText =
    reads.data &&
    (asGroup
      ? `Proposing needs ${formatVoteCount(reads.data[0])} votes; ${asGroup.name} has ${formatVoteCount(reads.data[2])} pooled.`
      : `Proposing needs ${formatVoteCount(reads.data[0])} votes delegated to you; you have ${formatVoteCount(reads.data[2])}.`);
  const errors = {
    title: titleError(),
    actions: actionsError(),
    threshold: reads.data && reads.data[2] < reads.data[0] ? thresholdText : undefined,
  };
  const setDrafts = (next: Draft[]) => form.set('drafts', next);
  const update = (i: number, patch: Partial<Draft>) => setDrafts(drafts.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  /** An argument's error: as soon as it is typed, or once a submit was tried. */
  function argError(i: number, j: number) {
    const result = encoded[i];
    if (result.ok) return undefined;
    return drafts[i].args[j] === undefined ? form.shown(result.errors[j]) : result.errors[j];
  }

  function addTransfer() {
    const value = amountOf(amount);
    if (value.error) return;
    setDrafts([...drafts, { contract: 'L2Metis', fn: 'transfer', args: [recipient.trim(), value.value.toString()] }]);
    form.set('recipient', '');
    form.set('amount', '');
  }

  function steps() {
    if (!reads.data) return undefined;
    const calls = encoded.flatMap((x) => (x.ok ? [x] : []));
    const description = `# ${title.trim()}\n\n${body.trim()}`;
    const targets = calls.map((c) => c.target);
    const values = calls.map(() => 0n);
    const calldatas = calls.map((c) => c.data);
    const args = [targets, values, calldatas, description] as const;
    const step = asGroup
      ? contractStep(wagmiConfig, `Submit the proposal as ${asGroup.name}`, {
          ...groupContract(config, proposer as Address),
          account: address,
          functionName: 'propose',
          args,
        })
      : contractStep(wagmiConfig, 'Submit the proposal', { ...governor, account: address, functionName: 'propose', args });
    // Once it is in, its page opens.
    const open = async () => {
      const id = await readContract(wagmiConfig, {
        ...governor,
        functionName: 'getProposalId',
        args: [targets, values, calldatas, keccak256(toHex(description))],
      });
      router.push(`/proposals/${id}`);
    };
    return [{ ...step, onConfirmed: () => void open() }];
  }

  return (
    <TxForm form={form} errors={errors} steps={steps} label="Submit proposal" busyLabel="Submitting…" className="space-y-6">
      <section className="card space-y-3" aria-labelledby="text">
        <h2 id="text" className="text-lg font-semibold">
          Text
        </h2>
        <Field id="proposal-title" label="Title" {...form.field('title', errors.title)} />
        <div>
          <div className="flex items-center justify-between">
            <label htmlFor="proposal-body" className="label">
              Description (markdown)
            </label>
            <button type="button" className="text-xs font-semibold text-brand-700 dark:text-brand-400" onClick={() => setPreview((p) => !p)}>
              {preview ? 'Edit' : 'Preview'}
            </button>
          </div>
          {preview ? (
            <div className="input mt-1 min-h-40">
              <Markdown source={body} />
            </div>
          ) : (
            <textarea
              id="proposal-body"
              className="input mt-1 min-h-40 w-full font-mono text-sm"
              value={body}
              onChange={(e) => form.set('body', e.target.value)}
              disabled={form.busy}
            />
          )}
        </div>
      </section>

      <section className="card space-y-4" aria-labelledby="actions-builder">
        <h2 id="actions-builder" className="text-lg font-semibold">
          Actions
        </h2>
        {drafts.map((d, i) => {
          const abi = L2_ABIS[d.contract];
          const fn = abi && writeFunctions(abi).find((f) => f.name === d.fn);
          const result = encoded[i];
          const call = result.ok ? { target: result.target, value: 0n, calldata: result.data } : undefined;
          const words = call && describeAction(config, call, { now });
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: actions are edited in place by position (the form has no other identity for them)
            <fieldset key={i} className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800" data-testid="action">
              <legend className="px-1 text-sm font-semibold">Action {i + 1}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                <div>
                  <label htmlFor={`action-${i}-contract`} className="label">
                    Contract
                  </label>
                  <select
                    id={`action-${i}-contract`}
                    className="input mt-1 w-full"
                    value={d.contract}
                    onChange={(e) => update(i, { contract: e.target.value, fn: '', args: [] })}
                  >
                    {Object.keys(addresses).map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor={`action-${i}-function`} className="label">
                    Function
                  </label>
                  <select id={`action-${i}-function`} className="input mt-1 w-full" value={d.fn} onChange={(e) => update(i, { fn: e.target.value, args: [] })}>
                    <option value="">Choose…</option>
                    {writeFunctions(abi).map((f) => (
                      <option key={f.name}>{f.name}</option>
                    ))}
                  </select>
                </div>
              </div>
              {fn?.inputs.map((param, j) => (
                <Field
                  // biome-ignore lint/suspicious/noArrayIndexKey: a function's parameters are ordered; the position is their identity
                  key={j}
                  id={`action-${i}-arg-${j}`}
                  label={`${param.name || `argument ${j + 1}`} (${param.type})`}
                  className="font-mono text-sm"
                  value={d.args[j] ?? ''}
                  onChange={(e) => update(i, { args: Object.assign([...d.args], { [j]: e.target.value }) })}
                  error={argError(i, j)}
                />
              ))}
              <div className="text-sm" data-testid="action-preview">
                {call && words ? (
                  <ActionWordsView words={words} raw={rawOfAction(words, call, d.contract)} />
                ) : (
                  <span className="muted">{(!result.ok && result.error) || 'Fill in the arguments.'}</span>
                )}
              </div>
              <button
                type="button"
                className="text-xs font-semibold text-red-700 dark:text-red-300"
                onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}
              >
                Remove action {i + 1}
              </button>
            </fieldset>
          );
        })}
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-secondary" onClick={() => setDrafts([...drafts, { contract: 'CommonsGovernor', fn: '', args: [] }])}>
            Add a contract call
          </button>
        </div>
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of controls that is not a form of its own */}
        <div className="space-y-2 rounded-xl bg-zinc-50 p-3 dark:bg-zinc-900" aria-label="Treasury transfer recipe" role="group">
          <p className="text-sm font-medium">
            Recipe: transfer METIS from the treasury{' '}
            <span className="muted font-normal">(the Commons holds {reads.data ? formatMetis(reads.data[1]) : '…'})</span>
          </p>
          <div className="grid gap-2 sm:grid-cols-[2fr_1fr_auto] sm:items-end">
            <Field
              id="transfer-to"
              label="Recipient"
              className="font-mono text-sm"
              placeholder="0x…"
              value={recipient}
              onChange={(e) => form.set('recipient', e.target.value)}
            />
            <Field id="transfer-amount" label="Amount (METIS)" inputMode="decimal" value={amount} onChange={(e) => form.set('amount', e.target.value)} />
            <button type="button" className="btn-secondary" onClick={addTransfer} disabled={Boolean(amountOf(amount).error) || recipient.trim() === ''}>
              Add transfer
            </button>
          </div>
        </div>
        {form.shown(errors.actions) && (
          <p className="text-sm text-red-600 dark:text-red-400" role="alert">
            {errors.actions}
          </p>
        )}
      </section>

      <SimulatePanel
        request={
          drafts.length > 0 && encoded.every((e) => e.ok)
            ? { actions: encoded.flatMap((e) => (e.ok ? [{ target: e.target, value: '0', calldata: e.data }] : [])) }
            : null
        }
        unavailable="Add actions and fill in their arguments to simulate them."
      />

      {(stewarded.data?.items.length ?? 0) > 0 && (
        <div>
          <label htmlFor="proposer" className="label">
            Propose as
          </label>
          <select
            id="proposer"
            className="input mt-1 w-full"
            value={proposer}
            onChange={(e) => form.set('proposer', e.target.value as Address | '')}
            disabled={form.busy}
          >
            <option value="">Yourself</option>
            {stewarded.data!.items.map((g) => (
              <option key={g.address} value={getAddress(g.address)}>
                {g.name} (you are its steward)
              </option>
            ))}
          </select>
        </div>
      )}
      {reads.data && (
        <p
          className={`text-sm ${form.shown(errors.threshold) ? 'text-red-600 dark:text-red-400' : 'muted'}`}
          role={form.shown(errors.threshold) ? 'alert' : undefined}
        >
          {thresholdText}
        </p>
      )}
    </TxForm>
  );
}
