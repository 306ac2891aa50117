import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInline, parseMarkdown } from './markdown';

test('blocks: headings, paragraphs joined across lines, bullet and numbered lists', () => {
  assert.deepEqual(parseMarkdown('## Why\nMost groups\npass it.\n\n- one\n- two\n1. first'), [
    { kind: 'heading', level: 2, inline: [{ kind: 'text', text: 'Why' }] },
    { kind: 'paragraph', inline: [{ kind: 'text', text: 'Most groups pass it.' }] },
    { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
    { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }]] },
  ]);
});

test('inline: bold, italic, code and safe links only', () => {
  assert.deepEqual(parseInline('a **b** *c* `d` [e](https://x.example) [f](javascript:void)'), [
    { kind: 'text', text: 'a ' },
    { kind: 'strong', text: 'b' },
    { kind: 'text', text: ' ' },
    { kind: 'em', text: 'c' },
    { kind: 'text', text: ' ' },
    { kind: 'code', text: 'd' },
    { kind: 'text', text: ' ' },
    { kind: 'link', text: 'e', href: 'https://x.example' },
    { kind: 'text', text: ' ' },
    { kind: 'text', text: 'f' },
  ]);
});
