// The outbox's state machine, apart from storage and network so that it
// can be tested alone. A write made at a meeting is an item from the
// moment it is made, with its Idempotency-Key; only the server's 2xx takes
// it out ("in the books"), or a 202: the cooperative wants a second
// treasurer's approval first, so it waits on the server, not here. A 409 or 422 is for a person to read and decide,
// never retried; a lost answer or a 5xx is retried with a growing pause.

export type ItemState = 'waiting' | 'sending' | 'conflict' | 'rejected';

export interface Problem {
  status: number;
  code?: string;
  detail?: string;
  fields?: string[];
}

export interface OutboxItem {
  id: string; // also the Idempotency-Key
  coop: string;
  /** POST for a first recording; PUT for an amendment of one. */
  method: 'POST' | 'PUT';
  path: string;
  body: unknown;
  /** What the screen says the item is: "Pertemuan Kelompok Anggrek, 2 Des". */
  kind: 'sheet' | 'deposit' | 'withdrawal' | 'disbursement' | 'repayment';
  label: string;
  createdAt: number;
  state: ItemState;
  attempts: number;
  nextAt: number;
  problem?: Problem;
}

/** What one try to send an item ended in. */
export type Outcome =
  | { kind: 'answered'; status: number; replayed?: boolean; problem?: Problem }
  | { kind: 'network' };

export const backoffStartMs = 5_000;
export const backoffMaxMs = 5 * 60_000;

/** backoff: 5 s, 10 s, 20 s … up to 5 min. */
export function backoff(attempts: number): number {
  return Math.min(backoffStartMs * 2 ** Math.max(0, attempts - 1), backoffMaxMs);
}

export type Transition =
  | { result: 'sent'; replayed: boolean } // in the books: remove the item
  | { result: 'awaiting' } // taken, waiting for a second treasurer: remove the item, never resend
  | { result: 'kept'; item: OutboxItem } // stays on the phone
  | { result: 'signin'; item: OutboxItem }; // waits for a new sign-in

export function newItem(
  fields: Pick<OutboxItem, 'id' | 'coop' | 'path' | 'body' | 'kind' | 'label'> & { method?: OutboxItem['method'] },
  now: number,
): OutboxItem {
  return { ...fields, method: fields.method ?? 'POST', createdAt: now, state: 'waiting', attempts: 0, nextAt: now };
}

/** due tells whether an item should be tried now. */
export function due(item: OutboxItem, now: number): boolean {
  return item.state === 'waiting' && item.nextAt <= now;
}

export function start(item: OutboxItem): OutboxItem {
  return { ...item, state: 'sending' };
}

export function settle(item: OutboxItem, outcome: Outcome, now: number): Transition {
  if (outcome.kind === 'network') {
    return retry(item, now, undefined);
  }
  const { status } = outcome;
  if (status === 202) return { result: 'awaiting' };
  if (status >= 200 && status < 300) return { result: 'sent', replayed: !!outcome.replayed };
  if (status === 401) {
    // The session ended: keep it waiting, untouched, for a new sign-in.
    return { result: 'signin', item: { ...item, state: 'waiting', nextAt: now } };
  }
  if (status === 409) {
    return { result: 'kept', item: { ...item, state: 'conflict', attempts: item.attempts + 1, problem: outcome.problem ?? { status } } };
  }
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return retry(item, now, outcome.problem ?? { status });
  }
  // 400, 403, 404, 422: the server will not take it as it is.
  return { result: 'kept', item: { ...item, state: 'rejected', attempts: item.attempts + 1, problem: outcome.problem ?? { status } } };
}

function retry(item: OutboxItem, now: number, problem: Problem | undefined): Transition {
  const attempts = item.attempts + 1;
  const next: OutboxItem = { ...item, state: 'waiting', attempts, nextAt: now + backoff(attempts) };
  if (problem) next.problem = problem;
  else delete next.problem;
  return { result: 'kept', item: next };
}

/** retryNow puts an item back in line at once (the person asked, or the signal came back). */
export function retryNow(item: OutboxItem, now: number): OutboxItem {
  return item.state === 'waiting' ? { ...item, nextAt: now } : item;
}

/** An item a person reads about and has to act on. */
export function needsPerson(item: OutboxItem): boolean {
  return item.state === 'conflict' || item.state === 'rejected';
}

/** newKey makes a UUIDv7: time-ordered, so keys sort as they were made. */
export function newKey(now: number, random: (n: number) => Uint8Array): string {
  const b = random(16);
  let t = BigInt(now);
  for (let i = 5; i >= 0; i--) {
    b[i] = Number(t & 0xffn);
    t >>= 8n;
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
