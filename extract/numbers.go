package extract

import (
	"strings"

	"github.com/claimwire/claimwire/extract/number"
	"github.com/claimwire/claimwire/model"
)

// Confidence of a number claim, by how its unit was found. A unit written
// with the number ("$4bn", "20 percent") or a noun right after it ("300
// workers") is surest; a noun found past modifiers, a name or "of" less
// so; a capitalised word taken for the unit ("six Bitcoin") or a lone
// "one" kept for its list ("two men and one woman") least.
const (
	confUnitNear    = 0.9
	confUnitFar     = 0.75
	confUnitGuessed = 0.5
)

// numberClaims returns the claimed numbers of the article: the number
// parser's expressions that are amounts, each with what it counts.
func (d *doc) numberClaims(p *number.Parser, stop int) []model.Claim {
	ms := p.Find(d.text[:stop]) // up to where reading stopped (a sentence start)
	var out []model.Claim
	for k, m := range ms {
		if m.Skip != "" || m.Vague || d.notCount(m) {
			continue
		}
		u, ok := d.unitOf(m)
		if !ok || d.loneOne(ms, k) {
			continue
		}
		c := model.Claim{Kind: model.Number, Value: m.Value, Unit: u.text, Qualifier: m.Qualifier, Text: m.Text,
			Rule: "number", Confidence: u.conf}
		if m.Qualifier == number.Between {
			c.Max = m.Max
		}
		if strings.EqualFold(m.Text, "one") {
			c.Confidence = confUnitGuessed
		}
		d.evidence(&c, m.Start, u.end)
		out = append(out, c)
	}
	return out
}

// unit is what a number counts, where it ends, and how sure the rule is.
type unit struct {
	text string
	end  int
	conf float64
}

// unitOf finds what m counts: the unit written with it or the counted
// noun after it. Durations and nouns that count nothing are no unit.
func (d *doc) unitOf(m number.Match) (unit, bool) {
	u := unit{m.Unit, m.End, confUnitNear}
	if u.text == "" {
		u = d.countedNoun(m)
	}
	low := strings.ToLower(u.text)
	if u.text == "" || d.lx.durations.has(low) || d.lx.notCounted.has(low) {
		return u, false
	}
	return u, true
}

// notCount reports number expressions that count nothing: a number glued
// to its unit as a compound adjective ("the 16-inch MacBook", "a
// 1,900-mile-wide moon"); "one of the …", which picks one of many, unless
// the many are counted ("one of the 25 delegates"); a
// fraction written with a slash and no "of" after it, which in news is a
// date, a metre or a rating ("6/8"); and two to four in words after
// "the", "these" or "those", which refers back to things already counted
// ("the two men"); larger numbers there are mostly new ("the nine
// companies selected").
func (d *doc) notCount(m number.Match) bool {
	if m.End < len(d.text) && d.text[m.End] == '-' {
		return true
	}
	word := strings.TrimSpace(m.Text)
	if m.Value == 1 && m.Next > m.End && strings.EqualFold(word, "one") {
		i := d.tokenAt(m.Next)
		return d.partitive(i, len(d.toks)) == i
	}
	if strings.Contains(word, "/") && m.Next == m.End {
		return true
	}
	return m.Qualifier == "" && m.Unit == "" && m.Value < 5 && isSpelled(word) && d.definiteBefore(m.Start)
}

// isSpelled reports a number written in letters only: "two", "Three".
func isSpelled(w string) bool {
	return w != "" && strings.IndexFunc(w, func(r rune) bool { return r < 'A' || r > 'z' || r > 'Z' && r < 'a' }) < 0
}

// definiteBefore reports "the", "these" or "those" just before byte off.
func (d *doc) definiteBefore(off int) bool {
	i := d.tokenAt(off) - 1
	if i < 0 {
		return false
	}
	switch d.toks[i].lower {
	case "the", "these", "those":
		return true
	}
	return false
}

// loneOne reports a bare "one" before a noun that counts nothing by
// itself: "one user said", "in one case", "one way or another". News
// writes "one" as a count when it stands in a list of counts ("two
// individuals and one company", "one dead and 20 injured") or is stressed
// by a qualifier, which the parser has already read.
func (d *doc) loneOne(ms []number.Match, k int) bool {
	m := ms[k]
	if !strings.EqualFold(strings.TrimSpace(m.Text), "one") || m.Qualifier != "" || m.Next > m.End {
		return false // "one of the 25 delegates" counts one of them
	}
	if k > 0 && d.listed(ms[k-1], m) || k+1 < len(ms) && d.listed(m, ms[k+1]) {
		return false
	}
	return true
}

// listed reports whether a and b, in that order, are counts in one list:
// close together, joined by "and" or a comma, in one sentence.
func (d *doc) listed(a, b number.Match) bool {
	if a.Skip != "" || b.Skip != "" || b.Start-a.End > 40 {
		return false
	}
	gap := d.text[a.End:b.Start]
	if strings.ContainsAny(gap, ".;:\n") {
		return false
	}
	return strings.Contains(gap, " and ") || strings.Contains(gap, ",")
}

