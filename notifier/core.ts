import type { NewNotice, NoticeStore } from './store';

/**
 * One stream of notices the notifier derives (docs/ARCHITECTURE.md, "Notifier"). `pass` reads what it
 * needs from the chain-data API and answers the notices of everything up to its new position (the L2
 * clock the API reported, as a decimal string), given the position it last finished (null before its
 * first pass). It may answer notices it answered before: the store skips known keys.
 */
export interface Source {
  name: string;
  pass(cursor: string | null): Promise<{ notices: NewNotice[]; position: string }>;
}

/**
 * One pass of every source, each committed on its own (its notices and its cursor in one transaction):
 * a source that fails leaves its cursor where it was, so its next pass derives the same notices again,
 * and the others go on. Answers the keys that were new; throws the first failure after all have run.
 */
export async function runPass(store: NoticeStore, sources: Source[]): Promise<string[]> {
  const inserted: string[] = [];
  let failure: unknown;
  for (const source of sources) {
    try {
      const { notices, position } = await source.pass(await store.cursor(source.name));
      inserted.push(...(await store.commitPass(source.name, notices, position)));
    } catch (err) {
      failure ??= new Error(`${source.name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
  if (failure) throw failure;
  return inserted;
}
