package api

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

type claimsPage struct {
	Claims  []ClaimRow
	Next    string
	Partial bool
}

func getClaims(t *testing.T, base, query string) claimsPage {
	t.Helper()
	code, body := get(t, base+"/api/claims"+query)
	var out claimsPage
	if err := json.Unmarshal([]byte(body), &out); err != nil || code != 200 {
		t.Fatalf("%s: %d %v: %s", query, code, err, body)
	}
	return out
}

func TestClaimsNewestFirstWithFilters(t *testing.T) {
	srv, _ := newServer(t, fixture(t))
	all := getClaims(t, srv.URL, "")
	for i := 1; i < len(all.Claims); i++ {
		if all.Claims[i].Article.Published.After(all.Claims[i-1].Article.Published) {
			t.Fatalf("claim %d is newer than claim %d: want newest first", i, i-1)
		}
	}
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"?accuser=united+states", 3},
		{"?accused=CHINA&kind=accusation", 3},
		{"?accused=Russia", 0},
		{"?speaker=nobody", 0},
		{"?actor=apt28", 0},
		{"?outlet=news.example", 6},
		{"?q=EMAILS", 3},
		{"?since=2025-03-02&until=2025-03-02", 2}, // one day: story 1
		{"?until=2025-03-01T13:00:00Z", 2},
	} {
		if got := len(getClaims(t, srv.URL, tc.query).Claims); got != tc.want {
			t.Errorf("%s: %d claims, want %d", tc.query, got, tc.want)
		}
	}
	// Paging with the cursor lists every claim once, in the same order.
	var ids []string
	q := "?limit=4"
	for range 10 {
		pg := getClaims(t, srv.URL, q)
		for _, r := range pg.Claims {
			ids = append(ids, r.Claim.ID)
		}
		if pg.Next == "" {
			break
		}
		q = "?limit=4&after=" + url.QueryEscape(pg.Next)
	}
	var want []string
	for _, r := range all.Claims {
		want = append(want, r.Claim.ID)
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("paged: %v\nwant %v", ids, want)
	}
	for _, q := range []string{"?accuser=+", "?until=tomorrow", "?after=0123456789abcdef-0001", "?q=" + strings.Repeat("x", 300), "?party=x"} {
		if code, body := get(t, srv.URL+"/api/claims"+q); code != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", q, code, body)
		}
	}
}
