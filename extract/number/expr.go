package number

import (
	"cmp"

	"github.com/claimwire/claimwire/rules"
)

// quantity is a numeral with its sign, currency and unit: "-5", "$4bn",
// "43TB", "4.4 billion dollars".
type quantity struct {
	n          num
	start, end int // tokens
	value      float64
	unit       string
}

// cand is an expression being built: its tokens, its first quantity and the
// match so far.
type cand struct {
	first, end int // tokens [first, end)
	n          num // the first numeral
	n2         num // the second end of a range, if any
	m          Match
	label      bool // skipped for the label or product name before it
	unitAfter  bool // the first end's unit follows it: "50 rupees"
}

// expr reads the expression starting at token i: a qualifier, a quantity,
// a qualifier after it and the other end of a range.
func (s *scanner) expr(i int) (cand, bool) {
	c, ok := s.single(i)
	if !ok {
		return c, false
	}
	if c.m.Skip != "" { // a date, a time, an identifier: read no further
		s.dropBetween(&c)
		return c, true
	}
	if end, ok := s.ratio(&c); ok {
		s.dropBetween(&c)
		c.m.Skip, c.end = SkipRatio, end
		return c, true
	}
	s.postfix(&c)
	if !s.rangeEnd(&c) {
		s.dropBetween(&c)
	}
	s.restated(&c)
	s.classify(&c)
	if c.m.Skip == "" {
		s.pair(&c)
	}
	return c, true
}

// dropBetween forgets "between" or "from" when no range follows: "from
// $350 million" is $350 million.
func (s *scanner) dropBetween(c *cand) {
	if c.m.Qualifier == Between {
		c.m.Qualifier, c.first = "", c.n.start
	}
}

// single reads a qualifier and a quantity.
func (s *scanner) single(i int) (cand, bool) {
	qual, j := s.qualifier(i)
	q, ok := s.quantity(j)
	if !ok {
		return cand{}, false
	}
	c := cand{first: i, end: q.end, n: q.n, unitAfter: q.unit != "" && q.end > q.n.end}
	c.n.start = q.start // the sign and currency belong to the number
	c.m = Match{Value: q.value, Min: q.value, Max: q.value, Qualifier: qual, Unit: q.unit, Vague: q.n.vague, Skip: q.n.skip}
	return c, true
}

// qualifier reads a qualifier before a number. A comparison sign glued to
// another ("<>30", "=>30") is not one.
func (s *scanner) qualifier(i int) (string, int) {
	q, j, ok := s.v.quals.at(s, i)
	if !ok || !s.near(j) {
		return "", i
	}
	if s.kind(i) == symbol && s.glued(i) && isComparison(s.low(i-1)) {
		return "", i
	}
	return q, j
}

func isComparison(sym string) bool {
	switch sym {
	case "<", ">", "=", "≤", "≥":
		return true
	}
	return false
}

// quantity reads a sign, a currency, a numeral and a unit.
func (s *scanner) quantity(i int) (quantity, bool) {
	j, neg := s.sign(i)
	cur, j := s.currencyBefore(j)
	n, ok := s.numeral(j, cur != "")
	if !ok || (j > i && !s.near(j)) {
		return quantity{}, false
	}
	q := quantity{n: n, start: i, end: n.end, value: n.value, unit: cur}
	if neg {
		q.value = -q.value
	}
	if n.skip == "" {
		q.end, q.unit = s.unitAfter(q.end, cur)
	}
	return q, true
}

// sign reads "-", "−", "minus" or "negative" before a number. A hyphen
// glued to a word or digits before it joins them instead ("MS17-010",
// "1000-5000"); a spaced hyphen is a sign only at the start of a line,
// where it cannot be a dash between clauses.
func (s *scanner) sign(i int) (int, bool) {
	switch s.low(i) {
	case "minus", "negative", "−":
		if s.near(i + 1) {
			return i + 1, true
		}
	case "-":
		if s.glued(i+1) && !(s.glued(i) && s.alnum(i-1)) {
			return i + 1, true
		}
		if s.startsLine(i) && s.kind(i+1) == digits && s.near(i+1) {
			return i + 1, true
		}
	}
	return i, false
}

// currencyBefore reads a currency that precedes its amount: "$", "US$ ",
// "£", "USD".
func (s *scanner) currencyBefore(i int) (string, int) {
	cur, j, ok := s.v.currBefore.at(s, i)
	if !ok || !s.near(j) {
		return "", i
	}
	return cur, j
}

// unitAfter reads a unit or a currency after the number. A currency after
// one written before is read once: "$4.4 billion dollars".
func (s *scanner) unitAfter(j int, cur string) (int, string) {
	if !s.near(j) {
		return j, cur
	}
	if cur == "" {
		if u, end, ok := s.v.units.at(s, j); ok {
			return end, u
		}
	}
	if c, end, ok := s.v.currAfter.at(s, j); ok && (cur == "" || c == cur) && !(s.glued(end) && s.alnum(end)) {
		return end, c // but "€" of "a third €3.5bn" belongs to 3.5bn
	}
	return j, cur
}

// postfix reads a qualifier after the number: "500 or more", "less than
// 5000 or equal". Words that start another qualified number are left to it:
// "equal to 5000 or more than 4500", "more than 20 and less than 30".
func (s *scanner) postfix(c *cand) {
	q, end, ok := s.v.qualsAfter.at(s, c.end)
	if !ok || !s.near(c.end) || s.startsNumber(end) {
		return
	}
	if _, next := s.single(c.end + 1); next {
		return
	}
	c.m.Qualifier = combine(c.m.Qualifier, q)
	c.end = end
}

