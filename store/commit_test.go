package store

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestCommitIsIdempotent(t *testing.T) {
	db := newDB(t)
	a := article("a", "feed1", day0)
	e := Entry{Article: a, Claims: claims(5)}
	commit(t, db, e)
	commit(t, db, e)
	commit(t, db, e, e) // twice in one batch too

	if n := mustCount(t, db); n != 1 {
		t.Fatalf("CountArticles = %d, want 1", n)
	}
	got := mustClaims(t, db, a.ID)
	if len(got) != 5 {
		t.Fatalf("%d claims, want 5", len(got))
	}
	for i, c := range got {
		if want := claimID(a.ID, uint32(i+1)); c.ID != want || c.ArticleID != a.ID {
			t.Errorf("claim %d: ID %q ArticleID %q, want %q and %q", i, c.ID, c.ArticleID, want, a.ID)
		}
	}
	if want := a.ID + "-0001"; got[0].ID != want {
		t.Errorf("first claim ID = %q, want %q", got[0].ID, want)
	}
	if feeds := mustArticle(t, db, a.ID).Feeds; !slices.Equal(feeds, []string{"feed1"}) {
		t.Errorf("Feeds = %q, want [feed1]", feeds)
	}
	mustCheck(t, db)
}

// The same story reached through a second feed under another ID is stored
// once, and the stored article gains the second feed.
func TestCommitDedup(t *testing.T) {
	first := article("a", "feed1", day0)
	tests := []struct {
		name  string
		dup   func(model.Article) model.Article // from a copy of first
		extra []string                          // Entry.SeenKeys
	}{
		{"same guid", func(a model.Article) model.Article {
			a.URL, a.TextHash = "https://mirror.example/a", model.Hash("other")
			return a
		}, nil},
		{"same url", func(a model.Article) model.Article {
			a.GUID, a.TextHash = "other-guid", model.Hash("other")
			return a
		}, nil},
		{"same canonical url", func(a model.Article) model.Article {
			a.CanonicalURL, a.GUID, a.TextHash = a.URL, "other-guid", model.Hash("other")
			a.URL = "https://mirror.example/a?utm_source=x"
			return a
		}, nil},
		{"same text", func(a model.Article) model.Article {
			a.GUID, a.URL = "other-guid", "https://mirror.example/a"
			return a
		}, nil},
		{"extra seen key", func(a model.Article) model.Article {
			return model.Article{URL: "https://t.example/1", Feeds: a.Feeds, Text: "x"}
		}, []string{URLKey(first.URL)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			commit(t, db, Entry{Article: first, Claims: claims(2)})
			dup := tt.dup(first)
			dup.ID = model.ArticleID("another key for " + tt.name)
			dup.Feeds = []string{"feed2", "feed1"}
			commit(t, db, Entry{Article: dup, Claims: claims(7), SeenKeys: tt.extra})

			if n := mustCount(t, db); n != 1 {
				t.Fatalf("CountArticles = %d, want 1", n)
			}
			if _, err := db.Article(dup.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("Article(dup) err = %v, want ErrNotFound", err)
			}
			stored := mustArticle(t, db, first.ID)
			if want := []string{"feed1", "feed2"}; !slices.Equal(stored.Feeds, want) {
				t.Errorf("Feeds = %q, want %q", stored.Feeds, want)
			}
			if stored.Text != first.Text || len(mustClaims(t, db, first.ID)) != 2 {
				t.Errorf("the first copy was not kept as it was")
			}
			if id, ok, err := db.Seen(ArticleKeys(dup)...); err != nil || !ok || id != first.ID {
				t.Errorf("Seen(dup keys) = %q, %v, %v; want %s", id, ok, err, first.ID)
			}
			mustCheck(t, db)
		})
	}
}

