// The covers under joint liability (tanggung renteng) recorded at the
// cooperative's meetings, group by group: who paid for whom, toward which
// loan, on which day. The treasurer and the supervisor read it.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './covers-words';
import { sum } from '../../money';
import { shortDate } from '../../dates';
import { useRead, unwrap } from '../../read';
import { path } from '../../router';
import { Link, Money, ReadState, Tile } from '../../ui';

type Me = Schemas['Me'];

export function Covers({ coop }: { me: Me; coop: string }) {
  const d = w.value;
  const root = path.value.startsWith('/pengawas') ? '/pengawas' : '/bendahara';
  const [group, setGroup] = useState('');
  const groups = useRead(`groups:${coop}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/groups', { params: { path: { coop } } })));
  const covers = useRead(`covers:${coop}:${group}`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/covers', { params: { path: { coop }, query: group ? { group_id: group } : {} } })));
  const c = covers.data;
  // Newest first, and one heading per group.
  const byGroup = new Map<string, Schemas['CoverRecord'][]>();
  for (const r of [...(c?.items ?? [])].reverse()) byGroup.set(r.group_name, [...(byGroup.get(r.group_name) ?? []), r]);
  return (
    <>
      <p><Link href={`${root}/${coop}`}>← {d.back}</Link></p>
      <h1>{d.coversTitle}</h1>
      <p class="muted">{d.coversHint}</p>
      <label for="covers-group">{d.group}</label>
      <select id="covers-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
        <option value="">{d.allGroups}</option>
        {groups.data?.items.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
      <ReadState read={covers} />
      {c && (
        <div class="tiles">
          <Tile label={d.coversTotal} hint={d.coversN(c.items.length)}><span data-testid="covers-total"><Money amount={c.total} currency={c.currency} /></span></Tile>
        </div>
      )}
      {c && !c.items.length && <p class="muted">{d.noCovers}</p>}
      {[...byGroup].map(([name, rows]) => (
        <section key={name} aria-label={name}>
          <h2>{name} · <Money amount={sum(rows.map((r) => r.amount), c!.currency)} currency={c!.currency} /></h2>
          <ul class="cards">
            {rows.map((r) => (
              <li key={r.entry_id + r.covering.member_id + r.covered.member_id} class="card" data-testid="cover">
                <p><strong>{d.paidFor(r.covering.name, r.covered.name)}</strong></p>
                <p class="row-between">
                  <span class="muted">{shortDate(r.held_on, lang.value)} · {d.loanNo(r.loan_number)}</span>
                  <Money amount={r.amount} currency={c!.currency} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
