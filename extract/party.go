package extract

import (
	"slices"
	"strings"
)

// party is what a noun phrase refers to: a person, an organisation, a
// state, a threat actor or a plain description.
type party struct {
	kind    entKind
	name    string // the name claims use
	title   string // for people: the words of their title ("foreign ministry spokesperson")
	country string // the state it belongs to, if known
	plural  bool
	span    span
	actor   *entry
	who     *person // for people: who they are across the article
	styled  string  // for people: the name as quotes give it ("Mr. Ana Ortiz"), if other than name
	org     string  // for people: the organisation or state they speak for, if their title says
}

// speakerName is the name a quote gives its speaker.
func (p party) speakerName() string {
	if p.styled != "" {
		return p.styled
	}
	return p.name
}

func (p party) ok() bool { return p.name != "" }

// mention is a party seen at a place in the article, for resolving
// pronouns and descriptions later.
type mention struct {
	party
	tok     int
	subject bool // it was the subject of a clause or a speaker
	speaker bool // it was the speaker of a speech event
}

var strippable = newSet([]string{"the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "other", "same", "infamous", "so-called", "then"})

// resolve says what the phrase p refers to. Pronouns are resolved against
// earlier mentions.
func (d *doc) resolve(p span) party {
	for p.s < p.e && (strippable.has(d.toks[p.s].lower) || d.toks[p.s].isQuote()) {
		p.s++
	}
	for p.e > p.s && !d.toks[p.e-1].isWord() {
		p.e--
	}
	if p.empty() {
		return party{}
	}
	if p.e-p.s == 1 && d.toks[p.s].isPronoun() {
		return d.antecedent(d.toks[p.s].lower, p.s)
	}
	if p.e-p.s == 1 && contracted(d.toks[p.s].lower) {
		return party{} // "I've", "we're": a pronoun the tokenizer kept whole
	}
	if r := d.resolvePerson(p); r.ok() {
		return r
	}
	if d.demonymAlone(p) {
		// "German said": a state's adjective standing alone names a person
		// ("German officials said" names the state)
		who := d.personNamed(d.words(p), genderUnknown)
		return party{kind: entPerson, name: who.full, styled: who.full, span: p, who: who}
	}
	if r := d.resolveNamed(p); r.ok() {
		return d.longName(r)
	}
	return d.longName(d.resolveDescription(p))
}

// longName gives an organisation named by one word the longer name it was
// introduced with: "Marriott" → "Marriott International". One party then
// has one name across the article.
func (d *doc) longName(r party) party {
	if r.kind != entOrg || strings.Contains(r.name, " ") {
		return r
	}
	for i := len(d.mentions) - 1; i >= 0; i-- {
		m := &d.mentions[i]
		if m.kind == entOrg && strings.HasPrefix(m.name, r.name+" ") {
			r.name = m.name
			return r
		}
	}
	return r
}

// resolvePerson finds a person's name at the end of the phrase, with the
// words before it as their title: "Deputy Attorney General Jane Malta".
func (d *doc) resolvePerson(p span) party {
	ns := p.e
	if ns-2 >= p.s && d.countryNamedPerson(ns-1) {
		ns-- // "Jane Malta" is a person, though Malta is a state
	}
	for ns > p.s && (d.nameToken(ns-1) || d.initialDot(ns-1) || ns < p.e && d.initialDot(ns) && isInitial(d.toks[ns-1].text)) {
		ns-- // "A." of "Sonya A. Zoghlin" is an initial, not the article
	}
	if ns == p.e || p.e-ns > 4 || ns > p.s && nameLinks.has(d.toks[ns-1].lower) {
		return party{} // "National Institute on Drug Abuse" is no person
	}
	styled := false
	if p.e-ns >= 2 && d.lx.styles.has(d.toks[ns].lower) && !d.givenName(ns) {
		// "Pope Pius", "Senator Ben Cole": the style is a title, not part
		// of the name, so "the pope" can refer back to Pius
		ns++
		styled = true
	}
	name := span{ns, p.e}
	if ns > p.s && d.lx.genericOrgs.has(d.toks[ns-1].lower) {
		// "political movement Forward Now", "blockchain analysis firm Chainalysis"
		return party{kind: entOrg, name: d.words(name), title: d.titleText(span{p.s, ns}), span: name}
	}
	titled := styled || ns > p.s && d.hasTitleBefore(span{p.s, ns})
	if !d.personish(name, titled) || !titled && d.placeName(name) {
		return party{}
	}
	who := d.personNamed(d.words(name), d.sexOf(span{p.s, ns}, name))
	return party{
		kind: entPerson, name: who.full, styled: d.styledName(who, name, p.s), title: d.titleText(span{p.s, ns}),
		span: name, country: d.countryIn(span{p.s, ns}), who: who, org: d.speaksFor(span{p.s, ns}),
	}
}

// demonymAlone reports a phrase that is one capitalised singular demonym
// and nothing else: "German", not "Germans" nor "German officials".
func (d *doc) demonymAlone(p span) bool {
	if p.e-p.s != 1 || !d.capitalised(p.s) || strings.HasSuffix(d.toks[p.s].lower, "s") {
		return false
	}
	e, n := d.lx.lookup(d.toks, p.s, p.e)
	return e != nil && n == 1 && e.demonym
}

// countryNamedPerson reports whether token i, a one-word country or
// capital, is a surname: it follows a first name ("Jane Malta").
func (d *doc) countryNamedPerson(i int) bool {
	e, n := d.lx.lookup(d.toks, i, i+1)
	if e == nil || n != 1 || e.kind != entCountry || e.demonym && !d.givenName(i-1) || i == 0 || d.toks[i].ent != 1 {
		return false
	}
	prev := i - 1
	return d.nameToken(prev) && d.capitalised(prev) && !isAllCaps(d.toks[prev].text)
}

// nameToken reports whether token i can be part of a person's name.
func (d *doc) nameToken(i int) bool {
	t := &d.toks[i]
	if !d.capitalised(i) || !t.isWord() || d.lx.titles.has(t.lower) || d.lx.orgWords.has(t.lower) || determiners.has(t.lower) || t.isPronoun() {
		return false
	}
	if strings.HasPrefix(t.lower, "then-") || strings.HasPrefix(t.lower, "ex-") {
		return false
	}
	if t.ent != 0 && !d.knownPerson(t.text) {
		return false // "Cuban said" after "Mark Cuban" is the man
	}
	return !isAllCaps(t.text)
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			letters++
		}
	}
	return letters >= 2
}

