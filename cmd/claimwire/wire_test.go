package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

var update = flag.Bool("update", false, "rewrite ../../testdata/wire.csv.golden from the claims found today")

const (
	wireGolden   = "../../testdata/wire.csv.golden"
	wireArticles = "../../testdata/articles"
)

// wireColumns are the export's columns the golden file keeps, the article
// first. Those that change from run to run are left out: claim_id and
// article_id hash the URL, which holds the server's port, and fetched is
// the time of the run; url and feed keep their path only.
var wireColumns = []string{
	"url", "kind",
	"accuser", "accused",
	"actor_label", "actor_canonical", "sponsor",
	"speaker", "speaker_title", "quote",
	"value", "unit", "qualifier",
	"start", "end", "rule", "confidence",
	"feed", "published", "sentence",
}

// TestWireEndToEnd runs the whole chain on the wire of testdata/: a loopback
// server serves its three feeds and pages, the daemon polls them once into
// a new database, and export writes the CSV that the golden file holds.
// `go test ./cmd/claimwire -run TestWire -update` rewrites the golden file
// after a deliberate change to the rules; read its diff before committing.
func TestWireEndToEnd(t *testing.T) {
	base, hits := serveWire(t)
	db := filepath.Join(t.TempDir(), "wire.db")
	var list strings.Builder
	for _, f := range claimwire.WireFeeds {
		list.WriteString(base + f + "\n")
	}
	mustRun(t, "run", "--once", "--db", db, "--feeds", writeFile(t, "feeds.txt", list.String()),
		"--listen", "", "--allow-private", "--host-delay", "0", "--log-level", "warn")
	checkWireArticles(t, db)
	checkWireFetches(t, hits.counts())
	got := wireTable(t, readCSV(t, mustRun(t, "export", "--db", db)), base)
	if *update {
		if err := os.WriteFile(wireGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(wireGolden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("claims differ from %s (-update rewrites it):\n%s", wireGolden, rowDiff(string(want), string(got)))
	}
}

// serveWire serves claimwire.Wire on loopback and returns its base URL
// and the requests it served.
func serveWire(t *testing.T) (string, *requestLog) {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	log := &requestLog{n: map[string]int{}}
	site := siteHandler(srv.URL, claimwire.Wire())
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.add(r.URL.Path)
		site.ServeHTTP(w, r)
	})
	t.Cleanup(srv.Close)
	return srv.URL, log
}

// requestLog counts requests by path.
type requestLog struct {
	mu sync.Mutex
	n  map[string]int
}

func (l *requestLog) add(p string) {
	l.mu.Lock()
	l.n[p]++
	l.mu.Unlock()
}

func (l *requestLog) counts() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return maps.Clone(l.n)
}

// checkWireFetches checks that every feed was polled once and every page
// fetched once, except those of the JSON Feed's items that carry the whole
// article: those are not fetched at all.
func checkWireFetches(t *testing.T, hits map[string]int) {
	t.Helper()
	want := map[string]int{}
	for _, f := range claimwire.WireFeeds {
		want[f] = 1
	}
	pages, _ := fs.Glob(claimwire.Wire(), "news/*.html")
	for _, p := range pages {
		want["/"+p] = 1
	}
	for _, full := range []string{"norvale-profit-falls-job-cuts", "alder-county-officials-indicted"} {
		delete(want, "/news/"+full+".html")
	}
	if !maps.Equal(hits, want) {
		t.Errorf("requests served %v, want %v", hits, want)
	}
}

// checkWireArticles checks the feed and text stages: every story of the
// wire is stored once, with the text of its gold article, whether it came
// from the page (RSS, Atom) or from the feed itself (JSON Feed content),
// and the story that two feeds carry lists both.
func checkWireArticles(t *testing.T, dbPath string) {
	t.Helper()
	db, err := store.Open(dbPath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]model.Article{}
	err = db.ForEachArticle(func(a model.Article) error {
		page, _, _ := strings.Cut(path.Base(a.URL), "?")
		stored[strings.TrimSuffix(page, ".html")] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	texts, _ := filepath.Glob(filepath.Join(wireArticles, "*.txt"))
	if len(stored) != len(texts) || len(texts) == 0 {
		t.Errorf("%d articles stored, want the %d of %s", len(stored), len(texts), wireArticles)
	}
	for _, f := range texts {
		id := strings.TrimSuffix(filepath.Base(f), ".txt")
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if a := stored[id]; a.Text != strings.TrimSpace(string(want)) {
			t.Errorf("%s: stored text (error %q) is not %s:\n%s", id, a.Error, f, a.Text)
		}
	}
	if feeds := stored["australia-apt40-naval-shipbuilder"].Feeds; len(feeds) != 2 {
		t.Errorf("the story in two feeds has feeds %q", feeds)
	}
}

// wireTable keeps wireColumns of the export's rows (see wireCell) and sorts the rows by article and position so that
// a change to the rules shows as the rows it changes.
func wireTable(t *testing.T, rows [][]string, base string) []byte {
	t.Helper()
	var out [][]string
	for _, r := range rows {
		var row []string
		for _, c := range wireColumns {
			row = append(row, wireCell(c, r[slices.Index(export.Columns, c)], base))
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b []string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return slices.Compare(wireSortKey(a), wireSortKey(b))
	})
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(wireColumns)
	_ = w.WriteAll(out) // WriteAll flushes
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// wireCell is a cell as the golden file has it. The story that two feeds
// carry is stored under the link of the feed polled first, with or without
// its tracking query, so url keeps the path only, and feed lists the feeds
// in order.
func wireCell(column, cell, base string) string {
	cell = strings.ReplaceAll(cell, base, "")
	switch column {
	case "url":
		cell, _, _ = strings.Cut(cell, "?")
	case "feed":
		feeds := strings.Fields(cell)
		slices.Sort(feeds)
		cell = strings.Join(feeds, " ")
	}
	return cell
}

// wireSortKey orders the claims of one article: by start and end offset as
// numbers, then by every column.
func wireSortKey(row []string) []string {
	pad := func(s string) string { return strings.Repeat("0", max(0, 8-len(s))) + s }
	start, end := slices.Index(wireColumns, "start"), slices.Index(wireColumns, "end")
	return append([]string{pad(row[start]), pad(row[end])}, row...)
}

// rowDiff lists the rows only in want (-) and only in got (+).
func rowDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for _, l := range w {
		if !slices.Contains(g, l) {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range g {
		if !slices.Contains(w, l) {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}
