// Words about savings and loans that the member's, the treasurer's and
// the meeting's screens share; loaded with the first of them.
import { t, words } from '../i18n';


export const en = {
  pokok: 'Principal savings (pokok)',
  wajib: 'Mandatory savings (wajib)',
  sukarela: 'Voluntary savings (sukarela)',
  wajibPaid: 'Wajib',
  sukarelaPaid: 'Sukarela',
  loans: 'Loans',
  loanNo: (n: number) => `Loan no. ${n}`,
  installments: 'Installments',
  late: (days: number) => `${days} days late`,
  present: 'Present',
  absent: 'Absent',
  attended: (a: number, all: number) => `${a} of ${all} present`,
  principal: 'Principal',
  purpose: 'Purpose',
  frequencies: { weekly: 'weekly', fortnightly: 'every two weeks', monthly: 'monthly' } as Record<string, string>,
  methods: { flat: 'flat', declining: 'declining balance (annuity)', equal_principal: 'declining balance (equal principal)' } as Record<string, string>,
  flatRate: (flat: string, eff: string) => `${flat}% a year flat (${eff}% a year on what is still owed)`,
  yearRate: (r: string) => `${r}% a year`,
  schedule: 'Installment schedule',
  members: 'Members',
  meeting: 'Meeting',
  cooperative: 'Cooperative',
  outstanding: 'Still to repay',
};

export const id: typeof en = {
  pokok: 'Simpanan pokok',
  wajib: 'Simpanan wajib',
  sukarela: 'Simpanan sukarela',
  wajibPaid: 'Wajib',
  sukarelaPaid: 'Sukarela',
  loans: 'Pinjaman',
  loanNo: (n) => `Pinjaman no. ${n}`,
  installments: 'Angsuran',
  late: (days) => `Terlambat ${days} hari`,
  present: 'Hadir',
  absent: 'Tidak hadir',
  attended: (a, all) => `${a} dari ${all} hadir`,
  principal: 'Pokok pinjaman',
  purpose: 'Keperluan',
  frequencies: { weekly: 'mingguan', fortnightly: 'dua mingguan', monthly: 'bulanan' },
  methods: { flat: 'flat', declining: 'menurun (anuitas)', equal_principal: 'menurun (pokok tetap)' },
  flatRate: (flat: string, eff: string) => `${flat}% setahun flat (${eff}% setahun dari sisa pinjaman)`,
  yearRate: (r: string) => `${r}% setahun`,
  schedule: 'Jadwal angsuran',
  members: 'Anggota',
  meeting: 'Pertemuan',
  cooperative: 'Koperasi',
  outstanding: 'Sisa pinjaman',
};

export const savingsWords = words(t, en, id);
