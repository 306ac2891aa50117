import { type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type EncodeFunctionDataParameters, encodeFunctionData } from 'viem';
import type { Config } from 'wagmi';
import { estimateGas, readContract, type SimulateContractParameters, simulateContract, writeContract } from 'wagmi/actions';
import type { metisTokenAbi } from '@/lib/contracts/abis';
import { withHeadroom } from '@/lib/gas';
import type { TxStep } from './use-transaction';

/**
 * One contract call as a step of a flow: simulated first (so a revert shows its custom error
 * before the wallet asks to sign), then sent with exactly the simulated request and a gas limit
 * with headroom over the estimate.
 */
export function contractStep<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
  args extends ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>,
>(config: Config, label: string, call: SimulateContractParameters<abi, functionName, args, Config> & { chainId: number }): TxStep {
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
