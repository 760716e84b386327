package extract

import (
	"strings"

	"github.com/claimwire/claimwire/rules"
)

// addActors indexes every name of every actor. A name that several groups
// share (rules.Collisions) gets one entry marked shared, and counts only
// when the article names one of those groups otherwise (resolveShared).
func (lx *lexicon) addActors(as []rules.Actor, cues []string) {
	lx.actorCues = newSet(cues)
	lx.sharedActors = map[string][]*entry{}
	shared := set{}
	for _, c := range rules.Collisions(as) {
		shared[normLabel(c.Alias)] = struct{}{}
	}
	added := map[string]*entry{} // shared names already indexed, by spelling
	for i := range as {
		a := &as[i]
		for _, n := range a.Names() {
			e := &entry{kind: entActor, canon: a.Name, country: a.Sponsor, actor: a, ambiguous: a.IsAmbiguous(n), alias: n}
			l := normLabel(n)
			if shared.has(l) {
				lx.sharedActors[l] = append(lx.sharedActors[l], e)
				lx.ambiguousLabel[l] = struct{}{}
				// Marked ambiguous, the name is no party by itself either.
				if added[n] == nil {
					added[n] = &entry{kind: entActor, canon: a.Name, shared: true, alias: n, actor: a, ambiguous: true}
					lx.add(added[n], n)
				}
				added[n].sharedCue = added[n].sharedCue || e.ambiguous
				continue
			}
			if _, dup := lx.actorByName[l]; !dup {
				lx.actorByName[l] = e
			}
			if e.ambiguous {
				lx.ambiguousLabel[l] = struct{}{}
			}
			lx.add(e, n)
		}
	}
}

// actorHit is a threat-actor label found in the article.
type actorHit struct {
	span    span // tokens of the label
	label   string
	entry   *entry // the gazetteer entry, or nil for a label found by a pattern
	sponsor string
	rule    string
}

// findActors finds threat-actor labels: gazetteer names (ambiguous ones
// only beside a group cue), spelling variants of them ("APT 28"), and
// labels the rule patterns find ("a unit, dubbed APT31").
func (d *doc) findActors() []actorHit {
	var hits []actorHit
	for i := 0; i < len(d.toks); i++ {
		if h, ok := d.gazetteerActor(i); ok {
			hits = append(hits, h)
			i = h.span.e - 1
		}
	}
	hits = d.resolveShared(hits)
	hits = append(hits, d.patternActors(hits)...)
	for k := range hits {
		if hits[k].sponsor == "" {
			hits[k].sponsor = d.contextSponsor(hits[k].span)
		}
	}
	return hits
}

func (d *doc) gazetteerActor(i int) (actorHit, bool) {
	s := d.sentenceOf(i)
	if e, n := d.lx.lookup(d.toks, i, s.last); e != nil && e.kind == entActor {
		needCue := e.ambiguous && !e.shared || e.sharedCue
		if needCue && !d.groupCueNear(span{i, i + n}) {
			return actorHit{}, false
		}
		return actorHit{span: span{i, i + n}, label: d.words(span{i, i + n}), entry: e, sponsor: e.country, rule: "actor.gazetteer"}, true
	}
	// spelling variants: "APT 28" for APT28, "Fancy-Bear" for Fancy Bear,
	// "RansomHub" for Ransomhub
	for n := 1; n <= 3 && i+n <= s.last; n++ {
		p := span{i, i + n}
		if !d.toks[i].isCap() || !d.toks[i+n-1].isWord() {
			break
		}
		if n == 1 && len(normLabel(d.toks[i].text)) < 4 {
			continue
		}
		label := normLabel(d.words(p))
		if e, ok := d.lx.actorByName[label]; ok && !d.lx.ambiguousLabel.has(label) && (n == 1 || !oneWord(e.alias)) {
			return actorHit{span: p, label: d.words(p), entry: e, sponsor: e.country, rule: "actor.gazetteer"}, true
		}
	}
	return actorHit{}, false
}

