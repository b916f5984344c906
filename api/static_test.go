package api_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"

	"github.com/lumbung/lumbung/api"
)

// uiFS is a built app as the tests see it: a shell, hashed assets, a
// service worker and a manifest.
var uiFS = fstest.MapFS{
	"index.html":                {Data: []byte(`<!doctype html><html lang="id"><script type="module" src="/assets/index-AbC123.js"></script>` + strings.Repeat(" ", 600) + `</html>`)},
	"assets/index-AbC123.js":    {Data: []byte("console.log('lumbung');" + strings.Repeat("//pad\n", 200))},
	"assets/index-AbC123.css":   {Data: []byte("body{margin:0}")},
	"sw.js":                     {Data: []byte("self.addEventListener('fetch',()=>{})")},
	"manifest.webmanifest":      {Data: []byte(`{"name":"Lumbung"}`)},
	"icon.svg":                  {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
	"assets/nested/dir/file.js": {Data: []byte("1")},
}

func uiApp(t *testing.T) *fiber.App {
	t.Helper()
	return newAppWith(t, nil, api.Config{UI: uiFS})
}

// uiGet asks as a browser would: a navigation asks for HTML.
func uiGet(t *testing.T, app *fiber.App, method, target string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

var navigate = map[string]string{"Sec-Fetch-Mode": "navigate", "Accept": "text/html,application/xhtml+xml"}

func TestStaticServesTheAppWithItsCachingRules(t *testing.T) {
	app := uiApp(t)
	cases := []struct {
		name, path   string
		header       map[string]string
		status       int
		contentType  string
		cacheControl string
		bodyHas      string
	}{
		{"shell at root", "/", navigate, 200, "text/html; charset=utf-8", "no-cache", "/assets/index-AbC123.js"},
		{"shell by name", "/index.html", nil, 200, "text/html; charset=utf-8", "no-cache", "<!doctype html>"},
		{"deep link of the app", "/bendahara/koperasi/1/pertemuan", navigate, 200, "text/html; charset=utf-8", "no-cache", "<!doctype html>"},
		{"deep link asked for by Accept alone", "/anggota", map[string]string{"Accept": "text/html"}, 200, "text/html; charset=utf-8", "no-cache", "<!doctype html>"},
		{"hashed script", "/assets/index-AbC123.js", nil, 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "console.log"},
		{"hashed style", "/assets/index-AbC123.css", nil, 200, "text/css; charset=utf-8", "public, max-age=31536000, immutable", "body{"},
		{"nested asset", "/assets/nested/dir/file.js", nil, 200, "text/javascript; charset=utf-8", "public, max-age=31536000, immutable", "1"},
		{"service worker", "/sw.js", nil, 200, "text/javascript; charset=utf-8", "no-cache", "addEventListener"},
		{"manifest", "/manifest.webmanifest", nil, 200, "application/manifest+json", "no-cache", "Lumbung"},
		{"icon", "/icon.svg", nil, 200, "image/svg+xml", "no-cache", "<svg"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := uiGet(t, app, http.MethodGet, tc.path, tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			if got := resp.Header.Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if got := resp.Header.Get("Cache-Control"); got != tc.cacheControl {
				t.Errorf("Cache-Control %q, want %q", got, tc.cacheControl)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
				}
			}
			if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options %q, want nosniff", got)
			}
			if !bytes.Contains(body, []byte(tc.bodyHas)) {
				t.Errorf("body %q lacks %q", body, tc.bodyHas)
			}
		})
	}
}

func TestStaticNeverAnswersHTMLForAMissingFile(t *testing.T) {
	app := uiApp(t)
	for _, target := range []string{
		"/assets/index-Gone99.js", // a script of an older build
		"/assets/missing",         // under assets/, even without an extension
		"/favicon.ico",            // any name with an extension
		"/sw-old.js",
		"/anggota", // a path of the app, but asked for by a script, not a navigation
	} {
		t.Run(target, func(t *testing.T) {
			header := map[string]string{"Sec-Fetch-Mode": "no-cors", "Accept": "*/*"}
			if strings.HasPrefix(target, "/assets/") || strings.Contains(target, ".") {
				header = navigate // a missing file stays missing even for a navigation
			}
			resp, body := uiGet(t, app, http.MethodGet, target, header)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("status %d, want 404: %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); strings.Contains(ct, "html") {
				t.Errorf("Content-Type %q: a missing file answered with HTML", ct)
			}
		})
	}
}

