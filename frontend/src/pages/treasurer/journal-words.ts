// The words of the journal screen (entries and their reversal) and of the
// book's signed checkpoints.
import { t, words } from '../../i18n';

export const en = {
  journal: 'Journal',
  journalHint: 'Every entry in the book, newest first. A mistake is corrected by reversing the entry: it is never edited or deleted.',
  entryNo: (n: number) => `Entry #${n}`,
  reverse: 'Reverse this entry',
  reverseConfirm: (n: number) => `Reverse entry #${n}? Every posting is booked again on the other side.`,
  yesReverse: 'Yes, reverse it',
  reversed: 'Reversed',
  isReversal: 'Reversal',
  reversedNow: 'Reversed: the mirror entry is in the books.',
  noEntries: 'No entries yet.',
  more: 'Show more',
  chainHash: 'Chain hash',
  checkpoints: 'Signed checkpoints',
  checkpointsHint: 'A checkpoint states the book at one entry, signed by the server: a funder checks the journal copy against it. One is signed at every month end; sign one now before a meeting with a funder, an audit or the RAT.',
  signNow: 'Sign a checkpoint now',
  signed: 'Signed.',
  noCheckpoints: 'No checkpoint yet.',
  atEntry: (n: number) => `at entry #${n}`,
  monthEnd: (m: string) => `month end ${m}`,
  onDemand: 'on demand',
  keyFingerprint: 'Key',
};

export const id: typeof en = {
  journal: 'Jurnal',
  journalHint: 'Setiap jurnal di buku, dari yang terbaru. Kesalahan diperbaiki dengan membatalkan jurnalnya: tidak pernah diubah atau dihapus.',
  entryNo: (n) => `Jurnal #${n}`,
  reverse: 'Batalkan jurnal ini',
  reverseConfirm: (n) => `Batalkan jurnal #${n}? Setiap baris dicatat lagi di sisi sebaliknya.`,
  yesReverse: 'Ya, batalkan',
  reversed: 'Dibatalkan',
  isReversal: 'Pembatalan',
  reversedNow: 'Dibatalkan: jurnal pembaliknya sudah masuk buku.',
  noEntries: 'Belum ada jurnal.',
  more: 'Tampilkan lagi',
  chainHash: 'Hash rantai',
  checkpoints: 'Titik periksa bertanda tangan',
  checkpointsHint: 'Titik periksa menyatakan isi buku pada satu jurnal, ditandatangani server: mitra memeriksa salinan jurnal dengannya. Satu ditandatangani setiap akhir bulan; buat sekarang sebelum bertemu mitra, audit, atau RAT.',
  signNow: 'Tandatangani titik periksa sekarang',
  signed: 'Sudah ditandatangani.',
  noCheckpoints: 'Belum ada titik periksa.',
  atEntry: (n) => `pada jurnal #${n}`,
  monthEnd: (m) => `akhir bulan ${m}`,
  onDemand: 'atas permintaan',
  keyFingerprint: 'Kunci',
};

export const w = words(t, en, id);
