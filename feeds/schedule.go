package feeds

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// hints are the feed's and the server's wishes about the next poll.
type hints struct {
	ttl        time.Duration // RSS <ttl>
	maxAge     time.Duration // Cache-Control max-age
	expires    time.Duration // Expires, from now
	retryAfter time.Duration // Retry-After, from now
	gone       bool          // 410 Gone: poll as rarely as allowed
}

// policy bounds the poll schedule.
type policy struct {
	min, max, def time.Duration
	jitter        float64
}

// policyOf takes the schedule bounds from opts.
func policyOf(o Options) policy {
	return policy{min: o.MinInterval, max: o.MaxInterval, def: o.DefaultInterval, jitter: max(o.Jitter, 0)}
}

// delay is the whole polling policy: the longest of the configured interval
// (doubled per consecutive error) and every hint, clamped to [min, max], plus
// a random extra of up to jitter times that (rnd is in [0, 1)), still at most
// max. A gone feed waits max.
func (p policy) delay(interval time.Duration, h hints, errs int, rnd float64) time.Duration {
	if h.gone {
		return p.max
	}
	d := max(p.backoff(interval, errs), h.ttl, h.maxAge, h.expires, h.retryAfter)
	d = min(max(d, p.min), p.max)
	d += time.Duration(float64(d) * p.jitter * rnd)
	return min(d, p.max)
}

// backoff doubles the interval (the default if zero) once per consecutive
// error, stopping once it reaches max.
func (p policy) backoff(interval time.Duration, errs int) time.Duration {
	if interval <= 0 {
		interval = p.def
	}
	for i := 0; i < errs && interval < p.max; i++ {
		interval *= 2
	}
	return interval
}

// hintsFrom reads the caching headers of a response received at now.
func hintsFrom(h http.Header, now time.Time) hints {
	return hints{
		maxAge:     maxAge(h.Get("Cache-Control")),
		expires:    until(h.Get("Expires"), now),
		retryAfter: retryAfter(h.Get("Retry-After"), now),
	}
}

// maxAge returns the max-age of a Cache-Control header; 0 if absent, or if
// no-cache or no-store forbid caching.
func maxAge(cacheControl string) time.Duration {
	var age time.Duration
	for _, directive := range strings.Split(cacheControl, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(directive), "=")
		switch strings.ToLower(name) {
		case "no-cache", "no-store":
			return 0
		case "max-age":
			age = seconds(strings.Trim(value, `"`))
		}
	}
	return age
}

// retryAfter parses a Retry-After header, in seconds or as an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if d := seconds(v); d > 0 {
		return d
	}
	return until(v, now)
}

// until returns how long after now the HTTP date v is; 0 if it is past or
// does not parse.
func until(v string, now time.Time) time.Duration {
	t, err := http.ParseTime(strings.TrimSpace(v))
	if err != nil || !t.After(now) {
		return 0
	}
	return min(t.Sub(now), maxHint)
}

// ttl parses an RSS <ttl>, a number of minutes.
func ttl(v string) time.Duration {
	return count(strings.TrimSpace(v), time.Minute)
}

// seconds parses a number of seconds, as in max-age and Retry-After.
func seconds(v string) time.Duration {
	return count(v, time.Second)
}

// maxHint caps every hint, so that none overflows; the policy clamps to its
// own maximum anyway.
const maxHint = 10 * 365 * 24 * time.Hour

// count parses a non-negative decimal number of units, capped at maxHint;
// anything else is 0.
func count(v string, unit time.Duration) time.Duration {
	n, err := strconv.ParseUint(v, 10, 64) // out of range gives the maximum
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0
	}
	return time.Duration(min(n, uint64(maxHint/unit))) * unit
}
