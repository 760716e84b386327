package daemon

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/model"
)

// One pass over a local wire stores every story once, the shared story
// with both feeds, each with claims, and the feeds' new state.
func TestRunOnceStoresEveryStoryOnce(t *testing.T) {
	w := (&daemontest.Wire{Articles: 12, Feeds: 2}).Start()
	defer w.Close()
	db := newDB(t)
	st := runOnce(t, db, newPipeline(t, nil), feedsOf(w.FeedURLs()...))

	got := articles(t, db)
	if len(got) != 12 || st.Articles != 12 || st.Failed != 0 {
		t.Fatalf("stored %d articles, stats %+v; want 12, none failed", len(got), st)
	}
	shared := got[w.PageURL(0)]
	if !slices.Equal(shared.Feeds, w.FeedURLs()) && !slices.Equal(shared.Feeds, reversed(w.FeedURLs())) {
		t.Errorf("shared story has feeds %v, want both", shared.Feeds)
	}
	if w.PageHits() > 12 {
		t.Errorf("%d page fetches for 12 stories: the shared one was fetched twice", w.PageHits())
	}
	for u, a := range got {
		cs, err := db.Claims(a.ID)
		if err != nil || len(cs) == 0 || a.Text == "" || a.TextHash == "" {
			t.Errorf("%s: %d claims, text %d bytes, %v", u, len(cs), len(a.Text), err)
		}
	}
	for _, u := range w.FeedURLs() {
		f, err := db.Feed(u)
		if err != nil || f.ETag == "" || f.NextCheck.IsZero() || f.Errors != 0 {
			t.Errorf("feed state %+v, %v", f, err)
		}
	}
	check(t, db)
}

func reversed(s []string) []string {
	r := slices.Clone(s)
	slices.Reverse(r)
	return r
}

// A second pass finds nothing new: the feeds answer 304 and no page is
// fetched again.
func TestRunOnceAgainIsIdempotent(t *testing.T) {
	w := (&daemontest.Wire{Articles: 6, Feeds: 2}).Start()
	defer w.Close()
	db := newDB(t)
	p := newPipeline(t, nil)
	runOnce(t, db, p, feedsOf(w.FeedURLs()...))
	stored, _ := db.Feeds()
	hits := w.PageHits()
	st := runOnce(t, db, p, stored)
	if st.Articles != 0 || w.PageHits() != hits {
		t.Fatalf("second pass stored %d articles and fetched %d pages", st.Articles, w.PageHits()-hits)
	}
	if n, _ := db.CountArticles(); n != 6 {
		t.Fatalf("%d articles after two passes, want 6", n)
	}
}

// An item linking to a private address is refused without AllowPrivate:
// the article is stored with the error and the rest of the batch is not
// affected.
func TestPrivateLinkRefused(t *testing.T) {
	w := &daemontest.Wire{Articles: 5, Feeds: 1}
	w.Link = func(i int, base string) string {
		if i == 3 {
			return "" // keep 127.0.0.1: the private address
		}
		return strings.Replace(base, "127.0.0.1", "localhost", 1) + fmt.Sprintf("/news/%d.html", i)
	}
	w.Start()
	defer w.Close()
	db := newDB(t)
	st := runOnce(t, db, newPipeline(t, newGuardedFetcher()), feedsOf(w.FeedURLs()...))
	if st.Articles != 5 || st.Failed != 1 {
		t.Fatalf("stats %+v, want 5 articles with 1 failed", st)
	}
	bad := articles(t, db)[w.PageURL(3)]
	if !strings.Contains(bad.Error, "refused address") || bad.Text != "" {
		t.Fatalf("article at a private address: error %q, text %q", bad.Error, bad.Text)
	}
	if cs, _ := db.Claims(bad.ID); len(cs) != 0 {
		t.Fatalf("refused article has %d claims", len(cs))
	}
}

