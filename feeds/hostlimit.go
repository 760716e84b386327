package feeds

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// politeTransport limits the requests in flight to one host and spaces their
// starts. A fetch takes its first host's slot before the request, so that
// waiting in line does not count against its timeout, and keeps it to the end
// (see hold). A redirect to another host gives that slot back and takes the
// new host's slot until its body is closed. The http.Client closes a
// redirect's body before following it, so a fetch holds at most one slot at
// a time and two fetches cannot wait on each other.
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

// heldKey is the context key of a fetch's *held.
type heldKey struct{}

// held is the slot a fetch took before its first request.
type held struct {
	host    string
	release func() // idempotent
	left    atomic.Bool
}

// hold takes the slot of u's host for a whole fetch and returns the context
// to send its requests with and the function that gives the slot back.
func (t *politeTransport) hold(ctx context.Context, u *url.URL) (context.Context, func(), error) {
	h := &held{host: hostKey(u)}
	var err error
	if h.release, err = t.acquire(ctx, h.host); err != nil {
		return nil, nil, err
	}
	return context.WithValue(ctx, heldKey{}, h), h.release, nil
}

// holds reports whether the fetch of ctx holds host's slot; when a redirect
// leaves that host, it gives the slot back for good.
func holds(ctx context.Context, host string) bool {
	h, _ := ctx.Value(heldKey{}).(*held)
	switch {
	case h == nil || h.left.Load():
		return false
	case h.host == host:
		return true
	}
	h.left.Store(true)
	h.release()
	return false
}

// hostKey is the name politeness counts by: the host name, any port.
func hostKey(u *url.URL) string {
	return strings.ToLower(u.Hostname())
}

// RoundTrip sends the request, first waiting for a slot and the host's delay
// unless the fetch already holds the host's slot.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	host := hostKey(req.URL)
	if holds(req.Context(), host) {
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
