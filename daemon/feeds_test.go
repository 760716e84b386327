package daemon

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// A feed added to the store while the daemon runs is polled; one removed
// is dropped and its state is not stored again.
func TestFeedsAddedAndRemovedWhileRunning(t *testing.T) {
	w := (&daemontest.Wire{Articles: 6, Feeds: 2}).Start()
	defer w.Close()
	first, second := w.FeedURLs()[0], w.FeedURLs()[1]
	db := newDB(t)
	if err := db.PutFeeds(model.Feed{URL: first}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	d := New(Config{DB: db, Pipeline: newPipeline(t, nil), BatchWait: 20 * time.Millisecond}, feedsOf(first))
	done := make(chan error, 1)
	go func() { _, err := d.Run(ctx); done <- err }()

	waitFor(t, func() bool { f, err := db.Feed(first); return err == nil && !f.LastFetch.IsZero() })
	if added, err := db.AddFeed(model.Feed{URL: second}); !added || err != nil {
		t.Fatalf("AddFeed: %v, %v", added, err)
	}
	waitFor(t, func() bool { f, err := db.Feed(second); return err == nil && !f.LastFetch.IsZero() })
	if _, ok := articles(t, db)[w.PageURL(1)]; !ok {
		t.Errorf("story of the added feed not stored")
	}

	if err := db.RemoveFeed(first); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return !d.scheduled(first) })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := db.Feed(first); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed feed stored again: %v", err)
	}
	check(t, db)
}

// scheduled reports whether the daemon schedules the feed.
func (d *Daemon) scheduled(url string) bool {
	d.sched.mu.Lock()
	defer d.sched.mu.Unlock()
	return d.sched.find(url) != nil
}

func TestScheduleSync(t *testing.T) {
	s := newSchedule(feedsOf("https://a/", "https://given/"))
	s.ignore([]model.Feed{{URL: "https://a/"}, {URL: "https://other/"}})
	polled := model.Feed{URL: "https://a/", LastFetch: time.Unix(1e9, 0)}

	steps := []struct {
		name                  string
		stored                []model.Feed
		added, removed, again int
		want                  []string
	}{
		{"nothing changed", []model.Feed{{URL: "https://a/"}, {URL: "https://other/"}}, 0, 0, 0, []string{"https://a/", "https://given/"}},
		{"added", []model.Feed{{URL: "https://a/"}, {URL: "https://other/"}, {URL: "https://b/"}}, 1, 0, 0, []string{"https://a/", "https://given/", "https://b/"}},
		{"removed; a feed never stored stays", []model.Feed{{URL: "https://other/"}, {URL: "https://b/"}}, 0, 1, 0, []string{"https://given/", "https://b/"}},
		{"stored again by a poll", []model.Feed{polled, {URL: "https://b/"}}, 0, 0, 1, []string{"https://given/", "https://b/"}},
		{"added anew", []model.Feed{{URL: "https://a/"}, {URL: "https://b/"}}, 1, 0, 0, []string{"https://given/", "https://b/", "https://a/"}},
	}
	for _, st := range steps {
		added, removed, again := s.sync(st.stored)
		var got []string
		for _, sf := range s.feeds {
			got = append(got, sf.feed.URL)
		}
		if added != st.added || removed != st.removed || len(again) != st.again || !equal(got, st.want) {
			t.Errorf("%s: added %d removed %d again %v, scheduled %v; want %d %d %d %v",
				st.name, added, removed, again, got, st.added, st.removed, st.again, st.want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
