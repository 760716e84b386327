package api

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// FilterArgs are claim filters as a user writes them, on the command line
// or in a query string.
type FilterArgs struct {
	Since string // RFC 3339, a date (2019-11-19), days (7d) or a duration before now such as "24h"
	Kinds string // comma-separated kinds
	Feed  string // a feed URL
	// Parties, each matched without regard to case: who accuses, who is
	// accused, who speaks, which threat actor (label, name or alias).
	Accuser, Accused, Speaker, Actor string
}

// partyParams are the query parameters of FilterArgs' parties.
var partyParams = []string{"accuser", "accused", "speaker", "actor"}

// maxParty bounds a party filter: no name is longer.
const maxParty = 200

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
	if err != nil {
		return f, err
	}
	targets := []*string{&f.Accuser, &f.Accused, &f.Speaker, &f.Actor}
	for i, v := range []string{a.Accuser, a.Accused, a.Speaker, a.Actor} {
		p := strings.TrimSpace(v)
		if v != "" && p == "" || len(p) > maxParty {
			return f, fmt.Errorf("%s %q: want a name of 1 to %d bytes", partyParams[i], clip(v), maxParty)
		}
		*targets[i] = p
	}
	return f, nil
}

// Query encodes the arguments as query parameters.
func (a FilterArgs) Query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"since": a.Since, "kind": a.Kinds, "feed": a.Feed,
		"accuser": a.Accuser, "accused": a.Accused, "speaker": a.Speaker, "actor": a.Actor} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// checkParties refuses a party parameter given empty: "accuser=" would
// otherwise filter nothing.
func checkParties(q url.Values) error {
	for _, p := range partyParams {
		if q.Has(p) && q.Get(p) == "" {
			return fmt.Errorf("%s: want a name", p)
		}
	}
	return nil
}

// filterArgsOf reads the arguments from a query string checked by
// readQuery.
func filterArgsOf(q url.Values) FilterArgs {
	return FilterArgs{Since: q.Get("since"), Kinds: q.Get("kind"), Feed: q.Get("feed"),
		Accuser: q.Get("accuser"), Accused: q.Get("accused"), Speaker: q.Get("speaker"), Actor: q.Get("actor")}
}

// filterParams are the query parameters FilterArgs reads.
var filterParams = slices.Concat([]string{"since", "kind", "feed"}, partyParams)

// parseSince reads an RFC 3339 time, a date (midnight UTC), a number of
// days ("7d") or a duration ("24h") before now.
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if days, err := strconv.Atoi(n); err == nil && days >= 0 && days <= maxSinceDays {
			return now.AddDate(0, 0, -days), nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("since %q: want an RFC 3339 time (2025-03-01T00:00:00Z), a date (2025-03-01), days (7d) or a duration (24h)", clip(s))
	}
	return now.Add(-d), nil
}

// maxSinceDays bounds "Nd": a century back is far enough.
const maxSinceDays = 36500

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
