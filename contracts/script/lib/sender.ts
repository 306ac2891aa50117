import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  createPublicClient,
  createWalletClient,
  type Hash,
  http,
  type PublicClient,
  type TransactionReceipt,
  WaitForTransactionReceiptTimeoutError,
  type WalletClient,
} from 'viem';

/**
 * Sends a run of transactions from one account without waiting for each to be mined: nonces are
 * tracked locally, and `settle()` waits for all of them and fails on the first revert. Deploying
 * and seeding take a few blocks instead of one block per transaction.
 */
export class Sender {
  readonly public: PublicClient;
  readonly wallet: WalletClient;
  private nonce: number | undefined;
  private pending: { hash: Hash; label: string }[] = [];

  constructor(
    readonly chain: Chain,
    readonly account: Account,
  ) {
    const transport = http(chain.rpcUrls.default.http[0]);
    this.public = createPublicClient({ chain, transport });
    this.wallet = createWalletClient({ chain, transport, account });
  }

  get address(): Address {
    return this.account.address;
  }

  private async nextNonce(): Promise<number> {
    this.nonce ??= await this.public.getTransactionCount({ address: this.address, blockTag: 'pending' });
    return this.nonce++;
  }

  /** Deploys a contract and waits for it; returns its address and deployment block. */
  async deploy(label: string, abi: Abi, bytecode: `0x${string}`, args: readonly unknown[] = []) {
    const hash = await this.wallet.deployContract({
      abi,
      bytecode,
      args,
      account: this.account,
      chain: this.chain,
      nonce: await this.nextNonce(),
    });
    const receipt = await this.receipt(hash, label);
    if (!receipt.contractAddress) throw new Error(`${label}: no contract address in receipt`);
    return { address: receipt.contractAddress, startBlock: Number(receipt.blockNumber) };
  }

  /**
   * Queues a contract call; `settle()` waits for it. Without `gas` the node estimates it against the
   * mined state, so a call that depends on a queued one must wait for `settle()` first. If sending
   * fails, the next call re-reads the account's nonce instead of leaving a gap.
   */
  async write<const abi extends Abi, name extends ContractFunctionName<abi, 'nonpayable' | 'payable'>>(
    label: string,
    call: {
      address: Address;
      abi: abi;
      functionName: name;
      args?: ContractFunctionArgs<abi, 'nonpayable' | 'payable', name>;
      gas?: bigint;
    },
  ): Promise<Hash> {
    const nonce = await this.nextNonce();
    try {
      const hash = await this.wallet.writeContract({
        ...(call as object),
        account: this.account,
        chain: this.chain,
        nonce,
      } as never);
      this.pending.push({ hash, label });
      return hash;
    } catch (err) {
      this.nonce = undefined;
      throw err;
    }
  }

  /**
   * Waits for every queued transaction; then throws for the first that reverted. The next run of
   * writes reads the account's nonce from the node again: a transaction mined and then dropped by a
   * reorg (docs/ARCHITECTURE.md, reorgs) would otherwise leave a gap that blocks every later one.
   */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    const results = await Promise.allSettled(pending.map(({ hash, label }) => this.receipt(hash, label)));
    if (this.pending.length === 0) this.nonce = undefined;
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Waits for a transaction's receipt for as long as the node still knows the transaction; one that
   * is neither mined nor pending any more (dropped, e.g. with the block a reorg replaced) fails at
   * once instead of after viem's three minutes (docs/ARCHITECTURE.md, reorgs).
   */
  private async receipt(hash: Hash, label: string): Promise<TransactionReceipt> {
    for (;;) {
      try {
        const receipt = await this.public.waitForTransactionReceipt({ hash, pollingInterval: 200, timeout: 15_000 });
        if (receipt.status !== 'success') throw new Error(`${label}: transaction ${hash} reverted`);
        return receipt;
      } catch (err) {
        if (!(err instanceof WaitForTransactionReceiptTimeoutError)) throw err;
        const known = await this.public.getTransaction({ hash }).catch(() => null);
        if (!known) throw new Error(`${label}: transaction ${hash} was dropped (neither mined nor pending)`);
      }
    }
  }
}
