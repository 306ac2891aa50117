import { GeistMono } from 'geist/font/mono';
import { GeistSans } from 'geist/font/sans';
import type { Metadata, Viewport } from 'next';
import { type ReactNode, Suspense } from 'react';
import { AppConfigProvider } from '@/components/config/app-config';
import { ApiStatusBanner } from '@/components/layout/api-status';
import { Header } from '@/components/layout/header';
import { THEME_SCRIPT, ThemeProvider } from '@/components/layout/theme';
import { PageChainProvider } from '@/components/wallet/page-chain';
import { WalletRoot } from '@/components/wallet/wallet-root';
import { getDeployment } from '@/lib/server/deployment';
import './globals.css';

// Addresses and RPC URLs are read from the deployment file when the server runs, not at build.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Metis Hub', template: '%s · Metis Hub' },
  description: 'Stake METIS behind Metis sequencers, share in their revenue, and govern the network.',
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#fafafa' },
    { media: '(prefers-color-scheme: dark)', color: '#09090b' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  const deployment = getDeployment();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own constant script sets the theme before the first paint (no flash) */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh font-sans">
        <AppConfigProvider config={deployment}>
          <ThemeProvider>
            <PageChainProvider>
              <WalletRoot>
                <Header networkName={deployment.network} />
                <main className="mx-auto max-w-6xl px-4 py-8">
                  {/* Streams in beside the page: a slow API never holds the page up (docs/ARCHITECTURE.md, "Degraded mode"). */}
                  <Suspense fallback={null}>
                    <ApiStatusBanner />
                  </Suspense>
                  {children}
                </main>
              </WalletRoot>
            </PageChainProvider>
          </ThemeProvider>
        </AppConfigProvider>
      </body>
    </html>
  );
}
