/**
 * Demo traffic for the local stack: pays L2 fees into the FeeVault so that revenue accrues while
 * the stack runs (docs/MECHANISMS.md §4.6; in production the L2's fee-vault predeploy forwards real fees). Each
 * epoch's fees are released with the epoch report at the next rotation, relayed to L1 and shared by
 * the stakers of the epoch's sequencer.
 *
 *   tsx relayer/traffic.ts
 *
 * Environment: METIS_HUB_DEPLOYMENT / METIS_HUB_NETWORK (which deployment file; local only),
 * TRAFFIC_INTERVAL_MS (pause between payments, default 5000).
 *
 * The payer is anvil dev account `TRAFFIC_ACCOUNT_INDEX` (the stack starts anvil with enough
 * accounts); the deployer, which is the L2 METIS bridge locally, mints it L2 METIS when it runs low.
 * End-to-end tests call `payDemoFees` once to make revenue appear on demand.
 */
import { type Account, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { Sender } from '../contracts/script/lib/sender';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { feeVaultAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { loadDeployment } from '../lib/deployment/load';
import type { Deployment } from '../lib/deployment/types';
import { describeError } from '../lib/errors';

/** Anvil dev account that pays the demo fees (0 deployer, 1..10 demo, 11..13 committee, 14..39 seed and tests). */
export const TRAFFIC_ACCOUNT_INDEX = 49;
/** L2 METIS minted to the payer whenever its balance cannot cover a payment. */
const TOP_UP = parseEther('10000');

export function trafficAccount(): Account {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: TRAFFIC_ACCOUNT_INDEX });
}

/** A demo fee between 0.0004 and 0.004 METIS: revenue of a percent or two a year on the seeded stake (see rewardsProfile). */
export function randomFee(): bigint {
  return parseEther('0.0004') + (parseEther('0.0036') * BigInt(Math.floor(Math.random() * 1_000))) / 1_000n;
}

/**
 * Pays one fee of `amount` L2 METIS into the FeeVault from the traffic account (local deployments
 * only), minting and approving first if needed, and waits for it to be mined. Returns the amount.
 */
export async function payDemoFees(deployment: Deployment, opts: { amount?: bigint; payer?: Account; minter?: Account } = {}): Promise<bigint> {
  if (deployment.network !== 'local') throw new Error('demo traffic runs on the local network only');
  const vault = deployment.l2.contracts.FeeVault;
  if (!vault) throw new Error('the deployment has no FeeVault');
  const amount = opts.amount ?? randomFee();
  const chain = toViemChain(deployment.l2);
  const payer = new Sender(chain, opts.payer ?? trafficAccount());
  const token = contractOf(deployment, 'l2', 'L2Metis');
  const who = payer.account.address;

  const [balance, allowance] = await Promise.all([
    payer.public.readContract({ ...token, functionName: 'balanceOf', args: [who] }),
    payer.public.readContract({ ...token, functionName: 'allowance', args: [who, vault.address] }),
  ]);
  if (balance < amount) {
    const minter = new Sender(chain, opts.minter ?? mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }));
    await minter.write('mint L2 METIS for demo traffic', { ...token, functionName: 'mint', args: [who, amount + TOP_UP] });
    await minter.settle();
  }
  if (allowance < amount) {
    await payer.write('approve the fee vault', { ...token, functionName: 'approve', args: [vault.address, 2n ** 256n - 1n] });
    await payer.settle();
  }
  await payer.write('pay a demo fee', { address: vault.address, abi: feeVaultAbi, functionName: 'payFee', args: [amount] });
  await payer.settle();
  return amount;
}

async function main() {
  const deployment = loadDeployment();
  const interval = Number(process.env.TRAFFIC_INTERVAL_MS ?? 5_000);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));
  console.log(`[traffic] paying demo fees into ${deployment.l2.contracts.FeeVault?.address} every ${interval} ms`);
  let total = 0n;
  while (!stopping) {
    try {
      const paid = await payDemoFees(deployment);
      total += paid;
      console.log(`[traffic] paid ${Number(paid) / 1e18} METIS (total ${Number(total) / 1e18})`);
    } catch (err) {
      console.log(`[traffic] ${describeError(err)}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(`[traffic] ${describeError(err)}`);
    process.exit(1);
  });
}
