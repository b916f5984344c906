// Money from the server's decimal strings to the screen, exactly: amounts
// are never JavaScript numbers. Sums go through BigInt minor units.

export type Lang = 'id' | 'en';

// Fraction digits a currency is kept in; the server sends amounts with
// exactly these (rupiah have none).
const scales: Record<string, number> = { IDR: 0, JPY: 0, KRW: 0, VND: 0, UGX: 0 };
const symbols: Record<string, string> = { IDR: 'Rp', USD: 'US$', EUR: '€' };

export function scaleOf(currency: string): number {
  return scales[currency] ?? 2;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Separators {
  group: string;
  decimal: string;
}

const separatorCache = new Map<Lang, Separators>();

// separators asks Intl how the language writes numbers: Indonesian groups
// with "." and writes decimals with ",", English the other way round.
export function separators(lang: Lang): Separators {
  let s = separatorCache.get(lang);
  if (!s) {
    const parts = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US').formatToParts(11111.5);
    s = {
      group: parts.find((p) => p.type === 'group')?.value ?? (lang === 'id' ? '.' : ','),
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? (lang === 'id' ? ',' : '.'),
    };
    separatorCache.set(lang, s);
  }
  return s;
}

/** groupDigits puts the language's group separator every three digits. */
export function groupDigits(digits: string, lang: Lang): string {
  const { group } = separators(lang);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += group;
    out += digits[i];
  }
  return out;
}

/**
 * formatMoney turns "73301348" into "Rp 73.301.348" (id) or
 * "Rp 73,301,348" (en); "-1250.5" in KES into "-KES 1.250,50". A string
 * that is not a plain decimal is shown as it came rather than guessed at.
 */
export function formatMoney(amount: string, currency: string, lang: Lang): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, minus, whole = '0', fraction = ''] = m;
  const scale = scaleOf(currency);
  const intPart = whole.replace(/^0+(?=\d)/, '');
  let frac = fraction.padEnd(scale, '0');
  if (frac.length > scale) frac = frac.replace(/0+$/, '').padEnd(scale, '0');
  const symbol = symbols[currency] ?? currency;
  const zero = /^0*$/.test(intPart + frac);
  const number = groupDigits(intPart, lang) + (frac ? separators(lang).decimal + frac : '');
  return (minus && !zero ? '-' : '') + symbol + '\u00a0' + number;
}

/** toMinor reads a decimal string as BigInt minor units of the currency. */
export function toMinor(amount: string, currency: string): bigint {
  const m = DECIMAL.exec(amount.trim());
  if (!m) throw new Error(`not a decimal amount: ${amount}`);
  const [, minus, whole = '0', fraction = ''] = m;
  const scale = scaleOf(currency);
  if (fraction.replace(/0+$/, '').length > scale) throw new Error(`too many fraction digits: ${amount}`);
  const v = BigInt(whole + fraction.padEnd(scale, '0').slice(0, scale));
  return minus ? -v : v;
}

/** fromMinor writes BigInt minor units back as the server's decimal string. */
export function fromMinor(minor: bigint, currency: string): string {
  const scale = scaleOf(currency);
  const neg = minor < 0n;
  const digits = (neg ? -minor : minor).toString().padStart(scale + 1, '0');
  const s = scale === 0 ? digits : digits.slice(0, -scale) + '.' + digits.slice(-scale);
  return (neg ? '-' : '') + s;
}

/** sum adds decimal strings exactly. */
export function sum(amounts: readonly string[], currency: string): string {
  let total = 0n;
  for (const a of amounts) total += toMinor(a, currency);
  return fromMinor(total, currency);
}

/**
 * typed keeps what a person typed in an amount field as the server's
 * decimal string (whole units of a currency without fractions; a decimal
 * separator for the others) and shows it grouped as she types.
 */
export function parseTyped(input: string, currency: string, lang: Lang): string {
  const scale = scaleOf(currency);
  const { decimal } = separators(lang);
  let [whole = '', frac = ''] = input.split(decimal);
  whole = whole.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  frac = scale > 0 ? frac.replace(/\D/g, '').slice(0, scale) : '';
  if (!whole && !frac) return '';
  return (whole || '0') + (frac ? '.' + frac : '');
}

export function showTyped(amount: string, lang: Lang): string {
  if (!amount) return '';
  const [whole = '', frac] = amount.split('.');
  return groupDigits(whole, lang) + (frac !== undefined ? separators(lang).decimal + frac : '');
}

export function isPositive(amount: string): boolean {
  return /[1-9]/.test(amount);
}

/** percent turns "0.0881" into "8,8 %" (id) or "8.8%" (en), from the digits. */
export function percent(ratio: string, lang: Lang): string {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (!m) return ratio;
  const frac = (m[3] ?? '').padEnd(4, '0');
  const whole = (m[2] ?? '0') + frac.slice(0, 2);
  const intPart = String(Number(whole)); // at most a few digits: a percentage
  const tenth = frac.slice(2, 3);
  const s = (m[1] ? '-' : '') + intPart + separators(lang).decimal + tenth;
  return lang === 'id' ? s + '\u00a0%' : s + '%';
}

/**
 * percentExact turns a ratio string into a percent with every digit the
 * server sent, trailing zeros dropped down to `fracMin` digits: with 0,
 * "0.0500" is "5 %" and "0.0750" "7,5 %"; with 1, "0.0500" is "5,0 %" and
 * "0.0504" "5,04 %". Nothing is rounded, so a value just past a bound
 * never reads as the bound itself. Not a decimal string: shown as it came.
 */
export function percentExact(ratio: string, lang: Lang, fracMin: number): string {
  const m = DECIMAL.exec(ratio.trim());
  if (!m) return ratio;
  const [, minus, whole = '0', fraction = ''] = m;
  const frac = fraction.padEnd(2, '0');
  const intPart = (whole + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2).replace(/0+$/, '').padEnd(fracMin, '0');
  const zero = /^0*$/.test(intPart + rest);
  const s = (minus && !zero ? '-' : '') + groupDigits(intPart, lang) + (rest ? separators(lang).decimal + rest : '');
  return lang === 'id' ? s + '\u00a0%' : s + '%';
}
