import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hundredths, pools, showHundredths } from './shu';

test('percentages are read exactly, with either decimal mark', () => {
  assert.equal(hundredths('25'), 2500n);
  assert.equal(hundredths('2.5'), 250n);
  assert.equal(hundredths('2,5'), 250n);
  assert.equal(hundredths('33.33'), 3333n);
  assert.equal(hundredths('100'), 10000n);
  assert.equal(hundredths(' 0 '), 0n);
});

test('what is not a percentage from 0 to 100 with two decimals is refused', () => {
  for (const bad of ['', '-5', '100.01', '101', '2.555', '1e2', 'abc', '25%', '.5']) assert.equal(hundredths(bad), null, bad);
});

test('percentages are written back in the reader\'s decimal mark', () => {
  assert.equal(showHundredths(10000n, 'id'), '100');
  assert.equal(showHundredths(2550n, 'id'), '25,5');
  assert.equal(showHundredths(2550n, 'en'), '25.5');
  assert.equal(showHundredths(3333n, 'en'), '33.33');
  assert.equal(showHundredths(10500n, 'id'), '105');
});

test('the pools are the books\': the demo closed 2025 with these, to the rupiah', () => {
  // SHU 771.190; reserve 40 %, jasa modal 20 %, jasa anggota 25 %, three funds of 5 %.
  const p = pools(771190n, [2000n, 2500n, 500n, 500n, 500n]);
  assert.deepEqual(p.others, [154238n, 192797n, 38559n, 38559n, 38559n]);
  assert.equal(p.reserve, 308478n);
});

test('rounding remainders go to the reserve, and the pools add up to the surplus', () => {
  const p = pools(4794399n, [3000n, 2500n, 2000n]);
  assert.deepEqual(p.others, [1438319n, 1198599n, 958879n]);
  assert.equal(p.reserve, 1198602n);
  assert.equal(p.reserve + p.others.reduce((a, b) => a + b, 0n), 4794399n);
});

test('a loss divides nothing', () => {
  assert.deepEqual(pools(-5000n, [3000n, 2500n]), { reserve: 0n, others: [0n, 0n] });
  assert.deepEqual(pools(0n, [3000n]), { reserve: 0n, others: [0n] });
});
