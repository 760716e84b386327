package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// serve sends one request to the handler and returns its status and body,
// failing the test if an error answer is not JSON.
func serve(t *testing.T, h http.Handler, method, target string, header map[string]string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code >= 400 {
		var e apiError
		if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error == "" || rec.Header().Get("Content-Type") != "application/json" {
			t.Errorf("%s %.80s: %d answered with %q (%s), not a JSON error", method, target, rec.Code, body, rec.Header().Get("Content-Type"))
		}
	}
	return rec.Code, body
}

func testHandler(_ testing.TB, db *store.DB) http.Handler {
	s := &Server{DB: db, Now: func() time.Time { return day0.Add(72 * time.Hour) }, Listen: "10.1.2.3:8181",
		AllowHosts: []string{"claims.internal"},
		Reprocess:  func(_ context.Context, _ string) (int, error) { return 1, nil }}
	return s.Handler()
}

// Only the API's own names are answered: a hostile name that resolves to
// loopback (DNS rebinding) is refused.
func TestHostCheck(t *testing.T) {
	h := testHandler(t, fixture(t))
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:8181", 200},
		{"localhost:8181", 200},
		{"LOCALHOST.", 200},
		{"[::1]:8181", 200},
		{"[::1]", 200},
		{"127.8.9.10", 200},
		{"10.1.2.3:8181", 200},
		{"claims.internal:9000", 200},
		{"attacker.example:8181", 403},
		{"attacker.example", 403},
		{"localhost.attacker.example", 403},
		{"127.0.0.1.nip.io:8181", 403},
		{"10.1.2.4:8181", 403},
		{"", 403},
		{"[::1", 403},
	} {
		if code, body := serve(t, h, "GET", "/api/claims", map[string]string{"Host": tc.host}); code != tc.want {
			t.Errorf("Host %q: %d %s, want %d", tc.host, code, body, tc.want)
		}
	}
}

// A state-changing request from another origin is refused, and so is a
// form or text body, which a page can post across sites without asking.
func TestCrossSiteRequests(t *testing.T) {
	db := fixture(t)
	h := testHandler(t, db)
	id := model.ArticleID("https://news.example/0")
	target := "http://127.0.0.1:8181/api/reprocess/" + id
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"no origin (a program)", nil, 200},
		{"own origin", map[string]string{"Origin": "http://127.0.0.1:8181"}, 200},
		{"same-origin fetch", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
		{"hostile origin", map[string]string{"Origin": "https://attacker.example"}, 403},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
		{"text/plain without origin", map[string]string{"Content-Type": "text/plain;charset=UTF-8"}, 415},
		{"form without origin", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"text/plain cross-site", map[string]string{"Content-Type": "text/plain", "Origin": "null"}, 415},
	} {
		if code, body := serve(t, h, "POST", target, tc.header); code != tc.want {
			t.Errorf("%s: %d %s, want %d", tc.name, code, body, tc.want)
		}
	}
}

// A query Go cannot parse, or one with a parameter the endpoint does not
// take, is a 400: it never falls back to no filter.
func TestQueryRefused(t *testing.T) {
	h := testHandler(t, fixture(t))
	many := strings.Repeat("kind=number&", 10001) + "kind=actor"
	for _, q := range []string{
		"/api/claims?kind=number;since=1h",
		"/api/claims?" + many,
		"/api/claims?kind=%zz",
		"/api/claims?kinds=number",
		"/api/claims?since=1h&since=2h",
		"/api/claims?limit=100001",
		"/api/claims?after=nonsense",
		"/api/claims?after=" + model.ArticleID("https://nowhere.example/") + "-0001",
		"/api/claims.csv?excel=yes",
		"/api/claims.ndjson?raw=1",
		"/api/articles?limit=1",
		"/api/feeds?x",
	} {
		if code, body := serve(t, h, "GET", "http://127.0.0.1:8181"+q, nil); code != 400 {
			t.Errorf("%.60s: %d %.200s, want 400", q, code, body)
		}
	}
	code, body := serve(t, h, "GET", "http://127.0.0.1:8181/api/claims?kind=number&kind=accusation&feed=https://two.example/rss", nil)
	if code != 200 || strings.Count(body, `"kind":`) != 2 {
		t.Errorf("repeated kind: %d %s, want the 2 claims of both kinds", code, body)
	}
}

// An error repeats at most a short prefix of the input.
func TestErrorsClipInput(t *testing.T) {
	h := testHandler(t, fixture(t))
	huge := strings.Repeat("a", 900<<10)
	for _, target := range []string{
		"/api/articles/" + huge,
		"/api/reprocess/" + huge,
		"/api/claims?since=" + huge,
		"/api/claims?kind=" + huge,
		"/api/claims?" + huge + "=1",
		"/" + huge,
	} {
		method := "GET"
		if strings.HasPrefix(target, "/api/reprocess/") {
			method = "POST"
		}
		code, body := serve(t, h, method, "http://127.0.0.1:8181"+target, nil)
		if code < 400 || len(body) > 1024 || !strings.Contains(body, "bytes)") {
			t.Errorf("%s %.30s…: %d with %d bytes: %.200s", method, target, code, len(body), body)
		}
	}
}

// Unknown paths and wrong methods are JSON errors too.
func TestNotFoundAndMethodJSON(t *testing.T) {
	h := testHandler(t, fixture(t))
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{"GET", "/nope", 404},
		{"GET", "/api/claim", 404},
		{"DELETE", "/api/claims", 405},
		{"POST", "/api/feeds", 405},
		{"GET", "/api/reprocess/abc", 405},
		{"PUT", "/healthz", 405},
	} {
		if code, _ := serve(t, h, tc.method, "http://127.0.0.1:8181"+tc.path, nil); code != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, code, tc.want)
		}
	}
}

// GET /api/claims pages 100 claims by default; next leads to the rest,
// each claim once.
func TestClaimsPages(t *testing.T) {
	db, err := store.Open(t.TempDir()+"/p.db", store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var entries []store.Entry
	for i := range 37 {
		url := fmt.Sprint("https://news.example/", i)
		a := model.Article{ID: model.ArticleID(url), URL: url, Published: day0.Add(time.Duration(i%5) * time.Hour), Text: "t"}
		entries = append(entries, store.Entry{Article: a, Claims: make([]model.Claim, 4)})
	}
	if err := db.Commit(entries); err != nil {
		t.Fatal(err)
	}
	h := testHandler(t, db)
	seen := map[string]bool{}
	var pages []int
	for q := "/api/claims"; q != ""; {
		code, body := serve(t, h, "GET", "http://127.0.0.1:8181"+q, nil)
		var page struct {
			Claims []ClaimRow
			Next   string
		}
		if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil {
			t.Fatalf("%s: %d %v %.300s", q, code, err, body)
		}
		for _, r := range page.Claims {
			if seen[r.Claim.ID] {
				t.Fatalf("claim %s on two pages", r.Claim.ID)
			}
			seen[r.Claim.ID] = true
		}
		pages = append(pages, len(page.Claims))
		q = ""
		if page.Next != "" {
			q = "/api/claims?limit=30&after=" + page.Next
		}
	}
	if fmt.Sprint(pages) != "[100 30 18]" || len(seen) != 148 {
		t.Fatalf("pages of %v claims, %d in all; want [100 30 18], 148", pages, len(seen))
	}
}
