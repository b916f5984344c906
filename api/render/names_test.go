package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestKindNames: every kind of entry Lumbung posts, found as a Kind…
// constant of a string in accounts/, has its name in both languages, so
// no document shows an Indonesian reader "loan.repayment".
func TestKindNames(t *testing.T) {
	kinds := entryKinds(t, filepath.Join("..", "..", "accounts"))
	if len(kinds) < 10 {
		t.Fatalf("found only %d kinds: the walk is broken", len(kinds))
	}
	for _, kind := range kinds {
		for _, lang := range []Lang{ID, EN} {
			if _, ok := kindNames[lang][kind]; !ok {
				t.Errorf("no %s name for the entry kind %q", lang, kind)
			}
		}
	}
	for _, lang := range []Lang{ID, EN} {
		if got, want := len(kindNames[lang]), len(kinds); got != want {
			t.Errorf("%d %s kind names for %d kinds: a name for a kind no code posts", got, lang, want)
		}
	}
}

// entryKinds are the values of the constants named Kind… whose value is a
// dotted or plain lower-case word, in the non-test Go files under dir.
func entryKinds(t *testing.T, dir string) []string {
	t.Helper()
	var kinds []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Kind") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING && vs.Type == nil {
						v, err := strconv.Unquote(lit.Value)
						if err != nil {
							return err
						}
						kinds = append(kinds, v)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kinds
}
