'use client';

import { type ReactNode, useState } from 'react';
import { Tabs } from '../ui/tabs';

const TABS = ['voters', 'non-voters'] as const;
type Tab = (typeof TABS)[number];
const LABEL: Record<Tab, string> = { voters: 'Voters', 'non-voters': "Hasn't voted" };

/** The proposal's voters and, beside them, the delegates that held votes at its snapshot and have not voted. */
export function VoterTabs({ voters, nonVoters }: { voters: ReactNode; nonVoters: ReactNode }) {
  const [tab, setTab] = useState<Tab>('voters');
  return (
    <section className="card space-y-3" aria-label="Votes">
      <Tabs<Tab> id="voter-tabpanel" label="Votes" tabs={TABS} selected={tab} onSelect={setTab} labelOf={(t) => LABEL[t]} />
      <div role="tabpanel" id="voter-tabpanel" aria-labelledby={`voter-tabpanel-${tab}`}>
        {tab === 'voters' ? voters : nonVoters}
      </div>
    </section>
  );
}
