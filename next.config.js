// @ts-check
const network = process.env.METIS_HUB_NETWORK ?? 'local';

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` refuses hot-reload connections from origins other than localhost; the stack prints
  // http://localhost:3000, but people also open http://127.0.0.1:3000.
  allowedDevOrigins: ['127.0.0.1'],
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
