package number

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// atom reads the atom at token i. opening is true at the start of a
// numeral and after "and", where a fraction such as "a half" may begin;
// start is true at the start only. money says a currency came before, so
// that "m" is a million.
func (s *scanner) atom(i int, opening, start, money bool) (atom, bool) {
	switch s.kind(i) {
	case digits:
		if opening {
			if f, ok := s.fracPhrase(i); ok {
				return f, true
			}
		}
		return s.digitAtom(i, money), true
	case word:
		return s.wordAtom(i, opening, start)
	case symbol:
		if start && s.is(i, ".") && s.kind(i+1) == digits && s.glued(i+1) && !(s.glued(i) && s.alnum(i-1)) {
			return s.digitAtom(i, money), true // ".77"
		}
	}
	return atom{}, false
}

// digitAtom reads a number written with digits: 1,234,567.89, 12,34,567
// (Indian grouping), 1 234 567, .5, 1/5, 1-1/2, 1 1/2, and what is glued
// after it: a multiplier ("10k", "$4bn"), an ordinal or clock suffix
// ("21st", "3pm"), or letters that make it an identifier ("29km").
func (s *scanner) digitAtom(i int, money bool) atom {
	at := atom{part: pDigits, start: i, ndigits: len(s.low(i))}
	j, num := s.intPart(i)
	lead := s.kind(i) == symbol // ".77"
	at.plain = j == i+1 && !lead
	if f, k, why, ok := s.decimals(j, num, lead); ok {
		at.value, at.plain, at.decimal, j = f, false, true, k
		if why != "" {
			at.skip, at.end = why, k
			return at
		}
	} else if f, k, why, ok := s.slashes(j, num); ok {
		at.value, at.plain, at.skip, at.end = f, false, why, k
		return at
	} else {
		at.value = parse(num)
	}
	if k, ok := s.clockColon(j); ok {
		at.skip, at.end = SkipTime, k
		return at
	}
	at.end = j
	return s.suffix(at, money)
}

// intPart reads the integer part and returns the index after it and its
// digits without separators.
func (s *scanner) intPart(i int) (int, string) {
	if s.kind(i) != digits {
		return i, "0" // ".77"
	}
	if j := s.groups(i, ",", 3); j > i+1 {
		return j, s.joinDigits(i, j)
	}
	if j := s.indianGroups(i); j > i+1 {
		return j, s.joinDigits(i, j)
	}
	if j := s.spaceGroups(i); j > i+1 {
		return j, s.joinDigits(i, j)
	}
	return i + 1, s.low(i)
}

// groups reads digit groups of size n after token i, joined by sep:
// "1,234,567". The first group has 1 to n digits.
func (s *scanner) groups(i int, sep string, n int) int {
	if len(s.low(i)) > n {
		return i + 1
	}
	j := i + 1
	for s.sepDigits(j, sep, n) {
		j += 2
	}
	if s.glued(j) && s.alnum(j) {
		return i + 1 // "1,234abc" is not a grouped number
	}
	return j
}

// indianGroups reads 12,34,567: groups of two, then one group of three.
func (s *scanner) indianGroups(i int) int {
	if len(s.low(i)) > 2 {
		return i + 1
	}
	j := i + 1
	for s.sepDigits(j, ",", 2) {
		j += 2
	}
	if j == i+1 || !s.sepDigits(j, ",", 3) || (s.glued(j+2) && s.alnum(j+2)) {
		return i + 1
	}
	return j + 2
}

// sepDigits reports whether token j is sep glued to a run of n digits.
func (s *scanner) sepDigits(j int, sep string, n int) bool {
	return s.is(j, sep) && s.glued(j) && s.kind(j+1) == digits && s.glued(j+1) && len(s.low(j+1)) == n
}

// spaceGroups reads 1 234 567: groups of three after single spaces, unless
// the first group is a day after a month ("May 3 200 people").
func (s *scanner) spaceGroups(i int) int {
	if len(s.low(i)) > 3 || s.month(i-1) {
		return i + 1
	}
	j := i + 1
	for s.kind(j) == digits && len(s.low(j)) == 3 && isGroupSpace(s.text[s.toks[j-1].end:s.toks[j].start]) {
		j++
	}
	if s.glued(j) && s.alnum(j) || (s.is(j, ",") && s.glued(j) && s.kind(j+1) == digits && s.glued(j+1)) {
		return i + 1
	}
	return j
}

func isGroupSpace(gap string) bool {
	switch gap {
	case " ", "\u00a0", "\u2009", "\u202f":
		return true
	}
	return false
}

