// The member's loan simulator: her cooperative's products and the
// schedule the server works out for an amount (the same preview the
// treasurer's application uses), with a flat rate's effective rate
// explained. Nothing is recorded; she applies through her treasurer.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { formatMoney, isPositive, parseTyped, showTyped, sum, toMinor } from '../../money';
import { shortDate, today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];

/** decimal writes a rate the way the reader's language does: "44,99" in Indonesian. */
const decimal = (r: string) => (lang.value === 'id' ? r.replace('.', ',') : r);

export function Simulator({ me }: { me: Me }) {
  const d = w.value;
  const m = me.memberships[0];
  const coop = m?.cooperative.id ?? '';
  const products = useRead(m ? `products:${coop}` : null, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loan-products', { params: { path: { coop } } })));
  const live = (products.data?.items ?? []).filter((p) => !p.retired);
  const [productId, setProductId] = useState('');
  const [principal, setPrincipal] = useState('');
  const [preview, setPreview] = useState<Schemas['Schedule'] | null>(null);
  const [problem, setProblem] = useState('');
  const product = live.find((p) => p.id === productId) ?? live[0];
  const money = (a: string) => formatMoney(a, product?.currency ?? 'IDR', lang.value);
  const inRange = !!product && isPositive(principal) && toMinor(principal, product.currency) >= toMinor(product.principal_min, product.currency)
    && toMinor(principal, product.currency) <= toMinor(product.principal_max, product.currency);

  async function show(e: Event) {
    e.preventDefault();
    if (!product || !inRange) return;
    setProblem('');
    const body: Schemas['ScheduleRequest'] = {
      principal, currency: product.currency, annual_rate: product.annual_rate, installments: product.installments,
      frequency: product.frequency, interest_method: product.interest_method, grace_periods: product.grace_periods, disbursed_on: today(),
    };
    if (isPositive(product.installment_multiple)) body.installment_multiple = product.installment_multiple;
    try {
      setPreview(unwrap(await api.POST('/v1/schedules/preview', { body })));
    } catch (err) {
      setPreview(null);
      setProblem(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    }
  }

  const first = preview?.installments.find((i) => i.total !== '0');
  return (
    <>
      <p><Link href="/anggota">← {d.back}</Link></p>
      <h1>{d.simulate}</h1>
      <p class="muted">{d.simulateHint}</p>
      <ReadState read={products} />
      {products.data && !live.length && <p class="muted">{d.noProducts}</p>}
      {product && (
        <form class="form" onSubmit={(e) => void show(e)}>
          <label for="sim-product">{d.simProduct}</label>
          <select id="sim-product" value={product.id} onChange={(e) => { setProductId(e.currentTarget.value); setPreview(null); }}>
            {live.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <p class="muted small">
            {product.installments} × {d.frequencies[product.frequency] ?? product.frequency} · {product.effective_annual_rate ? d.flatRate(product.annual_rate, product.effective_annual_rate) : d.yearRate(product.annual_rate)}
          </p>
          <label for="sim-amount">{d.simAmount}</label>
          <input id="sim-amount" class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(principal, lang.value)}
            onInput={(e) => { setPrincipal(parseTyped(e.currentTarget.value, product.currency, lang.value)); setPreview(null); }} />
          <p class="muted small">{d.range(money(product.principal_min), money(product.principal_max))}</p>
          {isPositive(principal) && !inRange && <p class="notice warn" role="alert">{d.outOfRange(money(product.principal_min), money(product.principal_max))}</p>}
          <button type="submit" class="btn primary" disabled={!inRange}>{d.simShow}</button>
        </form>
      )}
      {problem && <p class="notice bad" role="alert">{problem}</p>}
      {preview && product && (
        <section aria-labelledby="sim-result" data-testid="sim-result">
          <h2 id="sim-result">{d.schedule}</h2>
          <div class="tiles">
            {first && <Tile label={d.eachInstallment} hint={`${preview.installments.length} × ${d.frequencies[product.frequency] ?? product.frequency}`}><Money amount={first.total} currency={product.currency} /></Tile>}
            <Tile label={d.totalInterest}><span data-testid="sim-interest"><Money amount={preview.total_interest} currency={product.currency} /></span></Tile>
            <Tile label={d.totalToRepay}><span data-testid="sim-total"><Money amount={sum([preview.total_principal, preview.total_interest], product.currency)} currency={product.currency} /></span></Tile>
          </div>
          {preview.effective_annual_rate && <p class="notice" data-testid="sim-rate">{d.effectiveExplained(decimal(product.annual_rate), decimal(preview.effective_annual_rate))}</p>}
          <ol class="entries">
            {preview.installments.map((i) => (
              <li key={i.number} class="entry">
                <span class="entry-date">{i.number}. {shortDate(i.due_date, lang.value)}</span>
                <span class="entry-memo muted small">{d.principal} <Money amount={i.principal} currency={product.currency} /></span>
                <span class="entry-amount"><Money amount={i.total} currency={product.currency} /></span>
              </li>
            ))}
          </ol>
          <p class="muted">{d.applyAtMeeting}</p>
        </section>
      )}
    </>
  );
}
