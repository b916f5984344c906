// The words of the joint-liability (tanggung renteng) covers screen.
import { words } from '../../i18n';
import { w as treasurerWords } from './words';

export const en = {
  coversTitle: 'Joint liability covers',
  coversHint: 'At a meeting, when a member cannot pay, co-members pay for her (tanggung renteng). Each cover is a debt she owes them.',
  allGroups: 'All groups',
  coversTotal: 'Covered in all',
  group: 'Group',
  coversN: (n: number) => (n === 1 ? '1 cover' : `${n} covers`),
  paidFor: (who: string, whom: string) => `${who} paid for ${whom}`,
  noCovers: 'No cover recorded: every member paid her own installments.',
  coverLeft: (amount: string) => `${amount} still owed`,
  coverToFund: 'to the solidarity fund',
  debts: 'Covers still owed',
  debtsHint: 'What each member still owes for the covers paid for her. Record what she brings; it goes to those who paid for her, oldest cover first.',
  owes: (amount: string) => `owes ${amount}`,
  repayCover: 'Record a repayment of covers',
  repayAmount: 'Amount',
  repayVia: 'Paid into',
  cash: 'Cash box',
  bankAccount: 'Bank',
  repaySave: 'Save to the books',
  repaidCover: (left: string) => `In the books. She still owes ${left}.`,
  noDebts: 'Nobody owes for a cover.',
};

export const id: typeof en = {
  coversTitle: 'Tanggung renteng',
  coversHint: 'Di pertemuan, bila seorang anggota tidak bisa membayar, anggota lain membayar untuknya (tanggung renteng). Setiap talangan menjadi utangnya kepada mereka.',
  allGroups: 'Semua kelompok',
  coversTotal: 'Total ditanggung',
  group: 'Kelompok',
  coversN: (n) => `${n} talangan`,
  paidFor: (who, whom) => `${who} membayar untuk ${whom}`,
  noCovers: 'Belum ada talangan: setiap anggota membayar angsurannya sendiri.',
  coverLeft: (amount) => `sisa ${amount}`,
  coverToFund: 'ke dana solidaritas',
  debts: 'Talangan yang belum dibayar',
  debtsHint: 'Yang masih diutang setiap anggota atas talangan untuknya. Catat yang ia bawa; uangnya untuk yang menalanginya, dari talangan terlama.',
  owes: (amount) => `utang ${amount}`,
  repayCover: 'Catat pembayaran talangan',
  repayAmount: 'Jumlah',
  repayVia: 'Masuk ke',
  cash: 'Kas',
  bankAccount: 'Bank',
  repaySave: 'Simpan ke buku',
  repaidCover: (left) => `Sudah masuk buku. Sisa utangnya ${left}.`,
  noDebts: 'Tidak ada utang talangan.',
};

export const w = words(treasurerWords, en, id);
