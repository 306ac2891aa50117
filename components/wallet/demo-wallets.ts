import { type CreateConnectorFn, injected } from 'wagmi';
import type { Deployment } from '@/lib/deployment/types';
import { createDevAccountProvider } from '@/lib/wallet/dev-account-provider';

const COLORS = ['#00cfc0', '#6366f1', '#f59e0b', '#ef4444', '#10b981', '#8b5cf6', '#ec4899', '#0ea5e9', '#84cc16', '#f97316'];

/** The id prefix of the demo connectors, by which the wallet dialog groups them. */
export const DEMO_CONNECTOR_PREFIX = 'demo-';

function avatar(letter: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><rect width="28" height="28" rx="6" fill="${color}"/><text x="14" y="19" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * Local deployments only: one connector per seeded demo account, each an injected connector over an
 * anvil-unlocked account. Only imported behind the local-build switch.
 */
export function demoConnectors(config: Deployment): CreateConnectorFn[] {
  const rpcUrls = { [config.l1.chainId]: config.l1.rpcUrl, [config.l2.chainId]: config.l2.rpcUrl };
  return (config.demoAccounts ?? []).map((account, i) => {
    const provider = createDevAccountProvider({ address: account.address, rpcUrls, chainId: config.l1.chainId });
    return injected({
      target: {
        id: `${DEMO_CONNECTOR_PREFIX}${account.name.toLowerCase()}`,
        name: `${account.name} (demo)`,
        icon: avatar(account.name[0], COLORS[i % COLORS.length]),
        provider: provider as never,
      },
    });
  });
}
