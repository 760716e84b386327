// Package claimwire holds what the whole project shares: the end-to-end
// fixtures of testdata/ (testdata/README.md describes them). The program
// itself is in cmd/claimwire and the packages beside it.
package claimwire

import (
	"embed"
	"io/fs"
)

//go:embed testdata/wire
var wire embed.FS

// Wire is the sample news wire of testdata/wire: three feeds (RSS 2.0,
// Atom, JSON Feed) under feeds/ and the article pages they link to under
// news/, with {{BASE}} where the server's URL goes. `claimwire demo` serves
// it and the end-to-end test ingests it; testdata/articles holds the same
// stories as plain text with their gold claims.
func Wire() fs.FS {
	site, err := fs.Sub(wire, "testdata/wire")
	if err != nil {
		panic(err) // only for an invalid path, which the constant is not
	}
	return site
}

// WireFeeds are the feeds of Wire, as paths on its server.
var WireFeeds = []string{"/feeds/world.rss", "/feeds/security.atom", "/feeds/latest.json"}
