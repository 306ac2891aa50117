import { ponder } from 'ponder:registry';
import { profile } from 'ponder:schema';
import { decodeStatement } from '../../../lib/profiles';

// Profiles (docs/MECHANISMS.md §8): each `ProfileSet` carries the whole profile, so the row is the
// event's values (an inline statement decoded once, here); `ProfileCleared` removes it.

ponder.on('ProfileRegistry:ProfileSet', async ({ event, context }) => {
  const { account, name, statementURI, links, interests } = event.args;
  const values = {
    name,
    statementURI,
    statement: decodeStatement(statementURI) ?? null,
    links: [...links],
    interests: Number(interests),
    updatedAt: event.block.timestamp,
    updatedTx: event.transaction.hash,
  };
  await context.db
    .insert(profile)
    .values({ address: account, ...values })
    .onConflictDoUpdate(values);
});

ponder.on('ProfileRegistry:ProfileCleared', async ({ event, context }) => {
  await context.db.delete(profile, { address: event.args.account });
});