// personish decides whether a capitalised name is a person's: a name of
// two to four words that is no organisation's, a titled name, a surname
// seen before, or a single word that prose's entity model calls a person.
func (d *doc) personish(name span, titled bool) bool {
	n := name.e - name.s
	if titled || d.knownPerson(d.words(name)) {
		return true
	}
	if n > 1 || d.givenName(name.s) {
		return true // "Dale wrote": a given name alone is a person
	}
	if d.longName(party{kind: entOrg, name: d.words(name)}).name != d.words(name) {
		return false // "Marriott" after "Marriott International"
	}
	return !d.noNER && d.nerSays(name, "PERSON")
}

// nerSays reports whether prose labels every token of the span so.
func (d *doc) nerSays(p span, label string) bool {
	labels := d.entities(d.toks[p.s].sent)
	first := d.sents[d.toks[p.s].sent].first
	for i := p.s; i < p.e; i++ {
		if !strings.HasSuffix(labels[i-first], label) {
			return false
		}
	}
	return true
}

func (d *doc) hasTitleBefore(p span) bool {
	for i := p.s; i < p.e; i++ {
		t := &d.toks[i]
		if d.lx.titles.has(t.lower) || d.lx.roles.has(t.lower) || strings.HasPrefix(t.lower, "then-") {
			return true
		}
	}
	return false
}

func (d *doc) titleText(p span) string {
	for p.s < p.e && (strippable.has(d.toks[p.s].lower) || d.toks[p.s].lower == "'s") {
		p.s++
	}
	for p.e > p.s && (d.toks[p.e-1].text == "," || d.toks[p.e-1].lower == "'s") {
		p.e--
	}
	return d.words(p)
}

