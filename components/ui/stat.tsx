/** A labelled figure in a facts card ("Self-lock: 50,000 METIS"), with an optional hint under it. */
export function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div>
      <p className="muted">{label}</p>
      <p className="mt-0.5 font-semibold">{value}</p>
      {hint && <p className="muted text-xs">{hint}</p>}
    </div>
  );
}