func (s *scanner) joinDigits(i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		if s.kind(k) == digits {
			b.WriteString(s.low(k))
		}
	}
	return b.String()
}

// decimals reads ".89" after the integer part. More dots make a version
// ("1.2.3"); IP addresses and dotted dates are caught earlier, as chunks.
func (s *scanner) decimals(j int, num string, lead bool) (float64, int, Skip, bool) {
	if !s.dotDigits(j) || !(lead || s.glued(j)) {
		return 0, j, "", false
	}
	f := parse(num + "." + s.low(j+1))
	k := j + 2
	if !s.dotDigits(k) || !s.glued(k) {
		return f, k, "", true
	}
	for s.dotDigits(k) && s.glued(k) {
		k += 2
	}
	return f, k, SkipVersion, true
}

// dotDigits reports a "." at token j with digits glued after it.
func (s *scanner) dotDigits(j int) bool {
	return s.is(j, ".") && s.kind(j+1) == digits && s.glued(j+1)
}

// slashes reads a fraction glued to the integer: "1/5"; a second slash
// makes a date ("5/17/2018"). A mixed number keeps its whole part:
// "1-1/2" and "1 1/2" are 1.5.
func (s *scanner) slashes(j int, num string) (float64, int, Skip, bool) {
	whole := parse(num)
	if f, k, ok := s.mixed(j); ok {
		return whole + f, k, "", true
	}
	f, k, ok := s.fraction(j - 1)
	if !ok {
		return 0, j, "", false
	}
	if s.is(k, "/") && s.glued(k) && s.kind(k+1) == digits && s.glued(k+1) {
		return whole, k + 2, SkipDate, true
	}
	if f >= 1 {
		return whole, k, SkipRatio, true // "3/2", "8/8": a ratio or a rating, not a fraction
	}
	return f, k, "", true
}

// fraction reads "a/b" at token i, with b > 0.
func (s *scanner) fraction(i int) (float64, int, bool) {
	if s.kind(i) != digits || !s.is(i+1, "/") || !s.glued(i+1) || s.kind(i+2) != digits || !s.glued(i+2) {
		return 0, i, false
	}
	den := parse(s.low(i + 2))
	if den == 0 {
		return 0, i, false
	}
	return parse(s.low(i)) / den, i + 3, true
}

// mixed reads the fraction part of "1-1/2" or "1 1/2" after the whole
// part; it must be below one.
func (s *scanner) mixed(j int) (float64, int, bool) {
	k := j
	if s.is(j, "-") && s.glued(j) && s.glued(j+1) {
		k = j + 1
	} else if !isGroupSpace(s.gap(j)) {
		return 0, j, false
	}
	f, end, ok := s.fraction(k)
	if !ok || f >= 1 || (s.glued(end) && (s.alnum(end) || s.is(end, "/"))) {
		return 0, j, false
	}
	return f, end, true
}

// gap returns the text between token j-1 and token j.
func (s *scanner) gap(j int) string {
	if j <= 0 || j >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[j-1].end:s.toks[j].start]
}

// clockColon reads the ":30" of "10:30" (and a glued "am").
func (s *scanner) clockColon(j int) (int, bool) {
	if !s.is(j, ":") || !s.glued(j) || s.kind(j+1) != digits || !s.glued(j+1) || len(s.low(j+1)) != 2 {
		return j, false
	}
	k := j + 2
	for (s.is(k, ":") || s.is(k, ".")) && s.glued(k) && s.kind(k+1) == digits && s.glued(k+1) {
		k += 2
	}
	if s.kind(k) == word && s.glued(k) {
		k++
	}
	return k, true
}

// suffix reads the letters glued after digits. A unit is left for the
// caller to read ("43TB"); unknown letters make an identifier ("29km",
// "0x1F"), like letters before the digits do ("APT31", "v2").
func (s *scanner) suffix(at atom, money bool) atom {
	j := at.end
	if s.glued(at.start) && s.kind(at.start-1) == word {
		return s.identifier(at, s.versionLetter(at.start-1))
	}
	if s.kind(j) != word || !s.glued(j) || s.v.units.has(s, j) {
		return at
	}
	low, raw := s.low(j), s.raw(j)
	if m, ok := s.gluedScale(low, raw, money || at.decimal); ok && !(s.glued(j+1) && s.alnum(j+1)) {
		at.glued, at.end = m, j+1
		return at
	}
	at.end = j + 1
	_, clockEnd, clock := s.v.clock.at(s, j)
	switch {
	case s.v.ordSuffixes[low]:
		at.skip = SkipOrdinal
	case clock:
		at.skip, at.end = SkipTime, clockEnd
	case low == "s":
		at.skip = s.decade(at)
	default:
		return s.identifier(at, SkipIdentifier)
	}
	return at
}

