package render

import (
	"github.com/shopspring/decimal"

	"github.com/lumbung/lumbung/accounts/reports"
)

// ratioWords is a health ratio's name, plain-language definition, and the
// source of its standard (empty for self-reliance, which has none).
type ratioWords struct{ name, definition, source string }

// ratiosID are the health ratios in Indonesian, by key. The English ones
// are the accounts package's own; TestRatiosID fails for a ratio that has
// none here.
var ratiosID = map[string]ratioWords{
	reports.RatioNPL: {"Pinjaman bermasalah (NPL)",
		"sisa pokok pinjaman yang angsurannya terlambat lebih dari 90 hari (macet), dibagi seluruh sisa pokok",
		"OJK, POJK 15/POJK.03/2017 (NPL di atas 5 % menempatkan bank dalam pengawasan intensif)"},
	reports.RatioPAR30: {"Portofolio berisiko 30 hari (PAR30)",
		"sisa pokok pinjaman yang angsurannya terlambat lebih dari 30 hari, dibagi seluruh sisa pokok",
		"WOCCU, PEARLS Monitoring System (Toolkit Series No. 4, 2009), A1: tunggakan paling banyak 5 %"},
	reports.RatioRepayment: {"Tingkat pengembalian",
		"pokok dan bunga yang tertagih dari angsuran jatuh tempo, dibagi seluruh yang jatuh tempo, sejak pinjaman dimulai",
		"Lumbung"},
	reports.RatioArrearsBeforeCover: {"Tunggakan sebelum talangan",
		"tunggakan kepada koperasi ditambah talangan sesama anggota yang belum dibayar kembali oleh anggota yang ditalangi, dibagi seluruh sisa pokok",
		"Lumbung"},
	reports.RatioWriteOffs: {"Penghapusan pinjaman",
		"pokok yang dihapusbukukan sejak 1 Januari, dibagi sisa pokok pada 31 Desember sebelumnya",
		"Lumbung"},
	reports.RatioLiquidity: {"Likuiditas (rasio kas)",
		"kas dan bank, dibagi yang dapat diminta sewaktu-waktu: simpanan sukarela, utang, dan dana SHU yang belum dibayar",
		"WOCCU, PEARLS Monitoring System (Toolkit Series No. 4, 2009), L1: aset likuid paling sedikit 15 % dari simpanan"},
	reports.RatioLoansToSavings: {"Pinjaman terhadap simpanan anggota",
		"piutang pinjaman anggota, dibagi simpanan pokok, wajib, dan sukarela anggota",
		"Lumbung"},
	reports.RatioSelfReliance: {"Kemandirian",
		"simpanan pokok, wajib, dan sukarela anggota, dibagi modal mitra di koperasi: pinjaman, hibah, dan penyertaan", ""},
	reports.RatioCapital: {"Kecukupan modal",
		"ekuitas, termasuk SHU tahun berjalan, dibagi jumlah aset",
		"WOCCU, PEARLS Monitoring System (Toolkit Series No. 4, 2009), E9: modal kelembagaan paling sedikit 10 % dari aset"},
	reports.RatioSelfSufficiency: {"Kemandirian operasional",
		"pendapatan sejak 1 Januari, dibagi beban sejak 1 Januari",
		"SEEP Network, Measuring Performance of Microfinance Institutions (2005): OSS di atas 100 % menutup biaya"},
	reports.RatioReturnOnAssets: {"Rentabilitas aset",
		"SHU sejak 1 Januari, dibagi jumlah aset",
		"Lumbung"},
}

// SourceIn is the source of a ratio's standard in a language; empty for a
// ratio without one.
func SourceIn(r reports.Ratio, lang Lang) string {
	if r.Standard == nil {
		return ""
	}
	if w, ok := ratiosID[r.Key]; ok && lang == ID {
		return w.source
	}
	return r.Standard.Source
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
