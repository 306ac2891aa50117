'use client';

import { useRouter } from 'next/navigation';
import { type Address, parseEventLogs, type TransactionReceipt } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { addressError } from '@/lib/amounts';
import { encodeGroupMetadata, groupNameError, REMAINDER_POLICIES } from '@/lib/commons';
import { commonsRegistryAbi } from '@/lib/contracts/abis';
import { commonsContracts } from '@/lib/contracts/commons';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
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
  // The steward is the connected account until another is typed. The page moves on to the new group, so nothing clears.
  const form = useTxForm(
    { name: '', focus: '', description: '', steward: undefined as string | undefined, policy: REMAINDER_POLICIES[0].value as number },
    { clear: [] },
  );
  const { name, focus, description, policy } = form.values;
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
  const steward = (form.values.steward ?? address).trim();
  const metadataURI = encodeGroupMetadata({ focus, description });
  const tooLong = (text: string) => (text.trim().length > METADATA_MAX ? `At most ${METADATA_MAX} characters.` : undefined);
  function descriptionError() {
    const long = tooLong(description);
    if (long) return long;
    if (metadataURI.length > maxUri) return 'The focus and description are too long together: shorten them.';
    return undefined;
  }
  const errors = {
    name: groupNameError(name, maxName),
    focus: tooLong(focus),
    description: descriptionError(),
    steward: addressError(steward, 'The steward'),
  };

  const steps = () => [
    {
      ...contractStep(wagmiConfig, `Create ${name.trim()}`, {
        ...registry,
        account: address,
        functionName: 'createGroup',
        args: [name.trim(), metadataURI, steward as Address, policy],
      }),
      // The new group's address is in the receipt's GroupCreated event: its page opens next.
      onConfirmed: (receipt: TransactionReceipt) => {
        const [created] = parseEventLogs({ abi: commonsRegistryAbi, eventName: 'GroupCreated', logs: receipt.logs });
        router.push(`/commons/groups/${created.args.group}`);
      },
    },
  ];

  return (
    <section className="card space-y-4" aria-labelledby="create-group">
      <h2 id="create-group" className="text-lg font-semibold">
        Create a group
      </h2>
      <TxForm form={form} errors={errors} steps={steps} label="Create group" busyLabel="Creating…">
        <Field id="group-name" label="Group name" {...form.field('name', errors.name)} />
        <Field id="group-focus" label="Focus" placeholder="e.g. Grants for public goods" {...form.field('focus', errors.focus)} />
        <Field id="group-description" label="Description" {...form.field('description', errors.description)} />
        <Field
          id="group-steward"
          label="Steward"
          className="font-mono"
          spellCheck={false}
          value={steward}
          onChange={(e) => form.set('steward', e.target.value)}
          error={form.shown(errors.steward)}
          disabled={form.busy}
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
                onChange={() => form.set('policy', p.value)}
                disabled={form.busy}
              />
              <span>
                <span className="font-medium">{p.label}</span>
                <span className="muted block text-xs">{p.explain}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </TxForm>
    </section>
  );
}
