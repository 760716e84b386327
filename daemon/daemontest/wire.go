// Package daemontest serves a synthetic news wire on loopback for tests and
// benchmarks: RSS feeds whose items link to HTML article pages. Every
// article has its own text, so none is dropped as a duplicate, except the
// one story every feed carries.
package daemontest

import (
	"fmt"
	"html"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Wire describes the feeds to serve.
type Wire struct {
	Articles  int           // stories in all; story 0 is in every feed
	Feeds     int           // the other stories are dealt out among the feeds
	PageDelay time.Duration // added to every page response
	// Link, if set, replaces the link of story i (return "" to keep it).
	Link func(i int, base string) string

	pageHits atomic.Int64
	feedHits atomic.Int64
	mu       sync.Mutex
	feedHit  map[int]int // requests of each feed
	srv      *httptest.Server
}

// Start serves the wire until Close.
func (w *Wire) Start() *Wire {
	w.Feeds = max(w.Feeds, 1)
	w.feedHit = map[int]int{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feeds/{n}", w.serveFeed)
	mux.HandleFunc("GET /news/{n}", w.servePage)
	w.srv = httptest.NewServer(mux)
	return w
}

// Close stops the server.
func (w *Wire) Close() { w.srv.Close() }

// URL is the server's base URL.
func (w *Wire) URL() string { return w.srv.URL }

// FeedURLs lists the feeds.
func (w *Wire) FeedURLs() []string {
	out := make([]string, w.Feeds)
	for i := range out {
		out[i] = fmt.Sprintf("%s/feeds/%d.xml", w.srv.URL, i)
	}
	return out
}

// FeedList is a feed list file's content.
func (w *Wire) FeedList() string { return strings.Join(w.FeedURLs(), "\n") + "\n" }

// PageHits and FeedHits count the requests served.
func (w *Wire) PageHits() int64 { return w.pageHits.Load() }
func (w *Wire) FeedHits() int64 { return w.feedHits.Load() }

// FeedHitsOf counts the requests of feed f.
func (w *Wire) FeedHitsOf(f int) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.feedHit[f]
}

// PageURL is the link of story i.
func (w *Wire) PageURL(i int) string { return fmt.Sprintf("%s/news/%d.html", w.srv.URL, i) }

// storiesOf lists the stories of feed f: story 0, then every Feeds-th.
func (w *Wire) storiesOf(f int) []int {
	out := []int{0}
	for i := 1; i < w.Articles; i++ {
		if i%w.Feeds == f {
			out = append(out, i)
		}
	}
	return out
}

func (w *Wire) serveFeed(rw http.ResponseWriter, r *http.Request) {
	w.feedHits.Add(1)
	f, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".xml"))
	if err != nil || f < 0 || f >= w.Feeds {
		http.NotFound(rw, r)
		return
	}
	w.mu.Lock()
	w.feedHit[f]++
	w.mu.Unlock()
	rw.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	rw.Header().Set("ETag", fmt.Sprintf(`"%d-%d"`, f, w.Articles))
	if r.Header.Get("If-None-Match") == rw.Header().Get("ETag") {
		rw.WriteHeader(http.StatusNotModified)
		return
	}
	fmt.Fprintf(rw, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Wire %d</title><link>%s/</link>\n", f, w.srv.URL)
	for _, i := range w.storiesOf(f) {
		w.writeItem(rw, i)
	}
	fmt.Fprint(rw, "</channel></rss>\n")
}

func (w *Wire) writeItem(rw http.ResponseWriter, i int) {
	s := NewStory(i)
	link := w.PageURL(i)
	if w.Link != nil && w.Link(i, w.srv.URL) != "" {
		link = w.Link(i, w.srv.URL)
	}
	fmt.Fprintf(rw, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
		html.EscapeString(s.Title), html.EscapeString(link), html.EscapeString(link),
		s.Published.Format(time.RFC1123Z), html.EscapeString(s.Paragraphs[0]))
}

func (w *Wire) servePage(rw http.ResponseWriter, r *http.Request) {
	w.pageHits.Add(1)
	i, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("n"), ".html"))
	if err != nil || i < 0 || i >= w.Articles {
		http.NotFound(rw, r)
		return
	}
	if w.PageDelay > 0 {
		select {
		case <-time.After(w.PageDelay):
		case <-r.Context().Done():
			return
		}
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(rw, NewStory(i).HTML(w.PageURL(i)))
}

