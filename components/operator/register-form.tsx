'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type Address, isAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { parsePercentInput } from '@/lib/amounts';
import { ApiError, apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatBps, formatMetis } from '@/lib/format';
import { encodeSequencerMetadata, signerError } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { amountOf } from '../ui/amount';
import { AmountField, Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** The parser keeps at most this many characters of each metadata field. */
const METADATA_MAX = 200;

/** Waits until the chain-data API knows the sequencer (about a block), so that its page renders. */
async function waitForIndexed(apiUrl: string, id: bigint): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      return void (await apiGet(apiUrl, '/sequencers/:id', { id: id.toString() }));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404) || tries >= 60) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Registration of the connected (whitelisted) account as a sequencer operator. */
export default function RegisterForm() {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  // The signer is the connected account until another is typed. Once registered, the page opens the new sequencer, so nothing clears.
  const form = useTxForm(
    { signer: undefined as string | undefined, amount: '', commission: '', name: '', website: '', description: '' },
    {
      clear: [],
      onDone: async () => {
        const id = await readContract(wagmiConfig, { ...staking, functionName: 'sequencerIdOf', args: [address!] });
        await waitForIndexed(config.apiUrl, id);
        router.push(`/sequencers/${id}`);
      },
    },
  );
  const { name, website, description } = form.values;
  // From the confirmation on, the page is moving to the new sequencer (which this account now runs).
  const opening = form.done;
  useNeedChain('l1');

  const reads = useReadContracts({
    contracts: [
      { ...staking, functionName: 'whitelisted', args: [address!] },
      { ...staking, functionName: 'sequencerIdOf', args: [address!] },
      { ...staking, functionName: 'minLock' },
      { ...staking, functionName: 'maxLock' },
      { ...staking, functionName: 'maxSequencerStake' },
      { ...staking, functionName: 'maxCommissionBps' },
      { ...token, functionName: 'balanceOf', args: [address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });
  const signer = (form.values.signer ?? address ?? '').trim();
  const signerUsed = useReadContract({
    ...staking,
    functionName: 'signerUsed',
    args: [signer as Address],
    query: { enabled: isAddress(signer), refetchInterval: poll },
  });

  if (!address) return null; // the island asks to connect
  if (!reads.data) return <div className="card muted text-sm">{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</div>;
  const [whitelisted, ownedId, minLock, maxLock, maxStake, maxCommissionBps, balance] = reads.data;

  if (ownedId > 0n && !opening) {
    return (
      <div className="card space-y-2 text-sm" data-testid="register-owned">
        <p className="font-medium">This account already runs a sequencer.</p>
        <p className="muted">An account runs one sequencer at a time.</p>
        <Link className="btn-primary" href={`/sequencers/${ownedId}`}>
          Open sequencer #{ownedId.toString()}
        </Link>
      </div>
    );
  }
  if (!whitelisted) {
    return (
      <div className="card space-y-2 text-sm" data-testid="register-not-whitelisted">
        <p className="font-medium">This account is not on the operator whitelist.</p>
        <p className="muted">
          Governance approves every sequencer operator before it can register. Ask for this address to be added through a Commons proposal, or connect a
          whitelisted account. You can still{' '}
          <Link className="underline" href="/sequencers">
            delegate to a sequencer
          </Link>
          .
        </p>
      </div>
    );
  }

  const upper = maxLock < maxStake ? maxLock : maxStake;
  const amount = amountOf(form.values.amount);
  const commission = parsePercentInput(form.values.commission, maxCommissionBps);
  const tooLong = (text: string) => (text.trim().length > METADATA_MAX ? `At most ${METADATA_MAX} characters.` : undefined);
  function amountError() {
    if (amount.error) return amount.error;
    if (amount.value < minLock || amount.value > upper) return `The self-lock must be between ${formatMetis(minLock)} and ${formatMetis(upper)}.`;
    if (amount.value > balance) return `You have ${formatMetis(balance)} on ${config.l1.name}.`;
    return undefined;
  }
  function websiteError() {
    if (website.trim() && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(website.trim())) return 'Enter a web address starting with https://.';
    return tooLong(website);
  }
  const errors = {
    signer: signerError(signer, signerUsed.data),
    amount: amountError(),
    commission: commission.ok ? undefined : commission.error,
    name: name.trim() ? tooLong(name) : 'Give the sequencer a name.',
    website: websiteError(),
    description: tooLong(description),
  };

  const steps = async () =>
    commission.ok
      ? [
          ...(await approvalSteps(wagmiConfig, token, address, staking.address, amount.value)),
          contractStep(wagmiConfig, `Register with ${formatMetis(amount.value)} self-lock`, {
            ...staking,
            account: address,
            functionName: 'register',
            args: [signer as Address, amount.value, commission.value, encodeSequencerMetadata({ name, website, description })],
          }),
        ]
      : undefined;

  return (
    <section className="card space-y-4" aria-labelledby="register">
      <h2 id="register" className="text-lg font-semibold">
        Register a sequencer
      </h2>
      <TxForm form={form} errors={errors} steps={steps} label={opening ? 'Opening your sequencer…' : 'Register'} busyLabel="Registering…" disabled={opening}>
        <Field
          id="register-signer"
          label="Signer address"
          className="font-mono"
          spellCheck={false}
          value={signer}
          onChange={(e) => form.set('signer', e.target.value)}
          error={form.shown(errors.signer)}
          disabled={form.busy}
          aside={<span className="muted text-xs">signs the L2 blocks; never reusable</span>}
        />
        <AmountField
          id="register-amount"
          label="Self-lock"
          {...form.amountField('amount', errors.amount)}
          max={balance < upper ? balance : upper}
          maxLabel={`Balance: ${formatMetis(balance)}`}
        />
        <p className="muted text-xs">
          Between {formatMetis(minLock)} and {formatMetis(upper)}. It stays locked while the sequencer runs and can be slashed.
        </p>
        <Field
          id="register-commission"
          label="Commission (%)"
          inputMode="decimal"
          placeholder="5"
          {...form.field('commission', errors.commission)}
          aside={<span className="muted text-xs">at most {formatBps(maxCommissionBps)}</span>}
        />
        <Field id="register-name" label="Name" {...form.field('name', errors.name)} />
        <Field id="register-website" label="Website (optional)" type="url" placeholder="https://" {...form.field('website', errors.website)} />
        <Field id="register-description" label="Description (optional)" {...form.field('description', errors.description)} />
      </TxForm>
    </section>
  );
}
