'use client';

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { ChainKey } from '@/lib/deployment/types';

const PageChainContext = createContext<{ needed?: ChainKey; setNeeded(chain?: ChainKey): void }>({ setNeeded() {} });

/** Lets a page (or a form on it) say which chain it transacts on, so the header can offer a switch. */
export function PageChainProvider({ children }: { children: ReactNode }) {
  const [needed, setNeeded] = useState<ChainKey>();
  return <PageChainContext.Provider value={{ needed, setNeeded }}>{children}</PageChainContext.Provider>;
}

/** Declares the chain the calling component transacts on, while it is mounted. */
export function useNeedChain(chain: ChainKey | undefined) {
  const { setNeeded } = useContext(PageChainContext);
  useEffect(() => {
    setNeeded(chain);
    return () => setNeeded(undefined);
  }, [chain, setNeeded]);
}

export function useNeededChain(): ChainKey | undefined {
  return useContext(PageChainContext).needed;
}
