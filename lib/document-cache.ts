import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A rendered page kept for other readers. */
interface Document {
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** Headers of the first answer that a replay must not repeat (Node sets them for each answer). */
const HOP_HEADERS = ['connection', 'keep-alive', 'transfer-encoding', 'date'];

/** A URL's last complete document, and the render under way for it, if any. */
interface Entry {
  /** When `document` was complete. */
  at: number;
  document: Document | null;
  rendering: Promise<Document | null> | null;
}

/**
 * Micro-caching of rendered pages (docs/ARCHITECTURE.md, "Many readers"). A page is the same for every
 * reader (the wallet lives in the browser, the server reads no cookie), so a GET for a document is
 * rendered once per URL (and accepted encoding) for everyone: that render answers every request that
 * arrives while it runs and for `maxAgeMs` after. Once that has passed, the next request renders it
 * anew, and until that render is done the others get the last copy at once: only one reader per URL
 * ever waits for a render. Only a complete 200 HTML answer without cookies is kept (any other answer
 * drops the copy). Client navigations and refreshes (RSC requests), server actions, assets and any
 * other method go straight to `handler`, as does a HEAD nobody has rendered yet.
 */
export function documentCache(handler: Handler, maxAgeMs: number, maxEntries = 500): Handler {
  const entries = new Map<string, Entry>();
  return async (req, res) => {
    const key = cacheKey(req);
    if (key === null) return handler(req, res);
    const entry = entries.get(key);
    // Fresh, or stale while a newer one renders.
    if (entry?.document && (Date.now() - entry.at < maxAgeMs || entry.rendering)) return replay(res, entry.document, req.method === 'HEAD');
    if (entry?.rendering) {
      const document = await entry.rendering;
      if (document) return replay(res, document, req.method === 'HEAD');
    }
    if (req.method === 'HEAD') return handler(req, res);
    let settle: (document: Document | null) => void = () => {};
    const rendering = new Promise<Document | null>((resolve) => (settle = resolve));
    const current: Entry = entry ?? { at: 0, document: null, rendering: null };
    current.rendering = rendering;
    entries.delete(key);
    entries.set(key, current);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    rendering.then((document) => {
      current.rendering = null;
      if (document) {
        current.document = document;
        current.at = Date.now();
      } else if (entries.get(key) === current) entries.delete(key);
    });
    capture(res, settle);
    try {
      await handler(req, res);
    } catch (error) {
      settle(null);
      throw error;
    }
  };
}

/** The cache key of a request for a whole document, or null when it must not be shared. */
function cacheKey(req: IncomingMessage): string | null {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return null;
  const h = req.headers;
  if (h.rsc || h['next-router-state-tree'] || h['next-router-prefetch'] || h['next-router-segment-prefetch'] || h['next-action'] || h.authorization)
    return null;
  if (req.url.startsWith('/_next/') || req.url.includes('_rsc=')) return null;
  return `${h['accept-encoding'] ?? ''} ${req.url}`;
}

/** Tees what the handler writes; settles with the document once it is fully sent, if it may be shared. */
function capture(res: ServerResponse, settle: (document: Document | null) => void) {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  // Headers given to writeHead are sent but not kept by the response: note them.
  let written: OutgoingHttpHeaders = {};
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const headers = rest.find((x) => typeof x === 'object' && x !== null);
    if (headers && !Array.isArray(headers)) written = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    return writeHead.call(this, status, ...(rest as []));
  } as ServerResponse['writeHead'];
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, encoding?: unknown, cb?: unknown) {
    keep(chunk, encoding);
    return write.call(this, chunk, encoding as BufferEncoding, cb as () => void);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, encoding?: unknown, cb?: unknown) {
    keep(chunk, encoding);
    return end.call(this, chunk, encoding as BufferEncoding, cb as () => void);
  } as ServerResponse['end'];
  res.once('finish', () => {
    const headers = { ...res.getHeaders(), ...written };
    const shareable = res.statusCode === 200 && String(headers['content-type'] ?? '').startsWith('text/html') && headers['set-cookie'] === undefined;
    settle(shareable ? { headers, body: Buffer.concat(chunks) } : null);
  });
  res.once('close', () => settle(null));
}

function replay(res: ServerResponse, document: Document, headOnly: boolean) {
  const headers: OutgoingHttpHeaders = { ...document.headers, 'content-length': document.body.length, 'x-document-cache': 'hit' };
  for (const name of HOP_HEADERS) delete headers[name];
  res.writeHead(200, headers);
  res.end(headOnly ? undefined : document.body);
}