// oneWord reports whether an actor name is a single word of letters, which
// two words of a text do not spell: "Wall Street" is not Wallstreet.
func oneWord(name string) bool {
	return !strings.ContainsFunc(name, func(r rune) bool { return r == ' ' || r == '-' || r >= '0' && r <= '9' })
}

// resolveShared keeps a hit of a name that several groups share only when
// it stands for exactly one of them (sharedOwner), and gives the hit that
// group.
func (d *doc) resolveShared(hits []actorHit) []actorHit {
	named := map[*rules.Actor]bool{}
	for _, h := range hits {
		if h.entry != nil && !h.entry.shared && h.entry.actor != nil {
			named[h.entry.actor] = true
		}
	}
	out := hits[:0]
	for _, h := range hits {
		if h.entry != nil && h.entry.shared {
			pick, n := d.sharedOwner(h.entry.alias, named)
			if n != 1 {
				continue
			}
			h.entry, h.sponsor, h.rule = pick, pick.country, "actor.gazetteer.shared"
		}
		out = append(out, h)
	}
	return out
}

// sharedOwner returns the group a shared name stands for: the one of its
// groups the article names otherwise, or, when it names none, the group
// whose own name it is ("ShinyHunters", also an alias of another group).
// n is how many groups qualify; only one is an answer.
func (d *doc) sharedOwner(name string, named map[*rules.Actor]bool) (pick *entry, n int) {
	l := normLabel(name)
	for _, c := range d.lx.sharedActors[l] {
		if named[c.actor] {
			pick, n = c, n+1
		}
	}
	if n > 0 {
		return pick, n
	}
	for _, c := range d.lx.sharedActors[l] {
		if normLabel(c.actor.Name) == l {
			pick, n = c, n+1
		}
	}
	return pick, n
}

// groupCueNear reports whether a group cue ("group", "hackers") or an
// actor cue ("ransomware") stands right before or after the span. A
// capitalised cue is part of a name or a headline ("Homeland Security
// Group", "White Actors Play"), not a cue.
func (d *doc) groupCueNear(p span) bool {
	s := d.sentenceOf(p.s)
	for i := max(s.first, p.s-2); i < min(s.last, p.e+2); i++ {
		t := &d.toks[i]
		if (i < p.s || i >= p.e) && !t.isCap() && (d.lx.groups.has(t.lower) || d.lx.actorCues.has(t.lower)) {
			return true
		}
	}
	return false
}

// patternActors applies the actor patterns to the article, paragraph by
// paragraph so that no match spans two, skipping labels already found.
func (d *doc) patternActors(known []actorHit) []actorHit {
	var out []actorHit
	for _, para := range d.paras {
		out = append(out, d.patternActorsIn(para[0], para[1], append(known, out...))...)
	}
	return out
}

func (d *doc) patternActorsIn(start, end int, known []actorHit) []actorHit {
	text := d.text[start:end]
	lower := strings.ToLower(text)
	var out []actorHit
	for _, p := range d.lx.patterns {
		if !hinted(lower, p.Hints) {
			continue
		}
		re := p.Regexp()
		li := re.SubexpIndex("label")
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			a, b := m[0], m[1]
			if li > 0 && m[2*li] >= 0 {
				a, b = m[2*li], m[2*li+1]
			}
			sp := d.tokenSpan(start+a, start+b)
			if sp.empty() || overlapsHit(known, sp) || overlapsHit(out, sp) || d.notActor(sp) || d.modifiesNoun(sp) {
				continue
			}
			h := actorHit{span: sp, label: d.words(sp), sponsor: p.Sponsor, rule: "actor.pattern." + p.Name}
			if e, ok := d.lx.actorByName[normLabel(h.label)]; ok {
				h.entry, h.sponsor = e, e.country
			}
			out = append(out, h)
		}
	}
	return out
}

// hinted reports whether text, in lower case, holds one of the hints.
func hinted(lower string, hints []string) bool {
	if len(hints) == 0 {
		return true
	}
	for _, h := range hints {
		if strings.Contains(lower, strings.ToLower(h)) {
			return true
		}
	}
	return false
}

