// The year end's arithmetic the screen shows before closing: the RAT's
// percentages read exactly, and the pools they give. The rule is the
// books' (YearEnd in api/openapi.json): each pool is the surplus times its
// percentage rounded down to the currency's unit, and what the rounding
// leaves goes to the reserve. Only the pools: members' shares are the
// books' to work out, when the year is closed.

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

export interface Pools {
  reserve: bigint;
  /** In the order given: jasa modal, jasa anggota, then the other funds. */
  others: bigint[];
}

/**
 * pools divides a surplus in minor units by the percentages (in
 * hundredths) of every pool but the reserve, each rounded down; the
 * reserve gets what is left, its own percentage and the remainders. A
 * surplus of zero or less divides nothing.
 */
export function pools(surplusMinor: bigint, others: bigint[]): Pools {
  if (surplusMinor <= 0n) return { reserve: 0n, others: others.map(() => 0n) };
  const parts = others.map((p) => (surplusMinor * p) / 10000n);
  return { reserve: surplusMinor - parts.reduce((a, b) => a + b, 0n), others: parts };
}
