// The words of the partner capital screen: facilities, tranches received,
// repayments to a loan facility.
import { words } from '../../i18n';
import { w as treasurerWords } from './words';

export const en = {
  capital: 'Partner capital',
  capitalHint: 'Capital partners have committed to the cooperative. Record each tranche when the money arrives, and each repayment of a loan facility.',
  kinds: { grant: 'Grant', loan: 'Loan', equity: 'Equity' } as Record<string, string>,
  committed: 'Committed',
  held: 'In the books now',
  heldHint: { grant: 'received', loan: 'still owed to the partner', equity: 'received' } as Record<string, string>,
  period: (from: string, to: string | null) => (to ? `${from} to ${to}` : `from ${from}`),
  receive: 'Record a tranche received',
  repayPartner: 'Record a repayment to the partner',
  amount: 'Amount',
  interestPaid: 'Interest',
  principalRepaid: 'Principal repaid',
  date: 'Day the money moved',
  via: 'Through',
  viaCash: 'Cash box',
  viaBank: 'Bank',
  memo: 'Note (optional)',
  save: 'Save to the books',
  inBooks: 'In the books.',
  replayed: 'Already in the books (this was sent before).',
  noFacilities: 'No partner funds this cooperative yet.',
};

export const id: typeof en = {
  capital: 'Modal mitra',
  capitalHint: 'Modal yang dijanjikan mitra kepada koperasi. Catat setiap tahap (tranche) saat uangnya masuk, dan setiap pembayaran kembali fasilitas pinjaman.',
  kinds: { grant: 'Hibah', loan: 'Pinjaman', equity: 'Penyertaan modal' },
  committed: 'Dijanjikan',
  held: 'Di buku sekarang',
  heldHint: { grant: 'sudah diterima', loan: 'masih utang ke mitra', equity: 'sudah diterima' },
  period: (from, to) => (to ? `${from} s.d. ${to}` : `sejak ${from}`),
  receive: 'Catat dana masuk dari mitra',
  repayPartner: 'Catat pembayaran ke mitra',
  amount: 'Jumlah',
  interestPaid: 'Bunga',
  principalRepaid: 'Pokok yang dibayar',
  date: 'Tanggal uang berpindah',
  via: 'Melalui',
  viaCash: 'Kas',
  viaBank: 'Bank',
  memo: 'Catatan (boleh kosong)',
  save: 'Simpan ke buku',
  inBooks: 'Sudah masuk buku.',
  replayed: 'Sudah ada di buku (pernah dikirim).',
  noFacilities: 'Belum ada mitra yang mendanai koperasi ini.',
};

export const w = words(treasurerWords, en, id);
