package accounts

import "testing"

// TestChartNamesID: every account the standard chart opens, and every code
// that only gathers members' sub-accounts, has its Indonesian name, so a
// document in Indonesian never shows an English account name.
func TestChartNamesID(t *testing.T) {
	codes := []string{CodeSukarela, CodePokok, CodeWajib, CodeSHUFundsPayable, CodeSHUFunds}
	for _, a := range standardChart {
		codes = append(codes, a.Code)
	}
	for _, code := range codes {
		if name, ok := AccountNameID(code); !ok || name == "" {
			t.Errorf("no Indonesian name for account %s", code)
		}
	}
	if got, want := len(chartNamesID), len(codes); got != want {
		t.Errorf("%d Indonesian names for %d codes: a name for a code Lumbung does not open", got, want)
	}
}
