import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { walletIsland } from './wallet-island';

// Outside the wallet stack (as on the server, and in every first load) an island never renders its
// component: a `why` island asks to connect, a `fallback` island shows its fallback.
const Inner = ({ label }: { label: string }) => createElement('p', null, `wallet side: ${label}`);

test('a why island shows "Connect a wallet" with its sentence, not the component', () => {
  const html = renderToStaticMarkup(createElement(walletIsland(Inner, { why: 'to try it.' }), { label: 'x' }));
  assert.match(html, /<h2[^>]*>Connect a wallet<\/h2>/, 'the heading');
  assert.match(html, /to try it\./, 'the sentence');
  assert.match(html, /<button[^>]*>Connect wallet<\/button>/, 'the button');
  assert.doesNotMatch(html, /wallet side/, 'not the component');
});

test('why and fallback can be read from the props', () => {
  const why = renderToStaticMarkup(createElement(walletIsland(Inner, { why: ({ label }) => `to see ${label}.` }), { label: 'seven' }));
  assert.match(why, /to see seven\./, 'the sentence from the props');
  const fallback = renderToStaticMarkup(createElement(walletIsland(Inner, { fallback: ({ label }) => `soon: ${label}` }), { label: 'eight' }));
  assert.equal(fallback, 'soon: eight', 'the fallback from the props');
});

test('a fallback island shows its fallback, or nothing', () => {
  assert.equal(renderToStaticMarkup(createElement(walletIsland(Inner, { fallback: createElement('em', null, 'later') }), { label: 'x' })), '<em>later</em>');
  assert.equal(renderToStaticMarkup(createElement(walletIsland(Inner, {}), { label: 'x' })), '');
});
