'use client';

import { useState } from 'react';
import { type Address, getAddress, isAddress } from 'viem';
import { useConfig } from 'wagmi';
import { parseMetisInput } from '@/lib/amounts';
import { metisTokens } from '@/lib/contracts/tokens';
import type { ChainKey } from '@/lib/deployment/types';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { AmountField, Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** Send METIS on L1 or L2: checked before signing, with every stage of the transaction shown. */
export function SendMetis({ account, balances }: { account: Address; balances: Record<ChainKey, bigint | undefined> }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const [chain, setChain] = useState<ChainKey>('l1');
  const [recipient, setRecipient] = useState('');
  const [amountText, setAmountText] = useState('');
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();
  useNeedChain(chain);

  const balance = balances[chain];
  const amount = parseMetisInput(amountText);
  const recipientError = !isAddress(recipient.trim(), { strict: false }) ? 'Enter a 0x address of 40 hex digits.' : undefined;
  const amountError = !amount.ok
    ? amount.error
    : balance !== undefined && amount.value > balance
      ? `You have ${formatMetis(balance)} on ${config[chain].name}.`
      : undefined;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (recipientError || amountError || !amount.ok) return;
    const token = metisTokens(config)[chain];
    const to = getAddress(recipient.trim());
    const ok = await tx.run([
      contractStep(wagmiConfig, `Send ${formatMetis(amount.value)} on ${config[chain].name}`, {
        ...token,
        account,
        functionName: 'transfer',
        args: [to, amount.value],
      }),
    ]);
    if (ok) {
      setAmountText('');
      setTouched(false);
    }
  }

  return (
    <section className="card" aria-labelledby="send-metis">
      <h2 id="send-metis" className="text-lg font-semibold">
        Send METIS
      </h2>
      <form className="mt-3 space-y-3" onSubmit={submit} noValidate>
        <fieldset className="flex gap-2" disabled={tx.busy}>
          <legend className="label">Chain</legend>
          {(['l1', 'l2'] as const).map((key) => (
            <label key={key} className={`btn-secondary flex-1 cursor-pointer ${chain === key ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}>
              <input type="radio" name="chain" value={key} checked={chain === key} onChange={() => setChain(key)} className="sr-only" />
              {config[key].name}
            </label>
          ))}
        </fieldset>
        <Field
          id="send-recipient"
          label="Recipient"
          className="font-mono"
          placeholder="0x…"
          spellCheck={false}
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
          error={touched ? recipientError : undefined}
          disabled={tx.busy}
        />
        <AmountField
          id="send-amount"
          label="Amount"
          value={amountText}
          onChange={setAmountText}
          error={touched ? amountError : undefined}
          disabled={tx.busy}
          max={balance}
          maxLabel={`Max: ${balance === undefined ? '' : formatMetis(balance)}`}
        />
        <button type="submit" className="btn-primary w-full" disabled={tx.busy}>
          {tx.busy ? 'Sending…' : `Send on ${config[chain].name}`}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