// countryIn returns the first country named in the span, if any.
func (d *doc) countryIn(p span) string {
	for i := p.s; i < p.e; i++ {
		if e, _ := d.lx.lookup(d.toks, i, p.e); e != nil && e.kind == entCountry {
			return e.canon
		}
	}
	return ""
}

// knownPerson reports whether name was seen before as a person.
func (d *doc) knownPerson(name string) bool {
	return len(d.people[lastWord(name)]) > 0
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// resolveNamed finds a gazetteer entry or a capitalised organisation name
// in the phrase.
func (d *doc) resolveNamed(p span) party {
	if h, ok := d.actorIn(p); ok {
		return party{kind: entActor, name: h.label, country: h.sponsor, span: h.span}
	}
	var found *entry
	var at span
	for i := p.s; i < p.e; i++ {
		if e, n := d.lx.lookup(d.toks, i, p.e); e != nil && !(e.kind == entActor && e.ambiguous) {
			if found == nil || e.kind == entActor || e.kind == entParty && found.kind == entCountry {
				found, at = e, span{i, i + n}
			}
			i += n - 1
		}
	}
	if org := d.orgName(p); !org.empty() && (found == nil || org.e-org.s > at.e-at.s && found.kind != entActor) {
		if found != nil && at.s == org.s && at.e == org.e {
			return d.entityParty(found, at)
		}
		return party{kind: entOrg, name: d.acronymFor(d.words(d.dropOwnerState(org))), span: org, country: d.countryIn(p)}
	}
	if found == nil {
		return party{}
	}
	if head := d.headOf(p); found.kind == entCountry && (at.s > head || at.e < p.e && !d.standsForState(span{at.e, head + 1})) {
		return party{} // "Russian intelligence hackers" is a description
	}
	return d.entityParty(found, at)
}

func (d *doc) entityParty(e *entry, at span) party {
	name := e.canon
	if e.kind == entActor {
		name = d.words(at)
	}
	return party{kind: e.kind, name: name, country: e.country, span: at, actor: e}
}

// dropOwnerState drops a leading "Germany’s" from an organisation's name:
// the state is kept in the party's country.
func (d *doc) dropOwnerState(org span) span {
	if org.e-org.s > 3 && d.toks[org.s].ent == 1 && d.toks[org.s+1].lower == "'s" {
		if e, n := d.lx.lookup(d.toks, org.s, org.e); e != nil && e.kind == entCountry && n == 1 {
			org.s += 2
		}
	}
	return org
}

// standsForState reports whether the words after a country name make the
// phrase stand for its state: "U.S. officials", "German intelligence".
func (d *doc) standsForState(rest span) bool {
	for i := rest.s; i < rest.e; i++ {
		l := d.toks[i].lower
		if l == "'s" {
			continue
		}
		if !(d.lx.roles.has(l) || d.lx.governmentWords.has(l)) {
			return false
		}
	}
	return true
}

// orgName returns the capitalised run in the phrase that contains an
// organisation word: "US Attorney's Office for the District of Northern
// Georgia", "CBS News".
func (d *doc) orgName(p span) span {
	best := span{}
	for i := p.s; i < p.e; {
		if !d.toks[i].isCap() {
			i++
			continue
		}
		j := i
		for j < p.e && (d.toks[j].isCap() || d.toks[j].lower == "'s" || nameLinks.has(d.toks[j].lower) && j+1 < p.e && d.toks[j+1].isCap() || d.toks[j].text == "-") {
			j++
		}
		run := span{i, j}
		if d.hasOrgWord(run) && run.e-run.s > best.e-best.s {
			best = run
		}
		i = j
	}
	for best.s < best.e && d.toks[best.s].lower == "the" {
		best.s++
	}
	return best
}

func (d *doc) hasOrgWord(p span) bool {
	for i := p.s; i < p.e; i++ {
		if d.lx.orgWords.has(d.toks[i].lower) && d.toks[i].isCap() {
			return true
		}
	}
	return false
}

// resolveDescription handles a phrase without a name: a pronoun-like
// description that refers back ("the university"), a document or role
// that speaks for an organisation named inside it ("a statement on the
// FIFA website", "a Department of Justice spokesperson"), or a plain
// description kept as written ("federal officials").
func (d *doc) resolveDescription(p span) party {
	head := d.headOf(p)
	if d.lx.roles.has(d.toks[head].lower) || d.lx.documents.has(d.toks[head].lower) && d.authoredBy(p, head) {
		if inner := d.innerParty(p, head); inner.ok() {
			return inner
		}
	}
	if p.s > 0 && d.toks[p.s-1].lower == "the" && (d.lx.anaphors.has(d.toks[head].lower) || d.lx.styles.has(d.toks[head].lower)) && head == p.e-1 {
		if named := d.appositiveNamed(d.toks[head].lower, p.s); named.ok() {
			return named
		}
		if m, ok := d.lastMention(func(m *mention) bool { return d.fits(m, d.toks[head].lower) }, p.s); ok {
			return m.party
		}
	}
	if k := d.possessive(p); k > p.s && k+1 < p.e {
		if owner := d.resolve(span{p.s, k}); owner.kind == entPerson || owner.kind == entOrg || owner.kind == entParty || owner.kind == entCountry {
			return party{kind: entOrg, name: owner.name + "’s " + d.words(span{k + 1, p.e}), span: p, country: owner.country}
		}
	}
	if d.placeName(p) {
		return party{} // "Central Park" says nothing
	}
	text := d.words(p)
	if p.e-p.s == 1 && isAllCaps(text) || p.e-p.s <= 3 && d.capitalised(p.s) && d.capitalised(p.e-1) {
		return party{kind: entOrg, name: d.acronymFor(text), span: p}
	}
	// a description is named by its head phrase and "of" phrases: "declassified
	// intelligence report", "group of U.S. far-right online activists"
	return party{kind: entDesc, name: d.words(span{p.s, d.descEnd(p)}), span: p, plural: strings.HasSuffix(d.toks[head].lower, "s")}
}

// possessive returns the index of the last "'s" in p, or -1.
func (d *doc) possessive(p span) int {
	for i := p.e - 1; i > p.s; i-- {
		if d.toks[i].lower == "'s" {
			return i
		}
	}
	return -1
}

// authoredBy reports whether a document phrase names its author rather
// than its topic: "the FIFA’s statement", "a statement on the FIFA
// website", "a report by Mandiant" — but not "a report on the hacking".
func (d *doc) authoredBy(p span, head int) bool {
	for i := p.s; i < p.e; i++ {
		switch l := d.toks[i].lower; {
		case l == "'s" && i < head, l == "by" || l == "from":
			return true
		case d.lx.media.has(l):
			return true
		}
	}
	return head > p.s && (d.toks[head-1].isCap() || d.toks[head-1].ent != 0)
}

// descEnd returns where a description's name ends: before its first
// prepositional phrase other than an "of" phrase.
func (d *doc) descEnd(p span) int {
	for i := p.s + 1; i < p.e; i++ {
		if d.toks[i].tag == "IN" && d.toks[i].lower != "of" || d.toks[i].tag == "TO" {
			return i
		}
	}
	return p.e
}

// headOf returns the head noun of a phrase: its last word before "of",
// "on", "from" or "for".
func (d *doc) headOf(p span) int {
	for i := p.s; i < p.e; i++ {
		switch d.toks[i].lower {
		case "of", "on", "from", "for", "in", "at", "with", "to":
			if i > p.s {
				return i - 1
			}
		}
	}
	return p.e - 1
}

// innerParty finds a named party inside a phrase other than at its head.
func (d *doc) innerParty(p span, head int) party {
	if k := d.possessive(span{p.s, head}); k > p.s && !d.lx.timeWords.has(d.toks[k-1].lower) { // not "Wednesday's filing"
		// "the GOP's complaint to the board" is the GOP's, not the board's
		if owner := d.resolve(span{p.s, k}); owner.ok() && owner.kind != entDesc {
			return owner
		}
	}
	for i := p.s; i < p.e; i++ {
		if i == head {
			continue
		}
		if e, n := d.lx.lookup(d.toks, i, p.e); e != nil && e.kind != entActor {
			return d.entityParty(e, span{i, i + n})
		}
	}
	if org := d.orgName(p); !org.empty() {
		return party{kind: entOrg, name: d.acronymFor(d.words(org)), span: org}
	}
	for i := p.s; i < p.e; i++ {
		if d.toks[i].isCap() && i != head && isAllCaps(d.toks[i].text) {
			return party{kind: entOrg, name: d.acronymFor(d.toks[i].text), span: span{i, i + 1}}
		}
	}
	return party{}
}

// fits reports whether an earlier mention can be what "the <head>" refers to.
func (d *doc) fits(m *mention, head string) bool {
	switch {
	case d.lx.spokespeople.has(head):
		return m.kind == entPerson && slices.ContainsFunc(strings.Fields(strings.ToLower(m.title)), d.lx.spokespeople.has)
	case d.lx.countryWords.has(head):
		return m.kind == entCountry
	case d.lx.statementWords.has(head):
		return m.speaker && m.kind != entPerson && m.kind != entDesc
	case d.lx.documents.has(head):
		return false // "the indictment" speaks for itself
	}
	if d.lx.styles.has(head) {
		return d.titledAs(m, head) // "the bishop" after "Bishop Tom Reed"
	}
	if !m.subject || m.kind != entOrg && m.kind != entParty {
		return false
	}
	return strings.Contains(strings.ToLower(m.name), head) || d.lx.genericOrgs.has(head)
}

// titledAs reports whether a mention is of a person the story gave the
// title or style word: "Congressman Ben Cole", "Pope Pius".
func (d *doc) titledAs(m *mention, title string) bool {
	return m.kind == entPerson && (slices.Contains(strings.Fields(strings.ToLower(m.title)), title) || d.titledBefore(m.span.s, title))
}

// appositiveNamed finds the party the story introduced with a description
// of the same head in the last few sentences: "the company" after
// "Acme Labs, a British security company," is Acme Labs.
func (d *doc) appositiveNamed(head string, tok int) party {
	si := d.toks[tok].sent
	lo := d.sents[max(0, si-3)].first
	for i := tok - 1; i > lo+2; i-- {
		if d.toks[i].lower != head || i+1 < len(d.toks) && d.toks[i+1].isWord() && d.toks[i+1].tag != "IN" && d.toks[i+1].tag != "WDT" {
			continue
		}
		// back over the description's modifiers to "a" or "an" after a comma
		j := i - 1
		for j > lo && i-j <= 5 && d.toks[j].lower != "a" && d.toks[j].lower != "an" && d.toks[j].isWord() {
			j--
		}
		if j <= lo+1 || d.toks[j].lower != "a" && d.toks[j].lower != "an" || d.toks[j-1].text != "," {
			continue
		}
		// the name before the comma: capitalised words
		e := j - 1
		b := e
		for b > lo && d.toks[b-1].isCap() && d.toks[b-1].sent == d.toks[e-1].sent {
			b--
		}
		if b == e {
			continue
		}
		if named := d.resolve(span{b, e}); named.kind == entOrg || named.kind == entParty {
			return named
		}
	}
	return party{}
}

// titledBefore reports whether the title word stands in the few words
// before a name starting at token i: "Congressman Ben Cole".
func (d *doc) titledBefore(i int, title string) bool {
	for j := i - 1; j >= 0 && j >= i-3 && d.toks[j].sent == d.toks[i].sent; j-- {
		if d.toks[j].lower == title {
			return true
		}
	}
	return false
}

// acronymFor maps an acronym to the full name it was introduced with
// ("NCSC" → "National Cyber Security Centre") and
// remembers full names followed by an acronym in brackets.
func (d *doc) acronymFor(name string) string {
	if full, ok := d.acronyms[name]; ok {
		return full
	}
	return name
}

// contracted reports a pronoun with a contracted auxiliary: "i've", "we're".
func contracted(w string) bool {
	i := strings.IndexByte(w, '\'')
	return i > 0 && pronouns.has(w[:i])
}
