package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/uptrace/bun"

	"github.com/lumbung/lumbung/accounts"
	"github.com/lumbung/lumbung/accounts/accountstest"
	"github.com/lumbung/lumbung/accounts/lending"
	"github.com/lumbung/lumbung/ledger/ledgertest"
)

// The OpenAPI document is kept true by these tests: every registered route
// is documented and nothing else is, and the answers of a scenario that
// calls every operation validate against the document's schemas.

// openAPIFile is the document the server embeds and serves.
const openAPIFile = "openapi.json"

// openAPIBase names the document for the schema compiler, so that the
// document's "#/components/schemas/..." references resolve inside it.
const openAPIBase = "https://lumbung.test/v1/openapi.json"

// publicOperations are the operations anyone may call without a token.
var publicOperations = []string{
	"GET /healthz",
	"GET /readyz",
	"GET /metrics",
	"GET /v1/openapi.json",
	"POST /v1/auth/login",
	"POST /v1/auth/refresh",
	"POST /v1/auth/logout",
}

// openAPIDoc is the parsed document with its schemas compiled on demand.
type openAPIDoc struct {
	raw   []byte
	root  map[string]any
	mu    sync.Mutex // guards comp and cache
	comp  *jsonschema.Compiler
	cache map[string]*jsonschema.Schema // by JSON pointer
}

var loadOpenAPI = sync.OnceValues(func() (*openAPIDoc, error) {
	raw, err := os.ReadFile(openAPIFile)
	if err != nil {
		return nil, err
	}
	parsed, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", openAPIFile, err)
	}
	root, ok := parsed.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a JSON object", openAPIFile)
	}
	comp := jsonschema.NewCompiler()
	comp.DefaultDraft(jsonschema.Draft2020)
	comp.AssertFormat()
	if err := comp.AddResource(openAPIBase, parsed); err != nil {
		return nil, fmt.Errorf("%s: %w", openAPIFile, err)
	}
	return &openAPIDoc{raw: raw, root: root, comp: comp, cache: map[string]*jsonschema.Schema{}}, nil
})

func mustOpenAPI(t testing.TB) *openAPIDoc {
	t.Helper()
	doc, err := loadOpenAPI()
	if err != nil {
		t.Fatalf("load the OpenAPI document: %v", err)
	}
	return doc
}

// schema compiles the schema at a JSON pointer into the document.
func (d *openAPIDoc) schema(ptr string) (*jsonschema.Schema, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if s, ok := d.cache[ptr]; ok {
		return s, nil
	}
	var frag strings.Builder
	for _, tok := range strings.Split(ptr, "/")[1:] {
		frag.WriteString("/" + url.PathEscape(tok))
	}
	s, err := d.comp.Compile(openAPIBase + "#" + frag.String())
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", ptr, err)
	}
	d.cache[ptr] = s
	return s, nil
}

// lookup returns the value at a JSON pointer, or nil.
func (d *openAPIDoc) lookup(ptr string) any {
	var v any = d.root
	for _, tok := range strings.Split(ptr, "/")[1:] {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		v = m[tok]
	}
	return v
}

// resolve follows a "$ref" to a component, returning the object and its
// pointer.
func (d *openAPIDoc) resolve(v any, ptr string) (map[string]any, string) {
	m, _ := v.(map[string]any)
	if ref, ok := m["$ref"].(string); ok && strings.HasPrefix(ref, "#/") {
		ptr = ref[1:]
		m, _ = d.lookup(ptr).(map[string]any)
	}
	return m, ptr
}

func pointerToken(s string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(s)
}

// operations returns the pointer of every documented operation by its
// "METHOD /path" name.
func (d *openAPIDoc) operations() map[string]string {
	ops := map[string]string{}
	paths, _ := d.root["paths"].(map[string]any)
	for path, item := range paths {
		item, _ := item.(map[string]any)
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				ops[strings.ToUpper(method)+" "+path] = "/paths/" + pointerToken(path) + "/" + method
			}
		}
	}
	return ops
}

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// openAPIPath turns a Fiber route pattern into an OpenAPI path template:
// "/v1/cooperatives/:coop" becomes "/v1/cooperatives/{coop}".
func openAPIPath(fiberPath string) string {
	return fiberParam.ReplaceAllString(fiberPath, "{$1}")
}

// validateResponse checks an answer against the document: the operation of
// method and fiberPath (a route pattern such as
// "/v1/cooperatives/:coop/entries") is documented, it documents the
// answer's status (or a default), the answer carries the headers the
// document requires, its Content-Type is one the document lists, and a
// JSON body validates against the schema given for it (any other body, a
// CSV or a PDF, is held to its Content-Type only).
func validateResponse(t *testing.T, method, fiberPath string, resp *http.Response, body []byte) {
	t.Helper()
	doc := mustOpenAPI(t)
	name := method + " " + openAPIPath(fiberPath)
	opPtr, ok := doc.operations()[name]
	if !ok {
		t.Errorf("%s: the operation is not in %s", name, openAPIFile)
		return
	}
	responses, _ := doc.lookup(opPtr + "/responses").(map[string]any)
	status := strconv.Itoa(resp.StatusCode)
	key := ""
	for _, k := range []string{status, status[:1] + "XX", "default"} {
		if _, ok := responses[k]; ok {
			key = k
			break
		}
	}
	if key == "" {
		t.Errorf("%s answered %d, a status %s does not document for it: %s", name, resp.StatusCode, openAPIFile, body)
		return
	}
	r, rPtr := doc.resolve(responses[key], opPtr+"/responses/"+key)
	checkHeaders(t, doc, name, resp, r, rPtr)
	content, _ := r["content"].(map[string]any)
	if len(content) == 0 {
		if len(body) > 0 {
			t.Errorf("%s %d: the document gives no body, the server sent %q", name, resp.StatusCode, body)
		}
		return
	}
	got, _, err := mime.ParseMediaType(resp.Header.Get(fiber.HeaderContentType))
	if err != nil {
		t.Errorf("%s %d: Content-Type %q: %v", name, resp.StatusCode, resp.Header.Get(fiber.HeaderContentType), err)
		return
	}
	var documented []string
	for mt := range content {
		documented = append(documented, mt)
		if want, _, _ := mime.ParseMediaType(mt); want != got {
			continue
		}
		if got != fiber.MIMEApplicationJSON && !strings.HasSuffix(got, "+json") {
			// A report's CSV or PDF, the metrics' text: the document gives
			// the media type, not a schema of the bytes, so the Content-Type
			// is what is checked, and that there is a body at all.
			if len(body) == 0 {
				t.Errorf("%s %d: an empty %s body", name, resp.StatusCode, got)
			}
			return
		}
		validateJSON(t, doc, fmt.Sprintf("%s %d", name, resp.StatusCode), rPtr+"/content/"+pointerToken(mt)+"/schema", body)
		return
	}
	t.Errorf("%s %d: Content-Type %q is not among the documented %q", name, resp.StatusCode, got, documented)
}

// checkHeaders checks that the answer carries every header its documented
// response requires, with a value its schema accepts.
func checkHeaders(t *testing.T, doc *openAPIDoc, name string, resp *http.Response, r map[string]any, rPtr string) {
	t.Helper()
	headers, _ := r["headers"].(map[string]any)
	for h, spec := range headers {
		spec, hPtr := doc.resolve(spec, rPtr+"/headers/"+pointerToken(h))
		value := resp.Header.Get(h)
		if value == "" {
			if required, _ := spec["required"].(bool); required {
				t.Errorf("%s %d: no %s header, which the document requires", name, resp.StatusCode, h)
			}
			continue
		}
		s, err := doc.schema(hPtr + "/schema")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var v any = value
		if hs, _ := spec["schema"].(map[string]any); hs["type"] == "integer" {
			if _, err := strconv.ParseInt(value, 10, 64); err == nil {
				v = json.Number(value)
			}
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s %d: header %s: %q does not match the document: %v", name, resp.StatusCode, h, value, err)
		}
	}
}

