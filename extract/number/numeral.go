package number

// A numeral is a number without its qualifier, sign, currency or unit:
// "1,234.5", "two hundred and six", "1.5 million", "three quarters", "10k".
// It is read as a sequence of atoms combined by an accumulator, the way
// people read number words: "twenty-one thousand eleven" is
// (20+1)×1000+11.

type part uint8

const (
	pNone    part = iota
	pUnit         // a word worth 0-9 ("one", "nought", "a" before a multiplier)
	pTeen         // a word worth 10-19
	pTens         // twenty … ninety
	pDigits       // a number written with digits
	pHundred      // hundred: multiplies the group below a thousand
	pScale        // thousand, million, bn, k: closes a group
	pMult         // dozen: a multiplier below a hundred
	pFrac         // a fraction: "half", "two thirds", "1/2"
	pDenom        // a denominator after a number: "three fifths" inside a longer numeral
	pPoint        // "point" and the decimals after it
	pVague        // few, several
)

type atom struct {
	part       part
	value      float64
	start, end int     // tokens
	word       bool    // written in words
	plural     bool    // a plural multiplier: millions, dozens
	digitsOnly bool    // a multiplier that follows digits only: the "M" of "1.5 M"
	glued      float64 // a multiplier glued to the digits: the "k" of "10k"
	skip       Skip    // the digits are not an amount: "21st", "3pm", "APT31"
	plain      bool    // digits with no separators or decimals
	decimal    bool    // digits with decimals: "1.2"
	ndigits    int     // how many digits the integer part has as written: "0033" has 4
}

type join uint8

const (
	joinNone   join = iota
	joinAnd         // "hundred and six", "one and a half"
	joinHyphen      // "twenty-one", "fifty - two"
	joinOf          // "two thirds of a million", "hundreds of millions"
)

// acc accumulates atoms. total holds the groups closed by a scale (≥ 1000),
// cur the group being read.
type acc struct {
	state
	saved    state // the state before the tail after a hundred or a scale, to give it back
	hasSaved bool
	savedEnd int // the token where the saved tail began
}

type state struct {
	total, cur float64
	tail       float64 // the part of cur after its hundred: the "two" of "three hundred and two dozen"
	inTail     bool    // a hundred was read in this group, so tail counts
	frac       float64 // a fraction after "and" waiting for its scale: "a billion and a half (million)"
	scale      float64 // the last scale applied
	mult       float64 // the multiplier that ended the numeral, if one did
	last       part
	atoms      int
	group      int // atoms in cur
	vague      bool
	closed     bool // nothing may follow: "10k", "43TB"
	pointed    bool
	words      bool
	first      atom
	prev       atom // the last atom taken
}

func (a *acc) value() float64 {
	v := a.total + a.cur
	if a.frac != 0 {
		v += a.frac * a.scale
	}
	return v
}

// add takes the next atom, reporting false if it does not continue the
// numeral.
func (a *acc) add(at atom, j join) bool {
	if a.closed || !a.joinFits(at, j) || (at.digitsOnly && a.last != pDigits) {
		return false
	}
	ok := false
	switch at.part {
	case pUnit, pTeen, pTens, pDigits:
		ok = a.addSmall(at, j) && a.addGlued(at)
	case pHundred:
		ok = a.addHundred(at)
	case pScale:
		ok = a.addScale(at)
	case pMult:
		ok = a.addMult(at)
	case pFrac:
		ok = a.addFrac(at, j)
	case pDenom:
		ok = a.addDenom(at)
	case pPoint:
		ok = a.addPoint(at)
	case pVague:
		ok = a.addVague(at)
	}
	if ok {
		a.took(at)
	}
	return ok
}

// addVague starts a numeral with a vague amount: "a few (hundred)".
func (a *acc) addVague(at atom) bool {
	if a.last != pNone {
		return false
	}
	a.cur, a.vague = at.value, true
	return true
}

// took records an atom the accumulator accepted.
func (a *acc) took(at atom) {
	if a.atoms == 0 {
		a.first = at
	}
	a.atoms++
	a.last = at.part
	a.prev = at
	a.words = a.words || at.word
	if at.part != pScale && at.part != pMult && at.part != pHundred && at.glued == 0 {
		a.mult = 0
	}
	if at.glued != 0 {
		a.closed = true
	}
}

