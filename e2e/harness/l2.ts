import assert from 'node:assert/strict';
import { type Address, createWalletClient, encodeFunctionData, http } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../../contracts/script/networks';
import { commonsRegistryAbi, l2MetisAbi, veMetisAbi } from '../../lib/contracts/abis';
import { contractOf } from '../../lib/contracts/descriptors';
import { toViemChain } from '../../lib/deployment/chains';
import { withHeadroom } from '../../lib/gas';
import { advanceTime, chainClient, type TestStack } from './stack';

// Setting the Commons stage on L2 from anvil dev accounts (the node holds their keys), for tests
// whose subject is what comes after: voting, proposing.

/** Sends a transaction from an anvil dev account (the node holds its key) and waits for it. */
export async function send(stack: TestStack, from: Address, call: { address: Address; data: `0x${string}` }) {
  const chain = toViemChain(stack.deployment.l2);
  const wallet = createWalletClient({ chain, transport: http(stack.deployment.l2.rpcUrl), account: from });
  // The same headroom as the app's transaction steps: an estimate taken a block early can fall short
  // (veMETIS and council writes cost more when they land in a new second).
  const estimate = await chainClient(stack, 'l2').estimateGas({ account: from, to: call.address, data: call.data });
  const gas = withHeadroom(estimate);
  const hash = await wallet.sendTransaction({ to: call.address, data: call.data, chain, gas });
  const receipt = await chainClient(stack, 'l2').waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
}

/** Locally the deployer is L2 METIS's bridge: it mints `amount` for `to`. */
export async function mintL2(stack: TestStack, to: Address, amount: bigint) {
  const deployer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 }).address;
  const { L2Metis } = stack.deployment.l2.contracts;
  await send(stack, deployer, { address: L2Metis.address, data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'mint', args: [to, amount] }) });
}

/** Gives `address` (an anvil dev account) a veMETIS lock of `amount` for the longest duration, from L2 METIS minted for it. */
export async function lock(stack: TestStack, address: Address, amount: bigint) {
  const { contracts } = stack.deployment.l2;
  const ve = { address: contracts.VeMetis.address, abi: veMetisAbi } as const;
  const duration = await chainClient(stack, 'l2').readContract({ ...ve, functionName: 'maxLockDuration' });
  await mintL2(stack, address, amount);
  await send(stack, address, {
    address: contracts.L2Metis.address,
    data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'approve', args: [ve.address, amount] }),
  });
  await send(stack, address, { address: ve.address, data: encodeFunctionData({ abi: veMetisAbi, functionName: 'createLock', args: [amount, duration] }) });
}

/**
 * Anvil dev account `index`, with a veMETIS lock (made here, from L2 METIS minted for it, if it has none). A lock
 * made here counts on return: the governor reads votes a second back, so the chain is moved on a second after it.
 */
export async function voter(stack: TestStack, index: number, amount: bigint): Promise<Address> {
  const ve = contractOf(stack.deployment, 'l2', 'VeMetis');
  const { address } = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
  const [locked] = await chainClient(stack, 'l2').readContract({ ...ve, functionName: 'lockOf', args: [address] });
  if (locked === 0n) {
    await lock(stack, address, amount);
    await advanceTime(stack, 1);
  }
  return address;
}

/** The L2 governance contracts: the governor, the Eco Node council and the timelock. */
export function governance(stack: TestStack) {
  return {
    governor: contractOf(stack.deployment, 'l2', 'CommonsGovernor'),
    council: contractOf(stack.deployment, 'l2', 'EcoNodeCouncil'),
    timelock: contractOf(stack.deployment, 'l2', 'Timelock'),
  };
}

/** A Commons group named `name` with `steward` as steward, created on chain by `steward` (remainder policy 0); its address. */
export async function createGroup(stack: TestStack, steward: Address, name: string): Promise<Address> {
  const registry = contractOf(stack.deployment, 'l2', 'CommonsRegistry');
  await send(stack, steward, {
    address: registry.address,
    data: encodeFunctionData({ abi: commonsRegistryAbi, functionName: 'createGroup', args: [name, '', steward, 0] }),
  });
  const l2 = chainClient(stack, 'l2');
  const count = await l2.readContract({ ...registry, functionName: 'groupCount' });
  return l2.readContract({ ...registry, functionName: 'groupAt', args: [count - 1n] });
}
