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
};

export const w = words(treasurerWords, en, id);
