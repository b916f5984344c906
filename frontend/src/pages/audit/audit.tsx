// The audit log, read: the cooperative's (treasurer and supervisor), one
// member's record history, and the platform's (admin). Each event in
// plain words, with what changed field by field. Pages of 50, oldest
// first as the API gives them, more on request.
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { changes } from './changes';
import { timeStamp } from '../../dates';
import { HttpError, unwrap, useRead } from '../../read';
import { path } from '../../router';
import { Link } from '../../ui';

type Me = Schemas['Me'];
type AuditEvent = Schemas['AuditEvent'];
type Page = Schemas['AuditEventList'];

const pageSize = 50;

/** useLog reads a log page by page; more() appends the next. */
function useLog(key: string, load: (cursor?: string) => Promise<Page>) {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  async function fetchPage(cursor?: string) {
    setState('loading');
    try {
      const p = await load(cursor);
      setEvents((e) => (cursor ? [...e, ...p.items] : p.items));
      setNext(p.next_cursor);
      setState('ready');
    } catch {
      setState('failed');
    }
  }
  useEffect(() => {
    void fetchPage();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { events, next, state, more: () => void fetchPage(next), reload: () => void fetchPage() };
}

function actor(me: Me, id: string, name: string): string {
  const d = w.value;
  return !id ? d.commandLine : id === me.user.id ? d.you : name || d.user(id);
}

function EventCard({ me, e, groups }: { me: Me; e: AuditEvent; groups: Map<string, string> }) {
  const d = w.value;
  const name = (v: string) => groups.get(v) ?? d.values[v] ?? v;
  const list = changes(e.before as Record<string, unknown> | null, e.after as Record<string, unknown> | null, name);
  const field = (f: string) => d.fieldNames[f] ?? f;
  return (
    <li class="card audit-event" data-testid={`audit-${e.action}`}>
      <h3>{d.actionNames[e.action] ?? e.action}{!e.before && e.after && <span class="pill ok"> {d.created}</span>}{e.before && !e.after && <span class="pill bad"> {d.removed}</span>}</h3>
      <p class="muted small">
        {d.by(actor(me, e.actor_id, e.actor_name), timeStamp(Date.parse(e.at), lang.value))}{e.address && ` · ${d.from(e.address)}`} · #{e.sequence}
      </p>
      {list.length ? (
        <dl class="pairs changes">
          {list.map((c) => (
            <Fragment key={c.field}>
              <dt>{field(c.field)}</dt>
              <dd data-testid={`change-${c.field}`}>
                {c.before !== undefined && <del>{c.before}</del>}
                {c.before !== undefined && c.after !== undefined && <span aria-hidden="true"> → </span>}
                {c.after !== undefined && <ins>{c.after}</ins>}
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        e.before && e.after && <p class="muted small">{d.nothingChanged}</p>
      )}
    </li>
  );
}

function LogList({ me, coop, log }: { me: Me; coop?: string; log: ReturnType<typeof useLog> }) {
  const d = w.value;
  // A group is named, not shown by its ID.
  const g = useRead(coop ? `groups:${coop}` : null, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop: coop! } } })));
  const groups = new Map((g.data?.items ?? []).map((x) => [x.id, x.name]));
  return (
    <>
      {log.state === 'ready' && !log.events.length && <p class="muted">{d.noEvents}</p>}
      <ol class="cards">
        {log.events.map((e) => <EventCard key={e.id} me={me} e={e} groups={groups} />)}
      </ol>
      {log.state === 'loading' && <p class="muted" role="status">{d.loading}</p>}
      {log.state === 'failed' && (
        <div class="notice warn" role="alert">
          <p>{d.cannotLoad}</p>
          <button type="button" class="btn" onClick={log.reload}>{d.retry}</button>
        </div>
      )}
      {log.state === 'ready' && log.next && <button type="button" class="btn wide" onClick={log.more}>{d.more}</button>}
    </>
  );
}

export function CoopAudit({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const root = path.value.startsWith('/pengawas') ? '/pengawas' : '/bendahara';
  const [kind, setKind] = useState('');
  const log = useLog(`audit:${coop}:${kind}`, async (cursor) =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/audit', {
      params: { path: { coop }, query: { limit: pageSize, ...(kind ? { subject_kind: kind } : {}), ...(cursor ? { cursor } : {}) } },
    })));
  return (
    <>
      <p><Link href={`${root}/${coop}`}>← {d.back}</Link></p>
      <h1>{d.auditLog}</h1>
      <p class="muted">{d.auditHint}</p>
      <label for="audit-kind">{d.kindFilter}</label>
      <select id="audit-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
        {Object.entries(d.kinds).map(([k, label]) => <option key={k} value={k}>{label}</option>)}
      </select>
      <LogList me={me} coop={coop} log={log} />
    </>
  );
}

export function PlatformAudit({ me }: { me: Me }) {
  const d = w.value;
  const log = useLog('audit:platform', async (cursor) =>
    unwrap(await api.GET('/v1/audit', { params: { query: { limit: pageSize, ...(cursor ? { cursor } : {}) } } })));
  return (
    <>
      <p><Link href="/admin">← {d.back}</Link></p>
      <h1>{d.platformLog}</h1>
      <p class="muted">{d.platformHint}</p>
      <LogList me={me} log={log} />
    </>
  );
}

/**
 * MemberRecord is the treasurer's member page's lower part: her phone
 * number changed in place, and every change to her record.
 */
export function MemberRecord({ me, coop, member }: { me: Me; coop: string; member: Schemas['Member'] }) {
  const d = w.value;
  const [phone, setPhone] = useState(member.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  const log = useLog(`audit:member:${member.id}`, async (cursor) =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/audit', {
      params: { path: { coop }, query: { subject_kind: 'member', subject_id: member.id, limit: pageSize, ...(cursor ? { cursor } : {}) } },
    })));
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setSaid('');
    try {
      const m = member;
      const body = { group_id: m.group_id, name: m.name, gender: m.gender, joined_on: m.joined_on, phone: phone.trim(), ...(m.business_type ? { business_type: m.business_type } : {}) };
      unwrap(await api.PUT('/v1/cooperatives/{coop}/members/{member}', { params: { path: { coop, member: m.id } }, body }));
      setSaid(d.phoneSaved);
      log.reload();
    } catch (err) {
      setSaid(err instanceof HttpError ? problemText(d, { status: err.status, code: err.code, detail: err.detail }) : d.cannotLoad);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <form class="form card" onSubmit={(e) => void save(e)}>
        <label for="member-phone">{d.changePhone}</label>
        <input id="member-phone" type="tel" inputMode="tel" autoComplete="off" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
        <button type="submit" class="btn" disabled={busy || phone.trim() === (member.phone ?? '')}>{d.savePhone}</button>
        {said && <p class="muted" role="status">{said}</p>}
      </form>
      <section aria-labelledby="history-h">
        <h2 id="history-h">{d.recordHistory}</h2>
        <p class="muted small">{d.recordHistoryHint}</p>
        <LogList me={me} coop={coop} log={log} />
      </section>
    </>
  );
}
