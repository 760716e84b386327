// Package storetest is the behaviour of a store.Store, as one table of
// tests that each backend runs against itself (bbolt in package store's
// tests, PostgreSQL in package pgstore's).
package storetest

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Open returns a new, empty store for one test; the test closes it.
type Open func(t *testing.T) store.Store

// Run runs every behaviour against stores from open.
func Run(t *testing.T, open Open) {
	for _, b := range behaviours {
		t.Run(b.name, func(t *testing.T) {
			db := open(t)
			t.Cleanup(func() {
				if err := db.Close(); err != nil {
					t.Error(err)
				}
			})
			b.test(t, db)
		})
	}
}

var behaviours = []struct {
	name string
	test func(t *testing.T, db store.Store)
}{
	{"round trip", roundTrip},
	{"reprocess replaces claims", reprocessReplaces},
	{"same story from another feed is merged", mergedByKey},
	{"failed copy never replaces a good one", failedKeepsGood},
	{"good copy repairs a failed one", goodRepairsFailed},
	{"feeds-only entry links a feed", feedsOnly},
	{"replace claims", replaceClaims},
	{"not found", notFound},
	{"articles in time order without text for listings", articleOrder},
	{"claim filters and paging", claimFilters},
	{"feeds", feedStates},
	{"batch is all or nothing", allOrNothing},
	{"scans cross pages", manyArticles},
	{"unusable keys are skipped", longKeys},
}

var day0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// Article builds an article whose ID, GUID, URL and text derive from name.
func Article(name, feed string, published time.Time) model.Article {
	url := "https://news.example/" + name
	return model.Article{
		ID:        model.ArticleID(url),
		URL:       url,
		GUID:      "guid-" + name,
		Title:     "Title " + name,
		Feeds:     []string{feed},
		Published: published,
		Fetched:   published.Add(time.Minute),
		Text:      "Text of " + name + " \x00 with a NUL",
		TextHash:  model.Hash("Text of " + name),
	}
}

// Claims builds n claims cycling through every kind.
func Claims(n int) []model.Claim {
	out := make([]model.Claim, n)
	for i := range out {
		k := model.Kinds[i%len(model.Kinds)]
		out[i] = model.Claim{Kind: k, Sentence: fmt.Sprintf("sentence %d %s", i, k), Start: i * 10, End: i*10 + 5, Rule: "r"}
		if k == model.Number {
			out[i].Value, out[i].Unit = 4.4e9, "USD"
		}
	}
	return out
}

func commit(t *testing.T, db store.Store, entries ...store.Entry) {
	t.Helper()
	if err := db.Commit(entries); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, db store.Store, want int) {
	t.Helper()
	n, err := db.CountArticles()
	if err != nil || n != want {
		t.Fatalf("%d articles stored (%v), want %d", n, err, want)
	}
}

func claimsOf(t *testing.T, db store.Store, id string) []model.Claim {
	t.Helper()
	cs, err := db.Claims(id)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func roundTrip(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(5)})
	count(t, db, 1)
	got, err := db.Article(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != a.Text || got.URL != a.URL || !got.Published.Equal(a.Published) || !slices.Equal(got.Feeds, a.Feeds) {
		t.Errorf("article read back as %+v, want %+v", got, a)
	}
	cs := claimsOf(t, db, a.ID)
	if len(cs) != 5 {
		t.Fatalf("%d claims, want 5", len(cs))
	}
	for i, c := range cs {
		if want := store.ClaimID(a.ID, uint32(i+1)); c.ID != want || c.ArticleID != a.ID || c.Kind != model.Kinds[i%len(model.Kinds)] {
			t.Errorf("claim %d: %+v, want ID %s of %s", i, c, want, a.ID)
		}
	}
	for _, key := range store.ArticleKeys(a) {
		id, ok, err := db.Seen("unknown-key", key)
		if err != nil || !ok || id != a.ID {
			t.Errorf("Seen(%q) = %q, %v, %v; want %s", key, id, ok, err, a.ID)
		}
	}
	if byURL, err := db.ArticleByURL(a.URL); err != nil || byURL.ID != a.ID {
		t.Errorf("ArticleByURL = %v, %v", byURL.ID, err)
	}
}

func reprocessReplaces(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(5)})
	commit(t, db, store.Entry{Article: a, Claims: Claims(2)})
	count(t, db, 1)
	if cs := claimsOf(t, db, a.ID); len(cs) != 2 {
		t.Errorf("%d claims after reprocessing, want 2", len(cs))
	}
}

func mergedByKey(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(3)})
	b := Article("b", "feed2", day0) // another ID and URL, linked under a's URL
	b.GUID, b.TextHash = "", ""
	commit(t, db, store.Entry{Article: b, Claims: Claims(1), SeenKeys: []string{store.URLKey(a.URL)}})
	count(t, db, 1)
	got, err := db.Article(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Feeds, []string{"feed1", "feed2"}) {
		t.Errorf("feeds %v, want both", got.Feeds)
	}
	if cs := claimsOf(t, db, a.ID); len(cs) != 3 {
		t.Errorf("%d claims, want the stored 3", len(cs))
	}
	if id, ok, _ := db.Seen(store.URLKey(b.URL)); !ok || id != a.ID {
		t.Errorf("b's URL maps to %q, want %s", id, a.ID)
	}
}

