package number

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/claimwire/claimwire/rules"
)

type phrase[V any] struct {
	toks  []string
	glued []bool // glued[k]: token k touches token k-1 in the key ("US$"), so it must in the text
	val   V
}

// table finds vocabulary phrases of one or more tokens in the token stream,
// longest first, forwards from a token or backwards from one.
type table[V any] struct {
	exact bool // compare tokens as written rather than lower-cased
	first map[string][]phrase[V]
	last  map[string][]phrase[V]
}

func newTable[V any](exact bool) table[V] {
	return table[V]{exact: exact, first: map[string][]phrase[V]{}, last: map[string][]phrase[V]{}}
}

func (t *table[V]) add(key string, v V) error {
	toks, glued := keyTokens(key, t.exact)
	if len(toks) == 0 {
		return fmt.Errorf("%q has no words", key)
	}
	p := phrase[V]{toks, glued, v}
	t.first[toks[0]] = insertLongest(t.first[toks[0]], p)
	t.last[toks[len(toks)-1]] = insertLongest(t.last[toks[len(toks)-1]], p)
	return nil
}

func insertLongest[V any](ps []phrase[V], p phrase[V]) []phrase[V] {
	ps = append(ps, p)
	slices.SortStableFunc(ps, func(a, b phrase[V]) int { return cmp.Compare(len(b.toks), len(a.toks)) })
	return ps
}

// at finds a phrase starting at token i and returns its value and the index
// after it.
func (t table[V]) at(s *scanner, i int) (V, int, bool) {
	var zero V
	if i >= len(s.toks) {
		return zero, i, false
	}
	for _, p := range t.first[s.tok(i, t.exact)] {
		if spells(s, i, p, t.exact) {
			return p.val, i + len(p.toks), true
		}
	}
	return zero, i, false
}

// before finds a phrase ending just before token end and returns its value
// and its first index.
func (t table[V]) before(s *scanner, end int) (V, int, bool) {
	var zero V
	if end <= 0 || end > len(s.toks) {
		return zero, end, false
	}
	for _, p := range t.last[s.tok(end-1, t.exact)] {
		if start := end - len(p.toks); start >= 0 && spells(s, start, p, t.exact) {
			return p.val, start, true
		}
	}
	return zero, end, false
}

func (t table[V]) has(s *scanner, i int) bool {
	_, _, ok := t.at(s, i)
	return ok
}

// vocab is rules.Numbers compiled for lookups.
type vocab struct {
	words, vague                         table[float64]
	quals, qualsAfter                    table[string]
	currBefore, currAfter, units         table[string]
	joins, clock, ageAfter, pronounAfter table[bool]
	yearCues, ageBefore, versions        table[bool]
	labels, pronounBefore, names         table[bool]
	scores                               table[bool]
	ordinals, fractions, scales          map[string]float64
	suffixes, money                      map[string]float64 // as written: their case matters
	ordSuffixes, months, weekdays        map[string]bool
	lead                                 map[string]lead // what a token may begin, read with one lookup
}

// lead says what a token may begin; most words begin nothing.
type lead uint8

const (
	leadsExpr    lead = 1 << iota // a number, a qualifier, a sign or a currency
	leadsName                     // a fixed name: "Five Eyes"
	leadsOrdinal                  // a rank: "first"
)

func compile(n *rules.Numbers) (*vocab, error) {
	v := &vocab{}
	err := cmp.Or(v.compileTables(n), v.compileWords(n))
	v.lead = v.leads()
	return v, err
}

// leads lists the tokens that may begin something, so that most words are
// passed over with one lookup.
func (v *vocab) leads() map[string]lead {
	m := map[string]lead{}
	for _, w := range []string{"a", "an", "point", "minus", "negative", "-", "−", "."} {
		m[w] |= leadsExpr
	}
	for _, t := range []map[string][]phrase[float64]{v.words.first, v.vague.first} {
		addKeys(m, t, leadsExpr)
	}
	for _, t := range []map[string][]phrase[string]{v.quals.first, v.currBefore.first} {
		addKeys(m, t, leadsExpr)
	}
	addKeys(m, v.scales, leadsExpr)
	addKeys(m, v.fractions, leadsExpr)
	addKeys(m, v.names.first, leadsName)
	addKeys(m, v.ordinals, leadsOrdinal)
	return m
}

func addKeys[V any](m map[string]lead, from map[string]V, l lead) {
	for k := range from {
		m[k] |= l
	}
}

