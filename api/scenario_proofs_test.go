package api_test

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/lumbung/lumbung/accounts/proofs"
	"github.com/lumbung/lumbung/ledger"
)

// proofs: the treasurer signs a checkpoint, the funder lists it, downloads
// the journal copy and checks it offline as 'lumbung verify-journal' does;
// the checkpoint in the copy states the chain head the treasurer was given.
func (x *exchange) proofs() {
	t := x.t
	t.Helper()
	coop := x.w.mine.Cooperative.ID
	var taken struct {
		ID             string `json:"id"`
		Sequence       int64  `json:"sequence"`
		ChainHead      string `json:"chain_head"`
		KeyFingerprint string `json:"key_fingerprint"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/checkpoints",
		params: []string{coop}}, http.StatusCreated, &taken)
	var listed struct {
		Checkpoints []idJSON `json:"checkpoints"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives/:coop/checkpoints",
		params: []string{coop}}, http.StatusOK, &listed)
	if len(listed.Checkpoints) == 0 || listed.Checkpoints[0].ID != taken.ID {
		t.Fatalf("the funder's checkpoints %+v, want the newest %s first", listed.Checkpoints, taken.ID)
	}
	// The funder's portfolio names the journal its figures follow from.
	var portfolio struct {
		Facilities []struct {
			Cooperative idJSON `json:"cooperative"`
			Journal     struct {
				Sequence   int64  `json:"sequence"`
				ChainHash  string `json:"chain_hash"`
				Checkpoint idJSON `json:"checkpoint"`
			} `json:"journal"`
		} `json:"facilities"`
	}
	_, shown := x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{x.w.mine.Partner.ID}}, http.StatusOK)
	decodeJSON(t, shown, &portfolio)
	var named struct {
		Sequence   int64
		ChainHash  string
		Checkpoint string
	}
	for _, f := range portfolio.Facilities {
		if f.Cooperative.ID == coop {
			named.Sequence, named.ChainHash, named.Checkpoint = f.Journal.Sequence, f.Journal.ChainHash, f.Journal.Checkpoint.ID
		}
	}
	if named.Checkpoint != taken.ID || named.Sequence != taken.Sequence || named.ChainHash != taken.ChainHead {
		t.Errorf("the portfolio names journal #%d %s, checkpoint %s; want #%d %s, %s", named.Sequence, named.ChainHash,
			named.Checkpoint, taken.Sequence, taken.ChainHead, taken.ID)
	}
	resp, copied := x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives/:coop/journal-copy",
		params: []string{coop}}, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/jsonl") {
		t.Errorf("journal copy Content-Type %q", ct)
	}
	got, err := ledger.VerifyJournalCopy(bytes.NewReader(copied), nil)
	if err != nil {
		t.Fatalf("the funder's copy does not verify: %v", err)
	}
	// The figures the funder was shown follow from the copy, as
	// 'lumbung verify-journal -portfolio' checks them.
	figures, err := proofs.PortfolioFigures(bytes.NewReader(shown))
	if err != nil {
		t.Fatal(err)
	}
	if checked, err := proofs.CheckFigures(bytes.NewReader(copied), figures); err != nil || checked == 0 {
		t.Errorf("the portfolio's figures against the copy: %d facilities checked, %v", checked, err)
	}
	found := false
	for _, st := range got.Checkpoints {
		found = found || (st.Sequence == taken.Sequence && st.ChainHead == taken.ChainHead)
	}
	if !found || got.LastSequence < taken.Sequence || got.KeyFingerprints[0] != taken.KeyFingerprint {
		t.Errorf("the copy's checkpoints %+v and keys %v do not hold the one taken at #%d", got.Checkpoints, got.KeyFingerprints, taken.Sequence)
	}
}
