// The supervisor's (pengawas) screens' words.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  supervisorOf: (coop: string) => `Supervising ${coop}`,
  readOnly: 'You read this cooperative’s books, reports, loans and members’ savings, as the cooperative law asks of its supervisor. Nothing here can be changed.',
  books: 'Books and reports',
  covers: 'Joint liability covers',
  runningLoans: 'Running loans',
  membersSavings: 'Members’ savings',
  searchMembers: 'Search by name or number',
  total: 'Total',
  groupLoan: 'Group loan',
};

export const id: typeof en = {
  supervisorOf: (coop) => `Pengawas ${coop}`,
  readOnly: 'Anda membaca buku, laporan, pinjaman dan simpanan anggota koperasi ini, sebagaimana undang-undang koperasi meminta pengawasnya. Tidak ada yang bisa diubah di sini.',
  books: 'Buku dan laporan',
  covers: 'Tanggung renteng',
  runningLoans: 'Pinjaman berjalan',
  membersSavings: 'Simpanan anggota',
  searchMembers: 'Cari nama atau nomor',
  total: 'Jumlah',
  groupLoan: 'Pinjaman kelompok',
};

export const w = words(savingsWords, en, id);
