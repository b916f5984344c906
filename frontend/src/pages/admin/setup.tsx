// The admin's setup wizard: a cooperative from nothing as one guided
// flow. The admin makes what is hers to make (the cooperative, its
// partners' facilities, its treasurer's and supervisor's sign-ins); the
// groups, members and loan products are written by the treasurer, as the
// API allows only her to write the cooperative's book, and the last step
// says so.
import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './setup-words';
import { formatMoney, isPositive, parseTyped, showTyped } from '../../money';
import { today } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { Link } from '../../ui';

type Coop = Schemas['Cooperative'];
type Model = Schemas['PartnershipModel'];
type Kind = Schemas['FacilityKind'];

function problemOf(err: unknown): string {
  const d = w.value;
  return err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad;
}

/** hiddenPassword is the password a new user is made with: never shown, replaced at once by a temporary one. */
function hiddenPassword(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(36).padStart(2, '0')).join('');
}

function Step({ n, title, children }: { n: number; title: string; children: ComponentChildren }) {
  const d = w.value;
  return (
    <section class="card" aria-labelledby={`setup-${n}`}>
      <p class="muted small">{d.adminStepOf(n, 4)}</p>
      <h2 id={`setup-${n}`}>{title}</h2>
      {children}
    </section>
  );
}

function CoopStep({ onMade }: { onMade: (c: Coop) => void }) {
  const d = w.value;
  const [name, setName] = useState('');
  const [currency, setCurrency] = useState('IDR');
  const [pokok, setPokok] = useState('');
  const [wajib, setWajib] = useState('');
  const [freq, setFreq] = useState<'weekly' | 'monthly'>('monthly');
  const [language, setLanguage] = useState<'id' | 'en'>(lang.value);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    if (!name.trim() || busy) return;
    setBusy(true);
    setProblem('');
    const body: Schemas['CooperativeRequest'] = { name: name.trim(), currency: currency.trim().toUpperCase(), language, wajib_frequency: freq };
    if (isPositive(pokok)) body.pokok = pokok;
    if (isPositive(wajib)) body.wajib = wajib;
    try {
      onMade(unwrap(await api.POST('/v1/cooperatives', { body })));
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="form" onSubmit={submit}>
      <label for="coop-name">{d.name}</label>
      <input id="coop-name" type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="coop-currency">{d.currency}</label>
      <input id="coop-currency" type="text" maxLength={3} autoCapitalize="characters" value={currency} onInput={(e) => setCurrency(e.currentTarget.value)} />
      <label for="coop-pokok">{d.pokokEach}</label>
      <input id="coop-pokok" class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(pokok, lang.value)} onInput={(e) => setPokok(parseTyped(e.currentTarget.value, currency, lang.value))} />
      <label for="coop-wajib">{d.wajibEach}</label>
      <input id="coop-wajib" class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(wajib, lang.value)} onInput={(e) => setWajib(parseTyped(e.currentTarget.value, currency, lang.value))} />
      <fieldset class="choice row">
        <legend>{d.wajibEvery}</legend>
        <label><input type="radio" name="freq" checked={freq === 'weekly'} onChange={() => setFreq('weekly')} /> {d.weekly}</label>
        <label><input type="radio" name="freq" checked={freq === 'monthly'} onChange={() => setFreq('monthly')} /> {d.monthly}</label>
      </fieldset>
      <fieldset class="choice row">
        <legend>{d.coopLanguage}</legend>
        <label><input type="radio" name="coop-lang" checked={language === 'id'} onChange={() => setLanguage('id')} /> Bahasa Indonesia</label>
        <label><input type="radio" name="coop-lang" checked={language === 'en'} onChange={() => setLanguage('en')} /> English</label>
      </fieldset>
      <button type="submit" class="btn primary" disabled={!name.trim() || busy}>{d.createCoop}</button>
      {problem && <p class="notice bad" role="alert">{problem}</p>}
    </form>
  );
}

