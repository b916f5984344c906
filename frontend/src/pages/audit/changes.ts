// What an audit event changed, field by field: the before and after
// records the server keeps, compared here so that a person reads
// "No. HP: 0812… → 0813…" and not two JSON documents.

export interface Change {
  field: string;
  before?: string;
  after?: string;
}

type Rec = Record<string, unknown> | null | undefined;

function show(v: unknown, name: (s: string) => string): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return name(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length ? v.map((x) => show(x, name) ?? '—').join(', ') : undefined;
  return JSON.stringify(v);
}

/**
 * changes lists the fields that differ between before and after, in the
 * order they first appear: every field of a creation (before null), of a
 * removal (after null), and only what moved in an update. name reads a
 * stored value in words (a group's ID as its name, "female" as
 * "perempuan"); it is not used to decide what changed.
 */
export function changes(before: Rec, after: Rec, name: (s: string) => string = (s) => s): Change[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: Change[] = [];
  for (const field of keys) {
    const b = show(before?.[field], name);
    const a = show(after?.[field], name);
    if (JSON.stringify(before?.[field] ?? null) === JSON.stringify(after?.[field] ?? null) || b === a) continue;
    const c: Change = { field };
    if (b !== undefined) c.before = b;
    if (a !== undefined) c.after = a;
    out.push(c);
  }
  return out;
}
