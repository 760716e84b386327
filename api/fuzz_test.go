package api

import (
	"net"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// The claims query parser never panics, and what it accepts is within
// bounds and was really in the query: no parameter is dropped silently.
func FuzzClaimsQuery(f *testing.F) {
	for _, seed := range []string{"", "kind=number", "since=24h&kind=actor,quote&limit=5", "kind=a;b", "after=0123456789abcdef-0001",
		"limit=0", "since=2025-03-01T00:00:00Z", "%zz", "kind=number&kind=actor", "feed=https%3A%2F%2Fx.example%2Frss",
		"accuser=China&accused=United%20States", "speaker=", "actor=APT31&groups=1", "since=2019-11-19", "since=7d"} {
		f.Add(seed)
	}
	s := &Server{Now: func() time.Time { return day0 }}
	f.Fuzz(func(t *testing.T, raw string) {
		cq, err := s.parseClaimsQuery(raw)
		if err != nil {
			if len(err.Error()) > 4*maxEcho+200 {
				t.Fatalf("error of %d bytes: %.100s", len(err.Error()), err)
			}
			return
		}
		if cq.limit < 1 || cq.limit > maxLimit {
			t.Fatalf("limit %d accepted", cq.limit)
		}
		q, perr := url.ParseQuery(raw)
		if perr != nil {
			t.Fatalf("accepted %q, which Go does not parse: %v", raw, perr)
		}
		if q.Get("feed") != "" && cq.filter.Feed == "" || q.Get("kind") != "" && len(cq.filter.Kinds) == 0 {
			t.Fatalf("%q: a filter was dropped: %+v", raw, cq.filter)
		}
		fl := cq.filter
		for i, have := range []string{fl.Accuser, fl.Accused, fl.Speaker, fl.Actor} {
			if q.Has(partyParams[i]) && have == "" || len(have) > maxParty {
				t.Fatalf("%q: party filter %s is %q", raw, partyParams[i], have)
			}
		}
	})
}

// Whatever the request target and Host, the handler answers without
// panicking, and every error is JSON (serve checks it).
func FuzzHandler(f *testing.F) {
	for _, seed := range [][2]string{{"/api/claims?kind=number", "127.0.0.1"}, {"/api/articles/x", "localhost:1"},
		{"/api/claims.csv?excel=1", "[::1]:80"}, {"/nope", "attacker.example"}, {"/api/feeds?a;b", "127.0.0.1"}} {
		f.Add(seed[0], seed[1])
	}
	h := testHandler(f, fixture(f))
	f.Fuzz(func(t *testing.T, target, host string) {
		if _, err := url.ParseRequestURI(target); err != nil || !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \t\r\n#") {
			return // not something an HTTP server hands a handler
		}
		req := httptest.NewRequest("GET", "http://127.0.0.1"+target, nil)
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 400 && (rec.Header().Get("Content-Type") != "application/json" || !strings.HasPrefix(rec.Body.String(), `{"error":`)) {
			t.Fatalf("%s (Host %q): %d %q", target, host, rec.Code, rec.Body.String())
		}
		if hn := hostOf(host); rec.Code == 200 && hn != "localhost" && hn != "claims.internal" && hn != "10.1.2.3" && !isLoopback(hn) {
			t.Fatalf("Host %q answered", host)
		}
	})
}

func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
