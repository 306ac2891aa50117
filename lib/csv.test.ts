import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { csvField, csvRow, parseCsv, parseCsvObjects } from './csv';
import { choiceName, EXPORT_KINDS, EXPORTS, exportFilename, exportPath } from './exports';
import { formatDecimal18, formatIsoTime } from './format';

test('csvField quotes commas, quotes and line ends as RFC 4180 does, and leaves plain text alone', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "yes"'), '"say ""yes"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('cr\r\nlf'), '"cr\r\nlf"');
  assert.equal(csvField(''), '');
  assert.equal(csvField(null), '');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField(12n), '12');
  assert.equal(csvRow(['a', 'b,c', null]), 'a,"b,c",\r\n');
});

test('csvField neutralises what a spreadsheet would run as a formula, but not a negative number', () => {
  assert.equal(csvField('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
  assert.equal(csvField('+1+1'), "'+1+1");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('\t=1'), "'\t=1");
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('-1.5'), '-1.5');
  assert.equal(csvField('-7'), '-7');
  assert.equal(csvField('a=b'), 'a=b');
});

test('parseCsv reads back what csvRow writes, reasons with quotes, commas and line breaks included', () => {
  const rows = [
    ['time', 'reason'],
    ['2026-12-03T11:54:17Z', 'We said "no", twice.\nThen =1+1.'],
    ['', ''],
  ];
  const text = rows.map(csvRow).join('');
  assert.deepEqual(parseCsv(text), rows);
  assert.deepEqual(parseCsv('a,b\nc,d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsvObjects('x,y\r\n1,"2,3"\r\n').rows, [{ x: '1', y: '2,3' }]);
  assert.throws(() => parseCsv('"open'));
});

test('formatIsoTime is ISO 8601 UTC to the second; formatDecimal18 keeps every digit and no trailing zero', () => {
  assert.equal(formatIsoTime(1796298857n), '2026-12-03T11:54:17Z');
  assert.equal(formatIsoTime(0), '1970-01-01T00:00:00Z');
  assert.equal(formatDecimal18(parseEther('1.5')), '1.5');
  assert.equal(formatDecimal18(parseEther('1000')), '1000');
  assert.equal(formatDecimal18(1n), '0.000000000000000001');
  assert.equal(formatDecimal18(123456789012345678901234567n), '123456789.012345678901234567');
  assert.equal(formatDecimal18(0n), '0');
});

test('each export kind has a title, a description and a header; its path and file name hold the checksummed address', () => {
  const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  for (const kind of EXPORT_KINDS) {
    assert.ok(EXPORTS[kind].columns.includes('tx') && EXPORTS[kind].columns.includes('chain'), kind);
    assert.equal(new Set(EXPORTS[kind].columns).size, EXPORTS[kind].columns.length, `${kind}: no column twice`);
  }
  assert.equal(exportPath(address, 'votes'), `/accounts/${address}/export/votes`);
  assert.equal(exportFilename(address, 'rewards'), `metis-rewards-${address}.csv`);
  assert.deepEqual([0, 1, 2, 255].map(choiceName), ['against', 'for', 'abstain', 'split']);
});
