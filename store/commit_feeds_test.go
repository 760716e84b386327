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
