'use client';

import { useQuery } from '@tanstack/react-query';
import { apiGet } from '@/lib/api';
import { parseSequencerMetadata } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';

/** A sequencer's display name by id (its metadata name, else "Sequencer #id"), from the API's list. */
export function useSequencerNames(): (id: string) => string {
  const config = useAppConfig();
  const sequencers = useQuery({ queryKey: ['sequencers', config.apiUrl], queryFn: () => apiGet(config.apiUrl, '/sequencers') });
  return (id: string) => {
    const s = sequencers.data?.items.find((x) => x.id === id);
    return (s && parseSequencerMetadata(s.metadataURI).name) ?? `Sequencer #${id}`;
  };
}
