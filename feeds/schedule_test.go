package feeds

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)

func TestPolicyDelay(t *testing.T) {
	p := policy{min: time.Minute, max: 24 * time.Hour, def: 15 * time.Minute, jitter: 0.1}
	tests := []struct {
		name     string
		interval time.Duration
		h        hints
		errs     int
		rnd      float64
		want     time.Duration
	}{
		{"default interval", 0, hints{}, 0, 0, 15 * time.Minute},
		{"configured interval", 30 * time.Minute, hints{}, 0, 0, 30 * time.Minute},
		{"ttl longer", 0, hints{ttl: time.Hour}, 0, 0, time.Hour},
		{"ttl shorter", 0, hints{ttl: 5 * time.Minute}, 0, 0, 15 * time.Minute},
		{"max-age", 0, hints{maxAge: 2 * time.Hour}, 0, 0, 2 * time.Hour},
		{"expires", 0, hints{expires: 3 * time.Hour}, 0, 0, 3 * time.Hour},
		{"retry-after", 0, hints{retryAfter: 4 * time.Hour}, 1, 0, 4 * time.Hour},
		{"longest hint wins", 0, hints{ttl: time.Hour, maxAge: 2 * time.Hour, expires: 90 * time.Minute}, 0, 0, 2 * time.Hour},
		{"clamped to min", 10 * time.Second, hints{}, 0, 0, time.Minute},
		{"clamped to max", 0, hints{maxAge: 72 * time.Hour}, 0, 0, 24 * time.Hour},
		{"first error doubles", 0, hints{}, 1, 0, 30 * time.Minute},
		{"third error", 0, hints{}, 3, 0, 2 * time.Hour},
		{"backoff capped", 0, hints{}, 50, 0, 24 * time.Hour},
		{"backoff beats short retry-after", 0, hints{retryAfter: time.Minute}, 2, 0, time.Hour},
		{"gone waits max", 0, hints{gone: true}, 1, 0.99, 24 * time.Hour},
		{"jitter adds up to 10%", 0, hints{}, 0, 0.5, 15*time.Minute + 45*time.Second},
		{"jitter at min", 10 * time.Second, hints{}, 0, 0.5, time.Minute + 3*time.Second},
		{"jitter never passes max", 0, hints{maxAge: 23*time.Hour + 59*time.Minute}, 0, 0.99, 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.delay(tt.interval, tt.h, tt.errs, tt.rnd); got != tt.want {
				t.Errorf("delay = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPolicyBounds(t *testing.T) {
	p := policyOf(DefaultOptions())
	for errs := range 40 {
		for _, rnd := range []float64{0, 0.25, 0.5, 0.999999} {
			d := p.delay(time.Duration(errs)*time.Second, hints{}, errs, rnd)
			base := p.delay(time.Duration(errs)*time.Second, hints{}, errs, 0)
			if d < p.min || d > p.max || d < base || float64(d) > float64(base)*1.1+1 {
				t.Fatalf("errs=%d rnd=%v: delay %v outside [%v, %v] or base %v + 10%%", errs, rnd, d, p.min, p.max, base)
			}
		}
	}
}

func TestBackoffGrows(t *testing.T) {
	p := policyOf(DefaultOptions())
	prev := time.Duration(0)
	for errs := range 10 {
		d := p.delay(0, hints{}, errs, 0)
		if d < prev || (d == prev && d != p.max) {
			t.Fatalf("errs=%d: delay %v after %v", errs, d, prev)
		}
		prev = d
	}
	if prev != p.max {
		t.Errorf("after 9 errors delay = %v, want the max %v", prev, p.max)
	}
}

func TestHintsFrom(t *testing.T) {
	date := func(d time.Duration) string { return testNow.Add(d).Format(http.TimeFormat) }
	tests := []struct {
		name   string
		header http.Header
		want   hints
	}{
		{"none", http.Header{}, hints{}},
		{"max-age", http.Header{"Cache-Control": {"public, max-age=3600"}}, hints{maxAge: time.Hour}},
		{"quoted max-age", http.Header{"Cache-Control": {`max-age="60"`}}, hints{maxAge: time.Minute}},
		{"no-cache wins", http.Header{"Cache-Control": {"max-age=3600, no-cache"}}, hints{}},
		{"bad max-age", http.Header{"Cache-Control": {"max-age=-5"}}, hints{}},
		{"expires", http.Header{"Expires": {date(2 * time.Hour)}}, hints{expires: 2 * time.Hour}},
		{"expires past", http.Header{"Expires": {date(-time.Hour)}}, hints{}},
		{"expires zero", http.Header{"Expires": {"0"}}, hints{}},
		{"retry-after seconds", http.Header{"Retry-After": {"120"}}, hints{retryAfter: 2 * time.Minute}},
		{"retry-after date", http.Header{"Retry-After": {date(30 * time.Minute)}}, hints{retryAfter: 30 * time.Minute}},
		{"retry-after huge", http.Header{"Retry-After": {"99999999999999999999"}}, hints{retryAfter: maxHint}},
		{"retry-after capped", http.Header{"Retry-After": {"9999999999999"}}, hints{retryAfter: maxHint}},
		{"retry-after junk", http.Header{"Retry-After": {"soon"}}, hints{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hintsFrom(tt.header, testNow); got != tt.want {
				t.Errorf("hintsFrom = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestTTL(t *testing.T) {
	tests := map[string]time.Duration{"": 0, "60": time.Hour, " 5 ": 5 * time.Minute, "x": 0, "-1": 0, "99999999999": maxHint}
	for in, want := range tests {
		if got := ttl(in); got != want {
			t.Errorf("ttl(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzCachingHeaders(f *testing.F) {
	f.Add("max-age=60, public", "120", "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add(`no-store, max-age="5"`, "Tue, 05 Mar 2024 13:00:00 GMT", "0")
	f.Add("max-age=99999999999999999999", "-1", "")
	f.Fuzz(func(t *testing.T, cacheControl, retry, expires string) {
		h := http.Header{"Cache-Control": {cacheControl}, "Retry-After": {retry}, "Expires": {expires}}
		got := hintsFrom(h, testNow)
		for _, d := range []time.Duration{got.maxAge, got.retryAfter} {
			if d < 0 || d > maxHint {
				t.Fatalf("hint %v out of [0, %v] for %q", d, maxHint, strings.Join([]string{cacheControl, retry, expires}, " | "))
			}
		}
		if got.expires < 0 || got.expires > maxHint {
			t.Fatalf("expires %v out of range", got.expires)
		}
		p := policyOf(DefaultOptions())
		if d := p.delay(0, got, 3, 0.5); d < p.min || d > p.max {
			t.Fatalf("delay %v out of bounds", d)
		}
	})
}
