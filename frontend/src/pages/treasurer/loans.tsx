// Loans waiting on a treasurer: applications for the other treasurer to
// approve or reject (maker-checker), and approved loans to pay out. The
// payout records money, so it goes through the outbox with its key.
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { lang, problemText } from '../../i18n';
import { w } from './words';
import { formatMoney } from '../../money';
import { useRead, unwrap, HttpError } from '../../read';
import { enqueue, items, sentIds } from '../../sync';
import { Link, Money, ReadState } from '../../ui';
import { allMembers } from './members';

type Me = Schemas['Me'];
type Loan = Schemas['Loan'];

function Terms({ loan }: { loan: Loan }) {
  const d = w.value;
  return (
    <dl class="pairs">
      <dt>{d.principal}</dt><dd><Money amount={loan.principal} currency={loan.currency} /></dd>
      <dt>{d.installments}</dt><dd>{loan.installments} × {d.frequencies[loan.frequency] ?? loan.frequency}</dd>
      <dt>{d.rate}</dt><dd>{loan.annual_rate}% · {d.methods[loan.interest_method] ?? loan.interest_method}</dd>
      <dt>{d.fee}</dt><dd><Money amount={loan.fee} currency={loan.currency} /></dd>
      {loan.purpose && <><dt>{d.purpose}</dt><dd>{loan.purpose}</dd></>}
    </dl>
  );
}

export function Loans({ me, coop }: { me: Me; coop: string }) {
  const d = w.value;
  const currency = me.treasurer_of.find((c) => c.id === coop)?.currency ?? 'IDR';
  const applied = useRead(`loans:${coop}:applied`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loans', { params: { path: { coop }, query: { status: 'applied', limit: 200 } } })));
  const approved = useRead(`loans:${coop}:approved`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loans', { params: { path: { coop }, query: { status: 'approved', limit: 200 } } })));
  const running = useRead(`loans:${coop}:disbursed`, async () => unwrap(await api.GET('/v1/cooperatives/{coop}/loans', { params: { path: { coop }, query: { status: 'disbursed', limit: 200 } } })));
  const members = useRead(`members:${coop}`, () => allMembers(coop));
  const [problems, setProblems] = useState<Record<string, string>>({});
  // The application form is loaded when the page is, not kept on the phone.
  const [Apply, setApply] = useState<typeof import('./apply').Apply | null>(null);
  useEffect(() => {
    void import('./apply').then((m) => setApply(() => m.Apply), () => undefined);
  }, []);
  const name = (l: Loan) => members.data?.find((m) => m.id === l.member_id)?.name ?? d.groupLoan;

  async function decide(loan: Loan, approve: boolean) {
    const params = { params: { path: { coop, loan: loan.id } } };
    try {
      unwrap(approve
        ? await api.POST('/v1/cooperatives/{coop}/loans/{loan}/approval', params)
        : await api.POST('/v1/cooperatives/{coop}/loans/{loan}/rejection', params));
      setProblems((p) => ({ ...p, [loan.id]: '' }));
      applied.reload();
      approved.reload();
    } catch (err) {
      const text = err instanceof HttpError
        ? (err.code === 'loan.self_approval' ? d.selfApproval : problemText(d, { status: err.status, code: err.code, detail: err.detail }))
        : d.cannotLoad;
      setProblems((p) => ({ ...p, [loan.id]: text }));
    }
  }

  const [paidOut, setPaidOut] = useState<string[]>([]);
  const done = paidOut.filter((id) => sentIds.value.has(id)).length;
  useEffect(() => {
    if (done) {
      approved.reload();
      running.reload();
    }
  }, [done]);

  async function disburse(loan: Loan) {
    const item = await enqueue({ coop, path: `/v1/cooperatives/${coop}/loans/${loan.id}/disbursement`, body: {}, kind: 'disbursement',
      label: `${d.disburse}: ${d.loanNo(loan.number)} · ${name(loan)} · ${formatMoney(loan.principal, currency, lang.value)}` });
    setPaidOut((x) => [...x, item.id]);
  }
  const queued = new Set(items.value.filter((i) => i.kind === 'disbursement').map((i) => i.path));

  return (
    <>
      <p><Link href={`/bendahara/${coop}`}>← {d.back}</Link></p>
      <h1>{d.loans}</h1>
      {Apply && <Apply coop={coop} currency={currency} members={(members.data ?? []).filter((m) => !m.exited_on)} onApplied={() => applied.reload()} />}
      <h2>{d.awaitingApproval}</h2>
      <p class="muted">{d.makerChecker}</p>
      <ReadState read={applied} />
      {applied.data && !applied.data.items.length && <p class="muted">{d.nothingHere}</p>}
      <ul class="cards">
        {applied.data?.items.map((l) => (
          <li key={l.id} class="card">
            <h3>{d.loanNo(l.number)} · {name(l)}</h3>
            <Terms loan={l} />
            <p class="actions">
              <button type="button" class="btn primary" onClick={() => void decide(l, true)}>{d.approve}</button>
              <button type="button" class="btn" onClick={() => void decide(l, false)}>{d.reject}</button>
            </p>
            {problems[l.id] && <p class="notice bad" role="alert">{problems[l.id]}</p>}
          </li>
        ))}
      </ul>
      <h2>{d.toDisburse}</h2>
      {done > 0 && <p class="notice ok" role="status" data-testid="paid-out">{d.inBooks}</p>}
      <ReadState read={approved} />
      {approved.data && !approved.data.items.length && <p class="muted">{d.nothingHere}</p>}
      <ul class="cards">
        {approved.data?.items.map((l) => {
          const path = `/v1/cooperatives/${coop}/loans/${l.id}/disbursement`;
          return (
            <li key={l.id} class="card">
              <h3>{d.loanNo(l.number)} · {name(l)}</h3>
              <Terms loan={l} />
              {queued.has(path)
                ? <p class="notice warn" role="status">{d.queuedDeposit}</p>
                : <button type="button" class="btn primary" onClick={() => void disburse(l)}>{d.disburse}</button>}
            </li>
          );
        })}
      </ul>
      <h2>{d.runningLoans}</h2>
      <ReadState read={running} />
      {running.data && !running.data.items.length && <p class="muted">{d.nothingHere}</p>}
      <ul class="links" data-testid="running">
        {running.data?.items.map((l) => {
          const late = (l.position?.days_past_due ?? 0) > 0;
          return (
            <li key={l.id}>
              <Link href={`/bendahara/${coop}/pinjaman/${l.id}`} class="row-link">
                <span><span class="num">{l.number}</span> {name(l)}</span>
                <span class="right">
                  {l.position && <Money amount={l.position.outstanding} currency={l.currency} />}
                  {late && <span class="pill bad"> {d.late(l.position!.days_past_due)}</span>}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
