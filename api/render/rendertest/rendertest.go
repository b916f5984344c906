// Package rendertest reads back what the documents of package render show,
// for the tests of render and of the API.
package rendertest

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	// A stream's length is read from its dictionary rather than found by
	// searching for "endstream": compressed bytes may end in a carriage
	// return, which a search would take for the line break before it.
	pdfStream = regexp.MustCompile(`/Length (\d+)[^>]*>>\r?\nstream\r?\n`)
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
	for _, content := range streams(t, doc) {
		for _, s := range pdfShow.FindAllSubmatch(content, -1) {
			shown = append(shown, pdfEscape.Replace(string(s[1])))
		}
	}
	return shown
}

// Inflated is every stream of a PDF, inflated, one after the other.
func Inflated(t testing.TB, doc []byte) []byte {
	t.Helper()
	return bytes.Join(streams(t, doc), nil)
}

// streams returns each stream of a PDF, inflated where it is compressed
// (fonts and pages alike); a compressed stream that does not inflate
// fails the test rather than hiding its text.
func streams(t testing.TB, doc []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, m := range pdfStream.FindAllSubmatchIndex(doc, -1) {
		n, err := strconv.Atoi(string(doc[m[2]:m[3]]))
		if err != nil || m[1]+n > len(doc) {
			t.Fatalf("a stream of length %s at byte %d runs past the end of the PDF", doc[m[2]:m[3]], m[0])
		}
		content := doc[m[1] : m[1]+n]
		dict := doc[bytes.LastIndex(doc[:m[0]], []byte("<<")):m[1]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) {
			out = append(out, content)
			continue
		}
		zr, err := zlib.NewReader(bytes.NewReader(content))
		if err != nil {
			t.Fatalf("a compressed stream at byte %d: %v", m[0], err)
		}
		inflated, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("a compressed stream at byte %d: %v", m[0], err)
		}
		out = append(out, inflated)
	}
	return out
}
