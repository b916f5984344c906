// The covers under joint liability (tanggung renteng) recorded at the
// cooperative's meetings, group by group: who paid for whom, toward which
// loan, on which day, and what is still owed. The treasurer and the
// supervisor read it; the treasurer records a member's repayment of the
// covers paid for her, with an idempotency key kept until it is answered.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './covers-words';
import { formatMoney, isPositive, parseTyped, showTyped, sum, toMinor } from '../../money';
import { shortDate } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { makeKey } from '../../sync';
import { path } from '../../router';
import { Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];

/** Repay records what a member brings toward the covers paid for her. */
function Repay({ coop, member, owes, currency, onDone }: { coop: string; member: string; owes: string; currency: string; onDone: () => void }) {
  const d = w.value;
  const [amount, setAmount] = useState('');
  const [via, setVia] = useState<'cash' | 'bank'>('cash');
  const [key, setKey] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const over = isPositive(amount) && toMinor(amount, currency) > toMinor(owes, currency);
  async function submit(e: Event) {
    e.preventDefault();
    if (!isPositive(amount) || over || busy) return;
    setBusy(true);
    setSaid(null);
    try {
      const r = unwrap(await api.POST('/v1/cooperatives/{coop}/members/{member}/cover-repayments', {
        params: { path: { coop, member }, header: { 'Idempotency-Key': key } }, body: { amount, via },
      }));
      setSaid({ ok: true, text: d.repaidCover(formatMoney(r.covers.owes, currency, lang.value)) });
      setAmount('');
      setKey(makeKey());
      onDone();
    } catch (err) {
      // A 409 or 422 is read, not retried; a lost answer keeps the key.
      setSaid({ ok: false, text: err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad });
    } finally {
      setBusy(false);
    }
  }
  const id = `cover-repay-${member}`;
  return (
    <form class="form" onSubmit={submit}>
      <label for={id}>{d.repayAmount}</label>
      <input id={id} class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(amount, lang.value)}
        onInput={(e) => { setAmount(parseTyped(e.currentTarget.value, currency, lang.value)); setSaid(null); }} />
      <fieldset class="choice row">
        <legend>{d.repayVia}</legend>
        <label><input type="radio" name={`${id}-via`} checked={via === 'cash'} onChange={() => setVia('cash')} /> {d.cash}</label>
        <label><input type="radio" name={`${id}-via`} checked={via === 'bank'} onChange={() => setVia('bank')} /> {d.bankAccount}</label>
      </fieldset>
      <button type="submit" class="btn primary" disabled={!isPositive(amount) || over || busy}>{d.repaySave}</button>
      {said && <p class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'} data-testid="cover-repaid">{said.text}</p>}
    </form>
  );
}

export function Covers({ coop }: { me: Me; coop: string }) {
  const d = w.value;
  const root = path.value.startsWith('/pengawas') ? '/pengawas' : '/bendahara';
  const [group, setGroup] = useState('');
  const groups = useRead(`groups:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop } } })));
  const covers = useRead(`covers:${coop}:${group}`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/covers', { params: { path: { coop }, query: group ? { group_id: group } : {} } })));
  const c = covers.data;
  // Newest first, and one heading per group.
  const byGroup = new Map<string, Schemas['CoverRecord'][]>();
  for (const r of [...(c?.items ?? [])].reverse()) byGroup.set(r.group_name, [...(byGroup.get(r.group_name) ?? []), r]);
  // What each covered member still owes, over the covers shown.
  const owing = new Map<string, { name: string; owed: string[] }>();
  for (const r of c?.items ?? []) {
    if (r.owed === '0') continue;
    const o = owing.get(r.covered.member_id) ?? { name: r.covered.name, owed: [] };
    o.owed.push(r.owed);
    owing.set(r.covered.member_id, o);
  }
  const treasurer = root === '/bendahara';
  return (
    <>
      <p><Link href={`${root}/${coop}`}>← {d.back}</Link></p>
      <h1>{d.coversTitle}</h1>
      <p class="muted">{d.coversHint}</p>
      <label for="covers-group">{d.group}</label>
      <select id="covers-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
        <option value="">{d.allGroups}</option>
        {groups.data?.items.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
      <ReadState read={covers} />
      {c && (
        <div class="tiles">
          <Tile label={d.coversTotal} hint={d.coversN(c.items.length)}><span data-testid="covers-total"><Money amount={c.total} currency={c.currency} /></span></Tile>
        </div>
      )}
      {c && !c.items.length && <p class="muted">{d.noCovers}</p>}
      {c && c.items.length > 0 && (
        <section aria-labelledby="debts-h">
          <h2 id="debts-h">{d.debts}</h2>
          <p class="muted small">{d.debtsHint}</p>
          {!owing.size && <p class="muted">{d.noDebts}</p>}
          <ul class="links">
            {[...owing].map(([id, o]) => {
              const owes = sum(o.owed, c.currency);
              return (
                <li key={id} class="user-row" data-testid="cover-debt">
                  <p class="row-between"><strong>{o.name}</strong><span>{d.owes(formatMoney(owes, c.currency, lang.value))}</span></p>
                  {treasurer && (
                    <details>
                      <summary>{d.repayCover}</summary>
                      <Repay coop={coop} member={id} owes={owes} currency={c.currency} onDone={covers.reload} />
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {[...byGroup].map(([name, rows]) => (
        <section key={name} aria-label={name}>
          <h2>{name} · <Money amount={sum(rows.map((r) => r.amount), c!.currency)} currency={c!.currency} /></h2>
          <ul class="cards">
            {rows.map((r) => (
              <li key={r.entry_id + r.covering.member_id + r.covered.member_id} class="card" data-testid="cover">
                <p><strong>{d.paidFor(r.covering.name, r.covered.name)}</strong></p>
                <p class="row-between">
                  <span class="muted">{shortDate(r.held_on, lang.value)} · {d.loanNo(r.loan_number)}</span>
                  <Money amount={r.amount} currency={c!.currency} />
                </p>
                {r.owed !== '0' && <p class="small"><span class="pill warn">{d.coverLeft(formatMoney(r.owed, c!.currency, lang.value))}{r.debt_to === 'fund' && ` · ${d.coverToFund}`}</span></p>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
