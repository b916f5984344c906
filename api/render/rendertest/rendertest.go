// Package rendertest reads back what the documents of package render show,
// for the tests of render and of the API.
package rendertest

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
)

var (
	pdfStream = regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`)
	pdfShow   = regexp.MustCompile(`\(((?:[^\\)]|\\.)*)\) ?Tj`)
	pdfEscape = strings.NewReplacer(`\\`, `\`, `\(`, `(`, `\)`, `)`, `\r`, "\r")
)

// Text returns the text a PDF shows, one string a line as the page
// draws it. Lumbung compresses its pages, so each stream is inflated
// first; the core fonts draw text as plain strings, which are unescaped.
func Text(t testing.TB, doc []byte) []string {
	t.Helper()
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.40q", doc)
	}
	var shown []string
	for _, m := range pdfStream.FindAllSubmatch(doc, -1) {
		content := m[1]
		if zr, err := zlib.NewReader(bytes.NewReader(content)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				content = inflated
			}
		}
		for _, s := range pdfShow.FindAllSubmatch(content, -1) {
			shown = append(shown, pdfEscape.Replace(string(s[1])))
		}
	}
	return shown
}

// Inflated is every stream of a PDF, inflated, one after the other.
func Inflated(t testing.TB, doc []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, m := range pdfStream.FindAllSubmatch(doc, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			out.Write(m[1])
			continue
		}
		if _, err := io.Copy(&out, zr); err != nil {
			t.Fatal(err)
		}
	}
	return out.Bytes()
}
