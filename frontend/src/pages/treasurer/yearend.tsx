// The year end as a guided step: choose the year, enter the RAT's
// percentages (which must add up to 100), see the server's preview of the
// close — the surplus, each pool and every member's SHU, worked out as
// closing would and recorded nowhere — to read aloud at the RAT, type the
// year to close it, then every member's share as the books divided it.
// Under four eyes the close waits for a second treasurer instead.
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './yearend-words';
import { formatMoney, toMinor } from '../../money';
import { timeStamp, today } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { makeKey } from '../../sync';
import { hundredths, showHundredths } from './shu';
import { Download, Link, Money, ReadState, Tile } from '../../ui';

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

type Preview = Schemas['YearEndPreview'];
interface Previewed { data?: Preview; problem?: string; loading: boolean }

/** ProblemBody is an error answer as read: its code and sentence, and for invalid input each field and why. */
interface ProblemBody { code?: string; detail?: string; errors?: { field: string; reason: string }[] }

/** problemSaid is a refusal of the year end in plain words: each field it names under its label on the screen, else the server's sentence. */
function problemSaid(status: number, p: ProblemBody | undefined): string {
  const d = w.value;
  const label = (field: string) => (field === 'decided_on' ? d.decidedOn : field === 'year' ? d.chooseYear : field.startsWith('shares') ? d.shares : field);
  const fields = (p?.errors ?? []).map((e) => `${label(e.field)}: ${e.reason}`);
  return fields.length ? fields.join(' · ') : problemText(d, { status, code: p?.code, detail: p?.detail });
}

/**
 * usePreview asks the server what closing the year by body would record,
 * each time body changes, and nothing while body is null. Its refusal (a
 * year not ended, an earlier year open) is kept as the sentence to show.
 */
