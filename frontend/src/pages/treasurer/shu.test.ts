import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hundredths, showHundredths } from './shu';

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
