package render

// words is everything a person reads in a document, in one language. Each
// language is one value of this struct, and TestWords fails for a field
// left empty, so a word added for one language and forgotten in the other
// does not reach a reader as a blank. Fields ending in F are fmt formats.
type words struct {
	// Every PDF.
	GeneratedOnF, PageOfF, AmountsInF, AsOfF, PeriodF, AccountF, None, Total string

	// Statements: a member's savings, the cash book, the bank book.
	SavingsStatement, CashBook, BankBook                                   string
	Date, Description, In, Out, Balance, OpeningBalance, ClosingBalance    string
	ColDate, ColSequence, ColEntryID, ColKind, ColMemo, ColSide, ColAmount string
	ColBalance, Debit, Credit                                              string

	// Financial statements.
	BalanceSheet, IncomeStatement, Code, Account, Amount                     string
	Assets, Liabilities, Equity, TotalAssets, TotalLiabilities, TotalEquity  string
	LiabilitiesAndEquity, TotalLiabilitiesAndEquity, SurplusUndistributed    string
	Income, Expenses, TotalIncome, TotalExpenses, Result, SurplusBeforeShare string
	ColSection, ColCode, ColName, ColSectionAssets, ColSectionLiabilities    string
	ColSectionEquity, ColSectionSurplus, ColSectionTotal                     string
	ColSectionIncome, ColSectionExpenses                                     string

	// Trial balance.
	ColType, ColCurrency, ColDebit, ColCredit                     string
	TypeAsset, TypeLiability, TypeEquity, TypeIncome, TypeExpense string

	// Loan portfolio.
	ColMeasure, ColBand, ColLoans, ColRatio, MeasureActiveLoans, MeasureOutstanding, MeasureArrears string
	MeasureAgeing, MeasurePAR30, MeasurePAR90, MeasureWrittenOff, MeasureDisbursed, MeasureRepaid   string
	MeasureDue, MeasureCollected, MeasureRepaymentRate                                              string

	// Partner and platform portfolio.
	KindGrant, KindLoan, KindEquity                                                                                                                             string
	PartnerPortfolio, FacilitiesF, NoFacilities, FacilitiesInF, Cooperative, Kind                                                                               string
	JournalsHeading, JournalHeadF, JournalCheckpointF, JournalNoCheckpoint                                                                                      string
	Committed, Received, Outstanding, WomenReached, OutstandingByLatenessF, ByCooperativeF                                                                      string
	PlatformPortfolio, ByModelF, Model, ModelGovernment, ModelPrivate, ModelNonprofit, ModelMultiStakeholder                                                    string
	Repayment, Savings, SelfReliance, SelfRelianceByMonthF, OutstandingByMonthF, Month, Disbursed, OneLoan, LoansF                                              string
	OnTime, Late1To30, Late31To60, Late61To90, LateOver90                                                                                                       string
	ColScope, ColFacilityID, ColPurpose, ColCommitted, ColReceived, ColPAR30Ratio                                                                               string
	ColPAR90Ratio, ColRepaymentRate, ColLoansFunded, ColWomenReached, ColSavingsMob, ColDisbursed, ColRepaid, ColOutstanding, ColPAR30, ColPAR90, ColWrittenOff string
	ColSelfReliance, ScopeFacility, ScopeTotal, ScopeCooperative, ScopeModel, ScopeMonth                                                                        string

	// A loan's statement.
	LoanStatement, LoanF, Principal, Interest, Penalty, OwedAfter, ColPrincipal, ColInterest, ColPenalty, ColOwedAfter string

	// Health ratios.
	ColKey, ColValue, ColNumerator, ColDenominator, ColDefinition string
	ColReading, ColHealthyBound, ColWatchBound, ColSource         string
	Healthy, Watch, Unhealthy                                     string

	// Due list.
	ColGroup, ColMemberNumber, ColWhat, ColLoanNumber, ColDue, ColDaysPastDue, WhatLoan, WhatWajib, TheGroup string

	// SHU slips.
	SHUSlipF, MemberF, Yours, AllMembers, YourShare, JasaModal, JasaAnggota, CreditedToSukarela, SHUExplanationF string
	ColCapitalBasis, ColParticipationBasis, ColCapital, ColParticipation, ColTotal                               string

	// Papers for the meeting: the collection sheet, the minutes, the slips,
	// the due list; and the signature block of every paper signed.
	CollectionSheet, GroupF, MeetingOnF, AlreadyRecorded, ColNo, ColMember, ColInstallment, ColDaysLate   string
	ColWajib, ColSukarela, ColSukarelaFill, ColPresent, ColPaid, ColInitials, GroupLoans, LoanNoF, DueNow string
	AttendanceBlankF, CashReceivedBlank                                                                   string
	Minutes, MinutesOpeningF, Yes, No, CoversHeading, ColCoveredBy, ColCoveredFor, NoCovers, CashInHandF  string
	InWordsF, RecordedByF, AmendedByF                                                                     string
	Slips, Slip, PaidToday, Remaining, LoanInstallments, LoanOutstandingF, NoLoan, Absent                 string
	Represented, RepresentedByF                                                                           string
	SimpananPokok, SimpananWajib, SimpananSukarela                                                        string
	DueList, FromF, NothingDue, ColWhatPDF, ColLoan                                                       string
	GroupLeader, Treasurer, Witness, Member, Pengurus, Pengawas, Chair, NameBlank                         string
}

