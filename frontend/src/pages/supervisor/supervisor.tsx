// The supervisor's (pengawas) home: her cooperative's running loans and
// members' savings, and the way to its books and covers, all read-only.
// The API scopes her to the cooperative and refuses her every write, so
// this screen offers none.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { w } from './words';
import { sum } from '../../money';
import { useRead, unwrap } from '../../read';
import { allMembers } from '../treasurer/members';
import { Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];
type Member = Schemas['Member'];

function Savings({ coop, m }: { coop: string; m: Member }) {
  const d = w.value;
  const s = useRead(`savings:${m.id}`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}/savings', { params: { path: { coop, member: m.id } } })));
  if (!s.data) return <ReadState read={s} />;
  const b = s.data.balances;
  const cur = s.data.currency;
  return (
    <dl class="pairs" data-testid="member-savings">
      <dt>{d.pokok}</dt><dd><Money amount={b.pokok} currency={cur} /></dd>
      <dt>{d.wajib}</dt><dd><Money amount={b.wajib} currency={cur} /></dd>
      <dt>{d.sukarela}</dt><dd><Money amount={b.sukarela} currency={cur} /></dd>
      <dt>{d.supTotal}</dt><dd><strong><Money amount={sum([b.pokok, b.wajib, b.sukarela], cur)} currency={cur} /></strong></dd>
    </dl>
  );
}

export function Supervisor({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const c = me.supervisor_of.find((x) => x.id === coop);
  const running = useRead(`loans:${coop}:disbursed`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/loans', { params: { path: { coop }, query: { status: 'disbursed', limit: 200 } } })));
  const members = useRead(`members:${coop}`, () => allMembers(coop));
  const [q, setQ] = useState('');
  const [open, setOpen] = useState('');
  const needle = q.trim().toLowerCase();
  const shown = (members.data ?? []).filter((m) => !m.exited_on && (!needle || m.name.toLowerCase().includes(needle) || String(m.number) === needle));
  const name = (l: Schemas['Loan']) => members.data?.find((m) => m.id === l.member_id)?.name ?? d.supGroupLoan;
  const loans = running.data?.items ?? [];
  const cur = c?.currency ?? 'IDR';
  return (
    <>
      <h1>{d.supervisorOf(c?.name ?? '')}</h1>
      <p class="notice" data-testid="read-only">{d.readOnly}</p>
      <p class="actions">
        <Link href={`/pengawas/${coop}/buku`} class="btn">{d.supBooks}</Link>
        <Link href={`/pengawas/${coop}/tanggung-renteng`} class="btn">{d.supCovers}</Link>
        <Link href={`/pengawas/${coop}/persetujuan`} class="btn">{d.supApprovals}</Link>
        <Link href={`/pengawas/${coop}/riwayat`} class="btn">{d.supAudit}</Link>
      </p>
      <h2>{d.supRunningLoans}</h2>
      <ReadState read={running} />
      {running.data && (
        <div class="tiles">
          <Tile label={d.outstanding} hint={`${loans.length}`}>
            <span data-testid="sup-outstanding"><Money amount={sum(loans.map((l) => l.position?.outstanding ?? '0'), cur)} currency={cur} /></span>
          </Tile>
        </div>
      )}
      <details>
      <summary>{d.showAll(loans.length)}</summary>
      <ul class="links" data-testid="sup-loans">
        {loans.map((l) => {
          const late = (l.position?.days_past_due ?? 0) > 0;
          return (
            <li key={l.id} class="row-link">
              <span><span class="num">{l.number}</span> {name(l)}</span>
              <span class="right">
                {l.position && <Money amount={l.position.outstanding} currency={l.currency} />}
                {late && <span class="pill bad"> {d.late(l.position!.days_past_due)}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      </details>
      <h2>{d.membersSavings}</h2>
      <label for="sup-search">{d.supSearch}</label>
      <input id="sup-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      <ReadState read={members} />
      <ul class="links">
        {shown.map((m) => (
          <li key={m.id}>
            <button type="button" class="row-link plain" aria-expanded={open === m.id} onClick={() => setOpen(open === m.id ? '' : m.id)}>
              <span><span class="num">{m.number}</span> {m.name}</span>
              <span aria-hidden="true">{open === m.id ? '▾' : '▸'}</span>
            </button>
            {open === m.id && <Savings coop={coop} m={m} />}
          </li>
        ))}
      </ul>
    </>
  );
}
