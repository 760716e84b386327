package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

var day0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// fixture stores three articles from two feeds, with claims of every kind.
func fixture(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var entries []store.Entry
	for i, feed := range []string{"https://one.example/rss", "https://two.example/rss", "https://one.example/rss"} {
		url := fmt.Sprintf("https://news.example/%d", i)
		a := model.Article{ID: model.ArticleID(url), URL: url, Title: fmt.Sprint("Story ", i), Feeds: []string{feed},
			Published: day0.Add(time.Duration(i) * 24 * time.Hour), Text: "text " + url}
		entries = append(entries, store.Entry{Article: a, Claims: []model.Claim{
			{Kind: model.Accusation, Accuser: "United States", Accused: "China", Sentence: "=s", Start: 0, End: 4},
			{Kind: model.Number, Value: 10000, Unit: "emails", Sentence: "s", Start: 5, End: 9},
		}})
	}
	if err := db.Commit(entries, model.Feed{URL: "https://one.example/rss", ETag: `"e"`}); err != nil {
		t.Fatal(err)
	}
	return db
}

func newServer(t *testing.T, db *store.DB) (*httptest.Server, *Client) {
	t.Helper()
	s := &Server{DB: db, Now: func() time.Time { return day0.Add(72 * time.Hour) },
		Metrics: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "up 1") }),
		Reprocess: func(_ context.Context, id string) (int, error) {
			if a, _ := db.Article(id); a.Title == "Story 2" {
				return 0, fmt.Errorf("no text: %w", ErrUnprocessable)
			}
			return 7, nil
		}}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv, NewClient(strings.TrimPrefix(srv.URL, "http://"))
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String()
}

func TestHealthAndMetrics(t *testing.T) {
	srv, c := newServer(t, fixture(t))
	if err := c.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, srv.URL+"/metrics"); code != 200 || body != "up 1\n" {
		t.Fatalf("metrics: %d %q", code, body)
	}
}

func TestClaimsJSON(t *testing.T) {
	srv, _ := newServer(t, fixture(t))
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"", 6},
		{"?kind=number", 3},
		{"?kind=number,accusation&feed=https://two.example/rss", 2},
		{"?since=36h", 2}, // the fixture's now is day0+72h: stories 2 and 3
		{"?since=2025-03-03T00:00:00Z", 2},
		{"?limit=4", 4},
	} {
		code, body := get(t, srv.URL+"/api/claims"+tc.query)
		var out struct{ Claims []ClaimRow }
		if err := json.Unmarshal([]byte(body), &out); err != nil || code != 200 {
			t.Fatalf("%s: %d %v: %s", tc.query, code, err, body)
		}
		if len(out.Claims) != tc.want {
			t.Errorf("%s: %d claims, want %d", tc.query, len(out.Claims), tc.want)
		}
		for _, r := range out.Claims {
			if r.Article.ID == "" || r.Claim.ArticleID != r.Article.ID {
				t.Errorf("%s: row %+v without its article", tc.query, r)
			}
		}
	}
	for _, q := range []string{"?kind=rumour", "?since=yesterday", "?limit=0"} {
		if code, body := get(t, srv.URL+"/api/claims"+q); code != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", q, code, body)
		}
	}
}

// The CSV endpoint writes what claimwire export writes, and the client
// streams it with the options as query parameters.
func TestClaimsCSVMatchesExport(t *testing.T) {
	db := fixture(t)
	_, c := newServer(t, db)
	var direct bytes.Buffer
	w := export.NewWriter(&direct, export.Options{Excel: true})
	if err := db.ForEachClaim(store.Filter{Kinds: []model.Kind{model.Accusation}}, w.Write); err != nil {
		t.Fatal(err)
	}
	_ = w.Flush()
	var viaAPI bytes.Buffer
	err := c.Export(context.Background(), export.Options{Excel: true}, FilterArgs{Kinds: "accusation"}, &viaAPI)
	if err != nil {
		t.Fatal(err)
	}
	if viaAPI.String() != direct.String() {
		t.Fatalf("API CSV differs from export:\n%s\nwant:\n%s", viaAPI.String(), direct.String())
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(viaAPI.String(), "\ufeff"))).ReadAll()
	if err != nil || len(rows) != 4 || rows[1][slices.Index(export.Columns, "sentence")] != "'=s" {
		t.Fatalf("rows %q, %v: want a header, 3 rows and a neutralised formula", rows, err)
	}
	var nd bytes.Buffer
	if err := c.Export(context.Background(), export.Options{Format: export.NDJSON}, FilterArgs{}, &nd); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(nd.String(), "\n"); n != 6 {
		t.Fatalf("NDJSON has %d lines, want 6", n)
	}
}

