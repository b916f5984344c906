// Package loadbench is `lumbung bench`: a load of Lumbung over its HTTP API,
// each scenario measured beside a raw-SQL ceiling of the same work.
//
// Vocabulary:
//
//   - A scenario is one kind of request: posting two-line entries between
//     random accounts of one book (uniform), through the book's cash account
//     (hot), or across sixteen books; reading a balance or a trial balance.
//   - A cell is one scenario at one number of concurrent clients, run for a
//     fixed duration.
//   - The ceiling of a posting cell writes the same rows into the same schema
//     with pgx and nothing around them: per entry one transaction that
//     updates the two balances in account ID order, takes the book's
//     sequence and inserts the entry and its postings. It writes into books
//     of its own, so that the two sides never wait for each other's locks.
//   - A round trip is one exchange between the server and PostgreSQL that
//     ends in ReadyForQuery; a proxy between them counts those.
//
// Everything the load needs is made through the HTTP API, as a client
// would; only the admin who makes it comes from `lumbung user create`, as
// on any new installation. On a database of its own the run ends with
// `lumbung verify`: the load must leave every invariant whole, the
// ceiling's rows and chain hashes included. The package knows Lumbung only
// through its commands, its API, the schema the ceiling writes and the
// ledger's chain hash.
package loadbench
