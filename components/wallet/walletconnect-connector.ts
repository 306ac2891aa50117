import { walletConnect } from 'wagmi/connectors';

/**
 * WalletConnect (phone wallets by QR code), offered only by builds with a project id: this module is
 * fetched only then (see wallet-stack.tsx), and WalletConnect's own SDK and QR dialog only once the
 * visitor chooses it.
 */
export function walletConnectConnector(projectId: string) {
  return walletConnect({ projectId, metadata: { name: 'Metis Hub', description: 'Stake METIS and govern Metis', url: window.location.origin, icons: [] } });
}
