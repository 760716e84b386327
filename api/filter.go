package api

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// FilterArgs are claim filters as a user writes them, on the command line
// or in a query string.
type FilterArgs struct {
	Since string // RFC 3339, or a duration before now such as "24h"
	Kinds string // comma-separated kinds
	Feed  string // a feed URL
}

// Parse turns the arguments into a store filter; now anchors durations.
func (a FilterArgs) Parse(now time.Time) (store.Filter, error) {
	f := store.Filter{Feed: strings.TrimSpace(a.Feed)}
	if a.Feed != "" && f.Feed == "" {
		return f, fmt.Errorf("feed %q: want a feed URL", clip(a.Feed)) // blank: never no filter
	}
	var err error
	if f.Since, err = parseSince(a.Since, now); err != nil {
		return f, err
	}
	f.Kinds, err = parseKinds(a.Kinds)
	if err == nil && a.Kinds != "" && len(f.Kinds) == 0 {
		err = fmt.Errorf("kind %q: want one of %s", clip(a.Kinds), kindList())
	}
	return f, err
}

// Query encodes the arguments as query parameters.
func (a FilterArgs) Query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"since": a.Since, "kind": a.Kinds, "feed": a.Feed} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// filterArgsOf reads the arguments from a query string checked by
// readQuery.
func filterArgsOf(q url.Values) FilterArgs {
	return FilterArgs{Since: q.Get("since"), Kinds: q.Get("kind"), Feed: q.Get("feed")}
}

func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("since %q: want an RFC 3339 time (2025-03-01T00:00:00Z) or a duration (24h)", clip(s))
	}
	return now.Add(-d), nil
}

func parseKinds(s string) ([]model.Kind, error) {
	var kinds []model.Kind
	for _, part := range strings.Split(s, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		k := model.Kind(part)
		if !k.Valid() {
			return nil, fmt.Errorf("kind %q: want one of %s", clip(part), kindList())
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

func kindList() string {
	names := make([]string, len(model.Kinds))
	for i, k := range model.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}
