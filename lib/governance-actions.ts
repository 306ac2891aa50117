import { type Address, decodeFunctionData, encodeFunctionData, type Hex } from 'viem';
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

/** What an L1 action's bus message makes happen on L1 (see `l1Call`, of which this is the inverse). */
export interface L1Message {
  /** The L1 contract the L1 inbox delivers the message to (the GovernanceExecutor, for an `l1Call`). */
  target: Address;
  /** The calldata delivered to it. */
  data: Hex;
  /** The gas the L1 inbox forwards with it. */
  gasLimit: bigint;
  /**
   * The calls the GovernanceExecutor makes, in order, when `data` is its `execute` (one call) or `executeBatch`
   * (several); undefined when the message is not addressed to the executor or is some other call of it (it then
   * runs as it is, and the executor refuses any function but those two from the bus).
   */
  calls: { target: Address; value: bigint; data: Hex }[] | undefined;
}

/**
 * The L1 side of a proposal action that sends a bus message to L1 (`MessageOutbox.sendMessage` on L2, as
 * `l1Call` makes it), decomposed into the executor's calls; undefined for any other action (an L2 call, or
 * calldata that is not a `sendMessage`). The one decomposition of L1 actions: the words of a proposal
 * (lib/action-words.ts) and its simulation both read it.
 */
export function l1MessageOf(deployment: Pick<Deployment, 'l1' | 'l2'>, action: { target: Address; calldata: Hex }): L1Message | undefined {
  const outbox = deployment.l2.contracts.MessageOutbox?.address;
  if (!outbox || action.target.toLowerCase() !== outbox.toLowerCase()) return undefined;
  let message: { target: Address; data: Hex; gasLimit: bigint };
  try {
    const { functionName, args } = decodeFunctionData({ abi: messageOutboxAbi, data: action.calldata });
    if (functionName !== 'sendMessage') return undefined;
    message = { target: args[0], data: args[1], gasLimit: args[2] };
  } catch {
    return undefined;
  }
  const executor = deployment.l1.contracts.GovernanceExecutor?.address;
  if (!executor || message.target.toLowerCase() !== executor.toLowerCase()) return { ...message, calls: undefined };
  try {
    const decoded = decodeFunctionData({ abi: governanceExecutorAbi, data: message.data });
    if (decoded.functionName === 'execute') {
      const [target, value, data] = decoded.args;
      return { ...message, calls: [{ target, value, data }] };
    }
    if (decoded.functionName === 'executeBatch') {
      return { ...message, calls: decoded.args[0].map((c) => ({ target: c.target, value: c.value, data: c.data })) };
    }
  } catch {
    // Not a call of the executor's ABI: delivered as it is (and refused).
  }
  return { ...message, calls: undefined };
}

/** The (targets, values, calldatas) arrays of `propose` / `queue` / `execute` for some actions. */
export function proposalArgs(actions: ProposalAction[]): [Address[], bigint[], Hex[]] {
  return [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata)];
}
