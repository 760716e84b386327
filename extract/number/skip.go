package number

import (
	"cmp"
	"regexp"
	"strings"
)

// shapes are chunks of digits and joiners that are not amounts, tried in
// order on the whole chunk ("2024-03-26", not its "2024").
var shapes = []struct {
	re   *regexp.Regexp
	skip Skip
}{
	{regexp.MustCompile(`^\d{4}-\d{1,2}-\d{1,2}$`), SkipDate},
	{regexp.MustCompile(`^\d{4}/\d{1,2}/\d{1,2}$`), SkipDate},
	{regexp.MustCompile(`^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(\d{2})?$`), SkipDate},
	{regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])$`), SkipDate},
	{regexp.MustCompile(`^(1[89]|2[01])\d\d[-–/]((1[89]|2[01])\d\d|\d\d)$`), SkipYear},
	{regexp.MustCompile(`^\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?$`), SkipIdentifier}, // IPv4 address
	{regexp.MustCompile(`^\d+(\.\d+){2,}$`), SkipVersion},
	{regexp.MustCompile(`^\d{1,2}:\d\d(:\d\d)?$`), SkipTime},
	{regexp.MustCompile(`(?i)^\d{1,2}([:.]\d\d)?[ap]m$`), SkipTime},
	{regexp.MustCompile(`^\d{1,4}([-./]\d{2,4}){2,}$`), SkipPhone},
	{regexp.MustCompile(`^\d{1,3},\d{1,2}$`), SkipIdentifier}, // a decimal comma ("1,5 cm"), which English news does not write
}

// chunkSkip reports a chunk that is not an amount as a whole: a date, an
// IP address, a phone number, an identifier such as "CVE-2017-0144".
func (s *scanner) chunkSkip(i int) (int, bool) {
	end := s.chunk[i]
	if end <= i+1 || !s.hasDigits(i, end) {
		return 0, false
	}
	why := s.chunkReason(i, end)
	if why == "" {
		return 0, false
	}
	s.emitSkip(i, end, why, s.leadingNumber(i, end))
	return end, true
}

// phone reports a phone number that is not one chunk: "+44 20 7946 0958",
// "(555) 123-4567".
func (s *scanner) phone(i int) (int, bool) {
	if s.kind(i) != digits {
		return 0, false
	}
	end := 0
	switch {
	case s.is(i-1, "+") && s.glued(i):
		end = s.phoneGroups(i)
	case s.is(i-1, "(") && len(s.low(i)) == 3 && s.is(i+1, ")") && s.localNumber(i+2):
		end = s.chunk[i+2]
	}
	if end == 0 {
		return 0, false
	}
	s.emitSkip(i-1, end, SkipPhone, parse(s.low(i)))
	return end, true
}

// phoneGroups reads digit groups after a "+", joined by single spaces or
// glued joiners, and returns the index after them if they hold at least
// seven digits.
func (s *scanner) phoneGroups(i int) int {
	j, n := i+1, len(s.low(i))
	for {
		switch {
		case s.kind(j) == digits && isGroupSpace(s.gap(j)):
			n += len(s.low(j))
			j++
			continue
		case isJoiner(s.low(j)) && s.glued(j) && s.kind(j+1) == digits && s.glued(j+1):
			n += len(s.low(j + 1))
			j += 2
			continue
		}
		break
	}
	if n < 7 {
		return 0
	}
	return j
}

// localNumber reports a chunk such as "123-4567" at token i.
func (s *scanner) localNumber(i int) bool {
	end := 0
	if i < len(s.chunk) {
		end = s.chunk[i]
	}
	return end > i && s.kind(i) == digits && localPhone.MatchString(s.text[s.toks[i].start:s.toks[end-1].end])
}

var localPhone = regexp.MustCompile(`^\d{3}-\d{4}$`)

func (s *scanner) hasDigits(i, end int) bool {
	for k := i; k < end; k++ {
		if s.toks[k].kind == digits {
			return true
		}
	}
	return false
}

// leadingNumber is the value of a skipped chunk: its first digits.
func (s *scanner) leadingNumber(i, end int) float64 {
	for k := i; k < end; k++ {
		if s.toks[k].kind == digits {
			return parse(s.low(k))
		}
	}
	return 0
}

func (s *scanner) chunkReason(i, end int) Skip {
	if s.kind(i) == word {
		return s.wordLed(i)
	}
	text := s.text[s.toks[i].start:s.toks[end-1].end]
	for _, sh := range shapes {
		if sh.re.MatchString(text) {
			return sh.skip
		}
	}
	if s.score(i, end) {
		return SkipScore
	}
	return s.lettersInChunk(i, end)
}

// score reports two numbers joined by a hyphen that are a score, not a
// range: the first is not below the second ("won 4-1", "a 2-2 draw"), or a
// score word follows ("a 3-4 loss").
func (s *scanner) score(i, end int) bool {
	if end != i+3 || s.kind(i+2) != digits || len(s.low(i)) > 3 || len(s.low(i+2)) > 3 {
		return false
	}
	if !s.is(i+1, "-") && !s.is(i+1, "–") {
		return false
	}
	return parse(s.low(i)) >= parse(s.low(i+2)) || (s.near(end) && s.v.scores.has(s, end))
}

// wordLed classes a chunk that starts with letters: "APT31", "v2",
// "COVID-19". A lower-case word before a hyphen is an ordinary word
// ("mid-2021", "top-10").
func (s *scanner) wordLed(i int) Skip {
	switch {
	case s.kind(i+1) == digits && s.glued(i+1):
		return s.versionLetter(i)
	case isUpper(s.raw(i)):
		return SkipIdentifier
	}
	return ""
}

// lettersInChunk classes a chunk of digits with letters in it. Letters
// glued after digits must be a unit or a multiplier the vocabulary knows
// ("43TB", "5k-20k"); a lower-case word after a hyphen starts a compound
// ("28-year-old", "10-year"); anything else is an identifier ("29km",
// "10-K", "5d41402abc").
func (s *scanner) lettersInChunk(i, end int) Skip {
	for k := i + 1; k < end; k++ {
		if s.kind(k) != word {
			continue
		}
		switch {
		case s.kind(k-1) == digits && s.knownSuffix(k):
			continue
		case s.is(k-1, "-") && !isUpper(s.raw(k)):
			return ""
		}
		return SkipIdentifier
	}
	return ""
}

func (s *scanner) knownSuffix(k int) bool {
	low, raw := s.low(k), s.raw(k)
	_, scale := s.v.scales[low]
	_, suffix := s.v.suffixes[raw]
	_, money := s.v.money[raw]
	return scale || suffix || money || s.v.ordSuffixes[low] || low == "s" ||
		s.v.units.has(s, k) || s.v.clock.has(s, k)
}

// classify flags an expression that its context shows is not a count.
func (s *scanner) classify(c *cand) {
	if why := s.labelled(c); why != "" {
		c.m.Skip, c.label = why, true
		return
	}
	c.m.Skip = cmp.Or(s.aged(c), s.dated(c), s.clocked(c), s.yearly(c), s.pronoun(c), s.named(c), s.idiom(c), s.longDigits(c))
}

// named reports a number that is part of a name: after a capitalised
// word ("the Apollo 10 crew", "Galaxy Note 10 Plus", "Project Zero") or a
// number word ("five 787 jets"), or
// a capitalised number word before one ("the Three Amigos"). A capitalised
// word that starts a sentence may be any word ("Only 10 people"), so
// there the number must also be followed by a capital or end its line
// ("Meal 1").
func (s *scanner) named(c *cand) Skip {
	if c.m.Qualifier != "" || c.m.Unit != "" || c.first != c.n.start || !(c.n.plain || c.n.words) {
		return ""
	}
	if c.n.words && !isUpper(s.raw(c.first)) {
		return ""
	}
	p := c.first - 1
	before := s.kind(p) == word && isUpper(s.raw(p)) && s.sameLine(c.first) && !s.month(p) && !s.v.weekdays[s.raw(p)]
	capAfter := s.kind(c.end) == word && isUpper(s.raw(c.end)) && s.sameLine(c.end)
	if _, end, ok := s.v.words.at(s, p); ok && end == c.first && c.n.plain && s.sameLine(c.first) {
		return SkipName // "five 787 jets": a count, then a model number
	}
	switch {
	case before && !s.startsSentence(p):
		return SkipName
	case before && (capAfter || !s.alnum(c.end) || !s.sameLine(c.end)):
		return SkipName
	case c.n.words && capAfter && !s.startsSentence(c.first):
		return SkipName
	}
	return ""
}

// sameLine reports whether token i is on the line of token i-1.
func (s *scanner) sameLine(i int) bool {
	return i > 0 && i < len(s.toks) && !strings.Contains(s.gap(i), "\n")
}

// startsSentence reports whether token i opens a sentence or a line: what
// comes before it is nothing, a line break, an end mark, or an opening
// quote or bracket after one.
func (s *scanner) startsSentence(i int) bool {
	for k := i - 1; ; k-- {
		if k < 0 || !s.sameLine(k+1) {
			return true
		}
		switch s.low(k) {
		case ".", "!", "?", ":", ";", "•", "|":
			return true
		case `"`, "“", "‘", "'", "(", "[", "—", "–", "-":
			continue
		}
		return false
	}
}

