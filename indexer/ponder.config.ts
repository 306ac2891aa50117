import { fileURLToPath } from 'node:url';
import { createConfig } from 'ponder';
import { l2MetisAbi, metisTokenAbi } from '../lib/contracts/abis';
import { deploymentPath, loadDeployment } from '../lib/deployment/load';

// Chains, addresses and start blocks come from the deployment file of the network
// (METIS_HUB_NETWORK, or METIS_HUB_DEPLOYMENT for an explicit file).
const deployment = loadDeployment(deploymentPath(undefined, fileURLToPath(new URL('..', import.meta.url))));
const local = deployment.network === 'local';

export default createConfig({
  // Each chain is indexed as soon as its blocks arrive: no waiting for the other chain.
  ordering: 'multichain',
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.PONDER_PGLITE_DIR },
  chains: {
    l1: { id: deployment.l1.chainId, rpc: deployment.l1.rpcUrl, pollingInterval: local ? 250 : 2_000 },
    l2: { id: deployment.l2.chainId, rpc: deployment.l2.rpcUrl, pollingInterval: local ? 250 : 1_000 },
  },
  contracts: {
    MetisToken: {
      chain: 'l1',
      abi: metisTokenAbi,
      address: deployment.l1.contracts.MetisToken.address,
      startBlock: deployment.l1.contracts.MetisToken.startBlock,
    },
    L2Metis: {
      chain: 'l2',
      abi: l2MetisAbi,
      address: deployment.l2.contracts.L2Metis.address,
      startBlock: deployment.l2.contracts.L2Metis.startBlock,
    },
  },
});
