package rules

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// Numbers is the vocabulary of the number parser (package extract/number).
// Keys are matched ignoring case unless their field says otherwise, and a
// key of several words matches them separated by any spaces. Mapping a
// qualifier, currency or unit to "" switches a default off.
type Numbers struct {
	Words           map[string]float64 `yaml:"words"`            // number words: one, eleven, twenty, nought, "a pair"
	Ordinals        map[string]float64 `yaml:"ordinals"`         // ranks, never counts: first, second, tenth
	OrdinalSuffixes []string           `yaml:"ordinal_suffixes"` // after digits: 21st, 2nd
	Fractions       map[string]float64 `yaml:"fractions"`        // a fraction word and its denominator: half → 2, thirds → 3
	Scales          map[string]float64 `yaml:"scales"`           // multipliers: hundred, thousand, million, dozen, bn, k
	Suffixes        map[string]float64 `yaml:"suffixes"`         // multipliers whose case matters: 3M, 10G (not 10g of a drug)
	MoneySuffixes   map[string]float64 `yaml:"money_suffixes"`   // case matters; a multiplier only after a currency: £10m (not a 10m wall)
	Vague           map[string]float64 `yaml:"vague"`            // vague amounts and a rough value: "a few" → 3
	Qualifiers      map[string]string  `yaml:"qualifiers"`       // phrase before a number → canonical: "over" → "more than"
	QualifiersAfter map[string]string  `yaml:"qualifiers_after"` // phrase after a number → canonical: "or more" → "at least"
	RangeJoins      []string           `yaml:"range_joins"`      // between the ends of a range: to, through, "-"
	Currencies      map[string]string  `yaml:"currencies"`       // symbol, code or word → ISO 4217 code: "$" → USD
	Units           map[string]string  `yaml:"units"`            // written unit → canonical unit: "%" → percent, TB → TB
	Months          []string           `yaml:"months"`           // case matters: a day number beside one is a date
	Clock           []string           `yaml:"clock"`            // after a number, make it a time: pm, GMT
	YearCues        []string           `yaml:"year_cues"`        // before a qualified year: "since at least 2007"
	AgeBefore       []string           `yaml:"age_before"`       // before an age: aged
	AgeAfter        []string           `yaml:"age_after"`        // after an age: year-old
	Versions        []string           `yaml:"versions"`         // before a version number: version, Windows, iOS
	Labels          []string           `yaml:"labels"`           // before a number that names a thing: "No.", Unit, Article
	PronounBefore   []string           `yaml:"pronoun_before"`   // make a bare "one" after them a pronoun: "the one", "which one"
	PronounAfter    []string           `yaml:"pronoun_after"`    // make a bare "one" before them a pronoun: "one another"
	Names           []string           `yaml:"names"`            // names that contain numbers and are not counts: Five Eyes, 5G
	Scores          []string           `yaml:"scores"`           // after a score, make it one: "a 3-4 loss", "a 5-3 vote"
	Weekdays        []string           `yaml:"weekdays"`         // case matters: a number after one is no model name ("on Monday 200 workers")

	// Read by the claim extractor (package extract), which finds the
	// counted noun after a number.
	Durations  []string `yaml:"durations"`         // units of time: "24 hours" is a duration, not a claimed count
	NotCounted []string `yaml:"not_counted"`       // nouns that stand for another and count nothing: "12 of the best ones"
	Invariant  []string `yaml:"invariant_plurals"` // nouns whose plural is the singular: "270 aircraft", "300 staff"
}

// Canonical qualifiers a phrase may map to. QualifiersAfter may also map to
// QualifierInclusive, which makes the qualifier before the number include
// its bound: "more than 10 or equal" is "at least 10".
var canonicalQualifiers = []string{
	"more than", "at least", "less than", "up to", "about", "nearly", "exactly", "between",
}

// QualifierInclusive is the canonical value of "or equal (to)" after a number.
const QualifierInclusive = "inclusive"

// Validate checks the vocabulary: qualifiers map to canonical ones,
// currencies to ISO 4217 codes, multipliers are positive and no phrase is
// blank. The loader calls it for every file; the parser calls it for a
// vocabulary built in code.
func (n *Numbers) Validate() error {
	return errors.Join(
		checkFloats("words", n.Words, 0),
		checkFloats("ordinals", n.Ordinals, 1),
		checkFloats("fractions", n.Fractions, 2),
		checkFloats("scales", n.Scales, 1),
		checkFloats("suffixes", n.Suffixes, 1),
		checkFloats("money_suffixes", n.MoneySuffixes, 1),
		checkFloats("vague", n.Vague, 1),
		checkStrings("qualifiers", n.Qualifiers, isQualifier),
		checkStrings("qualifiers_after", n.QualifiersAfter, func(q string) bool {
			return q == QualifierInclusive || isQualifier(q)
		}),
		checkStrings("currencies", n.Currencies, isCurrencyCode),
		checkStrings("units", n.Units, func(string) bool { return true }),
		checkLists(map[string][]string{
			"ordinal_suffixes": n.OrdinalSuffixes, "range_joins": n.RangeJoins, "months": n.Months,
			"clock": n.Clock, "year_cues": n.YearCues, "age_before": n.AgeBefore, "age_after": n.AgeAfter,
			"versions": n.Versions, "labels": n.Labels, "pronoun_before": n.PronounBefore,
			"pronoun_after": n.PronounAfter, "names": n.Names, "scores": n.Scores, "weekdays": n.Weekdays,
			"durations": n.Durations, "not_counted": n.NotCounted, "invariant_plurals": n.Invariant,
		}),
	)
}

func (n *Numbers) validate() error { return n.Validate() }

