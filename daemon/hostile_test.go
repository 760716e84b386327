package daemon

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/extract"
)

// A wire whose feeds link two stories to hostile 900 KB pages (one
// endless sentence of quotations, a page of nothing but claims): every
// normal story is stored with its claims, the hostile ones are stored
// with their claims capped and the cap recorded, and the run ends.
func TestHostilePagesOnTheWire(t *testing.T) {
	size := 900 << 10
	if raceEnabled {
		size = 120 << 10 // past the caps all the same, at a tenth of the speed
	}
	pages := map[string]string{
		"quotes": daemontest.HostileHTML("Quotes", daemontest.HostileQuotes(size)),
		"claims": daemontest.HostileHTML("Claims", daemontest.HostileClaims(size)),
	}
	hostile := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page, ok := pages[strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/hostile/"), ".html")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer hostile.Close()
	hostileStory := map[int]string{3: "quotes", 8: "claims"}
	w := (&daemontest.Wire{Articles: 12, Feeds: 3, Link: func(i int, _ string) string {
		if name, ok := hostileStory[i]; ok {
			return hostile.URL + "/hostile/" + name + ".html"
		}
		return ""
	}}).Start()
	defer w.Close()

	db := newDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // a hang guard for a loaded machine
	defer cancel()
	st, err := New(Config{DB: db, Pipeline: newPipeline(t, nil), Once: true, Workers: 4, BatchWait: 50 * time.Millisecond}, feedsOf(w.FeedURLs()...)).Run(ctx)
	if err != nil {
		t.Fatal(err)
	}

	got := articles(t, db)
	if len(got) != 12 || st.Failed != 0 {
		t.Fatalf("stored %d articles, stats %+v; want 12, none failed", len(got), st)
	}
	for i := range 12 {
		u := w.PageURL(i)
		if name, ok := hostileStory[i]; ok {
			u = hostile.URL + "/hostile/" + name + ".html"
		}
		a, ok := got[u]
		if !ok {
			t.Errorf("story %d (%s) not stored", i, u)
			continue
		}
		cs, err := db.Claims(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		_, isHostile := hostileStory[i]
		switch {
		case a.Error != "":
			t.Errorf("story %d: error %q", i, a.Error)
		case isHostile && !strings.Contains(a.Limits, fmt.Sprintf("capped at %d", extract.MaxClaims)):
			t.Errorf("story %d: limits %q, want the cap recorded", i, a.Limits)
		case isHostile && (len(cs) == 0 || len(cs) > extract.MaxClaims):
			t.Errorf("story %d: %d claims, want some and at most %d", i, len(cs), extract.MaxClaims)
		case !isHostile && (a.Limits != "" || len(cs) == 0):
			t.Errorf("story %d: %d claims, limits %q", i, len(cs), a.Limits)
		}
		for _, c := range cs {
			if len(c.Sentence) > extract.MaxEvidence {
				t.Fatalf("story %d: a claim's sentence has %d bytes", i, len(c.Sentence))
			}
		}
	}
	check(t, db)
}
