// The phone's storage (IndexedDB): the last copy of each read, the drafts
// of open forms, and the outbox of writes not yet in the books.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox';

export interface Stored<T> {
  at: number;
  value: T;
}

interface Schema extends DBSchema {
  reads: { key: string; value: Stored<unknown> };
  drafts: { key: string; value: unknown };
  outbox: { key: string; value: OutboxItem };
}

let dbPromise: Promise<IDBPDatabase<Schema>> | undefined;

function db(): Promise<IDBPDatabase<Schema>> {
  dbPromise ??= openDB<Schema>('lumbung', 1, {
    upgrade(d) {
      d.createObjectStore('reads');
      d.createObjectStore('drafts');
      d.createObjectStore('outbox', { keyPath: 'id' });
    },
  });
  return dbPromise;
}

export async function keepRead(key: string, value: unknown): Promise<void> {
  await (await db()).put('reads', { at: Date.now(), value }, key);
}

export async function storedRead<T>(key: string): Promise<Stored<T> | undefined> {
  return (await (await db()).get('reads', key)) as Stored<T> | undefined;
}

export async function saveDraft(key: string, value: unknown): Promise<void> {
  await (await db()).put('drafts', value, key);
}

export async function loadDraft<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('drafts', key)) as T | undefined;
}

export async function dropDraft(key: string): Promise<void> {
  await (await db()).delete('drafts', key);
}

export async function outboxAll(): Promise<OutboxItem[]> {
  const items = await (await db()).getAll('outbox');
  return items.sort((a, b) => a.createdAt - b.createdAt);
}

export async function outboxPut(item: OutboxItem): Promise<void> {
  await (await db()).put('outbox', item);
}

export async function outboxDelete(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
}

/** forgetAll clears what a signed-in person left on the phone, except the outbox. */
export async function forgetReads(): Promise<void> {
  const d = await db();
  await d.clear('reads');
}
