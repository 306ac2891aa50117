import { Hono } from 'hono';
import { and, desc, eq, lt, or } from 'ponder';
import { db } from 'ponder:api';
import schema from 'ponder:schema';
import config from '../../ponder.config';
import { BadRequest, encodeCursor, parseAddress, parseChain, parseCursor, parseLimit } from './params';

// Ponder itself serves /health (process up), /ready (historical indexing done) and /status
// (latest indexed block per chain).
const app = new Hono();

app.onError((err, c) => {
  if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
  console.error(err);
  return c.json({ error: 'internal error' }, 500);
});

/** GET /accounts/:address/transfers?limit=&cursor=&chain=  METIS transfers touching an account, newest first. */
app.get('/accounts/:address/transfers', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const chain = parseChain(c.req.query('chain'));
  const t = schema.accountTransfer;

  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.account, account),
        chain ? eq(t.chainId, config.chains[chain].id) : undefined,
        cursor
          ? or(lt(t.timestamp, cursor.timestamp), and(eq(t.timestamp, cursor.timestamp), lt(t.id, cursor.id)))
          : undefined,
      ),
    )
    .orderBy(desc(t.timestamp), desc(t.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return c.json({
    items: page.map((row) => ({
      id: row.id,
      chain: row.chainId === config.chains.l1.id ? 'l1' : 'l2',
      chainId: row.chainId,
      direction: row.direction,
      counterparty: row.counterparty,
      amount: row.amount.toString(),
      blockNumber: Number(row.blockNumber),
      timestamp: Number(row.timestamp),
      txHash: row.txHash,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  });
});

app.notFound((c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

export default app;