// idiom reports a small number in "a NOUN or two" ("a year or two", "a
// thing or two"), which counts nothing.
func (s *scanner) idiom(c *cand) Skip {
	if !c.n.words || c.m.Qualifier != "" || c.m.Value > 3 || !s.is(c.first-1, "or") {
		return ""
	}
	if s.kind(c.first-2) == word && (s.is(c.first-3, "a") || s.is(c.first-3, "an")) {
		return SkipIdiom
	}
	return ""
}

// longDigits reports a run of sixteen or more digits with no separators:
// an identifier such as a post, card or account number. News style groups
// the digits of amounts that large.
func (s *scanner) longDigits(c *cand) Skip {
	if c.n.plain && c.n.ndigits >= 16 && c.m.Unit == "" {
		return SkipIdentifier
	}
	return ""
}

// ratio reads the rest of a ratio after its first number: "eight out of
// ten", "one in five". "18 out of 25 slots" is a count, so "out of" makes
// a ratio only with a denominator of a proportion: up to 5, or a power of
// ten. "in" makes one when the people or things it rates follow ("one in
// five adults", "1 in 10 of them"), and no year ("10 in 2014").
func (s *scanner) ratio(c *cand) (int, bool) {
	k, of := c.end, false
	switch {
	case s.is(k, "out") && s.is(k+1, "of") && s.near(k) && s.near(k+1):
		k, of = k+2, true
	case s.is(k, "in") && s.near(k):
		k++
	default:
		return c.end, false
	}
	q, ok := s.quantity(k)
	if !ok || q.n.skip != "" || q.unit != "" || q.value <= c.m.Value || yearLike(q.n) || !s.near(k) {
		return c.end, false
	}
	if of && q.value > 5 && !powerOfTen(q.value) {
		return c.end, false
	}
	if !of && !(s.kind(q.end) == word && s.near(q.end)) {
		return c.end, false
	}
	return q.end, true
}

