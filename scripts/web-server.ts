/**
 * The web app's production server (`npm run serve`, what the stack's production mode runs): Next's own
 * request handler behind the document micro-cache of lib/document-cache.ts, so that fifty readers of a
 * page cost one render per `shared` pace (lib/polling.ts) rather than fifty (docs/ARCHITECTURE.md,
 * "Many readers"). Options: `-p PORT` (default $PORT or 3000), `-H HOST` (default all interfaces).
 * Serves the build in .next (`npm run build` first); the network is METIS_HUB_NETWORK, as at build.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import next from 'next';
import { documentCache } from '../lib/document-cache';
import { pollMs } from '../lib/polling';
import { ROOT } from './lib/stack';

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const app = next({ dev: false, dir: ROOT, port, hostname: values.hostname });
const handle = app.getRequestHandler();
await app.prepare();
const network = process.env.METIS_HUB_NETWORK ?? 'local';
createServer(documentCache(handle, pollMs(network, 'shared'))).listen(port, values.hostname, () => {
  console.log(`Metis Hub web (production) on http://${values.hostname ?? 'localhost'}:${port}`);
});
