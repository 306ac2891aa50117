import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { eq, inArray, or } from 'ponder';
import { type Address, getAddress } from 'viem';
import { NAMES_MAX, type NameItem } from '../../../lib/api';
import { parseSequencerMetadata } from '../../../lib/sequencers';
import { profileItem } from './items';
import { BadRequest, parseAddress } from './params';
import { reply } from './respond';

// Names, not hex (docs/MECHANISMS.md §8): an account's profile, and the best indexed name of up to
// NAMES_MAX addresses at once (so that a page names every address it shows in one request).
const profiles = new Hono();

/** GET /profiles/:address  The account's profile; 404 if it has none (never set, or cleared). */
profiles.get('/profiles/:address', async (c) => {
  const address = parseAddress(c.req.param('address'));
  const [row] = await db.select().from(schema.profile).where(eq(schema.profile.address, address));
  if (!row) return c.json({ error: `${address} has no profile` }, 404);
  return reply(c, '/profiles/:address', profileItem(row));
});

/**
 * `addresses`: up to NAMES_MAX comma-separated addresses, each exactly an address (no spaces; repeats
 * counted once), or BadRequest naming the first bad one. Absent or empty: none, so the answer is empty.
 */
function parseAddresses(value: string | undefined): Address[] {
  if (value === undefined || value === '') return [];
  const parts = value.split(',');
  if (parts.length > NAMES_MAX) throw new BadRequest(`addresses must list at most ${NAMES_MAX} addresses, got ${parts.length}`);
  return [...new Set(parts.map((a, i) => parseAddress(a, `addresses[${i}]`)))];
}

/**
 * GET /names?addresses=a,b,c  For each address (in the order asked, repeats once): its profile name, else
 * the name in the metadata of the sequencer it operates or signs for (the latest registered, an exited one
 * last), else the name of the Commons group at that address; null when the index knows none.
 */
profiles.get('/names', async (c) => {
  const addresses = parseAddresses(c.req.query('addresses'));
  if (addresses.length === 0) return reply(c, '/names', { items: [] });
  const p = schema.profile;
  const s = schema.sequencer;
  const g = schema.commonsGroup;
  const [named, sequencers, groups] = await Promise.all([
    db.select({ address: p.address, name: p.name }).from(p).where(inArray(p.address, addresses)),
    db
      .select({ owner: s.owner, signer: s.signer, status: s.status, registeredAt: s.registeredAt, metadataURI: s.metadataURI })
      .from(s)
      .where(or(inArray(s.owner, addresses), inArray(s.signer, addresses))),
    db.select({ address: g.address, name: g.name }).from(g).where(inArray(g.address, addresses)),
  ]);
  const key = (a: string) => a.toLowerCase();
  const byProfile = new Map(named.map((r) => [key(r.address), r.name]));
  const bySequencer = new Map<string, string>();
  // Exited sequencers first and older ones before newer, so the live, latest one's name is written last.
  const ordered = [...sequencers].sort((a, b) => Number(b.status === 'exited') - Number(a.status === 'exited') || Number(a.registeredAt - b.registeredAt));
  for (const row of ordered) {
    const name = parseSequencerMetadata(row.metadataURI).name;
    if (!name) continue;
    for (const a of [row.owner, row.signer]) bySequencer.set(key(a), name);
  }
  const byGroup = new Map(groups.map((r) => [key(r.address), r.name]));
  const items = addresses.map((address): NameItem => {
    const a = key(address);
    const profile = byProfile.get(a);
    if (profile) return { address: getAddress(address), name: profile, source: 'profile' };
    const sequencer = bySequencer.get(a);
    if (sequencer) return { address: getAddress(address), name: sequencer, source: 'sequencer' };
    const group = byGroup.get(a);
    if (group) return { address: getAddress(address), name: group, source: 'group' };
    return { address: getAddress(address), name: null, source: null };
  });
  return reply(c, '/names', { items });
});

export default profiles;
