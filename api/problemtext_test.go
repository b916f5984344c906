package api

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// textParams name the parameters that take a sentence for a person: every
// function of Lumbung's that takes one names it so.
var textParams = map[string]bool{"message": true, "reason": true, "detail": true}

// textFields are the fields of ledger.Error and ledger.FieldError that hold
// a sentence's English template.
var textFields = map[string]bool{"Message": true, "Reason": true}

// templateUse is one place a sentence's English template is written.
type templateUse struct {
	pos      token.Position
	template string
}

// TestProblemTextsTranslated walks the code base's syntax with its types
// and finds every English template that reaches a problem's detail or a
// field's reason: each argument given to a parameter named message, reason
// or detail, and each Message and Reason of an error written as a literal.
// Each must be a constant (or a text parameter handed on, or a function
// returning only constants; assignments to a text parameter or field
// count too), and each constant must have its Indonesian
// translation carrying the same figures. A sentence added without one
// fails here.
func TestProblemTextsTranslated(t *testing.T) {
	uses, bad := templateUses(t)
	for _, b := range bad {
		t.Errorf("%s: a sentence for a person that is not a constant template; pass its figures as args", b)
	}
	used := map[string]bool{}
	for _, u := range uses {
		used[u.template] = true
		id, ok := detailsID[u.template]
		if !ok {
			t.Errorf("%s: no Indonesian for %q", u.pos, u.template)
			continue
		}
		if got, want := verbs(id), verbs(u.template); !slices.Equal(got, want) {
			t.Errorf("%s: %q carries figures %v, its Indonesian %q carries %v", u.pos, u.template, want, id, got)
		}
	}
	for _, sp := range statusProblems {
		used[sp.message] = true
	}
	used[internalDetail] = true
	for en := range detailsID {
		if !used[en] {
			t.Errorf("the catalogue translates %q, which no code says any more", en)
		}
	}
	for en := range used {
		if _, ok := detailsID[en]; !ok {
			t.Errorf("no Indonesian for %q", en)
		}
	}
}

var verbPattern = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z]`)

// verbs are a template's formatting verbs, sorted, so that a translation
// may put its figures in another order (with %[2]s) but not drop one.
func verbs(template string) []string {
	found := verbPattern.FindAllString(template, -1)
	for i, v := range found {
		found[i] = v[len(v)-1:]
	}
	slices.Sort(found)
	return found
}

func templateUses(t *testing.T) (uses []templateUse, bad []token.Position) {
	t.Helper()
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo, Dir: ".."}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	decls := map[*types.Func]*ast.FuncDecl{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Fatalf("%s: %v", p.PkgPath, p.Errors)
		}
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if fn, ok := p.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						decls[fn] = fd
					}
				}
			}
		}
	}
	for _, p := range pkgs {
		w := &templateWalker{pkg: p, decls: decls, params: map[types.Object]bool{}}
		for _, f := range p.Syntax {
			ast.Inspect(f, w.collectParams)
		}
		for _, f := range p.Syntax {
			ast.Inspect(f, w.visit)
		}
		uses, bad = append(uses, w.uses...), append(bad, w.bad...)
	}
	if len(uses) < 100 {
		t.Fatalf("found only %d templates: the walk is broken", len(uses))
	}
	return uses, bad
}

// templateWalker finds the templates of one package.
type templateWalker struct {
	pkg    *packages.Package
	decls  map[*types.Func]*ast.FuncDecl
	params map[types.Object]bool // the package's text parameters
	uses   []templateUse
	bad    []token.Position
}

func (w *templateWalker) collectParams(n ast.Node) bool {
	var ft *ast.FuncType
	switch n := n.(type) {
	case *ast.FuncDecl:
		ft = n.Type
	case *ast.FuncLit:
		ft = n.Type
	default:
		return true
	}
	for _, field := range ft.Params.List {
		for _, name := range field.Names {
			if textParams[name.Name] {
				w.params[w.pkg.TypesInfo.Defs[name]] = true
			}
		}
	}
	return true
}

func (w *templateWalker) visit(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.AssignStmt:
		for i, lhs := range n.Lhs {
			if i < len(n.Rhs) && w.isText(lhs) {
				w.text(n.Rhs[i])
			}
		}
	case *ast.CallExpr:
		sig, ok := w.pkg.TypesInfo.TypeOf(n.Fun).(*types.Signature)
		if !ok || !w.ours(n.Fun) {
			return true
		}
		for i, arg := range n.Args {
			j := min(i, sig.Params().Len()-1)
			if p := sig.Params().At(j); textParams[p.Name()] && p.Type() == types.Typ[types.String] {
				w.text(arg)
			}
		}
	case *ast.CompositeLit:
		named, ok := types.Unalias(w.pkg.TypesInfo.TypeOf(n)).(*types.Named)
		if !ok || named.Obj().Pkg() == nil || !strings.HasSuffix(named.Obj().Pkg().Path(), "/ledger") {
			return true
		}
		switch named.Obj().Name() {
		case "Error", "FieldError":
		default:
			return true
		}
		for i, el := range n.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && textFields[key.Name] {
					w.text(kv.Value)
				}
			} else if named.Obj().Name() == "FieldError" && i == 1 {
				w.text(el)
			}
		}
	}
	return true
}

// isText reports whether an assignment's target holds a sentence: a text
// parameter or a Message or Reason field.
func (w *templateWalker) isText(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return w.params[w.pkg.TypesInfo.Uses[e]]
	case *ast.SelectorExpr:
		return textFields[e.Sel.Name]
	}
	return false
}

// ours reports whether a call's function is Lumbung's own, declared or a
// closure, rather than the standard library's or a dependency's.
func (w *templateWalker) ours(fun ast.Expr) bool {
	var id *ast.Ident
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	obj := w.pkg.TypesInfo.Uses[id]
	return obj != nil && obj.Pkg() != nil && strings.HasPrefix(obj.Pkg().Path(), "github.com/lumbung/lumbung")
}

// text records the template an expression gives, or the expression as bad.
func (w *templateWalker) text(e ast.Expr) {
	info := w.pkg.TypesInfo
	if tv := info.Types[e]; tv.Value != nil && tv.Value.Kind() == constant.String {
		w.uses = append(w.uses, templateUse{w.pkg.Fset.Position(e.Pos()), constant.StringVal(tv.Value)})
		return
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if w.params[info.Uses[e]] {
			return // handed on: its callers are checked
		}
	case *ast.SelectorExpr:
		if textFields[e.Sel.Name] {
			return // copied from another error, whose template is checked where it was made
		}
	case *ast.CallExpr:
		if fn, ok := typeutilCallee(info, e); ok {
			if fd := w.decls[fn]; fd != nil && w.constantResults(fd) {
				return
			}
		}
	}
	w.bad = append(w.bad, w.pkg.Fset.Position(e.Pos()))
}

// constantResults records the templates a function returns and reports
// whether it returns nothing else. The function must be in this package.
func (w *templateWalker) constantResults(fd *ast.FuncDecl) bool {
	all := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
			tv := w.pkg.TypesInfo.Types[r.Results[0]]
			if tv.Value == nil {
				all = false
				return false
			}
			w.uses = append(w.uses, templateUse{w.pkg.Fset.Position(r.Pos()), constant.StringVal(tv.Value)})
		}
		return true
	})
	return all
}

func typeutilCallee(info *types.Info, call *ast.CallExpr) (*types.Func, bool) {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return nil, false
	}
	fn, ok := info.Uses[id].(*types.Func)
	return fn, ok
}
