package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
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

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The OpenAPI document is kept true by these tests: every registered route
// is documented and nothing else is, and the answers of a scenario that
// calls every operation validate against the document's schemas. This file
// checks the document and validates answers; the scenario is in
// scenario_test.go and the scenario_<area>_test.go files.

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
	"POST /v1/auth/password",
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

	t.Run("ResponsesMatchTheDocument", testResponsesMatchTheDocument)
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
