import { type Address, decodeFunctionData, encodeFunctionData, getAddress, type Hex } from 'viem';
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

/**
 * An action that crosses the bus: `MessageOutbox.sendMessage(GovernanceExecutor, execute(target, value, data), gasLimit)`
 * on L2, the shape `l1Call` writes; null for any other action (an L2 action, or a
 * message to another L1 contract, which the executor would not obey).
 * (The words helper's lib/action-words.ts decomposes the same shape for display; merge the two when both land.)
 */
export function decodeL1Call(
  deployment: Pick<Deployment, 'l1' | 'l2'>,
  action: Pick<ProposalAction, 'target' | 'calldata'>,
): { target: Address; value: bigint; data: Hex; gasLimit: bigint } | null {
  const outbox = deployment.l2.contracts.MessageOutbox?.address;
  const executor = deployment.l1.contracts.GovernanceExecutor?.address;
  if (!outbox || !executor || action.target.toLowerCase() !== outbox.toLowerCase()) return null;
  try {
    const send = decodeFunctionData({ abi: messageOutboxAbi, data: action.calldata });
    if (send.functionName !== 'sendMessage') return null;
    const [to, message, gasLimit] = send.args;
    if (to.toLowerCase() !== executor.toLowerCase()) return null;
    const exec = decodeFunctionData({ abi: governanceExecutorAbi, data: message });
    if (exec.functionName !== 'execute') return null;
    const [target, value, data] = exec.args;
    return { target: getAddress(target), value, data, gasLimit };
  } catch {
    return null;
  }
}

/** The (targets, values, calldatas) arrays of `propose` / `queue` / `execute` for some actions. */
export function proposalArgs(actions: ProposalAction[]): [Address[], bigint[], Hex[]] {
  return [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata)];
}
