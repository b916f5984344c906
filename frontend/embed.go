// Package frontend holds Lumbung's web app: its sources (TypeScript, built
// with Vite) and the built files in dist, which are committed so that the
// Go binary serves the app without Node. `npm run build` in this folder
// remakes dist; CI fails when the committed dist differs from a rebuild.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built app, rooted at its index.html.
var Dist = mustSub(dist, "dist")

func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // only for an invalid dir name, fixed at compile time
	}
	return sub
}
