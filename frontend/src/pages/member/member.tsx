// The member's own pages: her savings, her loans and her statement.
import { useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './words';
import { formatMoney, sum } from '../../money';
import { longDate, shortDate } from '../../dates';
import { hasKey, json, useRead, unwrap } from '../../read';
import { Download, Link, Money, ReadState, Tile } from '../../ui';
import { ScheduleList } from '../schedule';
import { MyCovers } from './covers';

type Me = Schemas['Me'];
type Membership = Me['memberships'][number];

function LoanCard({ loan }: { loan: Schemas['Loan'] }) {
  const d = w.value;
  const pos = loan.position;
  if (!pos) return null;
  const late = pos.days_past_due > 0;
  return (
    <section class="card" aria-labelledby={`loan-${loan.id}`}>
      <h3 id={`loan-${loan.id}`}>{d.loanNo(loan.number)}</h3>
      {pos.next_installment && (
        <p class="big">
          {d.nextInstallment}: <Money amount={pos.next_installment.total} currency={loan.currency} />
          <br />
          <span class="muted">{longDate(pos.next_installment.due_date, lang.value)}</span>
        </p>
      )}
      <p>
        <span class={late ? 'pill bad' : 'pill ok'}>
          <span aria-hidden="true">{late ? '! ' : '✓ '}</span>
          {late ? d.late(pos.days_past_due) : d.onTime}
        </span>
      </p>
      <details class="schedule">
        <summary>{d.schedule}</summary>
        <ScheduleList loan={loan} />
      </details>
      <dl class="pairs">
        <dt>{d.interestRate}</dt>
        <dd data-testid="rate">{loan.effective_annual_rate ? d.flatRate(loan.annual_rate, loan.effective_annual_rate) : d.yearRate(loan.annual_rate)}</dd>
        <dt>{d.outstanding}</dt>
        <dd><Money amount={pos.outstanding} currency={loan.currency} /></dd>
        <dt>{d.installments}</dt>
        <dd>{d.installmentsPaid(pos.installments_paid, loan.installments)}</dd>
      </dl>
    </section>
  );
}

/** Her part of her group's last meeting, as the books hold it. */
function LastMeeting({ m }: { m: Membership }) {
  const d = w.value;
  const last = m.last_meeting;
  if (!last) return null;
  const cur = m.cooperative.currency;
  const loans = sum(last.loans.map((l) => l.amount), cur);
  return (
    <section class="card" aria-labelledby="last-meeting" data-testid="last-meeting">
      <h2 id="last-meeting">{d.lastMeeting}</h2>
      <p>{longDate(last.held_on, lang.value)} · {last.attended ? d.present : d.absent}</p>
      <dl class="pairs">
        <dt>{d.installments}</dt><dd><Money amount={loans} currency={cur} /></dd>
        <dt>{d.wajibPaid}</dt><dd><Money amount={last.wajib} currency={cur} /></dd>
        <dt>{d.sukarelaPaid}</dt><dd><Money amount={last.sukarela} currency={cur} /></dd>
      </dl>
    </section>
  );
}

function MembershipView({ m }: { m: Membership }) {
  const d = w.value;
  const cur = m.cooperative.currency;
  const s = m.savings;
  const running = m.loans.filter((l) => l.status === 'disbursed');
  return (
    <>
      <p class="muted">{m.cooperative.name} · {m.group.name}</p>
      <h2>{d.mySavings}</h2>
      <div class="tiles">
        <Tile label={d.pokok}><Money amount={s.pokok} currency={cur} /></Tile>
        <Tile label={d.wajib}><Money amount={s.wajib} currency={cur} /></Tile>
        <Tile label={d.sukarela}><Money amount={s.sukarela} currency={cur} /></Tile>
        <Tile label={d.totalSavings}>
          <strong><Money amount={sum([s.pokok, s.wajib, s.sukarela], cur)} currency={cur} /></strong>
        </Tile>
      </div>
      <LastMeeting m={m} />
      <h2>{d.myLoans}</h2>
      {running.length ? running.map((l) => <LoanCard key={l.id} loan={l} />) : <p class="muted">{d.noActiveLoan}</p>}
      <p><Link href="/anggota/simulasi" class="btn">{d.simulate}</Link></p>
      <MyCovers m={m} />
      <h2>{d.statement}</h2>
      <ul class="links">
        {m.accounts.map((a) => (
          <li key={a.id}>
            <Link href={`/anggota/mutasi/${a.id}`} class="row-link">
              <span>{a.name}</span>
              <Money amount={a.balance} currency={a.currency} />
            </Link>
          </li>
        ))}
      </ul>
      {m.shu_years.length > 0 && (
        <>
          <h2>{d.shuSlips}</h2>
          <p class="muted">{d.shuHint}</p>
          <ul class="links">
            {m.shu_years.map((y) => (
              <li key={y} class="row-link">
                <Link href={`/anggota/shu/${m.member.id}/${y}`}>{d.shuYear(y)}</Link>
                <Download href={`/v1/cooperatives/${m.cooperative.id}/members/${m.member.id}/shu-slips/${y}?format=pdf&lang=${lang.value}`} name={`shu-${y}.pdf`} label={d.downloadPdf} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** One year's SHU slip, in sentences: what was shared, by what, and her part. */
export function MemberSHU({ me, member, year }: { me: Me; member: string; year: string }) {
  const d = w.value;
  const m = me.memberships.find((x) => x.member.id === member);
  const coop = m?.cooperative.id ?? '';
  const slip = useRead(m ? `shu:${member}:${year}` : null, async () =>
    json(unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}/shu-slips/{year}', { params: { path: { coop, member, year: Number(year) } } })), hasKey<Schemas['SHUSlip']>('total')));
  const s = slip.data;
  const money = (a: string) => formatMoney(a, s?.currency ?? 'IDR', lang.value);
  return (
    <>
      <p><Link href="/anggota">← {d.back}</Link></p>
      <h1>{d.shuYear(Number(year))}</h1>
      <ReadState read={slip} />
      {s && (
        <>
          <div class="tiles">
            <Tile label={d.shuTotal}><span data-testid="shu-total"><Money amount={s.total} currency={s.currency} /></span></Tile>
          </div>
          <section class="card" aria-labelledby="shu-capital">
            <h2 id="shu-capital">{d.shuCapital}: <Money amount={s.capital} currency={s.currency} /></h2>
            <p data-testid="shu-capital-says">{d.shuCapitalSays(money(s.capital_pool), money(s.capital_basis), money(s.capital_basis_total), money(s.capital))}</p>
          </section>
          <section class="card" aria-labelledby="shu-participation">
            <h2 id="shu-participation">{d.shuParticipation}: <Money amount={s.participation} currency={s.currency} /></h2>
            <p>{s.participation_basis === '0' ? d.shuNoShare : d.shuParticipationSays(money(s.participation_pool), money(s.participation_basis), money(s.participation_basis_total), money(s.participation))}</p>
          </section>
          <p class="actions">
            <Download href={`/v1/cooperatives/${coop}/members/${member}/shu-slips/${year}?format=pdf&lang=${lang.value}`} name={`shu-${year}.pdf`} label={d.downloadPdf} />
          </p>
        </>
      )}
    </>
  );
}

export function MemberHome({ me }: { me: Me }) {
  return (
    <>
      <h1>{w.value.hello(me.user.name)}</h1>
      {me.memberships.map((m) => <MembershipView key={m.member.id} m={m} />)}
    </>
  );
}

interface Entry {
  entry_id: string;
  effective_date: string;
  memo: string;
  side: 'debit' | 'credit';
  amount: string;
}

export function MemberStatement({ me, account }: { me: Me; account: string }) {
  const d = w.value;
  const acc = me.memberships.flatMap((m) => m.accounts).find((a) => a.id === account);
  const [more, setMore] = useState<{ items: Entry[]; cursor?: string }>({ items: [] });
  const read = useRead(`entries:${account}`, async () =>
    unwrap(await api.GET('/v1/me/accounts/{account}/entries', { params: { path: { account }, query: { limit: 20 } } })),
  );
  const first = read.data;
  const items = [...(first?.items ?? []), ...more.items];
  const cursor = more.items.length ? more.cursor : first?.next_cursor;
  async function loadMore() {
    if (!cursor) return;
    const page = unwrap(await api.GET('/v1/me/accounts/{account}/entries', { params: { path: { account }, query: { limit: 20, cursor } } }));
    setMore({ items: [...more.items, ...page.items], cursor: page.next_cursor });
  }
  return (
    <>
      <p><Link href="/anggota">← {d.back}</Link></p>
      <h1>{d.statementOf(acc?.name ?? '')}</h1>
      {acc && <p class="big"><Money amount={acc.balance} currency={acc.currency} /></p>}
      <ReadState read={read} />
      {first && !items.length && <p class="muted">{d.nothingHere}</p>}
      <ul class="entries">
        {items.map((e) => (
          <li key={`${e.entry_id}`} class="entry">
            <span class="entry-date">{shortDate(e.effective_date, lang.value)}</span>
            <span class="entry-memo">{e.memo}</span>
            <span class={e.side === 'credit' ? 'entry-amount in' : 'entry-amount out'}>
              <span class="sr-only">{e.side === 'credit' ? d.credit : d.debit} </span>
              <span aria-hidden="true">{e.side === 'credit' ? '+' : '−'}</span>
              <Money amount={e.amount} currency={acc?.currency ?? 'IDR'} />
            </span>
          </li>
        ))}
      </ul>
      {cursor && <button type="button" class="btn" onClick={() => void loadMore()}>{d.moreEntries}</button>}
    </>
  );
}
