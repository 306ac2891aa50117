import { interestsOf } from '@/lib/interests';

/** A profile's topics (lib/interests.ts), as tags; nothing when it names none. */
export function InterestList({ mask }: { mask: number }) {
  const interests = interestsOf(mask);
  if (interests.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2 text-xs" aria-label="Interests">
      {interests.map((i) => (
        <li key={i.key} className="rounded-full border border-zinc-300 px-2 py-0.5 dark:border-zinc-700">
          {i.label}
        </li>
      ))}
    </ul>
  );
}
