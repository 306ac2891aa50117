import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Deployment } from './types';

/** The network whose deployment file is used: `METIS_HUB_NETWORK`, `local` by default. */
export function networkName(): string {
  return process.env.METIS_HUB_NETWORK ?? 'local';
}

/** Path of a network's deployment file; `METIS_HUB_DEPLOYMENT` overrides it. */
export function deploymentPath(network = networkName(), root = process.cwd()): string {
  return process.env.METIS_HUB_DEPLOYMENT ?? path.join(root, 'deployments', `${network}.json`);
}

/** Reads and checks a deployment file (server side only). */
export function loadDeployment(file = deploymentPath()): Deployment {
  let raw: string;
  try {
    raw = readFileSync(/*turbopackIgnore: true*/ file, 'utf8');
  } catch {
    throw new Error(`No deployment file at ${file}. Run \`npm start\` for the local stack, or set METIS_HUB_NETWORK / METIS_HUB_DEPLOYMENT.`);
  }
  const deployment = JSON.parse(raw) as Deployment;
  for (const key of ['l1', 'l2'] as const) {
    const chain = deployment[key];
    if (!chain?.chainId || !chain.rpcUrl || !chain.contracts) {
      throw new Error(`Deployment file ${file} has no valid "${key}" section.`);
    }
  }
  return deployment;
}