func powerOfTen(v float64) bool {
	for p := 10.0; p <= v; p *= 10 {
		if p == v {
			return true
		}
	}
	return false
}

// labelled reports a number that names a thing: "No. 5", "Unit 61398",
// "Windows 10", "version 2".
func (s *scanner) labelled(c *cand) Skip {
	at := c.n.start
	if !s.near(at) {
		return ""
	}
	if _, _, ok := s.v.labels.before(s, at); ok {
		return SkipIdentifier
	}
	if _, _, ok := s.v.versions.before(s, at); ok {
		return SkipVersion
	}
	chained := s.lastLabel && s.chain(s.lastTok, c.first) && c.m.Unit == "" && c.m.Qualifier == ""
	if chained && (s.lastSkip == SkipIdentifier || s.lastSkip == SkipVersion) {
		return s.lastSkip // "Windows 10 and 11", "nrs. 22, 24"
	}
	return ""
}

// aged reports an age: "aged 28", "a 28-year-old", "Smith, 28, is".
func (s *scanner) aged(c *cand) Skip {
	if c.m.Unit != "" {
		return ""
	}
	_, _, before := s.v.ageBefore.before(s, c.first)
	k := c.end
	if s.is(k, "-") && s.glued(k) {
		k++
	}
	_, _, after := s.v.ageAfter.at(s, k)
	if (before && s.near(c.first)) || (after && s.near(k)) || s.nameComma(c) {
		return SkipAge
	}
	return ""
}

