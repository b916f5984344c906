package render

import "github.com/lumbung/lumbung/accounts"

// accountName is an account's name as the reader's language says it. The
// accounts Lumbung opens under codes of its own are stored with English
// names and read in Indonesian by their code (accounts.AccountNameID); any
// other account, a member's savings or one the treasurer opened, keeps the
// name it was given.
func (l Lang) accountName(code, name string) string {
	if l == ID {
		if id, ok := accounts.AccountNameID(code); ok {
			return id
		}
	}
	return name
}

// kindNames are the kinds of entry Lumbung posts, as each language says
// them in a document. A kind a treasurer gave an entry of her own is shown
// as she wrote it.
var kindNames = [...]map[string]string{
	ID: {
		"savings.deposit":    "Setoran simpanan",
		"savings.withdrawal": "Penarikan simpanan",
		"loan.disbursement":  "Pencairan pinjaman",
		"loan.repayment":     "Angsuran pinjaman",
		"loan.penalty":       "Denda pinjaman",
		"loan.write_off":     "Penghapusan pinjaman",
		"cover.debt":         "Talangan tanggung renteng",
		"cover.repaid":       "Pelunasan talangan",
		"capital.tranche":    "Penerimaan modal mitra",
		"capital.repayment":  "Pengembalian modal mitra",
		"expense":            "Beban",
		"income.other":       "Pendapatan lain-lain",
		"member.exit":        "Anggota keluar",
		"year.close":         "Tutup buku tahunan",
		"shu.distribution":   "Pembagian SHU",
		"opening.balance":    "Saldo awal",
	},
	EN: {
		"savings.deposit":    "Savings deposit",
		"savings.withdrawal": "Savings withdrawal",
		"loan.disbursement":  "Loan disbursement",
		"loan.repayment":     "Loan repayment",
		"loan.penalty":       "Loan penalty",
		"loan.write_off":     "Loan write-off",
		"cover.debt":         "Joint liability cover",
		"cover.repaid":       "Covers repaid",
		"capital.tranche":    "Partner capital received",
		"capital.repayment":  "Partner capital repaid",
		"expense":            "Expense",
		"income.other":       "Other income",
		"member.exit":        "Member exit",
		"year.close":         "Year-end close",
		"shu.distribution":   "SHU distribution",
		"opening.balance":    "Opening balance",
	},
}

// kind is an entry's kind as the reader's language says it.
func (l Lang) kind(kind string) string {
	if name, ok := kindNames[l][kind]; ok {
		return name
	}
	return kind
}

// csvKind is an entry's kind in a CSV: in Indonesian the word a person
// reads; in English, whose CSV columns are the JSON field names for
// scripts, the kind as the API spells it.
func (l Lang) csvKind(kind string) string {
	if l == EN {
		return kind
	}
	return l.kind(kind)
}
