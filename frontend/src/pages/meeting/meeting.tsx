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
import { awaitingIds, enqueue, items, sentIds } from '../../sync';
import { AwaitingApproval } from '../four-eyes';
import { Link, Money, ReadState } from '../../ui';
import { allMembers } from '../treasurer/members';
import { formatMoney, sum } from '../../money';
import { attendanceOf, draftFrom, emptyDraft, everyonePaid, forAmend, fromStored, lineAttendance, loanNumbers, missingLoans, pays, problems, recordedAttendance, toRequest, totals, waNumber, type Attendance, type Draft, type LineProblem, type Recorded, type Sheet, type SheetRequest, type StoredDraft } from './sheet';

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

/**
 * Attendance in one tap as before: "present" on and off. A member marked
 * not present, or with a payment and not present, can be marked
 * represented, and then the name of who came for her is asked for. A
 * sheet not yet touched shows only "present", as before.
 */
function AttendanceTaps({ line, draft, set, locked, problem }: {
  line: Sheet['lines'][number]; draft: Draft; set: (f: (d: Draft) => Draft) => void; locked: boolean; problem: LineProblem['problem'] | undefined;
}) {
  const d = w.value;
  const id = line.member_id;
  const a = attendanceOf(draft, id);
  const mark = (next: Attendance) => set((x) => ({ ...x, attendance: { ...x.attendance, [id]: next } }));
  return (
    <>
      <button type="button" class={a === 'present' ? 'toggle on' : 'toggle'} aria-pressed={a === 'present'} disabled={locked}
        onClick={() => mark(a === 'present' ? 'absent' : 'present')}>
        <span aria-hidden="true">{a === 'present' ? '✓ ' : '○ '}</span>{d.present}<span class="sr-only"> {line.name}</span>
      </button>
      {a !== 'present' && (id in draft.attendance || problem === 'absentPays') && (
        <button type="button" class={a === 'represented' ? 'toggle on' : problem === 'absentPays' ? 'toggle ask' : 'toggle'}
          aria-pressed={a === 'represented'} disabled={locked} data-testid={`represent-${id}`}
          onClick={() => {
            mark(a === 'represented' ? 'absent' : 'represented');
            if (a !== 'represented') setTimeout(() => document.getElementById(`by-${id}`)?.focus(), 0);
          }}>
          <span aria-hidden="true">{a === 'represented' ? '✓ ' : '○ '}</span>{d.represented}<span class="sr-only"> {line.name}</span>
        </button>
      )}
    </>
  );
}

