// The words of the partner capital screen: facilities, tranches received,
// repayments to a loan facility.
import { words } from '../../i18n';
import { w as treasurerWords } from './words';

export const en = {
  capital: 'Partner capital',
  capitalHint: 'Capital partners have committed to the cooperative. Record each tranche when the money arrives, and each repayment of a loan facility.',
  kinds: { grant: 'Grant', loan: 'Loan', equity: 'Equity' } as Record<string, string>,
  capCommitted: 'Committed',
  held: 'In the books now',
  heldHint: { grant: 'received', loan: 'still owed to the partner', equity: 'received' } as Record<string, string>,
  period: (from: string, to: string | null) => (to ? `${from} to ${to}` : `from ${from}`),
  receive: 'Record a tranche received',
  repayPartner: 'Record a repayment to the partner',
  capAmount: 'Amount',
  interestPaid: 'Interest',
  principalRepaid: 'Principal repaid',
  date: 'Day the money moved',
  capVia: 'Through',
  capViaCash: 'Cash box',
  capViaBank: 'Bank',
  capMemo: 'Note (optional)',
  capSave: 'Save to the books',
  capInBooks: 'In the books.',
  replayed: 'Already in the books (this was sent before).',
  noFacilities: 'No partner funds this cooperative yet.',
  moreThanOwed: 'That is more than the cooperative still owes the partner, or more than the cash or bank holds. Nothing was recorded.',
};

export const id: typeof en = {
  capital: 'Modal mitra',
  capitalHint: 'Modal yang dijanjikan mitra kepada koperasi. Catat setiap tahap (tranche) saat uangnya masuk, dan setiap pembayaran kembali fasilitas pinjaman.',
  kinds: { grant: 'Hibah', loan: 'Pinjaman', equity: 'Penyertaan modal' },
  capCommitted: 'Dijanjikan',
  held: 'Di buku sekarang',
  heldHint: { grant: 'sudah diterima', loan: 'masih utang ke mitra', equity: 'sudah diterima' },
  period: (from, to) => (to ? `${from} s.d. ${to}` : `sejak ${from}`),
  receive: 'Catat dana masuk dari mitra',
  repayPartner: 'Catat pembayaran ke mitra',
  capAmount: 'Jumlah',
  interestPaid: 'Bunga',
  principalRepaid: 'Pokok yang dibayar',
  date: 'Tanggal uang berpindah',
  capVia: 'Melalui',
  capViaCash: 'Kas',
  capViaBank: 'Bank',
  capMemo: 'Catatan (boleh kosong)',
  capSave: 'Simpan ke buku',
  capInBooks: 'Sudah masuk buku.',
  replayed: 'Sudah ada di buku (pernah dikirim).',
  noFacilities: 'Belum ada mitra yang mendanai koperasi ini.',
  moreThanOwed: 'Itu lebih dari utang koperasi kepada mitra, atau lebih dari isi kas atau bank. Tidak ada yang dicatat.',
};

export const w = words(treasurerWords, en, id);
