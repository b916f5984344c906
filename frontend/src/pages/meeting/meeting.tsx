// The meeting: attendance in one tap per member, "everyone paid what is
// due" in one tap, then only the exceptions; a read-back in large type;
// and the sheet recorded through the outbox, honest about where it is.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { longDate } from '../../dates';
import { parseTyped, showTyped, isPositive } from '../../money';
import { hasKey, json, useRead, unwrap } from '../../read';
import { loadDraft, saveDraft, dropDraft } from '../../db';
import { enqueue, items, sentIds } from '../../sync';
import { Link, Money, ReadState } from '../../ui';
import { allMembers } from '../treasurer/members';
import { formatMoney, sum } from '../../money';
import { draftFrom, emptyDraft, everyonePaid, forAmend, loanNumbers, missingLoans, toRequest, totals, waNumber, type Draft, type Recorded, type Sheet, type SheetRequest } from './sheet';

type Me = Schemas['Me'];

function AmountInput({ id, label, value, currency, onChange, disabled }: {
  id: string; label: string; value: string; currency: string; onChange: (v: string) => void; disabled: boolean;
}) {
  return (
    <input id={id} class="amount" type="text" inputMode="numeric" autoComplete="off" aria-label={label}
      value={showTyped(value, lang.value)} disabled={disabled}
      onInput={(e) => onChange(parseTyped(e.currentTarget.value, currency, lang.value))} />
  );
}

function Row({ line, draft, currency, set, locked }: {
  line: Sheet['lines'][number]; draft: Draft; currency: string; set: (f: (d: Draft) => Draft) => void; locked: boolean;
}) {
  const d = w.value;
  const present = !!draft.attended[line.member_id];
  const late = Math.max(0, ...line.loans.map((l) => l.days_past_due));
  return (
    <li class="member-row">
      <div class="member-head">
        <span class="num" aria-hidden="true">{line.member_number}</span>
        <span class="member-name">{line.name}</span>
        {late > 0 && <span class="pill bad"><span aria-hidden="true">! </span>{d.late(late)}</span>}
        <button type="button" class={present ? 'toggle on' : 'toggle'} aria-pressed={present} disabled={locked}
          onClick={() => set((x) => ({ ...x, attended: { ...x.attended, [line.member_id]: !present } }))}>
          <span aria-hidden="true">{present ? '✓ ' : '○ '}</span>{d.present}<span class="sr-only"> {line.name}</span>
        </button>
      </div>
      {line.loans.map((l) => (
        <div class="pay" key={l.loan_id}>
          <label for={`loan-${l.loan_id}`}>{d.loanDue(l.number)}<br /><span class="muted">{d.dueIs('')}<Money amount={l.due} currency={currency} /></span></label>
          <AmountInput id={`loan-${l.loan_id}`} label={d.amountFor(d.loanDue(l.number), line.name)} currency={currency} disabled={locked}
            value={draft.loans[l.loan_id] ?? ''} onChange={(v) => set((x) => ({ ...x, loans: { ...x.loans, [l.loan_id]: v } }))} />
        </div>
      ))}
      <div class="pay">
        <label for={`wajib-${line.member_id}`}>{d.wajibPaid}<br /><span class="muted">{d.dueIs('')}<Money amount={line.wajib_due} currency={currency} /></span></label>
        <AmountInput id={`wajib-${line.member_id}`} label={d.amountFor(d.wajibPaid, line.name)} currency={currency} disabled={locked}
          value={draft.wajib[line.member_id] ?? ''} onChange={(v) => set((x) => ({ ...x, wajib: { ...x.wajib, [line.member_id]: v } }))} />
      </div>
      <div class="pay">
        <label for={`sukarela-${line.member_id}`}>{d.sukarelaPaid}</label>
        <AmountInput id={`sukarela-${line.member_id}`} label={d.amountFor(d.sukarelaPaid, line.name)} currency={currency} disabled={locked}
          value={draft.sukarela[line.member_id] ?? ''} onChange={(v) => set((x) => ({ ...x, sukarela: { ...x.sukarela, [line.member_id]: v } }))} />
      </div>
    </li>
  );
}

