// Every cover under joint liability (tanggung renteng) a member was part
// of, both ways: what she paid for co-members, what they paid for her.
import { api, type Schemas } from '../../api/client';
import { lang } from '../../i18n';
import { w } from './words';
import { shortDate } from '../../dates';
import { formatMoney } from '../../money';
import { useRead, unwrap } from '../../read';
import { Money, Tile } from '../../ui';

type Membership = Schemas['Me']['memberships'][number];

export function MyCovers({ m }: { m: Membership }) {
  const d = w.value;
  const me = m.member.id;
  const covers = useRead(`covers:me:${me}`, async () =>
    unwrap(await api.GET('/v1/cooperatives/{coop}/members/{member}/covers', { params: { path: { coop: m.cooperative.id, member: me } } })));
  const c = covers.data;
  if (!c?.items.length) return null; // nothing to say, and no noise for a member never covered
  return (
    <section aria-labelledby={`covers-${me}`} data-testid="my-covers">
      <h2 id={`covers-${me}`}>{d.myCoversTitle}</h2>
      <p class="muted">{d.myCoversHint}</p>
      <div class="tiles">
        <Tile label={d.coverGiven}><span data-testid="covers-given"><Money amount={c.given} currency={c.currency} /></span></Tile>
        <Tile label={d.coverReceived}><span data-testid="covers-received"><Money amount={c.received} currency={c.currency} /></span></Tile>
        <Tile label={d.youOwe}><span data-testid="covers-owes"><Money amount={c.owes} currency={c.currency} /></span></Tile>
        <Tile label={d.owedToYou}><span data-testid="covers-owed-to-her"><Money amount={c.owed_to_her} currency={c.currency} /></span></Tile>
      </div>
      <ul class="entries">
        {[...c.items].reverse().map((r) => {
          const gave = r.covering.member_id === me;
          return (
            <li key={r.entry_id + r.covering.member_id + r.covered.member_id} class="entry" data-testid="my-cover">
              <span class="entry-date">{shortDate(r.held_on, lang.value)}</span>
              <span class="entry-memo">
                {gave ? d.youPaidFor(r.covered.name) : d.paidForYou(r.covering.name)} · {d.loanNo(r.loan_number)}
                {r.owed !== '0' && <> · <strong>{d.stillOwed(formatMoney(r.owed, c.currency, lang.value))}</strong>{r.debt_to === 'fund' && ` (${d.toFund})`}</>}
              </span>
              <span class={gave ? 'entry-amount out' : 'entry-amount in'}>
                <span aria-hidden="true">{gave ? '−' : '+'}</span>
                <Money amount={r.amount} currency={c.currency} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
