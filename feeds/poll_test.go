package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

// testOptions are the defaults, for loopback servers, without delays or jitter.
func testOptions() Options {
	o := DefaultOptions()
	o.AllowPrivate = true
	o.HostDelay = 0
	o.Jitter = 0
	o.Timeout = 5 * time.Second
	return o
}

// testdata reads a fixture.
func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// recorder is a test server that remembers the last request's headers.
type recorder struct {
	mu     sync.Mutex
	header http.Header
	hits   int
}

func (rec *recorder) serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.header, rec.hits = r.Header.Clone(), rec.hits+1
		rec.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func (rec *recorder) get(name string) string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.header.Get(name)
}

func TestPoll(t *testing.T) {
	rss := testdata(t, "rss2.xml")
	const etag, modified = `W/"v1-abc"`, "Tue, 05 Mar 2024 10:00:00 GMT"
	retryDate := testNow.Add(2 * time.Hour).Format(http.TimeFormat)
	tests := []struct {
		name    string
		feed    model.Feed // URL is set to the server's
		handler http.HandlerFunc
		kind    string // ErrorKind of the error
		items   int
		want    model.Feed // checked: ETag, LastModified, LastStatus, Errors, Items, Title
		next    time.Duration
		headers map[string]string // request headers the server must have seen
	}{
		{
			name: "200 first fetch",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", etag)
				w.Header().Set("Last-Modified", modified)
				w.Header().Set("Cache-Control", "max-age=7200")
				w.Write(rss)
			},
			items: 2,
			want:  model.Feed{ETag: etag, LastModified: modified, LastStatus: 200, Items: 2, Title: "Wire Service World", TTL: time.Hour},
			next:  2 * time.Hour,
			headers: map[string]string{
				"User-Agent":        "claimwire/0.1 (+https://github.com/claimwire/claimwire)",
				"Accept-Encoding":   "gzip",
				"If-None-Match":     "",
				"If-Modified-Since": "",
			},
		},
		{
			name: "200 keeps the configured title and interval, uses ttl",
			feed: model.Feed{Title: "Mine", Interval: 20 * time.Minute, Errors: 3, LastError: "old"},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write(rss)
			},
			items: 2,
			want:  model.Feed{LastStatus: 200, Items: 2, Title: "Mine", Interval: 20 * time.Minute, TTL: time.Hour},
			next:  time.Hour,
		},
		{
			name: "304 sends validators back verbatim",
			feed: model.Feed{ETag: etag, LastModified: modified, Errors: 2, LastError: "old", Items: 7},
			handler: func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("If-None-Match") != etag {
					w.Write(rss)
					return
				}
				w.WriteHeader(http.StatusNotModified)
			},
			want: model.Feed{ETag: etag, LastModified: modified, LastStatus: 304, Items: 7},
			next: 15 * time.Minute,
			headers: map[string]string{
				"If-None-Match":     etag,
				"If-Modified-Since": modified,
			},
		},
		{
			name: "200 with the same ETag counts as unchanged",
			feed: model.Feed{ETag: etag, Items: 2},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", etag)
				w.Write([]byte("not even a feed"))
			},
			want: model.Feed{ETag: etag, LastStatus: 200, Items: 2},
			next: 15 * time.Minute,
		},
		{
			name:    "404",
			feed:    model.Feed{ETag: etag},
			handler: http.NotFound,
			kind:    "http_4xx",
			want:    model.Feed{ETag: etag, LastStatus: 404, Errors: 1},
			next:    30 * time.Minute,
		},
		{
			name: "410 slows to the max",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusGone)
			},
			kind: "http_4xx",
			want: model.Feed{LastStatus: 410, Errors: 1},
			next: 24 * time.Hour,
		},
		{
			name: "429 honours Retry-After seconds",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(http.StatusTooManyRequests)
			},
			kind: "http_4xx",
			want: model.Feed{LastStatus: 429, Errors: 1},
			next: time.Hour,
		},
		{
			name: "503 honours a Retry-After date",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", retryDate)
				w.WriteHeader(http.StatusServiceUnavailable)
			},
			kind: "http_5xx",
			want: model.Feed{LastStatus: 503, Errors: 1},
			next: 2 * time.Hour,
		},
		{
			name: "malformed XML",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("ETag", etag)
				w.Write(testdata(t, "malformed.xml"))
			},
			kind: "parse",
			want: model.Feed{LastStatus: 200, Errors: 1},
			next: 30 * time.Minute,
		},
		{
			name: "gzip",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				gz := gzip.NewWriter(w)
				gz.Write(testdata(t, "atom.xml"))
				gz.Close()
			},
			items:   2,
			want:    model.Feed{LastStatus: 200, Items: 2, Title: "Agency Atom"},
			next:    15 * time.Minute,
			headers: map[string]string{"Accept-Encoding": "gzip"},
		},
		{
			name: "ISO-8859-1 declared in Content-Type",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/rss+xml; charset=ISO-8859-1")
				w.Write(testdata(t, "iso-8859-1-nodecl.xml"))
			},
			items: 1,
			want:  model.Feed{LastStatus: 200, Items: 1, Title: "Café à Genève"},
			next:  15 * time.Minute,
		},
		{
			name: "JSON Feed",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/feed+json")
				w.Write(testdata(t, "jsonfeed.json"))
			},
			items: 2,
			want:  model.Feed{LastStatus: 200, Items: 2, Title: "JSON Wire"},
			next:  15 * time.Minute,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			srv := rec.serve(t, tt.handler)
			feed := tt.feed
			feed.URL = srv.URL + "/feed.xml"
			items, got, err := New(testOptions()).Poll(context.Background(), feed, testNow)
			if kind := ErrorKind(err); kind != tt.kind {
				t.Fatalf("error %v has kind %q, want %q", err, kind, tt.kind)
			}
			if err != nil && (!strings.Contains(err.Error(), feed.URL) || got.LastError != err.Error()) {
				t.Errorf("error %q does not name %s, or LastError is %q", err, feed.URL, got.LastError)
			}
			if len(items) != tt.items {
				t.Errorf("got %d items, want %d", len(items), tt.items)
			}
			checkFeed(t, got, tt.want, feed.URL)
			if d := got.NextCheck.Sub(testNow); d != tt.next || !got.LastFetch.Equal(testNow) {
				t.Errorf("next check in %v, want %v; LastFetch %v", d, tt.next, got.LastFetch)
			}
			for name, want := range tt.headers {
				if got := rec.get(name); !strings.Contains(got, want) || (want == "" && got != "") {
					t.Errorf("request header %s = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// checkFeed compares the state fields that Poll sets.
func checkFeed(t *testing.T, got, want model.Feed, url string) {
	t.Helper()
	if got.URL != url {
		t.Errorf("URL changed to %q", got.URL)
	}
	got.URL, got.NextCheck, got.LastFetch, got.LastError = "", time.Time{}, time.Time{}, ""
	if got != want {
		t.Errorf("feed state\n got %+v\nwant %+v", got, want)
	}
}

func TestPollBackoffGrows(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	f := New(testOptions())
	feed := model.Feed{URL: srv.URL}
	want := []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour, 8 * time.Hour, 16 * time.Hour, 24 * time.Hour, 24 * time.Hour}
	for i, next := range want {
		var err error
		_, feed, err = f.Poll(context.Background(), feed, testNow)
		if ErrorKind(err) != "http_5xx" || feed.Errors != i+1 || feed.LastStatus != 500 {
			t.Fatalf("poll %d: err %v, errors %d, status %d", i+1, err, feed.Errors, feed.LastStatus)
		}
		if d := feed.NextCheck.Sub(testNow); d != next {
			t.Errorf("poll %d: next check in %v, want %v", i+1, d, next)
		}
	}
}

func TestPollJitter(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotModified) })
	opts := testOptions()
	opts.Jitter = 0.1
	f := New(opts)
	for range 20 {
		_, feed, err := f.Poll(context.Background(), model.Feed{URL: srv.URL, ETag: "x"}, testNow)
		d := feed.NextCheck.Sub(testNow)
		if err != nil || d < 15*time.Minute || d > 16*time.Minute+30*time.Second {
			t.Fatalf("err %v, next check in %v, want within [15m, 16m30s]", err, d)
		}
	}
}