function usePreview(coop: string, body: Schemas['YearEndRequest'] | null): Previewed {
  const [state, setState] = useState<Previewed>({ loading: false });
  const key = body && JSON.stringify(body);
  useEffect(() => {
    if (!body) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void (async () => {
      try {
        const r = await api.POST('/v1/cooperatives/{coop}/year-ends/preview', { params: { path: { coop } }, body });
        if (!live) return;
        if (r.data && r.response.ok) setState({ data: r.data, loading: false });
        else setState({ problem: problemSaid(r.response.status, r.error as ProblemBody | undefined), loading: false });
      } catch {
        if (live) setState({ problem: w.value.cannotLoad, loading: false });
      }
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [coop, key]);
  return state;
}

/** PreviewShown is the close as the server worked it out, in type large enough to read aloud at the RAT. */
function PreviewShown({ preview: { year_end: ye, slips } }: { preview: Preview }) {
  const d = w.value;
  const m = (a: string) => <Money amount={a} currency={ye.currency} />;
  return (
    <>
      <p class="big" data-testid="ye-preview-surplus">{d.surplusOfYear(ye.year)}: <strong>{m(ye.surplus)}</strong></p>
      {toMinor(ye.surplus, ye.currency) <= 0n && <p class="notice warn">{d.lossOfYear}</p>}
      <h4>{d.pools}</h4>
      <p class="muted small">{d.poolsHint}</p>
      <dl class="pairs big" data-testid="ye-pools">
        <dt>{d.reserve} · {ye.shares.reserve}%</dt><dd>{m(ye.reserve)}</dd>
        <dt>{d.capitalCol} · {ye.shares.capital}%</dt><dd>{m(ye.capital)}</dd>
        <dt>{d.participationCol} · {ye.shares.participation}%</dt><dd>{m(ye.participation)}</dd>
        {ye.funds.map((f) => [<dt key={`t${f.code}`}>{f.name} · {f.percent}%</dt>, <dd key={`d${f.code}`}>{m(f.amount)}</dd>])}
      </dl>
      <h4>{d.memberShares}</h4>
      {slips.length === 0 && <p class="muted">{d.noMembers}</p>}
      {slips.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={d.memberShares}>
          <table class="report cards-narrow big" data-testid="ye-preview-slips">
            <thead>
              <tr><th scope="col">{d.memberCol}</th><th scope="col" class="amount">{d.capitalCol}</th><th scope="col" class="amount">{d.participationCol}</th><th scope="col" class="amount">{d.totalCol}</th></tr>
            </thead>
            <tbody>
              {slips.map((s) => (
                <tr key={s.member_id} data-testid="preview-slip">
                  <td><span class="num">{s.member_number}</span> {s.name}</td>
                  <td class="amount" data-label={d.capitalCol} data-testid="preview-capital">{m(s.capital)}</td>
                  <td class="amount" data-label={d.participationCol} data-testid="preview-participation">{m(s.participation)}</td>
                  <td class="amount" data-label={d.totalCol} data-testid="preview-total"><strong>{m(s.total)}</strong></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
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
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState('');
  const parts = [reserve, capital, participation, ...funds.map((f) => f.percent)].map(hundredths);
  const valid = parts.every((p) => p !== null) && funds.every((f) => f.name.trim() && /^(2400|3700)\.\d{2}$/.test(f.code));
  const total = parts.reduce<bigint>((a, p) => a + (p ?? 0n), 0n);
  const is100 = valid && total === 10000n;
  const ready = is100 && typed.trim() === String(year) && !busy && !waiting;
  const surplus = inc.data ? toMinor(inc.data.surplus, currency) : null;
  const setFund = (i: number, f: Partial<Fund>) => setFunds((fs) => fs.map((x, j) => (j === i ? { ...x, ...f } : x)));
  const body: Schemas['YearEndRequest'] = {
    year, decided_on: decided,
    shares: { reserve: reserve.replace(',', '.'), capital: capital.replace(',', '.'), participation: participation.replace(',', '.'),
      other: funds.map((f) => ({ code: f.code, name: f.name.trim(), percent: f.percent.replace(',', '.') })) },
  };
  const preview = usePreview(coop, is100 ? body : null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem('');
    try {
      const r = await api.POST('/v1/cooperatives/{coop}/year-ends', { params: { path: { coop }, header: { 'Idempotency-Key': key } }, body });
      // 409 (closed already, not ended, an earlier year open) and 422 are read, not retried.
      if (!r.response.ok) setProblem(problemSaid(r.response.status, r.error as ProblemBody | undefined));
      // Under four eyes the close waits as an approval: the year is not closed yet.
      else if (r.response.status === 202) setWaiting(true);
      else onClosed();
    } catch {
      setProblem(d.cannotLoad);
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

  return (
    <form class="form" onSubmit={submit}>
      <p class="notice">{d.yearOpen(year)}</p>
      <h2>{d.step(1, 4)} · {d.surplusOfYear(year)}</h2>
      <ReadState read={inc} />
      {inc.data && <p class="big" data-testid="ye-surplus"><Money amount={inc.data.surplus} currency={currency} /></p>}
      {surplus !== null && surplus <= 0n && <p class="notice warn">{d.lossOfYear}</p>}
      <h2>{d.step(2, 4)} · {d.shares}</h2>
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
      <h2>{d.step(3, 4)} · {d.preview}</h2>
      <section class="card" aria-labelledby="preview-h" aria-busy={preview.loading} data-testid="ye-preview">
        <h3 id="preview-h">{d.previewOf(year)}</h3>
        <p class="muted small">{is100 ? d.previewHint : d.previewNeeds100}</p>
        {preview.loading && <p class="muted" role="status">{d.previewing}</p>}
        {!preview.loading && preview.problem && <p class="notice bad" role="alert" data-testid="ye-preview-problem">{preview.problem}</p>}
        {!preview.loading && preview.data && <PreviewShown preview={preview.data} />}
      </section>
      <h2>{d.step(4, 4)} · {d.yearEnd}</h2>
      <p class="notice warn">{d.closeHint}</p>
      <label for="ye-decided">{d.decidedOn}</label>
      <input id="ye-decided" type="date" value={decided} onChange={(e) => e.currentTarget.value && setDecided(e.currentTarget.value)} />
      <label for="ye-typed">{d.confirmYear(year)}</label>
      <input id="ye-typed" type="text" inputMode="numeric" autoComplete="off" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
      <button type="submit" class="btn bad" disabled={!ready}>{d.closeNow}</button>
      {waiting && <p class="notice" role="status" data-testid="ye-waiting">{d.waitingSecond}</p>}
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
