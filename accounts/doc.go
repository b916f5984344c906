// Package accounts is the cooperative world's shared ground on top of the
// ledger: who exists, who may see what, the chart, money input,
// idempotency and paging. The services of each noun live in packages of
// their own below it (identity, savings, capital, books, lending, yearend,
// meetings, reports) and import it; it imports none of them.
//
// Who exists: the cooperatives (koperasi) whose books the ledger keeps,
// their groups (kelompok) and members (anggota), the partners (mitra) who
// fund them through facilities, and the users who sign in.
//
// Roles and their scopes:
//
//   - admin: runs the platform; creates cooperatives, partners, users and
//     grants. Reads no cooperative's books.
//   - treasurer (bendahara) of a cooperative: keeps that cooperative's books
//     and its groups and members.
//   - member (anggota): reads her own accounts and her group's summary.
//   - partner: reads what its capital funds.
//
// The policy (policy.go) is the only maker of scope values: Books (the
// treasurer keeps this cooperative's books), MemberRead (the member herself
// or her treasurer), MembersRead (any member of the cooperative or its
// treasurer), GroupRead (a current member of the group or the treasurer)
// and Admin. Their fields are unexported, so a service of another package
// holds one only once the policy has said yes, and the lookups services
// share are methods of a scope taking a bun.IDB: the caller's transaction
// when it is in one. What an actor may not read is answered as not found,
// so that nobody learns what exists outside her scope; what she may read
// but not change is answered as forbidden.
//
// Each cooperative owns one ledger book, created with a standard chart of
// accounts (chart.go), whose code prefixes are reserved for the services:
// members' savings 3100/3200/2100.NNNN, loans 1300/1400/4100.LNNNN,
// facilities under 2200/3300/3400, and the SHU funds 2400/3700.NN. Each member gets her own
// savings sub-accounts for simpanan pokok (the one-off principal share,
// equity, whose ceiling is the cooperative's amount), simpanan wajib (the
// mandatory periodic savings, equity) and simpanan sukarela (voluntary
// savings, a liability that may never go below zero).
//
// Idempotency: a money movement with a key already recorded in the book,
// for the same kind of request about the same subject and with the same
// fingerprint, answers the recorded entry; anything else under that key is
// a conflict. Listings page by an ID cursor, at most PageSizeMax rows.
//
// Lock order, for every writer: member rows, loan rows, facility rows, then
// the ledger's accounts (by ID) and last the book's sequence.
package accounts