// feedServer serves RSS documents given by path, with items as given.
func feedServer(t *testing.T, feeds map[string]string, pages map[string]string, hits *int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, ok := feeds[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>%s</channel></rss>`,
				strings.ReplaceAll(body, "BASE", "http://"+r.Host))
			return
		}
		if body, ok := pages[r.URL.Path]; ok {
			*hits++
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, body)
			return
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func item(link, content string) string {
	if content != "" {
		content = "<content:encoded><![CDATA[" + content + "]]></content:encoded>"
	}
	return fmt.Sprintf("<item><title>T</title><link>%s</link><description>summary</description>%s</item>", link, content)
}

func storyHTML(i int) string { return daemontest.NewStory(i).HTML("") }

// The same text under two URLs is one story with both feeds; a feed that
// carries the whole article is not fetched; a story stored from one feed
// gains a second feed that carries it later without being fetched again.
func TestDedupByTextAndLaterFeed(t *testing.T) {
	full := strings.Join(daemontest.NewStory(7).Paragraphs, "</p><p>")
	feedsDoc := map[string]string{
		"/a.xml": item("BASE/p/1", "") + item("BASE/p/full", "<p>"+full+"</p>"),
		"/b.xml": item("BASE/p/1-copy", ""),
	}
	pages := map[string]string{"/p/1": storyHTML(1), "/p/1-copy": storyHTML(1)}
	hits := 0
	srv := feedServer(t, feedsDoc, pages, &hits)
	db := newDB(t)
	p := newPipeline(t, nil)
	runOnce(t, db, p, feedsOf(srv.URL+"/a.xml", srv.URL+"/b.xml"))
	got := articles(t, db)
	if len(got) != 2 || hits != 2 {
		t.Fatalf("%d articles, %d page fetches; want 2 and 2 (the full item is not fetched)", len(got), hits)
	}
	one, ok := got[srv.URL+"/p/1"]
	if !ok {
		one = got[srv.URL+"/p/1-copy"]
	}
	if len(one.Feeds) != 2 {
		t.Fatalf("same text under two URLs: feeds %v, want both", one.Feeds)
	}

	feedsDoc["/c.xml"] = item("BASE/p/1", "") + item("BASE/p/1-copy", "")
	runOnce(t, db, p, feedsOf(srv.URL+"/c.xml"))
	if a, _ := db.Article(one.ID); len(a.Feeds) != 3 || hits != 2 {
		t.Fatalf("after a third feed: feeds %v, %d fetches; want 3 feeds, no new fetch", a.Feeds, hits)
	}
	check(t, db)
}

// A failed article is fetched again once RetryAfter has passed, and a good
// copy replaces it.
func TestFailedArticleRetried(t *testing.T) {
	pages := map[string]string{}
	hits := 0
	srv := feedServer(t, map[string]string{"/a.xml": item("BASE/p/1", "")}, pages, &hits)
	db := newDB(t)
	p := newPipeline(t, nil)
	now := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	at := func(t time.Time) func(*Config) { return func(c *Config) { c.Now = func() time.Time { return t } } }
	runOnce(t, db, p, feedsOf(srv.URL+"/a.xml"), at(now))
	if a := articles(t, db)[srv.URL+"/p/1"]; !strings.Contains(a.Error, "404") {
		t.Fatalf("missing page stored with error %q", a.Error)
	}
	pages["/p/1"] = storyHTML(2)
	runOnce(t, db, p, feedsOf(srv.URL+"/a.xml"), at(now.Add(time.Minute)))
	if hits != 0 {
		t.Fatal("failed article fetched again before RetryAfter")
	}
	runOnce(t, db, p, feedsOf(srv.URL+"/a.xml"), at(now.Add(2*time.Hour)))
	a := articles(t, db)[srv.URL+"/p/1"]
	if cs, _ := db.Claims(a.ID); a.Error != "" || len(cs) == 0 || hits != 1 {
		t.Fatalf("after retry: error %q, %d claims, %d fetches", a.Error, len(cs), hits)
	}
}

// Cancelling Run stops it promptly; what was committed is whole (every
// article has its claims), and a feed whose items were not all committed
// keeps its old state, so the next run polls it again.
func TestCancelCommitsWhatIsDone(t *testing.T) {
	w := (&daemontest.Wire{Articles: 200, Feeds: 1, PageDelay: 20 * time.Millisecond}).Start()
	defer w.Close()
	db := newDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cfg := Config{DB: db, Pipeline: newPipeline(t, nil), Workers: 4, BatchWait: 20 * time.Millisecond}
	done := make(chan Stats)
	go func() {
		st, err := New(cfg, feedsOf(w.FeedURLs()...)).Run(ctx)
		if err != nil {
			t.Error(err)
		}
		done <- st
	}()
	waitFor(t, func() bool { n, _ := db.CountArticles(); return n > 0 })
	cancel()
	start := time.Now()
	st := <-done
	// A hang guard, not a speed measure: Run must return once cancelled
	// rather than finish the wire.
	if d := time.Since(start); d > 30*time.Second {
		t.Fatalf("Run took %s to stop", d)
	}
	if st.Articles == 0 || st.Articles >= 200 {
		t.Fatalf("%d articles committed; want some, not all", st.Articles)
	}
	for _, a := range articles(t, db) {
		if cs, _ := db.Claims(a.ID); len(cs) == 0 || a.Error != "" {
			t.Fatalf("article %s: %d claims, error %q", a.URL, len(cs), a.Error)
		}
	}
	if _, err := db.Feed(w.FeedURLs()[0]); err == nil {
		t.Fatal("feed state stored although its items were not all committed")
	}
	check(t, db)
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 20s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The scheduler polls a feed again when it is due, not before, and never
// while its last poll is unfinished.
func TestScheduleDue(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newSchedule([]model.Feed{{URL: "a", NextCheck: now.Add(-time.Minute)}, {URL: "b", NextCheck: now.Add(time.Minute)}})
	due, lag, wait := s.due(now, false)
	if len(due) != 1 || due[0].URL != "a" || lag != time.Minute || wait != idleCheck {
		t.Fatalf("due %v, lag %s, wait %s", due, lag, wait)
	}
	if due, _, _ := s.due(now.Add(time.Hour), false); len(due) != 1 || due[0].URL != "b" {
		t.Fatalf("a busy feed was handed out again: %v", due)
	}
	s.done(model.Feed{URL: "a", NextCheck: now.Add(2 * time.Hour)})
	if due, _, _ := s.due(now.Add(time.Hour), false); len(due) != 0 {
		t.Fatalf("feed handed out before its next check: %v", due)
	}
	if due, _, _ := s.due(now.Add(3*time.Hour), false); len(due) != 1 {
		t.Fatalf("due feed not handed out: %v", due)
	}
}

func TestScopedGUID(t *testing.T) {
	for guid, want := range map[string]string{
		"":                            "",
		"1234":                        "https://f.example/rss#1234",
		"https://news.example/a":      "https://news.example/a",
		"tag:news.example,2025:a":     "tag:news.example,2025:a",
		"urn:uuid:1b4e28ba-2fa1-11d2": "urn:uuid:1b4e28ba-2fa1-11d2",
	} {
		if got := scopedGUID(feedsItem("https://f.example/rss", guid)); got != want {
			t.Errorf("scopedGUID(%q) = %q, want %q", guid, got, want)
		}
	}
}

// A Commit that the database refuses entirely stops Run with an error.
func TestWriterFailsOnDeadDatabase(t *testing.T) {
	db := newDB(t)
	w := (&daemontest.Wire{Articles: 2, Feeds: 1}).Start()
	defer w.Close()
	p := newPipeline(t, nil)
	_ = db.Close()
	cfg := Config{DB: db, Pipeline: p} // not Once: the scheduler must be stopped too
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := New(cfg, feedsOf(w.FeedURLs()...)).Run(ctx); err == nil {
		t.Fatal("Run on a closed database succeeded")
	}
	time.Sleep(50 * time.Millisecond)
	buf := make([]byte, 1<<20)
	if stacks := string(buf[:runtime.Stack(buf, true)]); strings.Contains(stacks, "daemon.(*Daemon)") {
		t.Fatalf("stages still running after Run returned:\n%s", stacks)
	}
}