func failedKeepsGood(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(3)})
	bad := a
	bad.Error, bad.Text = "fetch: timeout", ""
	commit(t, db, store.Entry{Article: bad})
	got, _ := db.Article(a.ID)
	if got.Error != "" || got.Text != a.Text || len(claimsOf(t, db, a.ID)) != 3 {
		t.Errorf("a failed copy replaced the good one: %+v", got)
	}
}

func goodRepairsFailed(t *testing.T, db store.Store) {
	bad := Article("a", "feed1", day0)
	bad.Error = "fetch: timeout"
	commit(t, db, store.Entry{Article: bad})
	good := Article("a2", "feed2", day0.Add(time.Hour))
	good.GUID = bad.GUID
	commit(t, db, store.Entry{Article: good, Claims: Claims(2)})
	count(t, db, 1)
	got, err := db.Article(bad.ID)
	if err != nil || got.Error != "" || got.Text != good.Text || !slices.Equal(got.Feeds, []string{"feed1", "feed2"}) {
		t.Errorf("repaired article %+v, %v", got, err)
	}
	if len(claimsOf(t, db, bad.ID)) != 2 {
		t.Error("repaired article lacks the new claims")
	}
}

func feedsOnly(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(1)})
	link := model.Article{ID: a.ID, Feeds: []string{"feed3"}}
	commit(t, db, store.Entry{Article: link, FeedsOnly: true, SeenKeys: []string{"url:https://elsewhere.example/a"}})
	got, _ := db.Article(a.ID)
	if !slices.Equal(got.Feeds, []string{"feed1", "feed3"}) || got.Text != a.Text {
		t.Errorf("after link: %+v", got)
	}
	if id, ok, _ := db.Seen("url:https://elsewhere.example/a"); !ok || id != a.ID {
		t.Error("link's key not mapped")
	}
	missing := model.Article{ID: model.ArticleID("nowhere"), Feeds: []string{"feed3"}}
	commit(t, db, store.Entry{Article: missing, FeedsOnly: true})
	count(t, db, 1)
}

func replaceClaims(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	commit(t, db, store.Entry{Article: a, Claims: Claims(4)})
	if err := db.ReplaceClaims(a.ID, Claims(7)); err != nil {
		t.Fatal(err)
	}
	if cs := claimsOf(t, db, a.ID); len(cs) != 7 || cs[6].ID != store.ClaimID(a.ID, 7) {
		t.Errorf("after replace: %d claims", len(cs))
	}
	if err := db.ReplaceClaims(a.ID, nil); err != nil {
		t.Fatal(err)
	}
	if cs := claimsOf(t, db, a.ID); len(cs) != 0 {
		t.Errorf("after replacing with none: %d claims", len(cs))
	}
	if err := db.ReplaceClaims(model.ArticleID("nowhere"), Claims(1)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("replace claims of no article: %v, want ErrNotFound", err)
	}
}

func notFound(t *testing.T, db store.Store) {
	id := model.ArticleID("nowhere")
	if _, err := db.Article(id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Article: %v", err)
	}
	if _, err := db.ArticleByURL("https://nowhere.example/"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ArticleByURL: %v", err)
	}
	if _, err := db.Claims(id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Claims: %v", err)
	}
	if _, err := db.Feed("https://nowhere.example/feed"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Feed: %v", err)
	}
	if _, ok, err := db.Seen("url:https://nowhere.example/"); ok || err != nil {
		t.Errorf("Seen: %v, %v", ok, err)
	}
	err := db.ForEachClaim(store.Filter{After: store.ClaimID(id, 1)}, func(model.Claim, model.Article) error { return nil })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ForEachClaim after an unknown claim: %v", err)
	}
	err = db.ForEachClaim(store.Filter{After: "not-a-claim"}, func(model.Claim, model.Article) error { return nil })
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ForEachClaim after a malformed claim ID: %v", err)
	}
}

func articleOrder(t *testing.T, db store.Store) {
	c := Article("c", "f", day0.Add(2*time.Hour))
	a := Article("a", "f", day0)
	b := Article("b", "f", time.Time{}) // no published time: ordered by fetched
	b.Fetched = day0.Add(time.Hour)
	commit(t, db, store.Entry{Article: c}, store.Entry{Article: a}, store.Entry{Article: b})
	var ids []string
	err := db.ForEachArticle(func(x model.Article) error {
		ids = append(ids, x.ID)
		if x.Text == "" {
			t.Errorf("ForEachArticle: %s without text", x.ID)
		}
		return nil
	})
	if err != nil || !slices.Equal(ids, []string{a.ID, b.ID, c.ID}) {
		t.Errorf("order %v (%v), want a, b, c", ids, err)
	}
	stop := errors.New("stop")
	n := 0
	err = db.ForEachArticleMeta(func(x model.Article) error {
		n++
		if x.Text != "" {
			t.Errorf("ForEachArticleMeta: %s with text", x.ID)
		}
		if x.Title == "" {
			t.Errorf("ForEachArticleMeta: %s without title", x.ID)
		}
		return stop
	})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error: %v after %d calls, want stop after 1", err, n)
	}
}

