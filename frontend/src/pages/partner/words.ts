// The portfolio's words, for the partner's and the admin's screens.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  portfolio: 'Portfolio',
  asOf: (date: string) => `as of ${date}`,
  committed: 'Committed',
  received: 'Received',
  disbursed: 'Lent',
  womenReached: 'Women reached',
  savingsMobilised: 'Savings mobilised',
  selfReliance: 'Self-reliance',
  selfRelianceHelp: 'Members’ own savings as a share of outside capital. Higher means less dependent on partners.',
  selfRelianceTrend: 'Self-reliance over twelve months',
  bandCurrent: 'On time',
  byCooperative: 'By cooperative',
};

export const id: typeof en = {
  portfolio: 'Portofolio',
  asOf: (date) => `per ${date}`,
  committed: 'Komitmen',
  received: 'Diterima',
  disbursed: 'Dipinjamkan',
  womenReached: 'Perempuan terjangkau',
  savingsMobilised: 'Simpanan terhimpun',
  selfReliance: 'Kemandirian',
  selfRelianceHelp: 'Simpanan anggota sendiri dibanding modal dari luar. Makin tinggi, makin tidak bergantung pada mitra.',
  selfRelianceTrend: 'Kemandirian dua belas bulan terakhir',
  bandCurrent: 'Lancar',
  byCooperative: 'Per koperasi',
};

export const w = words(savingsWords, en, id);