// validateJSON validates a JSON text against the schema at a pointer.
func validateJSON(t *testing.T, doc *openAPIDoc, what, schemaPtr string, raw []byte) {
	t.Helper()
	s, err := doc.schema(schemaPtr)
	if err != nil {
		t.Errorf("%s: %v", what, err)
		return
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Errorf("%s: the body is not JSON: %v: %q", what, err, raw)
		return
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("%s: the body does not match the document:\n%s\n%v", what, raw, err)
	}
}

// validateRequest checks a request body against the operation's documented
// request body, so that the document never refuses what the server takes.
func validateRequest(t *testing.T, method, fiberPath string, body any) {
	t.Helper()
	doc := mustOpenAPI(t)
	name := method + " " + openAPIPath(fiberPath)
	opPtr, ok := doc.operations()[name]
	if !ok {
		t.Errorf("%s: the operation is not in %s", name, openAPIFile)
		return
	}
	if doc.lookup(opPtr+"/requestBody") == nil {
		t.Errorf("%s: a body was sent, but the document gives the operation none", name)
		return
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	validateJSON(t, doc, name+" request", opPtr+"/requestBody/content/application~1json/schema", raw)
}

func TestOpenAPI(t *testing.T) {
	t.Run("DocumentsEveryRegisteredRoute", func(t *testing.T) {
		app := newApp(t, nil) // only the routing table is read
		registered := map[string]bool{}
		for _, r := range app.GetRoutes(true) {
			if r.Method == fiber.MethodHead || r.Method == "USE" {
				continue
			}
			registered[r.Method+" "+openAPIPath(r.Path)] = true
		}
		if len(registered) == 0 {
			t.Fatal("the app registers no routes")
		}
		documented := mustOpenAPI(t).operations()
		var undocumented, unregistered []string
		for op := range registered {
			if _, ok := documented[op]; !ok {
				undocumented = append(undocumented, op)
			}
		}
		for op := range documented {
			if !registered[op] {
				unregistered = append(unregistered, op)
			}
		}
		slices.Sort(undocumented)
		slices.Sort(unregistered)
		if len(undocumented) > 0 {
			t.Errorf("registered routes missing from %s:\n  %s", openAPIFile, strings.Join(undocumented, "\n  "))
		}
		if len(unregistered) > 0 {
			t.Errorf("operations in %s that no route serves:\n  %s", openAPIFile, strings.Join(unregistered, "\n  "))
		}
	})

	t.Run("ServedDocumentIsTheEmbeddedOne", func(t *testing.T) {
		app := newApp(t, nil)
		resp, err := app.Test(httptest.NewRequest(http.MethodGet, "/v1/openapi.json", nil), testTimeoutMillis)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var served bytes.Buffer
		if _, err := served.ReadFrom(resp.Body); err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status: got %d, want 200", resp.StatusCode)
		}
		if ct, _, _ := mime.ParseMediaType(resp.Header.Get(fiber.HeaderContentType)); ct != fiber.MIMEApplicationJSON {
			t.Errorf("Content-Type: got %q, want application/json", resp.Header.Get(fiber.HeaderContentType))
		}
		var doc struct {
			OpenAPI string `json:"openapi"`
		}
		if err := json.Unmarshal(served.Bytes(), &doc); err != nil {
			t.Fatalf("the served document is not JSON: %v", err)
		}
		if doc.OpenAPI != "3.1.0" {
			t.Errorf("openapi: got %q, want 3.1.0", doc.OpenAPI)
		}
		if !bytes.Equal(served.Bytes(), mustOpenAPI(t).raw) {
			t.Errorf("the served document differs from %s", openAPIFile)
		}
		validateResponse(t, http.MethodGet, "/v1/openapi.json", resp, served.Bytes())
	})

	t.Run("OperationsAreFullyDescribed", testOperationsAreFullyDescribed)

	t.Run("EverySchemaCompiles", func(t *testing.T) {
		doc := mustOpenAPI(t)
		schemas, _ := doc.lookup("/components/schemas").(map[string]any)
		if len(schemas) == 0 {
			t.Fatal("no components/schemas")
		}
		for name := range schemas {
			if _, err := doc.schema("/components/schemas/" + pointerToken(name)); err != nil {
				t.Errorf("schema %s: %v", name, err)
			}
		}
		walkRefs(doc.root, func(ref string) {
			if !strings.HasPrefix(ref, "#/") || doc.lookup(ref[1:]) == nil {
				t.Errorf("$ref %q points at nothing in the document", ref)
			}
		})
	})

	t.Run("ProtectedOperationsRefuseAnonymousCallers", func(t *testing.T) {
		// The authentication middleware answers before any handler, so no
		// database is needed: every operation the document says needs a
		// token must answer 401, as documented, without one.
		app := newApp(t, nil)
		for op := range mustOpenAPI(t).operations() {
			if slices.Contains(publicOperations, op) {
				continue
			}
			method, path, _ := strings.Cut(op, " ")
			concrete := regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllStringFunc(path, func(p string) string {
				if p == "{code}" {
					return "1100"
				}
				return uuid.NewString()
			})
			resp, err := app.Test(httptest.NewRequest(method, concrete, nil), testTimeoutMillis)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			if _, err := body.ReadFrom(resp.Body); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s without a token: got %d, want 401", op, resp.StatusCode)
				continue
			}
			validateResponse(t, method, fiberPathOf(path), resp, body.Bytes())
		}
	})

	t.Run("ResponsesMatchTheDocument", func(t *testing.T) {
		ledgertest.Each(t, func(t *testing.T, db *bun.DB) {
			x := &exchange{t: t, w: newWorld(t, db), covered: map[string]bool{}}
			x.publicRoutes()
			x.sessions()
			x.administration()
			x.people()
			x.books()
			x.memberView()
			x.partnerView()
			x.savings()
			x.capital()
			x.loans()
			x.loanProducts()
			x.collection()
			x.reports()
			x.treasurerWeek()
			x.funders()
			x.downloads()
			x.yearEnd()
			x.refusals()
			x.checkCoverage()
		})
	})
}

// testOperationsAreFullyDescribed pins what a client relies on in every
// operation: a unique operationId, a summary, a description, known tags, its
// path parameters, a success answer, problem documents for errors, and
// security exactly where the server asks for a token.
func testOperationsAreFullyDescribed(t *testing.T) {
	doc := mustOpenAPI(t)
	tags := map[string]bool{}
	for _, tag := range doc.root["tags"].([]any) {
		tags[tag.(map[string]any)["name"].(string)] = true
	}
	ids := map[string]string{}
	ops := doc.operations()
	for _, public := range publicOperations {
		if _, ok := ops[public]; !ok {
			t.Errorf("public operation %s is not documented", public)
		}
	}
	for name, ptr := range ops {
		op := doc.lookup(ptr).(map[string]any)
		id, _ := op["operationId"].(string)
		if id == "" {
			t.Errorf("%s: no operationId", name)
		} else if other, ok := ids[id]; ok {
			t.Errorf("%s: operationId %q is also %s's", name, id, other)
		}
		ids[id] = name
		for _, field := range []string{"summary", "description"} {
			if s, _ := op[field].(string); s == "" {
				t.Errorf("%s: no %s", name, field)
			}
		}
		opTags, _ := op["tags"].([]any)
		if len(opTags) == 0 {
			t.Errorf("%s: no tags", name)
		}
		for _, tag := range opTags {
			if !tags[tag.(string)] {
				t.Errorf("%s: tag %v is not declared", name, tag)
			}
		}
		checkPathParameters(t, doc, name, ptr, op)
		checkResponses(t, doc, name, ptr, op)
		security, declared := op["security"].([]any)
		public := slices.Contains(publicOperations, name)
		switch {
		case public && (!declared || len(security) != 0):
			t.Errorf("%s: a public operation must declare \"security\": []", name)
		case !public && declared:
			t.Errorf("%s: needs a token, so it must keep the document's bearerAuth security", name)
		}
	}
}