// Story is one synthetic wire story.
type Story struct {
	Title      string
	Published  time.Time
	Paragraphs []string
}

// Text is the story's text as the text stage should find it.
func (s Story) Text() string { return strings.Join(s.Paragraphs, "\n\n") }

var (
	accusers = []string{"The United States", "Britain", "Germany", "Canada", "Australia", "The Netherlands", "Japan", "Poland"}
	accused  = []string{"China", "Russia", "Iran", "North Korea"}
	actors   = []string{"APT31", "APT28", "APT40", "Lazarus Group", "Sandworm", "Charming Kitten", "Volt Typhoon", "Kimsuky"}
	people   = []string{"Sarah Holt", "Daniel Reyes", "Anne Marchetti", "Tomasz Wierzba", "Kenji Mori", "Laura Brandt", "Peter Olsen", "Maria Costa"}
	targets  = []string{"email accounts", "government agencies", "water utilities", "hospitals", "defence contractors", "universities", "lawmakers", "telecom operators"}
	wrongs   = []string{"a years-long cyber-espionage campaign", "hacking into government networks", "stealing research on vaccines", "attacks on power grids", "interfering in elections", "a ransomware campaign against hospitals"}
)

// NewStory returns story i; the same i always gives the same story.
func NewStory(i int) Story {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	acc, who, actor, person := pick(accusers), pick(accused), pick(actors), pick(people)
	n1, n2, n3 := 2+r.IntN(900), 10+r.IntN(90000), 1+r.IntN(40)
	paras := []string{
		fmt.Sprintf("%s on Tuesday accused %s of %s, in the latest of a series of accusations over state-backed hacking (report %d).", acc, who, pick(wrongs), i),
		fmt.Sprintf("Officials said a group known as %s had targeted at least %d %s and sent more than %d phishing emails since 2019.", actor, n1, pick(targets), n2),
		fmt.Sprintf("\"We will not tolerate attacks on our institutions, and we will hold those responsible to account,\" said %s, a spokesperson for the foreign ministry.", person),
		fmt.Sprintf("The ministry said the campaign had compromised %d %s and cost about $%d million to repair.", n3, pick(targets), n3*3),
		fmt.Sprintf("%s has long denied any involvement in cyber attacks and accused Western governments of spreading disinformation.", who),
		fmt.Sprintf("Security researchers said the tools used in the attacks matched those of %s, which they have tracked for years.", actor),
		fmt.Sprintf("%s told reporters that %d allies had been briefed on the findings and that further measures were under consideration.", person, 2+r.IntN(12)),
		"The announcement came as governments on both sides of the Atlantic step up their public attribution of cyber operations, naming groups and the agencies behind them.",
	}
	return Story{
		Title:      fmt.Sprintf("%s accuses %s over %s attacks (%d)", acc, who, actor, i),
		Published:  time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute),
		Paragraphs: paras,
	}
}

// HTML is the story's page, with the navigation, share links, related
// stories and footer of a news site around it.
func (s Story) HTML(url string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | Test Wire</title>
<link rel="canonical" href="%s"><meta property="article:published_time" content="%s"></head><body>
<header><a href="/">Test Wire</a><nav><ul><li><a href="/world">World</a></li><li><a href="/tech">Technology</a></li><li><a href="/security">Security</a></li></ul></nav></header>
<main><article><h1>%s</h1><p class="byline">By Wire staff</p><div class="share"><a href="/s/x">Share</a> <a href="/s/mail">Email</a></div><div class="article-body">
`, html.EscapeString(s.Title), url, s.Published.Format(time.RFC3339), html.EscapeString(s.Title))
	for _, p := range s.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</div></article><aside class="related"><h3>Related</h3><ul><li><a href="/news/a.html">Another story</a></li></ul></aside></main>
<footer><p>© 2025 Test Wire. All rights reserved.</p><nav><a href="/about">About</a> <a href="/privacy">Privacy</a></nav></footer></body></html>`)
	return b.String()
}
