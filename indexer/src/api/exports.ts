import { db } from 'ponder:api';
import { Hono } from 'hono';
import { csvRow } from '../../../lib/csv';
import { EXPORT_KINDS, EXPORT_ROUTE, EXPORTS, exportFilename } from '../../../lib/exports';
import { exportRows } from './account-sql';
import { BadRequest, parseAddress, parseEnum } from './params';

// An account's data as CSV (docs/ARCHITECTURE.md, "Exports"). Outside lib/api.ts ApiRoutes: those are JSON
// answers that `reply` checks and `apiGet` parses, and a CSV file is neither.
const exportRoutes = new Hono();

/** Rows written per chunk of the stream. */
const CHUNK_ROWS = 200;

/** Whether a path is an export's (they stream, so the shared answers of ./shared pass them by). */
export const isExportPath = (path: string) => /^\/accounts\/[^/]+\/export\/[^/]+$/.test(path);

/**
 * GET /accounts/:address/export/:kind  The account's `kind` file (lib/exports.ts EXPORT_KINDS): a header row,
 * then one row per event, oldest first, streamed as the walk reads its pages. A bad address or kind is a 400
 * with a reason, before anything is written.
 */
exportRoutes.get(EXPORT_ROUTE, async (c) => {
  const account = parseAddress(c.req.param('address'));
  const kind = parseEnum(c.req.param('kind'), 'kind', EXPORT_KINDS);
  if (!kind) throw new BadRequest(`kind must be one of ${EXPORT_KINDS.join(', ')}`);
  const rows = exportRows(db, kind, account);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(EXPORTS[kind].columns)));
    },
    async pull(controller) {
      try {
        let chunk = '';
        for (let i = 0; i < CHUNK_ROWS; i++) {
          const next = await rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += csvRow(next.value);
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        // Headers are sent: the download fails (it is cut short) rather than ending as if complete.
        console.error(err);
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${exportFilename(account, kind)}"`,
      'cache-control': 'no-store',
    },
  });
});

export default exportRoutes;
