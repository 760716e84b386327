package api

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/claimwire/claimwire/store"
)

// ClaimParams are the query parameters of GET /api/claims, which the
// claims page of the web interface takes too.
var ClaimParams = []string{"since", "until", "kind", "feed", "outlet", "accuser", "accused", "speaker", "actor", "q", "limit", "after"}

// maxText bounds a free-text or party filter.
const maxText = 256

// ParseClaimFilter reads the filters of a claims listing from query values
// (read with readQuery or from a form): since and until (RFC 3339, a date
// such as 2025-03-01 or, for since, a duration before now), kind, feed,
// outlet, the parties accuser, accused, speaker and actor, q (free text)
// and after (the cursor). An empty value is no filter; a value that is only
// white space, or too long, is an error, never no filter.
func ParseClaimFilter(q url.Values, now time.Time) (store.Filter, error) {
	since := q.Get("since")
	args := FilterArgs{Kinds: q.Get("kind"), Feed: q.Get("feed")}
	if _, isDate := parseDate(since); !isDate {
		args.Since = since
	}
	f, err := args.Parse(now)
	if err != nil {
		return f, err
	}
	if d, ok := parseDate(since); ok {
		f.Since = d
	}
	if s := q.Get("until"); s != "" {
		if f.Until, err = parseUntil(s); err != nil {
			return f, err
		}
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"outlet", &f.Outlet}, {"accuser", &f.Accuser}, {"accused", &f.Accused}, {"speaker", &f.Speaker}, {"actor", &f.Actor}, {"q", &f.Text}} {
		v := q.Get(p.name)
		if v == "" {
			continue
		}
		*p.dst = strings.TrimSpace(v)
		if *p.dst == "" || len(v) > maxText {
			return f, fmt.Errorf("%s %q: want a name or words of at most %d bytes", p.name, clip(v), maxText)
		}
	}
	f.After = q.Get("after")
	return f, nil
}

// parseDate reads a day such as 2025-03-01 (UTC midnight).
func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return t, err == nil
}

// parseUntil reads the end of a date range: an RFC 3339 time, or a day,
// which includes that whole day.
func parseUntil(s string) (time.Time, error) {
	if d, ok := parseDate(s); ok {
		return d.AddDate(0, 0, 1), nil
	}
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	if err != nil {
		return t, fmt.Errorf("until %q: want a date (2025-03-01) or an RFC 3339 time", clip(s))
	}
	return t, nil
}