// nameComma reports the "Name, 28," pattern of news copy.
func (s *scanner) nameComma(c *cand) bool {
	n := c.n
	if !n.plain || n.ndigits > 3 || n.value < 1 || n.value > 120 || c.m.Qualifier != "" || c.first != n.start {
		return false
	}
	name := c.first - 2
	if !s.is(c.first-1, ",") || s.kind(name) != word || !isUpper(s.raw(name)) || s.month(name) {
		return false
	}
	return s.is(c.end, ",") || s.is(c.end, ")") || s.is(c.end, "of")
}

// dated reports a day of a month: "21 February", "Feb. 21", "May 8 and 9".
func (s *scanner) dated(c *cand) Skip {
	if !isDay(c.n) || (c.m.Qualifier == Between && !isDay(c.n2)) {
		return ""
	}
	k := c.n.start - 1
	if s.is(k, ".") && s.glued(k) {
		k--
	}
	j := c.end
	if s.is(j, "of") {
		j++
	}
	switch {
	case s.month(k) && s.near(k+1),
		s.month(j) && s.near(j),
		s.lastSkip == SkipDate && s.chain(s.lastTok, c.first):
		return SkipDate
	}
	return ""
}

func isDay(n num) bool { return n.plain && n.ndigits <= 2 && n.value >= 1 && n.value <= 31 }

func (s *scanner) month(k int) bool { return s.kind(k) == word && s.v.months[s.raw(k)] }

// chain reports a number joined to the match before it by a comma or a
// conjunction: "May 8 and 9".
func (s *scanner) chain(prev, at int) bool {
	if at != prev+1 || !s.near(at) {
		return false
	}
	switch s.low(prev) {
	case "and", "-", "–", "to", ",", "&", "or":
		return true
	}
	return false
}

// clocked reports a time: "10 am", "2200 GMT".
func (s *scanner) clocked(c *cand) Skip {
	if !c.n.plain || c.n.value > 2400 || c.m.Unit != "" {
		return ""
	}
	if _, _, ok := s.v.clock.at(s, c.end); ok && s.near(c.end) {
		return SkipTime
	}
	return ""
}

// yearly reports a year: a four-digit number from 1800 to 2199 with no
// unit. A qualifier makes it a count ("more than 2000 computers") unless a
// year cue comes before it ("since at least 2007"). News style writes
// counts of thousands with a comma, so "2,000 computers" is never a year.
func (s *scanner) yearly(c *cand) Skip {
	if !yearLike(c.n) || c.m.Unit != "" || c.m.Value < 0 {
		return ""
	}
	switch c.m.Qualifier {
	case "":
	case Between:
		if !yearLike(c.n2) {
			return ""
		}
	default:
		if _, _, ok := s.v.yearCues.before(s, c.first); !ok {
			return ""
		}
	}
	return SkipYear
}

func yearLike(n num) bool { return n.plain && n.ndigits == 4 && n.value >= 1800 && n.value <= 2199 }

// pronoun reports "one" standing for a noun: "the one you mentioned",
// "which one", "one another". "one of the contractors" stays a number.
func (s *scanner) pronoun(c *cand) Skip {
	if !c.n.one || c.m.Qualifier != "" || c.m.Unit != "" {
		return ""
	}
	_, _, before := s.v.pronounBefore.before(s, c.first)
	_, _, after := s.v.pronounAfter.at(s, c.end)
	if (before && s.near(c.first)) || (after && s.near(c.end)) {
		return SkipPronoun
	}
	return ""
}
