/**
 * A small, safe subset of markdown for proposal texts: headings, paragraphs, bullet and numbered
 * lists, and inline bold, italic, code and links. It yields a tree of plain data that the page
 * renders as React elements, so no HTML from a proposal ever reaches the DOM.
 */
export type Inline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };
export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; inline: Inline[] }
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*]+\*|_[^_]+_|\[[^\]]+\]\([^)\s]+\))/;

/** Only web and mail links; anything else (javascript:, data:) stays text. */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function parseInline(text: string): Inline[] {
  return text
    .split(INLINE)
    .filter((part) => part !== '')
    .map((part): Inline => {
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return { kind: 'strong', text: part.slice(2, -2) };
      if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return { kind: 'code', text: part.slice(1, -1) };
      if (/^(\*[^*]+\*|_[^_]+_)$/.test(part)) return { kind: 'em', text: part.slice(1, -1) };
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(part);
      if (link) return SAFE_HREF.test(link[2]) ? { kind: 'link', text: link[1], href: link[2] } : { kind: 'text', text: link[1] };
      return { kind: 'text', text: part };
    });
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: Inline[][] } | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = [];
    list = undefined;
  };
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (line === '') flush();
    else if (heading) {
      flush();
      // A proposal's first heading is its title (shown above): sections start at h2.
      blocks.push({ kind: 'heading', level: Math.min(4, Math.max(2, heading[1].length)) as 2 | 3 | 4, inline: parseInline(heading[2]) });
    } else if (item) {
      const ordered = /\d/.test(item[1]);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(item[2]));
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
