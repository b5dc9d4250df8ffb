// Package assets embeds files of its directory: a tree with its hidden
// files (all:), a glob, and the same tree without them.
package assets

import "embed"

//go:embed all:static templates/*.tmpl
var FS embed.FS

//go:embed static
var Public embed.FS

// An alias of embed.FS is embed.FS.
type Files = embed.FS

//go:embed "templates/c.txt" `static/index.html`
var Two Files