// joinFits checks the word between two atoms: "and" only after a hundred
// or a scale ("hundred and six") or before a fraction ("one and a half");
// a hyphen only inside words ("twenty-one"); "of" only before a multiplier.
func (a *acc) joinFits(at atom, j join) bool {
	switch j {
	case joinAnd:
		afterGroup := (a.last == pHundred || a.last == pScale) && at.value > 0 &&
			(at.part == pUnit || at.part == pTeen || at.part == pTens || at.part == pDigits)
		return afterGroup || (at.part == pFrac && a.last != pNone && a.last != pFrac)
	case joinHyphen:
		return at.word && a.last == pTens && at.part == pUnit
	case joinOf:
		fracOf := a.last == pFrac && (at.part == pScale || at.part == pMult || at.part == pHundred)
		return fracOf || (a.vague && at.plural && at.part == pScale)
	}
	return true
}

// addGlued applies a multiplier glued to digits: "10k", "$4bn".
func (a *acc) addGlued(at atom) bool {
	if at.glued == 0 {
		return true
	}
	a.last = pDigits
	return a.addScale(atom{part: pScale, value: at.glued})
}

func (a *acc) addSmall(at atom, j join) bool {
	v := at.value
	switch {
	case a.last == pNone:
	case a.last == pHundred || a.last == pScale:
		a.save()
		a.tail = v
	case a.last == pTens && at.part == pUnit && at.word && a.prev.word:
		a.tail += v
	case a.last == pUnit && at.part == pTens && a.atoms == 1 && a.first.word && j == joinNone:
		a.cur *= 100 // "one twenty two" is 122
	default:
		return false
	}
	a.cur += v
	a.group++
	return true
}

// save remembers the state before a tail so that "3 hundred and 2 hundred"
// can give "and 2" back and read 300 and 200.
func (a *acc) save() {
	a.saved, a.hasSaved = a.state, true
}

func (a *acc) addHundred(at atom) bool {
	switch {
	case a.last == pNone:
		a.cur = at.value
		a.vague = at.plural
	case a.last == pVague || a.last == pFrac:
		a.cur *= at.value
	case a.last == pDigits && a.group == 1:
		a.cur *= at.value
	case (a.last == pUnit || a.last == pTeen || a.last == pTens) && a.cur < 100:
		a.cur *= at.value
	default:
		return false
	}
	a.tail, a.inTail, a.hasSaved, a.mult = 0, true, false, at.value
	return true
}

func (a *acc) addScale(at atom) bool {
	s := at.value
	switch {
	case a.last == pNone:
		a.cur, a.vague = 1, at.plural
	case a.frac != 0 && a.last == pFrac && a.cur == 0:
		a.total += a.frac * s // "a billion and a half million"
		a.frac = 0
		a.scale, a.mult = s, 0
		return true
	case a.last == pScale && a.cur == 0:
		if s <= a.scale {
			return false
		}
	case a.scale != 0 && s >= a.scale:
		return false // "500 crore and 5 billion" is two numbers
	case a.last == pPoint && a.total != 0:
		return false
	}
	if a.scale == 0 || s < a.scale {
		a.total += a.cur * s
	} else {
		a.total = (a.total + a.cur) * s // "three thousand millions"
	}
	a.cur, a.tail, a.inTail, a.group, a.scale, a.mult, a.hasSaved = 0, 0, false, 0, s, s, false
	return true
}

func (a *acc) addMult(at atom) bool {
	switch a.last {
	case pNone:
		a.cur, a.vague = at.value, at.plural
	case pUnit, pTeen, pTens, pDigits, pHundred, pFrac, pVague:
		if a.inTail && a.tail > 0 {
			a.cur += a.tail * (at.value - 1) // "three hundred and two dozen" is 300 + 24
		} else {
			a.cur *= at.value
		}
	default:
		return false
	}
	a.mult = at.value
	a.closed = true
	return true
}

func (a *acc) addFrac(at atom, j join) bool {
	switch {
	case a.last == pNone:
		a.cur = at.value
	case j != joinAnd:
		return false
	case a.last == pScale:
		a.frac = at.value // "one million and a half": half of the scale
	default:
		a.cur += at.value // "one and a half", "five and a half million"
	}
	return true
}

