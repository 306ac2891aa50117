'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of registering a sequencer loads with the wallet stack, never in the page's first load.
const RegisterForm = dynamic(() => import('./register-form'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

/** "Run a sequencer": the registration form, for the connected (whitelisted) account. */
export const RegisterIsland = walletIsland(RegisterForm, { why: 'to register a sequencer.' });
