/**
 * The interest topics of a profile, by bit (`ProfileRegistry.interests`, a bitmask over
 * `INTEREST_COUNT` bits: lib/interests.test.ts pins the count to the contract's). The one vocabulary:
 * the contract stores only bits, the indexer and the API pass the mask, the app names the topics here.
 */
export const INTERESTS = [
  { bit: 0, key: 'staking', label: 'Sequencers and staking' },
  { bit: 1, key: 'governance', label: 'Governance design' },
  { bit: 2, key: 'defi', label: 'DeFi' },
  { bit: 3, key: 'security', label: 'Security and audits' },
  { bit: 4, key: 'public-goods', label: 'Public goods' },
  { bit: 5, key: 'grants', label: 'Ecosystem grants' },
  { bit: 6, key: 'developers', label: 'Developer tooling' },
  { bit: 7, key: 'treasury', label: 'Treasury and tokenomics' },
  { bit: 8, key: 'community', label: 'Community and education' },
  { bit: 9, key: 'research', label: 'Research' },
  { bit: 10, key: 'infrastructure', label: 'Infrastructure' },
  { bit: 11, key: 'legal', label: 'Legal and policy' },
] as const;
export type Interest = (typeof INTERESTS)[number];
export type InterestKey = Interest['key'];
export const INTEREST_KEYS: readonly InterestKey[] = INTERESTS.map((i) => i.key);

/** The topics a mask sets, in bit order (bits beyond the vocabulary are ignored). */
export function interestsOf(mask: bigint | number): Interest[] {
  const m = BigInt(mask);
  return INTERESTS.filter((i) => (m >> BigInt(i.bit)) & 1n);
}

/** The mask of some topics. */
export function interestMask(keys: readonly InterestKey[]): bigint {
  return INTERESTS.filter((i) => keys.includes(i.key)).reduce((m, i) => m | (1n << BigInt(i.bit)), 0n);
}
