'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type Address, isAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { parseMetisInput, parsePercentInput } from '@/lib/amounts';
import { ApiError, apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatBps, formatMetis } from '@/lib/format';
import { encodeSequencerMetadata, signerError } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
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
  const [signerText, setSignerText] = useState<string>();
  const [amountText, setAmountText] = useState('');
  const [commissionText, setCommissionText] = useState('');
  const [name, setName] = useState('');
  const [website, setWebsite] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const [opening, setOpening] = useState(false);
  const tx = useTransaction();
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
  const signer = (signerText ?? address ?? '').trim();
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
  const amount = parseMetisInput(amountText);
  const commission = parsePercentInput(commissionText, maxCommissionBps);
  const errors = {
    signer: signerError(signer, signerUsed.data),
    amount: !amount.ok
      ? amount.error
      : amount.value < minLock || amount.value > upper
        ? `The self-lock must be between ${formatMetis(minLock)} and ${formatMetis(upper)}.`
        : amount.value > balance
          ? `You have ${formatMetis(balance)} on ${config.l1.name}.`
          : undefined,
    commission: commission.ok ? undefined : commission.error,
    name: !name.trim() ? 'Give the sequencer a name.' : name.trim().length > METADATA_MAX ? `At most ${METADATA_MAX} characters.` : undefined,
    website:
      website.trim() && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(website.trim())
        ? 'Enter a web address starting with https://.'
        : website.trim().length > METADATA_MAX
          ? `At most ${METADATA_MAX} characters.`
          : undefined,
    description: description.trim().length > METADATA_MAX ? `At most ${METADATA_MAX} characters.` : undefined,
  };
  const shown = (e: string | undefined) => (touched ? e : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean) || !amount.ok || !commission.ok) return;
    const owner = address!;
    const steps = [
      ...(await approvalSteps(wagmiConfig, token, owner, staking.address, amount.value)),
      contractStep(wagmiConfig, `Register with ${formatMetis(amount.value)} self-lock`, {
        ...staking,
        account: owner,
        functionName: 'register',
        args: [signer as Address, amount.value, commission.value, encodeSequencerMetadata({ name, website, description })],
      }),
    ];
    setOpening(true);
    if (!(await tx.run(steps))) return setOpening(false);
    const id = await readContract(wagmiConfig, { ...staking, functionName: 'sequencerIdOf', args: [owner] });
    await waitForIndexed(config.apiUrl, id);
    router.push(`/sequencers/${id}`);
  }

  return (
    <section className="card space-y-4" aria-labelledby="register">
      <h2 id="register" className="text-lg font-semibold">
        Register a sequencer
      </h2>
      <form className="space-y-3" onSubmit={submit} noValidate>
        <Field
          id="register-signer"
          label="Signer address"
          className="font-mono"
          spellCheck={false}
          value={signer}
          onChange={(e) => setSignerText(e.target.value)}
          error={shown(errors.signer)}
          disabled={tx.busy}
          aside={<span className="muted text-xs">signs the L2 blocks; never reusable</span>}
        />
        <AmountField
          id="register-amount"
          label="Self-lock"
          value={amountText}
          onChange={setAmountText}
          error={shown(errors.amount)}
          disabled={tx.busy}
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
          value={commissionText}
          onChange={(e) => setCommissionText(e.target.value)}
          error={shown(errors.commission)}
          disabled={tx.busy}
          aside={<span className="muted text-xs">at most {formatBps(maxCommissionBps)}</span>}
        />
        <Field id="register-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={shown(errors.name)} disabled={tx.busy} />
        <Field
          id="register-website"
          label="Website (optional)"
          type="url"
          placeholder="https://"
          value={website}
          onChange={(e) => setWebsite(e.target.value)}
          error={shown(errors.website)}
          disabled={tx.busy}
        />
        <Field
          id="register-description"
          label="Description (optional)"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={shown(errors.description)}
          disabled={tx.busy}
        />
        <button type="submit" className="btn-primary w-full" disabled={tx.busy || opening}>
          {tx.busy ? 'Registering…' : opening ? 'Opening your sequencer…' : 'Register'}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