func checkPathParameters(t *testing.T, doc *openAPIDoc, name, ptr string, op map[string]any) {
	t.Helper()
	_, path, _ := strings.Cut(name, " ")
	want := map[string]bool{}
	for _, m := range regexp.MustCompile(`\{([a-z_]+)\}`).FindAllStringSubmatch(path, -1) {
		want[m[1]] = true
	}
	params, _ := op["parameters"].([]any)
	for i, p := range params {
		p, _ := doc.resolve(p, fmt.Sprintf("%s/parameters/%d", ptr, i))
		if p["in"] != "path" {
			continue
		}
		pname, _ := p["name"].(string)
		if !want[pname] {
			t.Errorf("%s: path parameter %q is not in the path", name, pname)
		}
		if required, _ := p["required"].(bool); !required {
			t.Errorf("%s: path parameter %q must be required", name, pname)
		}
		delete(want, pname)
	}
	for pname := range want {
		t.Errorf("%s: path parameter %q is not described", name, pname)
	}
}

func checkResponses(t *testing.T, doc *openAPIDoc, name, ptr string, op map[string]any) {
	t.Helper()
	responses, _ := op["responses"].(map[string]any)
	success := false
	for status, r := range responses {
		r, rPtr := doc.resolve(r, ptr+"/responses/"+status)
		if d, _ := r["description"].(string); d == "" {
			t.Errorf("%s %s: no description", name, status)
		}
		if strings.HasPrefix(status, "2") {
			success = true
			continue
		}
		content, _ := r["content"].(map[string]any)
		if _, ok := content["application/problem+json"]; !ok || len(content) != 1 {
			t.Errorf("%s %s: an error answer must be application/problem+json only", name, status)
			continue
		}
		if _, err := doc.schema(rPtr + "/content/application~1problem+json/schema"); err != nil {
			t.Errorf("%s %s: %v", name, status, err)
		}
	}
	if !success {
		t.Errorf("%s: no success answer", name)
	}
	if _, ok := responses["500"]; !ok {
		t.Errorf("%s: no 500 answer", name)
	}
	if !slices.Contains(publicOperations, name) {
		if _, ok := responses["401"]; !ok {
			t.Errorf("%s: needs a token but documents no 401", name)
		}
	}
}

// walkRefs calls fn with every "$ref" in a parsed JSON value.
func walkRefs(v any, fn func(string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if s, ok := e.(string); ok && k == "$ref" {
				fn(s)
				continue
			}
			walkRefs(e, fn)
		}
	case []any:
		for _, e := range v {
			walkRefs(e, fn)
		}
	}
}

// fiberPathOf turns an OpenAPI path template back into a Fiber pattern.
func fiberPathOf(path string) string {
	return regexp.MustCompile(`\{([a-z_]+)\}`).ReplaceAllString(path, ":$1")
}

// exchange drives one scenario through a world, validating every answer
// against the document and remembering which operations answered with
// success, so that the scenario can prove it covered the whole document.
type exchange struct {
	t       *testing.T
	w       *world
	covered map[string]bool
	// loanFacility is a loan facility the admin commits to the world's
	// cooperative, for the treasurer to receive and repay.
	loanFacility string
}

// request is one call of the scenario. Route is the Fiber pattern; params
// fill its parameters in order.
type request struct {
	caller  string
	method  string
	route   string
	params  []string
	query   string
	body    any
	headers []string
}

// do sends r, requires the wanted status, and validates the answer (and,
// for a success, the body sent) against the document.
func (x *exchange) do(r request, wantStatus int) (*http.Response, []byte) {
	t := x.t
	t.Helper()
	i := 0
	path := fiberParam.ReplaceAllStringFunc(r.route, func(string) string {
		if i >= len(r.params) {
			t.Fatalf("%s: too few parameters", r.route)
		}
		i++
		return url.PathEscape(r.params[i-1])
	})
	if r.query != "" {
		path += "?" + r.query
	}
	resp, body := x.w.call(r.caller, r.method, path, r.body, r.headers...)
	if resp.StatusCode != wantStatus {
		t.Fatalf("%s %s as %s: got %d, want %d: %s", r.method, path, r.caller, resp.StatusCode, wantStatus, body)
	}
	validateResponse(t, r.method, r.route, resp, body)
	if wantStatus < 300 {
		if _, raw := r.body.([]byte); r.body != nil && !raw {
			validateRequest(t, r.method, r.route, r.body)
		}
		x.covered[r.method+" "+openAPIPath(r.route)] = true
	}
	return resp, body
}

// decode is do for an answer with a JSON body to read.
func (x *exchange) decode(r request, wantStatus int, v any) *http.Response {
	x.t.Helper()
	resp, body := x.do(r, wantStatus)
	decodeJSON(x.t, body, v)
	return resp
}

// problemOf is do for an error answer, returning its problem document.
func (x *exchange) problemOf(r request, wantStatus int) problemDoc {
	x.t.Helper()
	var p problemDoc
	x.decode(r, wantStatus, &p)
	return p
}

type problemDoc struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Errors []struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	} `json:"errors"`
}

func (x *exchange) wantProblem(p problemDoc, wantType string) {
	x.t.Helper()
	if p.Type != wantType {
		x.t.Errorf("problem type: got %q, want %q", p.Type, wantType)
	}
}

type idJSON struct {
	ID string `json:"id"`
}

// recordTwice sends r twice under one new Idempotency-Key, as a phone does
// that lost the first answer: the first records (201); the second records
// nothing and answers 200, marked Idempotent-Replayed, with the entry the
// first recorded. It returns the first answer's body.
func (x *exchange) recordTwice(r request) []byte {
	t := x.t
	t.Helper()
	r.headers = append(slices.Clone(r.headers), "Idempotency-Key", "retry-"+ledgertest.UniqueTag())
	_, first := x.do(r, http.StatusCreated)
	recorded := recordedEntryID(t, first)
	resp, again := x.do(r, http.StatusOK)
	if got := recordedEntryID(t, again); got != recorded || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("%s %s retried: entry %s (Idempotent-Replayed %q), want the replay of %s",
			r.method, r.route, got, resp.Header.Get("Idempotent-Replayed"), recorded)
	}
	if newest := x.newestEntry(); newest != recorded {
		t.Errorf("%s %s retried: the newest entry is %s, want %s: the retry recorded something", r.method, r.route, newest, recorded)
	}
	return first
}

// retryRecordsNothing sends r, already sent once with an Idempotency-Key,
// again: a route that answers 200 whether it records or not (a
// disbursement, a write-off) answers 200 and records nothing new. It
// returns the answer's body.
func (x *exchange) retryRecordsNothing(r request) []byte {
	x.t.Helper()
	before := x.newestEntry()
	_, body := x.do(r, http.StatusOK)
	if after := x.newestEntry(); after != before {
		x.t.Errorf("%s %s retried: recorded entry %s", r.method, r.route, after)
	}
	return body
}

// newestEntry is the ID of the last entry in the cooperative's book.
func (x *exchange) newestEntry() string {
	x.t.Helper()
	var latest listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries",
		params: []string{x.w.mine.Cooperative.ID}, query: "limit=1"}, http.StatusOK, &latest)
	if len(latest.Items) != 1 {
		x.t.Fatalf("the newest entry: %d entries, want 1", len(latest.Items))
	}
	return latest.Items[0].ID
}

// recordedEntryID is the ID of the entry an answer holds: the answer
// itself, or its "entry" for a loan repayment.
func recordedEntryID(t *testing.T, raw []byte) string {
	t.Helper()
	var v struct {
		ID    string  `json:"id"`
		Entry *idJSON `json:"entry"`
	}
	decodeJSON(t, raw, &v)
	if v.Entry != nil {
		return v.Entry.ID
	}
	return v.ID
}

type listJSON[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor"`
}

