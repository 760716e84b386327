package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// partyClaims are claims that name parties in every role.
func partyClaims(accuser, accused string) []model.Claim {
	return []model.Claim{
		{Kind: model.Accusation, Accuser: accuser, AccuserOrg: "Ministry", Accused: accused, Allegation: "hacking", Sentence: accuser + " accused " + accused + " of hacking."},
		{Kind: model.Actor, Label: "Fancy Bear", Canonical: "APT28", Aliases: []string{"Sofacy", "fancy  bear"}, Sponsor: "Russia", Sentence: "Fancy Bear struck."},
		{Kind: model.Quote, Speaker: "Jane Doe", Quote: "We are ready", Sentence: `"We are ready," said Jane Doe.`},
		{Kind: model.Number, Value: 3, Unit: "servers", Text: "three servers", Sentence: "Three servers fell."},
	}
}

func assertIndexConsistent(t *testing.T, db *DB) {
	t.Helper()
	err := db.view(func(tx *bolt.Tx) error {
		return errors.Join(checkListingIndex(tx)...)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func indexLen(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	err := db.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(indexBucket).Stats().KeyN
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Every write to an article or its claims keeps the index equal to what
// the stored data implies: commit, replace (reprocess), another feed,
// a failed copy, replace claims.
func TestIndexFollowsWrites(t *testing.T) {
	db := newDB(t)
	a := article("a", "https://feed.example/one", day0)
	b := article("b", "https://feed.example/two", day0.Add(time.Hour))
	commit(t, db, Entry{Article: a, Claims: partyClaims("China", "Russia")}, Entry{Article: b, Claims: claims(3)})
	assertIndexConsistent(t, db)
	before := indexLen(t, db)
	if before == 0 {
		t.Fatal("index empty after commit")
	}

	// Reprocessed with other parties and a later date: old entries go.
	a2 := a
	a2.Published = day0.Add(48 * time.Hour)
	commit(t, db, Entry{Article: a2, Claims: partyClaims("Germany", "Iran")[:1]})
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Accuser: "china"}, 0)
	assertParty(t, db, Filter{Accuser: "germany"}, 1)

	// The same story from another feed.
	other := a2
	other.Feeds = []string{"https://feed.example/three"}
	commit(t, db, Entry{Article: other, FeedsOnly: true})
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Feed: "https://feed.example/three"}, 1)

	// Claims replaced directly, as reprocess does.
	if err := db.ReplaceClaims(a.ID, partyClaims("Canada", "Iran")); err != nil {
		t.Fatal(err)
	}
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Accuser: "germany"}, 0)
	assertParty(t, db, Filter{Accuser: "CANADA"}, 1)
	assertParty(t, db, Filter{Accuser: "ministry"}, 1) // the accuser's organisation
	assertParty(t, db, Filter{Actor: "sofacy"}, 1)
	assertParty(t, db, Filter{Actor: "Fancy Bear"}, 1)
	assertParty(t, db, Filter{Speaker: "jane doe"}, 1)
	assertParty(t, db, Filter{Accused: "iran"}, 1)
	assertParty(t, db, Filter{Outlet: "news.example"}, 7)

	// A failed replacement keeps the good copy and its entries.
	bad := a
	bad.Error = "fetch failed"
	commit(t, db, Entry{Article: bad})
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Accuser: "canada"}, 1)

	if err := db.ReplaceClaims(a.ID, nil); err != nil {
		t.Fatal(err)
	}
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Accuser: "canada"}, 0)
}

func assertParty(t *testing.T, db *DB, f Filter, want int) {
	t.Helper()
	pg, err := db.Page(f, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Rows) != want {
		t.Errorf("Page(%+v): %d rows, want %d", f, len(pg.Rows), want)
	}
}

// A database written before the index existed is indexed when opened.
func TestMigrationBuildsIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db, err := open(path, Options{}, migrations[:1])
	if err != nil {
		t.Fatal(err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		// Write as version 1 did: no index bucket to maintain.
		a := article("old", "f", day0)
		if err := putJSON(tx.Bucket(articlesBucket), []byte(a.ID), a); err != nil {
			return err
		}
		if err := tx.Bucket(publishedBucket).Put(publishedKey(a), nil); err != nil {
			return err
		}
		vals, err := encodeClaims(a.ID, partyClaims("China", "Russia"))
		if err != nil {
			return err
		}
		return putClaims(tx.Bucket(claimsBucket), a.ID, vals)
	})
	if err != nil {
		t.Fatal(err)
	}
	closeOrFail(t, db)
	db = mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	assertIndexConsistent(t, db)
	assertParty(t, db, Filter{Accuser: "China"}, 1)
}

