// The platform admin: cooperatives, partners and users.
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './words';
import { longDate, shortDate } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { Tiles } from '../partner/partner';
import { percent } from '../../money';
import { UserActions } from '../user-actions';
import { w as uw } from '../user-words';
import { Link, Money, ReadState } from '../../ui';

export function Admin() {
  const d = w.value;
  const coops = useRead('admin:coops', async () => unwrap(await api.GET('/v1/cooperatives', { params: { query: { limit: 200 } } })));
  const partners = useRead('admin:partners', async () => unwrap(await api.GET('/v1/partners', { params: { query: { limit: 200 } } })));
  const users = useRead('admin:users', async () => unwrap(await api.GET('/v1/users', { params: { query: { limit: 200 } } })));
  const portfolio = useRead('admin:portfolio', async () =>
    json(unwrap(await api.GET('/v1/portfolio', {})), hasKey<Schemas['PlatformPortfolio']>('by_model')));
  const pf = portfolio.data;
  return (
    <>
      <h1>{d.roleAdmin}</h1>
      <p class="actions">
        <Link href="/admin/siapkan" class="btn primary">{d.setupCoop}</Link>
        <Link href="/admin/riwayat" class="btn">{d.platformLog}</Link>
      </p>
      <h2>{d.platformPortfolio}</h2>
      <ReadState read={portfolio} />
      {pf && <p class="muted">{d.asOf(longDate(pf.as_of, lang.value))}</p>}
      {pf?.totals[0] && <Tiles total={pf.totals[0]} />}
      {pf && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={d.byModel}>
          <table class="cards-narrow">
            <thead><tr><th scope="col">{d.model}</th><th scope="col">{d.received}</th><th scope="col">{d.outstandingLoans}</th><th scope="col">{d.womenReached}</th><th scope="col">{d.selfReliance}</th></tr></thead>
            <tbody>
              {pf.by_model.map((m) => (
                <tr key={m.key + m.currency}>
                  <td data-label={d.model}>{d.models[m.key] ?? m.label}</td>
                  <td data-label={d.received}><Money amount={m.received} currency={m.currency} /></td>
                  <td data-label={d.outstandingLoans}><Money amount={m.outstanding} currency={m.currency} /></td>
                  <td data-label={d.womenReached}>{m.women_reached}</td>
                  <td data-label={d.selfReliance}>{m.self_reliance ? percent(m.self_reliance, lang.value) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{d.cooperatives}</h2>
      <ReadState read={coops} />
      <div class="table-wrap" tabIndex={0} role="region" aria-label={d.cooperatives}>
        <table class="cards-narrow">
          <thead><tr><th scope="col">{d.cooperative}</th><th scope="col">{d.currency}</th><th scope="col">{d.pokok}</th><th scope="col">{d.wajib}</th></tr></thead>
          <tbody>
            {coops.data?.items.map((c) => (
              <tr key={c.id}>
                <td data-label={d.cooperative}>{c.name}</td>
                <td data-label={d.currency}>{c.currency}</td>
                <td data-label={d.pokok}><Money amount={c.pokok} currency={c.currency} /></td>
                <td data-label={d.wajib}><Money amount={c.wajib} currency={c.currency} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{d.partners}</h2>
      <ReadState read={partners} />
      <ul class="links">
        {partners.data?.items.map((p) => <li key={p.id} class="row-link"><span>{p.name}</span><span class="muted">{d.models[p.model]}</span></li>)}
      </ul>
      <h2>{d.users}</h2>
      <ReadState read={users} />
      <ul class="links">
        {users.data?.items.map((u) => (
          <li key={u.id} class="user-row" data-testid={`user-${u.login}`}>
            <div class="row-link"><span>{u.name}<br /><span class="muted small">{u.login}</span></span><span class="muted small">{shortDate(u.created_at, lang.value)}</span></div>
            <details class="schedule"><summary>{uw.value.signInActions}</summary><UserActions user={u} onChanged={users.reload} /></details>
          </li>
        ))}
      </ul>
    </>
  );
}
