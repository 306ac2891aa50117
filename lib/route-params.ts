import { type Address, getAddress, isAddress, maxUint256 } from 'viem';

/**
 * The one check of a page's dynamic route segment (`[id]`, `[address]`): the value, or undefined when
 * it is malformed, so that the page answers 404 (`parseX(raw) ?? notFound()`) before asking anyone.
 * The bounds are those the chain-data API accepts (indexer/src/api/params.ts).
 */

/** A proposal id: a uint256 in decimal, without leading zeros. */
export function parseProposalId(raw: string): bigint | undefined {
  if (!/^[1-9]\d{0,77}$/.test(raw)) return undefined;
  const id = BigInt(raw);
  return id <= maxUint256 ? id : undefined;
}

/** A sequencer id: a positive whole number of at most 19 digits, in decimal without leading zeros. */
export function parseSequencerId(raw: string): string | undefined {
  return /^[1-9]\d{0,18}$/.test(raw) ? raw : undefined;
}

/** An address (any letter case), checksummed. */
export function parseAddressParam(raw: string): Address | undefined {
  return isAddress(raw, { strict: false }) ? getAddress(raw) : undefined;
}
