// The member's screens' words.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  hello: (name: string) => `Hello, ${name}`,
  mySavings: 'My savings',
  totalSavings: 'Total savings',
  myLoans: 'My loans',
  nextInstallment: 'Next installment',
  onTime: 'On time',
  installmentsPaid: (paid: number, all: number) => `${paid} of ${all} installments paid`,
  noActiveLoan: 'No loan running.',
  interestRate: 'Interest',
  lastMeeting: 'Last meeting',
  shuSlips: 'My SHU slips',
  shuHint: 'Your share of the cooperative’s surplus (SHU), year by year.',
  shuYear: (y: number) => `SHU ${y}`,
  paid: 'Paid',
  overdue: 'Late',
  upcoming: 'Coming',
  statement: 'Statement',
  statementOf: (account: string) => `Statement: ${account}`,
  moreEntries: 'Show more',
  credit: 'In',
  debit: 'Out',
};

export const id: typeof en = {
  hello: (name) => `Halo, ${name}`,
  mySavings: 'Simpanan saya',
  totalSavings: 'Jumlah simpanan',
  myLoans: 'Pinjaman saya',
  nextInstallment: 'Angsuran berikutnya',
  onTime: 'Lancar',
  installmentsPaid: (paid, all) => `${paid} dari ${all} angsuran dibayar`,
  noActiveLoan: 'Tidak ada pinjaman berjalan.',
  interestRate: 'Bunga',
  lastMeeting: 'Pertemuan terakhir',
  shuSlips: 'Slip SHU saya',
  shuHint: 'Bagian Anda dari sisa hasil usaha koperasi, per tahun.',
  shuYear: (y: number) => `SHU ${y}`,
  paid: 'Lunas',
  overdue: 'Terlambat',
  upcoming: 'Akan datang',
  statement: 'Mutasi',
  statementOf: (account) => `Mutasi: ${account}`,
  moreEntries: 'Tampilkan lagi',
  credit: 'Masuk',
  debit: 'Keluar',
};

export const w = words(savingsWords, en, id);
