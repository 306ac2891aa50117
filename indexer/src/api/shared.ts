import type { MiddlewareHandler } from 'hono';
import { sharedReads } from '../../../lib/live';

/** An answer as it is kept: enough to answer another request for the same URL. */
interface Answer {
  status: number;
  type: string | null;
  body: ArrayBuffer;
}

/** Thrown to the followers of a request that failed (5xx): they get its answer, and it is not kept. */
class Failed {
  constructor(readonly answer: Answer) {}
}

const HEADER = 'x-answer-cache';

/**
 * Many readers of one URL cost the API one answer (docs/ARCHITECTURE.md, "Many readers"): a GET is
 * answered once per URL for `maxAgeMs` (the `shared` pace of lib/polling.ts), and that answer serves
 * every request for the same URL that arrives while it is made and for the pace after
 * (`x-answer-cache: hit`). In the pace after that, the first request is answered afresh and the others
 * get the last answer until the new one is made. An answer of 5xx is not kept. A request with `cache-control: no-cache` is
 * always answered afresh. Paths `bypass` accepts (streamed files, which would be read whole to be kept) are
 * always answered afresh too.
 */
export function sharedAnswers(maxAgeMs: number, { bypass }: { bypass?: (path: string) => boolean } = {}): MiddlewareHandler {
  const read = sharedReads(maxAgeMs, { staleMs: maxAgeMs });
  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.header('cache-control')?.includes('no-cache') || bypass?.(c.req.path)) return next();
    let made = false;
    const answer = await read<Answer>(c.req.url, async () => {
      made = true;
      await next();
      const kept = { status: c.res.status, type: c.res.headers.get('content-type'), body: await c.res.clone().arrayBuffer() };
      if (kept.status >= 500) throw new Failed(kept);
      return kept;
    }).catch((e: unknown) => {
      if (e instanceof Failed) return e.answer;
      throw e;
    });
    if (made) return;
    c.res = new Response(answer.body, { status: answer.status, headers: { ...(answer.type ? { 'content-type': answer.type } : {}), [HEADER]: 'hit' } });
  };
}
