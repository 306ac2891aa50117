import { formatDateTime } from '@/lib/format';

const W = 600;
const H = 160;
const PAD = 4;

export interface Bar {
  /** Unix seconds. */
  t: number;
  label: string;
  /** Stacked bottom to top, in the order of `series`. */
  values: bigint[];
}

/**
 * Amounts per period as stacked bars (an account's rewards per epoch, mining under revenue),
 * rendered on the server or the client as SVG: no chart library. Every bar has a title with its
 * figures, and the whole chart an aria-label that says what it shows and over which range.
 */
export function BarChart({
  bars,
  series,
  what,
  format,
  empty,
}: {
  bars: Bar[];
  series: { name: string; className: string }[];
  what: string;
  format: (value: bigint) => string;
  empty: string;
}) {
  if (bars.length === 0) return <p className="muted text-sm">{empty}</p>;
  const totals = bars.map((b) => b.values.reduce((a, v) => a + v, 0n));
  const top = totals.reduce((m, v) => (v > m ? v : m), 0n);
  const slot = (W - 2 * PAD) / bars.length;
  const height = (v: bigint) => (top === 0n ? 0 : (Number((v * 1_000_000n) / top) / 1_000_000) * (H - 2 * PAD));
  const range = `${formatDateTime(bars[0].t)} to ${formatDateTime(bars.at(-1)!.t)}`;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-40 w-full" role="img" aria-label={`${what} from ${range}; highest ${format(top)}`} data-testid="bar-chart">
        {bars.map((b, i) => {
          let y = H - PAD;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: bars are positional (one per bucket, in order)
            <g key={i}>
              <title>{`${b.label}: ${series.map((s, j) => `${s.name} ${format(b.values[j])}`).join(', ')}`}</title>
              {b.values.map((v, j) => {
                const h = height(v);
                y -= h;
                // biome-ignore lint/suspicious/noArrayIndexKey: one segment per series, in series order
                return <rect key={j} x={PAD + i * slot + slot * 0.1} width={slot * 0.8} y={y} height={h} className={series[j].className} />;
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted mt-1 flex flex-wrap justify-between gap-2 text-xs">
        <span>
          {series.map((s) => (
            <span key={s.name} className="mr-3 inline-flex items-center gap-1">
              <svg width="10" height="10" aria-hidden>
                <rect width="10" height="10" className={s.className} />
              </svg>
              {s.name}
            </span>
          ))}
        </span>
        <span>
          {range} · highest {format(top)}
        </span>
      </figcaption>
    </figure>
  );
}
