import { type Address, encodeFunctionData, type Hex } from 'viem';
import { governanceExecutorAbi, messageOutboxAbi } from './contracts/abis';
import type { Deployment } from './deployment/types';

/** One action of a governor proposal: what the L2 timelock calls when the proposal executes. */
export interface ProposalAction {
  target: Address;
  value: bigint;
  calldata: Hex;
}

/**
 * Gas the L1 inbox forwards to the executor for an L1 action, unless the caller says otherwise: a
 * parameter change plus the executor's own bookkeeping fits comfortably.
 */
export const DEFAULT_L1_GAS_LIMIT = 500_000n;

/**
 * The proposal action that makes the L1 GovernanceExecutor call `target` with `data` (and `value`
 * wei from the executor's balance): the L2 timelock sends a bus message through the L2 outbox; the
 * committee delivers it on L1, where the executor checks that its original sender is the timelock.
 * E.g. `l1Call(d, d.l1.contracts.SequencerStaking.address, encodeFunctionData({ abi:
 * sequencerStakingAbi, functionName: 'setLockBounds', args: [min, max] }))`.
 */
export function l1Call(deployment: Deployment, target: Address, data: Hex, opts: { value?: bigint; gasLimit?: bigint } = {}): ProposalAction {
  const executorCall = encodeFunctionData({
    abi: governanceExecutorAbi,
    functionName: 'execute',
    args: [target, opts.value ?? 0n, data],
  });
  return {
    target: deployment.l2.contracts.MessageOutbox.address,
    value: 0n,
    calldata: encodeFunctionData({
      abi: messageOutboxAbi,
      functionName: 'sendMessage',
      args: [deployment.l1.contracts.GovernanceExecutor.address, executorCall, opts.gasLimit ?? DEFAULT_L1_GAS_LIMIT],
    }),
  };
}

/** The (targets, values, calldatas) arrays of `propose` / `queue` / `execute` for some actions. */
export function proposalArgs(actions: ProposalAction[]): [Address[], bigint[], Hex[]] {
  return [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata)];
}
