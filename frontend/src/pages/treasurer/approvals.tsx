// Four eyes, for the treasurers: the requests that wait for a second
// treasurer, to approve or reject (never her own), and the cooperative's
// setting of which actions wait. The supervisor reads the same list.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './approvals-words';
import { timeStamp } from '../../dates';
import { useRead, unwrap, HttpError } from '../../read';
import { path } from '../../router';
import { Link, ReadState } from '../../ui';

type Me = Schemas['Me'];
type Approval = Schemas['Approval'];
type Action = Approval['action'];
const allActions: Action[] = ['write_off', 'reversal', 'meeting_amend', 'year_end'];

function who(me: Me, id: string): string {
  return id === me.user.id ? w.value.you : w.value.other(id);
}

/** subjectHref is the treasurer's screen for what a request concerns. */
function subjectHref(coop: string, a: Approval): string {
  const root = `/bendahara/${coop}`;
  switch (a.action) {
    case 'write_off':
      return `${root}/pinjaman/${a.subject}`;
    case 'meeting_amend':
      return `${root}/pertemuan/${a.subject}`;
    case 'year_end':
      return `${root}/tutup-buku`;
    case 'reversal':
      return `${root}/jurnal`;
  }
}

function Row({ me, coop, a, canDecide, linked, onDecided }: { me: Me; coop: string; a: Approval; canDecide: boolean; linked: boolean; onDecided: (said: string) => void }) {
  const d = w.value;
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  async function decide(how: 'approval' | 'rejection') {
    setBusy(true);
    setSaid('');
    try {
      const params = { params: { path: { coop, approval: a.id } } };
      const r = how === 'approval'
        ? unwrap(await api.POST('/v1/cooperatives/{coop}/approvals/{approval}/approval', params))
        : unwrap(await api.POST('/v1/cooperatives/{coop}/approvals/{approval}/rejection', params));
      // The row leaves the queue: what happened is said above it.
      onDecided(`${d.actions[a.action]}: ${r.status === 'approved' ? d.approved : d.rejected}`);
    } catch (err) {
      if (err instanceof HttpError && err.code === 'approval.self') setSaid(d.selfApproval);
      else if (err instanceof HttpError && err.code === 'approval.decided') setSaid(d.alreadyDecided);
      else setSaid(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }
  const pill = a.status === 'approved' ? 'pill ok' : a.status === 'rejected' ? 'pill bad' : 'pill warn';
  return (
    <li class="card" data-testid={`approval-${a.id}`}>
      <h3>{d.actions[a.action]} <span class={pill}>{d.statusNames[a.status]}</span></h3>
      <p class="small">{d.subject}: {linked ? <Link href={subjectHref(coop, a)}><span class="num">{a.subject}</span></Link> : <span class="num">{a.subject}</span>}</p>
      <p class="muted small">{d.askedBy(who(me, a.requested_by), timeStamp(Date.parse(a.requested_at), lang.value))}</p>
      {a.decided_by && a.decided_at && <p class="muted small">{d.decidedBy(who(me, a.decided_by), timeStamp(Date.parse(a.decided_at), lang.value))}</p>}
      {canDecide && a.status === 'pending' && (
        <p class="actions">
          <button type="button" class="btn primary" disabled={busy} onClick={() => void decide('approval')}>{d.approve}</button>
          <button type="button" class="btn bad" disabled={busy} onClick={() => void decide('rejection')}>{d.reject}</button>
        </p>
      )}
      {said && <p class="notice" role="status">{said}</p>}
    </li>
  );
}

function Setting({ coop }: { coop: string }) {
  const d = w.value;
  const c = useRead(`coop:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}', { params: { path: { coop } } })));
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  // The box shows her choice at once; a refusal puts back what the server holds.
  const [chosen, setChosen] = useState<Action[] | null>(null);
  const on = new Set(chosen ?? c.data?.second_approval ?? []);
  async function toggle(a: Action) {
    const next = allActions.filter((x) => (x === a ? !on.has(x) : on.has(x)));
    setChosen(next);
    setBusy(true);
    setSaid('');
    try {
      unwrap(await api.PATCH('/v1/cooperatives/{coop}', { params: { path: { coop } }, body: { second_approval: next } }));
      setSaid(d.settingSaved);
      c.reload();
    } catch (err) {
      setChosen(null);
      setSaid(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="four-eyes-h">
      <h2 id="four-eyes-h">{d.setting}</h2>
      <p class="muted small">{d.settingHint}</p>
      <ReadState read={c} />
      {c.data && (
        <fieldset class="choice">
          <legend class="sr-only">{d.setting}</legend>
          {allActions.map((a) => (
            <label key={a}>
              <input type="checkbox" name={`second-${a}`} checked={on.has(a)} onChange={() => void (busy || toggle(a))} />
              {d.actions[a]}
            </label>
          ))}
        </fieldset>
      )}
      {said && <p class="muted" role="status">{said}</p>}
    </section>
  );
}

export function Approvals({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const treasurer = me.treasurer_of.some((c) => c.id === coop);
  const root = path.value.startsWith('/pengawas') ? '/pengawas' : '/bendahara';
  const pending = useRead(`approvals:${coop}:pending`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/approvals', { params: { path: { coop }, query: { status: 'pending' } } })));
  const all = useRead(`approvals:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/approvals', { params: { path: { coop } } })));
  const [said, setSaid] = useState('');
  const decidedNow = (text: string) => { setSaid(text); pending.reload(); all.reload(); };
  const decided = (all.data?.items ?? []).filter((a) => a.status !== 'pending').slice(0, 20);
  return (
    <>
      <p><Link href={`${root}/${coop}`}>← {d.back}</Link></p>
      <h1>{d.approvals}</h1>
      <p class="muted">{treasurer ? d.approvalsHint : d.approvalsReadOnly}</p>
      {said && <p class="notice ok" role="status" data-testid="decided">{said}</p>}
      <ReadState read={pending} />
      {pending.data && <h2 data-testid="pending-count">{pending.data.items.length ? d.pendingN(pending.data.items.length) : d.noPending}</h2>}
      <ul class="cards">
        {pending.data?.items.map((a) => <Row key={a.id} me={me} coop={coop} a={a} canDecide={treasurer} linked={treasurer} onDecided={decidedNow} />)}
      </ul>
      {decided.length > 0 && (
        <>
          <h2>{d.decided}</h2>
          <ul class="cards">
            {decided.map((a) => <Row key={a.id} me={me} coop={coop} a={a} canDecide={false} linked={treasurer} onDecided={decidedNow} />)}
          </ul>
        </>
      )}
      {treasurer && <Setting coop={coop} />}
    </>
  );
}

/** PendingLink is the home screen's way in, with the count waiting. */
export function PendingLink({ coop, root }: { coop: string; root: string }) {
  const d = w.value;
  const pending = useRead(`approvals:${coop}:pending`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/approvals', { params: { path: { coop }, query: { status: 'pending' } } })));
  const n = pending.data?.items.length ?? 0;
  return (
    <Link href={`${root}/${coop}/persetujuan`} class={n ? 'btn primary' : 'btn'}>
      <span data-testid="approvals-link">{d.approvals}{n ? ` · ${d.pendingN(n)}` : ''}</span>
    </Link>
  );
}