// gluedScale looks up a multiplier glued to digits: scales in any case,
// suffixes as written, money suffixes only after a currency or a decimal
// ("1.2m users", "£10m", but not "a 10m wall").
func (s *scanner) gluedScale(low, raw string, money bool) (float64, bool) {
	if m, ok := s.v.suffixes[raw]; ok {
		return m, true
	}
	if m, ok := s.v.scales[low]; ok {
		return m, true
	}
	if m, ok := s.v.money[raw]; ok && money {
		return m, true
	}
	return 0, false
}

// decade reads "1990s" and "the ’90s" as years, and "20s" after a
// possessive as an age ("in their 20s", "in his early 30s").
func (s *scanner) decade(at atom) Skip {
	switch {
	case at.ndigits == 4 && at.plain:
		return SkipYear
	case at.ndigits == 2 && (s.possessive(at.start-1) || s.possessive(at.start-2)):
		return SkipAge
	case at.ndigits == 2:
		return SkipYear
	}
	return SkipIdentifier
}

func (s *scanner) possessive(i int) bool {
	switch s.low(i) {
	case "their", "his", "her", "my", "our", "your":
		return true
	}
	return false
}

// identifier extends an identifier over the rest of its chunk: all of
// "5d41402abc" or "MS17-010".
func (s *scanner) identifier(at atom, why Skip) atom {
	j := at.end
	for j < len(s.toks) && s.glued(j) {
		if s.alnum(j) {
			j++
		} else if isJoiner(s.low(j)) && s.alnum(j+1) && s.glued(j+1) {
			j += 2
		} else {
			break
		}
	}
	at.skip, at.end = why, j
	return at
}

// versionLetter says whether the letters glued before digits mark a
// version ("v2", "V10") rather than an identifier.
func (s *scanner) versionLetter(i int) Skip {
	if s.low(i) == "v" {
		return SkipVersion
	}
	return SkipIdentifier
}

// wordAtom reads a number word, a multiplier, a fraction, "point" and its
// decimals, or "a" before a multiplier ("a million").
func (s *scanner) wordAtom(i int, opening, start bool) (atom, bool) {
	if opening {
		if f, ok := s.fracPhrase(i); ok {
			return f, true
		}
	}
	if start {
		if v, end, ok := s.v.vague.at(s, i); ok {
			return atom{part: pVague, value: v, start: i, end: end, word: true}, true
		}
	}
	if v, end, ok := s.v.words.at(s, i); ok {
		return atom{part: smallPart(v), value: v, start: i, end: end, word: true}, true
	}
	if at, ok := s.scaleAtom(i); ok {
		return at, true
	}
	if s.is(i, "point") {
		return s.pointAtom(i)
	}
	if (s.is(i, "a") || s.is(i, "an")) && start && s.near(i+1) {
		if m, ok := s.scaleAtom(i + 1); ok && !m.digitsOnly && !m.plural {
			return atom{part: pUnit, value: 1, start: i, end: i + 1, word: true}, true
		}
	}
	return s.fracWord(i, start)
}

// smallPart classes a number word by its value.
func smallPart(v float64) part {
	switch {
	case v >= 20 && v < 100 && math.Mod(v, 10) == 0:
		return pTens
	case v >= 10 && v < 20:
		return pTeen
	}
	return pUnit
}

// scaleAtom reads a multiplier word. Abbreviations of three letters or
// fewer ("k", "bn", "mil") follow digits only, like case-sensitive
// suffixes ("1.5 M").
func (s *scanner) scaleAtom(i int) (atom, bool) {
	if s.kind(i) != word {
		return atom{}, false
	}
	low := s.low(i)
	at := atom{start: i, end: i + 1, word: true}
	if v, ok := s.v.scales[low]; ok {
		at.value, at.part = v, scalePart(v)
		at.plural = strings.HasSuffix(low, "s") && s.v.scales[strings.TrimSuffix(low, "s")] == v
		at.digitsOnly = utf8.RuneCountInString(low) <= 3
		return at, true
	}
	if v, ok := s.v.suffixes[s.raw(i)]; ok {
		at.value, at.part, at.digitsOnly = v, scalePart(v), true
		return at, true
	}
	return atom{}, false
}

func scalePart(v float64) part {
	switch {
	case v < 100:
		return pMult
	case v < 1000:
		return pHundred
	}
	return pScale
}

