// The meeting's draft and what it becomes: kept apart from the screen so
// the sums and the request body are plain functions.
import type { Schemas } from '../../api/client';
import { isPositive, sum, toMinor } from '../../money';

export type Sheet = Schemas['CollectionSheet'];
export type SheetRequest = Schemas['SheetRequest'];
export type Recorded = Schemas['RecordedMeeting'];

export interface GroupPayment {
  loan_id: string;
  payer: string;
  covers: string;
  amount: string;
}

/**
 * Attendance: she came, she did not, or someone came for her with her
 * money (groups write *diwakilkan*): then the minutes name who came.
 */
export type Attendance = NonNullable<Schemas['SheetPayment']['attendance']>;

export interface Draft {
  attendance: Record<string, Attendance>;
  /** Who came for a represented member, as the treasurer typed it. */
  representedBy: Record<string, string>;
  loans: Record<string, string>;
  wajib: Record<string, string>;
  sukarela: Record<string, string>;
  group: GroupPayment[];
}

/**
 * StoredDraft is a draft as the phone may hold it: one saved before
 * attendance had three states has `attended` (true present, false absent)
 * and none of the newer fields.
 */
export type StoredDraft = Partial<Draft> & { attended?: Record<string, boolean> };

export function emptyDraft(): Draft {
  return { attendance: {}, representedBy: {}, loans: {}, wajib: {}, sukarela: {}, group: [] };
}

/** fromStored reads a draft from the phone, also one saved before `attendance`. */
export function fromStored(stored: StoredDraft): Draft {
  const { attended, ...x } = stored;
  const attendance: Record<string, Attendance> = {};
  for (const [id, came] of Object.entries(attended ?? {})) attendance[id] = came ? 'present' : 'absent';
  return {
    ...emptyDraft(),
    ...x,
    attendance: { ...attendance, ...(x.attendance ?? {}) },
    representedBy: { ...(x.representedBy ?? {}) },
  };
}

/** attendanceOf: a member's attendance in the draft; absent until marked. */
export function attendanceOf(d: Draft, member: string): Attendance {
  return d.attendance[member] ?? 'absent';
}

/** lineAttendance reads a request line, also one queued before `attendance`. */
export function lineAttendance(p: Schemas['SheetPayment']): Attendance {
  return p.attendance ?? (p.attended ? 'present' : 'absent');
}

/** recordedAttendance reads a recorded line, also a copy stored on the phone before `attendance`. */
export function recordedAttendance(l: Pick<Recorded['lines'][number], 'attended'> & { attendance?: Attendance }): Attendance {
  return l.attendance ?? (l.attended ? 'present' : 'absent');
}

/** pays: the line brings money to the meeting. */
export function pays(p: Schemas['SheetPayment']): boolean {
  return !!p.loans?.length || isPositive(p.wajib ?? '') || isPositive(p.sukarela ?? '');
}

/**
 * A line the server would refuse, said before sending: a represented
 * member without the name of who came, or an absent member who pays (her
 * money came, so someone represented her).
 */
export interface LineProblem {
  member_id: string;
  problem: 'needsName' | 'absentPays';
}

export function problems(req: SheetRequest): LineProblem[] {
  const out: LineProblem[] = [];
  for (const p of req.lines) {
    const a = lineAttendance(p);
    if (a === 'represented' && !p.represented_by) out.push({ member_id: p.member_id, problem: 'needsName' });
    if (a === 'absent' && pays(p)) out.push({ member_id: p.member_id, problem: 'absentPays' });
  }
  return out;
}

/** everyonePaid: every member present, every loan and wajib paid as due. */
export function everyonePaid(sheet: Sheet, d: Draft): Draft {
  const next: Draft = { ...d, attendance: { ...d.attendance }, loans: { ...d.loans }, wajib: { ...d.wajib } };
  for (const line of sheet.lines) {
    // A member someone represents stays represented: her money came, she did not.
    if (next.attendance[line.member_id] !== 'represented') next.attendance[line.member_id] = 'present';
    for (const l of line.loans) next.loans[l.loan_id] = isPositive(l.due) ? l.due : '';
    next.wajib[line.member_id] = isPositive(line.wajib_due) ? line.wajib_due : '';
  }
  return next;
}

export function toRequest(sheet: Sheet, d: Draft): SheetRequest {
  return {
    date: sheet.date,
    lines: sheet.lines.map((line) => {
      const attendance = attendanceOf(d, line.member_id);
      const out: Schemas['SheetPayment'] = { member_id: line.member_id, attendance };
      const by = (d.representedBy[line.member_id] ?? '').trim();
      if (attendance === 'represented' && by) out.represented_by = by;
      const loans: Schemas['SheetLoanPayment'][] = [];
      for (const l of line.loans) {
        const a = d.loans[l.loan_id] ?? '';
        if (isPositive(a)) loans.push({ loan_id: l.loan_id, amount: a });
      }
      for (const g of d.group) {
        if (g.payer === line.member_id && isPositive(g.amount)) {
          const p: Schemas['SheetLoanPayment'] = { loan_id: g.loan_id, amount: g.amount };
          if (g.covers) p.covers = g.covers;
          loans.push(p);
        }
      }
      if (loans.length) out.loans = loans;
      const w = d.wajib[line.member_id] ?? '';
      if (isPositive(w)) out.wajib = w;
      const s = d.sukarela[line.member_id] ?? '';
      if (isPositive(s)) out.sukarela = s;
      return out;
    }),
  };
}

