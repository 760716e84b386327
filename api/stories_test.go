package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

func post(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

func TestClaimsPartyFiltersAndGroups(t *testing.T) {
	srv, _ := newServer(t, fixture(t))
	for _, tc := range []struct {
		query string
		want  int
	}{
		{"?accuser=united%20states", 3},
		{"?accused=China&kind=accusation", 3},
		{"?accused=Russia", 0},
		{"?speaker=Ana%20Ortiz", 0},
		{"?actor=APT31", 0},
		{"?since=2025-03-02", 4}, // a date: stories 2 and 3
		{"?since=1d", 2},         // days before the fixture's now, day0+72h: story 3
	} {
		code, body := get(t, srv.URL+"/api/claims"+tc.query)
		var out struct{ Claims []ClaimRow }
		if err := json.Unmarshal([]byte(body), &out); err != nil || code != 200 {
			t.Fatalf("%s: %d %v: %s", tc.query, code, err, body)
		}
		if len(out.Claims) != tc.want {
			t.Errorf("%s: %d claims, want %d", tc.query, len(out.Claims), tc.want)
		}
	}
	code, body := get(t, srv.URL+"/api/claims?groups=1&kind=accusation")
	var out struct{ Groups []model.Group }
	if err := json.Unmarshal([]byte(body), &out); err != nil || code != 200 {
		t.Fatalf("groups: %d %v: %s", code, err, body)
	}
	if len(out.Groups) != 1 || out.Groups[0].Articles != 3 || out.Groups[0].Claim.Accuser != "United States" {
		t.Errorf("groups %+v, want the one accusation of 3 articles", out.Groups)
	}
	for _, q := range []string{"?accuser=", "?accuser=%20", "?party=China", "?groups=maybe", "?actor=" + strings.Repeat("x", 300)} {
		if code, body := get(t, srv.URL+"/api/claims"+q); code != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", q, code, body)
		}
	}
}

func TestFeedsInSecondsAddAndRemove(t *testing.T) {
	db := fixture(t)
	srv, c := newServer(t, db)
	ctx := context.Background()
	ch, err := c.AddFeed(ctx, "https://three.example/rss", 90*time.Minute)
	if err != nil || !ch.Changed {
		t.Fatalf("add: %+v, %v", ch, err)
	}
	if ch, err := c.AddFeed(ctx, "https://three.example/rss", 0); err != nil || ch.Changed {
		t.Fatalf("adding again: %+v, %v", ch, err)
	}
	_, body := get(t, srv.URL+"/api/feeds")
	if !strings.Contains(body, `"url":"https://three.example/rss","interval":5400,"articles":0`) ||
		!strings.Contains(body, `"url":"https://one.example/rss","etag":"\"e\"","articles":2`) {
		t.Errorf("feeds: %s", body)
	}
	list, err := c.Feeds(ctx)
	if err != nil || len(list) != 2 || list[1].Model().Interval != 90*time.Minute {
		t.Fatalf("client feeds %+v, %v", list, err)
	}
	if _, err := c.RemoveFeed(ctx, "https://three.example/rss"); err != nil {
		t.Fatal(err)
	}
	var se *StatusError
	if _, err := c.RemoveFeed(ctx, "https://three.example/rss"); !errors.As(err, &se) || se.Code != 404 {
		t.Fatalf("removing again: %v, want 404", err)
	}
	for _, q := range []string{"/api/feeds/add", "/api/feeds/add?url=ftp://x/", "/api/feeds/add?url=https://x/&interval=1s",
		"/api/feeds/add?url=https://x/&other=1", "/api/feeds/remove?url=relative"} {
		if code, body := post(t, srv.URL+q); code != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("%s: %d %s, want 400", q, code, body)
		}
	}
	if code, _ := get(t, srv.URL+"/api/feeds/add?url=https://x/"); code != 405 {
		t.Errorf("GET add: %d, want 405", code)
	}
}
