package store

import (
	"errors"
	"testing"

	"github.com/claimwire/claimwire/model"
)

// Feed states committed with a batch are stored with it, and not at all when
// the batch fails.
func TestCommitWithFeeds(t *testing.T) {
	db := newDB(t)
	feed := model.Feed{URL: "https://wire.example/rss", ETag: `"v2"`, Items: 1}
	if err := db.Commit([]Entry{{Article: article("a", feed.URL, day0)}}, feed); err != nil {
		t.Fatal(err)
	}
	got, err := db.Feed(feed.URL)
	if err != nil || got.ETag != `"v2"` {
		t.Fatalf("feed after commit = %+v, %v", got, err)
	}

	bad := model.Feed{URL: "https://wire.example/other", ETag: `"x"`}
	err = db.Commit([]Entry{{Article: model.Article{ID: "short"}}}, bad)
	if err == nil {
		t.Fatal("commit of an article with a bad ID succeeded")
	}
	if _, err := db.Feed(bad.URL); !errors.Is(err, ErrNotFound) {
		t.Fatalf("feed of a failed batch: %v, want ErrNotFound", err)
	}
	if err := db.Commit(nil, model.Feed{}); err == nil {
		t.Fatal("commit of a feed with no URL succeeded")
	}
}

// A FeedsOnly entry adds its feeds and keys to the stored article and
// leaves its text and claims alone.
func TestCommitFeedsOnly(t *testing.T) {
	db := newDB(t)
	a := article("a", "https://one.example/rss", day0)
	commit(t, db, Entry{Article: a, Claims: claims(4)})
	link := Entry{
		Article:   model.Article{ID: a.ID, Feeds: []string{"https://two.example/rss"}},
		SeenKeys:  []string{URLKey("https://two.example/story-a")},
		FeedsOnly: true,
	}
	commit(t, db, link, link)
	got, err := db.Article(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Feeds) != 2 || got.Text != a.Text || got.Title != a.Title {
		t.Fatalf("after FeedsOnly: %+v", got)
	}
	if cs := mustClaims(t, db, a.ID); len(cs) != 4 {
		t.Fatalf("%d claims after FeedsOnly, want 4", len(cs))
	}
	if id, ok, _ := db.Seen(URLKey("https://two.example/story-a")); !ok || id != a.ID {
		t.Fatalf("new key maps to %q, %v", id, ok)
	}
	gone := Entry{Article: model.Article{ID: model.ArticleID("gone"), Feeds: []string{"f"}}, FeedsOnly: true}
	commit(t, db, gone)
	if n := mustCount(t, db); n != 1 {
		t.Fatalf("%d articles, want 1: FeedsOnly must not create one", n)
	}
	mustCheck(t, db)
}
