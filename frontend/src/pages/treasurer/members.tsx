// Members of the cooperative, searched on the phone, and one member's
// savings with a deposit or withdrawal through the outbox.
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { isPositive, parseTyped, showTyped, formatMoney } from '../../money';
import { useRead, unwrap } from '../../read';
import { enqueue, items, sentIds } from '../../sync';
import { Link, Money, ReadState, Tile } from '../../ui';
import { longDate } from '../../dates';

type Me = Schemas['Me'];
type Member = Schemas['Member'];

export async function allMembers(coop: string): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const r = unwrap(await api.GET('/v1/cooperatives/{coop}/members', { params: { path: { coop }, query: cursor ? { limit: 200, cursor } : { limit: 200 } } }));
    out.push(...r.items);
    cursor = r.next_cursor;
    if (!cursor) break;
  }
  return out;
}

export function Members({ coop }: { me: Me; coop: string }) {
  const d = w.value;
  const [q, setQ] = useState('');
  const read = useRead(`members:${coop}`, () => allMembers(coop));
  const needle = q.trim().toLowerCase();
  const shown = (read.data ?? []).filter((m) => !m.exited_on && (!needle || m.name.toLowerCase().includes(needle) || String(m.number) === needle));
  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.members}</h1>
      <p><Link href={`/bendahara/${coop}/pengguna`}>{d.memberSignIns} →</Link></p>
      <label for="q" class="sr-only">{d.searchMembers}</label>
      <input id="q" type="search" placeholder={d.searchMembers} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      <ReadState read={read} />
      <ul class="links">
        {shown.map((m) => (
          <li key={m.id}>
            <Link href={`/bendahara/${coop}/anggota/${m.id}`} class="row-link">
              <span><span class="num">{m.number}</span> {m.name}</span>
              <span class="muted">{m.business_type}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

export function MemberPage({ me, coop, member }: { me: Me; coop: string; member: string }) {
  const d = w.value;
  const c = me.treasurer_of.find((x) => x.id === coop);
  const currency = c?.currency ?? 'IDR';
  const m = useRead(`member:${member}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}', { params: { path: { coop, member } } })));
  const s = useRead(`savings:${member}`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}/savings', { params: { path: { coop, member } } })));
  // The exit is loaded with the page, not kept on the phone: it needs the server.
  const [Exit, setExit] = useState<typeof import('./exit').Exit | null>(null);
  // Her record history too: it needs the server, and its words are a chunk of their own.
  const [Record, setRecord] = useState<typeof import('../audit/audit').MemberRecord | null>(null);
  useEffect(() => {
    void import('./exit').then((x) => setExit(() => x.Exit), () => undefined);
    void import('../audit/audit').then((x) => setRecord(() => x.MemberRecord), () => undefined);
  }, []);
  const [kind, setKind] = useState<'deposit' | 'withdrawal'>('deposit');
  const [amount, setAmount] = useState('');
  const [lastId, setLastId] = useState('');
  const mine = items.value.filter((i) => i.coop === coop && i.path.includes(`/members/${member}/`));
  const last = mine.find((i) => i.id === lastId);
  const lastInBooks = !!lastId && sentIds.value.has(lastId);
  useEffect(() => {
    if (lastInBooks) s.reload();
  }, [lastInBooks]);

  async function submit(e: Event) {
    e.preventDefault();
    if (!isPositive(amount)) return;
    const path = `/v1/cooperatives/${coop}/members/${member}/${kind === 'deposit' ? 'deposits' : 'withdrawals'}`;
    const body: Schemas['DepositRequest'] = { type: 'sukarela', amount };
    const item = await enqueue({ coop, path, body, kind, label: `${kind === 'deposit' ? d.deposit : d.withdraw} ${formatMoney(amount, currency, lang.value)} · ${m.data?.name ?? ''}` });
    setLastId(item.id);
    setAmount('');
  }

  return (
    <>
      <p><Link href={`/bendahara/${coop}/anggota`}>← {d.members}</Link></p>
      <ReadState read={m} />
      {m.data && <h1><span class="num">{m.data.number}</span> {m.data.name}</h1>}
      {m.data?.exited_on && <p class="notice" role="status" data-testid="exited">{d.exitedOn(longDate(m.data.exited_on, lang.value))}</p>}
      <h2>{d.balances}</h2>
      <ReadState read={s} />
      {s.data && (
        <div class="tiles">
          <Tile label={d.pokok}><Money amount={s.data.balances.pokok} currency={s.data.currency} /></Tile>
          <Tile label={d.wajib}><Money amount={s.data.balances.wajib} currency={s.data.currency} /></Tile>
          <Tile label={d.sukarela}><Money amount={s.data.balances.sukarela} currency={s.data.currency} /></Tile>
        </div>
      )}
      <form class="form card" onSubmit={submit}>
        <fieldset class="choice row">
          <legend>{d.sukarela}</legend>
          <label><input type="radio" name="kind" checked={kind === 'deposit'} onChange={() => setKind('deposit')} /> {d.deposit}</label>
          <label><input type="radio" name="kind" checked={kind === 'withdrawal'} onChange={() => setKind('withdrawal')} /> {d.withdraw}</label>
        </fieldset>
        <label for="amount">{d.amount}</label>
        <input id="amount" type="text" inputMode="numeric" autoComplete="off" value={showTyped(amount, lang.value)}
          onInput={(e) => setAmount(parseTyped(e.currentTarget.value, currency, lang.value))} />
        <button type="submit" class="btn primary" disabled={!isPositive(amount)}>{d.save}</button>
        {lastId && (last ? (
          last.problem && last.state !== 'waiting'
            ? <p class="notice bad" role="alert">{problemText(d, last.problem)}</p>
            : <p class="notice warn" role="status">{d.queuedDeposit}</p>
        ) : sentIds.value.has(lastId) && <p class="notice ok" role="status">{d.inBooks}</p>)}
      </form>
      {Record && m.data && <Record key={m.data.id} me={me} coop={coop} member={m.data} />}
      {Exit && m.data && s.data && <Exit coop={coop} member={m.data} savings={s.data} onDone={() => { m.reload(); s.reload(); }} />}
    </>
  );
}
