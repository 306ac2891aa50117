import { parseMarkdown, type Inline } from '@/lib/markdown';

function Inlines({ parts }: { parts: Inline[] }) {
  return parts.map((p, i) =>
    p.kind === 'strong' ? (
      <strong key={i}>{p.text}</strong>
    ) : p.kind === 'em' ? (
      <em key={i}>{p.text}</em>
    ) : p.kind === 'code' ? (
      <code key={i} className="rounded bg-zinc-100 px-1 font-mono text-[0.9em] dark:bg-zinc-800">
        {p.text}
      </code>
    ) : p.kind === 'link' ? (
      <a key={i} href={p.href} className="underline" rel="noreferrer nofollow" target="_blank">
        {p.text}
      </a>
    ) : (
      p.text
    ),
  );
}

/** A proposal's markdown text, rendered from parsed data (never as HTML). */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      {parseMarkdown(source).map((b, i) => {
        if (b.kind === 'heading') {
          const Tag = `h${b.level + 1}` as 'h3' | 'h4' | 'h5';
          return (
            <Tag key={i} className="pt-1 font-semibold">
              <Inlines parts={b.inline} />
            </Tag>
          );
        }
        if (b.kind === 'list') {
          const List = b.ordered ? 'ol' : 'ul';
          return (
            <List key={i} className={`space-y-1 pl-5 ${b.ordered ? 'list-decimal' : 'list-disc'}`}>
              {b.items.map((item, j) => (
                <li key={j}>
                  <Inlines parts={item} />
                </li>
              ))}
            </List>
          );
        }
        return (
          <p key={i}>
            <Inlines parts={b.inline} />
          </p>
        );
      })}
    </div>
  );
}
