import { formatDateTime } from '@/lib/format';

const W = 600;
const H = 160;
const PAD = 4;

/**
 * An amount over time as a step line (it changes only at events), from the oldest event shown up to
 * `now`: a sequencer's stake, a group's pooled votes. Rendered on the server as SVG: no chart
 * library in the bundle. `what` names the amount for screen readers ("Total stake").
 */
export function StepChart({
  points,
  now,
  what,
  format,
  empty,
}: {
  points: { t: number; value: bigint }[];
  now: number;
  what: string;
  format: (value: bigint, opts?: { digits?: number }) => string;
  empty: string;
}) {
  if (points.length === 0) return <p className="muted text-sm">{empty}</p>;
  const series = [...points, { t: Math.max(now, points.at(-1)!.t), value: points.at(-1)!.value }];
  const t0 = series[0].t;
  const span = Math.max(1, series.at(-1)!.t - t0);
  const top = series.reduce((m, p) => (p.value > m ? p.value : m), series[0].value);
  const bottom = series.reduce((m, p) => (p.value < m ? p.value : m), series[0].value);
  // The axis spans the range the stake moved in (with a margin below), labelled, rather than from 0:
  // a self-lock would otherwise flatten every change into the top pixel.
  const lo = bottom - (top - bottom) / 10n;
  const range = top - lo;
  const x = (t: number) => PAD + ((t - t0) / span) * (W - 2 * PAD);
  // Scaled to millionths of the range before turning into numbers, so huge wei values stay exact enough.
  const y = (v: bigint) => (range === 0n ? H / 2 : H - PAD - (Number(((v - lo) * 1_000_000n) / range) / 1_000_000) * (H - 2 * PAD));
  let d = `M${x(series[0].t).toFixed(1)},${y(series[0].value).toFixed(1)}`;
  for (let i = 1; i < series.length; i++) d += ` H${x(series[i].t).toFixed(1)} V${y(series[i].value).toFixed(1)}`;
  const first = series[0];
  const last = series.at(-1)!;

  return (
    <figure>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="h-40 w-full text-brand-500"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${what} from ${format(first.value)} on ${formatDateTime(first.t)} to ${format(last.value)} now, between ${format(bottom)} and ${format(top)}`}
        data-testid="step-chart"
      >
        <path d={`${d} V${H} H${x(first.t).toFixed(1)} Z`} className="fill-current opacity-10" />
        <path d={d} className="fill-none stroke-current" strokeWidth={2} vectorEffect="non-scaling-stroke" />
      </svg>
      <figcaption className="muted mt-1 flex justify-between text-xs tabular-nums">
        <span>{formatDateTime(first.t)}</span>
        <span>
          {format(bottom, { digits: 0 })} – {format(top, { digits: 0 })}
        </span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}
