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
  shuTotal: 'Your SHU, added to your voluntary savings',
  shuCapital: 'Share by capital (jasa modal)',
  shuCapitalSays: (pool: string, mine: string, all: string, share: string) =>
    `The cooperative shared ${pool} among its members by their principal and mandatory savings on 31 December. Yours were ${mine} of all members’ ${all}, so your share is ${share}.`,
  shuParticipation: 'Share by use (jasa anggota)',
  shuParticipationSays: (pool: string, mine: string, all: string, share: string) =>
    `It shared ${pool} by the loan interest members paid in the year. You paid ${mine} of all members’ ${all}, so your share is ${share}.`,
  shuNoShare: 'No share this year.',
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
  shuTotal: 'SHU Anda, ditambahkan ke simpanan sukarela',
  shuCapital: 'Jasa modal',
  shuCapitalSays: (pool, mine, all, share) =>
    `Koperasi membagi ${pool} kepada anggota menurut simpanan pokok dan wajib per 31 Desember. Simpanan Anda ${mine} dari ${all} seluruh anggota, jadi bagian Anda ${share}.`,
  shuParticipation: 'Jasa anggota',
  shuParticipationSays: (pool, mine, all, share) =>
    `Koperasi membagi ${pool} menurut bunga pinjaman yang dibayar anggota dalam setahun. Anda membayar ${mine} dari ${all} seluruh anggota, jadi bagian Anda ${share}.`,
  shuNoShare: 'Tidak ada bagian tahun ini.',
};

export const w = words(savingsWords, en, id);