// addDenom divides what was read so far: RT reads "one million two
// thousand two hundred three fifths" as 1002203/5.
func (a *acc) addDenom(at atom) bool {
	if a.last == pNone || a.last == pFrac || a.last == pDenom || a.pointed {
		return false
	}
	a.cur = (a.total + a.cur) / at.value
	a.total, a.scale, a.hasSaved = 0, 0, false
	a.last = pFrac
	return true
}

func (a *acc) addPoint(at atom) bool {
	switch a.last {
	case pNone, pUnit, pTeen, pTens, pDigits, pHundred:
	default:
		return false
	}
	if a.pointed || (a.last == pDigits && !a.prev.plain) {
		return false // "1.5 point 3"
	}
	a.cur += at.value
	a.pointed = true
	return true
}

// num is a numeral read from the text.
type num struct {
	value      float64
	start, end int // tokens
	words      bool
	plain      bool // one run of digits with no separators, decimals or multiplier: maybe a year, a day, an age
	ndigits    int
	mult       float64 // the multiplier that ends it ("1.5 million"), shared with the other end of a range
	base       float64 // value / mult
	vague      bool
	one        bool // the single word "one", which may be a pronoun
	skip       Skip
}

// numeral reads the numeral starting at token i.
func (s *scanner) numeral(i int, money bool) (num, bool) {
	var a acc
	j := i
	for j < len(s.toks) {
		jn, k := s.joinAt(j, &a)
		at, ok := s.atom(k, a.last == pNone || jn == joinAnd, a.last == pNone, money)
		if ok && at.skip != "" {
			if a.atoms == 0 {
				return num{value: at.value, start: i, end: at.end, skip: at.skip}, true
			}
			break
		}
		if ok && (k == i || s.near(k)) && s.take(&a, at, jn, j) {
			j = at.end
			continue
		}
		if ok && a.hasSaved && (at.part == pHundred || at.part == pScale) {
			j, a.state = a.savedEnd, a.saved // "3 hundred and 2 hundred" is 300 and 200
		}
		break
	}
	if a.atoms == 0 {
		return num{}, false
	}
	return s.finish(&a, i, j), true
}

// take adds an atom, noting where its tail began so that it can be given back.
func (s *scanner) take(a *acc, at atom, jn join, j int) bool {
	last := a.last
	if !a.add(at, jn) {
		return false
	}
	if (last == pHundred || last == pScale) && a.hasSaved && at.part != pHundred && at.part != pScale {
		a.savedEnd = j
	}
	return true
}

// joinAt reads the word between two atoms, if any, and returns where the
// next atom starts.
func (s *scanner) joinAt(j int, a *acc) (join, int) {
	if a.atoms == 0 || !s.near(j) {
		return joinNone, j
	}
	switch s.low(j) {
	case "and":
		return joinAnd, j + 1
	case "-":
		if a.words && s.kind(j+1) == word {
			return joinHyphen, j + 1
		}
	case "of":
		if s.is(j+1, "a") || s.is(j+1, "an") {
			return joinOf, j + 2
		}
		return joinOf, j + 1
	case "a", "an":
		if a.last == pFrac {
			return joinOf, j + 1 // "half a dozen"
		}
	}
	return joinNone, j
}

func (s *scanner) finish(a *acc, i, end int) num {
	n := num{value: clean(a.value()), start: i, end: end, words: a.words, vague: a.vague}
	if a.atoms == 1 && a.first.part == pDigits && a.first.plain && a.first.glued == 0 {
		n.plain, n.ndigits = true, a.first.ndigits
	}
	if a.mult > 1 {
		n.mult, n.base = a.mult, clean(n.value/a.mult)
	}
	n.one = a.atoms == 1 && a.first.word && s.is(a.first.start, "one")
	if e, v, ok := s.ordinalTail(a, end); ok {
		n.skip, n.end, n.value = SkipOrdinal, e, n.value+v
	}
	return n
}

// ordinalTail reports a rank word that completes a numeral in words:
// "twenty-first", "one hundred and first". "two millionth" stays two.
func (s *scanner) ordinalTail(a *acc, end int) (int, float64, bool) {
	k := end
	if (s.is(k, "-") || s.is(k, "and")) && s.near(k) {
		k++
	}
	v, ok := s.v.ordinals[s.low(k)]
	if !ok || !a.words || !s.near(k) {
		return end, 0, false
	}
	fits := (a.last == pTens && v < 10) || ((a.last == pHundred || a.last == pScale) && v < 100)
	return k + 1, v, fits
}
