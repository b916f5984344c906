// What an audit event changed, field by field: the before and after
// records the server keeps, compared here so that a person reads
// "No. HP: 0812… → 0813…" and not two JSON documents.

export interface Change {
  field: string;
  before?: string;
  after?: string;
}

type Rec = Record<string, unknown> | null | undefined;

function show(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x) ?? '—').join(', ') : undefined;
  return JSON.stringify(v);
}

/**
 * changes lists the fields that differ between before and after, in the
 * order they first appear: every field of a creation (before null), of a
 * removal (after null), and only what moved in an update.
 */
export function changes(before: Rec, after: Rec): Change[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: Change[] = [];
  for (const field of keys) {
    const b = show(before?.[field]);
    const a = show(after?.[field]);
    if (b === a) continue;
    const c: Change = { field };
    if (b !== undefined) c.before = b;
    if (a !== undefined) c.after = a;
    out.push(c);
  }
  return out;
}