func TestStaticLeavesTheAPIPathsToTheAPI(t *testing.T) {
	app := uiApp(t)
	for _, target := range []string{"/v1", "/v1/", "/v1/no-such-route", "/v1/assets/index-AbC123.js", "/metrics/x", "/healthz/x", "/readyz/x"} {
		t.Run(target, func(t *testing.T) {
			resp, body := uiGet(t, app, http.MethodGet, target, navigate)
			if resp.StatusCode < 400 {
				t.Fatalf("status %d for %s, want an error", resp.StatusCode, target)
			}
			ct := resp.Header.Get("Content-Type")
			if ct != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json: %s", ct, body)
			}
			if strings.Contains(string(body), "<!doctype") {
				t.Errorf("the API path %s got the app's page", target)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy %q, want the API's", csp)
			}
		})
	}
	t.Run("healthz", func(t *testing.T) {
		resp, body := uiGet(t, app, http.MethodGet, "/healthz", navigate)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Type"), "json") {
			t.Fatalf("/healthz: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	})
}

func TestStaticRefusesPathTraversal(t *testing.T) {
	app := uiApp(t)
	for _, target := range []string{
		"/../api/static.go",
		"/assets/../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/assets/%2e%2e%2fsw.js",
		"/..%5c..%5cwindows",
		"/assets\\..\\index.html",
	} {
		t.Run(target, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.URL.Path, req.URL.RawPath = "", ""
			req.RequestURI = target
			req.URL.Opaque = target
			resp, err := app.Test(req, -1)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && !bytes.Contains(body, []byte("<!doctype html>")) {
				t.Fatalf("%s answered 200 with %q", target, body)
			}
			if bytes.Contains(body, []byte("package api")) || bytes.Contains(body, []byte("root:")) {
				t.Fatalf("%s read a file outside the app", target)
			}
		})
	}
}

func TestStaticOnlyGetAndHead(t *testing.T) {
	app := uiApp(t)
	resp, body := uiGet(t, app, http.MethodHead, "/assets/index-AbC123.js", nil)
	if resp.StatusCode != 200 || len(body) != 0 {
		t.Errorf("HEAD: status %d, %d bytes", resp.StatusCode, len(body))
	}
	resp, body = uiGet(t, app, http.MethodPost, "/", navigate)
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /: status %d, want 404 or 405: %s", resp.StatusCode, body)
	}
	if strings.Contains(resp.Header.Get("Content-Type"), "html") {
		t.Errorf("POST / answered with HTML")
	}
}

func TestStaticGzipAndRevalidation(t *testing.T) {
	app := uiApp(t)
	resp, body := uiGet(t, app, http.MethodGet, "/assets/index-AbC123.js", map[string]string{"Accept-Encoding": "gzip, br"})
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(zr)
	if want := uiFS["assets/index-AbC123.js"].Data; !bytes.Equal(plain, want) {
		t.Errorf("gunzipped body differs from the file")
	}
	if !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("Vary %q lacks Accept-Encoding", resp.Header.Get("Vary"))
	}
	resp, _ = uiGet(t, app, http.MethodGet, "/assets/index-AbC123.js", map[string]string{"Accept-Encoding": "gzip;q=0"})
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 still got %q", resp.Header.Get("Content-Encoding"))
	}

	resp, _ = uiGet(t, app, http.MethodGet, "/", navigate)
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("the shell has no ETag")
	}
	resp, body = uiGet(t, app, http.MethodGet, "/", map[string]string{"If-None-Match": etag, "Sec-Fetch-Mode": "navigate"})
	if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
		t.Errorf("revalidation: status %d with %d bytes, want 304 and none", resp.StatusCode, len(body))
	}
}

func TestStaticWithoutAnAppKeepsTheAPIAnswer(t *testing.T) {
	app := newAppWith(t, nil, api.Config{})
	resp, _ := uiGet(t, app, http.MethodGet, "/", navigate)
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("no UI: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
