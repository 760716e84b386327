package feeds

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// politeTransport limits the requests in flight to one host and spaces their
// starts. A fetch holds its first host's slot from before the request (so
// that waiting in line does not count against its timeout) to the end of the
// fetch (see hold); a redirect to another host takes that host's slot until
// its body is closed. The http.Client closes a redirect's body before
// following it, so a chain of redirects never waits on itself.
type politeTransport struct {
	next    http.RoundTripper
	perHost int
	delay   time.Duration

	mu    sync.Mutex
	hosts map[string]*hostSlot
}

// hostSlot is the politeness state of one host.
type hostSlot struct {
	sem  chan struct{}
	next time.Time // earliest start of the next request
}

func newPoliteTransport(next http.RoundTripper, perHost int, delay time.Duration) *politeTransport {
	return &politeTransport{next: next, perHost: perHost, delay: delay, hosts: map[string]*hostSlot{}}
}

// heldKey is the context key under which hold records the host whose slot
// the fetch already holds.
type heldKey struct{}

// hold takes the slot of u's host for a whole fetch and returns the context
// to send its requests with and the function that gives the slot back.
func (t *politeTransport) hold(ctx context.Context, u *url.URL) (context.Context, func(), error) {
	host := hostKey(u)
	release, err := t.acquire(ctx, host)
	if err != nil {
		return nil, nil, err
	}
	return context.WithValue(ctx, heldKey{}, host), release, nil
}

// hostKey is the name politeness counts by: the host name, any port.
func hostKey(u *url.URL) string {
	return strings.ToLower(u.Hostname())
}

// RoundTrip sends the request, first waiting for a slot and the host's delay
// unless the fetch already holds the host's slot.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := hostKey(req.URL)
	if held, _ := req.Context().Value(heldKey{}).(string); held == host {
		return t.next.RoundTrip(req)
	}
	release, err := t.acquire(req.Context(), host)
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		release()
		return nil, err
	}
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: release}
	return resp, nil
}

// acquire takes a slot for host, waits until the host may be asked again and
// returns the function that gives the slot back.
func (t *politeTransport) acquire(ctx context.Context, host string) (func(), error) {
	slot := t.slot(host)
	select {
	case slot.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release := sync.OnceFunc(func() { <-slot.sem })
	if err := sleep(ctx, t.reserve(slot)); err != nil {
		release()
		return nil, err
	}
	return release, nil
}

// slot returns host's state, creating it on first use.
func (t *politeTransport) slot(host string) *hostSlot {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.hosts[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, t.perHost)}
		t.hosts[host] = s
	}
	return s
}

// reserve books the host's next start time and returns how long to wait for it.
func (t *politeTransport) reserve(s *hostSlot) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	start := now
	if s.next.After(now) {
		start = s.next
	}
	s.next = start.Add(t.delay)
	return start.Sub(now)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// releasingBody gives the host slot back when the body is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
}

func (b *releasingBody) Close() error {
	defer b.release()
	return b.ReadCloser.Close()
}