func (x *exchange) publicRoutes() {
	for _, route := range []string{"/healthz", "/readyz", "/v1/openapi.json"} {
		x.do(request{caller: callerNone, method: http.MethodGet, route: route}, http.StatusOK)
	}
	_, body := x.do(request{caller: callerNone, method: http.MethodGet, route: "/metrics"}, http.StatusOK)
	if !bytes.Contains(body, []byte("lumbung_http_requests_total")) {
		x.t.Errorf("GET /metrics: no lumbung_http_requests_total series in:\n%.500s", body)
	}
}

// sessions logs the treasurer in, uses her token, refreshes and logs out,
// which ends the access token too.
func (x *exchange) sessions() {
	t, w := x.t, x.w
	login := w.mine.Logins["treasurer"]
	var tokens struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": login, "password": accountstest.Password}}, http.StatusOK, &tokens)

	const loggedIn = "logged_in_treasurer"
	w.tokens[loggedIn] = tokens.AccessToken
	var me struct {
		User struct {
			Login string `json:"login"`
		} `json:"user"`
	}
	x.decode(request{caller: loggedIn, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if me.User.Login != login {
		t.Errorf("GET /v1/me with the login's token: login %q, want %q", me.User.Login, login)
	}

	first := tokens.RefreshToken
	x.decode(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": first}}, http.StatusOK, &tokens)
	if tokens.RefreshToken == first {
		t.Error("refresh returned the same refresh token; it must rotate")
	}
	x.do(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/logout",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}, http.StatusNoContent)
	x.wantProblem(x.problemOf(request{caller: loggedIn, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	p := x.problemOf(request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/refresh",
		body: map[string]string{"refresh_token": tokens.RefreshToken}}, http.StatusUnauthorized)
	x.wantProblem(p, "/problems/auth.invalid_refresh_token")
}

// administration is the admin's day: a cooperative, a partner with a
// facility, a user with grants.
func (x *exchange) administration() {
	t := x.t
	tag := ledgertest.UniqueTag()
	var coop idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/cooperatives",
		body: map[string]string{"name": "Koperasi Wanita Sejahtera " + tag, "currency": "IDR"}}, http.StatusCreated, &coop)
	var page listJSON[idJSON]
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives", query: "limit=1"}, http.StatusOK, &page)
	if len(page.Items) != 1 || page.NextCursor == "" {
		t.Errorf("GET /v1/cooperatives?limit=1 as admin: %d items, next_cursor %q; want 1 and a cursor", len(page.Items), page.NextCursor)
	}
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives",
		query: "limit=1&cursor=" + url.QueryEscape(page.NextCursor)}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives/:coop", params: []string{coop.ID}}, http.StatusOK)

	var partner idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners",
		body: map[string]string{"name": "Yayasan Dana Desa " + tag, "model": "multi_stakeholder"}}, http.StatusCreated, &partner)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners", query: "limit=2"}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner", params: []string{partner.ID}}, http.StatusOK)
	x.do(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners/:partner/facilities", params: []string{partner.ID},
		body: map[string]any{"cooperative_id": coop.ID, "kind": "loan", "committed": "250000000", "purpose": "modal usaha anggota",
			"starts_on": "2025-01-01", "ends_on": "2027-12-31"}}, http.StatusCreated)
	var loanFacility idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/partners/:partner/facilities", params: []string{partner.ID},
		body: map[string]any{"cooperative_id": x.w.mine.Cooperative.ID, "kind": "loan", "committed": "30000000", "ends_on": nil}},
		http.StatusCreated, &loanFacility)
	x.loanFacility = loanFacility.ID
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner/facilities", params: []string{partner.ID}}, http.StatusOK)

	var user idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users",
		body: map[string]string{"login": "bendahara." + tag + "@lumbung.test", "name": "Ibu Ratna", "password": "kata sandi rahasia"}},
		http.StatusCreated, &user)
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/users", query: "limit=1"}, http.StatusOK)
	treasurerGrant := map[string]string{"role": "treasurer", "cooperative_id": coop.ID}
	x.do(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants", params: []string{user.ID},
		body: treasurerGrant}, http.StatusCreated)
	var grant idJSON
	x.decode(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants", params: []string{user.ID},
		body: map[string]string{"role": "partner", "partner_id": partner.ID}}, http.StatusCreated, &grant)
	var grants listJSON[idJSON]
	x.decode(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/users/:user/grants", params: []string{user.ID}}, http.StatusOK, &grants)
	if len(grants.Items) != 2 {
		t.Errorf("GET grants: %d grants, want 2", len(grants.Items))
	}
	x.do(request{caller: callerAdmin, method: http.MethodDelete, route: "/v1/users/:user/grants/:grant", params: []string{user.ID, grant.ID}}, http.StatusNoContent)
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodPost, route: "/v1/users/:user/grants",
		params: []string{user.ID}, body: treasurerGrant}, http.StatusConflict), "/problems/grant.exists")
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodDelete, route: "/v1/users/:user/grants/:grant",
		params: []string{user.ID, grant.ID}}, http.StatusNotFound), "/problems/grant.not_found")
}

