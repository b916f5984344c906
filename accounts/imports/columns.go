package imports

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/ledger"
)

// Kind is what a file holds.
type Kind string

const (
	Members         Kind = "members"
	OpeningBalances Kind = "opening-balances"
	Loans           Kind = "loans"
)

// Kinds are the kinds, in the order a cooperative imports them: members
// first, whom the balances and the loans name; the balances, which bring
// the partner capital the loans are lent from; the loans last.
var Kinds = []Kind{Members, OpeningBalances, Loans}

// ParseKind accepts the three kinds.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, true
		}
	}
	return "", false
}

// column is one column of a kind's file: its English name, its Indonesian
// name, and whether every row must fill it.
type column struct {
	en, id   string
	required bool
}

var columns = map[Kind][]column{
	Members: {
		{"group", "kelompok", true}, {"name", "nama", true}, {"gender", "jenis_kelamin", true},
		{"joined_on", "tanggal_masuk", true}, {"business_type", "jenis_usaha", false}, {"phone", "telepon", false},
	},
	OpeningBalances: {
		{"date", "tanggal", true}, {"account", "akun", true}, {"member", "anggota", false}, {"amount", "jumlah", true},
	},
	Loans: {
		{"member", "anggota", true}, {"facility", "fasilitas", true}, {"principal", "pokok_pinjaman", true},
		{"annual_rate", "bunga_per_tahun", true}, {"method", "metode", true}, {"frequency", "frekuensi", true},
		{"installments", "jumlah_angsuran", true}, {"grace_periods", "masa_tenggang", false},
		{"disbursed_on", "tanggal_cair", true}, {"repaid", "sudah_dibayar", false}, {"repaid_on", "tanggal_posisi", false},
		{"purpose", "tujuan", false},
	},
}

// layout is where a file keeps each column, by English name, and the name
// its header gives it, which the problems name.
type layout struct {
	index map[string]int
	name  map[string]string
}

// readLayout matches a header to the kind's columns, in either language
// (spaces and case aside). Errors: KindInvalid naming each unknown,
// repeated or missing column.
func readLayout(kind Kind, header []string) (layout, error) {
	l := layout{index: map[string]int{}, name: map[string]string{}}
	var fields []ledger.FieldError
	for i, h := range header {
		key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(h), " ", "_"))
		if key == "" {
			continue
		}
		c, ok := columnNamed(kind, key)
		switch {
		case !ok:
			fields = append(fields, ledger.FieldError{Field: "columns." + h, Reason: "not a column of this import; see the template"})
		case l.name[c.en] != "":
			fields = append(fields, ledger.FieldError{Field: "columns." + h, Reason: "given more than once"})
		default:
			l.index[c.en], l.name[c.en] = i, h
		}
	}
	for _, c := range columns[kind] {
		if _, ok := l.index[c.en]; c.required && !ok {
			fields = append(fields, ledger.FieldError{Field: "columns." + c.id, Reason: "a required column is missing"})
		}
	}
	if len(fields) > 0 {
		return layout{}, accounts.Invalid("import.invalid", fields)
	}
	return l, nil
}

func columnNamed(kind Kind, key string) (column, bool) {
	for _, c := range columns[kind] {
		if key == c.en || key == c.id {
			return c, true
		}
	}
	return column{}, false
}

// Template is an empty file of a kind for a treasurer to fill: its header
// in her language; a CSV in Indonesian is separated by ';', as her Excel
// reads it, in English by ','. To those who may import into the
// cooperative. Errors: as Import; KindInvalid for an unknown kind or
// format.
func (s *Service) Template(ctx context.Context, a accounts.Actor, cooperativeID string, kind Kind, f Format, lang accounts.Language) (b []byte, err error) {
	defer ledger.Wrap(&err, "Template(%s, %s)", cooperativeID, kind)
	if _, err := s.core.BooksToSetUp(ctx, a, cooperativeID); err != nil {
		return nil, err
	}
	return template(kind, f, lang)
}

func template(kind Kind, f Format, lang accounts.Language) ([]byte, error) {
	cs, ok := columns[kind]
	if !ok {
		return nil, ledger.InvalidField("import.invalid", "kind", "members, opening-balances or loans")
	}
	header := make([]string, len(cs))
	for i, c := range cs {
		header[i] = c.en
		if lang == accounts.LanguageID {
			header[i] = c.id
		}
	}
	switch f {
	case CSV:
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if lang == accounts.LanguageID {
			w.Comma = ';'
		}
		if err := w.Write(header); err != nil {
			return nil, err
		}
		w.Flush()
		return b.Bytes(), w.Error()
	case XLSX:
		return xlsxTemplate(kind, header)
	}
	return nil, ledger.InvalidField("import.invalid", "format", "csv or xlsx")
}

func xlsxTemplate(kind Kind, header []string) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := string(kind)
	if err := x.SetSheetName(x.GetSheetName(0), sheet); err != nil {
		return nil, err
	}
	for i, h := range header {
		cell, err := excelize.CoordinatesToCellName(i+1, 1)
		if err != nil {
			return nil, err
		}
		if err := x.SetCellStr(sheet, cell, h); err != nil {
			return nil, err
		}
	}
	b, err := x.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write the %s template: %w", kind, err)
	}
	return b.Bytes(), nil
}
