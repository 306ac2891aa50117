import type { Abi, ContractFunctionArgs, ContractFunctionName } from 'viem';
import type { Config } from 'wagmi';
import { simulateContract, writeContract, type SimulateContractParameters } from 'wagmi/actions';
import type { TxStep } from './use-transaction';

/**
 * One contract call as a step of a flow: simulated first (so a revert shows its custom error
 * before the wallet asks to sign), then sent with exactly the simulated request.
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
      return writeContract(config, request);
    },
  };
}
