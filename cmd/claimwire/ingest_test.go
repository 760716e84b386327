package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// readCSV parses an export and fails on anything but a header and rows.
func readCSV(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) == 0 || !slices.Equal(rows[0], export.Columns) {
		t.Fatalf("not an export (%v):\n%.500s", err, out)
	}
	return rows[1:]
}

func column(rows [][]string, name string) []string {
	i := slices.Index(export.Columns, name)
	out := make([]string, len(rows))
	for j, r := range rows {
		out[j] = r[i]
	}
	return out
}

// demoArticles is the number of stories on the demo site: the seed story
// and the nine of the wire.
const demoArticles = 10

// run --once stores every demo story once, the story that two feeds carry
// with both.
func TestRunOnceThenExport(t *testing.T) {
	db, site := ingestDemo(t)
	rows := readCSV(t, mustRun(t, "export", "--db", db))
	articles := map[string]string{}
	for i, id := range column(rows, "article_id") {
		articles[id] = column(rows, "feed")[i]
	}
	if n := storedArticles(t, db); n != demoArticles || len(articles) > n || len(articles) < n/2 {
		t.Fatalf("%d articles stored, %d with claims; want %d stored", n, len(articles), demoArticles)
	}
	twice := model.ArticleID(site + "/news/australia-apt40-naval-shipbuilder.html")
	if feeds := strings.Fields(articles[twice]); len(feeds) != 2 {
		t.Fatalf("the story in two feeds has feeds %q, want both", articles[twice])
	}
	if !slices.Contains(column(rows, "actor_label"), "APT31") {
		t.Error("no APT31 actor in the export")
	}
}

func TestExportFilters(t *testing.T) {
	db, site := ingestDemo(t)
	all := readCSV(t, mustRun(t, "export", "--db", db))
	for _, tc := range []struct {
		args []string
		keep func(row []string) bool
	}{
		{[]string{"--kind", "actor,number"}, func(r []string) bool { return r[1] == "actor" || r[1] == "number" }},
		{[]string{"--since", "2024-09-01T00:00:00Z"}, func(r []string) bool { return column([][]string{r}, "published")[0] >= "2024-09-01" }},
		{[]string{"--feed", site + demoFeeds[1]}, func(r []string) bool { return strings.Contains(column([][]string{r}, "feed")[0], demoFeeds[1]) }},
	} {
		got := readCSV(t, mustRun(t, append([]string{"export", "--db", db}, tc.args...)...))
		var want int
		for _, r := range all {
			if tc.keep(r) {
				want++
			}
		}
		if len(got) != want || want == 0 || want == len(all) {
			t.Errorf("%q: %d rows, want %d of %d", tc.args, len(got), want, len(all))
		}
	}
	if got := readCSV(t, mustRun(t, "export", "--db", db, "--since", "1h")); len(got) != 0 {
		t.Errorf("--since 1h: %d rows of 2024 stories", len(got))
	}
}

func TestExportFormatsAndFile(t *testing.T) {
	db, _ := ingestDemo(t)
	csvOut := mustRun(t, "export", "--db", db)
	out := filepath.Join(t.TempDir(), "claims.csv")
	mustRun(t, "export", "--db", db, "--excel", "-o", out)
	data, err := os.ReadFile(out)
	if err != nil || !bytes.Equal(data, append([]byte("\ufeff"), csvOut...)) {
		t.Fatalf("--excel -o: %v; file is not the BOM and the same CSV", err)
	}
	nd := mustRun(t, "export", "--db", db, "--format", "ndjson")
	lines := strings.Split(strings.TrimSpace(nd), "\n")
	if len(lines) != len(readCSV(t, csvOut)) {
		t.Fatalf("%d NDJSON lines for %d CSV rows", len(lines), len(readCSV(t, csvOut)))
	}
	var first map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first["kind"] == nil || first["url"] == nil {
		t.Fatalf("NDJSON line %s: %v", lines[0], err)
	}
}

func TestExportMissingDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	r := runCLI(t, "", "export", "--db", db)
	if r.code != exitUsage || !strings.Contains(r.stderr, "no such database") {
		t.Fatalf("exit %d, %q", r.code, r.stderr)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("export created the database")
	}
	t.Setenv("CLAIMWIRE_DB", db)
	if r := runCLI(t, "", "export"); !strings.Contains(r.stderr, db) {
		t.Fatalf("CLAIMWIRE_DB not used: %q", r.stderr)
	}
}

// Without --allow-private the daemon refuses the loopback feed, records
// why on the feed and stores nothing.
func TestRunRefusesPrivateFeed(t *testing.T) {
	site := demoSite(t)
	db := filepath.Join(t.TempDir(), "c.db")
	r := runCLI(t, "", "run", "--once", "--db", db, "--feeds", demoFeedList(t, site), "--listen", "", "--log-level", "error")
	if want := fmt.Sprintf("nothing fetched: all %d feeds failed", len(demoFeeds)); r.code != exitFail || !strings.Contains(r.stderr, want) {
		t.Fatalf("run --once with every feed refused: exit %d, %q; want 1 with a summary", r.code, r.stderr)
	}
	out := mustRun(t, "feeds", "--db", db)
	if strings.Count(out, "failing") != len(demoFeeds) || !strings.Contains(out, "refused address") {
		t.Fatalf("feeds after a refused poll:\n%s", out)
	}
	if r := readCSV(t, mustRun(t, "export", "--db", db)); len(r) != 0 {
		t.Fatalf("%d claims from refused feeds", len(r))
	}
}