function GroupLoans({ sheet, draft, set, locked }: { sheet: Sheet; draft: Draft; set: (f: (d: Draft) => Draft) => void; locked: boolean }) {
  const d = w.value;
  if (!sheet.group_loans.length) return null;
  const update = (i: number, patch: Partial<Draft['group'][number]>) =>
    set((x) => ({ ...x, group: x.group.map((g, j) => (j === i ? { ...g, ...patch } : g)) }));
  return (
    <section class="card">
      <h2>{d.groupLoans}</h2>
      {sheet.group_loans.map((l) => (
        <div key={l.loan_id}>
          <p>{d.loanDue(l.number)} · {d.dueIs('')}<Money amount={l.due} currency={sheet.currency} /></p>
          {draft.group.map((g, i) => g.loan_id === l.loan_id && (
            <div class="pay grid3" key={i}>
              <label>{d.paidBy}
                <select value={g.payer} disabled={locked} onChange={(e) => update(i, { payer: e.currentTarget.value })}>
                  {sheet.lines.map((m) => <option key={m.member_id} value={m.member_id}>{m.name}</option>)}
                </select>
              </label>
              <label>{d.covers}
                <select value={g.covers} disabled={locked} onChange={(e) => update(i, { covers: e.currentTarget.value })}>
                  <option value="">{d.nobody}</option>
                  {sheet.lines.map((m) => <option key={m.member_id} value={m.member_id}>{m.name}</option>)}
                </select>
              </label>
              <label>{d.amount}
                <input class="amount" type="text" inputMode="numeric" value={showTyped(g.amount, lang.value)} disabled={locked}
                  onInput={(e) => update(i, { amount: parseTyped(e.currentTarget.value, sheet.currency, lang.value) })} />
              </label>
            </div>
          ))}
          {!locked && sheet.lines[0] && (
            <button type="button" class="btn" onClick={() => set((x) => ({ ...x, group: [...x.group, { loan_id: l.loan_id, payer: sheet.lines[0]!.member_id, covers: '', amount: '' }] }))}>
              + {d.paidBy}
            </button>
          )}
        </div>
      ))}
    </section>
  );
}