function Row({ line, draft, currency, set, locked, problem }: {
  line: Sheet['lines'][number]; draft: Draft; currency: string; set: (f: (d: Draft) => Draft) => void; locked: boolean; problem: LineProblem['problem'] | undefined;
}) {
  const d = w.value;
  const id = line.member_id;
  const a = attendanceOf(draft, id);
  const late = Math.max(0, ...line.loans.map((l) => l.days_past_due));
  return (
    <li class="member-row" data-testid={`row-${id}`}>
      <div class="member-head">
        <span class="num" aria-hidden="true">{line.member_number}</span>
        <span class="member-name">{line.name}</span>
        {late > 0 && <span class="pill bad"><span aria-hidden="true">! </span>{d.late(late)}</span>}
        <AttendanceTaps line={line} draft={draft} set={set} locked={locked} problem={problem} />
      </div>
      {a === 'represented' && (
        <div class="pay by">
          <label for={`by-${id}`}>{d.representedBy}<br /><span class="muted small">{d.representedByHint}</span></label>
          <input id={`by-${id}`} type="text" autoComplete="off" maxLength={100} disabled={locked} required
            aria-invalid={problem === 'needsName'} aria-describedby={problem === 'needsName' ? `problem-${id}` : undefined}
            value={draft.representedBy[id] ?? ''}
            onInput={(e) => { const v = e.currentTarget.value; set((x) => ({ ...x, representedBy: { ...x.representedBy, [id]: v } })); }} />
        </div>
      )}
      {problem && (
        <p class="pay notice warn small" id={`problem-${id}`} data-testid="line-problem">
          <span aria-hidden="true">! </span>{problem === 'needsName' ? d.nameNeeded : d.absentPays}
        </p>
      )}
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
      <p data-testid="attendance-counts">{d.counts(s.present, s.represented, s.absent)}</p>
      {s.representedBy.length > 0 && (
        <ul class="names">{s.representedBy.map((r) => <li key={r.name}>{r.name}: {d.representedByLine(r.by || '…')}</li>)}</ul>
      )}
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
      <p data-testid="attendance-counts">{d.counts(...(['present', 'represented', 'absent'] as const).map((a) => m.lines.filter((l) => recordedAttendance(l) === a).length) as [number, number, number])}</p>
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
              <span><span class="num">{l.member_number}</span> {l.name} · {recordedAttendance(l) === 'represented' ? d.representedByLine(l.represented_by ?? '') : recordedAttendance(l) === 'present' ? d.present : d.absent}<br />
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
          const text = d.slipText(groupName, longDate(sheet.date, lang.value), line.name, d.slipHow(lineAttendance(p), p.represented_by ?? ''), parts.join(', '));
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
    void loadDraft<StoredDraft>(draftKey).then((x) => setDraft(x ? fromStored(x) : emptyDraft()), () => setDraft(emptyDraft()));
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
  // An amendment the cooperative wants a second treasurer for (202): the
  // meeting stays as recorded until she approves it.
  const awaiting = !!sentHere && awaitingIds.value.has(sentHere);
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
  useEffect(() => {
    if (!awaiting) return;
    void dropDraft(draftKey);
    setAmending(false);
    read.reload();
    // Said at the top: bring it into view from the save button.
    setTimeout(() => document.querySelector('[data-testid=awaiting-approval]')?.scrollIntoView({ block: 'center' }), 0);
  }, [awaiting]);

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

  // What the server would refuse is said on the lines before sending.
  const [checked, setChecked] = useState(false);
  const found = useMemo(() => (req ? problems(req) : []), [req]);
  // A payment typed for an absent member is asked about at once; a
  // missing name only once she tries to record, not while typing it.
  const shown = new Map(found.filter((p) => checked || p.problem === 'absentPays').map((p) => [p.member_id, p.problem]));

  async function record() {
    if (!sheet || !req) return;
    if (found.length) {
      setChecked(true);
      setTimeout(() => document.getElementById(`problem-${found[0]!.member_id}`)?.scrollIntoView({ block: 'center' }), 0);
      return;
    }
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
      {awaiting && !queued && <AwaitingApproval coop={coop} />}
      {!queued && inBooks && !amending && !awaiting && <p class="notice ok" role="status" data-testid="sheet-state"><span aria-hidden="true">✓ </span>{sentNow ? d.inBooks : d.alreadyRecorded}</p>}
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
              <Row key={line.member_id} line={line} draft={draft} currency={currency} set={set} locked={locked} problem={locked ? undefined : shown.get(line.member_id)} />
            ))}
          </ol>
          <GroupLoans sheet={sheet} draft={draft} set={set} locked={locked} />
          <ReadBack sheet={sheet} req={queued ? (queued.body as SheetRequest) : req} />
          {(queued || sentNow) && <Slips sheet={sheet} req={queued ? (queued.body as SheetRequest) : req} groupName={groupName} phones={phones} />}
          {!locked && checked && found.length > 0 && <p class="notice bad" role="alert" data-testid="sheet-problems">{d.fixFirst}</p>}
          {!locked && (
            <button type="button" class="btn primary wide" onClick={() => void record()}
              disabled={!req.lines.some((l) => lineAttendance(l) !== 'absent' || pays(l))}>
              {amending ? d.saveAmend : d.record}
            </button>
          )}
          {amending && !queued && <button type="button" class="btn wide" onClick={() => setAmending(false)}>{d.cancel}</button>}
        </>
      )}
    </>
  );
}
