// The books and reports, for the treasurer: the balance sheet, the income
// statement, the trial balance, the cash book, the loan portfolio and the
// cooperative's health, each on screen and as a PDF or a spreadsheet in
// the language chosen. A chunk of its own, not kept on phones: reports
// are read with signal.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './books-words';
import { percent, percentExact, sum } from '../../money';
import { shortDate, today } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { path } from '../../router';
import { Checkpoints } from './journal';
import { Download, Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];

const routes: Record<string, { path: string; pdf: boolean; period: boolean }> = {
  'neraca': { path: 'balance-sheet', pdf: true, period: false },
  'hasil-usaha': { path: 'income-statement', pdf: true, period: true },
  'neraca-saldo': { path: 'trial-balance', pdf: false, period: false },
  'buku-kas': { path: 'cash-book', pdf: true, period: true },
  'portofolio': { path: 'loan-portfolio', pdf: false, period: false },
  'kesehatan': { path: 'health-ratios', pdf: false, period: false },
};

function Section({ title, section, currency, total }: { title: string; section: Schemas['ReportSection']; currency: string; total: string }) {
  return (
    <table class="report">
      <caption>{title}</caption>
      <tbody>
        {section.lines.map((l) => (
          <tr key={l.code}>
            <td class="code">{l.code}</td>
            <td>{l.name}</td>
            <td class="amount"><Money amount={l.amount} currency={currency} /></td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr><td /><th scope="row">{total}</th><td class="amount"><Money amount={section.total} currency={currency} /></td></tr>
      </tfoot>
    </table>
  );
}

function BalanceSheet({ coop, asOf }: { coop: string; asOf: string }) {
  const d = w.value;
  const r = useRead(`books:${coop}:neraca:${asOf}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/balance-sheet', { params: { path: { coop }, query: { as_of: asOf } } })), hasKey<Schemas['BalanceSheet']>('assets')));
  const b = r.data;
  return (
    <>
      <ReadState read={r} />
      {b && (
        <>
          <Section title={d.assets} section={b.assets} currency={b.currency} total={d.totalAssets} />
          <Section title={d.liabilities} section={b.liabilities} currency={b.currency} total={d.total} />
          <Section title={d.equity} section={b.equity} currency={b.currency} total={d.total} />
          <dl class="pairs">
            <dt>{d.surplusYear}</dt><dd><Money amount={b.surplus} currency={b.currency} /></dd>
            <dt>{d.totalLiabilitiesEquity}</dt><dd data-testid="report-total"><Money amount={b.total_liabilities_and_equity} currency={b.currency} /></dd>
          </dl>
        </>
      )}
    </>
  );
}

function IncomeStatement({ coop, from, to }: { coop: string; from: string; to: string }) {
  const d = w.value;
  const r = useRead(`books:${coop}:hasil-usaha:${from}:${to}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/income-statement', { params: { path: { coop }, query: { from, to } } })), hasKey<Schemas['IncomeStatement']>('income')));
  const s = r.data;
  return (
    <>
      <ReadState read={r} />
      {s && (
        <>
          <Section title={d.income} section={s.income} currency={s.currency} total={d.total} />
          <Section title={d.expenses} section={s.expenses} currency={s.currency} total={d.total} />
          <dl class="pairs big">
            <dt>{d.surplus}</dt><dd data-testid="report-total"><Money amount={s.surplus} currency={s.currency} /></dd>
          </dl>
        </>
      )}
    </>
  );
}

function TrialBalance({ coop, asOf, currency }: { coop: string; asOf: string; currency: string }) {
  const d = w.value;
  const r = useRead(`books:${coop}:neraca-saldo:${asOf}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/trial-balance', { params: { path: { coop }, query: { as_of: asOf } } })), hasKey<Schemas['TrialBalance']>('lines')));
  const tb = r.data;
  const tot = tb?.totals.find((x) => x.currency === currency) ?? tb?.totals[0];
  // On screen, one row per chart account with its sub-accounts (each
  // member's savings, each loan) summed in, each column apart so the rows
  // add up to the totals; the spreadsheet has every sub-account.
  const rows = new Map<string, { code: string; name: string; currency: string; debit: string[]; credit: string[] }>();
  for (const l of tb?.lines ?? []) {
    const code = l.code.split('.')[0]!;
    const row = rows.get(code + l.currency) ?? { code, name: '', currency: l.currency, debit: [], credit: [] };
    if (l.code === code) row.name = l.name;
    row.debit.push(l.debit);
    row.credit.push(l.credit);
    rows.set(code + l.currency, row);
  }
  const lines = [...rows.values()]
    .map((r) => ({ ...r, name: r.name || d.subAccounts(r.debit.length), debit: sum(r.debit, r.currency), credit: sum(r.credit, r.currency) }))
    .filter((r) => r.debit !== '0' || r.credit !== '0');
  return (
    <>
      <ReadState read={r} />
      {tb && tot && (
        <>
          <p class={tot.debit === tot.credit ? 'notice ok' : 'notice bad'} role="status">{tot.debit === tot.credit ? d.balanced : d.unbalanced}</p>
          <table class="report tb">
            <thead><tr><th scope="col">{d.account}</th><th scope="col" class="amount">{d.debitCol}</th><th scope="col" class="amount">{d.creditCol}</th></tr></thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.code + l.currency}>
                  <td><span class="code">{l.code}</span> {l.name}</td>
                  <td class="amount" data-label={d.debitCol}>{l.debit !== '0' && <Money amount={l.debit} currency={l.currency} />}</td>
                  <td class="amount" data-label={d.creditCol}>{l.credit !== '0' && <Money amount={l.credit} currency={l.currency} />}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="report-total"><th scope="row">{d.total}</th><td class="amount" data-label={d.debitCol}><Money amount={tot.debit} currency={tot.currency} /></td><td class="amount" data-label={d.creditCol}><Money amount={tot.credit} currency={tot.currency} /></td></tr>
            </tfoot>
          </table>
        </>
      )}
    </>
  );
}

function CashBook({ coop, from, to, via }: { coop: string; from: string; to: string; via: 'cash' | 'bank' }) {
  const d = w.value;
  const r = useRead(`books:${coop}:buku-kas:${via}:${from}:${to}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/cash-book', { params: { path: { coop }, query: { from, to, via } } })), hasKey<Schemas['AccountStatement']>('lines')));
  const s = r.data;
  return (
    <>
      <ReadState read={r} />
      {s && (
        <>
          <dl class="pairs"><dt>{d.opening}</dt><dd><Money amount={s.opening} currency={s.currency} /></dd></dl>
          <ul class="entries">
            {s.lines.map((l) => (
              <li key={l.entry_id + l.side} class="entry">
                <span class="entry-date">{shortDate(l.effective_date, lang.value)}</span>
                <span>{l.memo || l.kind}</span>
                <span class={l.side === 'debit' ? 'entry-amount in' : 'entry-amount out'}>
                  {l.side === 'debit' ? '+' : '−'}<Money amount={l.amount} currency={s.currency} />
                </span>
              </li>
            ))}
          </ul>
          {!s.lines.length && <p class="muted">{d.nothingHere}</p>}
          <dl class="pairs big"><dt>{d.closing}</dt><dd data-testid="report-total"><Money amount={s.closing} currency={s.currency} /></dd></dl>
        </>
      )}
    </>
  );
}

function Portfolio({ coop, asOf }: { coop: string; asOf: string }) {
  const d = w.value;
  const r = useRead(`books:${coop}:portofolio:${asOf}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/loan-portfolio', { params: { path: { coop }, query: { as_of: asOf } } })), hasKey<Schemas['LoanPortfolio']>('ageing')));
  const p = r.data;
  return (
    <>
      <ReadState read={r} />
      {p && (
        <>
          <div class="tiles">
            <Tile label={d.activeLoans}>{p.active_loans}</Tile>
            <Tile label={d.outstandingLoans}><span data-testid="report-total"><Money amount={p.outstanding} currency={p.currency} /></span></Tile>
            <Tile label={d.arrearsAll}><Money amount={p.arrears} currency={p.currency} /></Tile>
            <Tile label={d.par30}>{percent(p.par30.ratio, lang.value)}</Tile>
            <Tile label={d.par90}>{percent(p.par90.ratio, lang.value)}</Tile>
            <Tile label={d.repaymentRate}>{percent(p.repayment_rate, lang.value)}</Tile>
            <Tile label={d.writtenOffTotal}><Money amount={p.written_off} currency={p.currency} /></Tile>
          </div>
          <table class="report">
            <caption>{d.ageing}</caption>
            <tbody>
              {p.ageing.map((a) => (
                <tr key={a.band}>
                  <td>{a.band === 'current' ? d.onTime : a.band === 'over_90' ? '> 90' : a.band} {a.band !== 'current' && d.days}</td>
                  <td class="amount">{d.loansN(a.loans)}</td>
                  <td class="amount"><Money amount={a.outstanding} currency={p.currency} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

type Ratio = Schemas['HealthRatio'];

// The band as a word with a mark, so it reads without its colour.
const bandLook = { healthy: ['ok', '✓'], watch: ['warn', '!'], unhealthy: ['bad', '✕'] } as const;

function Band({ band }: { band: NonNullable<Ratio['band']> }) {
  const [tone, mark] = bandLook[band];
  return <span class={`pill ${tone}`} data-testid="band"><span aria-hidden="true">{mark} </span>{w.value.bands[band]}</span>;
}

/** Standard: the bounds the value was read against. */
function Standard({ ratio }: { ratio: Ratio }) {
  const d = w.value;
  const s = ratio.standard;
  if (!s) return <p class="small muted">{d.ownGoal}</p>;
  return (
    <p class="small" data-testid="bound">
      {d.healthyWhen(s.better, percentExact(s.healthy, lang.value, 0))}; {d.watchWhen(s.better, percentExact(s.watch, lang.value, 0))}
    </p>
  );
}

function Health({ coop, asOf }: { coop: string; asOf: string }) {
  const d = w.value;
  const r = useRead(`books:${coop}:kesehatan:${asOf}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/health-ratios', { params: { path: { coop }, query: { as_of: asOf } } })), hasKey<Schemas['HealthRatios']>('ratios')));
  const h = r.data;
  return (
    <>
      <ReadState read={r} />
      <ul class="cards">
        {h?.ratios.map((x) => {
          const [name, says] = d.ratios[x.key] ?? [x.name, x.definition];
          return (
            <li key={x.key} class="card" data-testid={`ratio-${x.key}`}>
              <h3>{name}</h3>
              <p class="big"><strong>{x.value === null ? d.noRatio : percentExact(x.value, lang.value, 1)}</strong>
                {x.band && <> <Band band={x.band} /></>}</p>
              <Standard ratio={x} />
              <p class="muted small">{says}</p>
              <p class="small"><Money amount={x.numerator} currency={h.currency} /> / <Money amount={x.denominator} currency={h.currency} /></p>
              {x.standard && <p class="muted small">{d.source(x.standard.source)}</p>}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function Books({ me, coop, report }: { me: Me; coop: string; report?: string }) {
  const d = w.value;
  const r = report && report in routes ? report : 'neraca';
  const route = routes[r]!;
  // The supervisor (pengawas) reads the same books under her own path.
  const currency = [...me.treasurer_of, ...me.supervisor_of].find((c) => c.id === coop)?.currency ?? 'IDR';
  const root = path.value.startsWith('/pengawas') ? '/pengawas' : '/bendahara';
  const now = today();
  const [asOf, setAsOf] = useState(now);
  // The income statement from the year's start; the cash book, whose every
  // movement is a line, from the month's.
  const [froms, setFroms] = useState<Record<string, string>>({ 'hasil-usaha': now.slice(0, 4) + '-01-01', 'buku-kas': now.slice(0, 7) + '-01' });
  const from = froms[r] ?? now;
  const setFrom = (v: string) => setFroms((f) => ({ ...f, [r]: v }));
  const [to, setTo] = useState(now);
  const [via, setVia] = useState<'cash' | 'bank'>('cash');
  const dateQuery = route.period ? `from=${from}&to=${to}` : `as_of=${asOf}`;
  const csvStyle = lang.value === 'id' ? 'delimiter=semicolon&decimal=comma' : 'delimiter=comma&decimal=point';
  const base = `/v1/cooperatives/${coop}/${route.path}?${dateQuery}${r === 'buku-kas' ? `&via=${via}` : ''}&lang=${lang.value}`;
  const file = `${d.reports[r]!.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${route.period ? to : asOf}`;
  return (
    <>
      <p><Link href={`${root}/${coop}`}>← {d.back}</Link></p>
      <h1>{d.books}</h1>
      <nav aria-label={d.books} class="report-nav">
        {Object.keys(routes).map((k) => (
          <Link key={k} href={`${root}/${coop}/buku/${k}`} class={k === r ? 'chip current' : 'chip'}>{d.reports[k]}</Link>
        ))}
      </nav>
      <h2>{d.reports[r]}</h2>
      <div class="report-dates">
        {route.period ? (
          <>
            <label>{d.fromDate}<input type="date" value={from} max={to} onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)} /></label>
            <label>{d.toDate}<input type="date" value={to} min={from} onChange={(e) => e.currentTarget.value && setTo(e.currentTarget.value)} /></label>
          </>
        ) : (
          <label>{d.asOfDate}<input type="date" value={asOf} onChange={(e) => e.currentTarget.value && setAsOf(e.currentTarget.value)} /></label>
        )}
      </div>
      {r === 'buku-kas' && (
        <fieldset class="choice row">
          <legend>{d.reports[r]}</legend>
          <label><input type="radio" name="via" checked={via === 'cash'} onChange={() => setVia('cash')} /> {d.cashBox}</label>
          <label><input type="radio" name="via" checked={via === 'bank'} onChange={() => setVia('bank')} /> {d.bank}</label>
        </fieldset>
      )}
      <p class="actions">
        {route.pdf && <Download href={`${base}&format=pdf`} name={`${file}.pdf`} label={d.downloadPdf} />}
        <Download href={`${base}&format=csv&${csvStyle}`} name={`${file}.csv`} label={d.downloadCsv} />
      </p>
      {r === 'neraca' && <BalanceSheet coop={coop} asOf={asOf} />}
      {r === 'hasil-usaha' && <IncomeStatement coop={coop} from={from} to={to} />}
      {r === 'neraca-saldo' && <TrialBalance coop={coop} asOf={asOf} currency={currency} />}
      {r === 'buku-kas' && <CashBook coop={coop} from={from} to={to} via={via} />}
      {r === 'portofolio' && <Portfolio coop={coop} asOf={asOf} />}
      {r === 'kesehatan' && <Health coop={coop} asOf={asOf} />}
      <Checkpoints coop={coop} canSign={root === '/bendahara'} />
    </>
  );
}
