import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem';
import { formatMetis } from './format';

type Describe = (args: readonly unknown[]) => string;

/** Readable sentences for the custom errors our contracts and OpenZeppelin revert with. */
const CUSTOM_ERRORS: Record<string, Describe> = {
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough METIS: you have ${formatMetis(balance as bigint)} and this needs ${formatMetis(needed as bigint)}.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The contract may spend only ${formatMetis(allowance as bigint)} of your METIS, and this needs ${formatMetis(needed as bigint)}. Approve it first.`,
  ERC20InvalidReceiver: ([receiver]) => `METIS cannot be sent to ${receiver}.`,
  ERC2612ExpiredSignature: () => 'The signed permit has expired. Sign it again.',
  ERC2612InvalidSigner: () => 'The permit was signed by another account.',
  NotBridge: () => 'Only the bridge may mint or burn METIS on L2.',
  CapExceeded: () => 'This would take METIS above its 10,000,000 supply cap.',
};

/** Turns anything a wallet, viem or a contract throws into one sentence for people. */
export function describeError(err: unknown): string {
  if (!(err instanceof BaseError)) {
    if (isRejection(err)) return 'You rejected the request in your wallet.';
    return err instanceof Error ? err.message : String(err);
  }
  if (err.walk((e) => e instanceof UserRejectedRequestError) || isRejection(err.walk())) {
    return 'You rejected the request in your wallet.';
  }
  const revert = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (revert instanceof ContractFunctionRevertedError) {
    const name = revert.data?.errorName;
    if (name && CUSTOM_ERRORS[name]) return CUSTOM_ERRORS[name](revert.data?.args ?? []);
    if (name) return `The contract refused: ${name}.`;
    if (revert.reason) return `The contract refused: ${revert.reason}.`;
  }
  return err.shortMessage || err.message;
}

function isRejection(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 4001;
}
