'use client';

import { useEffect, useId, useState } from 'react';
import { addressLabel } from '@/lib/names';
import {
  formatParameter,
  type JsonValue,
  type ParameterChange,
  type SimulatedCall,
  type SimulatedEvent,
  type SimulationRefusal,
  type SimulationRequest,
  type SimulationResult,
} from '@/lib/simulation';
import { useAppConfig } from '../config/app-config';

type State = { stage: 'idle' } | { stage: 'running'; since: number } | { stage: 'done'; result: SimulationResult } | { stage: 'failed'; error: string };

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;

/**
 * "Simulate": runs a proposal's actions (or the builder's) on local forks of both chains through POST
 * /api/simulate (lib/server/simulate.ts; docs/ARCHITECTURE.md) and shows, per action, whether it would pass or revert and
 * why, its events, and the parameters it changes. Needs no wallet. `request` is null while there is nothing to
 * simulate (`unavailable` says why).
 */
export function SimulatePanel({ request, unavailable }: { request: SimulationRequest | null; unavailable?: string }) {
  const [state, setState] = useState<State>({ stage: 'idle' });
  const [now, setNow] = useState(0);
  const headingId = useId();
  useEffect(() => {
    if (state.stage !== 'running') return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [state.stage]);

  async function run() {
    if (!request) return;
    const since = Date.now();
    setNow(since);
    setState({ stage: 'running', since });
    try {
      const res = await fetch('/api/simulate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
      const body = (await res.json().catch(() => ({ error: `the simulator answered ${res.status}` }))) as SimulationResult | SimulationRefusal;
      if (!res.ok || 'error' in body) setState({ stage: 'failed', error: 'error' in body ? body.error : `the simulator answered ${res.status}` });
      else setState({ stage: 'done', result: body });
    } catch {
      setState({ stage: 'failed', error: 'the simulator could not be reached' });
    }
  }

  return (
    <section className="card space-y-3" aria-labelledby={headingId} data-testid="simulation" data-stage={state.stage}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          Simulation
        </h2>
        <button type="button" className="btn-secondary" onClick={() => void run()} disabled={!request || state.stage === 'running'}>
          {state.stage === 'running' ? 'Simulating…' : state.stage === 'idle' ? 'Simulate' : 'Simulate again'}
        </button>
      </div>
      <p className="muted text-sm">
        Runs the actions on private copies (forks) of L2, and of L1 for actions that cross the bus, at the current block, as the timelock would execute them.
        Nothing is sent to the real chains; no wallet is needed.
      </p>
      {!request && unavailable && <p className="muted text-sm">{unavailable}</p>}
      <div aria-live="polite" className="space-y-3">
        {state.stage === 'running' && (
          <p className="text-sm" data-testid="simulation-stage">
            Forking the chains at the current block and running the actions… ({seconds(now - state.since)})
          </p>
        )}
        {state.stage === 'failed' && (
          <p className="text-sm text-red-700 dark:text-red-300" role="alert">
            The simulation could not run: {state.error}.
          </p>
        )}
        {state.stage === 'done' && <SimulationReport result={state.result} />}
      </div>
    </section>
  );
}

function SimulationReport({ result }: { result: SimulationResult }) {
  const failed = result.actions.find((a) => a.status === 'reverted' || a.l1?.status === 'reverted');
  const { l1 } = result.durationMs;
  return (
    <div className="space-y-3">
      <p className="text-sm font-medium" data-testid="simulation-summary">
        {failed
          ? `Action ${failed.index + 1} would revert${failed.status === 'ok' ? ' on L1' : ''}.`
          : `All ${result.actions.length} action${result.actions.length === 1 ? '' : 's'} would succeed.`}
      </p>
      <p className="muted text-xs" data-testid="simulation-meta">
        Forked L2 at block {result.forkBlock.l2}
        {result.forkBlock.l1 !== null && <> and L1 at block {result.forkBlock.l1}</>} · took {seconds(result.durationMs.total)} (L2{' '}
        {seconds(result.durationMs.l2)}
        {l1 !== null && <>, L1 {seconds(l1)}</>}){result.cached && ' · the last result for this block'}
      </p>
      <ol className="space-y-3 text-sm">
        {result.actions.map((a) => (
          <li
            key={a.index}
            className="min-w-0 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
            data-testid="simulated-action"
            data-status={a.status}
          >
            <p>
              <span className="font-semibold">{a.index + 1}.</span>{' '}
              <span className="font-mono break-all">{a.call ? `${a.call.contract}.${a.call.functionName}` : <Address value={a.target} />}</span> on L2:{' '}
              <Status call={a} />
            </p>
            <CallDetails call={a} />
            {a.crossesBus && a.status === 'ok' && !a.l1 && <p className="muted mt-1 text-xs">Its L1 part did not run: an action of the batch reverted.</p>}
            {a.l1 && (
              <div className="mt-2 border-l-2 border-zinc-300 pl-3 dark:border-zinc-700" data-testid="simulated-l1" data-status={a.l1.status}>
                <p>
                  Then on L1, through the bus (message #{a.l1.nonce}):{' '}
                  <span className="font-mono break-all">
                    {a.l1.contract && a.l1.functionName ? `${a.l1.contract}.${a.l1.functionName}` : <Address value={a.l1.target} />}
                  </span>{' '}
                  <Status call={a.l1} />
                </p>
                {a.l1.deliveredBefore > 0 && (
                  <p className="muted text-xs">
                    {a.l1.deliveredBefore} earlier bus message{a.l1.deliveredBefore === 1 ? ' was' : 's were'} still waiting for L1 and delivered first.
                  </p>
                )}
                <CallDetails call={a.l1} />
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}

function Status({ call }: { call: SimulatedCall }) {
  if (call.status === 'ok') return <span className="font-semibold text-emerald-700 dark:text-emerald-300">succeeds</span>;
  if (call.status === 'not-run') return <span className="muted">{call.reason ?? 'not run (an earlier action reverted)'}</span>;
  return (
    <>
      <span className="font-semibold text-red-700 dark:text-red-300">reverts</span>
      <span className="block text-red-700 dark:text-red-300" data-testid="simulated-reason" data-error={call.errorName ?? ''}>
        {call.reason}
      </span>
    </>
  );
}

function CallDetails({ call }: { call: SimulatedCall }) {
  return (
    <>
      {call.changes.length > 0 && <Changes changes={call.changes} />}
      {call.status === 'ok' && call.changes.length === 0 && <p className="muted mt-1 text-xs">No parameter of the called contract changes.</p>}
      {call.events.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-semibold">
            {call.events.length} event{call.events.length === 1 ? '' : 's'}
          </summary>
          <ul className="mt-1 space-y-1 text-xs">
            {call.events.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a transaction's logs are fixed and ordered
              <Event key={i} event={e} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function Changes({ changes }: { changes: ParameterChange[] }) {
  return (
    <div className="mt-2 overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Parameters before and after</caption>
        <thead>
          <tr className="muted">
            <th scope="col" className="py-1 pr-2 font-medium">
              Parameter
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Before
            </th>
            <th scope="col" className="py-1 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr
              key={`${c.address}-${c.name}`}
              data-testid="parameter-change"
              data-name={c.name}
              data-before={raw(c.before)}
              data-after={raw(c.after)}
              className="border-t border-zinc-200 dark:border-zinc-800"
            >
              <th scope="row" className="py-1 pr-2 font-mono font-normal">
                {c.contract}.{c.name}
              </th>
              <td className="py-1 pr-2 break-all">{formatParameter(c.name, c.before)}</td>
              <td className="py-1 break-all">{formatParameter(c.name, c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const raw = (v: JsonValue) => (typeof v === 'string' ? v : JSON.stringify(v));

function Event({ event }: { event: SimulatedEvent }) {
  const args = Object.entries(event.args);
  return (
    <li className="min-w-0 break-all" data-testid="simulated-event" data-name={event.name ?? ''}>
      <span className="font-mono font-semibold">
        {event.contract ?? <Address value={event.address} />}.{event.name ?? 'unknown event'}
      </span>
      <span className="font-mono">
        (
        {args.map(([k, v], i) => (
          <span key={k}>
            {i > 0 && ', '}
            {k}: {typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? <Address value={v} /> : raw(v)}
          </span>
        ))}
        )
      </span>
    </li>
  );
}

function Address({ value }: { value: string }) {
  const config = useAppConfig();
  return (
    <span className="font-mono" title={value}>
      {addressLabel(config, value)}
    </span>
  );
}