func combine(before, after string) string {
	switch {
	case after == rules.QualifierInclusive && before == MoreThan:
		return AtLeast
	case after == rules.QualifierInclusive && before == LessThan:
		return UpTo
	case after == rules.QualifierInclusive, after == About && before != "":
		return before
	}
	return after
}

// startsNumber reports whether a quantity starts at token i.
func (s *scanner) startsNumber(i int) bool {
	if !s.near(i) {
		return false
	}
	_, ok := s.quantity(i)
	return ok
}

// rangeEnd reads the other end of a range: "10 to 20", "1000-5000",
// "between 10 and 20 million", "$10-$20". An end that shares nothing
// sensible with the first ("5 to 3") is not one.
func (s *scanner) rangeEnd(c *cand) bool {
	switch c.m.Qualifier {
	case "", About, Nearly, Between:
	default:
		return false
	}
	k, ok := s.rangeJoin(c)
	if !ok {
		return false
	}
	q, ok := s.quantity(k)
	if !ok || q.n.skip != "" || (q.unit != "" && c.m.Unit != "" && q.unit != c.m.Unit) || (c.unitAfter && q.unit == "") {
		return false // "50 rupees to 2 crore people" is two amounts
	}
	lo := c.m.Value
	if c.n.mult == 0 && q.n.mult > 1 && c.n.value < q.n.base {
		lo = clean(lo * q.n.mult) // "10-20 million"
	}
	if lo >= q.value {
		return false
	}
	c.m.Value, c.m.Min, c.m.Max, c.m.Qualifier = lo, lo, q.value, Between
	c.m.Unit = cmp.Or(c.m.Unit, q.unit)
	c.n2, c.end = q.n, q.end
	return true
}

// rangeJoin reads the word between the ends of a range. A hyphen joins
// numbers written with digits only; "and" joins only after "between".
func (s *scanner) rangeJoin(c *cand) (int, bool) {
	if !s.near(c.end) {
		return c.end, false
	}
	if c.m.Qualifier == Between && s.is(c.end, "and") {
		return c.end + 1, true
	}
	_, k, ok := s.v.joins.at(s, c.end)
	if !ok || !s.near(k) {
		return c.end, false
	}
	if s.kind(c.end) == symbol && (c.n.words || !(s.kind(k) == digits || s.v.currBefore.has(s, k))) {
		return c.end, false // "twenty-one" is read as one number; "10-year" is no range
	}
	if s.kind(c.end) == symbol && !s.glued(c.end) && s.glued(k) {
		return c.end, false // "-1.62 -1.41%": a sign, as in a table of changes
	}
	return k, true
}

// restated takes in a number restated in brackets: "forty-five (45)".
func (s *scanner) restated(c *cand) {
	if !s.is(c.end, "(") || !s.near(c.end) {
		return
	}
	q, ok := s.quantity(c.end + 1)
	if ok && q.n.skip == "" && q.value == c.m.Value && s.is(q.end, ")") {
		c.end = q.end + 1
	}
}

// pair joins a lower and an upper bound into a range: "more than 10 and
// less than 40", "at most 100 and at least 20". Bounds that contradict
// each other ("more than 40 and less than 10") stay apart.
func (s *scanner) pair(c *cand) {
	lower, upper := bound(c.m.Qualifier)
	if !lower && !upper {
		return
	}
	k, ok := s.pairJoin(c.end)
	if !ok {
		return
	}
	d, ok := s.single(k)
	if !ok || d.m.Skip != "" {
		return
	}
	s.postfix(&d)
	lo2, up2 := bound(d.m.Qualifier)
	if (lower && !up2) || (upper && !lo2) {
		return
	}
	lo, hi := c.m.Value, d.m.Value
	if upper {
		lo, hi = hi, lo
	}
	if lo >= hi || (c.m.Unit != "" && d.m.Unit != "" && c.m.Unit != d.m.Unit) {
		return
	}
	c.m.Value, c.m.Min, c.m.Max, c.m.Qualifier = lo, lo, hi, Between
	c.m.Unit = cmp.Or(c.m.Unit, d.m.Unit)
	c.end = d.end
}

func bound(q string) (lower, upper bool) {
	return q == MoreThan || q == AtLeast, q == LessThan || q == UpTo
}

// pairJoin reads "and", "but", "," or ", and" between two bounds.
func (s *scanner) pairJoin(j int) (int, bool) {
	if s.is(j, ",") && s.near(j) {
		j++
		if (s.is(j, "and") || s.is(j, "but")) && s.near(j) {
			j++
		}
		return j, s.near(j)
	}
	if (s.is(j, "and") || s.is(j, "but")) && s.near(j) {
		return j + 1, s.near(j + 1)
	}
	return j, false
}

// emit records a candidate and returns the token to continue from.
func (s *scanner) emit(c cand) int {
	start, end := s.toks[c.first].start, s.toks[c.end-1].end
	m := c.m
	m.Start, m.End, m.Text = start, end, s.text[start:end]
	m.Next = s.next(c.end, end)
	s.out = append(s.out, m)
	s.lastTok, s.lastSkip, s.lastLabel = c.end, m.Skip, c.label
	return c.end
}

// next returns where a counted noun may start after token j: after an "of"
// ("millions of users") or a hyphen ("a 10-year sentence").
func (s *scanner) next(j, end int) int {
	switch {
	case s.is(j, "of") && s.near(j):
		return s.toks[j].end
	case s.is(j, "-") && s.glued(j) && s.kind(j+1) == word && s.glued(j+1):
		return s.toks[j].end
	}
	return end
}
