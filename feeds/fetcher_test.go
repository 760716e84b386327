package feeds

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

func TestFetchPage(t *testing.T) {
	latin := testdata(t, "iso-8859-1-nodecl.xml")
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/moved":
			http.Redirect(w, r, "/story", http.StatusMovedPermanently)
		case "/story":
			w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
			w.Write(latin)
		default:
			http.NotFound(w, r)
		}
	})
	p, err := New(testOptions()).FetchPage(context.Background(), srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if p.URL != srv.URL+"/story" || p.ContentType != "text/html; charset=ISO-8859-1" || string(p.Body) != string(latin) {
		t.Errorf("page = %q, %q, %q; want the final URL and the raw bytes", p.URL, p.ContentType, p.Body)
	}
	if ua, accept := rec.get("User-Agent"), rec.get("Accept"); !strings.HasPrefix(ua, "claimwire/") || !strings.Contains(accept, "text/html") {
		t.Errorf("User-Agent %q, Accept %q", ua, accept)
	}
	_, err = New(testOptions()).FetchPage(context.Background(), srv.URL+"/missing")
	var se *StatusError
	if !errors.As(err, &se) || se.Code != 404 || ErrorKind(err) != "http_4xx" {
		t.Errorf("err = %v, want a 404 StatusError", err)
	}
}

// A page that is gone for good gives way to the item's content; one that
// may come back, or a mere summary, or a refused address, stays an error.
func TestFetchItemFallsBackToFeedText(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/story":
			w.Write([]byte("<p>the page</p>"))
		case "/busy":
			http.Error(w, "busy", http.StatusServiceUnavailable)
		case "/slow":
			http.Error(w, "slow down", http.StatusTooManyRequests)
		case "/gone":
			http.Error(w, "gone", http.StatusGone)
		default:
			http.NotFound(w, r)
		}
	})
	content := "<p>The whole story, as the feed carries it.</p>"
	tests := []struct {
		path, content string
		body          string // "" for an error
	}{
		{"/story", content, "<p>the page</p>"},
		{"/missing", content, content},
		{"/gone", content, content},
		{"/missing", " ", ""}, // no text of its own
		{"/busy", content, ""},
		{"/slow", content, ""},
	}
	f := New(testOptions())
	for _, tt := range tests {
		p, err := FetchItem(context.Background(), f.FetchPage, Item{Link: srv.URL + tt.path, Content: tt.content})
		switch {
		case tt.body == "" && err == nil:
			t.Errorf("%s with content %q: page %q, want an error", tt.path, tt.content, p.Body)
		case tt.body != "" && (err != nil || string(p.Body) != tt.body):
			t.Errorf("%s: page %v, err %v; want body %q", tt.path, p, err, tt.body)
		case err == nil && (tt.body == content) != (p.FeedText != nil):
			t.Errorf("%s: FeedText = %v", tt.path, p.FeedText)
		}
	}
	summary := Item{Link: srv.URL + "/missing", Content: content, Summary: true}
	if p, err := FetchItem(context.Background(), f.FetchPage, summary); err == nil {
		t.Errorf("a summary stood in for a missing page: %q", p.Body)
	}
	refused := Item{Link: srv.URL + "/story", Content: content}
	if _, err := FetchItem(context.Background(), New(DefaultOptions()).FetchPage, refused); !errors.Is(err, ErrRefusedAddress) {
		t.Errorf("refused address: err %v, want it kept", err)
	}
}