func TestPollSizeAndTimeout(t *testing.T) {
	big := bytes.Repeat([]byte("x"), 4096)
	tests := []struct {
		name    string
		handler http.HandlerFunc
		kind    string
	}{
		{"oversized with Content-Length", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "4096")
			w.Write(big)
		}, "too_large"},
		{"oversized chunked", func(w http.ResponseWriter, r *http.Request) {
			w.Write(big[:100])
			w.(http.Flusher).Flush()
			w.Write(big)
		}, "too_large"},
		{"oversized once gunzipped", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			gz := gzip.NewWriter(w)
			gz.Write(bytes.Repeat(big, 10))
			gz.Close()
		}, "too_large"},
		{"too slow to answer", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, "timeout"},
		{"too slow to send the body", func(w http.ResponseWriter, r *http.Request) {
			w.Write(big[:100])
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}, "timeout"},
	}
	opts := testOptions()
	opts.MaxFeedBytes = 1024
	opts.Timeout = 200 * time.Millisecond
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec recorder
			srv := rec.serve(t, tt.handler)
			_, feed, err := New(opts).Poll(context.Background(), model.Feed{URL: srv.URL + "/big"}, testNow)
			if ErrorKind(err) != tt.kind || !strings.Contains(err.Error(), srv.URL+"/big") {
				t.Fatalf("err = %v (kind %q), want kind %q naming the URL", err, ErrorKind(err), tt.kind)
			}
			if tt.kind == "too_large" && !errors.Is(err, ErrTooLarge) {
				t.Errorf("err = %v, want ErrTooLarge", err)
			}
			if feed.Errors != 1 || feed.NextCheck.Sub(testNow) != 30*time.Minute {
				t.Errorf("errors %d, next check %v", feed.Errors, feed.NextCheck.Sub(testNow))
			}
		})
	}
}

