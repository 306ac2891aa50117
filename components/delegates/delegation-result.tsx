'use client';

import { type Address, isAddressEqual, zeroAddress } from 'viem';
import { useBlock, useReadContracts } from 'wagmi';
import { commonsContracts } from '@/lib/contracts/commons';
import { contractOf } from '@/lib/contracts/descriptors';
import { delegationCountsSentence } from '@/lib/delegates';
import { formatVotes } from '@/lib/format';
import { useAppConfig } from '../config/app-config';

/** A delegation once confirmed: who delegated, to whom, and the block it landed in. */
export interface Delegated {
  account: Address;
  delegatee: Address;
  /** Whom `delegatee` is, in words ("yourself", a group's name, a name or the address). */
  delegateeName: string;
  blockNumber: bigint;
}

/**
 * What a confirmed delegation did, read from the chain at once (not from the indexer, which follows a moment
 * later): the account's and the delegatee's votes at the delegation's block, and from which proposals it counts,
 * with the governor's voting delay (lib/delegates.ts).
 */
export function DelegationResult({ delegated }: { delegated: Delegated }) {
  const config = useAppConfig();
  const { veMetis } = commonsContracts(config);
  const governor = contractOf(config, 'l2', 'CommonsGovernor');
  const { account, delegatee, blockNumber } = delegated;
  const self = isAddressEqual(account, delegatee);
  const nobody = isAddressEqual(delegatee, zeroAddress);
  const reads = useReadContracts({
    contracts: [
      { ...veMetis, functionName: 'getVotes', args: [account] },
      { ...veMetis, functionName: 'getVotes', args: [delegatee] },
      { ...governor, functionName: 'votingDelay' },
    ],
    blockNumber,
    allowFailure: false,
  });
  const block = useBlock({ chainId: config.l2.chainId, blockNumber });
  if (!reads.data || !block.data) {
    return <p className="muted text-sm">{reads.error ? `Could not read the new voting power: ${reads.error.message}` : 'Reading the new voting power…'}</p>;
  }
  const [accountVotes, delegateeVotes, votingDelay] = reads.data;
  return (
    <div className="rounded-xl bg-emerald-500/10 p-3 text-sm" role="status" data-testid="delegation-result">
      <dl className="grid grid-cols-2 gap-2">
        <div>
          <dt className="muted">Votes delegated to you now</dt>
          <dd className="font-semibold tabular-nums" data-testid="delegation-account-votes" data-value={accountVotes.toString()}>
            {formatVotes(accountVotes)}
          </dd>
        </div>
        {!self && !nobody && (
          <div>
            <dt className="muted">{delegated.delegateeName} now has</dt>
            <dd className="font-semibold tabular-nums" data-testid="delegation-delegatee-votes" data-value={delegateeVotes.toString()}>
              {formatVotes(delegateeVotes)}
            </dd>
          </div>
        )}
      </dl>
      <p className="mt-2" data-testid="delegation-counts-from">
        {delegationCountsSentence(block.data.timestamp, BigInt(votingDelay))}
      </p>
    </div>
  );
}