func TestFetchPageTooLarge(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 2048))
	})
	opts := testOptions()
	opts.MaxPageBytes = 2047
	_, err := New(opts).FetchPage(context.Background(), srv.URL+"/page")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), srv.URL+"/page") {
		t.Errorf("err = %v, want ErrTooLarge naming the URL", err)
	}
	opts.MaxPageBytes = 2048
	if _, err := New(opts).FetchPage(context.Background(), srv.URL+"/page"); err != nil {
		t.Errorf("a body of exactly the cap: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			var n int
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			if n == 0 {
				w.Write(testdata(t, "rss1.xml"))
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusMovedPermanently)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://example.com/feed", http.StatusFound)
		}
	})
	f := New(testOptions())
	tests := []struct {
		path string
		hits int
		kind string
	}{
		{"/loop", 6, "redirects"}, // the request and 5 redirects
		{"/hop/5", 6, ""},
		{"/hop/6", 6, "redirects"},
		{"/ftp", 1, "bad_url"},
	}
	for _, tt := range tests {
		rec.hits = 0
		_, _, err := f.Poll(context.Background(), model.Feed{URL: srv.URL + tt.path}, testNow)
		if ErrorKind(err) != tt.kind || rec.hits != tt.hits {
			t.Errorf("%s: err %v (kind %q), %d requests; want kind %q, %d requests", tt.path, err, ErrorKind(err), rec.hits, tt.kind, tt.hits)
		}
		if tt.kind == "redirects" && (!errors.Is(err, ErrTooManyRedirects) || !strings.Contains(err.Error(), srv.URL)) {
			t.Errorf("%s: err %v, want ErrTooManyRedirects naming the URL", tt.path, err)
		}
	}
}

func TestRefusedAddresses(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) })
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	opts := testOptions()
	opts.AllowPrivate = false
	f := New(opts)
	for _, u := range []string{srv.URL + "/article", "http://localhost:" + port + "/article", "http://[::ffff:127.0.0.1]:" + port + "/"} {
		_, err := f.FetchPage(context.Background(), u)
		if !errors.Is(err, ErrRefusedAddress) || ErrorKind(err) != "refused_address" || !strings.Contains(err.Error(), "refused address") {
			t.Errorf("FetchPage(%s): err = %v, want ErrRefusedAddress", u, err)
		}
	}
	_, feed, err := f.Poll(context.Background(), model.Feed{URL: srv.URL + "/feed"}, testNow)
	if !errors.Is(err, ErrRefusedAddress) || feed.Errors != 1 || feed.NextCheck.IsZero() {
		t.Errorf("Poll: err %v, feed %+v; want refused and rescheduled", err, feed)
	}
	if rec.hits != 0 {
		t.Errorf("the refused server was asked %d times", rec.hits)
	}
	for _, u := range []string{"file:///etc/passwd", "gopher://example.com/", "/relative"} {
		if _, err := f.FetchPage(context.Background(), u); ErrorKind(err) != "bad_url" {
			t.Errorf("FetchPage(%s): err = %v, want a bad_url error", u, err)
		}
	}
}

// TestRedirectToPrivateRefused has a server the guard allows (127.0.0.1, by
// a test exception) redirect to one it refuses (127.0.0.2, loopback).
func TestRedirectToPrivateRefused(t *testing.T) {
	var inner recorder
	private := serveOn(t, "127.0.0.2", func(w http.ResponseWriter, r *http.Request) {
		inner.mu.Lock()
		inner.hits++
		inner.mu.Unlock()
		w.Write([]byte("metadata"))
	})
	var outer recorder
	public := outer.serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/ok" {
			w.Write([]byte("fine"))
			return
		}
		http.Redirect(w, r, private.URL+"/latest/meta-data/", http.StatusFound)
	})
	opts := testOptions()
	opts.AllowPrivate = false
	f := newFetcher(opts, []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")})
	if _, err := f.FetchPage(context.Background(), public.URL+"/ok"); err != nil {
		t.Fatalf("the allowed server: %v", err)
	}
	_, err := f.FetchPage(context.Background(), public.URL+"/redirect")
	if !errors.Is(err, ErrRefusedAddress) || !strings.Contains(err.Error(), "127.0.0.2 is loopback") {
		t.Errorf("err = %v, want ErrRefusedAddress for 127.0.0.2", err)
	}
	if inner.hits != 0 {
		t.Errorf("the private server was asked %d times", inner.hits)
	}
}