// people is the treasurer keeping her groups and members.
func (x *exchange) people() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	var group idJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups", params: []string{coop},
		body: map[string]string{"name": "Kelompok Melati", "meeting_day": "thursday"}}, http.StatusCreated, &group)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups", params: []string{coop}}, http.StatusOK)
	var replaced struct {
		Name       string  `json:"name"`
		MeetingDay *string `json:"meeting_day"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/groups/:group", params: []string{coop, group.ID},
		body: map[string]string{"name": "Kelompok Melati Putih"}}, http.StatusOK, &replaced)
	if replaced.Name != "Kelompok Melati Putih" || replaced.MeetingDay != nil {
		t.Errorf("a group replaced without a meeting day: name %q, meeting_day %v; want the new name and no meeting day", replaced.Name, replaced.MeetingDay)
	}

	member := map[string]string{"group_id": group.ID, "name": "Wati Susanti", "gender": "female", "joined_on": "2025-03-01",
		"business_type": "jahit", "phone": "+62 812-3456-7890"}
	var created struct {
		ID       string  `json:"id"`
		Number   int     `json:"number"`
		ExitedOn *string `json:"exited_on"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members", params: []string{coop},
		body: member}, http.StatusCreated, &created)
	if created.ExitedOn != nil {
		t.Errorf("a member just enrolled: exited_on %q, want null", *created.ExitedOn)
	}
	var members listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members", params: []string{coop},
		query: "group_id=" + group.ID}, http.StatusOK, &members)
	if len(members.Items) != 1 || members.Items[0].ID != created.ID {
		t.Errorf("members of the new group: %+v, want only %s", members.Items, created.ID)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, created.ID}}, http.StatusOK)
	member["phone"] = "0812 9876 5432"
	delete(member, "business_type")
	var updated struct {
		Number       int    `json:"number"`
		Phone        string `json:"phone"`
		JoinedOn     string `json:"joined_on"`
		BusinessType string `json:"business_type"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, created.ID},
		body: member}, http.StatusOK, &updated)
	if updated.Number != created.Number || updated.Phone != member["phone"] || updated.JoinedOn != member["joined_on"] || updated.BusinessType != "" {
		t.Errorf("replaced member: number %d phone %q joined_on %s business_type %q; want %d, %q, %s and none",
			updated.Number, updated.Phone, updated.JoinedOn, updated.BusinessType, created.Number, member["phone"], member["joined_on"])
	}
}

// books is the treasurer keeping the books: accounts, an idempotent
// deposit, its replay, a reversal, the trial balance.
func (x *exchange) books() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	today := time.Now().UTC().Format(time.DateOnly)
	sukarela := accounts.MemberAccountCode(accounts.Sukarela, x.w.mine.Members[0].Number)

	var chart listJSON[struct {
		Code string `json:"code"`
	}]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}}, http.StatusOK, &chart)
	if !slices.ContainsFunc(chart.Items, func(a struct {
		Code string `json:"code"`
	}) bool {
		return a.Code == sukarela
	}) {
		t.Errorf("the chart has no %s", sukarela)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}, query: "as_of=2000-01-01"}, http.StatusOK)
	meetings := map[string]any{"code": "5150", "name": "Biaya rapat anggota", "type": "expense", "non_negative": false}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/accounts", params: []string{coop}, body: meetings}, http.StatusCreated)
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/accounts", params: []string{coop},
		body: meetings}, http.StatusConflict), "/problems/account.code_taken")
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code", params: []string{coop, "1100"}}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code", params: []string{coop, sukarela},
		query: "as_of=" + today}, http.StatusOK)

	deposit := func(amount string) map[string]any {
		return map[string]any{"kind": "savings.deposit", "memo": "Setoran simpanan sukarela", "metadata": map[string]string{"receipt": "0042"},
			"postings": []map[string]string{{"account": "1100", "side": "debit", "amount": amount}, {"account": sukarela, "side": "credit", "amount": amount}}}
	}
	key := "setoran-" + ledgertest.UniqueTag()
	post := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries", params: []string{coop},
		body: deposit("150000"), headers: []string{"Idempotency-Key", key}}
	var entry idJSON
	resp := x.decode(post, http.StatusCreated, &entry)
	if want := "/v1/cooperatives/" + coop + "/entries/" + entry.ID; resp.Header.Get(fiber.HeaderLocation) != want {
		t.Errorf("Location: got %q, want %q", resp.Header.Get(fiber.HeaderLocation), want)
	}
	var replay idJSON
	resp = x.decode(post, http.StatusOK, &replay)
	if replay.ID != entry.ID || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay: entry %s, Idempotent-Replayed %q; want %s and true", replay.ID, resp.Header.Get("Idempotent-Replayed"), entry.ID)
	}
	reused := post
	reused.body = deposit("175000")
	x.wantProblem(x.problemOf(reused, http.StatusConflict), "/problems/entry.idempotency_key_reused")
	bad := post
	bad.body, bad.headers = deposit("1e5"), nil
	p := x.problemOf(bad, http.StatusUnprocessableEntity)
	if !slices.ContainsFunc(p.Errors, func(e struct {
		Field  string `json:"field"`
		Reason string `json:"reason"`
	}) bool {
		return e.Field == "postings[0].amount"
	}) {
		t.Errorf("a 1e5 amount: errors %+v name no postings[0].amount", p.Errors)
	}

	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries", params: []string{coop}}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries", params: []string{coop},
		query: "account=1100&limit=1"}, http.StatusOK)
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry", params: []string{coop, entry.ID}}, http.StatusOK)
	reverse := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/entries/:entry/reversal",
		params: []string{coop, entry.ID}, body: map[string]string{"memo": "Salah catat: setoran dobel"},
		headers: []string{"Idempotency-Key", "koreksi-" + key}}
	var reversal struct {
		ID       string `json:"id"`
		Reverses string `json:"reverses"`
	}
	x.decode(reverse, http.StatusCreated, &reversal)
	if reversal.Reverses != entry.ID {
		t.Errorf("reversal reverses %q, want %s", reversal.Reverses, entry.ID)
	}
	x.do(reverse, http.StatusOK)
	reverse.headers = nil
	x.wantProblem(x.problemOf(reverse, http.StatusConflict), "/problems/entry.already_reversed")
	var reversed struct {
		ReversedBy string `json:"reversed_by"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/entries/:entry", params: []string{coop, entry.ID}},
		http.StatusOK, &reversed)
	if reversed.ReversedBy != reversal.ID {
		t.Errorf("reversed_by %q, want %s", reversed.ReversedBy, reversal.ID)
	}
	post.body, post.headers = deposit("50000"), nil
	x.do(post, http.StatusCreated)

	var tb struct {
		AsOf   string `json:"as_of"`
		Totals []struct {
			Debit, Credit string
		} `json:"totals"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance", params: []string{coop}}, http.StatusOK, &tb)
	for _, total := range tb.Totals {
		if total.Debit != total.Credit {
			t.Errorf("trial balance: debits %s, credits %s", total.Debit, total.Credit)
		}
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance", params: []string{coop},
		query: "as_of=" + today}, http.StatusOK, &tb)
	if tb.AsOf != today {
		t.Errorf("trial balance as_of: got %q, want %s", tb.AsOf, today)
	}
}

// memberView is a member reading her own savings and statement.
func (x *exchange) memberView() {
	t := x.t
	sukarela := accounts.MemberAccountCode(accounts.Sukarela, x.w.mine.Members[0].Number)
	var me struct {
		Memberships []struct {
			Accounts []struct {
				ID      string `json:"id"`
				Code    string `json:"code"`
				Balance string `json:"balance"`
			} `json:"accounts"`
		} `json:"memberships"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if len(me.Memberships) != 1 {
		t.Fatalf("GET /v1/me as a member: %d memberships, want 1", len(me.Memberships))
	}
	var account string
	for _, a := range me.Memberships[0].Accounts {
		if a.Code == sukarela {
			account = a.ID
			if a.Balance != "50000" {
				t.Errorf("her sukarela balance: got %s, want 50000", a.Balance)
			}
		}
	}
	if account == "" {
		t.Fatalf("GET /v1/me as a member: no %s among %+v", sukarela, me.Memberships[0].Accounts)
	}
	var statement listJSON[struct {
		Amount string `json:"amount"`
	}]
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/me/accounts/:account/entries", params: []string{account}},
		http.StatusOK, &statement)
	if len(statement.Items) != 3 {
		t.Errorf("her statement: %d lines, want 3 (deposit, reversal, deposit)", len(statement.Items))
	}
	x.wantProblem(x.problemOf(request{caller: callerOtherMember, method: http.MethodGet, route: "/v1/me/accounts/:account/entries",
		params: []string{account}}, http.StatusNotFound), "/problems/account.not_found")
}

