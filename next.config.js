// @ts-check
const network = process.env.METIS_HUB_NETWORK ?? 'local';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  env: {
    // Build-time switch: only builds for the local network contain the demo-account wallet.
    NEXT_PUBLIC_DEMO_ACCOUNTS: network === 'local' ? '1' : '',
  },
  // The indexer, relayer, contracts and e2e folders are separate programs, not part of the app.
  outputFileTracingExcludes: { '*': ['contracts/**', 'indexer/**', 'e2e/**', '.stack/**'] },
  turbopack: {
    resolveAlias: {
      // Optional peer dependencies of wallet SDKs that the browser bundle never needs.
      'pino-pretty': { browser: './lib/empty.js' },
      '@react-native-async-storage/async-storage': { browser: './lib/empty.js' },
    },
  },
};

export default nextConfig;