// countedNoun returns the noun a number counts: past adjectives and
// participles ("seven alleged hackers"), past a proper name that
// modifies the noun ("2,500 City of Boston computers"), past another
// number after "of" ("18 of 25 seats", "59 of the 75 witnesses"), to the
// last noun of the compound ("two FSB agents" → agents). The noun must be
// on the number's line, and a number other than one counts a plural noun:
// "the 176 majority" and "zero tolerance" count nothing.
func (d *doc) countedNoun(m number.Match) unit {
	i := d.tokenAt(m.Next)
	if i >= len(d.toks) || strings.Contains(d.text[m.End:d.toks[i].start], "\n") {
		return unit{}
	}
	s := d.sentenceOf(i)
	start := i
	i = d.partitive(i, s.last)
	u := d.nounAt(i, s.last)
	if u.text == "" {
		return u
	}
	switch {
	case u.conf == confUnitGuessed:
	case i == start && u.end == d.toks[i].end && m.Next == m.End:
		u.conf = confUnitNear
	default:
		u.conf = confUnitFar
	}
	if m.Value != 1 && d.singular(u) {
		return unit{}
	}
	return u
}

// partitive skips "the 25" of "18 of the 25 slots".
func (d *doc) partitive(i, last int) int {
	j := i
	if j < last && d.toks[j].lower == "the" {
		j++
	}
	if j+1 < last && d.toks[j].tag == "CD" {
		return j + 1
	}
	return i
}

// nounAt reads the counted noun from token i.
func (d *doc) nounAt(i, last int) unit {
	i = d.skipModifiers(i, last)
	names := d.skipNames(i, last)
	if names > i && names < last && d.toks[names].lower == "'s" {
		return unit{} // "one of China’s strongest backers": counts no noun
	}
	if names > i {
		if k := d.skipModifiers(names, last); k < last && d.isNoun(k) {
			i = k // a name modifying the counted noun: "200 U.S. military personnel"
		} else if names == i+1 {
			return unit{d.toks[i].text, d.toks[i].end, confUnitGuessed} // "six Bitcoin"
		}
	}
	j := d.compoundEnd(i, last)
	if j == i {
		return unit{}
	}
	if j+1 < last && d.toks[j].lower == "'s" { // "half of the state's school districts"
		if k := d.compoundEnd(d.skipModifiers(j+1, last), last); k > j+1 {
			j = k
		}
	}
	return unit{d.toks[j-1].text, d.toks[j-1].end, confUnitFar}
}

// skipModifiers passes adjectives, participles, adverbs and "the", and
// "and" or "or" between two modifiers ("100 million corporate and
// consumer computers").
func (d *doc) skipModifiers(i, last int) int {
	for k := 0; i < last && k < 6; k++ {
		t := &d.toks[i]
		switch {
		case modifierTag(t.tag) || t.lower == "the":
		case k > 0 && (t.lower == "and" || t.lower == "or") && i+1 < last && modifierTag(d.toks[i-1].tag) &&
			(modifierTag(d.toks[i+1].tag) || d.isNoun(i+1)):
		default:
			return i
		}
		i++
	}
	return i
}

// skipNames passes a proper name: capitalised words, joined by "of" and
// the like ("City of Boston").
func (d *doc) skipNames(i, last int) int {
	j := i
	for j < last && (d.toks[j].isCap() && strings.HasPrefix(d.toks[j].tag, "NNP") ||
		j > i && nameLinks.has(d.toks[j].lower) && j+1 < last && d.toks[j+1].isCap()) {
		j++
	}
	return j
}

// compoundEnd returns the end of the noun compound at i. A capitalised
// word inside it must be followed by a lower-case noun ("two LED
// clusters", "32 state Democratic committees"); a plural the tagger took
// for a verb ends it ("50 lakh masks"), and so does a time word ("masks
// today").
func (d *doc) compoundEnd(i, last int) int {
	j := i
	for j < last && d.toks[j].isWord() && !d.lx.timeWords.has(d.toks[j].lower) {
		t := &d.toks[j]
		switch {
		case d.isNoun(j):
			j++
			continue
		case t.isCap() && j+1 < last && d.isNoun(j+1):
			j++
			continue
		case j == i && mistaggedPlural(t):
			return j + 1
		}
		break
	}
	for j > i && d.toks[j-1].isCap() {
		j--
	}
	return j
}

// mistaggedPlural reports a plural noun right after a number that the
// tagger took for a verb or a preposition: "50 lakh masks", "1,000 apps".
func mistaggedPlural(t *token) bool {
	if t.tag != "VBZ" && t.tag != "IN" || len(t.lower) < 4 || t.isCap() {
		return false
	}
	switch t.lower {
	case "unless", "whereas", "towards", "besides", "afterwards", "perhaps", "always", "versus", "plus", "less":
		return false
	}
	return strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") && !strings.HasSuffix(t.lower, "us")
}

// isNoun reports a lower-case common noun.
func (d *doc) isNoun(i int) bool {
	t := &d.toks[i]
	return strings.HasPrefix(t.tag, "NN") && !t.isCap() && t.isWord()
}

// singular reports a unit that is a singular count noun: tagged singular,
// not a plural form, and not a noun whose plural is the singular
// ("aircraft", "staff") or a capitalised name.
func (d *doc) singular(u unit) bool {
	i := d.tokenAt(u.end) - 1
	if i < 0 || u.conf == confUnitGuessed {
		return false
	}
	t := &d.toks[i]
	low := strings.ToLower(u.text)
	return t.tag == "NN" && !strings.HasSuffix(low, "s") && !d.lx.invariant.has(low)
}

// modifierTag reports tags of words between a number and its noun:
// adjectives, participles and adverbs ("more than 10 protected computers").
func modifierTag(tag string) bool {
	return strings.HasPrefix(tag, "JJ") || tag == "VBN" || tag == "RB"
}
