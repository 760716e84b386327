package store

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// outletArticle is an article of a named outlet, published at t.
func outletArticle(outlet, name string, t time.Time) model.Article {
	a := article(name, "https://"+outlet+"/feed", t)
	a.CanonicalURL = "https://www." + outlet + "/" + name
	return a
}

func accusation(accuser, accused string) model.Claim {
	return model.Claim{Kind: model.Accusation, Accuser: accuser, Accused: accused, Sentence: accuser + " accused " + accused + "."}
}

func mustGroups(t *testing.T, db *DB, kinds ...model.Kind) []model.Group {
	t.Helper()
	var gs []model.Group
	if err := db.ForEachGroup(Filter{Kinds: kinds}, func(g model.Group) error { gs = append(gs, g); return nil }); err != nil {
		t.Fatal(err)
	}
	return gs
}

func TestGroupsAcrossOutlets(t *testing.T) {
	db := newDB(t)
	a1 := outletArticle("one.example", "a1", day0)
	a2 := outletArticle("two.example", "a2", day0.Add(24*time.Hour))
	a3 := outletArticle("two.example", "a3", day0.Add(48*time.Hour))
	late := outletArticle("three.example", "late", day0.Add(30*24*time.Hour))
	other := outletArticle("three.example", "other", day0)
	commit(t, db,
		Entry{Article: a1, Claims: []model.Claim{accusation("United States", "China")}},
		Entry{Article: a2, Claims: []model.Claim{accusation("United States", "China")}},
		Entry{Article: a3, Claims: []model.Claim{{Kind: model.Actor, Label: "APT31"}, accusation("United States", "China")}},
		Entry{Article: late, Claims: []model.Claim{accusation("United States", "China")}},
		Entry{Article: other, Claims: []model.Claim{accusation("United Kingdom", "China")}},
	)
	gs := mustGroups(t, db, model.Accusation)
	if len(gs) != 3 {
		t.Fatalf("%d groups, want 3 (the story, the same pair a month later, another accuser): %+v", len(gs), gs)
	}
	g := gs[0]
	if g.Claim.Accuser != "United States" || g.Articles != 3 || g.Outlets != 2 || g.FirstArticle != a1.ID || g.LastArticle != a3.ID {
		t.Errorf("story group = %+v, want 3 articles, 2 outlets, from a1 to a3", g)
	}
	if c := mustClaims(t, db, a3.ID); c[0].GroupID != "" || c[1].GroupID != g.ID {
		t.Errorf("claims of a3: actor group %q, accusation group %q, want none and %s", c[0].GroupID, c[1].GroupID, g.ID)
	}

	// reprocessing a2 without the accusation takes it out of the group
	if err := db.ReplaceClaims(a2.ID, []model.Claim{{Kind: model.Actor, Label: "APT31"}}); err != nil {
		t.Fatal(err)
	}
	g, err := db.Group(g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g.Articles != 2 || g.Outlets != 2 || len(g.Members) != 2 {
		t.Errorf("after reprocessing: %+v, want 2 articles", g)
	}
	// and reprocessing the other two empties and deletes it
	for _, id := range []string{a1.ID, a3.ID} {
		if err := db.ReplaceClaims(id, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Group(g.ID); err == nil {
		t.Errorf("group %s still stored with no claims", g.ID)
	}
	mustCheck(t, db)
}

func TestDenialLinksToAccusationGroup(t *testing.T) {
	for _, order := range []string{"accusations first", "denial first"} {
		t.Run(order, func(t *testing.T) {
			db := newDB(t)
			var entries []Entry
			for i, outlet := range []string{"one.example", "two.example", "three.example"} {
				a := outletArticle(outlet, outlet, day0.Add(time.Duration(i)*time.Hour))
				entries = append(entries, Entry{Article: a, Claims: []model.Claim{accusation("New Zealand", "China")}})
			}
			denial := Entry{
				Article: outletArticle("four.example", "denial", day0.Add(5*time.Hour)),
				Claims:  []model.Claim{{Kind: model.Denial, Denier: "China", Denied: "the accusations"}},
			}
			if order == "denial first" {
				entries = append([]Entry{denial}, entries...)
			} else {
				entries = append(entries, denial)
			}
			for _, e := range entries {
				commit(t, db, e)
			}
			acc, den := mustGroups(t, db, model.Accusation), mustGroups(t, db, model.Denial)
			if len(acc) != 1 || acc[0].Articles != 3 || acc[0].Outlets != 3 {
				t.Fatalf("accusation groups %+v, want one of 3 articles", acc)
			}
			if len(den) != 1 || den[0].Answers != acc[0].ID {
				t.Fatalf("denial groups %+v, want one answering %s", den, acc[0].ID)
			}
		})
	}
}

func TestQuotesGroupBySpeakerAndContent(t *testing.T) {
	db := newDB(t)
	quote := func(speaker, q string) model.Claim {
		return model.Claim{Kind: model.Quote, Speaker: speaker, Quote: q}
	}
	commit(t, db,
		Entry{Article: outletArticle("one.example", "q1", day0), Claims: []model.Claim{
			quote("Donald Trump", "We will respond to the hacking very strongly"),
		}},
		Entry{Article: outletArticle("two.example", "q2", day0.Add(time.Hour)), Claims: []model.Claim{
			quote("Trump", "we will respond to the hacking very strongly, believe me"),
			quote("Trump", "The economy has never been better than it is today"),
		}},
	)
	gs := mustGroups(t, db, model.Quote)
	if len(gs) != 2 || gs[0].Articles != 2 || gs[1].Articles != 1 {
		t.Fatalf("quote groups %+v, want one of 2 articles and one of 1", gs)
	}
	c := mustClaims(t, db, article("q2", "", day0).ID)
	if c[0].MergeRule != "Trump = Donald Trump (surname, one full name known)" {
		t.Errorf("merge rule %q", c[0].MergeRule)
	}
}

func TestNameMerging(t *testing.T) {
	tests := []struct {
		name   string
		known  []string // full names of stored articles
		claims []model.Claim
		want   string // merge rule of the last claim
	}{
		{"one full name in the article", nil,
			[]model.Claim{{Kind: model.Quote, Speaker: "Donald Trump", Quote: "a"}, {Kind: model.Quote, Speaker: "Trump", Quote: "b"}},
			"Trump = Donald Trump (surname, one full name in the article)"},
		{"two full names in the article", nil,
			[]model.Claim{{Kind: model.Quote, Speaker: "Donald Trump", Quote: "a"}, {Kind: model.Quote, Speaker: "Ivanka Trump", Quote: "a"}, {Kind: model.Quote, Speaker: "Trump", Quote: "b"}},
			""},
		{"one known full name", []string{"Donald Trump"},
			[]model.Claim{{Kind: model.Quote, Speaker: "Trump", Quote: "b"}}, "Trump = Donald Trump (surname, one full name known)"},
		{"two known full names", []string{"Donald Trump", "Ivanka Trump"},
			[]model.Claim{{Kind: model.Quote, Speaker: "Trump", Quote: "b"}}, ""},
		{"an accused alone is not merged across articles", []string{"Michael Jordan"},
			[]model.Claim{accusation("Israel", "Jordan")}, ""},
		{"acronyms are no surnames", []string{"Ana FBI"},
			[]model.Claim{{Kind: model.Quote, Speaker: "FBI", Quote: "b"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			for i, n := range tt.known {
				a := outletArticle("old.example", "known"+string(rune('a'+i)), day0)
				commit(t, db, Entry{Article: a, Claims: []model.Claim{{Kind: model.Quote, Speaker: n, Quote: "x"}}})
			}
			a := outletArticle("new.example", "new", day0.Add(time.Hour))
			commit(t, db, Entry{Article: a, Claims: tt.claims})
			cs := mustClaims(t, db, a.ID)
			if got := cs[len(cs)-1].MergeRule; got != tt.want {
				t.Errorf("merge rule %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutletOf(t *testing.T) {
	tests := []struct {
		a    model.Article
		want string
	}{
		{model.Article{CanonicalURL: "https://www.Reuters.com/x", URL: "https://feeds.example/y"}, "reuters.com"},
		{model.Article{URL: "https://apnews.com/a"}, "apnews.com"},
		{model.Article{}, ""},
	}
	for _, tt := range tests {
		if got := outletOf(tt.a); got != tt.want {
			t.Errorf("outletOf(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

// A database of schema version 1 gets its stored claims grouped when it is
// opened: migration 2.
func TestMigrationGroupsStoredClaims(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path, Options{})
	a1, a2 := outletArticle("one.example", "m1", day0), outletArticle("two.example", "m2", day0.Add(time.Hour))
	commit(t, db, Entry{Article: a1, Claims: []model.Claim{accusation("Canada", "Iran")}},
		Entry{Article: a2, Claims: []model.Claim{accusation("Canada", "Iran")}})
	// back to version 1: no group buckets, claims without groups
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		for _, name := range groupBuckets {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		for _, a := range []model.Article{a1, a2} {
			var cs []model.Claim
			if err := eachClaim(tx, a.ID, func(c model.Claim) { c.GroupID = ""; cs = append(cs, c) }); err != nil {
				return err
			}
			vals, err := encodeClaims(a.ID, cs)
			if err != nil {
				return err
			}
			if err := putClaims(tx.Bucket(claimsBucket), a.ID, vals); err != nil {
				return err
			}
		}
		return writeVersion(tx, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	closeOrFail(t, db)

	db = mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	gs := mustGroups(t, db)
	if len(gs) != 1 || gs[0].Articles != 2 || gs[0].Outlets != 2 {
		t.Fatalf("groups after migration: %+v", gs)
	}
	if c := mustClaims(t, db, a2.ID); c[0].GroupID != gs[0].ID {
		t.Errorf("claim group %q, want %s", c[0].GroupID, gs[0].ID)
	}
}

// A database of schema version 3 kept each group's members in the group:
// migration 4 moves them out, and the groups keep their summaries.
func TestMigrationSplitsGroupMembers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpen(t, path, Options{})
	a1, a2 := outletArticle("one.example", "s1", day0), outletArticle("two.example", "s2", day0.Add(time.Hour))
	commit(t, db, Entry{Article: a1, Claims: []model.Claim{accusation("Canada", "Iran")}},
		Entry{Article: a2, Claims: []model.Claim{accusation("Canada", "Iran"), accusation("Iran", "Canada")}})
	before := mustGroups(t, db)
	// back to version 3: members inside the group, no count of claims
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		var keys [][]byte
		if err := tx.Bucket(groupsBucket).ForEach(func(k, _ []byte) error { keys = append(keys, slices.Clone(k)); return nil }); err != nil {
			return err
		}
		for _, k := range keys {
			g, _, err := getGroup(tx, k)
			if err != nil {
				return err
			}
			if g.Members, err = membersOf(tx, k); err != nil {
				return err
			}
			g.Claims = 0
			if err := putJSON(tx.Bucket(groupsBucket), k, g); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(groupMembersBucket); err != nil {
			return err
		}
		return writeVersion(tx, 3)
	})
	if err != nil {
		t.Fatal(err)
	}
	closeOrFail(t, db)

	db = mustOpen(t, path, Options{})
	defer closeOrFail(t, db)
	after := mustGroups(t, db)
	if len(after) != 2 || len(before) != 2 {
		t.Fatalf("groups before %+v, after migration %+v", before, after)
	}
	for i, g := range after {
		if g.Claims != before[i].Claims || g.Articles != before[i].Articles || g.Outlets != before[i].Outlets || !g.First.Equal(before[i].First) || !g.Last.Equal(before[i].Last) {
			t.Errorf("group %s after migration %+v, before %+v", g.ID, g, before[i])
		}
	}
	g, err := db.Group(after[0].ID)
	if err != nil || len(g.Members) != 2 || g.Members[0].ArticleID != a1.ID || g.Members[1].Outlet != "two.example" {
		t.Fatalf("members after migration %+v (%v)", g.Members, err)
	}
	a3 := outletArticle("three.example", "s3", day0.Add(2*time.Hour))
	commit(t, db, Entry{Article: a3, Claims: []model.Claim{accusation("Canada", "Iran")}})
	if g, err := db.Group(after[0].ID); err != nil || g.Claims != 3 || len(g.Members) != 3 || g.Outlets != 3 || g.LastArticle != a3.ID {
		t.Errorf("group after a third article %+v (%v)", g, err)
	}
}

// A story's group keeps its summary as its articles are reprocessed in
// any order, as one rebuilt from its members would have.
func TestGroupSummaryFollowsMembers(t *testing.T) {
	db := newDB(t)
	var arts []model.Article
	for i, outlet := range []string{"one.example", "two.example", "one.example", "three.example"} {
		a := outletArticle(outlet, fmt.Sprintf("g%d", i), day0.Add(time.Duration(i)*time.Hour))
		arts = append(arts, a)
		commit(t, db, Entry{Article: a, Claims: []model.Claim{accusation("Canada", "Iran"), accusation("Canada", "Iran")}})
	}
	check := func(when string, claims, articles, outlets int, first, last model.Article) {
		t.Helper()
		gs := mustGroups(t, db)
		if len(gs) != 1 {
			t.Fatalf("%s: groups %+v", when, gs)
		}
		g, err := db.Group(gs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if g.Claims != claims || len(g.Members) != claims || g.Articles != articles || g.Outlets != outlets ||
			g.FirstArticle != first.ID || g.LastArticle != last.ID || !g.First.Equal(sortTime(first)) || !g.Last.Equal(sortTime(last)) {
			t.Errorf("%s: group %+v, want %d claims, %d articles, %d outlets, from %s to %s", when, g, claims, articles, outlets, first.ID, last.ID)
		}
	}
	check("stored", 8, 4, 3, arts[0], arts[3])
	if err := db.ReplaceClaims(arts[3].ID, nil); err != nil {
		t.Fatal(err)
	}
	check("last article without claims", 6, 3, 2, arts[0], arts[2])
	if err := db.ReplaceClaims(arts[0].ID, []model.Claim{accusation("Canada", "Iran")}); err != nil {
		t.Fatal(err)
	}
	check("first article with one claim", 5, 3, 2, arts[0], arts[2])
	if err := db.ReplaceClaims(arts[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	check("first article without claims", 4, 2, 2, arts[1], arts[2])
}

// BenchmarkCommitGrouped commits articles whose claims join groups: a
// speaker quoted in every article with new words (a new group each time,
// compared with the newest groups of that speaker) and one accusation
// repeated across outlets, whose group grows up to MaxGroupMembers: a
// claim joins it by adding one entry, whatever its size.
func BenchmarkCommitGrouped(b *testing.B) {
	db := newDB(b)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		a := outletArticle(fmt.Sprintf("outlet%d.example", i%7), fmt.Sprintf("bench%d", i), day0.Add(time.Duration(i)*time.Minute))
		claims := []model.Claim{
			accusation("United States", "China"),
			{Kind: model.Quote, Speaker: "Ana Ortiz", Quote: fmt.Sprintf("statement number %d about the budget %d", i, i*7)},
		}
		if err := db.Commit([]Entry{{Article: a, Claims: claims}}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestReprocessKeepsGroupIDs checks that reprocessing an article into the
// same claims keeps the IDs of the groups it alone makes up, and that a
// group it does not make again is gone.
func TestReprocessKeepsGroupIDs(t *testing.T) {
	db := newDB(t)
	a := outletArticle("one.example", "a", day0)
	claims := []model.Claim{accusation("United States", "China"), accusation("United Kingdom", "Russia")}
	commit(t, db, Entry{Article: a, Claims: claims})
	before := mustClaims(t, db, a.ID)
	if err := db.ReplaceClaims(a.ID, claims); err != nil {
		t.Fatal(err)
	}
	after := mustClaims(t, db, a.ID)
	for i := range before {
		if before[i].GroupID == "" || after[i].GroupID != before[i].GroupID {
			t.Errorf("claim %d: group %q after reprocessing, want %q", i, after[i].GroupID, before[i].GroupID)
		}
	}
	if err := db.ReplaceClaims(a.ID, claims[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Group(before[1].GroupID); err == nil {
		t.Errorf("group %s of a claim no longer made is still stored", before[1].GroupID)
	}
	if got := mustClaims(t, db, a.ID); got[0].GroupID != before[0].GroupID {
		t.Errorf("group %q, want %q", got[0].GroupID, before[0].GroupID)
	}
	mustCheck(t, db)
}

// wordOverlap is the F1 of the folded words two texts share, as grouping
// compares a claim's quote with a group's.
func wordOverlap(a, b string) float64 { return sortedOverlap(sortedWords(a), joinedWords(b)) }

func TestWordOverlap(t *testing.T) {
	cases := []struct {
		a, b string
		want float64
	}{
		{"We will respond", "we will RESPOND", 1},
		{"we will respond very strongly", "we will respond", 0.75},
		{"the the cat", "the cat cat", 2.0 / 3},
		{"nothing shared", "at all", 0},
		{"", "anything", 0},
		{"anything", "", 0},
	}
	for _, tc := range cases {
		if got := wordOverlap(tc.a, tc.b); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("wordOverlap(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestGroupHeadRoundTrip(t *testing.T) {
	g := model.Group{Kind: model.Quote, Claim: model.Claim{Quote: "We will respond, strongly."},
		First: day0, Last: day0.Add(time.Hour), Members: make([]model.GroupMember, 3)}
	h := headOf(g)
	if h.Words != "respond strongly we will " {
		t.Errorf("head words %q", h.Words)
	}
	got, err := decodeHead(h.encode())
	if err != nil || got != h {
		t.Errorf("decodeHead(encode(%+v)) = %+v, %v", h, got, err)
	}
	if _, err := decodeHead([]byte("short")); err == nil {
		t.Error("decodeHead of 5 bytes: no error")
	}
}

// A file written before groups kept their heads in the index has empty
// index values: claims still join the groups, read whole.
func TestGroupsWithoutIndexedHeads(t *testing.T) {
	db := newDB(t)
	commit(t, db, Entry{Article: outletArticle("one.example", "a1", day0), Claims: []model.Claim{accusation("United States", "China")}})
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(groupIndexBucket)
		var keys [][]byte
		if err := b.ForEach(func(k, _ []byte) error { keys = append(keys, slices.Clone(k)); return nil }); err != nil {
			return err
		}
		for _, k := range keys {
			if err := b.Put(k, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	commit(t, db, Entry{Article: outletArticle("two.example", "a2", day0.Add(time.Hour)), Claims: []model.Claim{accusation("United States", "China")}})
	gs := mustGroups(t, db, model.Accusation)
	if len(gs) != 1 || gs[0].Articles != 2 {
		t.Fatalf("groups %+v, want one of 2 articles", gs)
	}
}
