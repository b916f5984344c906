package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// TestAnswersAreCompressedWhenTheClientAccepts asks for the same answers
// plain, gzipped and in brotli: the compressed ones are smaller and read
// back to the plain one byte for byte. Writes are answered plain.
func TestAnswersAreCompressedWhenTheClientAccepts(t *testing.T) {
	ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
		w := newWorld(t, db)
		fetch := func(path, encoding string) (*http.Response, []byte) {
			t.Helper()
			req := httptest.NewRequest(http.MethodGet, path, nil)
			req.Header.Set("Authorization", "Bearer "+w.tokens[callerTreasurer])
			if encoding != "" {
				req.Header.Set("Accept-Encoding", encoding)
			}
			resp, err := w.app.Test(req, testTimeoutMillis)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return resp, raw
		}
		decoders := map[string]func(io.Reader) (io.Reader, error){
			"gzip": func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
			"br":   func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
		}
		coop := "/v1/cooperatives/" + w.mine.Cooperative.ID
		// The trial balance is streamed (sendJSONStream) and gzipped by its
		// handler, the others compressed by the middleware.
		for _, path := range []string{"/v1/openapi.json", coop + "/accounts", coop + "/trial-balance", coop + "/trial-balance?as_of=2026-01-31"} {
			resp, plain := fetch(path, "")
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "" {
				t.Fatalf("%s plain: %d, Content-Encoding %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"))
			}
			for encoding, decode := range decoders {
				resp, packed := fetch(path, encoding)
				if got := resp.Header.Get("Content-Encoding"); got != encoding {
					t.Errorf("%s accepting %s: Content-Encoding %q", path, encoding, got)
					continue
				}
				r, err := decode(bytes.NewReader(packed))
				if err != nil {
					t.Fatal(err)
				}
				unpacked, err := io.ReadAll(r)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(unpacked, plain) {
					t.Errorf("%s in %s does not read back to the plain answer", path, encoding)
				}
				if len(packed) >= len(plain) {
					t.Errorf("%s in %s is %d bytes, the plain answer %d", path, encoding, len(packed), len(plain))
				}
			}
		}
		// A write's answer is the record it made, a few hundred bytes:
		// sent as it is, whatever the client accepts.
		resp, raw := w.call(callerTreasurer, http.MethodPost, "/v1/cooperatives/"+w.mine.Cooperative.ID+"/entries", map[string]any{
			"kind": "cash.transfer",
			"postings": []map[string]string{
				{"account": "1200", "side": "debit", "amount": "1000"},
				{"account": "3300", "side": "credit", "amount": "1000"},
			},
		}, "Accept-Encoding", "gzip, br")
		if resp.StatusCode != http.StatusCreated || resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(raw, []byte("{")) {
			t.Errorf("a posted entry: %d, Content-Encoding %q, body %.40q", resp.StatusCode, resp.Header.Get("Content-Encoding"), raw)
		}
	})
}
