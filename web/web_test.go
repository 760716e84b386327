package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

func TestSegments(t *testing.T) {
	text := "Ärger in Berlin. China denied it."
	for _, tc := range []struct {
		name   string
		claims []model.Claim
		want   []string // each segment: its text, then the claims covering it
	}{
		{"none", nil, []string{"Ärger in Berlin. China denied it.|"}},
		// Offsets are bytes: Ä takes two.
		{"one", []model.Claim{{Start: 18, End: 34}}, []string{"Ärger in Berlin. |", "China denied it.|1"}},
		{"nested and overlapping", []model.Claim{{Start: 0, End: 17}, {Start: 10, End: 17}, {Start: 15, End: 24}},
			[]string{"Ärger in |1", "Berli|1 2", "n.|1 2 3", " China |3", "denied it.|"}},
		{"out of range and reversed", []model.Claim{{Start: 40, End: -3}}, []string{"Ärger in Berlin. China denied it.|1"}},
		{"inside a character", []model.Claim{{Start: 1, End: 3}}, []string{"Är|1", "ger in Berlin. China denied it.|"}},
		{"empty span", []model.Claim{{Start: 5, End: 5}}, []string{"Ärge|", "r in Berlin. China denied it.|"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			joined := ""
			for _, s := range segments(text, tc.claims) {
				got = append(got, s.Text+"|"+s.ClaimNums())
				joined += s.Text
			}
			if joined != text {
				t.Errorf("segments join to %q", joined)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func testSite(t *testing.T) (*store.DB, http.Handler) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "w.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var entries []store.Entry
	for i, host := range []string{"a.example", "b.example", "a.example"} {
		u := "https://www." + host + "/" + string(rune('x'+i))
		text := "Canada accused <China> of hacking. APT40 struck."
		entries = append(entries, store.Entry{Article: model.Article{ID: model.ArticleID(u), URL: u, Title: "Story <" + host + ">",
			Feeds: []string{"https://feed.example/" + host}, Published: day.AddDate(0, 0, i), Text: text},
			Claims: []model.Claim{
				{Kind: model.Accusation, Accuser: "Canada", Accused: "China", Allegation: "hacking", Sentence: "Canada accused <China> of hacking.", Start: 0, End: 34},
				{Kind: model.Actor, Label: "APT40", Canonical: "APT40", Aliases: []string{"Leviathan"}, Sponsor: "China", Sentence: "APT40 struck.", Start: 35, End: 48},
				{Kind: model.Accusation, Accuser: "Canada", Accused: "Leviathan operators", Sentence: "APT40 struck.", Start: 35, End: 48},
			}})
	}
	if err := db.Commit(entries); err != nil {
		t.Fatal(err)
	}
	s := New(db)
	s.Now = func() time.Time { return day.AddDate(0, 1, 0) }
	h := (&api.Server{DB: db, Pages: s.Handler(), Reprocess: func(context.Context, string) (int, error) { return 2, nil }}).Handler()
	return db, h
}

func get(t *testing.T, h http.Handler, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "127.0.0.1:8181"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// The pages answer with HTML, escape what the database holds, send their
// security headers, and refuse what they cannot read with a page that
// says why.
func TestPages(t *testing.T) {
	db, h := testSite(t)
	pg, err := db.Page(store.Filter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		target string
		status int
		want   []string
	}{
		{"/", http.StatusFound, nil},
		{"/claims", 200, []string{`data-claim="` + pg.Rows[0].Claim.ID + `"`, "Canada → China: hacking", "&lt;China&gt;", "a.example"}},
		{"/claims?role=accused&party=china", 200, []string{"Canada → China"}},
		{"/claims?role=speaker&party=china", 200, []string{"No claims match."}},
		{"/claims?outlet=b.example&kind=actor", 200, []string{"APT40, sponsor China"}},
		{"/claims?q=struck", 200, []string{"APT40 struck."}},
		{"/claims?since=2025-03-02&until=2025-03-02", 200, []string{"2025-03-02"}},
		{"/claims?role=judge&party=x", 400, []string{"role &#34;judge&#34;"}},
		{"/claims?nonsense=1", 400, []string{"unknown parameter"}},
		{"/claims?until=soon", 400, []string{"until"}},
		{"/claims?after=0123456789abcdef-0001", 400, []string{"no claim"}},
		{"/articles/" + pg.Rows[0].Article.ID, 200, []string{`<mark class="k-accusation" id="ev-1" data-claims="1">Canada accused &lt;China&gt; of hacking.</mark>`, "/api/reprocess/"}},
		{"/articles/0123456789abcdef", 404, []string{"not found"}},
		{"/accusations", 200, []string{`<svg id="network"`, "Canada", `class="timeline"`}},
		{"/accusations?accuser=Canada&accused=China", 200, []string{`id="evidence"`, "<blockquote>Canada accused &lt;China&gt; of hacking.</blockquote>"}},
		{"/accusations?since=2030-01-01", 200, []string{"No accusations in this period."}},
		{"/actors", 200, []string{"APT40", "Leviathan", "Canada → Leviathan operators"}},
		{"/nowhere", 404, []string{"no page /nowhere"}},
		{"/api/nowhere", 404, []string{`"error"`}},
	} {
		rec := get(t, h, tc.target)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.target, rec.Code, tc.status, rec.Body)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(rec.Body.String(), w) {
				t.Errorf("%s: no %q in\n%s", tc.target, w, rec.Body)
			}
		}
		if strings.HasPrefix(tc.target, "/api/") || tc.status == http.StatusFound {
			continue
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("%s: content type %q", tc.target, ct)
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: content security policy %q", tc.target, csp)
		}
	}
	// The accusations table counts articles and outlets.
	body := get(t, h, "/accusations").Body.String()
	if !strings.Contains(body, `<td class="num">3</td><td class="num">2</td>`) {
		t.Errorf("accusations: want 3 articles from 2 outlets in\n%s", body)
	}
	// Static files come from the binary.
	if rec := get(t, h, "/static/app.js"); rec.Code != 200 || !strings.Contains(rec.Body.String(), "reprocess") {
		t.Errorf("app.js: %d", rec.Code)
	}
}

// The pages are behind the API's guard: a foreign Host is refused.
func TestPagesGuarded(t *testing.T) {
	_, h := testSite(t)
	req := httptest.NewRequest(http.MethodGet, "/claims", nil)
	req.Host = "evil.example"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("foreign host: %d", rec.Code)
	}
}

// storySite serves a database of three articles with accusations of China
// by Canada and China's denials, one carrying the accusation it answers
// and one answering its group only, and a denial answering nothing here.
func storySite(t *testing.T) (*store.DB, http.Handler) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "g.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	day := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	acc := model.Claim{Kind: model.Accusation, Accuser: "Canada", Accused: "China", Allegation: "hacking",
		Sentence: "Canada accused China of hacking.", Start: 0, End: 32}
	article := func(i int, host string, claims ...model.Claim) store.Entry {
		u := "https://" + host + "/story" + string(rune('a'+i))
		return store.Entry{Article: model.Article{ID: model.ArticleID(u), URL: u, Title: "Story " + string(rune('A'+i)),
			Published: day.AddDate(0, 0, i), Text: "Canada accused China of hacking. China denied the accusations."}, Claims: claims}
	}
	entries := []store.Entry{
		article(0, "a.example", acc),
		article(1, "b.example", acc, model.Claim{Kind: model.Denial, Denier: "China", Denied: "the accusations",
			Accuser: "Canada", Accused: "China", Answers: 1, Sentence: "China denied the accusations.", Start: 33, End: 62}),
		article(2, "c.example", model.Claim{Kind: model.Denial, Denier: "China", Denied: "any involvement",
			Sentence: "China rejected any involvement.", Start: 33, End: 62}),
		article(3, "d.example", model.Claim{Kind: model.Denial, Denier: "Norway", Denied: "the claims",
			Sentence: "Norway dismissed the claims.", Start: 33, End: 62}),
	}
	if err := db.Commit(entries); err != nil {
		t.Fatal(err)
	}
	s := New(db)
	s.Now = func() time.Time { return day.AddDate(0, 1, 0) }
	return db, (&api.Server{DB: db, Pages: s.Handler()}).Handler()
}

