'use client';

import { type Address, getAddress, isAddress } from 'viem';
import { useConfig } from 'wagmi';
import { metisTokens } from '@/lib/contracts/tokens';
import type { ChainKey } from '@/lib/deployment/types';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { amountOf } from '../ui/amount';
import { AmountField, Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** Send METIS on L1 or L2: checked before signing, with every stage of the transaction shown. */
export function SendMetis({ account, balances }: { account: Address; balances: Record<ChainKey, bigint | undefined> }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  // The chain and the recipient stay once sent; the amount clears.
  const form = useTxForm({ chain: 'l1' as ChainKey, recipient: '', amount: '' }, { clear: ['amount'] });
  const { chain, recipient } = form.values;
  useNeedChain(chain);

  const balance = balances[chain];
  const amount = amountOf(form.values.amount);
  function amountError() {
    if (amount.error) return amount.error;
    if (balance !== undefined && amount.value > balance) return `You have ${formatMetis(balance)} on ${config[chain].name}.`;
    return undefined;
  }
  const errors = {
    recipient: isAddress(recipient.trim(), { strict: false }) ? undefined : 'Enter a 0x address of 40 hex digits.',
    amount: amountError(),
  };
  const steps = () => [
    contractStep(wagmiConfig, `Send ${formatMetis(amount.value)} on ${config[chain].name}`, {
      ...metisTokens(config)[chain],
      account,
      functionName: 'transfer',
      args: [getAddress(recipient.trim()), amount.value],
    }),
  ];

  return (
    <section className="card" aria-labelledby="send-metis">
      <h2 id="send-metis" className="text-lg font-semibold">
        Send METIS
      </h2>
      <TxForm form={form} errors={errors} steps={steps} label={`Send on ${config[chain].name}`} busyLabel="Sending…" className="mt-3 space-y-3">
        <fieldset className="flex gap-2" disabled={form.busy}>
          <legend className="label">Chain</legend>
          {(['l1', 'l2'] as const).map((key) => (
            <label key={key} className={`btn-secondary flex-1 cursor-pointer ${chain === key ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}>
              <input type="radio" name="chain" value={key} checked={chain === key} onChange={() => form.set('chain', key)} className="sr-only" />
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
          {...form.field('recipient', errors.recipient)}
        />
        <AmountField
          id="send-amount"
          label="Amount"
          {...form.amountField('amount', errors.amount)}
          max={balance}
          maxLabel={`Max: ${balance === undefined ? '' : formatMetis(balance)}`}
        />
      </TxForm>
    </section>
  );
}
