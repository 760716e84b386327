package extract

import "strings"

// gender is a person's sex as far as the article tells it: by a style
// ("Mrs."), a given name or a pronoun that refers to them.
type gender int8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
)

// sexes maps folded words to the sex they tell.
func sexes(male, female []string) map[string]gender {
	g := map[string]gender{}
	for _, w := range male {
		g[fold(w)] = genderMale
	}
	for _, w := range female {
		g[fold(w)] = genderFemale
	}
	return g
}

// person is one person the article names: the document-level model that
// "Ortiz", "Mr. Ortiz" and "she" refer back to.
type person struct {
	full string // the longest name the article gives: "Ana M. Ortiz"
	sex  gender
	dead bool // the article says they died: no later "he said" is theirs
	seen int  // when they were last mentioned
}

// personNamed returns the person a name refers to: the most recently
// mentioned person whose name ends with it and whose sex does not
// contradict sex, or a new person.
func (d *doc) personNamed(name string, sex gender) *person {
	d.seen++
	var best *person
	for _, p := range d.people[lastWord(name)] {
		fits := p.full == name || strings.HasSuffix(p.full, " "+name) || strings.HasSuffix(name, " "+p.full)
		if fits && compatible(p.sex, sex) && (best == nil || p.seen > best.seen) {
			best = p
		}
	}
	if best == nil {
		best = &person{full: name}
		d.people[lastWord(name)] = append(d.people[lastWord(name)], best)
	}
	if len(name) > len(best.full) {
		best.full = name // "Ana Ortiz" after "Mr. Ortiz"
	}
	if best.sex == genderUnknown {
		best.sex = sex
	}
	best.seen = d.seen
	return best
}

func compatible(a, b gender) bool { return a == genderUnknown || b == genderUnknown || a == b }

// sexOf tells a person's sex from a style in their title ("Mrs.",
// "spokeswoman") or from their given name.
func (d *doc) sexOf(title, name span) gender {
	for i := title.e - 1; i >= title.s; i-- {
		if g := d.lx.styleSex[d.toks[i].lower]; g != genderUnknown {
			return g
		}
	}
	if name.e-name.s < 2 {
		return genderUnknown
	}
	return d.lx.nameSex[d.toks[name.s].lower]
}

// styledName is the name a speaker is given when the story styles them:
// the full name, with the style the story used before a surname kept in front ("Mr. Ortiz" →
// "Mr. Ana Ortiz"), so that the name reads as the story wrote it and as
// the person's full name at once.
func (d *doc) styledName(who *person, name span, lo int) string {
	if name.e-name.s != 1 {
		return ""
	}
	k := name.s - 1
	if k > lo && d.toks[k].text == "." && d.abbreviationDot(k) {
		k--
	}
	if k < lo || !d.toks[k].isCap() || !d.lx.styles.has(d.toks[k].lower) {
		return ""
	}
	return d.words(span{k, name.s}) + " " + who.full
}

// placeName reports whether a capitalised name is a place's: its last word
// is a place word and its first is no given name ("Central Park").
func (d *doc) placeName(name span) bool {
	return d.lx.placeWords.has(d.toks[name.e-1].lower) && d.lx.nameSex[d.toks[name.s].lower] == genderUnknown
}

// canBe reports whether a pronoun of sex g can refer to the person: a
// person who died is not the "he" of a later "he said".
func (p *person) canBe(g gender) bool {
	return p == nil || !p.dead && compatible(p.sex, g)
}

// noteDeaths marks the people sentence si says died: "Ortiz died in
// 2019", "Ortiz was killed", "the late Ana Ortiz", "the death of Ortiz".
func (d *doc) noteDeaths(si int) {
	s := d.sents[si]
	for i := s.first; i < s.last; i++ {
		if !d.lx.deathWords.has(d.toks[i].lower) {
			continue
		}
		var who span
		switch {
		case d.toks[i].lower == "late" || i+1 < s.last && d.toks[i+1].lower == "of":
			start := i + 1
			if d.toks[i].lower != "late" {
				start = i + 2
			}
			who = d.npStartingAt(start, s.last) // "the late Ana Ortiz", "the death of Ortiz"
		case strings.HasPrefix(d.toks[i].tag, "VB"):
			if d.toks[i].tag == "VBN" && !d.passive(i) && d.toks[i].lower != "died" {
				continue // "Ortiz had killed" kills, she is not killed
			}
			who = d.subjectOf(i)
		}
		if !who.empty() {
			if p := d.resolvePerson(who); p.who != nil {
				p.who.dead = true
			}
		}
	}
}

// givenName reports whether token i is a given name the rules know.
func (d *doc) givenName(i int) bool {
	return i >= 0 && d.lx.nameSex[d.toks[i].lower] != genderUnknown && d.toks[i].isCap()
}

// speaksFor returns the organisation or state a person's title says they
// speak for: "Justice Department spokesperson" → Justice Department,
// "Chinese foreign ministry spokesperson" → China, and a bare "foreign
// ministry spokesperson" → the state the article last made a subject.
func (d *doc) speaksFor(title span) string {
	if title.empty() {
		return ""
	}
	if inner := d.innerParty(title, -1); inner.ok() {
		return inner.name
	}
	for i := title.s; i < title.e; i++ {
		if d.lx.governmentWords.has(d.toks[i].lower) && !d.lx.roles.has(d.toks[i].lower) {
			m, ok := d.lastMention(func(m *mention) bool { return m.kind == entCountry }, title.s)
			if ok {
				return m.name
			}
			return ""
		}
	}
	return ""
}
