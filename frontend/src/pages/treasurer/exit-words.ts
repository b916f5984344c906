// The words of a member's exit.
import { words } from '../../i18n';
import { w as treasurerWords } from './words';

export const en = {
  exit: 'Leaving the cooperative',
  exitOpen: 'She is leaving…',
  exitHint: 'All her savings come out; what she still owes on her loans is paid from them, which closes the loans; she receives the rest.',
  exitSavings: 'All her savings',
  exitOwed: 'Still owed on her loans',
  exitReceives: 'She receives',
  exitShort: (amount: string) => `Her savings fall short of what she owes by ${amount}: she cannot leave until it is paid.`,
  exitVia: 'Paid to her from',
  cashBoxShort: 'Cash box',
  exitType: (n: number) => `Type her member number (${n}) to confirm`,
  exitConfirm: 'Record her exit',
  exitDone: (amount: string) => `In the books. She received ${amount}.`,
};

export const id: typeof en = {
  exit: 'Keluar dari koperasi',
  exitOpen: 'Ia akan keluar…',
  exitHint: 'Seluruh simpanannya dikeluarkan; sisa pinjamannya dibayar dari situ, sehingga pinjamannya lunas; sisanya ia terima.',
  exitSavings: 'Seluruh simpanannya',
  exitOwed: 'Sisa kewajiban pinjaman',
  exitReceives: 'Yang ia terima',
  exitShort: (amount) => `Simpanannya kurang ${amount} dari kewajibannya: ia belum bisa keluar sebelum itu dibayar.`,
  exitVia: 'Dibayar dari',
  cashBoxShort: 'Kas',
  exitType: (n) => `Ketik nomor anggotanya (${n}) untuk memastikan`,
  exitConfirm: 'Catat keluarnya',
  exitDone: (amount) => `Sudah masuk buku. Ia menerima ${amount}.`,
};

export const w = words(treasurerWords, en, id);
