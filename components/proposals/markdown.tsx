import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { ScrollRegion } from '../ui/scroll-region';

// Element styles; headings move down one level (the page's own h1/h2 come first).
const components: Components = {
  h1: ({ children }) => <h3 className="pt-1 font-semibold">{children}</h3>,
  h2: ({ children }) => <h3 className="pt-1 font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="pt-1 font-semibold">{children}</h4>,
  h4: ({ children }) => <h5 className="pt-1 font-semibold">{children}</h5>,
  h5: ({ children }) => <h6 className="pt-1 font-semibold">{children}</h6>,
  h6: ({ children }) => <h6 className="pt-1 font-semibold">{children}</h6>,
  ul: ({ children }) => <ul className="list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="list-decimal space-y-1 pl-5">{children}</ol>,
  a: ({ href, children }) => (
    <a href={href} className="underline" rel="noreferrer nofollow" target="_blank">
      {children}
    </a>
  ),
  code: ({ children }) => <code className="rounded bg-zinc-100 px-1 font-mono text-[0.9em] dark:bg-zinc-800">{children}</code>,
  pre: ({ children }) => (
    <ScrollRegion label="Code" className="rounded bg-zinc-100 dark:bg-zinc-800">
      <pre className="p-3 text-xs [&_code]:bg-transparent [&_code]:p-0">{children}</pre>
    </ScrollRegion>
  ),
  blockquote: ({ children }) => (
    <blockquote className="border-l-4 border-zinc-300 pl-3 text-zinc-700 dark:border-zinc-600 dark:text-zinc-300">{children}</blockquote>
  ),
  table: ({ children }) => (
    <ScrollRegion label="Table">
      <table className="min-w-full border-collapse text-left text-sm">{children}</table>
    </ScrollRegion>
  ),
  th: ({ children }) => <th className="border-b border-zinc-300 px-2 py-1 font-semibold dark:border-zinc-600">{children}</th>,
  td: ({ children }) => <td className="border-b border-zinc-200 px-2 py-1 dark:border-zinc-700">{children}</td>,
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : '[image]'}</span>,
};

/** Web and mail links and links within the page; anything else (`javascript:`, `data:`, …) is dropped. */
const safeUrl = (url: string) => (/^(https?:\/\/|mailto:|#)/i.test(url) ? url : null);

/**
 * A proposal's markdown text (CommonMark and GitHub tables, task lists, strikethrough). Raw HTML in the
 * text is not rendered (react-markdown escapes it without a raw-HTML plugin), unsafe link protocols
 * such as `javascript:` are dropped (`safeUrl`), and images are shown as their alt text (no
 * tracking pixels in a proposal). Rendered on the server on the proposal page; the new-proposal form
 * loads it only when the preview opens.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-3 text-sm leading-relaxed">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components} urlTransform={safeUrl} skipHtml>
        {source}
      </ReactMarkdown>
    </div>
  );
}
