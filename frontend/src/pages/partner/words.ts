// The portfolio's words, for the partner's and the admin's screens.
import { words } from '../../i18n';
import { savingsWords } from '../savings-words';

export const en = {
  portfolio: 'Portfolio',
  asOf: (date: string) => `as of ${date}`,
  committed: 'Committed',
  received: 'Received',
  disbursed: 'Lent',
  outstandingLoans: 'Outstanding',
  par30: 'At risk > 30 days',
  repaymentRate: 'Repayment rate',
  womenReached: 'Women reached',
  savingsMobilised: 'Savings mobilised',
  selfReliance: 'Self-reliance',
  selfRelianceHelp: 'Members’ own savings as a share of outside capital. Higher means less dependent on partners.',
  selfRelianceTrend: 'Self-reliance over twelve months',
  ageing: 'Loans by days late',
  bandCurrent: 'On time',
  byCooperative: 'By cooperative',
  loansN: (n: number) => `${n} loans`,
};

export const id: typeof en = {
  portfolio: 'Portofolio',
  asOf: (date) => `per ${date}`,
  committed: 'Komitmen',
  received: 'Diterima',
  disbursed: 'Dipinjamkan',
  outstandingLoans: 'Pinjaman beredar',
  par30: 'Berisiko > 30 hari',
  repaymentRate: 'Tingkat pengembalian',
  womenReached: 'Perempuan terjangkau',
  savingsMobilised: 'Simpanan terhimpun',
  selfReliance: 'Kemandirian',
  selfRelianceHelp: 'Simpanan anggota sendiri dibanding modal dari luar. Makin tinggi, makin tidak bergantung pada mitra.',
  selfRelianceTrend: 'Kemandirian dua belas bulan terakhir',
  ageing: 'Pinjaman menurut hari terlambat',
  bandCurrent: 'Lancar',
  byCooperative: 'Per koperasi',
  loansN: (n) => `${n} pinjaman`,
};

export const w = words(savingsWords, en, id);