// fracPhrase reads a fraction with its numerator: "a half", "two thirds",
// "one-fourth", "3 quarters".
func (s *scanner) fracPhrase(i int) (atom, bool) {
	num, k, ok := s.numerator(i)
	if !ok {
		return atom{}, false
	}
	if s.is(k, "-") && s.near(k) {
		k++
	}
	d, isFrac := s.v.fractions[s.low(k)]
	if !isFrac || s.kind(k) != word || !s.near(k) || s.compound(k) || (num == 1) == s.pluralFrac(k) {
		return atom{}, false // "one third-party", "3 third"
	}
	return atom{part: pFrac, value: num / d, start: i, end: k + 1, word: true}, true
}

// pluralFrac reports whether the fraction word at k is a plural: "fifths".
func (s *scanner) pluralFrac(k int) bool {
	low := s.low(k)
	return strings.HasSuffix(low, "s") && s.v.fractions[strings.TrimSuffix(low, "s")] == s.v.fractions[low]
}

// compound reports a word that starts a hyphenated adjective:
// "third-party", "half-hour", "quarter-final".
func (s *scanner) compound(k int) bool {
	return s.is(k+1, "-") && s.glued(k+1) && s.kind(k+2) == word && s.glued(k+2)
}

func (s *scanner) numerator(i int) (float64, int, bool) {
	switch {
	case s.is(i, "a") || s.is(i, "an"):
		return 1, i + 1, true
	case s.kind(i) == digits && !s.glued(i+1):
		return parse(s.low(i)), i + 1, true
	}
	v, end, ok := s.v.words.at(s, i)
	return v, end, ok && end == i+1 && v > 0 && v < 100
}

// fracWord reads a fraction word alone. At the start, a fraction word
// that is not also a rank means one of it ("half", "quarter million"),
// unless a determiner or a rank says it is a noun ("the first half"). Inside
// a numeral, a plural one divides what came before ("… three fifths").
func (s *scanner) fracWord(i int, start bool) (atom, bool) {
	low := s.low(i)
	d, ok := s.v.fractions[low]
	if !ok || s.kind(i) != word {
		return atom{}, false
	}
	plural := s.pluralFrac(i)
	_, rank := s.v.ordinals[low]
	at := atom{start: i, end: i + 1, word: true}
	switch {
	case start && !plural && !rank && !s.nounContext(i) && !s.compound(i):
		at.part, at.value = pFrac, 1/d
	case !start && plural:
		at.part, at.value = pDenom, d
	default:
		return atom{}, false
	}
	return at, true
}

// nounContext reports a determiner, a rank or a month before token i:
// "the first half", "the September quarter".
func (s *scanner) nounContext(i int) bool {
	_, _, det := s.v.pronounBefore.before(s, i)
	_, rank := s.v.ordinals[s.low(i-1)]
	return (det || rank || s.month(i-1)) && s.near(i)
}

// pointAtom reads "point" and the decimals after it: "point 77",
// "point zero three", "point seventy-one".
func (s *scanner) pointAtom(i int) (atom, bool) {
	j := i + 1
	if s.kind(j) == digits && s.near(j) {
		return atom{part: pPoint, value: parse("0." + s.low(j)), start: i, end: j + 1, word: true}, true
	}
	var b strings.Builder
	for s.near(j) {
		d, next, ok := s.decimalWord(j)
		if !ok {
			break
		}
		b.WriteString(d)
		j = next
	}
	if b.Len() == 0 {
		return atom{}, false
	}
	return atom{part: pPoint, value: parse("0." + b.String()), start: i, end: j, word: true}, true
}

// decimalWord reads one spoken decimal: "three" → 3, "eleven" → 11,
// "seventy-one" → 71, "seventy" → 70.
func (s *scanner) decimalWord(j int) (string, int, bool) {
	v, end, ok := s.v.words.at(s, j)
	if !ok || end != j+1 || v >= 100 || v != math.Trunc(v) {
		return "", j, false
	}
	if smallPart(v) != pTens {
		return strconv.Itoa(int(v)), end, true
	}
	k := end
	if s.is(k, "-") {
		k++
	}
	if u, e, ok := s.v.words.at(s, k); ok && e == k+1 && u > 0 && u < 10 && s.near(k) {
		return strconv.Itoa(int(v + u)), e, true
	}
	return strconv.Itoa(int(v)), end, true
}

// parse reads digits with an optional decimal point; they are always valid.
func parse(num string) float64 {
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0
	}
	return f
}

// clean rounds away binary noise from multiplying decimals: 4.4 × 1e9 is
// 4400000000, not 4400000000.0000005.
func clean(v float64) float64 {
	if v == math.Trunc(v) || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	return parse(strconv.FormatFloat(v, 'g', 15, 64))
}

// isUpper reports whether a word starts with a capital.
func isUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
