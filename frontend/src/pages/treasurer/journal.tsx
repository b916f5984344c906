// The journal, for the treasurer: entries newest first, each reversible
// once (with four eyes on, the reversal waits for a second treasurer);
// and the book's signed checkpoints, with one signed on demand.
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './journal-words';
import { longDate, shortDate, timeStamp } from '../../dates';
import { HttpError, useRead, unwrap } from '../../read';
import { makeKey } from '../../sync';
import { Link, Money, ReadState } from '../../ui';
import { AwaitingApproval } from '../four-eyes';

type Me = Schemas['Me'];
type Entry = Schemas['Entry'];

/** short shows the start of a hash: enough to compare by eye. */
function short(hash: string): string {
  return hash ? hash.slice(0, 12) : '—';
}

function debits(e: Entry): { amount: string; currency: string } | null {
  const first = e.postings.find((p) => p.side === 'debit');
  if (!first) return null;
  // Amounts are decimal strings; the sum of one currency's debits is shown.
  let minor = 0n;
  let scale = 0;
  for (const p of e.postings) {
    if (p.side !== 'debit' || p.currency !== first.currency) continue;
    const [i = '0', f = ''] = p.amount.split('.');
    scale = Math.max(scale, f.length);
    minor += BigInt(i + f.padEnd(4, '0'));
  }
  const s = minor.toString().padStart(5, '0');
  const whole = s.slice(0, -4);
  const frac = s.slice(-4).slice(0, scale);
  return { amount: frac ? `${whole}.${frac}` : whole, currency: first.currency };
}

function EntryCard({ coop, e, onReversed }: { coop: string; e: Entry; onReversed: () => void }) {
  const d = w.value;
  const [asking, setAsking] = useState(false);
  const [key] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const [awaiting, setAwaiting] = useState(false);
  const total = debits(e);
  async function reverse() {
    setBusy(true);
    setSaid('');
    try {
      const r = await api.POST('/v1/cooperatives/{coop}/entries/{entry}/reversal', {
        params: { path: { coop, entry: e.id }, header: { 'Idempotency-Key': key } }, body: {},
      });
      // 202: a second treasurer approves it first; the entry stands.
      if (r.response.status === 202) setAwaiting(true);
      else {
        unwrap(r);
        setSaid(d.reversedNow);
        onReversed();
      }
      setAsking(false);
    } catch (err) {
      setSaid(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }
  return (
    <li class="card" data-testid={`entry-${e.sequence}`}>
      <h3>
        {d.entryNo(e.sequence)}{' '}
        {e.reversed_by && <span class="pill bad" data-testid="entry-reversed">{d.reversed}</span>}
        {e.reverses && <span class="pill">{d.isReversal}</span>}
      </h3>
      {e.memo && <p>{e.memo}</p>}
      <p class="muted small">{shortDate(e.effective_date, lang.value)} · {e.kind}{total && <> · <Money amount={total.amount} currency={total.currency} /></>}</p>
      {!e.reversed_by && !e.reverses && !awaiting && !asking && <button type="button" class="btn" onClick={() => setAsking(true)}>{d.reverse}</button>}
      {asking && (
        <div class="notice warn">
          <p>{d.reverseConfirm(e.sequence)}</p>
          <p class="actions">
            <button type="button" class="btn bad" disabled={busy} onClick={() => void reverse()}>{d.yesReverse}</button>
            <button type="button" class="btn" onClick={() => setAsking(false)}>{d.cancel}</button>
          </p>
        </div>
      )}
      {awaiting && <AwaitingApproval coop={coop} />}
      {said && <p class="notice" role="status">{said}</p>}
    </li>
  );
}

export function Journal({ coop }: { coop: string }) {
  const d = w.value;
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  async function load(cursor?: string) {
    setState('loading');
    try {
      const p = unwrap(await api.GET('/v1/cooperatives/{coop}/entries', { params: { path: { coop }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
      setEntries((x) => (cursor ? [...x, ...p.items] : p.items));
      setNext(p.next_cursor);
      setState('ready');
    } catch {
      setState('failed');
    }
  }
  useEffect(() => {
    void load();
  }, [coop]);
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.journal}</h1>
      <p class="muted">{d.journalHint}</p>
      {state === 'ready' && !entries.length && <p class="muted">{d.noEntries}</p>}
      <ol class="cards">
        {entries.map((e) => <EntryCard key={e.id} coop={coop} e={e} onReversed={() => void load()} />)}
      </ol>
      {state === 'loading' && <p class="muted" role="status">{d.loading}</p>}
      {state === 'failed' && (
        <div class="notice warn" role="alert">
          <p>{d.cannotLoad}</p>
          <button type="button" class="btn" onClick={() => void load()}>{d.retry}</button>
        </div>
      )}
      {state === 'ready' && next && <button type="button" class="btn wide" onClick={() => void load(next)}>{d.more}</button>}
    </>
  );
}

/** Checkpoints lists the book's signed checkpoints; the treasurer signs one now. */
export function Checkpoints({ coop, canSign }: { coop: string; canSign: boolean }) {
  const d = w.value;
  const list = useRead(`checkpoints:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/checkpoints', { params: { path: { coop } } })));
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  async function sign() {
    setBusy(true);
    setSaid('');
    try {
      unwrap(await api.POST('/v1/cooperatives/{coop}/checkpoints', { params: { path: { coop } } }));
      setSaid(d.signed);
      list.reload();
    } catch (err) {
      setSaid(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }
  const items = [...(list.data?.checkpoints ?? [])].sort((a, b) => b.taken_at.localeCompare(a.taken_at));
  return (
    <section class="card" aria-labelledby="checkpoints-h">
      <h2 id="checkpoints-h">{d.checkpoints}</h2>
      <p class="muted small">{d.checkpointsHint}</p>
      {canSign && <button type="button" class="btn primary" disabled={busy} onClick={() => void sign()}>{d.signNow}</button>}
      {said && <p class="muted" role="status">{said}</p>}
      <ReadState read={list} />
      {list.data && !items.length && <p class="muted">{d.noCheckpoints}</p>}
      <ul class="links" data-testid="checkpoints">
        {items.map((c) => (
          <li key={c.id} class="row-link">
            <span>
              {timeStamp(Date.parse(c.taken_at), lang.value)} · {c.month_end ? d.monthEnd(longDate(c.month_end, lang.value)) : d.onDemand}
              <br />
              <span class="muted small">{d.atEntry(c.sequence)} · {d.chainHash} <code>{short(c.chain_head)}</code> · {d.keyFingerprint} <code>{short(c.key_fingerprint)}</code></span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