// partnerView is a partner's officer reviewing what its capital funds.
func (x *exchange) partnerView() {
	t, w := x.t, x.w
	var me struct {
		Partners []struct {
			Partner idJSON `json:"partner"`
		} `json:"partners"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/me"}, http.StatusOK, &me)
	if len(me.Partners) != 1 || me.Partners[0].Partner.ID != w.mine.Partner.ID {
		t.Errorf("GET /v1/me as the partner: %+v, want partner %s", me.Partners, w.mine.Partner.ID)
	}
	var coops listJSON[idJSON]
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives"}, http.StatusOK, &coops)
	if len(coops.Items) != 1 || coops.Items[0].ID != w.mine.Cooperative.ID {
		t.Errorf("GET /v1/cooperatives as the partner: %+v, want only %s", coops.Items, w.mine.Cooperative.ID)
	}
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/cooperatives/:coop", params: []string{w.mine.Cooperative.ID}}, http.StatusOK)
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner", params: []string{w.mine.Partner.ID}}, http.StatusOK)
	x.do(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/facilities", params: []string{w.mine.Partner.ID}}, http.StatusOK)
	x.wantProblem(x.problemOf(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner",
		params: []string{w.theirs.Partner.ID}}, http.StatusNotFound), "/problems/partner.not_found")
}

// savings is the treasurer at the weekly meeting: the savings rules, deposits
// of each kind, a withdrawal, a member's savings, a member who leaves.
func (x *exchange) savings() {
	t, w := x.t, x.w
	coop, m0, m1 := w.mine.Cooperative.ID, w.mine.Members[0].ID, w.mine.Members[1].ID
	var rules struct {
		Pokok string `json:"pokok"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodPut, route: "/v1/cooperatives/:coop/savings-rules", params: []string{coop},
		body: map[string]string{"pokok": "50000", "wajib": "10000", "wajib_frequency": "monthly"}}, http.StatusOK, &rules)
	if rules.Pokok != "50000" {
		t.Errorf("savings rules: pokok %q, want 50000", rules.Pokok)
	}
	deposits := "/v1/cooperatives/:coop/members/:member/deposits"
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m0},
		body: map[string]string{"type": "pokok", "amount": "50000"}}, http.StatusCreated)
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m1},
		body: map[string]string{"type": "wajib", "amount": "10000", "memo": "Wajib bulan ini", "via": "cash"}})
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, m0},
		body: map[string]string{"type": "sukarela", "amount": "20000", "via": "bank"}}, http.StatusCreated)
	withdrawals := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/withdrawals",
		params: []string{coop, m0}, body: map[string]string{"type": "sukarela", "amount": "10000"}}
	x.recordTwice(withdrawals)
	withdrawals.body = map[string]string{"type": "sukarela", "amount": "99999999"}
	x.wantProblem(x.problemOf(withdrawals, http.StatusConflict), "/problems/account.below_floor")

	var savings struct {
		Balances map[string]string `json:"balances"`
	}
	mine := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/savings", params: []string{coop, m0}}
	x.decode(mine, http.StatusOK, &savings)
	if want := map[string]string{"pokok": "50000", "wajib": "0", "sukarela": "60000"}; !maps.Equal(savings.Balances, want) {
		t.Errorf("her savings: %v, want %v", savings.Balances, want)
	}
	mine.caller = callerTreasurer
	x.do(mine, http.StatusOK)
	mine.caller = callerOtherMember
	x.wantProblem(x.problemOf(mine, http.StatusNotFound), "/problems/member.not_found")
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: deposits, params: []string{coop, w.theirs.Members[0].ID},
		body: map[string]string{"type": "sukarela", "amount": "5000"}}, http.StatusNotFound), "/problems/member.not_found")

	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/members/:member/exit", params: []string{coop, m1},
		body: map[string]string{"memo": "Pindah ke kota"}})
	var left struct {
		ExitedOn *string `json:"exited_on"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member", params: []string{coop, m1}},
		http.StatusOK, &left)
	if today := time.Now().UTC().Format(time.DateOnly); left.ExitedOn == nil || *left.ExitedOn != today {
		t.Errorf("a member who left today: exited_on %v, want %s", left.ExitedOn, today)
	}
}

// capital is partner capital arriving and a loan facility being repaid, and
// the cooperative's own expenses and income.
func (x *exchange) capital() {
	t, coop := x.t, x.w.mine.Cooperative.ID
	var facilities listJSON[struct {
		ID          string `json:"id"`
		AccountCode string `json:"account_code"`
	}]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/facilities", params: []string{coop}},
		http.StatusOK, &facilities)
	if len(facilities.Items) != 2 {
		t.Errorf("the cooperative's facilities: %d, want 2", len(facilities.Items))
	}
	account := map[string]string{}
	for _, f := range facilities.Items {
		account[f.ID] = f.AccountCode
	}
	tranches := "/v1/cooperatives/:coop/facilities/:facility/tranches"
	var tranche struct {
		Postings []struct{ Account, Side string } `json:"postings"`
	}
	decodeJSON(t, x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.w.mine.Facility.ID},
		body: map[string]string{"amount": "10000000", "memo": "Tahap 1"}}), &tranche)
	code, credited := account[x.w.mine.Facility.ID], false
	for _, p := range tranche.Postings {
		credited = credited || p.Account == code && p.Side == "credit"
	}
	if code == "" || !credited {
		t.Errorf("a tranche: postings %+v, want a credit to the facility's account_code %q", tranche.Postings, code)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.loanFacility},
		body: map[string]string{"amount": "20000000", "via": "bank"}}, http.StatusCreated)
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: tranches, params: []string{coop, x.loanFacility},
		body: map[string]string{"amount": "20000000", "via": "bank"}}, http.StatusConflict), "/problems/facility.over_commitment")
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/facilities/:facility/repayments",
		params: []string{coop, x.loanFacility}, body: map[string]string{"principal": "1000000", "interest": "150000", "via": "bank"}})
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/expenses", params: []string{coop},
		body: map[string]string{"category": "transport", "amount": "25000", "memo": "Ongkos ke bank"}})
	x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/incomes", params: []string{coop},
		body: map[string]string{"category": "bunga bank", "amount": "12500", "via": "bank"}})
}

// loans is a loan's life: a preview, an application a second treasurer
// approves, disbursement, a repayment, penalties, a write-off; and a group's
// application that is turned down.
func (x *exchange) loans() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	const approver = "approver"
	w.tokens[approver] = accessToken(t, signIn(t, w.mine.Identity, w.mine.Logins["approver"]))
	today := time.Now().UTC().Format(time.DateOnly)
	var preview struct {
		Installments []struct{} `json:"installments"`
	}
	x.decode(request{caller: callerMember, method: http.MethodPost, route: "/v1/schedules/preview",
		body: map[string]any{"principal": "1000000", "currency": "IDR", "annual_rate": "18", "installments": 12, "frequency": "monthly",
			"interest_method": "declining", "installment_multiple": "500", "disbursed_on": today}}, http.StatusOK, &preview)
	if len(preview.Installments) != 12 {
		t.Errorf("preview: %d installments, want 12", len(preview.Installments))
	}

	type loanJSON struct {
		ID       string          `json:"id"`
		Status   string          `json:"status"`
		AsOf     *string         `json:"as_of"`
		Position json.RawMessage `json:"position"`
	}
	var loan loanJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		body: map[string]any{"member_id": m0, "facility_id": w.mine.Facility.ID, "principal": "2000000", "annual_rate": "18",
			"interest_method": "flat", "frequency": "weekly", "installments": 10, "installment_multiple": "500", "fee": "20000",
			"penalty": "5000", "purpose": "modal warung"}}, http.StatusCreated, &loan)
	if loan.AsOf != nil {
		t.Errorf("an application: as_of %q, want none: it is computed for no date", *loan.AsOf)
	}
	step := func(caller, action string, want int) loanJSON {
		var out loanJSON
		x.decode(request{caller: caller, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/" + action,
			params: []string{coop, loan.ID}}, want, &out)
		return out
	}
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/approval",
		params: []string{coop, loan.ID}}, http.StatusForbidden), "/problems/loan.self_approval")
	if got := step(approver, "approval", http.StatusOK); got.Status != "approved" {
		t.Errorf("approved loan: status %q", got.Status)
	}
	var disbursed loanJSON
	disburse := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/disbursement",
		params: []string{coop, loan.ID}, body: map[string]string{"memo": "Pencairan", "via": "cash"},
		headers: []string{"Idempotency-Key", "cair-" + loan.ID}}
	x.decode(disburse, http.StatusOK, &disbursed)
	if disbursed.Status != "disbursed" || string(disbursed.Position) == "null" || disbursed.AsOf == nil || *disbursed.AsOf != today {
		t.Errorf("disbursed loan: status %q, position %s, as_of %v; want disbursed with a position as of %s",
			disbursed.Status, disbursed.Position, disbursed.AsOf, today)
	}
	decodeJSON(t, x.retryRecordsNothing(disburse), &disbursed)
	if disbursed.Status != "disbursed" {
		t.Errorf("a retried disbursement: status %q, want disbursed", disbursed.Status)
	}
	x.do(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans", params: []string{coop}}, http.StatusOK)
	var hers listJSON[idJSON]
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		query: "member_id=" + m0 + "&status=disbursed"}, http.StatusOK, &hers)
	if len(hers.Items) != 1 || hers.Items[0].ID != loan.ID {
		t.Errorf("her disbursed loans: %+v, want %s", hers.Items, loan.ID)
	}
	get := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/loans/:loan", params: []string{coop, loan.ID}}
	x.do(get, http.StatusOK)
	get.caller = callerOtherMember
	x.wantProblem(x.problemOf(get, http.StatusNotFound), "/problems/loan.not_found")

	var repaid struct {
		Allocation struct{ Penalty, Interest, Principal string } `json:"allocation"`
	}
	decodeJSON(t, x.recordTwice(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/repayments",
		params: []string{coop, loan.ID}, body: map[string]string{"amount": "50000"}}), &repaid)
	if a := repaid.Allocation; a.Penalty != "0" || a.Interest != "0" || a.Principal != "50000" {
		t.Errorf("a repayment before anything is due: allocation %+v, want all principal", a)
	}
	step(callerTreasurer, "penalties", http.StatusOK)
	writeOff := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans/:loan/write-off",
		params: []string{coop, loan.ID}, body: map[string]string{"memo": "Pindah tanpa kabar"}, headers: []string{"Idempotency-Key", "hapus-" + loan.ID}}
	var written loanJSON
	x.decode(writeOff, http.StatusOK, &written)
	if written.Status != "written_off" {
		t.Errorf("written-off loan: status %q", written.Status)
	}
	decodeJSON(t, x.retryRecordsNothing(writeOff), &written)
	if written.Status != "written_off" {
		t.Errorf("a retried write-off: status %q, want written_off", written.Status)
	}

	var group loanJSON
	x.decode(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/loans", params: []string{coop},
		body: map[string]any{"group_id": w.mine.Group.ID, "facility_id": x.loanFacility, "principal": "1000000", "annual_rate": "12",
			"interest_method": "equal_principal", "frequency": "monthly", "installments": 4, "grace_periods": 1}}, http.StatusCreated, &group)
	loan = group
	if got := step(approver, "rejection", http.StatusOK); got.Status != "rejected" {
		t.Errorf("rejected loan: status %q", got.Status)
	}
}

// collection is the weekly meeting's sheet: fetched before, recorded after,
// and recorded again when a phone retries.
func (x *exchange) collection() {
	t, w := x.t, x.w
	coop, group, m0 := w.mine.Cooperative.ID, w.mine.Group.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	sheet := request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/collection-sheet",
		params: []string{coop, group}, query: "date=" + today}
	var before struct {
		Recorded bool `json:"recorded"`
		Lines    []struct {
			MemberID string `json:"member_id"`
		} `json:"lines"`
	}
	x.decode(sheet, http.StatusOK, &before)
	if before.Recorded || len(before.Lines) != 1 || before.Lines[0].MemberID != m0 {
		t.Errorf("the sheet before the meeting: recorded %v, lines %+v; want unrecorded, one line for %s (the other member left)",
			before.Recorded, before.Lines, m0)
	}
	record := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups/:group/collection-sheet",
		params: []string{coop, group}, body: map[string]any{"date": today,
			"lines": []map[string]any{{"member_id": m0, "attended": true, "wajib": "10000", "sukarela": "5000"}}}}
	var meeting struct {
		ID      string     `json:"id"`
		Entries []struct{} `json:"entries"`
	}
	x.decode(record, http.StatusCreated, &meeting)
	if len(meeting.Entries) != 2 {
		t.Errorf("the recorded sheet: %d entries, want 2 (wajib and sukarela)", len(meeting.Entries))
	}
	var again struct {
		ID       string `json:"id"`
		Replayed bool   `json:"replayed"`
	}
	if resp := x.decode(record, http.StatusOK, &again); again.ID != meeting.ID || !again.Replayed || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("the same sheet again: meeting %s replayed %v, want the replay of %s", again.ID, again.Replayed, meeting.ID)
	}
	x.decode(sheet, http.StatusOK, &before)
	if !before.Recorded {
		t.Error("the sheet after the meeting is not marked recorded")
	}
}

// statementJSON is the part of an account statement the scenario checks.
type statementJSON struct {
	Opening string `json:"opening"`
	Lines   []struct {
		Balance string `json:"balance"`
	} `json:"lines"`
	Closing string `json:"closing"`
}

// reports is the month's end: a member's statement, her group's summary, the
// treasurer's financial statements, cash book and loan portfolio, and the
// partners' portfolios.
func (x *exchange) reports() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	period := "from=2025-01-01&to=" + today

	statement := request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/statement",
		params: []string{coop, m0}, query: "type=sukarela&" + period}
	var st statementJSON
	x.decode(statement, http.StatusOK, &st)
	var savings struct {
		Balances map[string]string `json:"balances"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member/savings",
		params: []string{coop, m0}}, http.StatusOK, &savings)
	if st.Opening != "0" || len(st.Lines) == 0 || st.Lines[len(st.Lines)-1].Balance != st.Closing || st.Closing != savings.Balances["sukarela"] {
		t.Errorf("her sukarela statement: opening %s, %d lines, closing %s; want 0, a line per movement, and her balance %s",
			st.Opening, len(st.Lines), st.Closing, savings.Balances["sukarela"])
	}
	statement.caller = callerOtherMember
	x.wantProblem(x.problemOf(statement, http.StatusNotFound), "/problems/member.not_found")
	statement.caller, statement.query = callerMember, "type=sukarela&to="+today
	p := x.problemOf(statement, http.StatusUnprocessableEntity)
	if p.Type != "/problems/statement.period" || len(p.Errors) != 1 || p.Errors[0].Field != "from" {
		t.Errorf("a statement without from: %s %+v, want statement.period naming from", p.Type, p.Errors)
	}

	var summary struct {
		Members int `json:"members"`
		Savings struct {
			Sukarela string `json:"sukarela"`
		} `json:"savings"`
	}
	x.decode(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups/:group/summary",
		params: []string{coop, w.mine.Group.ID}}, http.StatusOK, &summary)
	if summary.Members != 1 || summary.Savings.Sukarela != savings.Balances["sukarela"] {
		t.Errorf("her group's summary: %d members, sukarela %s; want 1 (the other left) and her %s",
			summary.Members, summary.Savings.Sukarela, savings.Balances["sukarela"])
	}

	books := func(route, query string, v any) {
		x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/" + route,
			params: []string{coop}, query: query}, http.StatusOK, v)
	}
	type section struct {
		Total string `json:"total"`
	}
	var bs struct {
		Assets section `json:"assets"`
		Total  string  `json:"total_liabilities_and_equity"`
	}
	books("balance-sheet", "as_of="+today, &bs)
	if bs.Assets.Total != bs.Total {
		t.Errorf("balance sheet: assets %s, liabilities and equity %s", bs.Assets.Total, bs.Total)
	}
	var is struct {
		Income  section `json:"income"`
		Surplus string  `json:"surplus"`
	}
	books("income-statement", period, &is)
	if is.Income.Total == "0" {
		t.Errorf("income statement: no income, though loan fees and bank interest were recorded")
	}
	var cash statementJSON
	books("cash-book", period+"&via=bank", &cash)
	var bank struct {
		Balance string `json:"balance"`
	}
	x.decode(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts/:code",
		params: []string{coop, accounts.CodeBank}}, http.StatusOK, &bank)
	if cash.Closing != bank.Balance {
		t.Errorf("bank book: closing %s, want the bank balance %s", cash.Closing, bank.Balance)
	}
	books("cash-book", period, &cash)
	var portfolio struct {
		WrittenOff string `json:"written_off"`
		Ageing     []struct {
			Band string `json:"band"`
		} `json:"ageing"`
	}
	books("loan-portfolio", "", &portfolio)
	var bands []string
	for _, a := range portfolio.Ageing {
		bands = append(bands, a.Band)
	}
	if portfolio.WrittenOff == "0" || !slices.Equal(bands, lending.AgeingBands) {
		t.Errorf("loan portfolio: written off %s, bands %v; want the written-off loan and bands %v", portfolio.WrittenOff, bands, lending.AgeingBands)
	}

	var pp struct {
		Facilities []struct {
			LoansFunded int `json:"loans_funded"`
		} `json:"facilities"`
		Totals []struct {
			Currency string `json:"currency"`
		} `json:"totals"`
	}
	x.decode(request{caller: callerPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}}, http.StatusOK, &pp)
	if len(pp.Facilities) != 1 || pp.Facilities[0].LoansFunded != 1 || len(pp.Totals) != 1 || pp.Totals[0].Currency != "IDR" {
		t.Errorf("the partner's portfolio: %+v, totals %+v; want one facility funding one loan, totals in IDR", pp.Facilities, pp.Totals)
	}
	x.do(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}, query: "as_of=" + today}, http.StatusOK)
	x.wantProblem(x.problemOf(request{caller: callerOtherPartner, method: http.MethodGet, route: "/v1/partners/:partner/portfolio",
		params: []string{w.mine.Partner.ID}}, http.StatusNotFound), "/problems/partner.not_found")
}

