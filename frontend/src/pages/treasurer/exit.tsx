// A member's exit, with what she will receive shown before anything is
// recorded: all her savings, less what she owes on her loans (their
// payoff: penalties, interest due and all principal outstanding), which
// is what the server settles in one entry. Loaded with the member's page,
// not kept on phones: it needs the server.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './exit-words';
import { formatMoney, fromMinor, sum, toMinor } from '../../money';
import { useRead, unwrap, HttpError } from '../../read';
import { makeKey } from '../../sync';
import { Money, ReadState } from '../../ui';

type Member = Schemas['Member'];
type Savings = Schemas['MemberSavings'];

export function Exit({ coop, member, savings, onDone }: { coop: string; member: Member; savings: Savings; onDone: () => void }) {
  const d = w.value;
  const cur = savings.currency;
  const [open, setOpen] = useState(false);
  const loans = useRead(open ? `loans:${coop}:member:${member.id}` : null, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/loans', { params: { path: { coop }, query: { member_id: member.id, status: 'disbursed', limit: 200 } } })));
  const [via, setVia] = useState<'cash' | 'bank'>('cash');
  const [typed, setTyped] = useState('');
  const [key] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [received, setReceived] = useState('');
  const money = (a: string) => formatMoney(a, cur, lang.value);

  const b = savings.balances;
  const all = sum([b.pokok, b.wajib, b.sukarela], cur);
  const owed = sum((loans.data?.items ?? []).map((l) => l.position?.payoff ?? '0'), cur);
  const rest = toMinor(all, cur) - toMinor(owed, cur);
  const receives = rest >= 0n ? fromMinor(rest, cur) : '0';
  const ready = !!loans.data && rest >= 0n && typed.trim() === String(member.number);

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setProblem('');
    try {
      unwrap(await api.POST('/v1/cooperatives/{coop}/members/{member}/exit', {
        params: { path: { coop, member: member.id }, header: { 'Idempotency-Key': key } }, body: { via },
      }));
      setReceived(receives);
      onDone();
    } catch (err) {
      setProblem(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }

  if (received) return <p class="notice ok" role="status" data-testid="exit-done">{d.exitDone(money(received))}</p>;
  if (member.exited_on) return null;
  if (!open) {
    return (
      <section class="card" aria-labelledby="exit-h">
        <h2 id="exit-h">{d.exit}</h2>
        <button type="button" class="btn" onClick={() => setOpen(true)}>{d.exitOpen}</button>
      </section>
    );
  }
  return (
    <form class="form card danger" onSubmit={submit} aria-labelledby="exit-h">
      <h2 id="exit-h">{d.exit}</h2>
      <p class="muted small">{d.exitHint}</p>
      <ReadState read={loans} />
      {loans.data && (
        <dl class="pairs" data-testid="exit-preview">
          <dt>{d.exitSavings}</dt><dd><Money amount={all} currency={cur} /></dd>
          <dt>{d.exitOwed}</dt><dd>− <Money amount={owed} currency={cur} /></dd>
          <dt class="big">{d.exitReceives}</dt><dd class="big" data-testid="exit-receives"><Money amount={receives} currency={cur} /></dd>
        </dl>
      )}
      {loans.data && rest < 0n && <p class="notice bad" role="alert">{d.exitShort(money(fromMinor(-rest, cur)))}</p>}
      {loans.data && rest >= 0n && (
        <>
          <fieldset class="choice row">
            <legend>{d.exitVia}</legend>
            <label><input type="radio" name="exit-via" checked={via === 'cash'} onChange={() => setVia('cash')} /> {d.cashBoxShort}</label>
            <label><input type="radio" name="exit-via" checked={via === 'bank'} onChange={() => setVia('bank')} /> Bank</label>
          </fieldset>
          <label for="exit-typed">{d.exitType(member.number)}</label>
          <input id="exit-typed" type="text" inputMode="numeric" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
          <p class="actions">
            <button type="submit" class="btn bad" disabled={!ready || busy}>{d.exitConfirm}</button>
            <button type="button" class="btn" onClick={() => { setOpen(false); setTyped(''); }}>{d.cancel}</button>
          </p>
        </>
      )}
      {problem && <p class="notice bad" role="alert">{problem}</p>}
    </form>
  );
}