// Which copy of a story wins when it is committed again: see supersedes.
func TestCommitSupersedes(t *testing.T) {
	good := article("a", "feed1", day0)
	failed := good
	failed.Text, failed.TextHash, failed.Error = "", "", "fetch: 503"
	mirror := func(a model.Article) model.Article { // same GUID, other URL and ID
		a.URL, a.Feeds = "https://mirror.example/a", []string{"feed2"}
		a.ID = model.ArticleID(a.URL)
		return a
	}
	reprocessed := good
	reprocessed.Published = day0.Add(-48 * 3600e9) // moves in the index
	reprocessed.Title = "Corrected title"

	tests := []struct {
		name          string
		stored, fresh model.Article
		freshClaims   int
		wantTitle     string
		wantError     string
		wantClaims    int
	}{
		{"reprocessing replaces", good, reprocessed, 1, "Corrected title", "", 1},
		{"failure does not replace success", good, failed, 0, good.Title, "", 3},
		{"success repairs failure", failed, good, 2, good.Title, "", 2},
		{"mirror repairs failure", failed, mirror(good), 2, good.Title, "", 2},
		{"mirror does not replace success", good, mirror(reprocessed), 1, good.Title, "", 3},
		{"mirror failure is ignored", good, mirror(failed), 0, good.Title, "", 3},
		{"failure replaces failure", failed, failed, 0, good.Title, "fetch: 503", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			commit(t, db, Entry{Article: tt.stored, Claims: claims(3 * btoi(tt.stored.Error == ""))})
			commit(t, db, Entry{Article: tt.fresh, Claims: claims(tt.freshClaims)})

			if n := mustCount(t, db); n != 1 {
				t.Fatalf("CountArticles = %d, want 1", n)
			}
			got := mustArticle(t, db, tt.stored.ID)
			if got.Title != tt.wantTitle || got.Error != tt.wantError {
				t.Errorf("stored Title %q Error %q, want %q and %q", got.Title, got.Error, tt.wantTitle, tt.wantError)
			}
			if n := len(mustClaims(t, db, tt.stored.ID)); n != tt.wantClaims {
				t.Errorf("%d claims, want %d", n, tt.wantClaims)
			}
			for _, c := range mustClaims(t, db, tt.stored.ID) {
				if c.ArticleID != tt.stored.ID || !strings.HasPrefix(c.ID, tt.stored.ID+"-") {
					t.Errorf("claim %q belongs to %q, want %s", c.ID, c.ArticleID, tt.stored.ID)
				}
			}
			mustCheck(t, db) // no index entry left behind by a move
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestCommitArticleWithErrorAndNoClaims(t *testing.T) {
	db := newDB(t)
	a := article("a", "feed1", day0)
	a.Text, a.Error = "", "extract: no main text"
	commit(t, db, Entry{Article: a})
	if got := mustArticle(t, db, a.ID); got.Error != a.Error {
		t.Errorf("Error = %q, want %q", got.Error, a.Error)
	}
	if cs := mustClaims(t, db, a.ID); len(cs) != 0 {
		t.Errorf("%d claims, want none", len(cs))
	}
}

// One article whose claims cannot be encoded is stored with the error; the
// rest of the batch is stored as usual.
func TestCommitUnencodableClaim(t *testing.T) {
	db := newDB(t)
	bad, ok := article("bad", "f", day0), article("ok", "f", day0)
	badClaims := claims(4)
	badClaims[3].Value = math.NaN()
	commit(t, db, Entry{Article: bad, Claims: badClaims}, Entry{Article: ok, Claims: claims(4)})

	got := mustArticle(t, db, bad.ID)
	if !strings.Contains(got.Error, "encode claim 4") {
		t.Errorf("Error = %q, want it to name claim 4", got.Error)
	}
	if n := len(mustClaims(t, db, bad.ID)); n != 0 {
		t.Errorf("bad article: %d claims, want 0", n)
	}
	if n := len(mustClaims(t, db, ok.ID)); n != 4 {
		t.Errorf("good article: %d claims, want 4", n)
	}
}

// A batch is one transaction: an entry that cannot be stored at all undoes
// the entries before it.
func TestCommitBatchIsAtomic(t *testing.T) {
	db := newDB(t)
	bad := article("bad", "f", day0)
	bad.ID = "short"
	err := db.Commit([]Entry{{Article: article("a", "f", day0)}, {Article: bad}})
	if err == nil || !strings.Contains(err.Error(), `article ID "short"`) {
		t.Fatalf("err = %v, want one about the short ID", err)
	}
	if n := mustCount(t, db); n != 0 {
		t.Errorf("CountArticles = %d, want 0", n)
	}
}

func TestSeenAndLookups(t *testing.T) {
	db := newDB(t)
	a := article("a", "feed1", day0)
	a.CanonicalURL = "https://news.example/canonical/a"
	commit(t, db, Entry{Article: a, SeenKeys: []string{"", URLKey("https://t.example/a")}})

	tests := []struct {
		keys   []string
		wantOK bool
	}{
		{[]string{GUIDKey(a.GUID)}, true},
		{[]string{URLKey(a.URL)}, true},
		{[]string{URLKey(a.CanonicalURL)}, true},
		{[]string{TextKey(a.TextHash)}, true},
		{[]string{URLKey("https://t.example/a")}, true},
		{[]string{GUIDKey("nope"), "", TextKey(a.TextHash)}, true},
		{[]string{GUIDKey("nope")}, false},
		{[]string{strings.Repeat("x", 40000)}, false},
		{nil, false},
	}
	for _, tt := range tests {
		id, ok, err := db.Seen(tt.keys...)
		if err != nil || ok != tt.wantOK || ok && id != a.ID {
			t.Errorf("Seen(%.40q) = %q, %v, %v; want ok %v", tt.keys, id, ok, err, tt.wantOK)
		}
	}
	for _, url := range []string{a.URL, a.CanonicalURL, "https://t.example/a"} {
		if got, err := db.ArticleByURL(url); err != nil || got.ID != a.ID {
			t.Errorf("ArticleByURL(%s) = %s, %v", url, got.ID, err)
		}
	}
	if _, err := db.ArticleByURL("https://news.example/none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ArticleByURL(unknown) err = %v, want ErrNotFound", err)
	}
	if _, err := db.Article("0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Article(unknown) err = %v, want ErrNotFound", err)
	}
}

func TestFeeds(t *testing.T) {
	db := newDB(t)
	b := model.Feed{URL: "https://b.example/rss", ETag: `"1"`, Errors: 2}
	a := model.Feed{URL: "https://a.example/rss", Interval: 300e9, NextCheck: day0}
	if err := db.PutFeeds(b, a); err != nil {
		t.Fatal(err)
	}
	b.ETag, b.Errors = `"2"`, 0
	if err := db.PutFeeds(b); err != nil {
		t.Fatal(err)
	}
	feeds, err := db.Feeds()
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0] != a || feeds[1] != b {
		t.Errorf("Feeds() = %+v, want [%+v %+v]", feeds, a, b)
	}
	if got, err := db.Feed(b.URL); err != nil || got != b {
		t.Errorf("Feed(b) = %+v, %v", got, err)
	}
	if _, err := db.Feed("https://none.example"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Feed(unknown) err = %v, want ErrNotFound", err)
	}
	if err := db.PutFeeds(model.Feed{}); err == nil {
		t.Error("PutFeeds accepted a feed with no URL")
	}
}
