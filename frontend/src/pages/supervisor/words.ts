// The supervisor's (pengawas) screens' words.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  supervisorOf: (coop: string) => `Supervising ${coop}`,
  readOnly: 'You read this cooperative’s books, reports, loans and members’ savings, as the cooperative law asks of its supervisor. Nothing here can be changed.',
  supBooks: 'Books and reports',
  supCovers: 'Joint liability covers',
  supApprovals: 'Approvals (four eyes)',
  supAudit: 'Change log',
  supRunningLoans: 'Running loans',
  membersSavings: 'Members’ savings',
  supSearch: 'Search by name or number',
  supTotal: 'Total',
  supGroupLoan: 'Group loan',
  showAll: (n: number) => `Show all ${n}`,
};

export const id: typeof en = {
  supervisorOf: (coop) => `Pengawas ${coop}`,
  readOnly: 'Anda membaca buku, laporan, pinjaman dan simpanan anggota koperasi ini, sebagaimana undang-undang koperasi meminta pengawasnya. Tidak ada yang bisa diubah di sini.',
  supBooks: 'Buku dan laporan',
  supCovers: 'Tanggung renteng',
  supApprovals: 'Persetujuan (empat mata)',
  supAudit: 'Riwayat perubahan',
  supRunningLoans: 'Pinjaman berjalan',
  membersSavings: 'Simpanan anggota',
  supSearch: 'Cari nama atau nomor',
  supTotal: 'Jumlah',
  supGroupLoan: 'Pinjaman kelompok',
  showAll: (n) => `Tampilkan semua (${n})`,
};

export const w = words(savingsWords, en, id);