// checkFloats reports blank keys and values below min, NaN or infinite, in
// key order so that the first error is stable.
func checkFloats(field string, m map[string]float64, min float64) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch {
		case strings.TrimSpace(k) == "":
			errs = append(errs, fmt.Errorf("numbers.%s: blank key", field))
		case math.IsNaN(v) || math.IsInf(v, 0) || v < min:
			errs = append(errs, fmt.Errorf("numbers.%s: %q is %v, want a number of at least %v", field, k, v, min))
		}
	}
	return errors.Join(errs...)
}

// checkStrings reports blank keys and values that ok rejects; "" is always
// allowed, as it switches an entry off.
func checkStrings(field string, m map[string]string, ok func(string) bool) error {
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v := m[k]
		switch {
		case strings.TrimSpace(k) == "":
			errs = append(errs, fmt.Errorf("numbers.%s: blank key", field))
		case v != "" && !ok(v):
			errs = append(errs, fmt.Errorf("numbers.%s: %q maps to %q, which is not allowed here", field, k, v))
		}
	}
	return errors.Join(errs...)
}

func checkLists(lists map[string][]string) error {
	var errs []error
	for _, field := range slices.Sorted(maps.Keys(lists)) {
		if slices.ContainsFunc(lists[field], func(s string) bool { return strings.TrimSpace(s) == "" }) {
			errs = append(errs, fmt.Errorf("numbers.%s: blank entry", field))
		}
	}
	return errors.Join(errs...)
}

func isQualifier(q string) bool { return slices.Contains(canonicalQualifiers, q) }

// isCurrencyCode accepts the shape of an ISO 4217 code: three capitals.
func isCurrencyCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

func (n *Numbers) merge(o *Numbers) {
	n.Words = mergeMap(n.Words, o.Words)
	n.Ordinals = mergeMap(n.Ordinals, o.Ordinals)
	n.OrdinalSuffixes = appendNew(n.OrdinalSuffixes, o.OrdinalSuffixes)
	n.Fractions = mergeMap(n.Fractions, o.Fractions)
	n.Scales = mergeMap(n.Scales, o.Scales)
	n.Suffixes = mergeMap(n.Suffixes, o.Suffixes)
	n.MoneySuffixes = mergeMap(n.MoneySuffixes, o.MoneySuffixes)
	n.Vague = mergeMap(n.Vague, o.Vague)
	n.Qualifiers = mergeMap(n.Qualifiers, o.Qualifiers)
	n.QualifiersAfter = mergeMap(n.QualifiersAfter, o.QualifiersAfter)
	n.RangeJoins = appendNew(n.RangeJoins, o.RangeJoins)
	n.Currencies = mergeMap(n.Currencies, o.Currencies)
	n.Units = mergeMap(n.Units, o.Units)
	n.Months = appendNew(n.Months, o.Months)
	n.Clock = appendNew(n.Clock, o.Clock)
	n.YearCues = appendNew(n.YearCues, o.YearCues)
	n.AgeBefore = appendNew(n.AgeBefore, o.AgeBefore)
	n.AgeAfter = appendNew(n.AgeAfter, o.AgeAfter)
	n.Versions = appendNew(n.Versions, o.Versions)
	n.Labels = appendNew(n.Labels, o.Labels)
	n.PronounBefore = appendNew(n.PronounBefore, o.PronounBefore)
	n.PronounAfter = appendNew(n.PronounAfter, o.PronounAfter)
	n.Names = appendNew(n.Names, o.Names)
	n.Scores = appendNew(n.Scores, o.Scores)
	n.Weekdays = appendNew(n.Weekdays, o.Weekdays)
	n.Durations = appendNew(n.Durations, o.Durations)
	n.NotCounted = appendNew(n.NotCounted, o.NotCounted)
	n.Invariant = appendNew(n.Invariant, o.Invariant)
}

func (n Numbers) clone() Numbers {
	return Numbers{
		Words:           maps.Clone(n.Words),
		Ordinals:        maps.Clone(n.Ordinals),
		OrdinalSuffixes: slices.Clone(n.OrdinalSuffixes),
		Fractions:       maps.Clone(n.Fractions),
		Scales:          maps.Clone(n.Scales),
		Suffixes:        maps.Clone(n.Suffixes),
		MoneySuffixes:   maps.Clone(n.MoneySuffixes),
		Vague:           maps.Clone(n.Vague),
		Qualifiers:      maps.Clone(n.Qualifiers),
		QualifiersAfter: maps.Clone(n.QualifiersAfter),
		RangeJoins:      slices.Clone(n.RangeJoins),
		Currencies:      maps.Clone(n.Currencies),
		Units:           maps.Clone(n.Units),
		Months:          slices.Clone(n.Months),
		Clock:           slices.Clone(n.Clock),
		YearCues:        slices.Clone(n.YearCues),
		AgeBefore:       slices.Clone(n.AgeBefore),
		AgeAfter:        slices.Clone(n.AgeAfter),
		Versions:        slices.Clone(n.Versions),
		Labels:          slices.Clone(n.Labels),
		PronounBefore:   slices.Clone(n.PronounBefore),
		PronounAfter:    slices.Clone(n.PronounAfter),
		Names:           slices.Clone(n.Names),
		Scores:          slices.Clone(n.Scores),
		Weekdays:        slices.Clone(n.Weekdays),
		Durations:       slices.Clone(n.Durations),
		NotCounted:      slices.Clone(n.NotCounted),
		Invariant:       slices.Clone(n.Invariant),
	}
}

func mergeMap[V any](base, add map[string]V) map[string]V {
	if base == nil && len(add) > 0 {
		base = make(map[string]V, len(add))
	}
	maps.Copy(base, add)
	return base
}
