import { parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { l2MetisAbi } from '../../lib/contracts/abis';
import { metisTokens } from '../../lib/contracts/tokens';
import type { DemoAccount, Deployment } from '../../lib/deployment/types';
import { Sender } from './lib/sender';
import { ANVIL_MNEMONIC } from './networks';

/** Seeded accounts: anvil dev accounts 1..10 (account 0 deploys and holds the treasury). */
export const DEMO_NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];

const L1_GRANT = parseEther('250000');
const L2_GRANT = parseEther('50000');

export function demoSigner(index: number) {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index + 1 });
}

/** Funds every demo account with METIS on both chains and leaves a little transfer history. */
export async function seedDemo(deployment: Deployment, l1: Sender, l2: Sender): Promise<DemoAccount[]> {
  const tokens = metisTokens(deployment);
  const accounts = DEMO_NAMES.map((name, i) => ({ name, address: demoSigner(i).address }));

  for (const { address, name } of accounts) {
    await l1.write(`fund ${name} on L1`, { ...tokens.l1, functionName: 'transfer', args: [address, L1_GRANT] });
    await l2.write(`fund ${name} on L2`, {
      address: tokens.l2.address,
      abi: l2MetisAbi,
      functionName: 'mint',
      args: [address, L2_GRANT],
    });
  }
  await Promise.all([l1.settle(), l2.settle()]);

  // A few transfers between demo accounts, so that histories are not empty.
  const history: [number, number, string, 'l1' | 'l2'][] = [
    [0, 1, '1250', 'l1'],
    [1, 2, '400', 'l1'],
    [2, 0, '75.5', 'l2'],
    [3, 0, '3000', 'l2'],
    [0, 4, '12', 'l2'],
  ];
  const senders: Sender[] = [];
  for (const [from, to, amount, side] of history) {
    const chain = side === 'l1' ? l1.chain : l2.chain;
    const sender = new Sender(chain, demoSigner(from));
    senders.push(sender);
    await sender.write(`demo transfer ${DEMO_NAMES[from]} → ${DEMO_NAMES[to]}`, {
      ...tokens[side],
      functionName: 'transfer',
      args: [accounts[to].address, parseEther(amount)],
    });
    await sender.settle();
  }
  return accounts;
}
