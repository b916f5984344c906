// Package capital records the partners' capital arriving and going back: a
// facility (a grant, a loan or equity) is committed by an admin, arrives in
// tranches (capital.tranche) and, for a loan facility, is repaid in
// principal and interest (capital.repayment).
//
// What a facility has received never passes its commitment: each tranche
// checks it under the facility's row lock, the schema holds received_minor
// to committed_minor, and lumbung verify compares it with the tranches
// (Checks).
package capital
