// The words every screen needs (signing in, the header, the outbox, the
// server's problems), in English and Bahasa Indonesia. `id` is typed as
// `typeof en`: a key missing from either is a compile error. A screen's
// own words sit beside it (pages/*/words.ts) and load with its chunk, so
// that the entry script a first visit waits for carries only these.
import { signal, computed, type ReadonlySignal } from '@preact/signals';
import type { Lang } from './money';

export const en = {
  appName: 'Lumbung',
  tagline: 'The books of your cooperative, in your hand',
  login: 'Email or phone number',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signInFailed: 'That login or password is not right.',
  signInLimited: 'Too many tries. Wait a minute and try again.',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password (at least 10 characters)',
  repeatPassword: 'New password again',
  passwordsDiffer: 'The two new passwords are not the same.',
  passwordWrong: 'The current password is not right.',
  passwordRejected: 'That new password cannot be used: at least 10 characters, and not the current one.',
  passwordChanged: 'Password changed. Every other device is signed out.',
  mustChangePassword: 'This is a temporary password. Choose your own to go on.',
  sessionEnded: 'Your session has ended. Sign in again; what waits on this phone is kept.',
  loading: 'Loading…',
  online: 'Online',
  offline: 'No signal',
  waiting: (n: number) => (n === 1 ? '1 waiting to send' : `${n} waiting to send`),
  needsYou: (n: number) => (n === 1 ? '1 needs you' : `${n} need you`),
  language: 'Language',
  theme: 'Appearance',
  themeSystem: 'As the phone',
  themeLight: 'Light',
  themeDark: 'Dark',
  settings: 'Account',
  back: 'Back',
  retry: 'Try again',
  total: 'Total',
  fromPhone: (when: string) => `Copy kept on this phone, ${when}`,
  cannotLoad: 'Could not load this. Check the signal and try again.',
  nothingHere: 'Nothing here yet.',
  roleTreasurer: 'Treasurer',
  roleMember: 'Member',
  rolePartner: 'Partner',
  roleAdmin: 'Admin',
  roleSupervisor: 'Supervisor',
  noRole: 'This account has no role yet. Ask your cooperative’s admin.',
  outbox: 'Waiting on this phone',
  inBooks: 'In the books.',
  cancel: 'Cancel',
  outboxEmpty: 'Nothing waits on this phone.',
  stateWaiting: 'Waiting to send',
  stateSending: 'Sending…',
  stateConflict: 'Not taken: the books already hold something different',
  stateRejected: 'Not taken by the server',
  sendNow: 'Send now',
  discard: 'Remove from this phone',
  nextTry: (when: string) => `next try ${when}`,
  amount: 'Amount',
  save: 'Save',
  queuedDeposit: 'Saved on this phone; it will reach the books when there is signal.',
  downloadPdf: 'Download PDF',
  downloadCsv: 'Download spreadsheet (CSV)',
  problem: (code: string | undefined, detail: string | undefined) => detail ?? code ?? 'The server did not accept this.',
  problemSheetRecorded: 'A different sheet is already in the books for this group and day. Reverse its entries to correct it.',
  problemYearClosed: 'That year’s books are closed: nothing in it can be changed. Record a correction in the open year.',
  problemInsufficient: 'There is not enough in the account for this.',
  problemLoanSettled: 'A loan this meeting paid has been closed since, so the meeting can no longer be changed. Record a correction with new entries.',
};

export type Dict = typeof en;