function ReadBack({ sheet, req }: { sheet: Sheet; req: SheetRequest }) {
  const d = w.value;
  const s = totals(sheet, req);
  const cur = sheet.currency;
  return (
    <section class="card readback" aria-labelledby="readback" aria-live="polite">
      <h2 id="readback">{d.readBack}</h2>
      <button type="button" class="btn no-print" onClick={() => print()}>{d.print}</button>
      <p class="muted">{d.readBackHint}</p>
      <p>{d.attended(s.present, sheet.lines.length)}</p>
      <dl class="pairs big">
        <dt>{d.installments}</dt><dd><Money amount={s.installments} currency={cur} /></dd>
        <dt>{d.wajibPaid}</dt><dd><Money amount={s.wajib} currency={cur} /></dd>
        <dt>{d.sukarelaPaid}</dt><dd><Money amount={s.sukarela} currency={cur} /></dd>
      </dl>
      <p class="cash">{d.cashInHand}<br /><strong data-testid="cash"><Money amount={s.cash} currency={cur} /></strong></p>
      {s.short.length ? (
        <>
          <h3>{d.notPaid}</h3>
          <ul class="names">{s.short.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      ) : <p>{d.everyonePaidAll}</p>}
    </section>
  );
}


/** The meeting as the server has it: what reached the books, not the draft. */
function RecordedView({ m, numbers, onAmend }: { m: Recorded; numbers: Readonly<Record<string, number>>; onAmend: (() => void) | null }) {
  const d = w.value;
  const cur = m.currency;
  const when = new Date(m.recorded_at).toLocaleString(lang.value === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section class="card readback" aria-labelledby="inbooks" data-testid="recorded">
      <h2 id="inbooks">{d.asInBooks}</h2>
      <p class="muted small">{d.recordedAt(when)}</p>
      <p>{d.attended(m.lines.filter((l) => l.attended).length, m.lines.length)}</p>
      <p class="cash">{d.collected}<br /><strong data-testid="collected"><Money amount={m.collected} currency={cur} /></strong></p>
      <ul class="links">
        {m.lines.map((l) => {
          // Each installment with its loan's number, as the sheet was filled.
          const parts = [
            ...l.loans.filter((x) => isPositive(x.amount)).map((x) =>
              `${numbers[x.loan_id] ? d.loanDue(numbers[x.loan_id]!) : d.installments} ${formatMoney(x.amount, cur, lang.value)}`),
            isPositive(l.wajib) ? `${d.wajibPaid} ${formatMoney(l.wajib, cur, lang.value)}` : '',
            isPositive(l.sukarela) ? `${d.sukarelaPaid} ${formatMoney(l.sukarela, cur, lang.value)}` : '',
          ].filter(Boolean);
          return (
            <li key={l.member_id} class="row-link" data-testid="recorded-line">
              <span><span class="num">{l.member_number}</span> {l.name} · {l.attended ? d.present : d.absent}<br />
                <span class="muted small">{parts.join(' · ') || d.nothingPaid}</span></span>
            </li>
          );
        })}
      </ul>
      {onAmend && <button type="button" class="btn primary wide no-print" onClick={onAmend}>{d.amend}</button>}
    </section>
  );
}

function Slips({ sheet, req, groupName, phones }: { sheet: Sheet; req: SheetRequest; groupName: string; phones: Record<string, string> }) {
  const d = w.value;
  const cur = sheet.currency;
  const money = (a: string) => formatMoney(a, cur, lang.value);
  return (
    <section class="card" aria-labelledby="slips">
      <h2 id="slips">{d.slips}</h2>
      <p class="muted">{d.slipsHint}</p>
      <ul class="links">
        {req.lines.map((p, i) => {
          const line = sheet.lines[i]!;
          const parts: string[] = [];
          const loans = (p.loans ?? []).map((l) => l.amount);
          if (loans.length) parts.push(`${d.installments} ${money(loans.reduce((a, b) => (BigInt(a) + BigInt(b)).toString()))}`);
          if (p.wajib) parts.push(`${d.wajibPaid} ${money(p.wajib)}`);
          if (p.sukarela) parts.push(`${d.sukarelaPaid} ${money(p.sukarela)}`);
          const text = d.slipText(groupName, longDate(sheet.date, lang.value), line.name, p.attended ?? false, parts.join(', '));
          const phone = phones[line.member_id];
          return (
            <li key={line.member_id} class="row-link">
              <span><span class="num">{line.member_number}</span> {line.name}<br /><span class="muted small">{parts.join(' · ') || d.nothingPaid}</span></span>
              {phone
                ? <a class="btn" href={`https://wa.me/${waNumber(phone)}?text=${encodeURIComponent(text)}`} target="_blank" rel="noopener noreferrer">{d.sendSlip}<span class="sr-only"> {line.name}</span></a>
                : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** closedPeriod: a refusal because the period's books are closed, not a different sheet. */
function closedPeriod(code: string | undefined): boolean {
  return code === 'period.closed' || code === 'year_end.closed';
}

export function Meeting({ me, coop, group, date }: { me: Me; coop: string; group: string; date: string }) {
  const d = w.value;
  const currency = me.treasurer_of.find((c) => c.id === coop)?.currency ?? 'IDR';
  const sheetKey = `sheet:${coop}:${group}:${date}`;
  const draftKey = `draft:${sheetKey}`;
  const path = `/v1/cooperatives/${coop}/groups/${group}/collection-sheet`;
  const read = useRead(sheetKey, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/groups/{group}/collection-sheet', { params: { path: { coop, group }, query: { date } } })),
      hasKey<Schemas['CollectionSheet']>('lines')),
  );
  const groups = useRead(`groups:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop } } })));
  const groupName = groups.data?.items.find((g) => g.id === group)?.name ?? '';
  const members = useRead(`members:${coop}`, () => allMembers(coop));
  const phones = Object.fromEntries((members.data ?? []).map((m) => [m.id, m.phone]));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [sentHere, setSentHere] = useState('');

  useEffect(() => {
    void loadDraft<Draft>(draftKey).then((x) => setDraft(x ?? emptyDraft()), () => setDraft(emptyDraft()));
  }, [draftKey]);

  const set = (f: (x: Draft) => Draft) => {
    setDraft((x) => {
      const next = f(x ?? emptyDraft());
      void saveDraft(draftKey, next);
      return next;
    });
  };

  const amendPath = `/v1/cooperatives/${coop}/groups/${group}/meetings/${date}`;
  const [amending, setAmending] = useState(false);
  const queued = items.value.find((i) => i.kind === 'sheet' && (i.path === path || i.path === amendPath) && (i.body as SheetRequest).date === date);
  // Follow the queued sheet, also one found after a reload, until the
  // server has it: then the draft goes and the sheet is read again.
  useEffect(() => {
    if (queued && queued.id !== sentHere) setSentHere(queued.id);
  }, [queued?.id]);
  const sentNow = !!sentHere && sentIds.value.has(sentHere);
  // A refusal is said at the top of the sheet: bring it into view from the
  // save button at the bottom, where the treasurer's eyes are.
  const refused = queued?.state === 'conflict' || queued?.state === 'rejected';
  useEffect(() => {
    if (refused) document.querySelector('[data-testid=sheet-state]')?.scrollIntoView({ block: 'center' });
  }, [refused]);
  const inBooks = sentNow || !!read.data?.recorded;
  // Once in the books, the meeting is read back from the server.
  const recorded = useRead(inBooks && !queued ? `meeting:${coop}:${group}:${date}:${sentHere}` : null, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/groups/{group}/meetings/{date}', { params: { path: { coop, group, date } } })),
      hasKey<Schemas['RecordedMeeting']>('held_on')),
  );
  useEffect(() => {
    if (!sentNow) return;
    void dropDraft(draftKey);
    setAmending(false);
    read.reload();
  }, [sentNow]);

  // A loan the meeting paid off is not on the day's sheet: its number is read.
  const missing = read.data && recorded.data ? missingLoans(read.data, recorded.data) : [];
  const extra = useRead(missing.length ? `loan-numbers:${missing.join(',')}` : null, async () => {
    const out: Record<string, number> = {};
    for (const loan of missing) out[loan] = unwrap(await api.GET('/v1/cooperatives/{coop}/loans/{loan}', { params: { path: { coop, loan } } })).number;
    return out;
  });
  const numbers = useMemo(() => (read.data ? loanNumbers(read.data, extra.data ?? {}) : {}), [read.data, extra.data]);
  const sheet = useMemo(() => (read.data && amending && recorded.data ? forAmend(read.data, recorded.data, numbers) : read.data), [read.data, amending, recorded.data, numbers]);
  const req = useMemo(() => (sheet && draft ? toRequest(sheet, draft) : null), [sheet, draft]);
  const locked = !!queued || (inBooks && !amending);

  async function record() {
    if (!sheet || !req) return;
    const label = `${d.meeting} ${groupName}, ${longDate(date, lang.value)}`;
    const item = amending
      ? await enqueue({ coop, path: amendPath, method: 'PUT', body: req, kind: 'sheet', label: `${d.amend}: ${label}` })
      : await enqueue({ coop, path, body: req, kind: 'sheet', label });
    setSentHere(item.id);
  }

  function amend() {
    if (!read.data || !recorded.data) return;
    const next = draftFrom(forAmend(read.data, recorded.data, numbers), recorded.data);
    setDraft(next);
    void saveDraft(draftKey, next);
    setAmending(true);
  }

  const showRecorded = inBooks && !queued && !amending;
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.meeting} {groupName}</h1>
      <p>{longDate(date, lang.value)}</p>
      <ReadState read={read} />
      {queued && (
        <div class={queued.state === 'waiting' || queued.state === 'sending' ? 'notice warn' : 'notice bad'} role="status" data-testid="sheet-state">
          <p><strong>{queued.state === 'waiting' || queued.state === 'sending' ? d.savedOnPhone
            : closedPeriod(queued.problem?.code) ? d.stateClosed
            : queued.state === 'conflict' && queued.problem?.code !== 'meeting.loan_settled' ? d.stateConflict : d.stateRejected}</strong></p>
          {queued.problem && queued.state !== 'waiting' && <p>{problemText(d, queued.problem)}</p>}
          <p><Link href="/kotak-keluar">{d.outbox}</Link></p>
        </div>
      )}
      {!queued && inBooks && !amending && <p class="notice ok" role="status" data-testid="sheet-state"><span aria-hidden="true">✓ </span>{sentNow ? d.inBooks : d.alreadyRecorded}</p>}
      {showRecorded && <ReadState read={recorded} />}
      {showRecorded && recorded.data && <RecordedView m={recorded.data} numbers={numbers} onAmend={missing.length && !extra.data ? null : amend} />}
      {showRecorded && sentNow && sheet && draft && req && <Slips sheet={sheet} req={req} groupName={groupName} phones={phones} />}
      {amending && <p class="notice warn" role="status">{d.amending}</p>}
      {!showRecorded && sheet && draft && req && (
        <>
          {!locked && (
            <div class="sticky-actions">
              <button type="button" class="btn primary" onClick={() => set((x) => everyonePaid(sheet, x))}>{d.everyonePaid}</button>
              <button type="button" class="btn" onClick={() => set(() => emptyDraft())}>{d.clearAll}</button>
              <p class="muted small">{d.everyonePaidHint}</p>
            </div>
          )}
          <h2>{d.attendance} · {d.installments}</h2>
          <ol class="sheet">
            {sheet.lines.map((line) => (
              <Row key={line.member_id} line={line} draft={draft} currency={currency} set={set} locked={locked} />
            ))}
          </ol>
          <GroupLoans sheet={sheet} draft={draft} set={set} locked={locked} />
          <ReadBack sheet={sheet} req={queued ? (queued.body as SheetRequest) : req} />
          {(queued || sentNow) && <Slips sheet={sheet} req={queued ? (queued.body as SheetRequest) : req} groupName={groupName} phones={phones} />}
          {!locked && (
            <button type="button" class="btn primary wide" onClick={() => void record()}
              disabled={!req.lines.some((l) => l.attended || l.loans?.length || isPositive(l.wajib ?? '') || isPositive(l.sukarela ?? ''))}>
              {amending ? d.saveAmend : d.record}
            </button>
          )}
          {amending && !queued && <button type="button" class="btn wide" onClick={() => setAmending(false)}>{d.cancel}</button>}
        </>
      )}
    </>
  );
}
