// One loan, for its treasurer: where it stands, its schedule, and what she
// does with it outside a meeting: record a repayment, charge the late
// penalties, or write it off behind a typed confirmation. These need the
// server's answer (the allocation, the penalty charged), so they are sent
// at once, each with an idempotency key kept until it is answered. A
// repayment made where there is no signal can go to the outbox with the
// same key and today's date, and is sent once when the signal comes back.
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './loan-words';
import { formatMoney, isPositive, parseTyped, showTyped, toMinor } from '../../money';
import { shortDate, today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { enqueue, items, makeKey, sentIds } from '../../sync';
import { Link, Money, ReadState, Tile } from '../../ui';
import { ScheduleList } from '../schedule';
import { AwaitingApproval } from '../four-eyes';

type Me = Schemas['Me'];
type Loan = Schemas['Loan'];

function problemOf(err: unknown): string {
  const d = w.value;
  return err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad;
}

function Position({ loan }: { loan: Loan }) {
  const d = w.value;
  const pos = loan.position;
  if (!pos) return null;
  const late = pos.days_past_due > 0;
  return (
    <>
      <p>
        <span class={late ? 'pill bad' : 'pill ok'} data-testid="loan-late">
          <span aria-hidden="true">{late ? '! ' : '✓ '}</span>
          {late ? d.late(pos.days_past_due) : d.onTime}
        </span>
      </p>
      <div class="tiles">
        <Tile label={d.outstanding}><Money amount={pos.outstanding} currency={loan.currency} /></Tile>
        <Tile label={d.arrears}><span data-testid="arrears"><Money amount={pos.arrears} currency={loan.currency} /></span></Tile>
        <Tile label={d.penaltyOwed}><span data-testid="penalty-owed"><Money amount={pos.penalty_owed} currency={loan.currency} /></span></Tile>
        <Tile label={d.payoff}><span data-testid="payoff"><Money amount={pos.payoff} currency={loan.currency} /></span></Tile>
      </div>
      {pos.next_installment && (
        <p>{d.nextInstallment}: <Money amount={pos.next_due} currency={loan.currency} /> · {shortDate(pos.next_installment.due_date, lang.value)}</p>
      )}
      <details class="schedule">
        <summary>{d.schedule} · {d.installmentsPaid(pos.installments_paid, loan.installments)}</summary>
        <ScheduleList loan={loan} />
      </details>
    </>
  );
}

function Repay({ coop, loan, onDone }: { coop: string; loan: Loan; onDone: () => void }) {
  const d = w.value;
  const pos = loan.position!;
  const [amount, setAmount] = useState('');
  const [via, setVia] = useState<'cash' | 'bank'>('cash');
  const [memo, setMemo] = useState('');
  // A group loan with shares is repaid by one of its members, credited to her share.
  const shares = loan.shares ?? [];
  const [payer, setPayer] = useState(shares[0]?.member_id ?? '');
  const [key, setKey] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [done, setDone] = useState<Schemas['Allocation'] | null>(null);
  const [offline, setOffline] = useState<Schemas['RepaymentRequest'] | null>(null);
  const [kept, setKept] = useState<string[]>([]);
  const path = `/v1/cooperatives/${coop}/loans/${loan.id}/repayments`;
  const waiting = items.value.filter((i) => i.kind === 'repayment' && i.path === path);
  const sentLater = kept.filter((id) => sentIds.value.has(id)).length;
  useEffect(() => {
    if (sentLater) onDone();
  }, [sentLater]);
  const over = isPositive(amount) && toMinor(amount, loan.currency) > toMinor(pos.payoff, loan.currency);
  const money = (a: string) => formatMoney(a, loan.currency, lang.value);

  async function submit(e: Event) {
    e.preventDefault();
    if (!isPositive(amount) || over || busy) return;
    setBusy(true);
    setProblem('');
    setOffline(null);
    const body: Schemas['RepaymentRequest'] = { amount, via, ...(memo.trim() ? { memo: memo.trim() } : {}), ...(shares.length && payer ? { member_id: payer } : {}) };
    try {
      const r = unwrap(await api.POST('/v1/cooperatives/{coop}/loans/{loan}/repayments', {
        params: { path: { coop, loan: loan.id }, header: { 'Idempotency-Key': key } }, body,
      }));
      setDone(r.allocation);
      setAmount('');
      setMemo('');
      setKey(makeKey()); // the next repayment is another one
      onDone();
    } catch (err) {
      // A lost answer keeps the key: trying again cannot pay twice.
      if (err instanceof HttpError) setProblem(problemOf(err));
      else setOffline(body);
    } finally {
      setBusy(false);
    }
  }

  async function keep(body: Schemas['RepaymentRequest']) {
    // The same key as the try that found no signal: if that one reached
    // the books after all, the outbox's send is answered as a replay.
    const item = await enqueue({ id: key, coop, path, body: { ...body, date: today() }, kind: 'repayment',
      label: `${d.repay}: ${d.loanNo(loan.number)} · ${money(body.amount)}` });
    setKept((k) => [...k, item.id]);
    setOffline(null);
    setAmount('');
    setMemo('');
    setKey(makeKey());
  }

  return (
    <form class="form card" onSubmit={submit} aria-labelledby="repay-h">
      <h2 id="repay-h">{d.repay}</h2>
      <p class="muted small">{d.repayHint}</p>
      <p class="actions">
        {pos.next_due !== '0' && <button type="button" class="btn" onClick={() => { setAmount(pos.arrears !== '0' ? pos.arrears : pos.next_due); setDone(null); }}>{pos.arrears !== '0' ? d.arrears : d.payNextDue}: {money(pos.arrears !== '0' ? pos.arrears : pos.next_due)}</button>}
        <button type="button" class="btn" onClick={() => { setAmount(pos.payoff); setDone(null); }}>{d.payAll}: {money(pos.payoff)}</button>
      </p>
      {shares.length > 0 && (
        <>
          <label for="repay-payer">{d.payer}</label>
          <select id="repay-payer" value={payer} onChange={(e) => setPayer(e.currentTarget.value)}>
            {shares.map((sh) => <option key={sh.member_id} value={sh.member_id}>{sh.name ?? sh.member_id}{sh.arrears && sh.arrears !== '0' ? ` · ${d.arrears} ${money(sh.arrears)}` : ''}</option>)}
          </select>
        </>
      )}
      <label for="repay-amount">{d.amount}</label>
      <input id="repay-amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(amount, lang.value)}
        onInput={(e) => { setAmount(parseTyped(e.currentTarget.value, loan.currency, lang.value)); setDone(null); }} />
      {over && <p class="notice warn" role="alert">{d.overPayoff(money(pos.payoff))}</p>}
      <fieldset class="choice row">
        <legend>{d.via}</legend>
        <label><input type="radio" name="via" checked={via === 'cash'} onChange={() => setVia('cash')} /> {d.viaCash}</label>
        <label><input type="radio" name="via" checked={via === 'bank'} onChange={() => setVia('bank')} /> {d.viaBank}</label>
      </fieldset>
      <label for="repay-memo">{d.memo}</label>
      <input id="repay-memo" type="text" maxLength={500} value={memo} onInput={(e) => setMemo(e.currentTarget.value)} />
      <button type="submit" class="btn primary" disabled={!isPositive(amount) || over || busy}>{d.save}</button>
      {problem && <p class="notice bad" role="alert">{problem}</p>}
      {offline && (
        <div class="notice warn" role="alert">
          <p>{d.noSignal}</p>
          <button type="button" class="btn" onClick={() => void keep(offline)}>{d.keepOnPhone}</button>
        </div>
      )}
      {waiting.length > 0 && <p class="notice warn" role="status" data-testid="repay-kept">{d.keptOnPhone}</p>}
      {sentLater > 0 && !waiting.length && <p class="notice ok" role="status" data-testid="repay-sent">{d.sentLater}</p>}
      {done && (
        <div class="notice ok" role="status" data-testid="repaid">
          <p>{d.repaid}</p>
          <dl class="pairs">
            <dt>{d.penalty}</dt><dd><Money amount={done.penalty} currency={loan.currency} /></dd>
            <dt>{d.interestRate}</dt><dd><Money amount={done.interest} currency={loan.currency} /></dd>
            <dt>{d.principal}</dt><dd><Money amount={done.principal} currency={loan.currency} /></dd>
          </dl>
        </div>
      )}
    </form>
  );
}

function Penalties({ coop, loan, onDone }: { coop: string; loan: Loan; onDone: () => void }) {
  const d = w.value;
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  async function assess() {
    setBusy(true);
    setSaid(null);
    try {
      const before = toMinor(loan.position?.penalty_owed ?? '0', loan.currency);
      const after = unwrap(await api.POST('/v1/cooperatives/{coop}/loans/{loan}/penalties', { params: { path: { coop, loan: loan.id } }, body: {} }));
      const charged = toMinor(after.position?.penalty_owed ?? '0', loan.currency) - before;
      setSaid({ ok: true, text: charged > 0n ? d.penaltiesCharged(formatMoney(String(charged), loan.currency, lang.value)) : d.penaltiesNone });
      onDone();
    } catch (err) {
      setSaid({ ok: false, text: problemOf(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="penalty-h">
      <h2 id="penalty-h">{d.penalties}</h2>
      <p class="muted small">{d.penaltiesHint}</p>
      <button type="button" class="btn" disabled={busy} onClick={() => void assess()}>{d.assessPenalties}</button>
      {said && <p class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'} data-testid="penalty-said">{said.text}</p>}
    </section>
  );
}

function WriteOff({ coop, loan, onDone }: { coop: string; loan: Loan; onDone: () => void }) {
  const d = w.value;
  const pos = loan.position!;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [key] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [awaiting, setAwaiting] = useState(false);
  const ready = reason.trim().length >= 3 && typed.trim() === String(loan.number);
  const money = (a: string) => formatMoney(a, loan.currency, lang.value);

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setProblem('');
    try {
      const r = await api.POST('/v1/cooperatives/{coop}/loans/{loan}/write-off', {
        params: { path: { coop, loan: loan.id }, header: { 'Idempotency-Key': key } }, body: { memo: reason.trim() },
      });
      // 202: a second treasurer approves it first; the loan is unchanged.
      if (r.response.status === 202) setAwaiting(true);
      else {
        unwrap(r);
        onDone();
      }
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (awaiting) {
    return (
      <section class="card danger" aria-labelledby="writeoff-h">
        <h2 id="writeoff-h">{d.writeOff}</h2>
        <AwaitingApproval coop={coop} />
      </section>
    );
  }
  if (!open) {
    return (
      <section class="card danger" aria-labelledby="writeoff-h">
        <h2 id="writeoff-h">{d.writeOff}</h2>
        <button type="button" class="btn" onClick={() => setOpen(true)}>{d.writeOff}…</button>
      </section>
    );
  }
  return (
    <form class="form card danger" onSubmit={submit} aria-labelledby="writeoff-h">
      <h2 id="writeoff-h">{d.writeOff}</h2>
      <p class="notice warn" data-testid="writeoff-loss">{d.writeOffHint(money(pos.outstanding), money(pos.penalty_owed))}</p>
      <label for="writeoff-reason">{d.writeOffReason}</label>
      <input id="writeoff-reason" type="text" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <label for="writeoff-typed">{d.writeOffType(loan.number)}</label>
      <input id="writeoff-typed" type="text" inputMode="numeric" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      <p class="actions">
        <button type="submit" class="btn bad" disabled={!ready || busy}>{d.writeOffConfirm}</button>
        <button type="button" class="btn" onClick={() => { setOpen(false); setTyped(''); }}>{d.cancel}</button>
      </p>
      {problem && <p class="notice bad" role="alert">{problem}</p>}
    </form>
  );
}

export function LoanPage({ me, coop, loan: id }: { me: Me; coop: string; loan: string }) {
  const d = w.value;
  const loan = useRead(`loan:${id}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loans/{loan}', { params: { path: { coop, loan: id } } })));
  const member = useRead(loan.data?.member_id ? `member:${loan.data.member_id}` : null, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}', { params: { path: { coop, member: loan.data!.member_id! } } })));
  const l = loan.data;
  void me;
  return (
    <>
      <p><Link href={`/bendahara/${coop}/pinjaman`}>← {d.loans}</Link></p>
      <ReadState read={loan} />
      {l && (
        <>
          <h1>{d.loanNo(l.number)} · {member.data?.name ?? (l.group_id ? d.groupLoan : '')}</h1>
          <p>
            <span class={l.status === 'written_off' ? 'pill bad' : 'pill'} data-testid="loan-status">{d.loanStatus[l.status] ?? l.status}</span>
            {l.closed_on && <span class="muted"> · {d.closedOn(shortDate(l.closed_on, lang.value))}</span>}
          </p>
          {l.status === 'written_off' && <p class="notice" role="status">{d.writtenOff}</p>}
          <Position loan={l} />
          <dl class="pairs">
            <dt>{d.principal}</dt><dd><Money amount={l.principal} currency={l.currency} /></dd>
            <dt>{d.rate}</dt><dd>{l.annual_rate}% · {d.methods[l.interest_method] ?? l.interest_method}</dd>
            <dt>{d.penalty}</dt><dd><Money amount={l.penalty} currency={l.currency} /></dd>
          </dl>
          {l.status === 'disbursed' && l.position && (
            <>
              <Repay coop={coop} loan={l} onDone={loan.reload} />
              <Penalties coop={coop} loan={l} onDone={loan.reload} />
              <WriteOff coop={coop} loan={l} onDone={loan.reload} />
            </>
          )}
        </>
      )}
    </>
  );
}