// downloads are the reports as files: the treasurer's CSVs for her
// spreadsheet, a member's statement and the financial statements as PDF,
// the partner's portfolio as both.
func (x *exchange) downloads() {
	t, w := x.t, x.w
	coop, m0 := w.mine.Cooperative.ID, w.mine.Members[0].ID
	today := time.Now().UTC().Format(time.DateOnly)
	period := "from=2025-01-01&to=" + today
	report := func(caller, route, query string, params ...string) request {
		return request{caller: caller, method: http.MethodGet, route: route, params: params, query: query}
	}
	statement := report(callerMember, "/v1/cooperatives/:coop/members/:member/statement", "type=sukarela&"+period, coop, m0)
	books := func(route, query string) request {
		return report(callerTreasurer, "/v1/cooperatives/:coop/"+route, query, coop)
	}
	portfolio := report(callerPartner, "/v1/partners/:partner/portfolio", "", w.mine.Partner.ID)

	for _, r := range []request{statement, books("cash-book", period), books("cash-book", period+"&via=bank"),
		books("balance-sheet", ""), books("income-statement", period), books("loan-portfolio", ""),
		books("health-ratios", ""), books("due-list", ""),
		books("trial-balance", ""), portfolio} {
		x.download(r, "csv", "")
	}
	sheet := x.download(books("balance-sheet", "as_of="+today), "csv", "&delimiter=semicolon&decimal=comma")
	if want := "\uFEFFsection;code;name;amount\r\n"; !strings.HasPrefix(string(sheet), want) {
		t.Errorf("a balance sheet for an Indonesian spreadsheet starts %.60q, want %q", sheet, want)
	}
	for _, r := range []request{statement, books("balance-sheet", ""), books("income-statement", period), portfolio,
		books("cash-book", period), books("cash-book", period+"&via=bank")} {
		x.download(r, "pdf", "")
	}

	p := x.problemOf(books("trial-balance", "format=pdf"), http.StatusUnprocessableEntity)
	if p.Type != "/problems/request.format" || len(p.Errors) != 1 || p.Errors[0].Field != "format" {
		t.Errorf("a trial balance as PDF: %s %+v, want request.format naming format", p.Type, p.Errors)
	}
	p = x.problemOf(books("balance-sheet", "format=csv&decimal=comma"), http.StatusUnprocessableEntity)
	if p.Type != "/problems/request.decimal" || len(p.Errors) != 1 || p.Errors[0].Field != "decimal" {
		t.Errorf("a decimal comma between comma-separated cells: %s %+v, want request.decimal naming decimal", p.Type, p.Errors)
	}
	statement.caller, statement.query = callerOtherMember, statement.query+"&format=pdf"
	x.wantProblem(x.problemOf(statement, http.StatusNotFound), "/problems/member.not_found")
}

