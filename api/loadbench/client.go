package loadbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// client speaks Lumbung's HTTP API at a base URL.
type client struct {
	base string
	http *http.Client
}

// apiError is an answer that was not 2xx.
type apiError struct {
	method, path string
	status       int
	body         string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.method, e.path, e.status, e.body)
}

// call sends a JSON request with a bearer token (none if empty) and
// decodes a 2xx answer into out (nothing if nil).
func (c *client) call(ctx context.Context, token, method, path string, in, out any, headers ...string) error {
	var body io.Reader
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return &apiError{method: method, path: path, status: resp.StatusCode, body: string(raw)}
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(raw, out)
}

// login starts a session and returns its access token.
func (c *client) login(ctx context.Context, login, password string) (string, error) {
	var tokens struct {
		AccessToken string `json:"access_token"`
	}
	err := c.call(ctx, "", http.MethodPost, "/v1/auth/login", map[string]string{"login": login, "password": password}, &tokens)
	return tokens.AccessToken, err
}

// benchCurrency is every cooperative's currency: rupiah, which has no
// minor unit, so that an amount of "1000" is 1000 minor units.
const benchCurrency = "IDR"

func (c *client) createCooperative(ctx context.Context, admin, name string) (string, error) {
	var coop struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, admin, http.MethodPost, "/v1/cooperatives", map[string]string{"name": name, "currency": benchCurrency}, &coop)
	return coop.ID, err
}

func (c *client) createUser(ctx context.Context, admin, login, password string) (string, error) {
	var user struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, admin, http.MethodPost, "/v1/users", map[string]string{"login": login, "name": login, "password": password}, &user)
	return user.ID, err
}

func (c *client) grantTreasurer(ctx context.Context, admin, userID, coopID string) error {
	return c.call(ctx, admin, http.MethodPost, "/v1/users/"+userID+"/grants",
		map[string]string{"role": "treasurer", "cooperative_id": coopID}, nil)
}

// createAccount opens an asset account with no floor, so that random
// transfers are never refused, and returns its ID.
func (c *client) createAccount(ctx context.Context, treasurer, coopID, code, name string) (string, error) {
	var account struct {
		ID string `json:"id"`
	}
	err := c.call(ctx, treasurer, http.MethodPost, "/v1/cooperatives/"+coopID+"/accounts",
		map[string]any{"code": code, "name": name, "type": "asset"}, &account)
	return account.ID, err
}

// transferAmount is every posting's amount, in rupiah.
const transferAmount = "1000"

// transferKind is the kind of every entry the load posts.
const transferKind = "bench.transfer"

type postingRequest struct {
	Account string `json:"account"`
	Side    string `json:"side"`
	Amount  string `json:"amount"`
}

type entryRequest struct {
	Kind     string           `json:"kind"`
	Postings []postingRequest `json:"postings"`
}

// transferBody is an entry moving transferAmount from the credit account
// to the debit account, by code.
func transferBody(debit, credit string) ([]byte, error) {
	return json.Marshal(entryRequest{Kind: transferKind, Postings: []postingRequest{
		{Account: debit, Side: "debit", Amount: transferAmount},
		{Account: credit, Side: "credit", Amount: transferAmount},
	}})
}

func accountPath(coopID, code string) string {
	return "/v1/cooperatives/" + coopID + "/accounts/" + url.PathEscape(code)
}

// detailBytesMax bounds how much of a failed answer is kept to show.
const detailBytesMax = 512

// send makes one request of a load and says how it ended; only a failure
// reads more of the answer than it must.
func (c *client) send(ctx context.Context, token, method, path string, body []byte, idempotencyKey string) (outcome, string) {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, reader)
	if err != nil {
		return failed, err.Error()
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if idempotencyKey != "" {
		req.Header.Set("Idempotency-Key", idempotencyKey)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return failed, err.Error()
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode/100 == 2:
		io.Copy(io.Discard, resp.Body) //nolint:errcheck // a broken body shows on the next request
		return succeeded, ""
	case resp.StatusCode/100 == 4:
		io.Copy(io.Discard, resp.Body) //nolint:errcheck // as above
		return refused, ""
	default:
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, detailBytesMax))
		return failed, fmt.Sprintf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
}
