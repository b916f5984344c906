import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changes } from './changes';

test('an update shows only the fields that moved, before and after', () => {
  const before = { number: 7, name: 'Siti', phone: '081200000001', group_id: 'g1' };
  const after = { number: 7, name: 'Siti', phone: '081300000002', group_id: 'g1' };
  assert.deepEqual(changes(before, after), [{ field: 'phone', before: '081200000001', after: '081300000002' }]);
});

test('a creation lists every field as new; a removal every field as gone', () => {
  assert.deepEqual(changes(null, { name: 'Ani', phone: '' }), [{ field: 'name', after: 'Ani' }]);
  assert.deepEqual(changes({ login: 'a@b.id' }, null), [{ field: 'login', before: 'a@b.id' }]);
});

test('a field added or cleared, lists and nested values are read as text', () => {
  assert.deepEqual(changes({ second_approval: [] }, { second_approval: ['reversal', 'year_end'], exited_on: '2026-12-01' }), [
    { field: 'second_approval', after: 'reversal, year_end' },
    { field: 'exited_on', after: '2026-12-01' },
  ]);
  assert.deepEqual(changes({ rules: { wajib: '10000' } }, { rules: { wajib: '20000' } }), [
    { field: 'rules', before: '{"wajib":"10000"}', after: '{"wajib":"20000"}' },
  ]);
});

test('values are read in words, lists item by item', () => {
  const words: Record<string, string> = { g1: 'Kelompok Mawar', g2: 'Kelompok Melati', female: 'perempuan', reversal: 'pembatalan jurnal', year_end: 'tutup buku' };
  const name = (s: string) => words[s] ?? s;
  assert.deepEqual(changes({ group_id: 'g1', gender: 'female' }, { group_id: 'g2', gender: 'female' }, name), [
    { field: 'group_id', before: 'Kelompok Mawar', after: 'Kelompok Melati' },
  ]);
  assert.deepEqual(changes(null, { second_approval: ['reversal', 'year_end'] }, name), [{ field: 'second_approval', after: 'pembatalan jurnal, tutup buku' }]);
});
