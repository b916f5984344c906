// Package snapshot copies a whole Lumbung store into a portable file and
// back: the backup a cooperative keeps, and the road from the embedded
// SQLite store to PostgreSQL (or back) in one command.
//
// A snapshot is a gzip'd file of JSON lines:
//
//   - a header: the format and its version, the dialect it was taken from,
//     the migrations applied to the store, and every table in the order it
//     loads (parents before the tables that reference them) with its
//     columns, each column's kind, and its row count;
//   - each table's rows, in header order, one JSON array per row;
//   - a trailer: the SHA-256 of every line before it.
//
// Tables and columns are read from the schema itself, not from a list kept
// here, so a table or column a migration adds is copied without a change to
// this package. Each value is written by its column's kind (integer, text,
// timestamp, date, bytes, boolean), so that a PostgreSQL TIMESTAMPTZ and the
// SQLite TEXT that holds the same instant round-trip exactly; a column type
// this package cannot carry (a float above all: money is never one) stops
// the backup rather than be copied wrongly.
//
// Write reads every table in one read transaction: REPEATABLE READ READ ONLY
// on PostgreSQL, a deferred read transaction on SQLite, which in WAL mode
// sees one moment of the file while writers go on. Restore loads only into
// an empty store at the snapshot's migration version, in one transaction,
// and commits only if every row and the checksum are right.
package snapshot
