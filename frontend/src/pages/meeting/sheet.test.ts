import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyDraft, everyonePaid, forAmend, fromStored, loanNumbers, missingLoans, problems, toRequest, totals, waNumber, type Sheet, type StoredDraft } from './sheet';

const sheet: Sheet = {
  group_id: 'g', date: '2026-12-02', currency: 'IDR', recorded: false, group_loans: [],
  lines: [
    { member_id: 'm1', member_number: 1, name: 'Hartini', wajib_due: '2000', sukarela: '0', shares: [], loans: [{ loan_id: 'l1', number: 100, due: '47385', outstanding: '42760', days_past_due: 0 }] },
    { member_id: 'm2', member_number: 2, name: 'Ika', wajib_due: '4000', sukarela: '0', shares: [], loans: [] },
  ],
};

test('everyone paid fills what is due, and the cash adds up exactly', () => {
  const d = everyonePaid(sheet, emptyDraft());
  const req = toRequest(sheet, d);
  assert.deepEqual(req.lines[0], { member_id: 'm1', attendance: 'present', loans: [{ loan_id: 'l1', amount: '47385' }], wajib: '2000' });
  const s = totals(sheet, req);
  assert.equal(s.cash, '53385');
  assert.equal(s.present, 2);
  assert.equal(s.absent, 0);
  assert.deepEqual(problems(req), []);
  assert.deepEqual(s.short, []);
});

test('an exception: absent and unpaid, with sukarela from another', () => {
  let d = everyonePaid(sheet, emptyDraft());
  d = { ...d, attendance: { ...d.attendance, m1: 'absent' }, loans: { l1: '' }, wajib: { ...d.wajib, m1: '' }, sukarela: { m2: '10000' } };
  const req = toRequest(sheet, d);
  assert.deepEqual(req.lines[0], { member_id: 'm1', attendance: 'absent' });
  const s = totals(sheet, req);
  assert.equal(s.cash, '14000');
  assert.equal(s.installments, '0');
  assert.deepEqual(s.short, ['Hartini']);
});

test('represented: her money came with someone named, and the counts say so', () => {
  let d = everyonePaid(sheet, emptyDraft());
  d = { ...d, attendance: { ...d.attendance, m2: 'represented' } };
  // No name yet: the app says so before sending.
  assert.deepEqual(problems(toRequest(sheet, d)), [{ member_id: 'm2', problem: 'needsName' }]);
  d = { ...d, representedBy: { m2: '  Pak Slamet (suami) ' } };
  const req = toRequest(sheet, d);
  assert.deepEqual(req.lines[1], { member_id: 'm2', attendance: 'represented', represented_by: 'Pak Slamet (suami)', wajib: '4000' });
  assert.deepEqual(problems(req), []);
  const s = totals(sheet, req);
  assert.deepEqual([s.present, s.represented, s.absent], [1, 1, 0]);
  assert.deepEqual(s.representedBy, [{ name: 'Ika', by: 'Pak Slamet (suami)' }]);
  // Everyone paid again keeps her represented.
  assert.equal(everyonePaid(sheet, d).attendance.m2, 'represented');
});

test('an absent member who pays is asked about, not sent to be refused', () => {
  let d = everyonePaid(sheet, emptyDraft());
  d = { ...d, attendance: { ...d.attendance, m1: 'absent' } };
  assert.deepEqual(problems(toRequest(sheet, d)), [{ member_id: 'm1', problem: 'absentPays' }]);
  // A name typed while she was present is not sent.
  d = { ...d, attendance: { ...d.attendance, m1: 'present' }, representedBy: { m1: 'Bu Sri' } };
  assert.equal(toRequest(sheet, d).lines[0]!.represented_by, undefined);
});

test('a draft saved before attendance had three states still loads', () => {
  const old = { attended: { m1: true, m2: false }, loans: { l1: '47385' }, wajib: {}, sukarela: {}, group: [] } as StoredDraft;
  const d = fromStored(old);
  assert.deepEqual(d.attendance, { m1: 'present', m2: 'absent' });
  assert.deepEqual(d.representedBy, {});
  assert.equal('attended' in d, false);
  const req = toRequest(sheet, d);
  assert.equal(req.lines[0]!.attendance, 'present');
  // A request queued before attendance is still counted.
  const s = totals(sheet, { date: sheet.date, lines: [{ member_id: 'm1', attended: true }, { member_id: 'm2', attended: false }] });
  assert.deepEqual([s.present, s.represented, s.absent], [1, 0, 1]);
});

test('phone numbers for WhatsApp slips', () => {
  assert.equal(waNumber('081227000000'), '6281227000000');
  assert.equal(waNumber('+62 812-2700-0000'), '6281227000000');
});

test('amending: a loan the meeting paid off keeps its own number, not a made-up one', () => {
  const recorded = {
    lines: [{ member_id: 'm2', member_number: 2, name: 'Ika', attended: true, wajib: '0', sukarela: '0', loans: [{ loan_id: 'l57', entry_id: 'e1', amount: '22385' }] }],
    covers: [],
  } as unknown as Parameters<typeof forAmend>[1];
  assert.deepEqual(missingLoans(sheet, recorded), ['l57']);
  const amended = forAmend(sheet, recorded, { l57: 57 });
  assert.equal(amended.lines[1]!.loans[0]!.number, 57);
  assert.deepEqual(loanNumbers(sheet, { l57: 57 }), { l1: 100, l57: 57 });
});
