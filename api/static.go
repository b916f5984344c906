package api

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"mime"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// uiCSP is the web app's content security policy: its own scripts, styles,
// images, service worker and manifest, and calls to this origin only. The
// API's answers keep their stricter default-src 'none' (see secure).
const uiCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const (
	// Files under assets/ carry a hash of their content in their name, so
	// a name never changes meaning and may be kept for a year.
	cacheImmutable = "public, max-age=31536000, immutable"
	// The shell, the service worker and the manifest name the hashed files
	// of the current build: a browser must ask again each time.
	cacheRevalidate = "no-cache"
	uiIndex         = "index.html"
	uiAssets        = "assets/"
	// gzipMinBytes: below this, compressing saves less than its headers.
	gzipMinBytes = 512
)

// apiPrefixes are the paths the app never answers, whatever is missing
// there: an unknown /v1 route stays a problem document, never a page.
var apiPrefixes = []string{"/v1", "/healthz", "/readyz", "/metrics"}

// uiFile is one file of the app as it is sent: its bytes, their gzip form
// when that is smaller, and an ETag for revalidation.
type uiFile struct {
	body, gz    []byte
	contentType string
	etag        string
}

// uiServer serves the built web app from a file system: the files that
// exist with their caching rules, index.html for a browser navigating to a
// path of the app, and 404 for anything else. It is our own rather than
// Fiber's filesystem middleware, which answers a missing script with the
// HTML page and caches every file alike.
type uiServer struct {
	fsys  fs.FS
	files sync.Map // name → *uiFile; dist is small and fixed for a run
}

func newUIServer(fsys fs.FS) *uiServer { return &uiServer{fsys: fsys} }

// handle is registered after every API route, so it sees only requests no
// route answered.
func (u *uiServer) handle(c *fiber.Ctx) error {
	if c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead {
		return c.Next()
	}
	p := c.Path()
	if isAPIPath(p) {
		return c.Next()
	}
	name, ok := uiName(p)
	if !ok {
		return fiber.ErrNotFound
	}
	f, err := u.file(name)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		// A file name (with an extension, or under assets/) that is not
		// there is a 404: answering it with the page would feed HTML to a
		// script tag or a service worker's cache.
		if path.Ext(name) != "" || strings.HasPrefix(name, uiAssets) || !isNavigation(c) {
			return fiber.ErrNotFound
		}
		if f, err = u.file(uiIndex); err != nil {
			return fiber.ErrNotFound
		}
		name = uiIndex
	default:
		return err
	}
	return u.send(c, name, f)
}

func (u *uiServer) send(c *fiber.Ctx, name string, f *uiFile) error {
	c.Set(fiber.HeaderContentSecurityPolicy, uiCSP)
	if strings.HasPrefix(name, uiAssets) {
		c.Set(fiber.HeaderCacheControl, cacheImmutable)
	} else {
		c.Set(fiber.HeaderCacheControl, cacheRevalidate)
	}
	c.Set(fiber.HeaderETag, f.etag)
	c.Set(fiber.HeaderContentType, f.contentType)
	c.Vary(fiber.HeaderAcceptEncoding)
	if etagMatches(c.Get(fiber.HeaderIfNoneMatch), f.etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	if f.gz != nil && acceptsGzip(c.Get(fiber.HeaderAcceptEncoding)) {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(f.gz)
	}
	return c.Send(f.body)
}

// file reads a regular file of the app once and keeps it.
func (u *uiServer) file(name string) (*uiFile, error) {
	if f, ok := u.files.Load(name); ok {
		return f.(*uiFile), nil
	}
	info, err := fs.Stat(u.fsys, name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fs.ErrNotExist
	}
	body, err := fs.ReadFile(u.fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(body)
	f := &uiFile{body: body, contentType: contentType(name), etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	if compressible(f.contentType) && len(body) >= gzipMinBytes {
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		_, _ = w.Write(body)
		_ = w.Close()
		if b.Len() < len(body) {
			f.gz = b.Bytes()
		}
	}
	actual, _ := u.files.LoadOrStore(name, f)
	return actual.(*uiFile), nil
}

func isAPIPath(p string) bool {
	for _, prefix := range apiPrefixes {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// uiName turns a request path into a file name of the app, refusing what
// could step outside it: "..", backslashes, escapes and NUL are never part
// of a name the build makes.
func uiName(p string) (string, bool) {
	if strings.ContainsAny(p, "\\%\x00") {
		return "", false
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += uiIndex
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	return name, true
}

// isNavigation tells a browser loading a page (which may get the app's
// shell for a path of its own) from a script, image or API call.
func isNavigation(c *fiber.Ctx) bool {
	if mode := c.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	return strings.Contains(c.Get(fiber.HeaderAccept), "text/html")
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json"
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "json") ||
		strings.HasPrefix(contentType, "image/svg")
}

func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q, found := strings.CutPrefix(strings.TrimSpace(params), "q=")
		if !found {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

func etagMatches(header, etag string) bool {
	for _, part := range strings.Split(header, ",") {
		t := strings.TrimPrefix(strings.TrimSpace(part), "W/")
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}
