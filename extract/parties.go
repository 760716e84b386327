package extract

import "strings"

// The parties of an accusation: lists split into one party each,
// descriptions that refer back resolved to what the story named.

// expand returns the parties a phrase names: one per name of a list
// ("PwC and BAE Systems"), the organisations a plural description was
// introduced with ("the researchers" after "researchers at PwC and BAE"),
// or the threat actor "the group" refers back to.
func (d *doc) expand(p span) []party {
	var out []party
	for _, part := range d.splitNames(p) {
		if a, ok := d.actorReferredTo(part); ok {
			out = append(out, a) // before "the group" is read as the last organisation
			continue
		}
		r := d.resolve(part)
		if own := d.words(part); r.kind == entOrg && strings.Contains(r.name, " and ") && !strings.Contains(own, " and ") {
			r.name = d.acronymFor(own) // not the list it was first seen in
		}
		d.remember(r, part.s, false)
		out = append(out, d.expandParty(r)...)
	}
	return out
}

// expandParty resolves a description that refers back to named parties,
// and a thing owned by a party to its owner: "Clinton's fundraising
// arrangement" blames Clinton, "the city's police department" stays.
func (d *doc) expandParty(r party) []party {
	if k := d.possessive(r.span); r.kind == entOrg && k > r.span.s && !d.hasOrgWord(span{k + 1, r.span.e}) && !d.namesOrg(span{k + 1, r.span.e}) {
		if owner := d.resolve(span{r.span.s, k}); owner.ok() && owner.kind != entDesc {
			return []party{owner}
		}
	}
	if r.kind != entDesc || r.span.empty() {
		return []party{r}
	}
	if orgs := d.namedFor(r.span); len(orgs) > 0 {
		return orgs
	}
	return []party{r}
}

// namesOrg reports whether phrase p holds an organisation word in any case:
// "the city's police department".
func (d *doc) namesOrg(p span) bool {
	for i := p.s; i < p.e; i++ {
		if d.lx.orgWords.has(d.toks[i].lower) {
			return true
		}
	}
	return false
}

// splitNames cuts a phrase that the phrase rules read as one name at the
// "and" or comma between two capitalised names: "Trump and Sanders",
// "PwC and BAE Systems". Names that hold an organisation word around the
// link stay whole ("Bureau of Alcohol, Tobacco and Firearms" is rare; an
// entity the gazetteer knows is never cut).
func (d *doc) splitNames(p span) []span {
	var out []span
	start := p.s
	for i := p.s + 1; i+1 < p.e; i++ {
		l := d.toks[i].lower
		if l != "and" && l != "," || d.toks[i].ent == 2 {
			continue
		}
		if !d.toks[i-1].isCap() || !d.toks[i+1].isCap() {
			continue
		}
		out = append(out, span{start, i})
		start = i + 1
		if l == "," && i+1 < p.e && d.toks[i+1].lower == "and" {
			start++
		}
	}
	return append(out, span{start, p.e})
}

// namedFor returns the organisations a plural description of people was
// introduced with, in this sentence or the three before it: "the
// researchers" after "security researchers at PwC, BAE Systems and the
// NCSC" are the three organisations' researchers.
func (d *doc) namedFor(p span) []party {
	head := d.headOf(p)
	word := d.toks[head].lower
	if !d.lx.roles.has(word) || !strings.HasSuffix(word, "s") || head != p.e-1 || p.s == 0 || !determiners.has(d.toks[p.s-1].lower) && !determiners.has(d.toks[p.s].lower) {
		return nil
	}
	lo := d.sents[max(0, d.toks[p.s].sent-3)].first
	for i := p.s - 1; i >= lo; i-- {
		if d.toks[i].lower != word || i+2 >= len(d.toks) || !atOrgPreps.has(d.toks[i+1].lower) {
			continue
		}
		s := d.sentenceOf(i)
		var out []party
		for _, sp := range d.listAfter(d.npStartingAt(i+2, s.last), s.last) {
			for _, part := range d.splitNames(sp) {
				if r := d.resolve(part); r.kind == entOrg || r.kind == entParty || r.kind == entCountry {
					out = append(out, r)
				}
			}
		}
		return out
	}
	return nil
}

// atOrgPreps link people to the organisation they work for: "researchers
// at PwC", "analysts from Mandiant".
var atOrgPreps = newSet([]string{"at", "from", "with"})

// actorReferredTo returns the threat actor that a definite description of
// a group refers to: "the group", "the hackers" after "APT10" was named in
// the two sentences before in its paragraph, or "the group" anywhere
// after the story's only actor.
func (d *doc) actorReferredTo(p span) (party, bool) {
	head := d.headOf(p)
	if !d.lx.groups.has(d.toks[head].lower) || head != p.e-1 || p.s == 0 || d.toks[p.s-1].lower != "the" && d.toks[p.s].lower != "the" {
		return party{}, false
	}
	if _, named := d.actorIn(p); named {
		return party{}, false // "the APT10 hacking group" names its actor
	}
	si := d.toks[p.s].sent
	best, labels := -1, map[string]bool{}
	for k, h := range d.actors {
		if h.span.s >= p.s {
			continue
		}
		labels[actorKey(h)] = true
		if best < 0 || h.span.s > d.actors[best].span.s {
			best = k
		}
	}
	if best < 0 {
		return party{}, false
	}
	near := d.sentenceOf(d.actors[best].span.s).para == d.sents[si].para && si-d.toks[d.actors[best].span.s].sent <= 2
	if !near && (len(labels) > 1 || strings.HasSuffix(d.toks[head].lower, "s")) {
		return party{}, false // "the hackers" of another story in a roundup
	}
	h := d.actors[best]
	return party{kind: entActor, name: h.label, country: h.sponsor, span: h.span}, true
}

