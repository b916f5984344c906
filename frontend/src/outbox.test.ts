import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoff, due, needsPerson, newItem, newKey, retryNow, settle, start, type OutboxItem } from './outbox';

const t0 = 1_796_000_000_000;
function item(): OutboxItem {
  return newItem({ id: 'k1', coop: 'c', path: '/v1/x', body: { a: 1 }, kind: 'sheet', label: 'Pertemuan' }, t0);
}

test('a new item waits and is due at once', () => {
  const i = item();
  assert.equal(i.state, 'waiting');
  assert.ok(due(i, t0));
  assert.equal(start(i).state, 'sending');
  assert.ok(!due(start(i), t0));
});

test('2xx is in the books; a replayed 200 too', () => {
  assert.deepEqual(settle(start(item()), { kind: 'answered', status: 201 }, t0), { result: 'sent', replayed: false });
  assert.deepEqual(settle(start(item()), { kind: 'answered', status: 200, replayed: true }, t0), { result: 'sent', replayed: true });
});

test('202 waits for a second treasurer on the server: off the phone, not in the books, not resent', () => {
  assert.deepEqual(settle(start(item()), { kind: 'answered', status: 202 }, t0), { result: 'awaiting' });
  assert.deepEqual(settle(start(item()), { kind: 'answered', status: 202, replayed: true }, t0), { result: 'awaiting' });
});

test('a lost answer is retried with a growing pause, the key unchanged', () => {
  let i = start(item());
  const pauses: number[] = [];
  for (let n = 0; n < 8; n++) {
    const tr = settle(i, { kind: 'network' }, t0);
    assert.equal(tr.result, 'kept');
    if (tr.result !== 'kept') return;
    assert.equal(tr.item.state, 'waiting');
    assert.equal(tr.item.id, 'k1');
    pauses.push(tr.item.nextAt - t0);
    assert.ok(!due(tr.item, t0));
    assert.ok(due(tr.item, tr.item.nextAt));
    i = start(tr.item);
  }
  assert.deepEqual(pauses, [5000, 10000, 20000, 40000, 80000, 160000, 300000, 300000]);
  assert.equal(backoff(1), 5000);
});

test('5xx and 429 are retried; 409 and 422 wait for a person', () => {
  for (const status of [500, 502, 503, 429]) {
    const tr = settle(start(item()), { kind: 'answered', status }, t0);
    assert.ok(tr.result === 'kept' && tr.item.state === 'waiting', String(status));
  }
  const conflict = settle(start(item()), { kind: 'answered', status: 409, problem: { status: 409, code: 'meeting.already_recorded' } }, t0);
  assert.ok(conflict.result === 'kept' && conflict.item.state === 'conflict');
  if (conflict.result === 'kept') {
    assert.equal(conflict.item.problem?.code, 'meeting.already_recorded');
    assert.ok(needsPerson(conflict.item));
    assert.ok(!due(conflict.item, t0 + 1e9), 'a conflict is never retried by itself');
    assert.equal(retryNow(conflict.item, t0).state, 'conflict');
  }
  for (const status of [400, 403, 404, 422]) {
    const tr = settle(start(item()), { kind: 'answered', status }, t0);
    assert.ok(tr.result === 'kept' && tr.item.state === 'rejected' && !due(tr.item, t0 + 1e9), String(status));
  }
});

test('401 keeps the item for after a new sign-in', () => {
  const tr = settle(start(item()), { kind: 'answered', status: 401 }, t0);
  assert.equal(tr.result, 'signin');
  if (tr.result === 'signin') {
    assert.equal(tr.item.state, 'waiting');
    assert.equal(tr.item.attempts, 0);
  }
});

test('retryNow brings a waiting item forward', () => {
  const tr = settle(start(item()), { kind: 'network' }, t0);
  assert.ok(tr.result === 'kept');
  if (tr.result === 'kept') assert.ok(due(retryNow(tr.item, t0 + 1), t0 + 1));
});

test('keys are UUIDv7, time-ordered', () => {
  let n = 0;
  const rnd = (len: number) => new Uint8Array(len).fill(n++);
  const a = newKey(t0, rnd);
  const b = newKey(t0 + 1, rnd);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(a < b);
});
