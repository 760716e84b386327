package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
)

// storyOutlets are four outlets of one story: three report the
// accusation in their own words, the fourth the denial.
var storyOutlets = []struct{ host, title, text string }{
	{"one.example", "Canada blames Iran for hospital hack", `
Canada accused Iran of hacking the computer systems of three hospitals in Ontario, officials said on Monday.
The attack encrypted patient records and forced surgeons to postpone operations for two days, according to the provincial health ministry.
“We know who did this and we will respond,” said Mara Quinn, a spokesperson for Canada's foreign ministry.`},
	{"two.example", "Ottawa points to Tehran over cyber attack on hospitals", `
The Canadian government on Monday accused Iran of a cyber attack that crippled hospitals across Ontario.
Investigators traced the intrusion to servers used in earlier campaigns, two officials familiar with the inquiry said.
Hospital staff returned to paper records while engineers restored the systems from backups.`},
	{"three.example", "Hospitals hit by hackers; Canada names Iran", `
Hospitals in Ontario were still recovering on Tuesday after Canada accused Iran of breaking into their networks.
The health ministry said no patient had been harmed but that several thousand appointments had to be moved.
Security researchers said the malicious software resembled tools seen in attacks on Gulf states last year.`},
	{"four.example", "Iran rejects Canadian hacking claims", `
Iran rejected the accusations as baseless on Tuesday, a day after Ottawa blamed Tehran for an attack on hospitals.
A foreign ministry spokesman in Tehran said the country was itself a victim of cyber attacks and called for evidence.
Canadian officials declined to comment further on the investigation.`},
}

// serveStory serves one RSS feed per outlet, each with its article, whose
// canonical URL is on the outlet's own host.
func serveStory(t *testing.T) (feeds []string) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	for i, o := range storyOutlets {
		page := fmt.Sprintf("%s/news/%d.html", srv.URL, i)
		canonical := fmt.Sprintf("https://www.%s/world/hospital-hack-%d", o.host, i)
		published := fmt.Sprintf("Mon, %02d Mar 2025 %02d:00:00 +0000", 3+i/3, 9+i)
		mux.HandleFunc(fmt.Sprintf("GET /feeds/%d.xml", i), func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>%s</title><link>%s</link>
<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate></item></channel></rss>`,
				o.host, srv.URL, o.title, page, canonical, published)
		})
		mux.HandleFunc(fmt.Sprintf("GET /news/%d.html", i), func(w http.ResponseWriter, _ *http.Request) {
			var body strings.Builder
			for _, p := range strings.Split(strings.TrimSpace(o.text), "\n") {
				body.WriteString("<p>" + p + "</p>\n")
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><link rel="canonical" href="%s"></head>
<body><article><h1>%s</h1>%s</article></body></html>`, o.title, canonical, o.title, body.String())
		})
		feeds = append(feeds, fmt.Sprintf("%s/feeds/%d.xml", srv.URL, i))
	}
	return feeds
}

// Three outlets report the same accusation and a fourth the denial: the
// accusations make one group of three articles from three outlets, and
// the denial is linked to it.
func TestStoryAcrossOutlets(t *testing.T) {
	feeds := serveStory(t)
	db := filepath.Join(t.TempDir(), "story.db")
	mustRun(t, "run", "--once", "--db", db, "--feeds", writeFile(t, "feeds.txt", strings.Join(feeds, "\n")+"\n"),
		"--listen", "", "--allow-private", "--host-delay", "0", "--log-level", "warn")

	var groups []model.Group
	sc := bufio.NewScanner(strings.NewReader(mustRun(t, "export", "--db", db, "--groups", "--format", "ndjson")))
	for sc.Scan() {
		var g model.Group
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		groups = append(groups, g)
	}
	var story, denial *model.Group
	for i, g := range groups {
		switch {
		case g.Kind == model.Accusation && g.Claim.Accuser == "Canada" && g.Claim.Accused == "Iran":
			if story != nil {
				t.Fatalf("two groups of Canada -> Iran: %+v and %+v", *story, g)
			}
			story = &groups[i]
		case g.Kind == model.Denial:
			denial = &groups[i]
		}
	}
	if story == nil || story.Articles != 3 || story.Outlets != 3 {
		t.Fatalf("accusation group %+v, want one of 3 articles from 3 outlets; groups: %+v", story, groups)
	}
	if denial == nil || denial.Claim.Denier != "Iran" || denial.Answers != story.ID {
		t.Fatalf("denial group %+v, want Iran's, answering %s", denial, story.ID)
	}

	rows := readCSV(t, mustRun(t, "export", "--db", db, "--kind", "denial", "--since", "2025-03-01"))
	col := func(name string) int { return columnOf(t, name) }
	if len(rows) != 1 || rows[0][col("denier")] != "Iran" || rows[0][col("answers_group")] != story.ID ||
		!strings.HasPrefix(rows[0][col("canonical_url")], "https://www.four.example/") {
		t.Errorf("denial rows %q, want one answering %s", rows, story.ID)
	}
}

// columnOf returns the index of an export column.
func columnOf(t *testing.T, name string) int {
	t.Helper()
	i := slices.Index(export.Columns, name)
	if i < 0 {
		t.Fatalf("no column %s", name)
	}
	return i
}