var wordsEN = words{
	GeneratedOnF: "Generated by Lumbung on %s", PageOfF: "Page %d of {nb}", AmountsInF: "Amounts in %s", AsOfF: "As of %s",
	PeriodF: "Period: %s to %s", AccountF: "Account: %s  %s", None: "(none)", Total: "Total",

	SavingsStatement: "Savings statement", CashBook: "Cash book", BankBook: "Bank book",
	Date: "Date", Description: "Description", In: "In", Out: "Out", Balance: "Balance",
	OpeningBalance: "Opening balance", ClosingBalance: "Closing balance",
	ColDate: "date", ColSequence: "sequence", ColEntryID: "entry_id", ColKind: "kind", ColMemo: "memo", ColSide: "side",
	ColAmount: "amount", ColBalance: "balance", Debit: "debit", Credit: "credit",

	BalanceSheet: "Balance sheet (neraca)", IncomeStatement: "Income statement", Code: "Code", Account: "Account", Amount: "Amount",
	Assets: "Assets", Liabilities: "Liabilities", Equity: "Equity", TotalAssets: "Total assets",
	TotalLiabilities: "Total liabilities", TotalEquity: "Total equity", LiabilitiesAndEquity: "Liabilities and equity",
	TotalLiabilitiesAndEquity: "Total liabilities and equity", SurplusUndistributed: "Surplus not yet distributed (SHU)",
	Income: "Income", Expenses: "Expenses", TotalIncome: "Total income", TotalExpenses: "Total expenses", Result: "Result",
	SurplusBeforeShare: "Surplus (SHU before distribution)",
	ColSection:         "section", ColCode: "code", ColName: "name", ColSectionAssets: "assets", ColSectionLiabilities: "liabilities",
	ColSectionEquity: "equity", ColSectionSurplus: "surplus", ColSectionTotal: "total", ColSectionIncome: "income",
	ColSectionExpenses: "expenses",

	ColType: "type", ColCurrency: "currency", ColDebit: "debit", ColCredit: "credit",
	TypeAsset: "asset", TypeLiability: "liability", TypeEquity: "equity", TypeIncome: "income", TypeExpense: "expense",

	ColMeasure: "measure", ColBand: "band", ColLoans: "loans", ColRatio: "ratio", MeasureActiveLoans: "active_loans",
	MeasureOutstanding: "outstanding", MeasureArrears: "arrears", MeasureAgeing: "ageing", MeasurePAR30: "par30",
	MeasurePAR90: "par90", MeasureWrittenOff: "written_off", MeasureDisbursed: "disbursed", MeasureRepaid: "repaid",
	MeasureDue: "due", MeasureCollected: "collected", MeasureRepaymentRate: "repayment_rate",

	KindGrant: "grant", KindLoan: "loan", KindEquity: "equity",
	PartnerPortfolio: "Partner portfolio", FacilitiesF: "Facilities: %d", NoFacilities: "The partner funds no facilities yet.",
	JournalsHeading:    "The journals these figures follow from",
	JournalHeadF:       "%s: up to entry #%d, chain hash %s. Check it against the journal copy with lumbung verify-journal.",
	JournalCheckpointF: "Newest signed checkpoint: entry #%d, signed %s, key %s.", JournalNoCheckpoint: "No signed checkpoint yet.",
	FacilitiesInF: "Facilities in %s", Cooperative: "Cooperative", Kind: "Kind", Committed: "Committed", Received: "Received",
	Outstanding: "Outstanding", WomenReached: "Women reached", OutstandingByLatenessF: "Outstanding principal by days late, %s",
	ByCooperativeF: "By cooperative, %s", Repayment: "Repayment", Savings: "Savings", SelfReliance: "Self-reliance",
	PlatformPortfolio: "Platform portfolio", ByModelF: "By partnership model, %s", Model: "Partnership model",
	ModelGovernment: "Government", ModelPrivate: "Company", ModelNonprofit: "Non-profit", ModelMultiStakeholder: "Multi-stakeholder",
	SelfRelianceByMonthF: "Self-reliance at each month's end: member savings over partner capital, %s",
	OutstandingByMonthF:  "Outstanding principal at each month's end, %s", Month: "Month", Disbursed: "Disbursed",
	OneLoan: "1 loan", LoansF: "%d loans", OnTime: "On time", Late1To30: "1-30 days late", Late31To60: "31-60 days late",
	Late61To90: "61-90 days late", LateOver90: "Over 90 days late",
	ColScope: "scope", ColFacilityID: "facility_id", ColPurpose: "purpose", ColCommitted: "committed", ColReceived: "received",
	ColPAR30Ratio: "par30_ratio", ColPAR90Ratio: "par90_ratio", ColRepaymentRate: "repayment_rate", ColLoansFunded: "loans_funded",
	ColWomenReached: "women_reached", ColSavingsMob: "savings_mobilised", ColDisbursed: "disbursed", ColRepaid: "repaid",
	ColOutstanding: "outstanding", ColPAR30: "par30", ColPAR90: "par90", ColWrittenOff: "written_off",
	ColSelfReliance: "self_reliance", ScopeFacility: "facility", ScopeTotal: "total", ScopeCooperative: "cooperative",
	ScopeModel: "model", ScopeMonth: "month",

	LoanStatement: "Loan statement", LoanF: "Loan no. %d: %s", Principal: "Principal", Interest: "Interest",
	Penalty: "Penalty", OwedAfter: "Principal owed", ColPrincipal: "principal", ColInterest: "interest", ColPenalty: "penalty",
	ColOwedAfter: "principal_owed",
	ColKey:       "key", ColValue: "value", ColNumerator: "numerator", ColDenominator: "denominator", ColDefinition: "definition",
	ColReading: "band", ColHealthyBound: "healthy_bound", ColWatchBound: "watch_bound", ColSource: "source",
	Healthy: "healthy", Watch: "watch", Unhealthy: "unhealthy",

	ColGroup: "group", ColMemberNumber: "member_number", ColWhat: "what", ColLoanNumber: "loan_number", ColDue: "due",
	ColDaysPastDue: "days_past_due", WhatLoan: "loan", WhatWajib: "wajib", TheGroup: "(the group)",

	SHUSlipF: "SHU slip %d", MemberF: "Member %d: %s", Yours: "Yours", AllMembers: "All members", YourShare: "Your share",
	JasaModal: "Jasa modal (capital savings)", JasaAnggota: "Jasa anggota (interest paid)",
	CreditedToSukarela: "Credited to your sukarela savings",
	SHUExplanationF: "The jasa modal pool of %s is shared in proportion to each member's simpanan pokok and wajib on " +
		"%s; the jasa anggota pool of %s in proportion to the loan interest each paid in %d. " +
		"Remainders of a rupiah go to the largest fractions.",
	ColCapitalBasis: "capital_basis", ColParticipationBasis: "participation_basis", ColCapital: "capital",
	ColParticipation: "participation", ColTotal: "total",

	CollectionSheet: "Collection sheet", GroupF: "Group: %s", MeetingOnF: "Meeting: %s, %s",
	AlreadyRecorded: "This meeting is already recorded; its minutes are the record.", ColNo: "No.", ColMember: "Member",
	ColInstallment: "Installment", ColDaysLate: "Days late", ColWajib: "Wajib", ColSukarela: "Sukarela",
	ColSukarelaFill: "Sukarela paid", ColPresent: "Present", ColPaid: "Paid", ColInitials: "Initials",
	GroupLoans: "Group loans (joint liability)", LoanNoF: "Loan no. %d", DueNow: "Due",
	AttendanceBlankF: "Present: ........ of %d members", CashReceivedBlank: "Cash received: ................................",
	Minutes: "Minutes of the group meeting",
	MinutesOpeningF: "On %s, %s, %s held its regular meeting. Of the %d members on the sheet: present %d, " +
		"represented by someone who came for them %d, absent %d. What each paid is set out below.",
	Yes: "yes", No: "no", CoversHeading: "Covers under joint liability (tanggung renteng)", ColCoveredBy: "Paid by",
	ColCoveredFor: "For", NoCovers: "No member was covered by another at this meeting.",
	CashInHandF: "Cash the treasurer should hold from this meeting: %s", InWordsF: "In words: %s",
	RecordedByF: "Recorded by %s on %s at %s UTC.", AmendedByF: "Amended by %s on %s at %s UTC.",
	Slips: "Members' slips", Slip: "Member's slip", PaidToday: "Paid today", Remaining: "Standing after the meeting",
	LoanInstallments: "Loan installments", LoanOutstandingF: "Loan no. %d outstanding", NoLoan: "No loan", Absent: "absent",
	Represented: "represented", RepresentedByF: "represented by %s",
	SimpananPokok: "Pokok savings", SimpananWajib: "Wajib savings", SimpananSukarela: "Sukarela savings",
	DueList: "Due list", FromF: "Next meetings from %s", NothingDue: "Nothing is due at the next meetings.",
	ColWhatPDF: "What", ColLoan: "Loan",
	GroupLeader: "Group leader", Treasurer: "Treasurer", Witness: "Witness (member)", Member: "Member",
	Pengurus: "Board (pengurus)", Pengawas: "Supervisor (pengawas)", Chair: "Chair", NameBlank: "(name)",
}

