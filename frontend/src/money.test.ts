import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMoney, fromMinor, groupDigits, parseTyped, percentExact, showTyped, sum, toMinor } from './money';

// Intl may write a narrow no-break space; the screen shows one no-break space.
const norm = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

test('rupiah in Indonesian: Rp and dots, no decimals', () => {
  assert.equal(norm(formatMoney('73301348', 'IDR', 'id')), 'Rp 73.301.348');
  assert.equal(norm(formatMoney('1375079', 'IDR', 'id')), 'Rp 1.375.079');
  assert.equal(norm(formatMoney('0', 'IDR', 'id')), 'Rp 0');
  assert.equal(norm(formatMoney('500', 'IDR', 'id')), 'Rp 500');
});

test('rupiah in English groups with commas', () => {
  assert.equal(norm(formatMoney('73301348', 'IDR', 'en')), 'Rp 73,301,348');
});

test('amounts past what a float keeps stay exact', () => {
  assert.equal(norm(formatMoney('123456789012345678', 'IDR', 'id')), 'Rp 123.456.789.012.345.678');
  assert.equal(sum(['9007199254740993', '1'], 'IDR'), '9007199254740994');
});

test('two-decimal currencies show their cents', () => {
  assert.equal(norm(formatMoney('1250.5', 'KES', 'id')), 'KES 1.250,50');
  assert.equal(norm(formatMoney('1250.50', 'USD', 'en')), 'US$ 1,250.50');
  assert.equal(norm(formatMoney('-1250.05', 'KES', 'en')), '-KES 1,250.05');
});

test('negative and zero', () => {
  assert.equal(norm(formatMoney('-5000', 'IDR', 'id')), '-Rp 5.000');
  assert.equal(norm(formatMoney('-0', 'IDR', 'id')), 'Rp 0');
});

test('something that is not an amount is shown as it came', () => {
  assert.equal(formatMoney('1e9', 'IDR', 'id'), '1e9');
});

test('sums through minor units', () => {
  assert.equal(sum(['50000', '104000', '153615'], 'IDR'), '307615');
  assert.equal(sum(['0.10', '0.20'], 'USD'), '0.30');
  assert.equal(sum([], 'IDR'), '0');
  assert.equal(toMinor('12.5', 'USD'), 1250n);
  assert.equal(fromMinor(-5n, 'USD'), '-0.05');
  assert.throws(() => toMinor('1.5', 'IDR'));
});

test('typed amounts are grouped as they are typed', () => {
  assert.equal(parseTyped('47.385', 'IDR', 'id'), '47385');
  assert.equal(parseTyped('47385', 'IDR', 'id'), '47385');
  assert.equal(parseTyped('Rp 1.000.000', 'IDR', 'id'), '1000000');
  assert.equal(parseTyped('007', 'IDR', 'id'), '7');
  assert.equal(parseTyped('', 'IDR', 'id'), '');
  assert.equal(showTyped('1375079', 'id'), '1.375.079');
  assert.equal(showTyped('1375079', 'en'), '1,375,079');
  assert.equal(parseTyped('12,5', 'USD', 'id'), '12.5');
  assert.equal(showTyped('12.5', 'id'), '12,5');
  assert.equal(groupDigits('1234567', 'id'), '1.234.567');
});

test('a percent from the ratio string, exactly: no digit rounded away', () => {
  assert.equal(percentExact('0.0500', 'id', 0), '5\u00a0%');
  assert.equal(percentExact('0.0500', 'id', 1), '5,0\u00a0%');
  assert.equal(percentExact('0.0500', 'en', 0), '5%');
  assert.equal(percentExact('0.0750', 'id', 0), '7,5\u00a0%');
  assert.equal(percentExact('0.0504', 'id', 1), '5,04\u00a0%');
  assert.equal(percentExact('0.0504', 'en', 1), '5.04%');
  assert.equal(percentExact('1.1000', 'id', 0), '110\u00a0%');
  assert.equal(percentExact('0.0000', 'id', 1), '0,0\u00a0%');
  assert.equal(percentExact('12.3456', 'en', 1), '1,234.56%');
  assert.equal(percentExact('-0.0125', 'id', 1), '-1,25\u00a0%');
  assert.equal(percentExact('0.3', 'id', 0), '30\u00a0%');
  assert.equal(percentExact('n/a', 'id', 0), 'n/a');
});
