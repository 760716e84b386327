package feeds_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
)

func ExampleCanonicalURL() {
	u, _ := feeds.CanonicalURL("HTTPS://Wire.Example:443/world/story?utm_source=rss&b=2&a=1#top")
	fmt.Println(u)
	// Output: https://wire.example/world/story?a=1&b=2
}

func ExampleParseList() {
	list := `# wires
https://wire.example/world/rss
https://agency.example/atom.xml 15m
`
	sources, err := feeds.ParseList("feeds.txt", strings.NewReader(list))
	fmt.Println(sources, err)
	_, err = feeds.ParseList("feeds.txt", strings.NewReader("https://ok.example/\nnot-a-url\n"))
	fmt.Println(err)
	// Output:
	// [{https://wire.example/world/rss 0s} {https://agency.example/atom.xml 15m0s}] <nil>
	// feeds.txt:2: invalid URL "not-a-url": not absolute
}

func ExampleFetcher_Poll() {
	rss, _ := os.ReadFile("testdata/rss2.xml")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write(rss)
	}))
	defer srv.Close()

	opts := feeds.DefaultOptions()
	opts.AllowPrivate = true // the test server is on 127.0.0.1
	opts.Jitter = 0
	opts.HostDelay = 0
	f := feeds.New(opts)
	now := time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)
	feed := model.Feed{URL: srv.URL}
	for range 2 {
		items, next, err := f.Poll(context.Background(), feed, now)
		if err != nil {
			fmt.Println(feeds.ErrorKind(err), err)
			return
		}
		for _, it := range items {
			fmt.Printf("%s (full: %v)\n", it.Title, it.Full)
		}
		fmt.Println(next.LastStatus, next.ETag, next.NextCheck.Sub(now))
		feed = next
	}
	// Output:
	// Strike hits fuel depot (full: true)
	// Talks resume in Geneva (full: false)
	// 200 "v1" 1h0m0s
	// 304 "v1" 1h0m0s
}
