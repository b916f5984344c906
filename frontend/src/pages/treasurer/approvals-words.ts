// The words of the approvals screen (four eyes): the queue, deciding, and
// the cooperative's setting of what waits for a second treasurer.
import { t, words } from '../../i18n';

type Action = 'write_off' | 'reversal' | 'meeting_amend' | 'year_end';

export const en = {
  approvals: 'Approvals',
  approvalsHint: 'What one treasurer asked for and another approves before it reaches the books (four eyes).',
  approvalsReadOnly: 'You read this list; the treasurers decide.',
  pendingN: (n: number) => (n === 1 ? '1 waiting for approval' : `${n} waiting for approval`),
  noPending: 'Nothing waits for approval.',
  decided: 'Decided lately',
  actions: { write_off: 'Loan write-off', reversal: 'Reversal of an entry', meeting_amend: 'Meeting amended', year_end: 'Year end' } as Record<Action, string>,
  subject: 'Concerns',
  askedBy: (who: string, when: string) => `Asked by ${who}, ${when}`,
  decidedBy: (who: string, when: string) => `Decided by ${who}, ${when}`,
  you: 'you',
  other: (id: string) => `treasurer ${id.slice(0, 8)}`,
  approve: 'Approve',
  reject: 'Reject',
  approved: 'Approved: it is in the books.',
  rejected: 'Rejected: nothing was recorded.',
  statusNames: { pending: 'Waiting', approved: 'Approved', rejected: 'Rejected' } as Record<string, string>,
  selfApproval: 'You asked for this yourself: another treasurer has to approve it.',
  alreadyDecided: 'Another treasurer decided this meanwhile.',
  setting: 'What waits for a second treasurer',
  settingHint: 'When ticked, the action is only asked for; it reaches the books when another treasurer approves it.',
  settingSaved: 'Saved.',
};

export const id: typeof en = {
  approvals: 'Persetujuan',
  approvalsHint: 'Yang diminta satu bendahara dan disetujui bendahara lain sebelum masuk buku (empat mata).',
  approvalsReadOnly: 'Anda membaca daftar ini; para bendahara yang memutuskan.',
  pendingN: (n) => `${n} menunggu persetujuan`,
  noPending: 'Tidak ada yang menunggu persetujuan.',
  decided: 'Sudah diputuskan',
  actions: { write_off: 'Hapus buku pinjaman', reversal: 'Pembatalan jurnal', meeting_amend: 'Perubahan pertemuan', year_end: 'Tutup buku tahunan' },
  subject: 'Tentang',
  askedBy: (who, when) => `Diminta oleh ${who}, ${when}`,
  decidedBy: (who, when) => `Diputuskan oleh ${who}, ${when}`,
  you: 'Anda',
  other: (id) => `bendahara ${id.slice(0, 8)}`,
  approve: 'Setujui',
  reject: 'Tolak',
  approved: 'Disetujui: sudah masuk buku.',
  rejected: 'Ditolak: tidak ada yang dicatat.',
  statusNames: { pending: 'Menunggu', approved: 'Disetujui', rejected: 'Ditolak' },
  selfApproval: 'Anda sendiri yang memintanya: bendahara lain yang harus menyetujui.',
  alreadyDecided: 'Bendahara lain sudah memutuskannya.',
  setting: 'Yang menunggu bendahara kedua',
  settingHint: 'Jika dicentang, tindakan itu hanya diminta; masuk buku setelah bendahara lain menyetujuinya.',
  settingSaved: 'Tersimpan.',
};

export const w = words(t, en, id);