func (v *vocab) compileTables(n *rules.Numbers) error {
	var err error
	v.words, err = floatTable("words", n.Words, err)
	v.vague, err = floatTable("vague", n.Vague, err)
	v.quals, err = stringTable("qualifiers", n.Qualifiers, err)
	v.qualsAfter, err = stringTable("qualifiers_after", n.QualifiersAfter, err)
	v.currBefore, err = stringTable("currencies", filter(n.Currencies, canPrecede), err)
	v.currAfter, err = stringTable("currencies", n.Currencies, err)
	v.units, err = stringTable("units", n.Units, err)
	v.joins, err = listTable("range_joins", n.RangeJoins, false, err)
	v.clock, err = listTable("clock", n.Clock, false, err)
	v.ageAfter, err = listTable("age_after", n.AgeAfter, false, err)
	v.pronounAfter, err = listTable("pronoun_after", n.PronounAfter, false, err)
	v.yearCues, err = listTable("year_cues", n.YearCues, false, err)
	v.ageBefore, err = listTable("age_before", n.AgeBefore, false, err)
	v.versions, err = listTable("versions", n.Versions, false, err)
	v.labels, err = listTable("labels", n.Labels, false, err)
	v.pronounBefore, err = listTable("pronoun_before", n.PronounBefore, false, err)
	v.names, err = listTable("names", n.Names, false, err)
	v.scores, err = listTable("scores", n.Scores, false, err)
	return err
}

func (v *vocab) compileWords(n *rules.Numbers) error {
	var err error
	v.ordinals, err = wordMap("ordinals", n.Ordinals, false, err)
	v.fractions, err = wordMap("fractions", n.Fractions, false, err)
	v.scales, err = wordMap("scales", n.Scales, false, err)
	v.suffixes, err = wordMap("suffixes", n.Suffixes, true, err)
	v.money, err = wordMap("money_suffixes", n.MoneySuffixes, true, err)
	v.ordSuffixes, err = wordSet("ordinal_suffixes", n.OrdinalSuffixes, false, err)
	v.months, err = wordSet("months", n.Months, true, err)
	v.weekdays, err = wordSet("weekdays", n.Weekdays, true, err)
	return err
}

// canPrecede keeps the currencies that may stand before an amount: symbols
// and codes ("$", "US$", "USD", "Rs"), not lower-case words ("won", "dollars").
func canPrecede(key string) bool {
	return strings.IndexFunc(key, func(r rune) bool { return !unicode.IsLower(r) && !unicode.IsSpace(r) }) >= 0
}

func filter(m map[string]string, keep func(string) bool) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if keep(k) {
			out[k] = v
		}
	}
	return out
}

// The table builders below chain: each returns the first error it or an
// earlier builder met, so that compileTables reads as a list.

func floatTable(field string, m map[string]float64, err error) (table[float64], error) {
	t := newTable[float64](false)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		err = cmp.Or(err, wrap(field, t.add(k, m[k])))
	}
	return t, err
}

// stringTable skips entries mapped to "", which switch a default off.
func stringTable(field string, m map[string]string, err error) (table[string], error) {
	t := newTable[string](false)
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] != "" {
			err = cmp.Or(err, wrap(field, t.add(k, m[k])))
		}
	}
	return t, err
}

func listTable(field string, list []string, exact bool, err error) (table[bool], error) {
	t := newTable[bool](exact)
	for _, k := range list {
		err = cmp.Or(err, wrap(field, t.add(k, true)))
	}
	return t, err
}

// wordMap keys a map by its single-token keys, lower-cased unless exact.
func wordMap(field string, m map[string]float64, exact bool, err error) (map[string]float64, error) {
	out := make(map[string]float64, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		toks, _ := keyTokens(k, exact)
		if len(toks) != 1 {
			err = cmp.Or(err, fmt.Errorf("numbers.%s: %q must be one word", field, k))
			continue
		}
		out[toks[0]] = m[k]
	}
	return out, err
}

func wordSet(field string, list []string, exact bool, err error) (map[string]bool, error) {
	m := make(map[string]float64, len(list))
	for _, k := range list {
		m[k] = 1
	}
	words, err := wordMap(field, m, exact, err)
	out := make(map[string]bool, len(words))
	for k := range words {
		out[k] = true
	}
	return out, err
}

func wrap(field string, err error) error {
	if err != nil {
		return fmt.Errorf("numbers.%s: %w", field, err)
	}
	return nil
}
