// A loan application: member, product and amount, the schedule the server
// works out for it before anything is recorded (with, for a flat product,
// the effective rate beside the flat one), then the application itself
// for the other treasurer to approve.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { parseTyped, showTyped, isPositive } from '../../money';
import { shortDate, today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { makeKey } from '../../sync';
import { Money } from '../../ui';

type Member = Pick<Schemas['Member'], 'id' | 'name' | 'number'>;

export function Apply({ coop, currency, members, onApplied }: { coop: string; currency: string; members: Member[]; onApplied: () => void }) {
  const d = w.value;
  const products = useRead(`products:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loan-products', { params: { path: { coop } } })));
  const facilities = useRead(`facilities:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/facilities', { params: { path: { coop } } })));
  const live = (products.data?.items ?? []).filter((p) => !p.retired);
  const [member, setMember] = useState('');
  const [productId, setProductId] = useState('');
  const [facilityId, setFacilityId] = useState('');
  const [principal, setPrincipal] = useState('');
  const [purpose, setPurpose] = useState('');
  const [preview, setPreview] = useState<Schemas['Schedule'] | null>(null);
  const [problem, setProblem] = useState('');
  const [applied, setApplied] = useState(false);
  const [key, setKey] = useState(makeKey);
  const product = live.find((p) => p.id === productId) ?? live[0];
  const facility = facilityId || facilities.data?.items[0]?.id || '';
  const who = member || members[0]?.id || '';

  const fail = (err: unknown) => setProblem(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);

  async function show() {
    if (!product || !isPositive(principal)) return;
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
      fail(err);
    }
  }

  async function apply() {
    if (!product || !who || !facility) return;
    setProblem('');
    const body: Schemas['LoanRequest'] = { member_id: who, facility_id: facility, product_id: product.id, principal, grace_periods: product.grace_periods };
    if (purpose.trim()) body.purpose = purpose.trim();
    try {
      unwrap(await api.POST('/v1/cooperatives/{coop}/loans', { params: { path: { coop } }, body, headers: { 'Idempotency-Key': key } }));
      setApplied(true);
      setPreview(null);
      setPrincipal('');
      setPurpose('');
      setKey(makeKey());
      onApplied();
    } catch (err) {
      fail(err);
    }
  }

  return (
    <details class="card apply" data-testid="apply">
      <summary><strong>{d.applyLoan}</strong></summary>
      <form class="form" onSubmit={(e) => { e.preventDefault(); void show(); }}>
        <label for="apply-member">{d.roleMember}</label>
        <select id="apply-member" value={who} onChange={(e) => { setMember(e.currentTarget.value); setApplied(false); }}>
          {members.map((m) => <option key={m.id} value={m.id}>{m.number} · {m.name}</option>)}
        </select>
        <label for="apply-product">{d.product}</label>
        <select id="apply-product" value={product?.id ?? ''} onChange={(e) => { setProductId(e.currentTarget.value); setPreview(null); }}>
          {live.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        {product && (
          <p class="muted small">
            {product.installments} × {d.frequencies[product.frequency] ?? product.frequency} · {product.annual_rate}% {d.methods[product.interest_method] ?? product.interest_method}
            {' · '}<Money amount={product.principal_min} currency={product.currency} />–<Money amount={product.principal_max} currency={product.currency} />
          </p>
        )}
        <label for="apply-facility">{d.facility}</label>
        <select id="apply-facility" value={facility} onChange={(e) => setFacilityId(e.currentTarget.value)}>
          {facilities.data?.items.map((f) => <option key={f.id} value={f.id}>{f.partner?.name ?? f.purpose}</option>)}
        </select>
        <label for="apply-principal">{d.principal}</label>
        <input id="apply-principal" class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(principal, lang.value)}
          onInput={(e) => { setPrincipal(parseTyped(e.currentTarget.value, currency, lang.value)); setPreview(null); }} />
        <label for="apply-purpose">{d.purpose}</label>
        <input id="apply-purpose" type="text" value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
        <button type="submit" class="btn" disabled={!product || !isPositive(principal)}>{d.showSchedule}</button>
      </form>
      {problem && <p class="notice bad" role="alert">{problem}</p>}
      {applied && <p class="notice ok" role="status" data-testid="applied">{d.applied}</p>}
      {preview && product && (
        <section aria-labelledby="preview" data-testid="preview">
          <h3 id="preview">{d.schedule}</h3>
          <p data-testid="preview-rate">
            {preview.effective_annual_rate ? d.flatRate(product.annual_rate, preview.effective_annual_rate) : d.yearRate(product.annual_rate)}
          </p>
          <dl class="pairs">
            <dt>{d.principal}</dt><dd><Money amount={preview.total_principal} currency={product.currency} /></dd>
            <dt>{d.interest}</dt><dd><Money amount={preview.total_interest} currency={product.currency} /></dd>
          </dl>
          <details class="schedule">
            <summary>{d.installments}: {preview.installments.length}</summary>
            <ol>
              {preview.installments.map((i) => (
                <li key={i.number}><span>{i.number}. {shortDate(i.due_date, lang.value)}</span><Money amount={i.total} currency={product.currency} /></li>
              ))}
            </ol>
          </details>
          <button type="button" class="btn primary wide" onClick={() => void apply()}>{d.applyNow}</button>
        </section>
      )}
    </details>
  );
}
