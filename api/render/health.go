package render

import (
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/reports"
)

// ratioWords is a health ratio's name and plain-language definition.
type ratioWords struct{ name, definition string }

// ratiosID are the health ratios in Indonesian, by key. The English ones
// are the accounts package's own; TestRatiosID fails for a ratio that has
// none here.
var ratiosID = map[string]ratioWords{
	reports.RatioNPL: {"Pinjaman bermasalah (NPL)",
		"sisa pokok pinjaman yang angsurannya terlambat lebih dari 90 hari (macet), dibagi seluruh sisa pokok"},
	reports.RatioPAR30: {"Portofolio berisiko 30 hari (PAR30)",
		"sisa pokok pinjaman yang angsurannya terlambat lebih dari 30 hari, dibagi seluruh sisa pokok"},
	reports.RatioRepayment: {"Tingkat pengembalian",
		"pokok dan bunga yang tertagih dari angsuran jatuh tempo, dibagi seluruh yang jatuh tempo, sejak pinjaman dimulai"},
	reports.RatioWriteOffs: {"Penghapusan pinjaman",
		"pokok yang dihapusbukukan sejak 1 Januari, dibagi sisa pokok pada 31 Desember sebelumnya"},
	reports.RatioLiquidity: {"Likuiditas (rasio kas)",
		"kas dan bank, dibagi yang dapat diminta sewaktu-waktu: simpanan sukarela, utang, dan dana SHU yang belum dibayar"},
	reports.RatioLoansToSavings: {"Pinjaman terhadap simpanan anggota",
		"piutang pinjaman anggota, dibagi simpanan pokok, wajib, dan sukarela anggota"},
	reports.RatioSelfReliance: {"Kemandirian",
		"simpanan pokok, wajib, dan sukarela anggota, dibagi modal mitra di koperasi: pinjaman, hibah, dan penyertaan"},
	reports.RatioCapital: {"Kecukupan modal",
		"ekuitas, termasuk SHU tahun berjalan, dibagi jumlah aset"},
	reports.RatioSelfSufficiency: {"Kemandirian operasional",
		"pendapatan sejak 1 Januari, dibagi beban sejak 1 Januari"},
	reports.RatioReturnOnAssets: {"Rentabilitas aset",
		"SHU sejak 1 Januari, dibagi jumlah aset"},
}

// RatioIn is a ratio's name and definition in a language.
func RatioIn(r reports.Ratio, lang Lang) (name, definition string) {
	if w, ok := ratiosID[r.Key]; ok && lang == ID {
		return w.name, w.definition
	}
	return r.Name, r.Definition
}

// bandIn is a health band as the language names it; empty for none.
func bandIn(w *words, b reports.Band) string {
	switch b {
	case reports.BandHealthy:
		return w.Healthy
	case reports.BandWatch:
		return w.Watch
	case reports.BandUnhealthy:
		return w.Unhealthy
	}
	return ""
}

// BoundRatio is a standard's bound in basis points as a ratio string
// ("0.0500"), the form of the ratios themselves.
func BoundRatio(bp int64) string { return decimal.New(bp, -4).StringFixed(4) }

// facilityKind is a partner facility's kind as the language names it.
func facilityKind(w *words, kind string) string {
	switch kind {
	case "grant":
		return w.KindGrant
	case "loan":
		return w.KindLoan
	case "equity":
		return w.KindEquity
	}
	return kind
}
