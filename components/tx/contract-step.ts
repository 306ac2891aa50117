import { encodeFunctionData, type Abi, type EncodeFunctionDataParameters, type Address, type ContractFunctionArgs, type ContractFunctionName } from 'viem';
import type { Config } from 'wagmi';
import { estimateGas, readContract, simulateContract, writeContract, type SimulateContractParameters } from 'wagmi/actions';
import type { metisTokenAbi } from '@/lib/contracts/abis';
import type { TxStep } from './use-transaction';

/**
 * Gas limit headroom over the estimate: 25%, and never less than 50,000. An estimate runs against
 * the latest block, the transaction lands in a later one: a path that depends on the block (e.g.
 * veMETIS writes new voting checkpoints when the second has changed and overwrites them when not)
 * can need two fresh storage slots (~44k) more than estimated, which 25% of a small call does not
 * cover. Unused gas is not charged.
 */
function withHeadroom(estimate: bigint): bigint {
  const extra = estimate / 4n;
  return estimate + (extra > 50_000n ? extra : 50_000n);
}

/**
 * One contract call as a step of a flow: simulated first (so a revert shows its custom error
 * before the wallet asks to sign), then sent with exactly the simulated request and a gas limit
 * with headroom over the estimate.
 */
export function contractStep<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(
  config: Config,
  label: string,
  call: SimulateContractParameters<abi, functionName, args, Config> & { chainId: number },
): TxStep {
  return {
    label,
    chainId: call.chainId,
    send: async () => {
      const { request } = await simulateContract(config, call as SimulateContractParameters);
      const { abi, functionName, args, address, account } = call as SimulateContractParameters;
      const estimate = await estimateGas(config, {
        account: account ?? undefined,
        chainId: call.chainId,
        to: address,
        data: encodeFunctionData({ abi, functionName, args } as EncodeFunctionDataParameters),
      });
      return writeContract(config, { ...request, gas: withHeadroom(estimate) });
    },
  };
}

/**
 * The approve step that lets `spender` pull `amount` of `token` from `owner`, or none when the
 * current allowance already covers it. `label` says what the approval is for.
 */
export async function approvalSteps(
  config: Config,
  token: { address: Address; abi: typeof metisTokenAbi; chainId: number },
  owner: Address,
  spender: Address,
  amount: bigint,
  label = 'Approve METIS for staking',
): Promise<TxStep[]> {
  const allowance = await readContract(config, { ...token, functionName: 'allowance', args: [owner, spender] });
  if (allowance >= amount) return [];
  return [contractStep(config, label, { ...token, account: owner, functionName: 'approve', args: [spender, amount] })];
}
