'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type Address, type Hash, parseEventLogs } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { getTransactionReceipt } from 'wagmi/actions';
import { addressError } from '@/lib/amounts';
import { encodeGroupMetadata, groupNameError, REMAINDER_POLICIES } from '@/lib/commons';
import { commonsRegistryAbi } from '@/lib/contracts/abis';
import { commonsContracts } from '@/lib/contracts/commons';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** The metadata parser keeps at most this many characters of a field. */
const METADATA_MAX = 200;

/** Creates a Commons group (name, focus and description as metadata, steward, remainder policy), then opens its page. */
export default function CreateGroupForm() {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const { registry } = commonsContracts(config);
  const [name, setName] = useState('');
  const [focus, setFocus] = useState('');
  const [description, setDescription] = useState('');
  const [stewardText, setStewardText] = useState<string>();
  const [policy, setPolicy] = useState<number>(REMAINDER_POLICIES[0].value);
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();
  useNeedChain('l2');

  const limits = useReadContracts({
    contracts: [
      { ...registry, functionName: 'MAX_NAME_LENGTH' },
      { ...registry, functionName: 'MAX_URI_LENGTH' },
    ],
    allowFailure: false,
  });

  // The voting power panel above already asks to connect.
  if (!address) return null;
  if (!limits.data) return <div className="card muted text-sm">{limits.error ? `Could not read the chain: ${limits.error.message}` : 'Loading…'}</div>;
  const [maxName, maxUri] = limits.data.map(Number);
  const steward = (stewardText ?? address).trim();
  const metadataURI = encodeGroupMetadata({ focus, description });
  const errors = {
    name: groupNameError(name, maxName),
    focus: focus.trim().length > METADATA_MAX ? `At most ${METADATA_MAX} characters.` : undefined,
    description:
      description.trim().length > METADATA_MAX
        ? `At most ${METADATA_MAX} characters.`
        : metadataURI.length > maxUri
          ? 'The focus and description are too long together: shorten them.'
          : undefined,
    steward: addressError(steward, 'The steward'),
  };
  const shown = (e: string | undefined) => (touched ? e : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean)) return;
    // The step's hash, to find the new group's address in the receipt's GroupCreated event.
    let hash: Hash | undefined;
    const create = contractStep(wagmiConfig, `Create ${name.trim()}`, {
      ...registry,
      account: address,
      functionName: 'createGroup',
      args: [name.trim(), metadataURI, steward as Address, policy],
    });
    const ok = await tx.run([{ ...create, send: async () => (hash = await create.send()) }]);
    if (!ok || !hash) return;
    const receipt = await getTransactionReceipt(wagmiConfig, { hash, chainId: registry.chainId });
    const [created] = parseEventLogs({ abi: commonsRegistryAbi, eventName: 'GroupCreated', logs: receipt.logs });
    router.push(`/commons/groups/${created.args.group}`);
  }

  return (
    <section className="card space-y-4" aria-labelledby="create-group">
      <h2 id="create-group" className="text-lg font-semibold">
        Create a group
      </h2>
      <form className="space-y-3" onSubmit={submit} noValidate>
        <Field id="group-name" label="Group name" value={name} onChange={(e) => setName(e.target.value)} error={shown(errors.name)} disabled={tx.busy} />
        <Field
          id="group-focus"
          label="Focus"
          placeholder="e.g. Grants for public goods"
          value={focus}
          onChange={(e) => setFocus(e.target.value)}
          error={shown(errors.focus)}
          disabled={tx.busy}
        />
        <Field
          id="group-description"
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={shown(errors.description)}
          disabled={tx.busy}
        />
        <Field
          id="group-steward"
          label="Steward"
          className="font-mono"
          spellCheck={false}
          value={steward}
          onChange={(e) => setStewardText(e.target.value)}
          error={shown(errors.steward)}
          disabled={tx.busy}
          aside={<span className="muted text-xs">proposes for the group</span>}
        />
        <fieldset className="space-y-2">
          <legend className="label">Unvoted weight</legend>
          {REMAINDER_POLICIES.map((p) => (
            <label key={p.value} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="remainder-policy"
                className="mt-1"
                checked={policy === p.value}
                onChange={() => setPolicy(p.value)}
                disabled={tx.busy}
              />
              <span>
                <span className="font-medium">{p.label}</span>
                <span className="muted block text-xs">{p.explain}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn-primary w-full" disabled={tx.busy}>
          {tx.busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
