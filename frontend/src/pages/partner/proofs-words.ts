// The words of the partner's proofs: each funded cooperative's journal
// head, newest signed checkpoint and the journal copy to check offline.
import { words } from '../../i18n';
import { w as partnerWords } from './words';

export const en = {
  proofs: 'Books you can check',
  proofsHint: 'Each cooperative’s journal is hash-chained and signed at every month end. Keep the copy and check it on your own machine.',
  entries: (n: number) => (n === 1 ? '1 entry' : `${n} entries`),
  chainHash: 'Chain hash',
  lastCheckpoint: 'Newest signed checkpoint',
  noCheckpoint: 'Not signed yet.',
  atEntry: (n: number) => `at entry #${n}`,
  key: 'Key',
  downloadJournal: 'Download the journal copy',
  howToCheck: 'To check it on your machine (next month with -since and this month’s file): the chain holds, every entry balances, every checkpoint follows from the journal.',
};

export const id: typeof en = {
  proofs: 'Buku yang bisa Anda periksa',
  proofsHint: 'Jurnal setiap koperasi dirantai dengan hash dan ditandatangani setiap akhir bulan. Simpan salinannya dan periksa di komputer Anda sendiri.',
  entries: (n) => `${n} jurnal`,
  chainHash: 'Hash rantai',
  lastCheckpoint: 'Titik periksa terbaru',
  noCheckpoint: 'Belum ditandatangani.',
  atEntry: (n) => `pada jurnal #${n}`,
  key: 'Kunci',
  downloadJournal: 'Unduh salinan jurnal',
  howToCheck: 'Cara memeriksa di komputer Anda (bulan depan dengan -since dan file bulan ini): rantainya utuh, setiap jurnal seimbang, setiap titik periksa sesuai jurnal.',
};

export const w = words(partnerWords, en, id);