func TestArticlesAndReprocess(t *testing.T) {
	db := fixture(t)
	srv, c := newServer(t, db)
	list, err := c.Articles(context.Background())
	if err != nil || len(list) != 3 {
		t.Fatalf("articles %v, %v", list, err)
	}
	code, body := get(t, srv.URL+"/api/articles/"+list[0].ID)
	if code != 200 || !strings.Contains(body, `"claims":[{`) || !strings.Contains(body, `"text":"text https://news.example/0"`) {
		t.Fatalf("article: %d %s", code, body)
	}
	if code, _ := get(t, srv.URL+"/api/articles/0000000000000000"); code != 404 {
		t.Fatalf("unknown article: %d, want 404", code)
	}
	r, err := c.Reprocess(context.Background(), "https://news.example/1")
	if err != nil || r.Claims != 7 || r.ID != list[1].ID {
		t.Fatalf("reprocess by URL: %+v, %v", r, err)
	}
	_, err = c.Reprocess(context.Background(), list[2].ID)
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusUnprocessableEntity || !strings.Contains(se.Message, "no text") {
		t.Fatalf("reprocess without text: %v, want 422", err)
	}
	_, err = c.Reprocess(context.Background(), "https://nowhere.example/")
	if !errors.As(err, &se) || se.Code != 404 {
		t.Fatalf("reprocess unknown: %v, want 404", err)
	}
	if resp, _ := http.Get(srv.URL + "/api/reprocess/" + list[0].ID); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET reprocess: %d, want 405", resp.StatusCode)
	}
	feeds, err := c.Feeds(context.Background())
	if err != nil || len(feeds) != 1 || feeds[0].ETag != `"e"` {
		t.Fatalf("feeds %+v, %v", feeds, err)
	}
}

// A client whose daemon hangs does not hang with it. (The bound is loose:
// machines running tests in parallel are slow to schedule.)
func TestClientTimesOut(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer hang.Close()
	start := time.Now()
	err := NewClient(strings.TrimPrefix(hang.URL, "http://")).Health(context.Background())
	if err == nil || time.Since(start) > 10*HealthTimeout {
		t.Fatalf("health of a hanging server: %v after %s", err, time.Since(start))
	}
}

func TestAddrFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if _, err := ReadAddr(db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("no file: %v, want ErrNotExist", err)
	}
	want := Addr{PID: 42, Addr: "127.0.0.1:8181", Started: day0}
	if err := WriteAddr(db, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAddr(db)
	if err != nil || got != want {
		t.Fatalf("read %+v, %v; want %+v", got, err, want)
	}
	if err := RemoveAddr(db); err != nil {
		t.Fatal(err)
	}
	if err := RemoveAddr(db); err != nil {
		t.Fatalf("removing twice: %v", err)
	}
}

func TestFilterArgs(t *testing.T) {
	now := day0
	f, err := FilterArgs{Since: "24h", Kinds: " Quote, number ", Feed: "https://f/"}.Parse(now)
	if err != nil || !f.Since.Equal(now.Add(-24*time.Hour)) || len(f.Kinds) != 2 || f.Kinds[0] != model.Quote || f.Feed != "https://f/" {
		t.Fatalf("parsed %+v, %v", f, err)
	}
	for _, bad := range []FilterArgs{{Since: "-1h"}, {Since: "last week"}, {Kinds: "accusation,gossip"}} {
		if _, err := bad.Parse(now); err == nil {
			t.Errorf("%+v parsed without error", bad)
		}
	}
	if q := (FilterArgs{Kinds: "actor"}).Query().Encode(); q != "kind=actor" {
		t.Errorf("query %q", q)
	}
}