// The claims page lists groups of claims across articles when asked, and
// a database without groups says so.
func TestGroupsView(t *testing.T) {
	db, h := storySite(t)
	body := get(t, h, "/claims?groups=1&kind=accusation").Body.String()
	rows := strings.Count(body, "data-group=")
	if rows != 1 {
		t.Fatalf("groups of accusations: %d rows, want 1:\n%s", rows, body)
	}
	for _, w := range []string{`name="groups" value="1" checked`, "Canada → China: hacking", `<td class="date">2025-04-01</td>`,
		`<td class="date">2025-04-02</td>`, `<td class="num">2</td>`} {
		if !strings.Contains(body, w) {
			t.Errorf("groups: no %q in\n%s", w, body)
		}
	}
	if strings.Contains(body, `id="claims"`) {
		t.Errorf("groups view lists claims too")
	}
	var first model.Group
	err := db.ForEachGroup(store.Filter{Kinds: []model.Kind{model.Accusation}}, func(g model.Group) error { first = g; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `href="/articles/`+first.FirstArticle) {
		t.Errorf("groups: no link to the first article %s in\n%s", first.FirstArticle, body)
	}
	// Every group, denials included, and the paging cursor is a group.
	body = get(t, h, "/claims?groups=1").Body.String()
	if n := strings.Count(body, "data-group="); n < 3 {
		t.Errorf("all groups: %d rows, want at least 3", n)
	}
	if rec := get(t, h, "/claims?groups=1&after=g00000000000000ff"); rec.Code != http.StatusBadRequest {
		t.Errorf("groups after an unknown group: status %d", rec.Code)
	}
	// A store that does not group claims.
	s := New(noGroups{db})
	body = get(t, s.Handler(), "/claims?groups=1").Body.String()
	if !strings.Contains(body, `id="no-groups"`) {
		t.Errorf("no note for a store without groups:\n%s", body)
	}
}

// noGroups is a store without ForEachGroup, as PostgreSQL's is.
type noGroups struct{ store.Store }

// The accusations page shows, beside each pair, the denials answering it:
// by its accuser and accused, or by the group of its accusations.
func TestDenialsBesidePairs(t *testing.T) {
	db, h := storySite(t)
	body := get(t, h, "/accusations").Body.String()
	for _, w := range []string{"<b>China</b> denies</a>: <q>China denied the accusations.</q>",
		"<q>China rejected any involvement.</q>"} {
		if !strings.Contains(body, w) {
			t.Errorf("accusations: no %q in\n%s", w, body)
		}
	}
	if strings.Contains(body, "Norway") {
		t.Errorf("accusations: a denial answering no pair is shown:\n%s", body)
	}
	body = get(t, h, "/accusations?accuser=Canada&accused=China").Body.String()
	if !strings.Contains(body, `id="denials"`) || strings.Count(body, "<blockquote>China ") != 2 {
		t.Errorf("evidence: want the two denials in\n%s", body)
	}
	// The article page names the accusation a denial answers.
	id := model.ArticleID("https://b.example/storyb")
	body = get(t, h, "/articles/"+id).Body.String()
	if !strings.Contains(body, `<div class="answers">answers <a href="#c-1">Canada → China: hacking</a></div>`) {
		t.Errorf("article: the denial does not name its accusation:\n%s", body)
	}
	if _, err := db.Article(id); err != nil {
		t.Fatal(err)
	}
}