// notActor rejects pattern matches that are countries, parties or
// ordinary words.
func (d *doc) notActor(p span) bool {
	if e, n := d.lx.lookup(d.toks, p.s, p.e); e != nil && e.kind != entActor && n == p.e-p.s {
		return true
	}
	if p.e-p.s == 1 && d.functionWord(p.s) {
		return true // "The hacking group": a capital at the start of a sentence
	}
	return !d.toks[p.s].isCap()
}

// functionWord reports a determiner, pronoun, preposition or conjunction.
func (d *doc) functionWord(i int) bool {
	t := &d.toks[i]
	if strippable.has(t.lower) || t.isPronoun() {
		return true
	}
	switch t.tag {
	case "DT", "PDT", "PRP", "PRP$", "IN", "CC", "WDT", "WP", "EX", "TO":
		return true
	}
	return false
}

// modifiesNoun reports whether a label is followed by a lower-case noun,
// making it an adjective: "posing as Islamic radicals".
func (d *doc) modifiesNoun(p span) bool {
	if p.e >= len(d.toks) || d.toks[p.e].sent != d.toks[p.s].sent {
		return false
	}
	t := &d.toks[p.e]
	return t.isWord() && !t.isCap() && strings.HasPrefix(t.tag, "NN") && !d.lx.groups.has(t.lower)
}

// tokenSpan returns the tokens that lie within byte range [a, b).
func (d *doc) tokenSpan(a, b int) span {
	s := d.tokenAt(a)
	e := s
	for e < len(d.toks) && d.toks[e].end <= b {
		e++
	}
	for e > s && !d.toks[e-1].isWord() {
		e--
	}
	return span{s, e}
}

func overlapsHit(hits []actorHit, p span) bool {
	for _, h := range hits {
		if h.span.s < p.e && p.s < h.span.e {
			return true
		}
	}
	return false
}

// contextSponsor finds the state a story ties an actor to, near its label:
// "the Chinese “state-sponsored group” APT40", "a pro-Russia group called
// Ghostwriter", "APT 28, a group tied to the GRU".
func (d *doc) contextSponsor(p span) string {
	s := d.sentenceOf(p.s)
	for i := p.s - 1; i >= s.first && i >= p.s-8; i-- {
		t := &d.toks[i]
		if c := d.countryOfToken(i); c != "" {
			return c
		}
		if isFinite(t.tag) && !d.lx.naming.has(t.lower) || t.text == ";" || t.text == ":" || t.text == "." {
			break // the label's own phrase ends here
		}
	}
	for i := p.e; i+2 < s.last && i <= p.e+6; i++ {
		if d.lx.sponsorLinks.has(d.toks[i].lower) && (d.toks[i+1].lower == "to" || d.toks[i+1].lower == "by") {
			if c := d.countryOfToken(i + 2); c != "" {
				return c
			}
			if i+3 < s.last && d.toks[i+2].lower == "the" {
				return d.countryOfToken(i + 3)
			}
		}
	}
	return ""
}

// countryOfToken returns the country a token names, including the parts of
// hyphenated words: "Russia-linked", "pro-Russia".
func (d *doc) countryOfToken(i int) string {
	if e, _ := d.lx.lookup(d.toks, i, i+1); e != nil {
		if e.kind == entCountry || e.kind == entParty && e.country != "" {
			return e.country
		}
	}
	for _, part := range strings.Split(d.toks[i].text, "-") {
		if part == d.toks[i].text {
			break
		}
		if e, _ := d.lx.lookup([]token{{text: part}}, 0, 1); e != nil && e.kind == entCountry {
			return e.canon
		}
	}
	return ""
}

// actorIn returns the actor hit inside phrase p, if any.
func (d *doc) actorIn(p span) (actorHit, bool) {
	for _, h := range d.actors {
		if p.s <= h.span.s && h.span.e <= p.e {
			return h, true
		}
	}
	return actorHit{}, false
}
