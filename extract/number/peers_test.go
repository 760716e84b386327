package number

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// The peer cases are number expressions from the test suites of Microsoft
// Recognizers-Text (MIT), duckling (BSD) and quantulum3 (MIT), gathered in
// the project's shared evaluation folder. testdata/cases.json keeps the
// ones claimwire agrees with, so that the test runs without that folder.
const (
	sharedCases = "../../../shared/eval/numbers/cases.json"
	ownCases    = "testdata/cases.json"
)

var update = flag.Bool("update", false, "rewrite "+ownCases+" from the shared peer cases")

// policy lists the peer cases claimwire reads differently on purpose.
var policy = map[string]string{
	// Not claims: dates, identifiers, phone numbers, versions, ages, ranks.
	"192.168.1.2":                         "an IP address is an identifier, not four numbers",
	"Any time to meet on 5/17/2018?":      "a date is not a claimed number",
	"My phone number is +1-222-2222/2222": "a phone number is not a claimed number",
	"SCP-173":                             "a hyphenated code is an identifier",
	"Exercises nrs. 22,24,26,31.":         `numbers after "nrs." name things; the first is skipped`,
	"Exercise nr. 22,240,260,310.":        `a number after "nr." names a thing`,
	"we will be working on releasing version two and a previous version will still be maintained": `"version two" is a version`,
	"He is more than thirty years old.":                            "ages are not claims",
	"He is over thirty years old.":                                 "ages are not claims",
	"He ranks between the tenth and the fifteenth.":                "ordinals are ranks, not amounts",
	"He ranks higher than the tenth but lower than the fifteenth.": "ordinals are ranks, not amounts",
	"single": `"single" is an adjective in news ("single market", "single largest")`,
	// Decimal commas and a continental thousands dot are not English news style.
	"In some countries you can write 5.00 or 5,00.": "a decimal comma is skipped, not read",
	"1.111,11, 1,111.11":                            "a decimal comma is read as a list",
	"The number is 1,3.":                            "a decimal comma is skipped, not read",
	// Peer choices that read English differently.
	"a million and a half":                  `quantulum3 reads 1000000.5; claimwire reads 1.5 million, as Recognizers-Text does`,
	"minus a million and a half":            `quantulum3 reads -1000000.5; claimwire reads -1.5 million`,
	"negative million and a half":           `quantulum3 reads -1000000.5; claimwire reads -1.5 million`,
	"hundred and five hundred and six":      `claimwire reads "five hundred" together: 100 and 506`,
	"several hundred years":                 `"several hundred" is a vague amount (about 300), flagged Vague`,
	"Zero is a small number.":               `"a" alone is not one`,
	"The number is from 200 to 300 in 2008": "Recognizers-Text finds no range here; claimwire finds 200 to 300",
	"How about 2 in 5 or more":              `"2 in 5" before a word is a ratio ("one in five adults"), not a count`,
}

type peerCase struct {
	Source   string         `json:"source"`
	License  string         `json:"license"`
	Category string         `json:"category"`
	Input    string         `json:"input"`
	Expected []peerExpected `json:"expected"`
	Policy   bool           `json:"policy_dependent,omitempty"`
	NotIn    string         `json:"not_supported_in,omitempty"`
}

type peerExpected struct {
	Text         string   `json:"text,omitempty"`
	Kind         string   `json:"kind"`
	Value        *float64 `json:"value,omitempty"`
	Min          *float64 `json:"min,omitempty"`
	Max          *float64 `json:"max,omitempty"`
	MinInclusive *bool    `json:"min_inclusive,omitempty"`
	MaxInclusive *bool    `json:"max_inclusive,omitempty"`
}

func loadPeerCases(t *testing.T, path string) ([]peerCase, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err != nil {
		t.Fatal(err)
	}
	var cases []peerCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cases, true
}