// serveOn starts a test server on another loopback address, such as
// 127.0.0.2, or skips the test if the system has none.
func serveOn(t *testing.T, ip string, h http.HandlerFunc) *httptest.Server {
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestCrossRedirects has a fetch on host A redirected to B while a fetch on
// B is redirected to A, both at once: neither may wait for the other's slot
// while keeping its own.
func TestCrossRedirects(t *testing.T) {
	var both sync.WaitGroup
	both.Add(2)
	var a, b *httptest.Server
	handler := func(other **httptest.Server) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/final" {
				w.Write([]byte("ok"))
				return
			}
			both.Done()
			both.Wait() // both fetches now hold their first host
			http.Redirect(w, r, (*other).URL+"/final", http.StatusFound)
		}
	}
	a = serveOn(t, "127.0.0.1", handler(&b))
	b = serveOn(t, "127.0.0.2", handler(&a))
	opts := testOptions()
	opts.Timeout = 2 * time.Second
	f := New(opts)
	var wg sync.WaitGroup
	for _, srv := range []*httptest.Server{a, b} {
		wg.Go(func() {
			if _, err := f.FetchPage(context.Background(), srv.URL+"/start"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestPerHostLimit(t *testing.T) {
	for _, perHost := range []int{1, 2} {
		t.Run(fmt.Sprint(perHost), func(t *testing.T) {
			var now, peak atomic.Int32
			var rec recorder
			srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
				n := now.Add(1)
				defer now.Add(-1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(20 * time.Millisecond)
				w.Write([]byte("ok"))
			})
			opts := testOptions()
			opts.PerHost = perHost
			f := New(opts)
			var wg sync.WaitGroup
			for i := range 6 {
				wg.Go(func() {
					if _, err := f.FetchPage(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if p := peak.Load(); p < 1 || p > int32(perHost) {
				t.Errorf("peak concurrency %d, want at most %d", p, perHost)
			}
		})
	}
}

func TestHostDelay(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	opts := testOptions()
	opts.HostDelay = 50 * time.Millisecond
	f := New(opts)
	start := time.Now()
	for range 3 {
		if _, err := f.FetchPage(context.Background(), srv.URL); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 100*time.Millisecond {
		t.Errorf("3 requests took %v, want at least 2 delays of 50ms", elapsed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.FetchPage(ctx, srv.URL); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled while waiting for the host: err = %v", err)
	}
}

func TestErrorKind(t *testing.T) {
	wrap := func(err error) error { return &url.Error{Op: "Get", URL: "https://a.example/", Err: err} }
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{errors.New("boom"), "other"},
		{wrap(fmt.Errorf("dial: %w", ErrRefusedAddress)), "refused_address"},
		{wrap(ErrUnsupportedScheme), "bad_url"},
		{wrap(ErrTooManyRedirects), "redirects"},
		{fmt.Errorf("x: %w", ErrTooLarge), "too_large"},
		{fmt.Errorf("x: %w: %w", ErrParse, errors.New("eof")), "parse"},
		{&StatusError{URL: "u", Code: 404}, "http_4xx"},
		{&StatusError{URL: "u", Code: 410}, "http_4xx"},
		{&StatusError{URL: "u", Code: 502}, "http_5xx"},
		{wrap(&net.DNSError{Err: "no such host", Name: "a.example", IsNotFound: true}), "dns"},
		{wrap(&net.OpError{Op: "dial", Err: &net.DNSError{Err: "timeout", IsTimeout: true}}), "dns"},
		{wrap(context.DeadlineExceeded), "timeout"},
		{wrap(&net.OpError{Op: "read", Err: errTimeout{}}), "timeout"},
		{wrap(context.Canceled), "other"},
	}
	for _, tt := range tests {
		if got := ErrorKind(tt.err); got != tt.want {
			t.Errorf("ErrorKind(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

// errTimeout is a net.Error that timed out.
type errTimeout struct{}

func (errTimeout) Error() string   { return "i/o timeout" }
func (errTimeout) Timeout() bool   { return true }
func (errTimeout) Temporary() bool { return true }

// TestQueueIsNotTimed checks that waiting for a busy host does not count
// against Options.Timeout: only the exchange itself does.
func TestQueueIsNotTimed(t *testing.T) {
	var rec recorder
	srv := rec.serve(t, func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(60 * time.Millisecond)
		w.Write([]byte("ok"))
	})
	opts := testOptions()
	opts.Timeout = 500 * time.Millisecond
	f := New(opts)
	var wg sync.WaitGroup
	for range 12 { // about 720ms in line for the last one
		wg.Go(func() {
			if _, err := f.FetchPage(context.Background(), srv.URL); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}
