// The outbox at work: items kept in IndexedDB, sent on start, when the
// signal comes back, when the page is looked at again, and on a backoff
// timer while anything waits. The state machine is outbox.ts.
import { signal, computed } from '@preact/signals';
import { authedFetch } from './api/client';
import { tokens } from './session';
import { outboxAll, outboxDelete, outboxPut } from './db';
import { due, needsPerson, newItem, newKey, retryNow, settle, start, type OutboxItem, type Problem } from './outbox';

export const items = signal<OutboxItem[]>([]);
export const online = signal(navigator.onLine);
export const waitingCount = computed(() => items.value.filter((i) => !needsPerson(i)).length);
export const needsPersonCount = computed(() => items.value.filter(needsPerson).length);
/** Ids of items the server took during this visit: "in the books". */
export const sentIds = signal<ReadonlySet<string>>(new Set());

/**
 * Ids of items the server took as requests for a second treasurer's
 * approval (202) during this visit: not in the books yet.
 */
export const awaitingIds = signal<ReadonlySet<string>>(new Set());

let timer: ReturnType<typeof setTimeout> | undefined;
let flushing: Promise<void> | undefined;

async function reload(): Promise<void> {
  items.value = await outboxAll();
}

export function makeKey(): string {
  return newKey(Date.now(), (n) => crypto.getRandomValues(new Uint8Array(n)));
}

/** enqueue stores a write on the phone first, then tries to send it. */
export async function enqueue(fields: Omit<Parameters<typeof newItem>[0], 'id'> & { id?: string }): Promise<OutboxItem> {
  const item = newItem({ ...fields, id: fields.id ?? makeKey() }, Date.now());
  await outboxPut(item);
  await reload();
  void flush();
  return item;
}

async function attempt(item: OutboxItem): Promise<void> {
  await outboxPut(start(item));
  let outcome: Parameters<typeof settle>[1];
  try {
    const res = await authedFetch(new Request(item.path, {
      method: item.method,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
      body: JSON.stringify(item.body),
    }));
    let problem: Problem | undefined;
    if (!res.ok) {
      problem = { status: res.status };
      try {
        const p = (await res.json()) as { code?: string; detail?: string; errors?: { field: string }[] };
        if (p.code) problem.code = p.code;
        if (p.detail) problem.detail = p.detail;
        if (p.errors) problem.fields = p.errors.map((e) => e.field);
      } catch {
        /* not a problem document */
      }
    } else {
      await res.arrayBuffer().catch(() => undefined);
    }
    outcome = { kind: 'answered', status: res.status, replayed: res.headers.get('Idempotent-Replayed') === 'true', problem };
  } catch {
    outcome = { kind: 'network' };
  }
  const tr = settle(item, outcome, Date.now());
  if (tr.result === 'sent') {
    await outboxDelete(item.id);
    sentIds.value = new Set([...sentIds.value, item.id]);
  } else if (tr.result === 'awaiting') {
    await outboxDelete(item.id);
    awaitingIds.value = new Set([...awaitingIds.value, item.id]);
  } else {
    await outboxPut(tr.item);
  }
}

/** flush sends every item that is due, one at a time, in the order made. */
export function flush(force = false): Promise<void> {
  flushing ??= (async () => {
    try {
      const now = Date.now();
      // Signed out, nothing can reach the books: the items wait for a sign-in.
      if (!tokens()) return;
      for (const raw of await outboxAll()) {
        // An item left "sending" by a closed page is waiting again.
        const item = raw.state === 'sending' ? { ...raw, state: 'waiting' as const } : raw;
        if (!(force ? item.state === 'waiting' : due(item, now))) continue;
        await attempt(item);
      }
    } finally {
      await reload();
      flushing = undefined;
      schedule();
    }
  })();
  return flushing;
}

function schedule(): void {
  clearTimeout(timer);
  const waiting = items.value.filter((i) => i.state === 'waiting');
  if (!waiting.length) return;
  const next = Math.min(...waiting.map((i) => i.nextAt));
  timer = setTimeout(() => void flush(), Math.max(1000, next - Date.now()));
}

export async function sendNow(): Promise<void> {
  for (const i of await outboxAll()) await outboxPut(retryNow(i, Date.now()));
  await flush(true);
}

export async function discard(id: string): Promise<void> {
  await outboxDelete(id);
  await reload();
}

export function startSync(): void {
  addEventListener('online', () => {
    online.value = true;
    void sendNow();
  });
  addEventListener('offline', () => {
    online.value = false;
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void sendNow();
  });
  void reload().then(() => flush(true));
}