// TestPeerCases checks the whole shared suite: every case passes unless
// the policy list says why claimwire differs, and every listed case does
// differ.
func TestPeerCases(t *testing.T) {
	cases, ok := loadPeerCases(t, sharedCases)
	if !ok {
		t.Skipf("%s not found; TestOwnPeerCases runs the copy in testdata", sharedCases)
	}
	p := defaultParser(t)
	pass, failed := 0, map[string][]string{}
	var agreed []peerCase
	for _, c := range cases {
		err := checkPeerCase(p, c)
		reason, listed := policy[c.Input]
		switch {
		case err == nil && listed:
			t.Errorf("%q passes but is listed as policy (%s)", c.Input, reason)
		case err == nil:
			pass++
			agreed = append(agreed, c)
		case !listed:
			t.Errorf("%s %q: %v", c.Category, c.Input, err)
		}
		if err != nil {
			failed[c.Category] = append(failed[c.Category], c.Input)
		}
	}
	t.Logf("peer cases: %d of %d pass", pass, len(cases))
	for _, cat := range slices.Sorted(maps.Keys(failed)) {
		t.Logf("  %s: %d differ: %q", cat, len(failed[cat]), failed[cat])
	}
	if *update && !t.Failed() {
		writeCases(t, ownCases, agreed)
	}
}

func writeCases(t *testing.T, path string, cases []peerCase) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(cases); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestOwnPeerCases runs the peer cases claimwire agrees with, copied into
// testdata with their sources and licences.
func TestOwnPeerCases(t *testing.T) {
	cases, ok := loadPeerCases(t, ownCases)
	if !ok {
		t.Fatalf("%s is missing", ownCases)
	}
	p := defaultParser(t)
	for _, c := range cases {
		if err := checkPeerCase(p, c); err != nil {
			t.Errorf("%s %q: %v", c.Category, c.Input, err)
		}
	}
}

// checkPeerCase compares the claims found in a case's input with its
// expectations. Recognizers-Text's range model reports ranges only, so for
// its cases only qualified matches count; the other suites report every
// number, and a range counts as its two ends.
func checkPeerCase(p *Parser, c peerCase) error {
	var claims []Match
	for _, m := range p.Find(c.Input) {
		if m.Skip == "" {
			claims = append(claims, m)
		}
	}
	if strings.HasPrefix(c.Source, "RT NumberRange") {
		return compareRanges(claims, c.Expected)
	}
	return compareValues(claims, c.Expected)
}

func compareValues(claims []Match, want []peerExpected) error {
	var got, exp []float64
	for _, m := range claims {
		if m.Qualifier == Between {
			got = append(got, m.Min, m.Max)
		} else {
			got = append(got, m.Value)
		}
	}
	for _, e := range want {
		if e.Value != nil {
			exp = append(exp, *e.Value)
		}
	}
	if !slices.EqualFunc(got, exp, near) {
		return fmt.Errorf("got %v, want %v", got, exp)
	}
	return nil
}

// bounded is a range as the peers write it: a canonical qualifier and its
// bounds (NaN for an open side).
type bounded struct {
	q        string
	min, max float64
}

func compareRanges(claims []Match, want []peerExpected) error {
	var got, exp []bounded
	for _, m := range claims {
		if b, ok := matchBound(m); ok {
			got = append(got, b)
		}
	}
	for _, e := range want {
		exp = append(exp, expectedBound(e))
	}
	same := func(a, b bounded) bool { return a.q == b.q && nearOrNaN(a.min, b.min) && nearOrNaN(a.max, b.max) }
	if !slices.EqualFunc(got, exp, same) {
		return fmt.Errorf("got %v, want %v", got, exp)
	}
	return nil
}

func matchBound(m Match) (bounded, bool) {
	nan := math.NaN()
	switch m.Qualifier {
	case MoreThan, AtLeast:
		return bounded{m.Qualifier, m.Value, nan}, true
	case LessThan, UpTo:
		return bounded{m.Qualifier, nan, m.Value}, true
	case Exactly, Between:
		return bounded{m.Qualifier, m.Min, m.Max}, true
	}
	return bounded{}, false
}

// expectedBound names a peer range by the canonical qualifier that has its
// shape: an open lower bound is "more than" or "at least", and so on.
func expectedBound(e peerExpected) bounded {
	nan := math.NaN()
	b := bounded{min: nan, max: nan}
	if e.Min != nil {
		b.min = *e.Min
	}
	if e.Max != nil {
		b.max = *e.Max
	}
	incl := func(p *bool) bool { return p != nil && *p }
	switch {
	case e.Min != nil && e.Max != nil && *e.Min == *e.Max:
		b.q = Exactly
	case e.Min != nil && e.Max != nil:
		b.q = Between
	case e.Min != nil && incl(e.MinInclusive):
		b.q = AtLeast
	case e.Min != nil:
		b.q = MoreThan
	case incl(e.MaxInclusive):
		b.q = UpTo
	default:
		b.q = LessThan
	}
	return b
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}

func nearOrNaN(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || near(a, b)
}
