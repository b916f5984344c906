// The partner's portfolio: tiles, the self-reliance trend over twelve
// months (an SVG drawn here: lighter than a chart library), ageing and the
// table by cooperative. Loaded only when a partner opens it.
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './words';
import { longDate, monthLabel } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { Download, Money, ReadState, Tile } from '../../ui';
import { Trend } from './trend';
import { Proofs } from './proofs';
import { percent } from '../../money';

type Me = Schemas['Me'];
type Total = Schemas['PartnerPortfolioTotal'];

function bandLabel(band: string): string {
  return band === 'current' ? w.value.bandCurrent : band === 'over_90' ? '> 90' : band;
}

export function Tiles({ total }: { total: Total }) {
  const d = w.value;
  const c = total.currency;
  return (
    <div class="tiles">
      <Tile label={d.received}><Money amount={total.received} currency={c} /></Tile>
      <Tile label={d.disbursed}><Money amount={total.disbursed} currency={c} /></Tile>
      <Tile label={d.outstandingLoans}><Money amount={total.outstanding} currency={c} /></Tile>
      <Tile label={d.par30}>{percent(total.par30.ratio, lang.value)}</Tile>
      <Tile label={d.repaymentRate}>{total.loans.repayment_rate ? percent(total.loans.repayment_rate, lang.value) : '—'}</Tile>
      <Tile label={d.womenReached}>{total.women_reached}</Tile>
      <Tile label={d.savingsMobilised}><Money amount={total.savings_mobilised} currency={c} /></Tile>
      <Tile label={d.selfReliance} hint={d.selfRelianceHelp}>{total.self_reliance ? percent(total.self_reliance, lang.value) : '—'}</Tile>
    </div>
  );
}

export function Partner({ me, partner }: { me: Me; partner: string }) {
  const d = w.value;
  const view = me.partners.find((p) => p.partner.id === partner);
  const read = useRead(`portfolio:${partner}`, async () =>
    json(unwrap(await api.GET('/v1/partners/{partner}/portfolio', { params: { path: { partner }, query: { series: 'monthly' } } })), hasKey<Schemas['PartnerPortfolio']>('totals')),
  );
  const p = read.data;
  const total = p?.totals[0];
  const points = (p?.series ?? []).map((s) => ({ label: monthLabel(s.month, lang.value), value: s.totals[0]?.self_reliance ?? null }));
  return (
    <>
      <h1>{view?.partner.name ?? d.portfolio}</h1>
      <ReadState read={read} />
      {p && <p class="muted">{d.portfolio} · {d.asOf(longDate(p.as_of, lang.value))}</p>}
      <p class="actions">
        <Download href={`/v1/partners/${partner}/portfolio?format=pdf&series=monthly`} name={`portofolio-${p?.as_of ?? ''}.pdf`} label={d.downloadPdf} />
        <Download href={`/v1/partners/${partner}/portfolio?format=csv&delimiter=semicolon&decimal=comma`} name={`portofolio-${p?.as_of ?? ''}.csv`} label={d.downloadCsv} />
      </p>
      {total && <Tiles total={total} />}
      {p && (
        <section class="card">
          <h2>{d.selfRelianceTrend}</h2>
          <Trend points={points} title={d.selfRelianceTrend} />
        </section>
      )}
      {total && (
        <section class="card">
          <h2>{d.ageing}</h2>
          <ul class="bars">
            {total.loans.ageing.map((a) => {
              const all = total.loans.ageing.reduce((n, x) => n + x.loans, 0) || 1;
              return (
                <li key={a.band}>
                  <span class="bar-label">{bandLabel(a.band)}</span>
                  <span class="bar"><span style={{ width: `${(100 * a.loans) / all}%` }} /></span>
                  <span class="bar-value">{d.loansN(a.loans)} · <Money amount={a.outstanding} currency={total.currency} /></span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {p && <Proofs facilities={p.facilities} />}
      {p && (
        <section>
          <h2>{d.byCooperative}</h2>
          <div class="table-wrap" tabIndex={0} role="region" aria-label={d.byCooperative}>
            <table class="cards-narrow">
              <thead><tr><th scope="col">{d.cooperative}</th><th scope="col">{d.outstandingLoans}</th><th scope="col">{d.par30}</th><th scope="col">{d.womenReached}</th><th scope="col">{d.selfReliance}</th></tr></thead>
              <tbody>
                {p.by_cooperative.map((c) => (
                  <tr key={c.key + c.currency}>
                    <td data-label={d.cooperative}>{c.label}</td>
                    <td data-label={d.outstandingLoans}><Money amount={c.outstanding} currency={c.currency} /></td>
                    <td data-label={d.par30}>{percent(c.par30.ratio, lang.value)}</td>
                    <td data-label={d.womenReached}>{c.women_reached}</td>
                    <td data-label={d.selfReliance}>{c.self_reliance ? percent(c.self_reliance, lang.value) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