func claimFilters(t *testing.T, db store.Store) {
	a := Article("a", "feed1", day0)
	b := Article("b", "feed2", day0.Add(time.Hour))
	commit(t, db, store.Entry{Article: a, Claims: Claims(4)}, store.Entry{Article: b, Claims: Claims(4)})
	list := func(f store.Filter) []string {
		var ids []string
		err := db.ForEachClaim(f, func(c model.Claim, art model.Article) error {
			if art.ID != c.ArticleID || art.Text != "" {
				t.Errorf("claim %s came with article %s (text %q)", c.ID, art.ID, art.Text)
			}
			ids = append(ids, c.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	all := list(store.Filter{})
	if len(all) != 8 || all[0] != store.ClaimID(a.ID, 1) || all[4] != store.ClaimID(b.ID, 1) {
		t.Fatalf("all claims: %v", all)
	}
	if got := list(store.Filter{Since: day0.Add(time.Minute)}); !slices.Equal(got, all[4:]) {
		t.Errorf("since: %v", got)
	}
	if got := list(store.Filter{Feed: "feed1"}); !slices.Equal(got, all[:4]) {
		t.Errorf("feed: %v", got)
	}
	if got := list(store.Filter{Kinds: []model.Kind{model.Quote}}); !slices.Equal(got, []string{all[2], all[6]}) {
		t.Errorf("kinds: %v", got)
	}
	if got := list(store.Filter{After: all[2]}); !slices.Equal(got, all[3:]) {
		t.Errorf("after %s: %v", all[2], got)
	}
	if got := list(store.Filter{After: all[7]}); len(got) != 0 {
		t.Errorf("after the last: %v", got)
	}
}

func feedStates(t *testing.T, db store.Store) {
	f1 := model.Feed{URL: "https://b.example/feed", Interval: time.Hour, ETag: `"x"`, NextCheck: day0}
	f2 := model.Feed{URL: "https://a.example/feed"}
	if err := db.PutFeeds(f1, f2); err != nil {
		t.Fatal(err)
	}
	got, err := db.Feeds()
	if err != nil || len(got) != 2 || got[0].URL != f2.URL || got[1].ETag != `"x"` || !got[1].NextCheck.Equal(day0) {
		t.Fatalf("feeds %+v, %v", got, err)
	}
	f1.Errors, f1.LastError = 2, "HTTP 500"
	commit := db.Commit([]store.Entry{{Article: Article("a", f1.URL, day0)}}, f1)
	if commit != nil {
		t.Fatal(commit)
	}
	one, err := db.Feed(f1.URL)
	if err != nil || one.Errors != 2 || one.LastError != "HTTP 500" {
		t.Errorf("feed after commit: %+v, %v", one, err)
	}
	if err := db.PutFeeds(model.Feed{}); err == nil {
		t.Error("a feed with no URL was stored")
	}
}

func allOrNothing(t *testing.T, db store.Store) {
	good := Article("a", "f", day0)
	bad := Article("b", "f", day0)
	bad.ID = "short"
	err := db.Commit([]store.Entry{{Article: good, Claims: Claims(1)}, {Article: bad}}, model.Feed{URL: "https://a.example/feed"})
	if err == nil {
		t.Fatal("a batch with a bad ID committed")
	}
	count(t, db, 0)
	if feeds, _ := db.Feeds(); len(feeds) != 0 {
		t.Errorf("the failed batch's feed was stored: %v", feeds)
	}
}

func manyArticles(t *testing.T, db store.Store) {
	const n = 600
	var entries []store.Entry
	for i := range n {
		entries = append(entries, store.Entry{Article: Article(fmt.Sprint(i), "f", day0.Add(time.Duration(i)*time.Second)), Claims: Claims(1)})
	}
	for lot := range slices.Chunk(entries, 100) {
		commit(t, db, lot...)
	}
	count(t, db, n)
	var prev time.Time
	seen := 0
	err := db.ForEachArticleMeta(func(a model.Article) error {
		if a.Published.Before(prev) {
			t.Errorf("%s out of order", a.ID)
		}
		prev = a.Published
		seen++
		return nil
	})
	if err != nil || seen != n {
		t.Errorf("scanned %d of %d (%v)", seen, n, err)
	}
	claims := 0
	err = db.ForEachClaim(store.Filter{}, func(model.Claim, model.Article) error { claims++; return nil })
	if err != nil || claims != n {
		t.Errorf("%d claims scanned, want %d (%v)", claims, n, err)
	}
}

func longKeys(t *testing.T, db store.Store) {
	a := Article("a", "f", day0)
	long := "url:https://news.example/" + string(make([]byte, 40000))
	commit(t, db, store.Entry{Article: a, SeenKeys: []string{long}})
	count(t, db, 1)
	if _, ok, err := db.Seen(long); ok || err != nil {
		t.Errorf("Seen(long key) = %v, %v; want not seen", ok, err)
	}
}