var wordsID = words{
	GeneratedOnF: "Dibuat oleh Lumbung pada %s", PageOfF: "Halaman %d dari {nb}", AmountsInF: "Jumlah dalam %s", AsOfF: "Per %s",
	PeriodF: "Periode: %s s.d. %s", AccountF: "Rekening: %s  %s", None: "(tidak ada)", Total: "Jumlah",

	SavingsStatement: "Laporan rekening simpanan", CashBook: "Buku kas", BankBook: "Buku bank",
	Date: "Tanggal", Description: "Keterangan", In: "Masuk", Out: "Keluar", Balance: "Saldo",
	OpeningBalance: "Saldo awal", ClosingBalance: "Saldo akhir",
	ColDate: "Tanggal", ColSequence: "No. urut", ColEntryID: "ID jurnal", ColKind: "Jenis", ColMemo: "Keterangan", ColSide: "Posisi",
	ColAmount: "Jumlah", ColBalance: "Saldo", Debit: "debit", Credit: "kredit",

	BalanceSheet: "Neraca", IncomeStatement: "Perhitungan hasil usaha", Code: "Kode", Account: "Akun", Amount: "Jumlah",
	Assets: "Aset", Liabilities: "Kewajiban", Equity: "Ekuitas", TotalAssets: "Jumlah aset",
	TotalLiabilities: "Jumlah kewajiban", TotalEquity: "Jumlah ekuitas", LiabilitiesAndEquity: "Kewajiban dan ekuitas",
	TotalLiabilitiesAndEquity: "Jumlah kewajiban dan ekuitas", SurplusUndistributed: "SHU belum dibagi",
	Income: "Pendapatan", Expenses: "Beban", TotalIncome: "Jumlah pendapatan", TotalExpenses: "Jumlah beban", Result: "Hasil",
	SurplusBeforeShare: "SHU sebelum dibagi",
	ColSection:         "Bagian", ColCode: "Kode", ColName: "Nama", ColSectionAssets: "aset", ColSectionLiabilities: "kewajiban",
	ColSectionEquity: "ekuitas", ColSectionSurplus: "SHU", ColSectionTotal: "jumlah", ColSectionIncome: "pendapatan",
	ColSectionExpenses: "beban",

	ColType: "Jenis", ColCurrency: "Mata uang", ColDebit: "Debit", ColCredit: "Kredit",
	TypeAsset: "aset", TypeLiability: "kewajiban", TypeEquity: "ekuitas", TypeIncome: "pendapatan", TypeExpense: "beban",

	ColMeasure: "Ukuran", ColBand: "Kelompok umur", ColLoans: "Pinjaman", ColRatio: "Rasio", MeasureActiveLoans: "pinjaman aktif",
	MeasureOutstanding: "sisa pokok", MeasureArrears: "tunggakan", MeasureAgeing: "umur tunggakan", MeasurePAR30: "PAR30",
	MeasurePAR90: "PAR90", MeasureWrittenOff: "dihapusbukukan", MeasureDisbursed: "disalurkan", MeasureRepaid: "dikembalikan",
	MeasureDue: "jatuh tempo", MeasureCollected: "tertagih", MeasureRepaymentRate: "tingkat pengembalian",

	KindGrant: "hibah", KindLoan: "pinjaman", KindEquity: "penyertaan",
	PartnerPortfolio: "Portofolio mitra", FacilitiesF: "Fasilitas: %d", NoFacilities: "Mitra ini belum mendanai fasilitas apa pun.",
	JournalsHeading:    "Jurnal yang mendasari angka-angka ini",
	JournalHeadF:       "%s: sampai entri #%d, hash rantai %s. Periksa dengan salinan jurnal memakai lumbung verify-journal.",
	JournalCheckpointF: "Checkpoint bertanda tangan terbaru: entri #%d, ditandatangani %s, kunci %s.", JournalNoCheckpoint: "Belum ada checkpoint bertanda tangan.",
	FacilitiesInF: "Fasilitas dalam %s", Cooperative: "Koperasi", Kind: "Bentuk", Committed: "Komitmen", Received: "Diterima",
	Outstanding: "Sisa pokok", WomenReached: "Perempuan terjangkau", OutstandingByLatenessF: "Sisa pokok menurut hari terlambat, %s",
	ByCooperativeF: "Per koperasi, %s", Repayment: "Pengembalian", Savings: "Simpanan", SelfReliance: "Kemandirian",
	PlatformPortfolio: "Portofolio platform", ByModelF: "Menurut model kemitraan, %s", Model: "Model kemitraan",
	ModelGovernment: "Pemerintah", ModelPrivate: "Perusahaan", ModelNonprofit: "Lembaga nirlaba", ModelMultiStakeholder: "Multipihak",
	SelfRelianceByMonthF: "Kemandirian di akhir setiap bulan: simpanan anggota dibagi modal mitra, %s",
	OutstandingByMonthF:  "Sisa pokok di akhir setiap bulan, %s", Month: "Bulan", Disbursed: "Disalurkan",
	OneLoan: "1 pinjaman", LoansF: "%d pinjaman", OnTime: "Tepat waktu", Late1To30: "Terlambat 1-30 hari",
	Late31To60: "Terlambat 31-60 hari", Late61To90: "Terlambat 61-90 hari", LateOver90: "Terlambat > 90 hari",
	ColScope: "Cakupan", ColFacilityID: "ID fasilitas", ColPurpose: "Tujuan", ColCommitted: "Komitmen", ColReceived: "Diterima",
	ColPAR30Ratio: "Rasio PAR30", ColPAR90Ratio: "Rasio PAR90", ColRepaymentRate: "Tingkat pengembalian",
	ColLoansFunded: "Pinjaman didanai", ColWomenReached: "Perempuan terjangkau", ColSavingsMob: "Simpanan terhimpun",
	ColDisbursed: "Disalurkan", ColRepaid: "Dikembalikan", ColOutstanding: "Sisa pokok", ColPAR30: "PAR30", ColPAR90: "PAR90",
	ColWrittenOff: "Dihapusbukukan", ColSelfReliance: "Kemandirian", ScopeFacility: "fasilitas", ScopeTotal: "jumlah",
	ScopeCooperative: "koperasi", ScopeModel: "model kemitraan", ScopeMonth: "bulan",

	LoanStatement: "Mutasi pinjaman", LoanF: "Pinjaman no. %d: %s", Principal: "Pokok", Interest: "Bunga",
	Penalty: "Denda", OwedAfter: "Sisa pokok", ColPrincipal: "Pokok", ColInterest: "Bunga", ColPenalty: "Denda",
	ColOwedAfter: "Sisa pokok",
	ColKey:       "Kunci", ColValue: "Nilai", ColNumerator: "Pembilang", ColDenominator: "Penyebut", ColDefinition: "Definisi",
	ColReading: "Penilaian", ColHealthyBound: "Batas sehat", ColWatchBound: "Batas perlu diawasi", ColSource: "Sumber",
	Healthy: "Sehat", Watch: "Perlu diawasi", Unhealthy: "Tidak sehat",

	ColGroup: "Kelompok", ColMemberNumber: "No. anggota", ColWhat: "Kewajiban", ColLoanNumber: "No. pinjaman", ColDue: "Jatuh tempo",
	ColDaysPastDue: "Hari terlambat", WhatLoan: "angsuran pinjaman", WhatWajib: "simpanan wajib", TheGroup: "(kelompok)",

	SHUSlipF: "Slip SHU %d", MemberF: "Anggota %d: %s", Yours: "Milik Anda", AllMembers: "Semua anggota", YourShare: "Bagian Anda",
	JasaModal: "Jasa modal (simpanan pokok dan wajib)", JasaAnggota: "Jasa anggota (bunga yang dibayar)",
	CreditedToSukarela: "Dimasukkan ke simpanan sukarela Anda",
	SHUExplanationF: "Dana jasa modal sebesar %s dibagi sebanding dengan simpanan pokok dan wajib setiap anggota pada " +
		"%s; dana jasa anggota sebesar %s sebanding dengan bunga pinjaman yang dibayar setiap anggota pada tahun %d. " +
		"Sisa pembulatan rupiah diberikan kepada pecahan terbesar.",
	ColCapitalBasis: "Dasar jasa modal", ColParticipationBasis: "Dasar jasa anggota", ColCapital: "Jasa modal",
	ColParticipation: "Jasa anggota", ColTotal: "Jumlah",

	CollectionSheet: "Lembar tagihan pertemuan", GroupF: "Kelompok: %s", MeetingOnF: "Pertemuan: %s, %s",
	AlreadyRecorded: "Pertemuan ini sudah dicatat; berita acaranya menjadi catatan resmi.", ColNo: "No.", ColMember: "Nama anggota",
	ColInstallment: "Angsuran", ColDaysLate: "Telat (hari)", ColWajib: "Wajib", ColSukarela: "Sukarela",
	ColSukarelaFill: "Sukarela disetor", ColPresent: "Hadir", ColPaid: "Lunas", ColInitials: "Paraf",
	GroupLoans: "Pinjaman kelompok (tanggung renteng)", LoanNoF: "Pinjaman no. %d", DueNow: "Tagihan",
	AttendanceBlankF: "Hadir: ........ dari %d anggota", CashReceivedBlank: "Uang diterima: ................................",
	Minutes: "Berita acara pertemuan kelompok",
	MinutesOpeningF: "Pada hari %s tanggal %s, %s mengadakan pertemuan rutin. Dari %d anggota yang tercantum: hadir %d, " +
		"diwakilkan %d, tidak hadir %d. Setoran setiap anggota tercatat di bawah ini.",
	Yes: "ya", No: "tidak", CoversHeading: "Tanggung renteng", ColCoveredBy: "Dibayar oleh",
	ColCoveredFor: "Untuk", NoCovers: "Pada pertemuan ini tidak ada anggota yang ditanggung anggota lain.",
	CashInHandF: "Uang dari pertemuan ini yang seharusnya ada pada bendahara: %s", InWordsF: "Terbilang: %s",
	RecordedByF: "Dicatat oleh %s pada %s pukul %s UTC.", AmendedByF: "Diubah oleh %s pada %s pukul %s UTC.",
	Slips: "Kitir anggota", Slip: "Kitir anggota", PaidToday: "Dibayar hari ini", Remaining: "Posisi setelah pertemuan",
	LoanInstallments: "Angsuran pinjaman", LoanOutstandingF: "Sisa pinjaman no. %d", NoLoan: "Tidak ada pinjaman", Absent: "tidak hadir",
	Represented: "diwakilkan", RepresentedByF: "diwakilkan oleh %s",
	SimpananPokok: "Simpanan pokok", SimpananWajib: "Simpanan wajib", SimpananSukarela: "Simpanan sukarela",
	DueList: "Daftar tagihan", FromF: "Pertemuan berikutnya mulai %s", NothingDue: "Tidak ada tagihan pada pertemuan berikutnya.",
	ColWhatPDF: "Kewajiban", ColLoan: "Pinjaman",
	GroupLeader: "Ketua kelompok", Treasurer: "Bendahara", Witness: "Saksi (anggota)", Member: "Anggota",
	Pengurus: "Pengurus", Pengawas: "Pengawas", Chair: "Ketua", NameBlank: "(nama jelas)",
}
