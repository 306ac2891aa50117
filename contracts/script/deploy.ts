/**
 * Deploys Metis Hub's contracts to both chains of a network and writes deployments/<network>.json.
 * With --seed (local only) it then funds the demo accounts.
 *
 *   tsx contracts/script/deploy.ts --network local [--seed] [--out FILE]
 *
 * Environment: L1_RPC_URL, L2_RPC_URL (defaults: local anvil ports), API_URL (the indexer),
 * DEPLOYER_PRIVATE_KEY (required off local; locally anvil's first dev account),
 * L1_METIS_ADDRESS / L2_METIS_ADDRESS (use the canonical METIS instead of deploying a test token).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Address, Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { l2MetisAbi, metisTokenAbi } from '../../lib/contracts/abis';
import { toViemChain } from '../../lib/deployment/chains';
import type { ChainDeployment, ContractDeployment, Deployment } from '../../lib/deployment/types';
import { bytecode } from './lib/artifacts';
import { Sender } from './lib/sender';
import { ANVIL_MNEMONIC, NETWORKS } from './networks';
import { seedDemo } from './seed';

export interface DeployOptions {
  network: string;
  l1RpcUrl: string;
  l2RpcUrl: string;
  apiUrl: string;
  out: string;
  seed: boolean;
}

export async function deploy(opts: DeployOptions): Promise<Deployment> {
  const preset = NETWORKS[opts.network];
  if (!preset) throw new Error(`Unknown network "${opts.network}" (known: ${Object.keys(NETWORKS).join(', ')})`);
  const local = opts.network === 'local';
  const key = process.env.DEPLOYER_PRIVATE_KEY as Hex | undefined;
  if (!local && !key) throw new Error('DEPLOYER_PRIVATE_KEY is required to deploy off the local network');
  const account = key ? privateKeyToAccount(key) : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });

  const l1Chain: ChainDeployment = { ...preset.l1, rpcUrl: opts.l1RpcUrl, contracts: {} };
  const l2Chain: ChainDeployment = { ...preset.l2, rpcUrl: opts.l2RpcUrl, contracts: {} };
  const l1 = new Sender(toViemChain(l1Chain), account);
  const l2 = new Sender(toViemChain(l2Chain), account);
  for (const [side, sender, expected] of [['L1', l1, l1Chain.chainId], ['L2', l2, l2Chain.chainId]] as const) {
    const actual = await sender.public.getChainId();
    if (actual !== expected) throw new Error(`${side} RPC answers chain id ${actual}, expected ${expected}`);
  }

  // L1: METIS (canonical token where it exists; a capped test token minted to the deployer else).
  l1Chain.contracts.MetisToken = await existingOrDeploy(l1, process.env.L1_METIS_ADDRESS, () =>
    l1.deploy('MetisToken', metisTokenAbi, bytecode('MetisToken'), [account.address]),
  );
  // L2: METIS ERC-20. Until the message bus exists the deployer acts as its bridge.
  l2Chain.contracts.L2Metis = await existingOrDeploy(l2, process.env.L2_METIS_ADDRESS, () =>
    l2.deploy('L2Metis', l2MetisAbi, bytecode('L2Metis'), [account.address]),
  );

  const deployment: Deployment = { network: opts.network, l1: l1Chain, l2: l2Chain, apiUrl: opts.apiUrl };
  if (opts.seed) {
    if (!local) throw new Error('--seed only makes sense on the local network');
    deployment.demoAccounts = await seedDemo(deployment, l1, l2);
  }
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(deployment, null, 2) + '\n');
  return deployment;
}

async function existingOrDeploy(
  sender: Sender,
  address: string | undefined,
  deployIt: () => Promise<ContractDeployment>,
): Promise<ContractDeployment> {
  if (!address) return deployIt();
  const code = await sender.public.getCode({ address: address as Address });
  if (!code || code === '0x') throw new Error(`No contract at ${address} on chain ${sender.chain.id}`);
  return { address: address as Address, startBlock: Number(await sender.public.getBlockNumber()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      network: { type: 'string', default: 'local' },
      seed: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const network = values.network!;
  deploy({
    network,
    l1RpcUrl: process.env.L1_RPC_URL ?? `http://127.0.0.1:${process.env.L1_PORT ?? 8545}`,
    l2RpcUrl: process.env.L2_RPC_URL ?? `http://127.0.0.1:${process.env.L2_PORT ?? 9545}`,
    apiUrl: process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 42069}`,
    out: values.out ?? path.resolve('deployments', `${network}.json`),
    seed: values.seed!,
  }).then(
    (d) => console.log(`Deployed ${d.network}: ${JSON.stringify({ l1: d.l1.contracts, l2: d.l2.contracts })}`),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
