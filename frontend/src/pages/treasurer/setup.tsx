// The treasurer's part of setting up a cooperative, after the admin's
// wizard: its groups with their meeting day, its members, its loan
// products, in that order (a member needs her group; a product is what
// loans are made under). Each step lists what is there and adds one more.
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, authedFetch, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './setup-words';
import { allMembers } from './members';
import { isPositive, parseTyped, showTyped } from '../../money';
import { today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { Download, Link, Money, ReadState } from '../../ui';

type Me = Schemas['Me'];
type Day = NonNullable<Schemas['GroupRequest']['meeting_day']>;

/** useSubmit runs one write, says what was added or why it was refused. */
function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  async function run(write: () => Promise<string>) {
    const d = w.value;
    setBusy(true);
    setSaid(null);
    try {
      setSaid({ ok: true, text: d.added(await write()) });
    } catch (err) {
      setSaid({ ok: false, text: err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad });
    } finally {
      setBusy(false);
    }
  }
  const note = said && <p class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'} data-testid="setup-said">{said.text}</p>;
  return { busy, run, note };
}

function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return <><label for={id}>{label}</label>{children}</>;
}

function Groups({ coop }: { coop: string }) {
  const d = w.value;
  const groups = useRead(`groups:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop } } })));
  const [name, setName] = useState('');
  const [day, setDay] = useState<Day>('wednesday');
  const [since, setSince] = useState('');
  const s = useSubmit();
  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim() || s.busy) return;
    void s.run(async () => {
      const g = unwrap(await api.POST('/v1/cooperatives/{coop}/groups', { params: { path: { coop } }, body: { name: name.trim(), meeting_day: day, ...(since ? { joint_liability_since: since } : {}) } }));
      setName('');
      groups.reload();
      return g.name;
    });
  };
  return (
    <>
      <ReadState read={groups} />
      <ul class="links">{groups.data?.items.map((g) => <li key={g.id} class="row-link"><span>{g.name}</span><span class="muted">{g.meeting_day ? d.weekdays[g.meeting_day] : d.noDay}</span></li>)}</ul>
      <form class="form" onSubmit={submit}>
        <Field id="g-name" label={d.groupName}><input id="g-name" type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} /></Field>
        <Field id="g-day" label={d.meetingDay}>
          <select id="g-day" value={day} onChange={(e) => setDay(e.currentTarget.value as Day)}>
            {Object.entries(d.weekdays).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            <option value="">{d.noDay}</option>
          </select>
        </Field>
        <Field id="g-since" label={d.jointSince}><input id="g-since" type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} /></Field>
        <button type="submit" class="btn" disabled={!name.trim() || s.busy}>{d.addGroup}</button>
        {s.note}
      </form>
    </>
  );
}

function Members({ coop }: { coop: string }) {
  const d = w.value;
  const groups = useRead(`groups:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop } } })));
  const members = useRead(`members:${coop}`, () => allMembers(coop));
  const [group, setGroup] = useState('');
  const [name, setName] = useState('');
  const [gender, setGender] = useState<Schemas['Gender']>('female');
  const [joined, setJoined] = useState(today);
  const [business, setBusiness] = useState('');
  const [phone, setPhone] = useState('');
  const s = useSubmit();
  const g = group || groups.data?.items[0]?.id || '';
  const submit = (e: Event) => {
    e.preventDefault();
    if (!name.trim() || !g || s.busy) return;
    void s.run(async () => {
      const body: Schemas['MemberRequest'] = { group_id: g, name: name.trim(), gender, joined_on: joined,
        ...(business.trim() ? { business_type: business.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) };
      const m = unwrap(await api.POST('/v1/cooperatives/{coop}/members', { params: { path: { coop } }, body }));
      setName('');
      setBusiness('');
      setPhone('');
      members.reload();
      return `${m.number} · ${m.name}`;
    });
  };
  const count = (id: string) => members.data?.filter((m) => m.group_id === id && !m.exited_on).length ?? 0;
  return (
    <>
      <ul class="links">{groups.data?.items.map((x) => <li key={x.id} class="row-link"><span>{x.name}</span><span class="muted" data-testid="group-members">{d.countMembers(count(x.id))}</span></li>)}</ul>
      <form class="form" onSubmit={submit}>
        <Field id="m-group" label={d.inGroup}>
          <select id="m-group" value={g} onChange={(e) => setGroup(e.currentTarget.value)}>
            {groups.data?.items.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
          </select>
        </Field>
        <Field id="m-name" label={d.memberName}><input id="m-name" type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} /></Field>
        <Field id="m-gender" label={d.gender}>
          <select id="m-gender" value={gender} onChange={(e) => setGender(e.currentTarget.value as Schemas['Gender'])}>
            {Object.entries(d.genders).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field id="m-joined" label={d.joinedOn}><input id="m-joined" type="date" value={joined} max={today()} onChange={(e) => e.currentTarget.value && setJoined(e.currentTarget.value)} /></Field>
        <Field id="m-business" label={d.business}><input id="m-business" type="text" maxLength={100} value={business} onInput={(e) => setBusiness(e.currentTarget.value)} /></Field>
        <Field id="m-phone" label={d.phone}><input id="m-phone" type="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} /></Field>
        <button type="submit" class="btn" disabled={!name.trim() || !g || s.busy}>{d.addMember}</button>
        {s.note}
      </form>
      <MembersImport coop={coop} onDone={members.reload} />
    </>
  );
}

/**
 * MembersImport brings many members in from a spreadsheet: a dry run
 * first (the server posts everything and rolls it back), then the import.
 * A refused file lists each row and column the server named.
 */
function MembersImport({ coop, onDone }: { coop: string; onDone: () => void }) {
  const d = w.value;
  const [file, setFile] = useState<File | null>(null);
  const [checkedRows, setCheckedRows] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string; fields?: { field: string; reason: string }[] } | null>(null);
  async function send(dryRun: boolean) {
    if (!file || busy) return;
    setBusy(true);
    setSaid(null);
    try {
      const xlsx = /\.xlsx$/i.test(file.name);
      const res = await authedFetch(new Request(`/v1/cooperatives/${coop}/imports/members${dryRun ? '?dry_run=true' : ''}`, {
        method: 'POST', body: file,
        headers: { 'Content-Type': xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' },
      }));
      const body = (await res.json()) as Schemas['ImportResult'] & { detail?: string; code?: string; errors?: { field: string; reason: string }[] };
      if (!res.ok) {
        setCheckedRows(null);
        setSaid({ ok: false, text: body.errors?.length ? d.fileProblems : problemText(d, { status: res.status, code: body.code, detail: body.detail }), fields: body.errors });
        return;
      }
      if (dryRun) {
        setCheckedRows(body.rows);
        setSaid({ ok: true, text: d.checked(body.rows) });
      } else {
        setCheckedRows(null);
        setSaid({ ok: true, text: body.replayed ? d.importedBefore : d.imported(body.created) });
        onDone();
      }
    } catch {
      setSaid({ ok: false, text: d.cannotLoad });
    } finally {
      setBusy(false);
    }
  }
  return (
    <details class="card">
      <summary>{d.importMembers}</summary>
      <p class="muted small">{d.importHint}</p>
      <p class="actions"><Download href={`/v1/cooperatives/${coop}/imports/members/template?lang=${lang.value}`} name={lang.value === 'id' ? 'anggota.csv' : 'members.csv'} label={d.template} /></p>
      <label for="import-file">{d.chooseFile}</label>
      <input id="import-file" type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => { setFile(e.currentTarget.files?.[0] ?? null); setCheckedRows(null); setSaid(null); }} />
      <p class="actions">
        <button type="button" class="btn" disabled={!file || busy} onClick={() => void send(true)}>{d.checkFile}</button>
        <button type="button" class="btn primary" disabled={checkedRows === null || busy} onClick={() => void send(false)}>{d.importNow}</button>
      </p>
      {said && (
        <div class={said.ok ? 'notice ok' : 'notice bad'} role={said.ok ? 'status' : 'alert'} data-testid="import-said">
          <p>{said.text}</p>
          {said.fields && <ul>{said.fields.map((f) => <li key={f.field}>{d.rowColumn(f.field)}: {f.reason}</li>)}</ul>}
        </div>
      )}
    </details>
  );
}

