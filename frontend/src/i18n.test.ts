import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, id, problemText, type Dict } from './i18n';

// The compiler already refuses an `id` without every key of `en`; these
// check what it cannot: no word left empty, none left in English by
// mistake, and the functions answer in their own language.
test('every key has words in both languages', () => {
  assert.deepEqual(Object.keys(id).sort(), Object.keys(en).sort());
  for (const k of Object.keys(en) as (keyof Dict)[]) {
    const a = en[k];
    const b = id[k];
    assert.equal(typeof a, typeof b, k);
    if (typeof a === 'string') assert.ok(a.length > 0 && (b as string).length > 0, k);
  }
});

test('Indonesian is not English left untranslated', () => {
  const same = (Object.keys(en) as (keyof Dict)[]).filter((k) => typeof en[k] === 'string' && en[k] === id[k]);
  // Words that are the same in both languages (wajib and sukarela are Lumbung's names in English too).
  assert.deepEqual(same.sort(), ['appName', 'model', 'nobody', 'online', 'roleAdmin', 'sendSlip', 'sukarelaPaid', 'wajibPaid'].sort());
});

test('the functions speak their language', () => {
  assert.equal(id.waiting(2), '2 menunggu dikirim');
  assert.equal(en.waiting(1), '1 waiting to send');
  assert.equal(id.late(14), 'Terlambat 14 hari');
  assert.equal(en.installmentsPaid(24, 25), '24 of 25 installments paid');
});

test('server problems become sentences', () => {
  assert.match(problemText(id, { status: 409, code: 'meeting.already_recorded' }), /sudah masuk buku/);
  assert.equal(problemText(en, { status: 422, code: 'x.y', detail: 'amount: must be greater than zero' }), 'amount: must be greater than zero');
  assert.equal(problemText(id, { status: 500 }), 'Server tidak menerima ini.');
});
