import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { formatBps, formatDuration, formatMetis, formatTimeLeft, formatVoteCount, shortAddress, timeFromNow } from './format';

test('formatMetis groups thousands and trims decimals without rounding up', () => {
  assert.equal(formatMetis(parseEther('1234567.891234567')), '1,234,567.8912 METIS');
  assert.equal(formatMetis(parseEther('0.99999')), '0.9999 METIS');
  assert.equal(formatMetis(parseEther('250000')), '250,000 METIS');
  assert.equal(formatMetis(0n), '0 METIS');
  assert.equal(formatMetis(parseEther('12.5'), { symbol: false }), '12.5');
});

test('formatMetis shows dust as "<0.0001" instead of zero', () => {
  assert.equal(formatMetis(1n), '<0.0001 METIS');
  assert.equal(formatMetis(parseEther('0.00001'), { digits: 2 }), '<0.01 METIS');
});

test('formatMetis can print full precision (for a Max button) and compact large numbers', () => {
  assert.equal(formatMetis(parseEther('1.000000000000000001'), { digits: 18, symbol: false }), '1.000000000000000001');
  assert.equal(formatMetis(parseEther('5000000'), { compact: true }), '5M METIS');
  assert.equal(formatMetis(-parseEther('3')), '−3 METIS');
});

test('shortAddress and timeFromNow are for people', () => {
  assert.equal(shortAddress('0x70997970C51812dc3A010C7d01b50e0d17dc79C8'), '0x7099…79C8');
  assert.equal(timeFromNow(1_000 - 120, 1_000), '2 minutes ago');
  assert.equal(timeFromNow(1_000 + 2 * 86_400, 1_000), 'in 2 days');
});

test('formatTimeLeft counts down in the two largest units', () => {
  assert.equal(formatTimeLeft(3 * 86_400 + 4 * 3_600 + 59), '3d 4h');
  assert.equal(formatTimeLeft(2 * 3_600 + 5 * 60 + 7), '2h 05m');
  assert.equal(formatTimeLeft(12 * 60 + 5), '12m 05s');
  assert.equal(formatTimeLeft(0.2), '1s');
  assert.equal(formatTimeLeft(-5), '0s');
});

test('formatBps and formatDuration', () => {
  assert.equal(formatBps(750), '7.5%');
  assert.equal(formatBps(1234), '12.34%');
  assert.equal(formatBps(1), '0.01%');
  assert.equal(formatBps(0), '0%');
  assert.equal(formatDuration(300), '5 minutes');
  assert.equal(formatDuration(60), '1 minute');
  assert.equal(formatDuration(7 * 86_400), '7 days');
  assert.equal(formatDuration(90), '90 seconds');
  assert.equal(formatDuration(5_400), '90 minutes');
});

test('formatVoteCount shows whole votes', () => {
  assert.equal(formatVoteCount(parseEther('106578.0821')), '106,578');
});
