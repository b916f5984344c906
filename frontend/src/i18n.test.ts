import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en, id, problemText } from './i18n';
import * as savings from './pages/savings-words';
import * as member from './pages/member/words';
import * as meeting from './pages/meeting/words';
import * as treasurer from './pages/treasurer/words';
import * as partner from './pages/partner/words';
import * as admin from './pages/admin/words';
import * as loan from './pages/treasurer/loan-words';
import * as books from './pages/treasurer/books-words';
import * as users from './pages/user-words';
import * as exit from './pages/treasurer/exit-words';
import * as capital from './pages/treasurer/capital-words';
import * as covers from './pages/treasurer/covers-words';
import * as yearEnd from './pages/treasurer/yearend-words';
import * as coopSetup from './pages/treasurer/setup-words';
import * as adminSetup from './pages/admin/setup-words';
import * as supervisor from './pages/supervisor/words';

// The dictionaries: the core one in the entry and each screen's own. The
// compiler already refuses an `id` without every key of its `en`; these
// check what it cannot: no word left empty, none left in English by
// mistake, no key defined twice (a screen's word would hide the core's),
// and the functions answer in their own language.
type Words = Record<string, unknown>;
const all: [string, Words, Words, string[]][] = [
  // Words that are the same in both languages (wajib and sukarela are Lumbung's names in English too).
  ['core', en, id, ['appName', 'online', 'roleAdmin']],
  ['savings', savings.en, savings.id, ['sukarelaPaid', 'wajibPaid']],
  ['member', member.en, member.id, []],
  ['meeting', meeting.en, meeting.id, ['nobody', 'sendSlip']],
  ['treasurer', treasurer.en, treasurer.id, []],
  ['partner', partner.en, partner.id, []],
  ['admin', admin.en, admin.id, ['model']],
  ['loan', loan.en, loan.id, ['viaBank']],
  ['books', books.en, books.id, ['bank']],
  ['users', users.en, users.id, []],
  ['exit', exit.en, exit.id, []],
  ['capital', capital.en, capital.id, ['capViaBank']],
  ['covers', covers.en, covers.id, ['bankAccount']],
  ['yearEnd', yearEnd.en, yearEnd.id, []],
  ['coopSetup', coopSetup.en, coopSetup.id, []],
  ['adminSetup', adminSetup.en, adminSetup.id, []],
  ['supervisor', supervisor.en, supervisor.id, []],
];

test('every key has words in both languages', () => {
  for (const [name, a, b] of all) {
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort(), name);
    for (const k of Object.keys(a)) {
      assert.equal(typeof a[k], typeof b[k], `${name}.${k}`);
      if (typeof a[k] === 'string') assert.ok((a[k] as string).length > 0 && (b[k] as string).length > 0, `${name}.${k}`);
    }
  }
});

test('Indonesian is not English left untranslated', () => {
  for (const [name, a, b, same] of all) {
    const found = Object.keys(a).filter((k) => typeof a[k] === 'string' && a[k] === b[k]);
    assert.deepEqual(found.sort(), same.sort(), name);
  }
});

test('no word is defined in two dictionaries', () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [name, a] of all) {
    for (const k of Object.keys(a)) {
      if (seen.has(k)) twice.push(`${k} is in both ${seen.get(k)} and ${name}`);
      seen.set(k, name);
    }
  }
  assert.deepEqual(twice, []);
});

test('the functions speak their language', () => {
  assert.equal(id.waiting(2), '2 menunggu dikirim');
  assert.equal(en.waiting(1), '1 waiting to send');
  assert.equal(savings.id.late(14), 'Terlambat 14 hari');
  assert.equal(savings.en.installmentsPaid(24, 25), '24 of 25 installments paid');
});

test('server problems become sentences', () => {
  assert.match(problemText(id, { status: 409, code: 'meeting.already_recorded' }), /sudah masuk buku/);
  assert.equal(problemText(en, { status: 422, code: 'x.y', detail: 'amount: must be greater than zero' }), 'amount: must be greater than zero');
  assert.equal(problemText(id, { status: 500 }), 'Server tidak menerima ini.');
});
