import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Markdown } from './markdown';

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

test('headings (one level down), paragraphs joined across lines, lists', () => {
  const out = html('## Why\nMost groups\npass it.\n\n- one\n- two\n\n1. first');
  assert.match(out, /<h3[^>]*>Why<\/h3>/);
  assert.match(out, /<p>Most groups\npass it.<\/p>/);
  assert.match(out, /<ul[^>]*>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  assert.match(out, /<ol[^>]*>\s*<li>first<\/li>\s*<\/ol>/);
});

test('inline bold, italic, code and web links', () => {
  const out = html('a **b** *c* `d` [e](https://x.example)');
  assert.match(out, /<strong>b<\/strong>/);
  assert.match(out, /<em>c<\/em>/);
  assert.match(out, /<code[^>]*>d<\/code>/);
  assert.match(out, /<a href="https:\/\/x.example"[^>]*rel="noreferrer nofollow"[^>]*>e<\/a>/);
});

test('no raw HTML from the text reaches the page', () => {
  const out = html('hi <script>alert(1)</script> <img src=x onerror=alert(1)> <b>bold</b>\n\n<div onclick="x()">block</div>');
  assert.doesNotMatch(out, /<script|<img|onerror|onclick|<b>|<div onclick/i);
});

test('unsafe link protocols are dropped, images become their alt text', () => {
  const out = html('[f](javascript:alert(1)) [g](data:text/html,x) [h](vbscript:x) ![pixel](https://t.example/p.gif)');
  assert.doesNotMatch(out, /javascript:|data:|vbscript:/i);
  assert.doesNotMatch(out, /<img/);
  assert.match(out, /\[image: pixel\]/);
});

test('newly rendered: code blocks, quotes, tables, nested lists, task lists, strikethrough', () => {
  const out = html('```\nconst x = 1;\n```\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- outer\n  - inner\n\n~~old~~\n\n- [x] done');
  assert.match(out, /<pre[^>]*><code[^>]*>const x = 1;\n<\/code><\/pre>/);
  assert.match(out, /<blockquote[^>]*>\s*<p>quoted<\/p>\s*<\/blockquote>/);
  assert.match(out, /<table[^>]*>[\s\S]*<th[^>]*>a<\/th>[\s\S]*<td[^>]*>2<\/td>/);
  assert.match(out, /<li>outer\s*<ul[^>]*>\s*<li>inner<\/li>/);
  assert.match(out, /<input[^>]*type="checkbox"[^>]*checked/);
  assert.match(out, /<del>old<\/del>/);
});
