package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/store/pgstore"
	"github.com/claimwire/claimwire/store/pgstore/pgtest"
	"github.com/claimwire/claimwire/store/storetest"
)

func urls(feeds []model.Feed) []string {
	var out []string
	for _, f := range feeds {
		out = append(out, f.URL)
	}
	return out
}

func TestLeases(t *testing.T) {
	ctx := context.Background()
	db := open(t, pgtest.DSN(t))
	defer db.Close()
	now := time.Now()
	var all []model.Feed
	for i := range 6 {
		all = append(all, model.Feed{URL: fmt.Sprintf("https://f%d.example/feed", i)})
	}
	later := model.Feed{URL: "https://later.example/feed", NextCheck: now.Add(time.Hour)}
	if err := db.PutFeeds(append(all, later)...); err != nil {
		t.Fatal(err)
	}
	a, err := db.LeaseFeeds(ctx, "a", now, time.Hour, 4)
	if err != nil || len(a) != 4 {
		t.Fatalf("a leased %v, %v; want 4", urls(a), err)
	}
	b, err := db.LeaseFeeds(ctx, "b", now, time.Hour, 4)
	if err != nil || len(b) != 2 {
		t.Fatalf("b leased %v, %v; want the 2 left", urls(b), err)
	}
	taken := map[string]bool{}
	for _, u := range append(urls(a), urls(b)...) {
		if taken[u] || u == later.URL {
			t.Errorf("%s leased twice or before it is due", u)
		}
		taken[u] = true
	}
	if n, err := db.PendingFeeds(ctx, now); err != nil || n != 6 {
		t.Errorf("pending %d, %v; want 6 (leased ones count)", n, err)
	}
	// Saving a feed list keeps leases; committing a poll ends one.
	if err := db.PutFeeds(a[0]); err != nil {
		t.Fatal(err)
	}
	if c, _ := db.LeaseFeeds(ctx, "c", now, time.Hour, 10); len(c) != 0 {
		t.Errorf("c leased %v while every due feed is leased", urls(c))
	}
	polled := a[0]
	polled.NextCheck = now.Add(time.Hour)
	if err := db.Commit(nil, polled); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.PendingFeeds(ctx, now); n != 5 {
		t.Errorf("pending %d after one poll, want 5", n)
	}
	// b dies: its short leases expire and c takes its feeds.
	if _, err := db.Pool().Exec(ctx, `UPDATE feeds SET lease_until = now() - interval '1 second' WHERE lease_owner = 'b'`); err != nil {
		t.Fatal(err)
	}
	c, err := db.LeaseFeeds(ctx, "c", now, time.Hour, 10)
	if err != nil || len(c) != 2 || c[0].URL != b[0].URL && c[0].URL != b[1].URL {
		t.Errorf("c leased %v, %v; want b's %v", urls(c), err, urls(b))
	}
}

// Daemons leasing at the same moment never get the same feed.
func TestLeasesConcurrent(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	db := open(t, dsn)
	defer db.Close()
	const feeds = 200
	var all []model.Feed
	for i := range feeds {
		all = append(all, model.Feed{URL: fmt.Sprintf("https://f%03d.example/feed", i)})
	}
	if err := db.PutFeeds(all...); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	owner := map[string]string{}
	var wg sync.WaitGroup
	for d := range 4 {
		wg.Go(func() {
			me := fmt.Sprint("daemon", d)
			for {
				got, err := db.LeaseFeeds(ctx, me, time.Now(), time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				mu.Lock()
				for _, f := range got {
					if prev, ok := owner[f.URL]; ok {
						t.Errorf("%s leased by %s and %s", f.URL, prev, me)
					}
					owner[f.URL] = me
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(owner) != feeds {
		t.Errorf("%d of %d feeds leased", len(owner), feeds)
	}
}

// Copies of one story committed by several daemons at once, under
// different IDs but one URL, are stored once.
func TestConcurrentCommitsStoreOnce(t *testing.T) {
	dsn := pgtest.DSN(t)
	db := open(t, dsn)
	defer db.Close()
	const stories, daemons = 50, 4
	var wg sync.WaitGroup
	for d := range daemons {
		wg.Go(func() {
			other := open(t, dsn)
			defer other.Close()
			for i := range stories {
				a := storetest.Article(fmt.Sprintf("s%d-from-%d", i, d), fmt.Sprint("feed", d), time.Now())
				a.GUID, a.TextHash = "", ""
				shared := store.URLKey(fmt.Sprintf("https://news.example/story/%d", i))
				if err := other.Commit([]store.Entry{{Article: a, Claims: storetest.Claims(2), SeenKeys: []string{shared}}}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	n, err := db.CountArticles()
	if err != nil || n != stories {
		t.Errorf("%d articles stored (%v), want %d", n, err, stories)
	}
}

// Daemons starting at once migrate the schema once, under the lock.
func TestMigrateConcurrent(t *testing.T) {
	dsn := pgtest.DSN(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			db, err := pgstore.Open(context.Background(), dsn)
			if err != nil {
				t.Error(err)
				return
			}
			db.Close()
		})
	}
	wg.Wait()
	db := open(t, dsn)
	defer db.Close()
	var rows, version int
	if err := db.Pool().QueryRow(context.Background(), `SELECT count(*), max(version) FROM claimwire_schema`).Scan(&rows, &version); err != nil {
		t.Fatal(err)
	}
	if rows != version || version < 1 {
		t.Errorf("%d schema rows up to version %d", rows, version)
	}
	if _, err := db.Pool().Exec(context.Background(), `INSERT INTO claimwire_schema (version) VALUES (999)`); err != nil {
		t.Fatal(err)
	}
	if _, err := pgstore.Open(context.Background(), dsn); !errors.Is(err, store.ErrSchemaVersion) {
		t.Errorf("open of a newer schema: %v, want ErrSchemaVersion", err)
	}
}

func TestOpenBadAddress(t *testing.T) {
	_, err := store.OpenStore(context.Background(), "postgres://u:secret@127.0.0.1:1/x?connect_timeout=2", store.Options{})
	if err == nil {
		t.Fatal("opened a server that is not there")
	}
	if msg := err.Error(); !contains(msg, "127.0.0.1:1") || contains(msg, "secret") {
		t.Errorf("error %q should name the server without the password", msg)
	}
	if _, err := store.OpenStore(context.Background(), "mysql://x", store.Options{}); err == nil {
		t.Error("an unknown scheme opened")
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
