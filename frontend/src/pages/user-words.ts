// The words of a user's sign-in actions, for the treasurer's member users
// and the admin's users.
import { t, words } from '../i18n';

export const en = {
  signInActions: 'Password and access',
  memberUsers: 'Members’ sign-ins',
  memberUsersHint: 'A member who forgot her password gets a temporary one here; a phone that was lost is stopped here.',
  active: 'Can sign in',
  deactivated: 'Stopped',
  resetPassword: 'New temporary password',
  resetConfirm: (name: string) => `Give ${name} a temporary password? Every session ends, and a password of their own is chosen at the next sign-in.`,
  yesReset: 'Yes, give a new one',
  temporaryIs: (name: string) => `Temporary password for ${name}`,
  temporaryOnce: 'Shown this once: hand it over now. It works until',
  copy: 'Copy',
  copied: 'Copied',
  deactivate: 'Stop signing in',
  deactivateConfirm: (name: string) => `Stop ${name} signing in? Every phone signed in is signed out. Savings and loans stay as they are.`,
  yesDeactivate: 'Yes, stop it',
  reactivate: 'Allow signing in again',
  nowDeactivated: (name: string) => `${name} can no longer sign in.`,
  nowActive: (name: string) => `${name} can sign in again, with the same password.`,
};

export const id: typeof en = {
  signInActions: 'Kata sandi dan akses',
  memberUsers: 'Akun masuk anggota',
  memberUsersHint: 'Anggota yang lupa kata sandi mendapat kata sandi sementara di sini; HP yang hilang dihentikan di sini.',
  active: 'Bisa masuk',
  deactivated: 'Dihentikan',
  resetPassword: 'Kata sandi sementara baru',
  resetConfirm: (name) => `Beri ${name} kata sandi sementara? Ia dikeluarkan dari semua perangkat dan membuat kata sandinya sendiri saat masuk nanti.`,
  yesReset: 'Ya, buat yang baru',
  temporaryIs: (name) => `Kata sandi sementara untuk ${name}`,
  temporaryOnce: 'Hanya ditampilkan sekali ini: berikan kepadanya sekarang. Berlaku sampai',
  copy: 'Salin',
  copied: 'Tersalin',
  deactivate: 'Hentikan aksesnya',
  deactivateConfirm: (name) => `Hentikan akses ${name}? Ia dikeluarkan dari semua HP. Simpanan dan pinjamannya tetap seperti adanya.`,
  yesDeactivate: 'Ya, hentikan',
  reactivate: 'Izinkan masuk lagi',
  nowDeactivated: (name) => `${name} tidak bisa masuk lagi.`,
  nowActive: (name) => `${name} bisa masuk lagi, dengan kata sandi lamanya.`,
};

export const w = words(t, en, id);
