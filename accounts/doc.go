// Package accounts is the cooperative world on top of the ledger: the
// cooperatives (koperasi) whose books the ledger keeps, their groups
// (kelompok) and members (anggota), the partners (mitra) who fund them, the
// users who sign in, and the role grants that decide what each user may see
// and do.
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
// Every service method that needs authorisation takes the acting user as an
// Actor and decides through the policy in authz.go. What an actor may not
// read is answered as not found, so that nobody learns what exists outside
// her scope; what she may read but not change is answered as forbidden.
//
// Each cooperative owns one ledger book, created with a standard chart of
// accounts (chart.go); each member gets her own savings sub-accounts for
// simpanan pokok (the one-off principal share, equity), simpanan wajib (the
// mandatory periodic savings, equity) and simpanan sukarela (voluntary
// savings, a liability that may never go below zero).
package accounts
