// Package imports brings a cooperative's existing books into Lumbung from
// the spreadsheets its treasurer keeps: its members, the opening balances
// on the day it starts (cut-over day), and the loans its members are
// already repaying.
//
// A file is a table with a header row, as CSV (cells separated by ';' with
// decimal commas, as Indonesian Excel writes it, or by ',' with decimal
// points) or as an .xlsx workbook (its first sheet). Its header is in
// Bahasa Indonesia or in English, as the templates are.
//
// Invariants: an import is all or nothing, one transaction; every row
// posts through the services a treasurer's own request goes through, so
// every rule of theirs holds (a pokok above the cooperative's amount, a
// loan beyond its facility's funds are refused as they would be); the
// opening entries balance against the opening balance equity account
// (3800); and the same file imported twice changes nothing the second
// time: the imports table keys every import by cooperative, kind and the
// SHA-256 of the file, and a replay answers what the first import did.
// A dry run does all of it and rolls back.
package imports
