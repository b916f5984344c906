// The RAT's percentages on the year end screen, read exactly so the form
// knows they add up to 100 before it asks the server for its preview. The
// pools and members' shares are the books' to work out
// (POST /v1/cooperatives/{coop}/year-ends/preview).

/** hundredths reads "25", "2.5" or "2,5" as hundredths of a percent point; null if it is not a percentage from 0 to 100 with at most two decimals. */
export function hundredths(p: string): bigint | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(p.trim());
  if (!m) return null;
  const v = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return v <= 10000n ? v : null;
}

/** showHundredths writes hundredths back as a percentage in the reader's decimal mark: 2550n -> "25,5". */
export function showHundredths(h: bigint, lang: 'id' | 'en'): string {
  const frac = h % 100n ? (lang === 'id' ? ',' : '.') + String(h % 100n).padStart(2, '0').replace(/0$/, '') : '';
  return `${h / 100n}${frac}`;
}
