package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"
)

// Fetcher fetches feeds and pages politely and safely. It is safe for
// concurrent use; share one per process so that its per-host limits hold.
type Fetcher struct {
	opts   Options
	polite *politeTransport
	client *http.Client
	rand   func() float64 // in [0, 1), for jitter
}

// New returns a Fetcher configured by opts (see Options for zero values).
func New(opts Options) *Fetcher {
	return newFetcher(opts, nil)
}

// newFetcher is New with exceptions to the address guard, for tests that
// need one loopback server allowed and another refused.
func newFetcher(opts Options, allow []netip.Prefix) *Fetcher {
	opts = opts.withDefaults()
	polite := newPoliteTransport(newTransport(opts, allow), opts.PerHost, opts.HostDelay)
	client := &http.Client{Transport: polite, CheckRedirect: checkRedirect(opts.MaxRedirects)}
	return &Fetcher{opts: opts, polite: polite, client: client, rand: rand.Float64}
}

// newTransport builds the client's transport: guarded dials, no proxy from
// the environment (the guard must see the real destination), gzip accepted
// and decoded by net/http.
func newTransport(o Options, allow []netip.Prefix) *http.Transport {
	dialer := &net.Dialer{Timeout: o.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !o.AllowPrivate {
		dialer.Control = dialGuard(allow)
	}
	return &http.Transport{
		DialContext:         dialer.DialContext,
		ForceAttemptHTTP2:   true,
		TLSHandshakeTimeout: o.ConnectTimeout,
		MaxIdleConns:        100,
		IdleConnTimeout:     90 * time.Second,
	}
}

// checkRedirect follows at most limit redirects, to http(s) URLs only.
func checkRedirect(limit int) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > limit {
			return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, limit)
		}
		_, err := parseHTTPURL(req.URL.String())
		return err
	}
}

// response is what the Fetcher keeps of an HTTP response.
type response struct {
	url    string // final, after redirects
	status int
	header http.Header
	body   []byte
}

// get sends a GET with the given extra headers, once the host may be asked,
// and gives it Options.Timeout from then on. A status other than 2xx or 304
// is a *StatusError, returned with the response so that its headers
// (Retry-After) can still be read; the body is then not read.
func (f *Fetcher) get(ctx context.Context, rawURL string, header http.Header, limit int64) (*response, error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return nil, err
	}
	ctx, release, err := f.polite.hold(ctx, u)
	if err != nil {
		return nil, requestError(rawURL, err)
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	return f.do(ctx, u, rawURL, header, limit)
}

// do sends the request of get and reads its response.
func (f *Fetcher) do(ctx context.Context, u *url.URL, rawURL string, header http.Header, limit int64) (*response, error) {
	req, err := f.newRequest(ctx, u, header)
	if err != nil {
		return nil, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, requestError(rawURL, err)
	}
	defer resp.Body.Close()
	r := &response{url: resp.Request.URL.String(), status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusNotModified {
		return r, &StatusError{URL: rawURL, Code: resp.StatusCode}
	}
	r.body, err = readBody(resp.Body, resp.ContentLength, limit, rawURL)
	return r, err
}

// requestError names the requested URL, and the one that failed if a
// redirect led elsewhere, in place of the *url.Error of net/http.
func requestError(rawURL string, err error) error {
	var ue *url.Error
	switch {
	case !errors.As(err, &ue):
		return fmt.Errorf("GET %s: %w", rawURL, err)
	case ue.URL != rawURL:
		return fmt.Errorf("GET %s (redirected to %s): %w", rawURL, ue.URL, ue.Err)
	}
	return fmt.Errorf("GET %s: %w", rawURL, ue.Err)
}

// newRequest builds a GET with our User-Agent.
func (f *Fetcher) newRequest(ctx context.Context, u *url.URL, header http.Header) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %w", errBadURL, u, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	return req, nil
}

// parseHTTPURL parses an absolute http or https URL; its errors name raw.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // it would name raw a second time
	}
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w %q: %w", errBadURL, raw, err)
	case u.Scheme == "":
		return nil, fmt.Errorf("%w %q: not absolute", errBadURL, raw)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%w %q: %w %s", errBadURL, raw, ErrUnsupportedScheme, u.Scheme)
	case u.Host == "":
		return nil, fmt.Errorf("%w %q: no host", errBadURL, raw)
	}
	return u, nil
}

// readBody reads at most limit bytes; a longer body is an error, never
// silently truncated. length is the Content-Length, or -1 if unknown.
func readBody(body io.Reader, length, limit int64, rawURL string) ([]byte, error) {
	if length > limit {
		return nil, fmt.Errorf("GET %s: %w: Content-Length %d exceeds %d bytes", rawURL, ErrTooLarge, length, limit)
	}
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading body: %w", rawURL, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("GET %s: %w: exceeds %d bytes", rawURL, ErrTooLarge, limit)
	}
	return b, nil
}