// Page agrees with ForEachClaim for every filter, newest first, and its
// pages joined by Next list each claim once.
func TestPageMatchesScan(t *testing.T) {
	db := newDB(t)
	parties := []string{"China", "Russia", "Iran", "United States"}
	var entries []Entry
	for i := range 40 {
		a := article(fmt.Sprintf("p%02d", i), fmt.Sprintf("https://feed.example/%d", i%3), day0.Add(time.Duration(i%17)*time.Hour))
		if i%5 == 0 {
			a.URL = fmt.Sprintf("https://www.other.example/%d", i)
		}
		cs := append(partyClaims(parties[i%4], parties[(i+1)%4]), claims(i%4)...)
		entries = append(entries, Entry{Article: a, Claims: cs})
	}
	commit(t, db, entries...)
	filters := []Filter{
		{},
		{Kinds: []model.Kind{model.Quote}},
		{Kinds: []model.Kind{model.Quote, model.Number}},
		{Accuser: "china"}, {Accused: "Russia"}, {Speaker: "Jane Doe"}, {Actor: "APT28"},
		{Feed: "https://feed.example/1"}, {Outlet: "other.example"},
		{Text: "HACKING"}, {Text: "servers"},
		{Since: day0.Add(5 * time.Hour), Until: day0.Add(9 * time.Hour)},
		{Accuser: "iran", Kinds: []model.Kind{model.Accusation}, Feed: "https://feed.example/2"},
		{Accused: "nobody"},
	}
	for _, f := range filters {
		t.Run(fmt.Sprintf("%+v", f), func(t *testing.T) {
			var want []string
			err := db.ForEachClaim(f, func(c model.Claim, a model.Article) error {
				want = append(want, c.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want = newestFirst(t, db, want)
			for _, limit := range []int{1, 7, 1000, -5} { // -5: 5 per page, at most 3 examined
				examineBound = MaxExamined
				if limit < 0 {
					limit, examineBound = -limit, 3
					t.Cleanup(func() { examineBound = MaxExamined })
				}
				var got []string
				g := f
				for range 1000 {
					pg, err := db.Page(g, limit)
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range pg.Rows {
						got = append(got, r.Claim.ID)
					}
					if pg.Next == "" {
						break
					}
					g.After = pg.Next
					if len(got) > len(want)+1 {
						break
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("limit %d: got %d claims, want %d:\n got %.300v\nwant %.300v", limit, len(got), len(want), got, want)
				}
			}
		})
	}
}

// newestFirst reorders claim IDs from ForEachClaim (oldest article first)
// into Page's order: newest article first, each article's claims in order.
func newestFirst(t *testing.T, db *DB, ids []string) []string {
	t.Helper()
	type group struct {
		key string
		ids []string
	}
	var groups []group
	for _, id := range ids {
		aid, _, _ := parseClaimID(id)
		key := string(publishedKey(mustArticle(t, db, aid)))
		if len(groups) == 0 || groups[len(groups)-1].key != key {
			groups = append(groups, group{key: key})
		}
		groups[len(groups)-1].ids = append(groups[len(groups)-1].ids, id)
	}
	slices.SortStableFunc(groups, func(a, b group) int {
		switch {
		case a.key > b.key:
			return -1
		case a.key < b.key:
			return 1
		}
		return 0
	})
	var out []string
	for _, g := range groups {
		out = append(out, g.ids...)
	}
	return out
}

func TestPageRefusesUnknownAfter(t *testing.T) {
	db := newDB(t)
	for _, after := range []string{"nonsense", "0123456789abcdef-0001"} {
		if _, err := db.Page(Filter{After: after}, 10); !errors.Is(err, ErrNotFound) {
			t.Errorf("after %q: err = %v, want ErrNotFound", after, err)
		}
	}
}

func TestIndexFoldASCII(t *testing.T) {
	for _, tc := range []struct {
		hay, needle string
		want        int
	}{
		{"The Pipeline", "pipeline", 4},
		{"PIPELINE", "pipeline", 0},
		{"pipelin", "pipeline", -1},
		{"ppipeline", "pipeline", 1},
		{"“Pipeline” said", "pipeline", 3},
		{"abc", "", 0},
		{"x1-Y", "1-y", 1},
		{"Kelvin \u212a", "k", 0},
	} {
		if got := indexFoldASCII([]byte(tc.hay), []byte(tc.needle)); got != tc.want {
			t.Errorf("indexFoldASCII(%q, %q) = %d, want %d", tc.hay, tc.needle, got, tc.want)
		}
	}
}

// Check finds a listing index that disagrees with the data, and Repair
// rebuilds it.
func TestCheckAndRepairListingIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path, Options{})
	commit(t, db, Entry{Article: article("a", "f", day0), Claims: partyClaims("China", "Russia")})
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(indexBucket)
		k, _ := b.Cursor().First()
		if err := b.Delete(k); err != nil {
			return err
		}
		return b.Put([]byte("rstray\x00"), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Check()
	if err == nil || !strings.Contains(err.Error(), `index entry "rstray\x00"`) || !strings.Contains(err.Error(), "implied") {
		t.Fatalf("Check: %v, want the stray entry and the count named", err)
	}
	closeOrFail(t, db)
	fixed := filepath.Join(t.TempDir(), "fixed.db")
	if _, err := Repair(path, fixed); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, fixed, Options{})
	defer closeOrFail(t, db)
	mustCheck(t, db)
	assertParty(t, db, Filter{Accuser: "china"}, 1)
}
