package api

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Koperasi Wanita Sejahtera":       "koperasi-wanita-sejahtera",
		"  KSP \"Mawar\" / Desa Sukamaju": "ksp-mawar-desa-sukamaju",
		"2100.0007":                       "2100-0007",
		"Yayasan Dana Désa":               "yayasan-dana-desa",
		"—":                               "report",
		strings.Repeat("ab ", 40):         strings.TrimSuffix(strings.Repeat("ab-", 20), "-"),
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q): got %q, want %q", in, got, want)
		}
	}
}
