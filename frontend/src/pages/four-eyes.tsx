// Four eyes: when the cooperative asks a second treasurer to approve a
// write-off, a reversal, an amended meeting or a year end, the server
// answers 202 with the request, which waits. Every screen that sends one
// says so plainly, and never as "in the books".
import { t, words } from '../i18n';
import { Link } from '../ui';

const en = {
  awaitingSecond: 'Waiting for a second treasurer',
  awaitingSecondHint: 'Nothing is in the books yet. Another treasurer of the cooperative approves or rejects it in the approvals list.',
  approvalsLink: 'Approvals',
};

const id: typeof en = {
  awaitingSecond: 'Menunggu persetujuan bendahara kedua',
  awaitingSecondHint: 'Belum ada yang masuk buku. Bendahara lain di koperasi ini menyetujui atau menolaknya di daftar persetujuan.',
  approvalsLink: 'Persetujuan',
};

const w = words(t, en, id);

/** AwaitingApproval is what a screen shows after a 202. */
export function AwaitingApproval({ coop }: { coop: string }) {
  const d = w.value;
  return (
    <div class="notice warn" role="status" data-testid="awaiting-approval">
      <p><strong>{d.awaitingSecond}</strong></p>
      <p>{d.awaitingSecondHint}</p>
      <p><Link href={`/bendahara/${coop}/persetujuan`}>{d.approvalsLink}</Link></p>
    </div>
  );
}