func TestRunNeedsFeeds(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	r := runCLI(t, "", "run", "--once", "--db", db, "--listen", "")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no feeds") {
		t.Fatalf("exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, "", "run", "--once", "--db", db, "--listen", "", "--feeds", writeFile(t, "f.txt", "not a url\n"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "f.txt:1") {
		t.Fatalf("bad list: exit %d, %q", r.code, r.stderr)
	}
}

// A feed list with a bad line is loaded but for that line, which is
// reported with its file and line; --strict refuses the list.
func TestFeedListBadLine(t *testing.T) {
	site := demoSite(t)
	list := writeFile(t, "feeds.txt", site+demoFeeds[0]+"\nhttps//typo.example/rss\n"+site+demoFeeds[1]+" 30m\n")
	db := filepath.Join(t.TempDir(), "c.db")
	r := runCLI(t, "", "run", "--once", "--db", db, "--feeds", list, "--listen", "", "--allow-private", "--host-delay", "0", "--log-level", "warn")
	if r.code != 0 || !strings.Contains(r.stderr, "feeds.txt:2: invalid URL") {
		t.Fatalf("run: exit %d, stderr %q", r.code, r.stderr)
	}
	if out := mustRun(t, "feeds", "--db", db); strings.Count(out, " ok ") != 2 {
		t.Fatalf("feeds after a pass:\n%s", out)
	}
	r = runCLI(t, "", "run", "--once", "--strict", "--db", filepath.Join(t.TempDir(), "d.db"), "--feeds", list, "--listen", "")
	if r.code != exitUsage || !strings.Contains(r.stderr, "feeds.txt:2: invalid URL") {
		t.Fatalf("run --strict: exit %d, stderr %q", r.code, r.stderr)
	}
	db = filepath.Join(t.TempDir(), "e.db")
	r = runCLI(t, "", "feeds", "import", "--db", db, list)
	if r.code != 0 || !strings.Contains(r.stdout, "2 feeds") || !strings.Contains(r.stderr, "feeds.txt:2: invalid URL") {
		t.Fatalf("import: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := runCLI(t, "", "feeds", "import", "--strict", "--db", db, list); r.code != exitUsage {
		t.Fatalf("import --strict: exit %d", r.code)
	}
}

func TestFeedsImportAndList(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	opml := writeFile(t, "subs.opml", `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="News"><outline text="A" xmlUrl="https://a.example/rss"/><outline text="B" xmlUrl="https://b.example/atom"/></outline>
<outline text="A again" xmlUrl="https://a.example/rss"/></body></opml>`)
	if out := mustRun(t, "feeds", "import", "--db", db, opml); !strings.Contains(out, "2 feeds") || !strings.Contains(out, "2 new") {
		t.Fatalf("import: %q", out)
	}
	if out := mustRun(t, "feeds", "import", "--db", db, opml); !strings.Contains(out, "0 new") {
		t.Fatalf("second import: %q", out)
	}
	out := mustRun(t, "feeds", "--db", db)
	if !strings.HasPrefix(out, "FEED") || strings.Count(out, " new ") != 2 || !strings.Contains(out, "https://b.example/atom") {
		t.Fatalf("list:\n%s", out)
	}
	if r := runCLI(t, "", "feeds", "import", "--db", db, "nosuch.opml"); r.code != exitUsage {
		t.Fatalf("missing file: exit %d", r.code)
	}
}

// Feeds stored by import are polled by run without --feeds, and their
// state shows in the list.
func TestRunPollsImportedFeeds(t *testing.T) {
	site := demoSite(t)
	db := filepath.Join(t.TempDir(), "c.db")
	mustRun(t, "feeds", "import", "--db", db, demoFeedList(t, site))
	mustRun(t, "run", "--once", "--db", db, "--listen", "", "--allow-private", "--host-delay", "0", "--log-level", "warn")
	out := mustRun(t, "feeds", "--db", db)
	if strings.Count(out, " ok ") != len(demoFeeds) {
		t.Fatalf("feeds after a pass:\n%s", out)
	}
}

func TestReprocess(t *testing.T) {
	db, site := ingestDemo(t)
	url := site + "/news/poland-russia-rail-signalling-attack.html"
	id := model.ArticleID(url)
	before := claimsOf(t, db, id)
	for _, ref := range []string{id, url, url + "?utm_source=x"} {
		out := mustRun(t, "reprocess", "--db", db, ref)
		if out != id+": "+itoa(len(before))+" claims\n" {
			t.Fatalf("reprocess %s: %q", ref, out)
		}
	}
	if after := claimsOf(t, db, id); !slices.EqualFunc(before, after, func(a, b model.Claim) bool { return a.ID == b.ID && a.Sentence == b.Sentence }) {
		t.Fatal("reprocessing with the same rules changed the claims")
	}
	// With a rule that names a new actor, the article gains a claim.
	dir := t.TempDir()
	writeRules(t, dir, "rail.yaml", "actors:\n  - name: Gdynia Rail Crew\n    aliases: [Gdynia]\n    sponsor: Russia\n")
	mustRun(t, "reprocess", "--db", db, "--rules", dir, id)
	if after := claimsOf(t, db, id); len(after) <= len(before) {
		t.Fatalf("new rules: %d claims, had %d", len(after), len(before))
	}
	r := runCLI(t, "", "reprocess", "--db", db, "0000000000000000")
	if r.code != exitFail || !strings.Contains(r.stderr, "not found") {
		t.Fatalf("unknown ID: exit %d, %q", r.code, r.stderr)
	}
}

func TestReprocessAll(t *testing.T) {
	db, _ := ingestDemo(t)
	out := mustRun(t, "reprocess", "--db", db, "--all")
	if !strings.HasPrefix(out, "reprocessed "+itoa(demoArticles)+" articles: ") || !strings.HasSuffix(out, "0 without text skipped; 0 failed\n") {
		t.Fatalf("summary %q", out)
	}
	rows := readCSV(t, mustRun(t, "export", "--db", db))
	if want := " " + itoa(len(rows)) + " claims"; !strings.Contains(out, want) {
		t.Fatalf("summary %q does not count the %d stored claims", out, len(rows))
	}
}

func storedArticles(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.CountArticles()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func claimsOf(t *testing.T, path, id string) []model.Claim {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs, err := db.Claims(id)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func itoa(n int) string { return strconv.Itoa(n) }

// An item whose page is gone is stored with the feed's own text; with
// --full-words low enough the page is not even asked for.
func TestRunFallsBackToFeedText(t *testing.T) {
	story := "<p>The harbour authority said on Monday that its ferries would run again after the storm.</p>" +
		"<p>Repairs to the pier cost about 2 million euros, a spokeswoman said.</p>"
	var pageHits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rss" {
			pageHits.Add(1)
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<item><title>Ferries return</title><link>%s/ferries</link><content:encoded><![CDATA[%s]]></content:encoded></item>
</channel></rss>`, "http://"+r.Host, story)
	}))
	defer srv.Close()
	list := writeFile(t, "feeds.txt", srv.URL+"/rss\n")
	for _, tt := range []struct {
		fullWords string
		hits      int32
	}{{"150", 1}, {"20", 0}} {
		pageHits.Store(0)
		db := filepath.Join(t.TempDir(), "c.db")
		mustRun(t, "run", "--once", "--db", db, "--feeds", list, "--listen", "", "--allow-private", "--host-delay", "0",
			"--log-level", "error", "--full-words", tt.fullWords)
		a := articleByURL(t, db, srv.URL+"/ferries")
		if a.Error != "" || !strings.HasPrefix(a.Text, "The harbour authority said") || !strings.Contains(a.Text, "\n\nRepairs") {
			t.Errorf("--full-words %s: article error %q, text %q", tt.fullWords, a.Error, a.Text)
		}
		if got := pageHits.Load(); got != tt.hits {
			t.Errorf("--full-words %s: page fetched %d times, want %d", tt.fullWords, got, tt.hits)
		}
	}
	if r := runCLI(t, "", "run", "--once", "--feeds", list, "--full-words", "0"); r.code != exitUsage {
		t.Errorf("--full-words 0: exit %d, want a usage error", r.code)
	}
}

// A binary file behind a feed item, served as text/html, is stored as a
// failed article naming why, with no claims.
func TestRunRecordsBinaryPage(t *testing.T) {
	body := make([]byte, 8192)
	for i := range body {
		body[i] = byte(i*7919>>3 ^ i*31)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rss" {
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>T</title><item><title>Photo</title><link>http://%s/photo</link></item></channel></rss>`, r.Host)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Write(body)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	// Its only article failed, so run --once reports that with exit 1.
	if r := runCLI(t, "", "run", "--once", "--db", db, "--feeds", writeFile(t, "feeds.txt", srv.URL+"/rss\n"), "--listen", "",
		"--allow-private", "--host-delay", "0", "--log-level", "error"); r.code != exitFail || !strings.Contains(r.stderr, "all 1 new articles failed") {
		t.Fatalf("run --once over one binary page: exit %d, %q; want 1 naming the failure", r.code, r.stderr)
	}
	a := articleByURL(t, db, srv.URL+"/photo")
	if !strings.Contains(a.Error, "neither HTML nor text") || a.Text != "" {
		t.Errorf("article error %q, text %.80q; want it refused as not text", a.Error, a.Text)
	}
	if r := readCSV(t, mustRun(t, "export", "--db", db)); len(r) != 0 {
		t.Errorf("%d claims from a binary page", len(r))
	}
}

func articleByURL(t *testing.T, path, url string) model.Article {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.ArticleByURL(url)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
