// A loan's installments, each marked paid, overdue or coming: the member's
// page of her loan and the treasurer's show the same list.
import { type Schemas } from '../api/client';
import { lang } from '../i18n';
import { shortDate } from '../dates';
import { Money } from '../ui';
import { savingsWords } from './savings-words';

export function ScheduleList({ loan }: { loan: Schemas['Loan'] }) {
  const d = savingsWords.value;
  const paidCount = loan.position?.installments_paid ?? 0;
  return (
    <ol>
      {loan.schedule.map((i) => {
        const paid = i.number <= paidCount;
        const overdue = !paid && i.due_date < (loan.as_of ?? '');
        return (
          <li key={i.number} class={paid ? 'paid' : overdue ? 'overdue' : ''}>
            <span>{i.number}. {shortDate(i.due_date, lang.value)}</span>
            <Money amount={i.total} currency={loan.currency} />
            <span class={paid ? 'pill ok' : overdue ? 'pill bad' : 'pill'}>{paid ? d.paid : overdue ? d.overdue : d.upcoming}</span>
          </li>
        );
      })}
    </ol>
  );
}
