// The year end as a guided step: choose the year, see its SHU and what
// each part gets by the RAT's percentages (which must add up to 100), type
// the year to close it, then every member's share as the books divided
// it. The API has no preview of members' shares before closing, so the
// screen works out the pools only (the documented rule: SHU × percentage
// rounded down, the remainder to the reserve) and shows the shares after.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './yearend-words';
import { formatMoney, fromMinor, toMinor } from '../../money';
import { timeStamp, today } from '../../dates';
import { hasKey, json, useRead, unwrap, HttpError } from '../../read';
import { makeKey } from '../../sync';
import { hundredths, pools, showHundredths } from './shu';
import { Download, Link, Money, ReadState, Tile } from '../../ui';
import { AwaitingApproval } from '../four-eyes';

type Me = Schemas['Me'];
interface Fund { code: string; name: string; percent: string }

function Closed({ coop, year, ye }: { coop: string; year: number; ye: Schemas['YearEnd'] }) {
  const d = w.value;
  const slips = useRead(`slips:${coop}:${year}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/year-ends/{year}/shu-slips', { params: { path: { coop, year } } })), hasKey<Schemas['SHUSlips']>('slips')));
  const csvStyle = lang.value === 'id' ? 'delimiter=semicolon&decimal=comma' : 'delimiter=comma&decimal=point';
  const money = (a: string) => formatMoney(a, ye.currency, lang.value);
  return (
    <section aria-labelledby="closed-h" data-testid="year-closed">
      <p class="notice ok" role="status" id="closed-h">{d.yearClosed(year)} {d.closedBy(timeStamp(Date.parse(ye.closed_at), lang.value))}</p>
      <div class="tiles">
        <Tile label={d.surplusOfYear(year)}><span data-testid="ye-surplus"><Money amount={ye.surplus} currency={ye.currency} /></span></Tile>
        <Tile label={d.reserve} hint={`${ye.shares.reserve}%`}><Money amount={ye.reserve} currency={ye.currency} /></Tile>
        <Tile label={d.capitalShare} hint={`${ye.shares.capital}%`}><Money amount={ye.capital} currency={ye.currency} /></Tile>
        <Tile label={d.participationShare} hint={`${ye.shares.participation}%`}><Money amount={ye.participation} currency={ye.currency} /></Tile>
        {ye.funds.map((f) => <Tile key={f.code} label={f.name} hint={`${f.percent}%`}><Money amount={f.amount} currency={ye.currency} /></Tile>)}
      </div>
      <h2>{d.memberShares}</h2>
      <p class="actions">
        <Download href={`/v1/cooperatives/${coop}/year-ends/${year}/shu-slips?format=csv&${csvStyle}`} name={`shu-${year}.csv`} label={d.downloadCsv} />
      </p>
      <ReadState read={slips} />
      <ul class="links" data-testid="slips">
        {slips.data?.slips.map((s) => (
          <li key={s.member_id} class="user-row">
            <div class="row-link">
              <span><span class="num">{s.member_number}</span> {s.name}</span>
              <span class="right" data-testid="slip-total"><Money amount={s.total} currency={s.currency} /></span>
            </div>
            <details>
              <summary>{d.slipOf(s.name)}</summary>
              <p class="small">{d.slipSays(money(s.capital), money(s.participation))}</p>
              <Download href={`/v1/cooperatives/${coop}/members/${s.member_id}/shu-slips/${year}?format=pdf&lang=${lang.value}`} name={`shu-${year}-${s.member_number}.pdf`} label={d.downloadPdf} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Close({ coop, year, currency, onClosed }: { coop: string; year: number; currency: string; onClosed: () => void }) {
  const d = w.value;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const inc = useRead(`income:${coop}:${from}:${to}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/income-statement', { params: { path: { coop }, query: { from, to } } })), hasKey<Schemas['IncomeStatement']>('surplus')));
  const [reserve, setReserve] = useState('25');
  const [capital, setCapital] = useState('30');
  const [participation, setParticipation] = useState('25');
  const [funds, setFunds] = useState<Fund[]>([{ code: '2400.01', name: lang.value === 'id' ? 'Dana pendidikan' : 'Education fund', percent: '20' }]);
  const [decided, setDecided] = useState(today);
  const [typed, setTyped] = useState('');
  const [key] = useState(makeKey);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const [awaiting, setAwaiting] = useState(false);
  const parts = [reserve, capital, participation, ...funds.map((f) => f.percent)].map(hundredths);
  const valid = parts.every((p) => p !== null) && funds.every((f) => f.name.trim() && /^(2400|3700)\.\d{2}$/.test(f.code));
  const total = parts.reduce<bigint>((a, p) => a + (p ?? 0n), 0n);
  const is100 = valid && total === 10000n;
  const ready = is100 && typed.trim() === String(year) && !busy;
  const money = (minor: bigint) => formatMoney(fromMinor(minor, currency), currency, lang.value);
  const surplus = inc.data ? toMinor(inc.data.surplus, currency) : null;
  // The pools as the books will work them out: each rounded down, the rest to the reserve.
  const shown = pools(surplus ?? 0n, [capital, participation, ...funds.map((f) => f.percent)].map((p) => hundredths(p) ?? 0n));
  const setFund = (i: number, f: Partial<Fund>) => setFunds((fs) => fs.map((x, j) => (j === i ? { ...x, ...f } : x)));

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem('');
    const body: Schemas['YearEndRequest'] = {
      year, decided_on: decided,
      shares: { reserve: reserve.replace(',', '.'), capital: capital.replace(',', '.'), participation: participation.replace(',', '.'),
        other: funds.map((f) => ({ code: f.code, name: f.name.trim(), percent: f.percent.replace(',', '.') })) },
    };
    try {
      const r = await api.POST('/v1/cooperatives/{coop}/year-ends', { params: { path: { coop }, header: { 'Idempotency-Key': key } }, body });
      // 202: a second treasurer approves it first; the year stays open.
      if (r.response.status === 202) setAwaiting(true);
      else {
        unwrap(r);
        onClosed();
      }
    } catch (err) {
      // 409 (closed already, not ended, an earlier year open) and 422 are read, not retried.
      setProblem(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }

  const pct = (id: string, label: string, v: string, set: (s: string) => void) => (
    <div class="pay">
      <label for={id}>{label}</label>
      <input id={id} class="amount" type="text" inputMode="decimal" autoComplete="off" value={v} onInput={(e) => set(e.currentTarget.value)} aria-invalid={hundredths(v) === null} />
    </div>
  );

  if (awaiting) return <AwaitingApproval coop={coop} />;
  return (
    <form class="form" onSubmit={submit}>
      <p class="notice">{d.yearOpen(year)}</p>
      <h2>{d.step(1, 3)} · {d.surplusOfYear(year)}</h2>
      <ReadState read={inc} />
      {inc.data && <p class="big" data-testid="ye-surplus"><Money amount={inc.data.surplus} currency={currency} /></p>}
      {surplus !== null && surplus <= 0n && <p class="notice warn">{d.lossOfYear}</p>}
      <h2>{d.step(2, 3)} · {d.shares}</h2>
      {pct('ye-reserve', d.reserve, reserve, setReserve)}
      {pct('ye-capital', d.capitalShare, capital, setCapital)}
      {pct('ye-participation', d.participationShare, participation, setParticipation)}
      <fieldset>
        <legend>{d.otherFunds}</legend>
        {funds.map((f, i) => (
          <div key={i} class="card">
            <label for={`fund-name-${i}`}>{d.fundName}</label>
            <input id={`fund-name-${i}`} type="text" maxLength={100} value={f.name} onInput={(e) => setFund(i, { name: e.currentTarget.value })} />
            <label for={`fund-code-${i}`}>{d.fundCode}</label>
            <select id={`fund-code-${i}`} value={f.code.slice(0, 4)} onChange={(e) => setFund(i, { code: `${e.currentTarget.value}.${String(i + 1).padStart(2, '0')}` })}>
              {Object.entries(d.fundKinds).map(([k, v]) => <option key={k} value={k}>{k} · {v}</option>)}
            </select>
            {pct(`fund-pct-${i}`, '%', f.percent, (s) => setFund(i, { percent: s }))}
            <button type="button" class="btn" onClick={() => setFunds((fs) => fs.filter((_, j) => j !== i))}>{d.removeFund}</button>
          </div>
        ))}
        <button type="button" class="btn" onClick={() => setFunds((fs) => [...fs, { code: `2400.${String(fs.length + 1).padStart(2, '0')}`, name: '', percent: '0' }])}>{d.addFund}</button>
      </fieldset>
      <p class={is100 ? 'pill ok' : 'pill bad'} role="status" data-testid="ye-sum">{d.percentSum(showHundredths(total, lang.value))}{!is100 && ` · ${d.mustBe100}`}</p>
      {is100 && surplus !== null && surplus > 0n && (
        <section class="card" aria-labelledby="pools-h" data-testid="ye-pools">
          <h3 id="pools-h">{d.pools}</h3>
          <p class="muted small">{d.poolsHint}</p>
          <dl class="pairs">
            <dt>{d.reserve}</dt><dd>{money(shown.reserve)}</dd>
            <dt>{d.capitalShare}</dt><dd>{money(shown.others[0]!)}</dd>
            <dt>{d.participationShare}</dt><dd>{money(shown.others[1]!)}</dd>
            {funds.map((f, i) => [<dt key={`t${i}`}>{f.name}</dt>, <dd key={`d${i}`}>{money(shown.others[i + 2]!)}</dd>])}
          </dl>
          <p class="muted small">{d.sharesAfter}</p>
        </section>
      )}
      <h2>{d.step(3, 3)} · {d.yearEnd}</h2>
      <p class="notice warn">{d.closeHint}</p>
      <label for="ye-decided">{d.decidedOn}</label>
      <input id="ye-decided" type="date" value={decided} onChange={(e) => e.currentTarget.value && setDecided(e.currentTarget.value)} />
      <label for="ye-typed">{d.confirmYear(year)}</label>
      <input id="ye-typed" type="text" inputMode="numeric" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      <button type="submit" class="btn bad" disabled={!ready}>{d.closeNow}</button>
      {problem && <p class="notice bad" role="alert" data-testid="ye-problem">{problem}</p>}
    </form>
  );
}

export function YearEnd({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const currency = me.treasurer_of.find((c) => c.id === coop)?.currency ?? 'IDR';
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [n, setN] = useState(0);
  // A 404 is an open year: the answer, not a failure to show.
  const ye = useRead(`yearend:${coop}:${year}:${n}`, async () => {
    const r = await api.GET('/v1/cooperatives/{coop}/year-ends/{year}', { params: { path: { coop, year } } });
    return r.response.status === 404 ? null : unwrap(r);
  });
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.yearEnd}</h1>
      <p class="muted">{d.yearEndHint}</p>
      <label for="ye-year">{d.chooseYear}</label>
      <select id="ye-year" value={year} onChange={(e) => setYear(Number(e.currentTarget.value))}>
        {years.map((y) => <option key={y} value={y}>{y}</option>)}
      </select>
      <ReadState read={ye} />
      {ye.data === null && !ye.loading && <Close key={year} coop={coop} year={year} currency={currency} onClosed={() => setN((x) => x + 1)} />}
      {ye.data && <Closed coop={coop} year={year} ye={ye.data} />}
    </>
  );
}