// actorKey names the actor a hit is, whatever label the story uses.
func actorKey(h actorHit) string {
	if h.entry != nil && h.entry.actor != nil {
		return h.entry.actor.Name
	}
	return normLabel(h.label)
}

// accuserOrg returns the state or organisation a person accuser speaks
// for, where the story says it: "Ana Ortiz, a researcher at Mandiant",
// "Mandiant researcher Ana Ortiz", "Chinese foreign ministry spokesperson
// Ana Ortiz". Every mention of the person is looked at.
func (d *doc) accuserOrg(p party) string {
	if p.kind != entPerson {
		return ""
	}
	last := fold(lastWord(p.name))
	for i := range d.toks {
		if d.toks[i].lower != last || !d.toks[i].isCap() {
			continue
		}
		if org := d.orgAround(d.nameStart(i, p.name), i); org != "" && org != p.name {
			return org
		}
	}
	return ""
}

// nameStart returns where the mention of name that ends at token i begins:
// "Ana Ortiz" is two tokens, "Ortiz" alone one.
func (d *doc) nameStart(i int, name string) int {
	n := len(strings.Fields(name))
	for k := n - 1; k > 0; k-- {
		if i-k >= 0 && strings.HasSuffix(name, d.words(span{i - k, i + 1})) && d.toks[i-k].sent == d.toks[i].sent {
			return i - k
		}
	}
	return i
}

// orgAround returns the organisation named in the title before the name
// [start, i], or in the appositive after it.
func (d *doc) orgAround(start, i int) string {
	s := d.sentenceOf(i)
	lo := start
	for lo > s.first && (d.toks[lo-1].isCap() || d.lx.titles.has(d.toks[lo-1].lower) || d.toks[lo-1].lower == "'s") {
		lo--
	}
	if org := d.namedOrg(span{lo, start}); org != "" {
		return org
	}
	if i+1 >= s.last || d.toks[i+1].text != "," {
		return ""
	}
	for j := i + 2; j < s.last && j <= i+12 && !clauseEnd.has(d.toks[j].text); j++ {
		prev := &d.toks[j-1]
		if (atOrgPreps.has(d.toks[j].lower) || d.toks[j].lower == "of" || d.toks[j].lower == "for") && strings.HasPrefix(prev.tag, "NN") && !prev.isCap() {
			// "a researcher at Keystone Labs", not "along with the Post's reporter"
			return d.namedOrg(d.npStartingAt(j+1, s.last))
		}
	}
	return ""
}

// namedOrg returns the name of the organisation or state phrase p names.
func (d *doc) namedOrg(p span) string {
	if p.empty() {
		return ""
	}
	for i := p.s; i < p.e; i++ {
		if e, n := d.lx.lookup(d.toks, i, p.e); e != nil && (e.kind == entCountry || e.kind == entParty) && d.onlyTitles(span{i + n, p.e}) {
			return e.canon
		}
	}
	org := d.orgName(p)
	for org.e > org.s && d.lx.titles.has(d.toks[org.e-1].lower) && !d.lx.orgWords.has(d.toks[org.e-1].lower) {
		org.e-- // "White House Press Secretary" speaks for the White House
	}
	if !org.empty() && d.hasOrgWord(org) && !d.onlyTitles(org) {
		return d.acronymFor(d.words(org))
	}
	return ""
}

// onlyTitles reports whether every word of p is a title word or an
// organisation word: "foreign ministry spokesperson", "Security".
func (d *doc) onlyTitles(p span) bool {
	for i := p.s; i < p.e; i++ {
		if l := d.toks[i].lower; !d.lx.titles.has(l) && !d.lx.orgWords.has(l) && l != "'s" {
			return false
		}
	}
	return true
}

// chargingAuthority returns the authority that brings the charges of an
// agentless passive at token v: the last one the story names before v,
// else the first after it ("were charged …. Prosecutors said …"). None
// named, none returned: the author's own report accuses no one.
func (d *doc) chargingAuthority(v int) party {
	found := -1
	for i := range d.toks {
		if i > v && found >= 0 {
			break
		}
		if d.toks[i].sent != d.toks[v].sent && d.cuePhraseAt(i, d.lx.authorities) > 0 {
			found = i
		}
	}
	if found < 0 {
		return party{}
	}
	s := d.sentenceOf(found)
	np := d.npEndingAt(found+d.cuePhraseAt(found, d.lx.authorities), s.first)
	return d.resolve(np)
}
