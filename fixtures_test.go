package claimwire

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pageLink is a link from a feed to a story page of the wire.
var pageLink = regexp.MustCompile(`\{\{BASE\}\}/(news/[a-z0-9-]+\.html)`)

// TestWireIsWhole checks that the wire hangs together: every feed is there,
// every page a feed links to is there, every page is in a feed, and every
// page has its article and gold file in testdata/articles.
func TestWireIsWhole(t *testing.T) {
	linked := map[string]bool{}
	for _, f := range WireFeeds {
		body, err := fs.ReadFile(Wire(), strings.TrimPrefix(f, "/"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range pageLink.FindAllStringSubmatch(string(body), -1) {
			linked[m[1]] = true
		}
	}
	pages, err := fs.Glob(Wire(), "news/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages (%v)", err)
	}
	for p := range linked {
		if !slices.Contains(pages, p) {
			t.Errorf("a feed links to %s, which is not in the wire", p)
		}
	}
	for _, p := range pages {
		if !linked[p] {
			t.Errorf("%s is in no feed", p)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".html")
		for _, f := range []string{id + ".txt", id + ".gold.json"} {
			if _, err := os.Stat(filepath.Join("testdata/articles", f)); err != nil {
				t.Errorf("page %s: %v", p, err)
			}
		}
	}
	golds, _ := filepath.Glob("testdata/articles/*.gold.json")
	if len(golds) != len(pages) {
		t.Errorf("%d gold articles for %d pages", len(golds), len(pages))
	}
}
