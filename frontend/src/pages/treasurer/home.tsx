// The treasurer's start: today's and the next meetings from the due list.
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './words';
import { longDate } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { items } from '../../sync';
import { Download, Link, Money, ReadState } from '../../ui';
import { PendingLink } from './approvals';

type Me = Schemas['Me'];

export function TreasurerHome({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const c = me.treasurer_of.find((x) => x.id === coop);
  const due = useRead(`due:${coop}`, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/due-list', { params: { path: { coop } } })), hasKey<Schemas['DueList']>('meetings')),
  );
  const queued = new Set(items.value.filter((i) => i.kind === 'sheet' && i.coop === coop).map((i) => (i.body as { date?: string }).date + '/' + i.path));
  return (
    <>
      <h1>{c?.name ?? d.roleTreasurer}</h1>
      <p class="actions shortcuts">
        <Link href={`/bendahara/${coop}/anggota`} class="btn">{d.members}</Link>
        <Link href={`/bendahara/${coop}/pinjaman`} class="btn">{d.loans}</Link>
        <Link href={`/bendahara/${coop}/buku`} class="btn">{d.books}</Link>
        <Link href={`/bendahara/${coop}/modal`} class="btn">{d.capitalMenu}</Link>
        <Link href={`/bendahara/${coop}/tanggung-renteng`} class="btn">{d.coversMenu}</Link>
        <Link href={`/bendahara/${coop}/tutup-buku`} class="btn">{d.yearEndMenu}</Link>
        <Link href={`/bendahara/${coop}/siapkan`} class="btn">{d.setupMenu}</Link>
        <PendingLink coop={coop} root="/bendahara" />
        <Link href={`/bendahara/${coop}/jurnal`} class="btn">{d.journalMenu}</Link>
        <Link href={`/bendahara/${coop}/riwayat`} class="btn">{d.auditMenu}</Link>
        <Link href="/kotak-keluar" class="btn">{d.outbox}</Link>
        <Download href={`/v1/cooperatives/${coop}/due-list?format=csv&delimiter=semicolon&decimal=comma`} name="daftar-tagihan.csv" label={`${d.dueTotal}: ${d.downloadCsv}`} />
      </p>
      <h2>{d.meetingsToday}</h2>
      <ReadState read={due} />
      {due.data && !due.data.meetings.length && <p class="muted">{d.noMeeting}</p>}
      <ul class="cards">
        {due.data?.meetings.map((m) => {
          const path = `/v1/cooperatives/${coop}/groups/${m.group_id}/collection-sheet`;
          const waiting = queued.has(m.date + '/' + path);
          return (
            <li key={m.group_id + m.date} class="card">
              <h3>{m.group_name}</h3>
              <p>{longDate(m.date, lang.value)}</p>
              <p>
                {d.dueTotal}: <strong><Money amount={m.due} currency={due.data!.currency} /></strong> · {d.membersN(m.lines.length)}
              </p>
              {waiting && <p><span class="pill warn">{d.stateWaiting}</span></p>}
              <Link href={`/bendahara/${coop}/pertemuan/${m.group_id}/${m.date}`} class="btn primary">
                {d.meeting}: {m.group_name}
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
