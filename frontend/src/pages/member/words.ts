// The member's screens' words.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  hello: (name: string) => `Hello, ${name}`,
  mySavings: 'My savings',
  totalSavings: 'Total savings',
  myLoans: 'My loans',
  noActiveLoan: 'No loan running.',
  lastMeeting: 'Last meeting',
  shuSlips: 'My SHU slips',
  shuHint: 'Your share of the cooperative’s surplus (SHU), year by year.',
  shuYear: (y: number) => `SHU ${y}`,
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
  noActiveLoan: 'Tidak ada pinjaman berjalan.',
  lastMeeting: 'Pertemuan terakhir',
  shuSlips: 'Slip SHU saya',
  shuHint: 'Bagian Anda dari sisa hasil usaha koperasi, per tahun.',
  shuYear: (y: number) => `SHU ${y}`,
  statement: 'Mutasi',
  statementOf: (account) => `Mutasi: ${account}`,
  moreEntries: 'Tampilkan lagi',
  credit: 'Masuk',
  debit: 'Keluar',
};

export const w = words(savingsWords, en, id);
