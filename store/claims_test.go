package store

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

func TestReplaceClaims(t *testing.T) {
	db := newDB(t)
	a := article("a", "f", day0)
	commit(t, db, Entry{Article: a, Claims: claims(5)})
	if err := db.ReplaceClaims(a.ID, claims(2)); err != nil {
		t.Fatal(err)
	}
	got := mustClaims(t, db, a.ID)
	if len(got) != 2 || got[1].ID != claimID(a.ID, 2) {
		t.Fatalf("after replace: %+v, want 2 claims", got)
	}
	if err := db.ReplaceClaims("0000000000000000", claims(1)); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReplaceClaims(unknown) err = %v, want ErrNotFound", err)
	}
	mustCheck(t, db)
}

// However ReplaceClaims fails, it fails whole: the old claims stay.
func TestReplaceClaimsFailureKeepsOldClaims(t *testing.T) {
	nan := claims(4)
	nan[3].Value = math.NaN() // json cannot encode it
	injected := errors.New("injected")
	tests := []struct {
		name    string
		replace func(db *DB, id string) error
		want    error
	}{
		{"claim cannot be encoded", func(db *DB, id string) error {
			return db.ReplaceClaims(id, nan)
		}, nil},
		{"error after the new claims are written", func(db *DB, id string) error {
			return db.bolt.Update(func(tx *bolt.Tx) error {
				a, _, _ := getArticleMeta(tx, id)
				if err := replaceClaimsOf(tx, a, claims(7)); err != nil {
					return err
				}
				return injected
			})
		}, injected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			a := article("a", "f", day0)
			commit(t, db, Entry{Article: a, Claims: claims(5)})
			before := mustClaims(t, db, a.ID)

			err := tt.replace(db, a.ID)
			if err == nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want a failure (%v)", err, tt.want)
			}
			if after := mustClaims(t, db, a.ID); !slices.EqualFunc(before, after, sameClaim) {
				t.Errorf("claims changed:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func sameClaim(a, b model.Claim) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Sentence == b.Sentence && a.Start == b.Start
}

// filterDB holds three feeds' articles a day apart, four claims each (one of
// every kind), so that each filter picks out a known set.
func filterDB(t *testing.T) *DB {
	db := newDB(t)
	var entries []Entry
	for i, feed := range []string{"f1", "f2", "f1", "f3"} {
		a := article(fmt.Sprint("a", i), feed, day0.Add(time.Duration(i)*24*time.Hour))
		if i == 3 { // no published time: sorted and filtered by when fetched
			a.Published = time.Time{}
		}
		entries = append(entries, Entry{Article: a, Claims: claims(4)})
	}
	slices.Reverse(entries) // the index, not commit order, gives the order
	commit(t, db, entries...)
	return db
}

func TestForEachClaimFilters(t *testing.T) {
	db := filterDB(t)
	tests := []struct {
		name string
		f    Filter
		want []string // "article:kind", in order
	}{
		{"everything", Filter{}, []string{
			"a0:accusation", "a0:actor", "a0:quote", "a0:number",
			"a1:accusation", "a1:actor", "a1:quote", "a1:number",
			"a2:accusation", "a2:actor", "a2:quote", "a2:number",
			"a3:accusation", "a3:actor", "a3:quote", "a3:number"}},
		{"since", Filter{Since: day0.Add(48 * time.Hour)}, []string{
			"a2:accusation", "a2:actor", "a2:quote", "a2:number",
			"a3:accusation", "a3:actor", "a3:quote", "a3:number"}},
		{"since is inclusive", Filter{Since: day0.Add(48 * time.Hour), Kinds: []model.Kind{model.Quote}}, []string{
			"a2:quote", "a3:quote"}},
		{"since uses fetched without published", Filter{Since: day0.Add(72*time.Hour + time.Minute)}, []string{
			"a3:accusation", "a3:actor", "a3:quote", "a3:number"}},
		{"since after everything", Filter{Since: day0.Add(1000 * time.Hour)}, nil},
		{"kinds", Filter{Kinds: []model.Kind{model.Number, model.Actor}}, []string{
			"a0:actor", "a0:number", "a1:actor", "a1:number", "a2:actor", "a2:number", "a3:actor", "a3:number"}},
		{"feed", Filter{Feed: "f1"}, []string{
			"a0:accusation", "a0:actor", "a0:quote", "a0:number",
			"a2:accusation", "a2:actor", "a2:quote", "a2:number"}},
		{"everything at once", Filter{Since: day0.Add(time.Hour), Feed: "f1", Kinds: []model.Kind{model.Accusation}}, []string{
			"a2:accusation"}},
		{"unknown feed", Filter{Feed: "nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			err := db.ForEachClaim(tt.f, func(c model.Claim, a model.Article) error {
				if c.ArticleID != a.ID {
					t.Errorf("claim %s came with article %s", c.ID, a.ID)
				}
				got = append(got, a.Title[len("Title "):]+":"+string(c.Kind))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestForEachStopsAtCallbackError(t *testing.T) {
	db := filterDB(t)
	stop := errors.New("stop")
	n := 0
	err := db.ForEachClaim(Filter{}, func(model.Claim, model.Article) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("ForEachClaim: err %v after %d calls, want stop after 3", err, n)
	}
	n = 0
	err = db.ForEachArticle(func(model.Article) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("ForEachArticle: err %v after %d calls, want stop after 1", err, n)
	}
}

// More articles than one page, committed out of order, some moved by a
// recommit: the scan sees each exactly once, in time order, and its callback
// may write to the database (no transaction is open around it).
func TestForEachArticleOrderAcrossPages(t *testing.T) {
	db := newDB(t)
	const n = 2*pageSize + 17
	var entries []Entry
	for i := range n {
		at := day0.Add(time.Duration((i*7919)%n) * time.Minute) // a permutation of 0..n-1
		entries = append(entries, Entry{Article: article(fmt.Sprint(i), "f", at)})
	}
	commit(t, db, entries...)
	moved := entries[5].Article
	moved.Published = day0.Add(-time.Hour)
	commit(t, db, Entry{Article: moved})

	var times []time.Time
	err := db.ForEachArticle(func(a model.Article) error {
		times = append(times, sortTime(a))
		if len(times)%100 == 1 { // a write inside a View can deadlock on a remap
			return db.PutFeeds(model.Feed{URL: a.URL})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(times) != n || !slices.IsSortedFunc(times, time.Time.Compare) || !times[0].Equal(moved.Published) {
		t.Errorf("%d articles (want %d), sorted %v, first %v", len(times), n, slices.IsSortedFunc(times, time.Time.Compare), times[0])
	}
	if c := mustCount(t, db); c != n {
		t.Errorf("CountArticles = %d, want %d", c, n)
	}
	mustCheck(t, db)
}

func TestTimeKeyOrder(t *testing.T) {
	times := []time.Time{
		{},
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Unix(0, 0),
		time.Unix(0, 1),
		day0,
		day0.Add(time.Nanosecond),
		time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for i := 1; i < len(times); i++ {
		a, b := timeKey(times[i-1]), timeKey(times[i])
		if string(a) > string(b) {
			t.Errorf("timeKey(%v) > timeKey(%v)", times[i-1], times[i])
		}
	}
}

func TestCheckFindsBrokenIndex(t *testing.T) {
	db := newDB(t)
	a := article("a", "f", day0)
	commit(t, db, Entry{Article: a, Claims: claims(2)})
	mustCheck(t, db)
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(articlesBucket).Delete([]byte(a.ID)); err != nil {
			return err
		}
		return tx.Bucket(publishedBucket).Put(publishedKey(article("ghost", "f", day0)), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Check()
	for _, want := range []string{"index entry", "claim", "no such article"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check() = %v, want it to mention %q", err, want)
		}
	}
}
