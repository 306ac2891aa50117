import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { formatBps, formatCountdown, formatDuration, formatMetis, shortAddress, timeFromNow } from './format';

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

test('formatBps, formatDuration and formatCountdown', () => {
  assert.equal(formatBps(750), '7.5%');
  assert.equal(formatBps(3_000), '30%');
  assert.equal(formatBps(1), '0.01%');
  assert.equal(formatDuration(300), '5 minutes');
  assert.equal(formatDuration(60), '1 minute');
  assert.equal(formatDuration(7 * 86_400), '7 days');
  assert.equal(formatDuration(90), '90 seconds');
  assert.equal(formatDuration(5_400), '90 minutes');
  assert.equal(formatCountdown(0), 'ready');
  assert.equal(formatCountdown(-5), 'ready');
  assert.equal(formatCountdown(299.6), '5m 00s');
  assert.equal(formatCountdown(2 * 3_600 + 600), '2h 10m');
  assert.equal(formatCountdown(3 * 86_400 + 4 * 3_600 + 5), '3d 4h');
});
