// Package shu divides a cooperative's SHU (sisa hasil usaha, the year's
// surplus) by its by-laws' percentages, exactly: pure rules over plain
// values, with no database. The rounding rules are at the top of shu.go;
// the parts always sum to the surplus, to the last rupiah.
package shu
