'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const RegisterForm = dynamic(() => import('./register-form'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

export function RegisterActions() {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to register a sequencer." />}>
      <RegisterForm />
    </WalletOnly>
  );
}
