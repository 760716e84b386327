package daemon

import (
	"context"
	"net/url"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/text"
)

// stages are the text and claim extractors, built once for all tests.
var stages = sync.OnceValues(func() (*Pipeline, error) {
	rs, err := rules.Load()
	if err != nil {
		return nil, err
	}
	tx, err := text.New(rs.Sites)
	if err != nil {
		return nil, err
	}
	cx, err := extract.New(rs)
	return &Pipeline{Text: tx, Claims: cx}, err
})

// testOptions fetch from loopback test servers without politeness delays.
func testOptions(allowPrivate bool) feeds.Options {
	o := feeds.DefaultOptions()
	o.AllowPrivate, o.HostDelay, o.PerHost, o.Timeout = allowPrivate, 0, 8, 10*time.Second
	return o
}

// newPipeline returns a pipeline that fetches with f (nil: loopback allowed).
func newPipeline(t testing.TB, f Fetcher) *Pipeline {
	t.Helper()
	base, err := stages()
	if err != nil {
		t.Fatal(err)
	}
	if f == nil {
		f = feeds.New(testOptions(true))
	}
	return &Pipeline{Fetcher: f, Text: base.Text, Claims: base.Claims, Metrics: NewMetrics()}
}

// guardedFetcher polls feeds freely but fetches pages on 127.0.0.1 with
// the address guard on: loopback stands in for the public internet under
// the name "localhost", and 127.0.0.1 is the private address a hostile feed
// links to.
type guardedFetcher struct {
	open, guarded *feeds.Fetcher
}

func newGuardedFetcher() guardedFetcher {
	return guardedFetcher{open: feeds.New(testOptions(true)), guarded: feeds.New(testOptions(false))}
}

func (g guardedFetcher) Poll(ctx context.Context, f model.Feed, now time.Time) ([]feeds.Item, model.Feed, error) {
	return g.open.Poll(ctx, f, now)
}

func (g guardedFetcher) FetchPage(ctx context.Context, u string) (*feeds.Page, error) {
	if p, err := url.Parse(u); err == nil && p.Hostname() == "127.0.0.1" {
		return g.guarded.FetchPage(ctx, u)
	}
	return g.open.FetchPage(ctx, u)
}

func newDB(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "d.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func feedsOf(urls ...string) []model.Feed {
	out := make([]model.Feed, len(urls))
	for i, u := range urls {
		out[i] = model.Feed{URL: u}
	}
	return out
}

// runOnce runs a daemon with Config.Once over the feeds and fails the test
// on error.
func runOnce(t testing.TB, db *store.DB, p *Pipeline, list []model.Feed, tweak ...func(*Config)) Stats {
	t.Helper()
	cfg := Config{DB: db, Pipeline: p, Once: true, Workers: 4, BatchWait: 50 * time.Millisecond}
	for _, f := range tweak {
		f(&cfg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st, err := New(cfg, list).Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// articles returns every stored article by URL.
func articles(t testing.TB, db *store.DB) map[string]model.Article {
	t.Helper()
	out := map[string]model.Article{}
	err := db.ForEachArticle(func(a model.Article) error {
		if _, dup := out[a.URL]; dup {
			t.Errorf("URL %s stored twice", a.URL)
		}
		out[a.URL] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func check(t testing.TB, db *store.DB) {
	t.Helper()
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

func feedsItem(feed, guid string) feeds.Item { return feeds.Item{FeedURL: feed, GUID: guid} }