// download asks for r's report as a file in format ("csv" or "pdf"), with
// the extra query given, and checks that a file came: the media type asked
// for, to be saved under a name with the format's extension.
func (x *exchange) download(r request, format, extra string) []byte {
	x.t.Helper()
	if r.query != "" {
		r.query += "&"
	}
	r.query += "format=" + format + extra
	resp, body := x.do(r, http.StatusOK)
	want := map[string]string{"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}[format]
	if got := resp.Header.Get(fiber.HeaderContentType); got != want {
		x.t.Errorf("%s?%s: Content-Type %q, want %q", r.route, r.query, got, want)
	}
	disposition := resp.Header.Get(fiber.HeaderContentDisposition)
	if !strings.HasPrefix(disposition, `attachment; filename="`) || !strings.HasSuffix(disposition, "."+format+`"`) {
		x.t.Errorf("%s?%s: Content-Disposition %q, want an attachment named *.%s", r.route, r.query, disposition, format)
	}
	return body
}

// refusals are answers the document promises for callers who may not, and
// requests that cannot be taken.
func (x *exchange) refusals() {
	t, w := x.t, x.w
	coop := w.mine.Cooperative.ID
	x.wantProblem(x.problemOf(request{caller: callerNone, method: http.MethodGet, route: "/v1/me"}, http.StatusUnauthorized),
		"/problems/auth.token_missing")
	x.wantProblem(x.problemOf(request{caller: callerExpired, method: http.MethodGet, route: "/v1/cooperatives"}, http.StatusUnauthorized),
		"/problems/auth.token_invalid")
	x.wantProblem(x.problemOf(request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives",
		body: map[string]string{"name": "Koperasi Lain", "currency": "IDR"}}, http.StatusForbidden), "/problems/auth.forbidden")
	x.wantProblem(x.problemOf(request{caller: callerMember, method: http.MethodGet, route: "/v1/cooperatives/:coop/accounts",
		params: []string{coop}}, http.StatusForbidden), "/problems/auth.forbidden")
	x.wantProblem(x.problemOf(request{caller: callerOtherTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/members/:member",
		params: []string{coop, w.mine.Members[0].ID}}, http.StatusNotFound), "/problems/cooperative.not_found")
	x.wantProblem(x.problemOf(request{caller: callerAdmin, method: http.MethodGet, route: "/v1/cooperatives/:coop/trial-balance",
		params: []string{coop}}, http.StatusNotFound), "/problems/cooperative.not_found")
	p := x.problemOf(request{caller: callerTreasurer, method: http.MethodGet, route: "/v1/cooperatives/:coop/groups",
		params: []string{coop}, query: "limit=500"}, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "limit" {
		t.Errorf("limit=500: errors %+v, want one on limit", p.Errors)
	}
	groups := request{caller: callerTreasurer, method: http.MethodPost, route: "/v1/cooperatives/:coop/groups", params: []string{coop},
		body: []byte(`{"name": "Kelompok Anggrek"`)}
	x.wantProblem(x.problemOf(groups, http.StatusBadRequest), "/problems/request.malformed")
	groups.body = []byte(`{"name": "Kelompok Anggrek", "ketua": "Bu Sri"}`)
	x.wantProblem(x.problemOf(groups, http.StatusUnprocessableEntity), "/problems/request.unknown_field")
	groups.body, groups.headers = []byte(`{"name": "Kelompok Anggrek"}`), []string{fiber.HeaderContentType, fiber.MIMETextPlain}
	x.wantProblem(x.problemOf(groups, http.StatusUnsupportedMediaType), "about:blank")

	// Failed logins are counted per login; past the limit the answer is 429
	// with Retry-After, whatever the password.
	wrong := request{caller: callerNone, method: http.MethodPost, route: "/v1/auth/login",
		body: map[string]string{"login": w.mine.Logins["member1"], "password": "bukan kata sandinya"}}
	for range 5 {
		x.wantProblem(x.problemOf(wrong, http.StatusUnauthorized), "/problems/auth.invalid_credentials")
	}
	wrong.body = map[string]string{"login": w.mine.Logins["member1"], "password": accountstest.Password}
	resp, _ := x.do(wrong, http.StatusTooManyRequests)
	if resp.Header.Get(fiber.HeaderRetryAfter) == "" {
		t.Error("429 without Retry-After")
	}
}

// checkCoverage fails for every documented operation the scenario never
// saw succeed: a new route needs a step here as well as a description.
func (x *exchange) checkCoverage() {
	var missing []string
	for op := range mustOpenAPI(x.t).operations() {
		if !x.covered[op] {
			missing = append(missing, op)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		x.t.Errorf("operations the scenario never called with success:\n  %s", strings.Join(missing, "\n  "))
	}
}
