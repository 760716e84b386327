package api

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// readQuery parses a raw query string strictly: what Go's url.Query would
// drop silently (a ';', a bad escape, more parameters than it takes) is an
// error, and so is a parameter that is not in names or is given twice,
// except kind, whose lists are joined. A filter the API cannot read must
// never turn into no filter.
func readQuery(raw string, names ...string) (url.Values, error) {
	q, err := url.ParseQuery(raw)
	if err != nil {
		return nil, fmt.Errorf("query %q: %v", clip(raw), clipErr(err))
	}
	for k, v := range q {
		if !slices.Contains(names, k) {
			return nil, fmt.Errorf("unknown query parameter %q (want %s)", clip(k), wantList(names))
		}
		if len(v) > 1 && k != "kind" {
			return nil, fmt.Errorf("query parameter %q given %d times", k, len(v))
		}
	}
	if kinds := q["kind"]; len(kinds) > 1 {
		q.Set("kind", strings.Join(kinds, ","))
	}
	return q, nil
}

func wantList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "one of " + strings.Join(names, ", ")
}

// flagValue reads a yes/no parameter: empty or absent is no.
func flagValue(q url.Values, name string) (bool, error) {
	s := q.Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%s %q: want 1 or 0", name, clip(s))
	}
	return b, nil
}

// maxEcho is how much of a request's input an error message repeats.
const maxEcho = 64

// clip cuts s to a short prefix for an error message, saying how long it
// was: an error must not send a huge input back.
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", cut(s, maxEcho), len(s))
}

// cut returns the longest prefix of s of at most n bytes that does not
// split a UTF-8 sequence.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// clipErr shortens errors from the url package, which quote the input.
func clipErr(err error) string { return clip(err.Error()) }
