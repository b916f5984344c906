// What waits on this phone, item by item, with its state: honest about
// what has reached the books and what has not.
import { lang, t, problemText } from '../../i18n';
import { timeStamp } from '../../dates';
import { discard, items, needsPersonCount, online, sendNow, waitingCount } from '../../sync';
import type { OutboxItem } from '../../outbox';

function stateText(i: OutboxItem): string {
  const d = t.value;
  switch (i.state) {
    case 'waiting': return d.stateWaiting;
    case 'sending': return d.stateSending;
    case 'conflict': return d.stateConflict;
    case 'rejected': return d.stateRejected;
  }
}

export function Outbox() {
  const d = t.value;
  const list = items.value;
  return (
    <>
      <h1>{d.outbox}</h1>
      <p role="status" data-testid="outbox-summary">
        {online.value ? d.online : d.offline} · {list.length ? [waitingCount.value ? d.waiting(waitingCount.value) : '', needsPersonCount.value ? d.needsYou(needsPersonCount.value) : ''].filter(Boolean).join(' · ') : d.outboxEmpty}
      </p>
      <ul class="cards">
        {list.map((i) => (
          <li key={i.id} class="card">
            <h3>{i.label}</h3>
            <p>
              <span class={i.state === 'waiting' || i.state === 'sending' ? 'pill warn' : 'pill bad'}>{stateText(i)}</span>
            </p>
            {i.problem && i.state !== 'waiting' && <p>{problemText(d, i.problem)}</p>}
            <p class="muted small">
              {timeStamp(i.createdAt, lang.value)}
              {i.state === 'waiting' && i.attempts > 0 && ` · ${d.nextTry(timeStamp(i.nextAt, lang.value))}`}
            </p>
            {(i.state === 'conflict' || i.state === 'rejected') && (
              <button type="button" class="btn" onClick={() => void discard(i.id)}>{d.discard}</button>
            )}
          </li>
        ))}
      </ul>
      {list.some((i) => i.state === 'waiting') && (
        <button type="button" class="btn primary" onClick={() => void sendNow()}>{d.sendNow}</button>
      )}
    </>
  );
}
