// Partner capital, for the treasurer: every facility a partner committed
// to the cooperative, what its account holds now, and the two things she
// records: a tranche received, and a repayment of a loan facility. Both
// need the server's answer, so they are sent at once with an idempotency
// key kept until one is answered: a lost answer retried cannot book twice.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './capital-words';
import { isPositive, parseTyped, showTyped } from '../../money';
import { shortDate, today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { makeKey } from '../../sync';
import { Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];
type Facility = Schemas['Facility'];

function problemOf(err: unknown): string {
  const d = w.value;
  if (err instanceof HttpError && err.code === 'account.below_floor') return d.moreThanOwed;
  return err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad;
}

/** MoneyForm records a tranche (amount) or a repayment (principal and interest). */
function MoneyForm({ coop, f, repay, onDone }: { coop: string; f: Facility; repay: boolean; onDone: () => void }) {
  const d = w.value;
  const [amount, setAmount] = useState('');
  const [interest, setInterest] = useState('');
  const [date, setDate] = useState(today);
  const [via, setVia] = useState<'cash' | 'bank'>('bank');
  const [memo, setMemo] = useState('');
  const [key, setKey] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const ready = repay ? isPositive(amount) || isPositive(interest) : isPositive(amount);
  const idp = `${repay ? 'repay' : 'tranche'}-${f.id}`;

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setSaid(null);
    const extra = { date, via, ...(memo.trim() ? { memo: memo.trim() } : {}) };
    const params = { path: { coop, facility: f.id }, header: { 'Idempotency-Key': key } };
    try {
      const r = repay
        ? await api.POST('/v1/cooperatives/{coop}/facilities/{facility}/repayments', {
          params, body: { ...extra, ...(isPositive(amount) ? { principal: amount } : {}), ...(isPositive(interest) ? { interest } : {}) },
        })
        : await api.POST('/v1/cooperatives/{coop}/facilities/{facility}/tranches', { params, body: { ...extra, amount } });
      unwrap(r);
      setSaid({ ok: true, text: r.response.headers.get('Idempotent-Replayed') === 'true' ? d.replayed : d.capInBooks });
      setAmount('');
      setInterest('');
      setMemo('');
      setKey(makeKey()); // the next one is another movement
      onDone();
    } catch (err) {
      // A 409 or 422 is read, not retried; a lost answer keeps the key.
      setSaid({ ok: false, text: problemOf(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} data-testid={idp}>
      <label for={`${idp}-amount`}>{repay ? d.principalRepaid : d.capAmount}</label>
      <input id={`${idp}-amount`} class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(amount, lang.value)}
        onInput={(e) => { setAmount(parseTyped(e.currentTarget.value, f.currency, lang.value)); setSaid(null); }} />
      {repay && (
        <>
          <label for={`${idp}-interest`}>{d.interestPaid}</label>
          <input id={`${idp}-interest`} class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(interest, lang.value)}
            onInput={(e) => { setInterest(parseTyped(e.currentTarget.value, f.currency, lang.value)); setSaid(null); }} />
        </>
      )}
      <label for={`${idp}-date`}>{d.date}</label>
      <input id={`${idp}-date`} type="date" value={date} max={today()} onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)} />
      <fieldset class="choice row">
        <legend>{d.capVia}</legend>
        <label><input type="radio" name={`${idp}-via`} checked={via === 'bank'} onChange={() => setVia('bank')} /> {d.capViaBank}</label>
        <label><input type="radio" name={`${idp}-via`} checked={via === 'cash'} onChange={() => setVia('cash')} /> {d.capViaCash}</label>
      </fieldset>
      <label for={`${idp}-memo`}>{d.capMemo}</label>
      <input id={`${idp}-memo`} type="text" maxLength={500} value={memo} onInput={(e) => setMemo(e.currentTarget.value)} />
      <button type="submit" class="btn primary" disabled={!ready || busy}>{d.capSave}</button>
      {said && <p class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'} data-testid="capital-said">{said.text}</p>}
    </form>
  );
}

function FacilityCard({ coop, f }: { coop: string; f: Facility }) {
  const d = w.value;
  const acc = useRead(`account:${coop}:${f.account_code}`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/accounts/{code}', { params: { path: { coop, code: f.account_code } } })));
  return (
    <li class="card" data-testid="facility">
      <h2>{f.partner?.name ?? f.purpose}</h2>
      <p class="muted">
        <span class="pill">{d.kinds[f.kind] ?? f.kind}</span> {f.purpose} · {d.period(shortDate(f.starts_on, lang.value), f.ends_on && shortDate(f.ends_on, lang.value))}
      </p>
      <div class="tiles">
        <Tile label={d.capCommitted}><Money amount={f.committed} currency={f.currency} /></Tile>
        <Tile label={d.held} hint={d.heldHint[f.kind]}>
          {acc.data ? <span data-testid="facility-held"><Money amount={acc.data.balance} currency={f.currency} /></span> : '…'}
        </Tile>
      </div>
      <details>
        <summary>{d.receive}</summary>
        <MoneyForm coop={coop} f={f} repay={false} onDone={acc.reload} />
      </details>
      {f.kind === 'loan' && (
        <details>
          <summary>{d.repayPartner}</summary>
          <MoneyForm coop={coop} f={f} repay onDone={acc.reload} />
        </details>
      )}
    </li>
  );
}

export function Capital({ coop }: { me: Me; coop: string }) {
  const d = w.value;
  const list = useRead(`facilities:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/facilities', { params: { path: { coop } } })));
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.capital}</h1>
      <p class="muted">{d.capitalHint}</p>
      <ReadState read={list} />
      {list.data && !list.data.items.length && <p class="muted">{d.noFacilities}</p>}
      <ul class="cards">
        {list.data?.items.map((f) => <FacilityCard key={f.id} coop={coop} f={f} />)}
      </ul>
    </>
  );
}