export interface Totals {
  installments: string;
  wajib: string;
  sukarela: string;
  cash: string;
  present: number;
  represented: number;
  absent: number;
  /** Members represented, with who came for each. */
  representedBy: { name: string; by: string }[];
  /** Members who paid less than due on a loan or on wajib. */
  short: string[];
}

export function totals(sheet: Sheet, req: SheetRequest): Totals {
  const cur = sheet.currency;
  const loanAmounts: string[] = [];
  const wajib: string[] = [];
  const sukarela: string[] = [];
  const short: string[] = [];
  const count = { present: 0, represented: 0, absent: 0 };
  const representedBy: Totals['representedBy'] = [];
  req.lines.forEach((p, i) => {
    const line = sheet.lines[i]!;
    const a = lineAttendance(p);
    count[a]++;
    if (a === 'represented') representedBy.push({ name: line.name, by: p.represented_by ?? '' });
    for (const l of p.loans ?? []) loanAmounts.push(l.amount);
    if (p.wajib) wajib.push(p.wajib);
    if (p.sukarela) sukarela.push(p.sukarela);
    const paidOwn = (id: string) => p.loans?.find((x) => x.loan_id === id && !x.covers)?.amount ?? '0';
    const loanShort = line.loans.some((l) => toMinor(l.due, cur) > toMinor(paidOwn(l.loan_id), cur));
    const wajibShort = toMinor(line.wajib_due, cur) > toMinor(p.wajib ?? '0', cur);
    if (loanShort || wajibShort) short.push(line.name);
  });
  const installments = sum(loanAmounts, cur);
  const w = sum(wajib, cur);
  const s = sum(sukarela, cur);
  return { installments, wajib: w, sukarela: s, cash: sum([installments, w, s], cur), ...count, representedBy, short };
}

/** waNumber turns an Indonesian phone number (0812…, +62 812…) into WhatsApp's 62812…. */
export function waNumber(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('0') ? '62' + digits.slice(1) : digits;
}

/**
 * forAmend gives the sheet a recorded meeting is amended on: the day's
 * sheet, with every loan the meeting paid on its payer's line, also one the
 * payment has since paid off and the day's sheet no longer lists. Such a
 * loan's number comes from `numbers` (the loans read from the server).
 */
export function forAmend(sheet: Sheet, m: Recorded, numbers: Readonly<Record<string, number>>): Sheet {
  const group = new Set(sheet.group_loans.map((l) => l.loan_id));
  const lines = sheet.lines.map((line) => {
    const rec = m.lines.find((r) => r.member_id === line.member_id);
    const extra = (rec?.loans ?? [])
      .filter((l) => !group.has(l.loan_id) && !line.loans.some((x) => x.loan_id === l.loan_id))
      .map((l) => ({ loan_id: l.loan_id, number: numbers[l.loan_id] ?? 0, due: '0', outstanding: '0', days_past_due: 0 }));
    return extra.length ? { ...line, loans: [...line.loans, ...extra] } : line;
  });
  return { ...sheet, lines };
}

/** missingLoans: the loans a recorded meeting paid that the day's sheet no longer lists. */
export function missingLoans(sheet: Sheet, m: Recorded): string[] {
  const known = new Set([...sheet.group_loans.map((l) => l.loan_id), ...sheet.lines.flatMap((l) => l.loans.map((x) => x.loan_id))]);
  return [...new Set(m.lines.flatMap((l) => l.loans.map((x) => x.loan_id)).filter((id) => !known.has(id)))].sort();
}

/** loanNumbers: every loan number the sheet knows, and those read besides. */
export function loanNumbers(sheet: Sheet, extra: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...extra };
  for (const l of sheet.group_loans) out[l.loan_id] = l.number;
  for (const line of sheet.lines) for (const l of line.loans) out[l.loan_id] = l.number;
  return out;
}

/** draftFrom prefills the sheet with what a recorded meeting holds. */
export function draftFrom(sheet: Sheet, m: Recorded): Draft {
  const d = emptyDraft();
  const group = new Set(sheet.group_loans.map((l) => l.loan_id));
  for (const r of m.lines) {
    d.attendance[r.member_id] = recordedAttendance(r);
    if (r.represented_by) d.representedBy[r.member_id] = r.represented_by;
    if (isPositive(r.wajib)) d.wajib[r.member_id] = r.wajib;
    if (isPositive(r.sukarela)) d.sukarela[r.member_id] = r.sukarela;
    for (const l of r.loans) {
      if (!isPositive(l.amount)) continue;
      if (!group.has(l.loan_id)) {
        d.loans[l.loan_id] = l.amount;
        continue;
      }
      const cover = m.covers.find((c) => c.entry_id === l.entry_id && c.covering_member_id === r.member_id);
      d.group.push({ loan_id: l.loan_id, payer: r.member_id, covers: cover?.covered_member_id ?? '', amount: l.amount });
    }
  }
  return d;
}
