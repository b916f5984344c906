import type { Lang } from './money';

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

function utc(date: string): Date {
  return new Date(date.slice(0, 10) + 'T00:00:00Z');
}

/** longDate: "Rabu, 2 Desember 2026". */
export function longDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(utc(date));
}

/** shortDate: "2 Des 2026". */
export function shortDate(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utc(date));
}

export function monthLabel(month: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], { month: 'short', timeZone: 'UTC' }).format(utc(month + '-01'));
}

export function timeStamp(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locales[lang], {
    day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
  }).format(new Date(ms));
}

/** today in the phone's own time zone, as the server's YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
