// The words of one loan's page: repay outside a meeting, penalties, write-off.
import { words } from '../../i18n';
import { w as treasurerWords } from './words';

export const en = {
  loanStatus: { applied: 'Applied', approved: 'Approved', rejected: 'Rejected', disbursed: 'Running', closed: 'Closed', written_off: 'Written off' } as Record<string, string>,
  arrears: 'Due and unpaid',
  penaltyOwed: 'Penalties owed',
  payoff: 'To pay it all off today',
  repay: 'Record a repayment',
  repayHint: 'Money she brings outside a meeting. It pays penalties first, then interest and principal due, oldest first.',
  payNextDue: 'Next installment',
  payAll: 'Pay it all off',
  via: 'Paid into',
  viaCash: 'Cash box',
  viaBank: 'Bank',
  memo: 'Note (optional)',
  repaid: 'In the books. It paid:',
  penalty: 'Penalty',
  overPayoff: (payoff: string) => `That is more than the whole loan (${payoff}).`,
  penalties: 'Late penalties',
  penaltiesHint: 'Charges the product’s penalty once for each installment that fell due before today and is not fully paid.',
  assessPenalties: 'Charge late penalties',
  penaltiesNone: 'Nothing is late: no penalty was charged.',
  penaltiesCharged: (amount: string) => `Penalty charged: ${amount}.`,
  writeOff: 'Write the loan off',
  writeOffHint: (principal: string, penalty: string) =>
    `Only when it will not be repaid. ${principal} of principal and ${penalty} of penalties become a loss for the cooperative, and the loan is closed. This cannot be undone.`,
  writeOffReason: 'Why (kept in the books)',
  writeOffType: (n: number) => `Type the loan number (${n}) to confirm`,
  writeOffConfirm: 'Write off for good',
  writtenOff: 'Written off. The loss is in the books.',
  closedOn: (date: string) => `Closed ${date}`,
};

export const id: typeof en = {
  loanStatus: { applied: 'Diajukan', approved: 'Disetujui', rejected: 'Ditolak', disbursed: 'Berjalan', closed: 'Selesai', written_off: 'Dihapusbukukan' },
  arrears: 'Tunggakan',
  penaltyOwed: 'Denda belum dibayar',
  payoff: 'Untuk melunasi hari ini',
  repay: 'Catat pembayaran angsuran',
  repayHint: 'Uang yang ia bawa di luar pertemuan. Dipakai untuk denda dulu, lalu bunga dan pokok yang jatuh tempo, dari yang terlama.',
  payNextDue: 'Angsuran berikutnya',
  payAll: 'Lunasi semua',
  via: 'Masuk ke',
  viaCash: 'Kas',
  viaBank: 'Bank',
  memo: 'Catatan (boleh kosong)',
  repaid: 'Sudah masuk buku. Dibayarkan untuk:',
  penalty: 'Denda',
  overPayoff: (payoff) => `Itu lebih dari seluruh pinjaman (${payoff}).`,
  penalties: 'Denda keterlambatan',
  penaltiesHint: 'Mengenakan denda produk satu kali untuk tiap angsuran yang jatuh tempo sebelum hari ini dan belum lunas.',
  assessPenalties: 'Kenakan denda keterlambatan',
  penaltiesNone: 'Tidak ada yang terlambat: tidak ada denda.',
  penaltiesCharged: (amount) => `Denda dikenakan: ${amount}.`,
  writeOff: 'Hapus buku pinjaman',
  writeOffHint: (principal, penalty) =>
    `Hanya bila pinjaman ini tidak akan dibayar. Pokok ${principal} dan denda ${penalty} menjadi kerugian koperasi, dan pinjaman ditutup. Ini tidak bisa dibatalkan.`,
  writeOffReason: 'Alasan (dicatat di buku)',
  writeOffType: (n) => `Ketik nomor pinjaman (${n}) untuk memastikan`,
  writeOffConfirm: 'Hapus buku sekarang',
  writtenOff: 'Sudah dihapusbukukan. Kerugiannya sudah masuk buku.',
  closedOn: (date) => `Ditutup ${date}`,
};

export const w = words(treasurerWords, en, id);