export const id: Dict = {
  appName: 'Lumbung',
  tagline: 'Buku koperasi Anda, di tangan Anda',
  login: 'Email atau nomor HP',
  password: 'Kata sandi',
  signIn: 'Masuk',
  signingIn: 'Sedang masuk…',
  signOut: 'Keluar',
  signInFailed: 'Login atau kata sandi tidak cocok.',
  signInLimited: 'Terlalu banyak percobaan. Tunggu satu menit lalu coba lagi.',
  changePassword: 'Ganti kata sandi',
  currentPassword: 'Kata sandi sekarang',
  newPassword: 'Kata sandi baru (minimal 10 karakter)',
  repeatPassword: 'Ulangi kata sandi baru',
  passwordsDiffer: 'Kedua kata sandi baru tidak sama.',
  passwordWrong: 'Kata sandi sekarang tidak benar.',
  passwordRejected: 'Kata sandi baru itu tidak bisa dipakai: minimal 10 karakter, dan bukan kata sandi sekarang.',
  passwordChanged: 'Kata sandi sudah diganti. Perangkat lain sudah dikeluarkan.',
  mustChangePassword: 'Ini kata sandi sementara. Buat kata sandi Anda sendiri untuk melanjutkan.',
  sessionEnded: 'Sesi Anda berakhir. Silakan masuk lagi; yang menunggu di HP tetap tersimpan.',
  loading: 'Memuat…',
  online: 'Online',
  offline: 'Tanpa sinyal',
  waiting: (n) => `${n} menunggu dikirim`,
  needsYou: (n) => `${n} perlu Anda periksa`,
  language: 'Bahasa',
  theme: 'Tampilan',
  themeSystem: 'Ikuti HP',
  themeLight: 'Terang',
  themeDark: 'Gelap',
  settings: 'Akun',
  back: 'Kembali',
  retry: 'Coba lagi',
  total: 'Jumlah',
  fromPhone: (when) => `Salinan di HP ini, ${when}`,
  cannotLoad: 'Tidak bisa memuat. Periksa sinyal lalu coba lagi.',
  nothingHere: 'Belum ada apa-apa.',
  roleTreasurer: 'Bendahara',
  roleMember: 'Anggota',
  rolePartner: 'Mitra',
  roleAdmin: 'Admin',
  roleSupervisor: 'Pengawas',
  noRole: 'Akun ini belum punya peran. Hubungi admin koperasi Anda.',
  outbox: 'Menunggu di HP',
  inBooks: 'Sudah masuk buku.',
  cancel: 'Batal',
  outboxEmpty: 'Tidak ada yang menunggu di HP ini.',
  stateWaiting: 'Menunggu dikirim',
  stateSending: 'Sedang dikirim…',
  stateConflict: 'Tidak diterima: buku sudah berisi catatan yang berbeda',
  stateRejected: 'Tidak diterima server',
  sendNow: 'Kirim sekarang',
  discard: 'Hapus dari HP ini',
  nextTry: (when) => `dicoba lagi ${when}`,
  amount: 'Jumlah uang',
  save: 'Simpan',
  queuedDeposit: 'Tersimpan di HP; masuk buku saat ada sinyal.',
  downloadPdf: 'Unduh PDF',
  downloadCsv: 'Unduh Excel (CSV)',
  problem: (code, detail) => detail ?? code ?? 'Server tidak menerima ini.',
  problemSheetRecorded: 'Lembar yang berbeda sudah masuk buku untuk kelompok dan hari ini. Batalkan jurnalnya untuk memperbaiki.',
  problemYearClosed: 'Buku tahun itu sudah ditutup: isinya tidak bisa diubah lagi. Catat koreksinya di tahun yang masih terbuka.',
  problemInsufficient: 'Saldo tidak cukup untuk ini.',
  problemLoanSettled: 'Pinjaman yang dibayar di pertemuan ini sudah ditutup, jadi pertemuan ini tidak bisa diubah lagi. Catat koreksinya dengan jurnal baru.',
};

export const dictionaries: Record<Lang, Dict> = { en, id };

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem('lumbung.lang');
    if (saved === 'en' || saved === 'id') return saved;
  } catch {
    /* storage may be unavailable */
  }
  return 'id';
}

export const lang = signal<Lang>(initialLang());
export const t = computed<Dict>(() => dictionaries[lang.value]);

/**
 * words adds a screen's own dictionary to those it builds on: the screen
 * reads one object with both, in the language chosen.
 */
export function words<B extends object, L extends object>(base: ReadonlySignal<B>, en: L, id: L): ReadonlySignal<B & L> {
  return computed(() => ({ ...base.value, ...(lang.value === 'id' ? id : en) }));
}

export function setLang(l: Lang): void {
  lang.value = l;
  try {
    localStorage.setItem('lumbung.lang', l);
  } catch {
    /* the choice lasts this visit */
  }
  document.documentElement.lang = l;
}

/** problemText turns a server problem into the sentence a person reads. */
export function problemText(d: Dict, p: { status: number; code?: string; detail?: string }): string {
  switch (p.code) {
    case 'meeting.already_recorded':
      return d.problemSheetRecorded;
    case 'period.closed':
    case 'year_end.closed':
      return d.problemYearClosed;
    case 'account.balance_range':
      return d.problemInsufficient;
    case 'meeting.loan_settled':
      return d.problemLoanSettled;
  }
  return d.problem(p.code, p.detail);
}