func TestIsModified(t *testing.T) {
	old := model.Feed{ETag: `"a"`, LastModified: "Mon, 04 Mar 2024 10:00:00 GMT"}
	tests := []struct {
		status         int
		etag, modified string
		want           bool
	}{
		{304, "", "", false},
		{200, "", "", true},
		{200, `"a"`, "", false},
		{200, `"b"`, "", true},
		{200, `"b"`, old.LastModified, true}, // the ETag decides
		{200, "", old.LastModified, false},
		{200, "", "Tue, 05 Mar 2024 10:00:00 GMT", true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.etag != "" {
			h.Set("ETag", tt.etag)
		}
		if tt.modified != "" {
			h.Set("Last-Modified", tt.modified)
		}
		if got := isModified(&response{status: tt.status, header: h}, old); got != tt.want {
			t.Errorf("isModified(%d, %q, %q) = %v, want %v", tt.status, tt.etag, tt.modified, got, tt.want)
		}
	}
}

func TestPollCanceled(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	feed := model.Feed{URL: srv.URL, Errors: 2, NextCheck: testNow}
	_, got, err := New(testOptions()).Poll(ctx, feed, testNow)
	if !errors.Is(err, context.Canceled) || got != feed {
		t.Errorf("err %v, state %+v; want context.Canceled and the state unchanged", err, got)
	}
}

// TestPollKeepsTTLAcross304 checks that a feed's <ttl> still sets the
// schedule when later polls are answered 304, which carry no body.
func TestPollKeepsTTLAcross304(t *testing.T) {
	var rec recorder
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><ttl>60</ttl>` +
		`<item><title>a</title><link>https://example.com/a</link></item></channel></rss>`
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		fmt.Fprint(w, rss)
	})
	f := New(testOptions())
	_, feed, err := f.Poll(context.Background(), model.Feed{URL: srv.URL}, testNow)
	if err != nil || feed.TTL != time.Hour {
		t.Fatalf("first poll: err %v, ttl %v, want 1h", err, feed.TTL)
	}
	_, feed, err = f.Poll(context.Background(), feed, testNow)
	if err != nil || feed.LastStatus != http.StatusNotModified {
		t.Fatalf("second poll: err %v, status %d, want 304", err, feed.LastStatus)
	}
	if d := feed.NextCheck.Sub(testNow); d != time.Hour {
		t.Errorf("after a 304 the next check is in %v, want the feed's ttl of 1h", d)
	}
}