function CapitalStep({ coop, added, onAdded, onNext }: { coop: Coop; added: string[]; onAdded: (s: string) => void; onNext: () => void }) {
  const d = w.value;
  const partners = useRead('admin:partners', async () => unwrap(await api.GET('/v1/partners', { params: { query: { limit: 200 } } })));
  const [partner, setPartner] = useState('');
  const [newName, setNewName] = useState('');
  const [model, setModel] = useState<Model>('government');
  const [kind, setKind] = useState<Kind>('grant');
  const [committed, setCommitted] = useState('');
  const [purpose, setPurpose] = useState('');
  const [starts, setStarts] = useState(today);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const chosen = partner || partners.data?.items[0]?.id || 'new';
  const ready = isPositive(committed) && (chosen !== 'new' || newName.trim().length > 0) && !busy;
  async function submit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem('');
    try {
      let p = partners.data?.items.find((x) => x.id === chosen);
      if (!p) {
        p = unwrap(await api.POST('/v1/partners', { body: { name: newName.trim(), model } }));
        setPartner(p.id);
        setNewName('');
        partners.reload();
      }
      const body: Schemas['FacilityRequest'] = { cooperative_id: coop.id, kind, committed, starts_on: starts, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) };
      unwrap(await api.POST('/v1/partners/{partner}/facilities', { params: { path: { partner: p.id } }, body }));
      onAdded(d.facilityAdded(p.name, formatMoney(committed, coop.currency, lang.value)));
      setCommitted('');
      setPurpose('');
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {added.length > 0 && <ul class="notice ok" role="status" data-testid="setup-facilities">{added.map((a) => <li key={a}>{a}</li>)}</ul>}
      <form class="form" onSubmit={submit}>
        <label for="fac-partner">{d.existingPartner}</label>
        <select id="fac-partner" value={chosen} onChange={(e) => setPartner(e.currentTarget.value)}>
          {partners.data?.items.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          <option value="new">{d.newPartner}</option>
        </select>
        {chosen === 'new' && (
          <>
            <label for="fac-partner-name">{d.partnerName}</label>
            <input id="fac-partner-name" type="text" maxLength={200} value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />
            <label for="fac-model">{d.model}</label>
            <select id="fac-model" value={model} onChange={(e) => setModel(e.currentTarget.value as Model)}>
              {Object.entries(d.models).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </>
        )}
        <label for="fac-kind">{d.kind}</label>
        <select id="fac-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
          {Object.entries(d.facilityKinds).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <label for="fac-committed">{d.facCommitted}</label>
        <input id="fac-committed" class="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(committed, lang.value)} onInput={(e) => setCommitted(parseTyped(e.currentTarget.value, coop.currency, lang.value))} />
        <label for="fac-purpose">{d.facPurpose}</label>
        <input id="fac-purpose" type="text" maxLength={200} value={purpose} onInput={(e) => setPurpose(e.currentTarget.value)} />
        <label for="fac-starts">{d.startsOn}</label>
        <input id="fac-starts" type="date" value={starts} onChange={(e) => e.currentTarget.value && setStarts(e.currentTarget.value)} />
        <button type="submit" class="btn" disabled={!ready}>{d.addFacility}</button>
        {problem && <p class="notice bad" role="alert">{problem}</p>}
      </form>
      <p class="actions"><button type="button" class="btn primary" onClick={onNext}>{added.length ? d.adminNext : d.skip}</button></p>
    </>
  );
}

interface Person { name: string; role: string; temporary: string }

function PeopleStep({ coop, people, onAdded, onNext }: { coop: Coop; people: Person[]; onAdded: (p: Person) => void; onNext: () => void }) {
  const d = w.value;
  const [role, setRole] = useState<'treasurer' | 'supervisor'>('treasurer');
  const [name, setName] = useState('');
  const [login, setLogin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const ready = name.trim().length > 0 && login.trim().length > 0 && !busy;
  async function submit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem('');
    try {
      const u = unwrap(await api.POST('/v1/users', { body: { login: login.trim(), name: name.trim(), password: hiddenPassword() } }));
      unwrap(await api.POST('/v1/users/{user}/grants', { params: { path: { user: u.id } }, body: { role, cooperative_id: coop.id } }));
      const r = unwrap(await api.POST('/v1/users/{user}/password-reset', { params: { path: { user: u.id } } }));
      onAdded({ name: u.name, role, temporary: r.temporary_password });
      setName('');
      setLogin('');
    } catch (err) {
      setProblem(problemOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      {people.map((p) => (
        <div key={p.temporary} class="notice ok" role="status" data-testid="setup-person">
          <p><strong>{d.roles[p.role]}</strong> · {p.name}</p>
          <p class="small">{d.temporaryFor(p.name)}</p>
          <p class="big"><code data-testid="setup-temporary">{p.temporary}</code></p>
        </div>
      ))}
      <form class="form" onSubmit={submit}>
        <fieldset class="choice row">
          <legend>{d.role}</legend>
          {(['treasurer', 'supervisor'] as const).map((r) => (
            <label key={r}><input type="radio" name="person-role" checked={role === r} onChange={() => setRole(r)} /> {d.roles[r]}</label>
          ))}
        </fieldset>
        <label for="person-name">{d.personName}</label>
        <input id="person-name" type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="person-login">{d.personLogin}</label>
        <input id="person-login" type="text" autoComplete="off" autoCapitalize="none" value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
        <button type="submit" class="btn" disabled={!ready}>{d.addPerson}</button>
        {problem && <p class="notice bad" role="alert">{problem}</p>}
      </form>
      <p class="actions"><button type="button" class="btn primary" onClick={onNext}>{d.done}</button></p>
    </>
  );
}

export function Setup() {
  const d = w.value;
  const [step, setStep] = useState(1);
  const [coop, setCoop] = useState<Coop | null>(null);
  const [facilities, setFacilities] = useState<string[]>([]);
  const [people, setPeople] = useState<Person[]>([]);
  return (
    <>
      <p><Link href="/admin">← {d.back}</Link></p>
      <h1>{d.adminSetupTitle}</h1>
      <p class="muted">{d.adminSetupHint}</p>
      {coop && <p class="notice" data-testid="setup-coop"><strong>{coop.name}</strong> · {coop.currency}</p>}
      {step === 1 && <Step n={1} title={d.stepCoop}><CoopStep onMade={(c) => { setCoop(c); setStep(2); }} /></Step>}
      {step === 2 && coop && (
        <Step n={2} title={d.stepCapital}>
          <CapitalStep coop={coop} added={facilities} onAdded={(s) => setFacilities((f) => [...f, s])} onNext={() => setStep(3)} />
        </Step>
      )}
      {step === 3 && coop && (
        <Step n={3} title={d.stepPeople}>
          <PeopleStep coop={coop} people={people} onAdded={(p) => setPeople((x) => [...x, p])} onNext={() => setStep(4)} />
        </Step>
      )}
      {step === 4 && coop && (
        <Step n={4} title={d.doneTitle}>
          <p data-testid="setup-done">{coop.name}: {d.summaryFacilities(facilities.length)} · {d.summaryPeople(people.length)}</p>
          <p>{d.doneHint}</p>
          <p class="actions">
            <button type="button" class="btn" onClick={() => { setCoop(null); setFacilities([]); setPeople([]); setStep(1); }}>{d.another}</button>
            <Link href="/admin" class="btn primary">{d.roleAdmin}</Link>
          </p>
        </Step>
      )}
    </>
  );
}
