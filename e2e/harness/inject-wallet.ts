/**
 * Runs in the page before the app (page.addInitScript): an EIP-6963 "Test Wallet" over an
 * anvil-unlocked account. Options come from window.__TEST_WALLET__, set just before this script.
 */
import { createDevAccountProvider, type DevAccountProviderOptions } from '../../lib/wallet/dev-account-provider';

declare global {
  interface Window {
    __TEST_WALLET__: DevAccountProviderOptions;
    testWallet: ReturnType<typeof createDevAccountProvider>;
  }
}

const provider = createDevAccountProvider(window.__TEST_WALLET__);
window.testWallet = provider;

const info = Object.freeze({
  uuid: '6f1c2f0e-7d1c-4a57-9d38-6a0c9f3b7e11',
  name: 'Test Wallet',
  rdns: 'local.metis-hub.test-wallet',
  icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="32" height="32"%3E%3Crect width="32" height="32" fill="%2300cfc0"/%3E%3C/svg%3E',
});
const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
window.addEventListener('eip6963:requestProvider', announce);
announce();