function Products({ coop, currency }: { coop: string; currency: string }) {
  const d = w.value;
  const products = useRead(`products:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loan-products', { params: { path: { coop } } })));
  const [name, setName] = useState('');
  const [rate, setRate] = useState('24');
  const [method, setMethod] = useState<Schemas['InterestMethod']>('flat');
  const [freq, setFreq] = useState<Schemas['LoanFrequency']>('weekly');
  const [n, setN] = useState('25');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [penalty, setPenalty] = useState('');
  const [fee, setFee] = useState('');
  const s = useSubmit();
  const ready = name.trim() && isPositive(min) && isPositive(max) && /^\d+$/.test(n) && !s.busy;
  const submit = (e: Event) => {
    e.preventDefault();
    if (!ready) return;
    void s.run(async () => {
      const body: Schemas['LoanProductRequest'] = { name: name.trim(), annual_rate: rate.trim().replace(',', '.'), interest_method: method, frequency: freq,
        installments: Number(n), grace_periods: 0, principal_min: min, principal_max: max,
        ...(isPositive(penalty) ? { penalty } : {}), ...(fee.trim() ? { fee_percent: fee.trim().replace(',', '.') } : {}) };
      const p = unwrap(await api.POST('/v1/cooperatives/{coop}/loan-products', { params: { path: { coop } }, body }));
      setName('');
      products.reload();
      return p.name;
    });
  };
  const money = (id: string, label: string, v: string, set: (x: string) => void) => (
    <Field id={id} label={label}>
      <input id={id} class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(v, lang.value)} onInput={(e) => set(parseTyped(e.currentTarget.value, currency, lang.value))} />
    </Field>
  );
  return (
    <>
      <ul class="links">
        {products.data?.items.filter((p) => !p.retired).map((p) => (
          <li key={p.id} class="row-link">
            <span>{p.name}<br /><span class="muted small">{p.installments} × {d.frequencies[p.frequency]} · {p.annual_rate}% {d.methods[p.interest_method]}</span></span>
            <span class="right small"><Money amount={p.principal_min} currency={p.currency} />–<Money amount={p.principal_max} currency={p.currency} /></span>
          </li>
        ))}
      </ul>
      <form class="form" onSubmit={submit}>
        <Field id="p-name" label={d.productName}><input id="p-name" type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} /></Field>
        <Field id="p-rate" label={d.annualRate}><input id="p-rate" class="amount" type="text" inputMode="decimal" value={rate} onInput={(e) => setRate(e.currentTarget.value)} /></Field>
        <Field id="p-method" label={d.method}>
          <select id="p-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as Schemas['InterestMethod'])}>
            {Object.entries(d.methods).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field id="p-freq" label={d.frequency}>
          <select id="p-freq" value={freq} onChange={(e) => setFreq(e.currentTarget.value as Schemas['LoanFrequency'])}>
            {Object.entries(d.frequencies).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field id="p-n" label={d.installmentsN}><input id="p-n" class="amount" type="text" inputMode="numeric" value={n} onInput={(e) => setN(e.currentTarget.value)} /></Field>
        {money('p-min', d.minPrincipal, min, setMin)}
        {money('p-max', d.maxPrincipal, max, setMax)}
        {money('p-penalty', d.penaltyEach, penalty, setPenalty)}
        <Field id="p-fee" label={d.feePercent}><input id="p-fee" class="amount" type="text" inputMode="decimal" value={fee} onInput={(e) => setFee(e.currentTarget.value)} /></Field>
        <button type="submit" class="btn" disabled={!ready}>{d.addProduct}</button>
        {s.note}
      </form>
    </>
  );
}

export function Setup({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const c = me.treasurer_of.find((x) => x.id === coop);
  const [step, setStep] = useState(1);
  const steps = [d.groups, d.members, d.products];
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.coopSetupTitle}</h1>
      <p class="muted">{c?.name} · {d.coopSetupHint}</p>
      <nav aria-label={d.coopSetupTitle} class="report-nav">
        {steps.map((s, i) => (
          <button key={s} type="button" class={i + 1 === step ? 'chip current' : 'chip'} aria-current={i + 1 === step ? 'step' : undefined} onClick={() => setStep(i + 1)}>{i + 1}. {s}</button>
        ))}
      </nav>
      <section class="card" aria-labelledby="setup-step">
        <p class="muted small">{d.coopStepOf(step, 3)}</p>
        <h2 id="setup-step">{steps[step - 1]}</h2>
        {step === 1 && <Groups coop={coop} />}
        {step === 2 && <Members coop={coop} />}
        {step === 3 && <Products coop={coop} currency={c?.currency ?? 'IDR'} />}
      </section>
      <p class="actions">
        {step < 3 ? <button type="button" class="btn primary" onClick={() => setStep(step + 1)}>{d.setupNext}</button>
          : <Link href={`/bendahara/${coop}`} class="btn primary">{d.finish}</Link>}
      </p>
    </>
  );
}
