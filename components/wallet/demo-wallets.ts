import type { Wallet, WalletList } from '@rainbow-me/rainbowkit';
import { createConnector } from 'wagmi';
import { injected } from 'wagmi/connectors';
import type { Deployment } from '@/lib/deployment/types';
import { createDevAccountProvider } from '@/lib/wallet/dev-account-provider';

const COLORS = ['#00cfc0', '#6366f1', '#f59e0b', '#ef4444', '#10b981', '#8b5cf6', '#ec4899', '#0ea5e9', '#84cc16', '#f97316'];

function avatar(letter: string, color: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="28" height="28"><rect width="28" height="28" rx="6" fill="${color}"/><text x="14" y="19" font-family="sans-serif" font-size="14" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * Local deployments only: a wallet-dialog group with one entry per seeded demo account, each an
 * injected connector over an anvil-unlocked account. Only imported behind the local-build switch.
 */
export function demoWalletGroup(config: Deployment): WalletList[number] {
  const rpcUrls = { [config.l1.chainId]: config.l1.rpcUrl, [config.l2.chainId]: config.l2.rpcUrl };
  const wallets = (config.demoAccounts ?? []).map((account, i) => (): Wallet => {
    const id = `demo-${account.name.toLowerCase()}`;
    const provider = createDevAccountProvider({ address: account.address, rpcUrls, chainId: config.l1.chainId });
    return {
      id,
      name: `${account.name} (demo)`,
      iconUrl: avatar(account.name[0], COLORS[i % COLORS.length]),
      iconBackground: COLORS[i % COLORS.length],
      installed: true,
      createConnector: (walletDetails) =>
        createConnector((wagmiConfig) => ({
          ...injected({ target: { id, name: `${account.name} (demo)`, provider: provider as never } })(wagmiConfig),
          ...walletDetails,
        })),
    };
  });
  return { groupName: 'Demo accounts (local only)', wallets };
}
