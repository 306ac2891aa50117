import { SimulationError, simulate } from '@/lib/server/simulate';
import { MAX_SIMULATION_BODY_BYTES, parseSimulationRequest, type SimulationRefusal, type SimulationResult } from '@/lib/simulation';

// POST /api/simulate: a proposal's actions (`{ proposalId }`, read from the chain-data API) or the builder's
// (`{ actions }`) run on local forks of both chains (lib/server/simulate.ts; docs/ARCHITECTURE.md). Bad input is a 400 with a
// reason; an unknown proposal 404; a busy or failing simulator 503; a run past its time 504.

export const dynamic = 'force-dynamic';

const refuse = (status: number, error: string) => Response.json({ error } satisfies SimulationRefusal, { status });

export async function POST(request: Request): Promise<Response> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_SIMULATION_BODY_BYTES) return refuse(400, `the body is larger than ${MAX_SIMULATION_BODY_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_SIMULATION_BODY_BYTES) return refuse(400, `the body is larger than ${MAX_SIMULATION_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refuse(400, 'the body is not JSON');
  }
  const parsed = parseSimulationRequest(body);
  if (!parsed.ok) return refuse(400, parsed.error);
  try {
    const result = await simulate(parsed.request);
    return Response.json(result satisfies SimulationResult, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    if (e instanceof SimulationError) return refuse(e.status, e.message);
    throw e;
  }
}
