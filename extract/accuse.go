package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/claimwire/claimwire/rules"
)

// accusation is one accuser → accused pair found by a rule.
type accusation struct {
	accuser, accused party
	cue              int // token index of the cue
	cueWord          string
	cameo            string
	allegation       string
	rule             string
	from, to         int  // the first and last tokens of the evidence: the cue's sentence, and those of parties named in others
	list             bool // one pair of a list of accusers or accused
	borrow           bool // the accuser is the sentence's other accuser: "X attributed it to A, a group linked to B"
	indirect         bool // found through a source that is no verb of saying, or a criticism: "X's claim that", "slammed X for"
}

var (
	demonstratives = newSet([]string{"that", "this", "these", "those"})
	placePreps     = newSet([]string{"in", "at", "from", "to", "near", "on", "into", "across", "outside", "inside", "of", "via"})
	beVerbs        = newSet([]string{"was", "were", "is", "are", "be", "been", "being", "'s", "am"})
	agentPreps     = newSet([]string{"by"})
	negations      = newSet([]string{"not", "n't", "never", "no"})
)

// findAccusations returns the accusations of sentence si; events are the
// sentence's speech events, whose speakers make accusations in what they say.
func (d *doc) findAccusations(si int, events []*speech) []accusation {
	s := d.sents[si]
	if d.titleCase(si) {
		return nil
	}
	var out []accusation
	for v := s.first; v < s.last; v++ {
		if cue, ok := d.lx.accuse[d.toks[v].lower]; ok && (!d.denied(v) || frames[cue.Frame].noun && d.owned(v)) {
			out = append(out, d.cueAccusations(v, cue, events)...)
		}
		if d.toks[v].lower == "allegedly" {
			out = append(out, d.allegedly(v, events)...)
		}
		if l := d.toks[v].lower; d.lx.sourceNouns.has(l) || d.lx.sourceAdjectives.has(l) {
			out = append(out, d.sourceAccusations(v)...)
		}
	}
	for _, sp := range events {
		if !sp.deny && sp.speaker.ok() {
			out = append(out, d.contentAccusations(sp.speaker, sp.content)...)
		}
	}
	return lend(out)
}

// denied reports whether the cue at v is negated or sits under a denial:
// "did not accuse", "denied it was behind", "steered clear of criticising".
func (d *doc) denied(v int) bool {
	s := d.sentenceOf(v)
	if v > s.first && negations.has(d.toks[v-1].lower) || v > s.first+1 && negations.has(d.toks[v-2].lower) {
		return true
	}
	for i := s.first; i < v; i++ {
		if d.lx.deny.has(d.toks[i].lower) || i >= v-4 && d.lx.refrain.has(d.toks[i].lower) {
			return true
		}
	}
	return false
}

// frame finds the parties of an accusation cue at token v.
type frame struct {
	noun bool // the cue is a noun ("charges against"), else a verb
	find func(d *doc, v int, cue *rules.AccuseCue, events []*speech) []accusation
}

// frames maps every frame name of the rules to its function.
var frames = map[string]frame{
	rules.FrameObject: {find: (*doc).objectFrame},
	rules.FrameTo:     {find: (*doc).toFrame},
	rules.FrameClaim:  {find: (*doc).claimFrame},
	rules.FrameNoun:   {noun: true, find: (*doc).nounFrame},
}

// checkFrames reports an accusation cue whose frame has no function.
func checkFrames(cues []rules.AccuseCue) error {
	for _, c := range cues {
		if _, ok := frames[c.Frame]; !ok {
			return fmt.Errorf("accusation cue %q: no frame %q", c.Name, c.Frame)
		}
	}
	return nil
}

func (d *doc) cueAccusations(v int, cue *rules.AccuseCue, events []*speech) []accusation {
	t := &d.toks[v]
	f := frames[cue.Frame]
	if f.noun {
		if !strings.HasPrefix(t.tag, "NN") {
			return nil
		}
		return f.find(d, v, cue, events)
	}
	if !strings.HasPrefix(t.tag, "VB") || v > 0 && d.toks[v-1].lower == "to" && !d.passive(v) && d.tryVerb(v) == v {
		return nil // "alleged hackers", "a big step to blame"; but "were able to link"
	}
	if len(cue.Needs) > 0 && !d.needsMet(v, cue.Needs) {
		return nil // "held a ceremony", "charging support"
	}
	return f.find(d, v, cue, events)
}

// needsMet reports whether one of words follows the cue at v in its clause.
func (d *doc) needsMet(v int, words []string) bool {
	s := d.sentenceOf(v)
	for j := v + 1; j < s.last && j <= v+12; j++ {
		if slices.Contains(words, d.toks[j].lower) {
			return true
		}
		if d.toks[j].text == ";" || d.toks[j].text == "." {
			break
		}
	}
	return false
}

// passive reports whether the verb at v is passive: "was accused",
// "have been charged", or a participle after its noun ("nationals charged
// with").
func (d *doc) passive(v int) bool {
	j := v - 1
	s := d.sentenceOf(v)
	for j >= s.first && (strings.HasPrefix(d.toks[j].tag, "RB") || d.toks[j].lower == "also") {
		j--
	}
	if j >= s.first && beVerbs.has(d.toks[j].lower) {
		return d.toks[v].tag != "VBG" // "has been targeting" is active
	}
	return d.toks[v].tag == "VBN" && j >= s.first && strings.HasPrefix(d.toks[j].tag, "NN") &&
		v+1 < s.last && (d.toks[v+1].lower == "with" || d.toks[v+1].lower == "of" || d.toks[v+1].lower == "to" || d.toks[v+1].lower == "for" || d.toks[v+1].lower == "by")
}

func (d *doc) newAccusation(v int, cue *rules.AccuseCue, accuser, accused party, rule string) accusation {
	from, to := v, v
	for _, p := range []party{accuser, accused} {
		if !p.span.empty() {
			from, to = min(from, p.span.s), max(to, p.span.e-1)
		}
	}
	return accusation{accuser: accuser, accused: accused, cue: v, cueWord: d.toks[v].text, cameo: cue.CAMEO, rule: rule,
		allegation: d.allegation(v), from: from, to: to}
}

// objectFrame: "X accused Y (of …)", "Y was charged (by X)", "X blamed the
// attack on Y", "for accusing it".
func (d *doc) objectFrame(v int, cue *rules.AccuseCue, events []*speech) []accusation {
	if d.passive(v) {
		if d.hypothetical(v) {
			return nil // "might be indicted" charges no one
		}
		accused := d.namedBefore(v)
		if len(accused) == 0 {
			accused = d.subjectList(v)
		}
		var accuser party
		if np, ok := d.reducedRelative(v); ok {
			// "Kaine defended people accused of rape": the people are
			// accused, by whom the sentence says, never by a source of
			// another sentence
			accused = d.namedIn(np)
			if len(accused) == 0 {
				accused = d.resolveAll(d.listBefore(np, d.sentenceOf(v).first))
			}
			accuser = d.agentHere(v, events)
		} else {
			accuser = d.agentOf(v, events)
		}
		if !accuser.ok() && cue.ByAuthorities {
			accuser = d.chargingAuthority(v)
		}
		return d.pairs(v, cue, []party{accuser}, accused, "accuse.passive")
	}
	obj := d.objectOf(v)
	if len(cue.Complement) > 0 {
		obj = d.cutAt(obj, cue.Complement) // "held Moscow responsible"
	}
	if obj.empty() {
		return nil
	}
	s := d.sentenceOf(v)
	objects := d.listAfter(obj, s.last)
	if len(cue.Complement) > 0 && !d.followedBy(objects[len(objects)-1].e, cue.Complement...) {
		return nil // "held a ceremony"
	}
	if len(cue.Complement) > 0 && !d.complementIsWrong(objects[len(objects)-1].e+1) {
		return nil // "slammed X for accusing it", "attacked the town for days"
	}
	if cue.Prep != "" {
		if at := d.findWord(objects[len(objects)-1].e, s.last, cue.Prep); at > 0 {
			objects = []span{d.withNaming(d.npStartingAt(at+1, s.last))} // "blamed the attack on China"
		}
	}
	accusers := d.accusersOf(v, events)
	accused := d.resolveAll(objects)
	if len(objects) == 1 && objects[0].e-objects[0].s == 1 && objectPronouns.has(d.toks[objects[0].s].lower) {
		accused = []party{d.objectAntecedent(objects[0].s, accusers)}
	}
	accs := d.pairs(v, cue, accusers, accused, "accuse.active")
	for i := range accs {
		accs[i].indirect = cue.CAMEO == criticise // blaming by criticism is less sure than an accusation
	}
	return accs
}

// objectPronouns are the pronouns that stand for a person as object.
var objectPronouns = newSet([]string{"him", "her"})

// objectAntecedent resolves an object pronoun at i: the last person of its
// gender named before it who is not the clause's subject, since "Ortiz
// criticised Cole and accused him" cannot mean Ortiz accused himself.
func (d *doc) objectAntecedent(i int, subjects []party) party {
	if v := d.coordinatedWith(i); v >= 0 {
		// "criticised the pope and accused him": the object of the verb
		// before is who the pronoun stands for, or no one we can name
		if obj := d.objectOf(v); !obj.empty() {
			p := d.resolve(obj)
			if p.kind == entPerson {
				return p
			}
			if h := d.toks[d.headOf(obj)].lower; d.lx.titles.has(h) || d.lx.people.has(h) {
				return party{} // "the pope", unnamed
			}
		}
	}
	sex := pronounSex[d.toks[i].lower]
	m, ok := d.lastMention(func(m *mention) bool {
		if m.kind != entPerson || m.who == nil || !m.who.canBe(sex) {
			return false
		}
		for _, s := range subjects {
			if s.name == m.name || s.who != nil && s.who == m.who {
				return false
			}
		}
		return true
	}, i)
	if !ok {
		return party{}
	}
	return m.party
}

// coordinatedWith returns the verb before "and" that the verb before the
// object at i is joined to, in the same sentence, or -1.
func (d *doc) coordinatedWith(i int) int {
	s := d.sentenceOf(i)
	v := i - 1
	if v <= s.first || !d.coordinated(v) {
		return -1
	}
	for j := v - 2; j >= s.first; j-- {
		if strings.HasPrefix(d.toks[j].tag, "VB") && !auxiliaries.has(d.toks[j].lower) {
			return j // "had criticised the pope", "trashing Cole as unfit"
		}
	}
	return -1
}

// complementIsWrong reports whether what a cue's complement starting at i
// blames the object for can be a wrongdoing: not speech ("criticised X for
// saying", "for accusing it"), nor a time ("attacked the town for days").
func (d *doc) complementIsWrong(i int) bool {
	s := d.sentenceOf(i)
	if i >= s.last {
		return false
	}
	l := d.toks[i].lower
	if _, ok := d.lx.accuse[l]; ok || d.lx.speech.has(l) {
		return false
	}
	for j := i; j < s.last && j < i+3; j++ {
		if d.lx.durations.has(d.toks[j].lower) || d.lx.timeWords.has(d.toks[j].lower) && d.toks[j].lower != "this" {
			return false
		}
	}
	return true
}

// criticise is the CAMEO code of criticism: "slammed X for".
const criticise = "111"

// hypotheticals are the modals that make a verb a possibility, not an
// act: "might be indicted"; "will be charged" is an act announced.
var hypotheticals = newSet([]string{"might", "could", "may", "would", "should", "can"})

// hypothetical reports a modal of possibility among the few words before v.
func (d *doc) hypothetical(v int) bool {
	s := d.sentenceOf(v)
	for j := v - 1; j >= s.first && j >= v-4; j-- {
		if hypotheticals.has(d.toks[j].lower) {
			return true
		}
	}
	return false
}

// cutAt ends phrase p before the first of words in it.
func (d *doc) cutAt(p span, words []string) span {
	for i := p.s; i < p.e; i++ {
		if slices.Contains(words, d.toks[i].lower) {
			return span{p.s, i}
		}
	}
	return p
}

// actorsOf returns who performs the verb at v: its subject, or for
// "slammed A, B and C for accusing it" the objects of the verb before
// "for", or for a participle after a comma the main subject.
func (d *doc) actorsOf(v int) []party {
	s := d.sentenceOf(v)
	if d.toks[v].tag == "VBG" && v > s.first {
		prev := d.toks[v-1].lower
		if prev == "for" || prev == "after" || prev == "as" {
			np := d.npEndingAt(v-1, s.first)
			return d.resolveAll(d.listBefore(np, s.first))
		}
		if doc := d.documentBefore(v); doc >= 0 {
			return d.documentAuthors(doc) // "filed a lawsuit in 2019 alleging"
		}
		if prev == "," || prev == "by" || d.toks[v-1].isCap() {
			return []party{d.resolve(d.participleSubject(v))} // "Swift posted on Twitter accusing …"
		}
	}
	subj := d.subjectOf(v)
	if subj.empty() || d.coordinated(v) || subj.s > s.first && placePreps.has(d.toks[subj.s-1].lower) {
		// "lawsuits filed in Ohio have accused": the phrase after a
		// preposition modifies the subject; the sentence's own subject is it
		subj = d.mainSubject(d.toks[v].sent)
	}
	if dl := d.datelineEnd(d.toks[v].sent); subj.s < dl {
		subj = d.phraseAt(dl, s.last) // "LONDON (Reuters) — Ana Ortiz …"
	}
	for subj.e-subj.s > 1 && d.lx.timeWords.has(d.toks[subj.s].lower) {
		subj.s++ // "Last December the agency …"
	}
	if subj.empty() {
		return nil
	}
	if relatives.has(d.toks[subj.s].lower) {
		return []party{d.resolve(d.antecedentOfRelative(subj.s))}
	}
	return d.resolveAll(d.listBefore(subj, s.first))
}

// firstPerson are the pronouns by which a speaker names themselves.
var firstPerson = newSet([]string{"we", "i", "we've", "i've", "we're", "i'm", "we'd", "i'd"})

// accusersOf returns who performs the accusation verb at v; "we" and "I"
// in what someone says are the speaker: "“We have linked the attack to
// Russia,” Ortiz said".
func (d *doc) accusersOf(v int, events []*speech) []party {
	if subj := d.subjectOf(d.tryVerb(v)); subj.e-subj.s == 1 && firstPerson.has(d.toks[subj.s].lower) {
		for _, sp := range events {
			if sp.covers(d.toks[v].start) {
				return d.speakerParties(sp.speaker)
			}
		}
		return nil
	}
	return d.actorsOf(v)
}

// documentBefore returns the document or filing a participle at v
// describes ("a report naming", "a lawsuit in 2019 alleging"), or -1.
func (d *doc) documentBefore(v int) int {
	s := d.sentenceOf(v)
	for j := v - 1; j >= s.first && j >= v-6; j-- {
		l := d.toks[j].lower
		if d.lx.documents.has(l) || d.lx.lawsuits.has(l) {
			return j
		}
		if isFinite(d.toks[j].tag) || d.toks[j].text == "," {
			return -1
		}
	}
	return -1
}

// documentAuthors returns who made the document at j: the subject of the
// verb that has it as object ("the agency released a report"), else the
// document itself ("a report").
func (d *doc) documentAuthors(j int) []party {
	s := d.sentenceOf(j)
	np := d.npEndingAt(j+1, s.first)
	if j+2 < s.last && d.toks[j+1].tag == "VBN" && d.toks[j+2].lower == "by" {
		if by := d.resolve(d.npStartingAt(j+3, s.last)); by.ok() {
			return []party{by} // "a lawsuit filed by a former aide alleging"
		}
	}
	if k := np.s - 1; k > s.first && strings.HasPrefix(d.toks[k].tag, "VB") && !beVerbs.has(d.toks[k].lower) {
		if by := d.actorsOf(k); len(by) > 0 {
			return by
		}
	}
	return []party{d.resolve(np)}
}

// coordinated reports "… and accused the US": a verb joined to an earlier
// one, sharing its subject.
func (d *doc) coordinated(v int) bool {
	s := d.sentenceOf(v)
	j := d.skipBackAdjuncts(v-1, s.first)
	return j >= s.first && (d.toks[j].lower == "and" || d.toks[j].lower == "but")
}

// toFrame: "X attributed the attack to Y", "linked Fancy Bear to GRU",
// "the attack was attributed to Y".
func (d *doc) toFrame(v int, cue *rules.AccuseCue, events []*speech) []accusation {
	s := d.sentenceOf(v)
	to := d.findWord(v+1, min(s.last, v+14), "to")
	if to < 0 {
		return nil
	}
	passive := d.passive(v) || to == v+1 // "a company linked to APT31"
	if !d.attributesWrong(v, to, passive) {
		return nil // "attributed the rally in bank stocks to the ruling"
	}
	target := d.withNaming(d.npStartingAt(to+1, s.last))
	if target.empty() {
		return nil
	}
	var accused []party
	for _, p := range d.resolveAll(d.aliasList(target, s.last)) {
		if d.blameable(p) {
			accused = append(accused, p) // "tied himself to the outcome" blames no one
		}
	}
	if passive && !d.beforeBe(v) && d.findWord(v+1, min(s.last, v+8), "by") < 0 {
		// "X attributed it to A, a group linked to B": the link is X's
		// if X accuses in the sentence, else the author's description
		var out []accusation
		for _, p := range accused {
			out = append(out, accusation{accused: p, cue: v, cueWord: d.toks[v].text, cameo: cue.CAMEO, rule: "accuse.to.reduced", from: v, to: v, borrow: true})
		}
		return out
	}
	if passive {
		return d.pairs(v, cue, []party{d.agentOf(v, events)}, accused, "accuse.to.passive")
	}
	return d.pairs(v, cue, d.accusersOf(v, events), accused, "accuse.to")
}

// beforeBe reports a form of "be" before the verb at v, past adverbs: a
// finite passive ("was linked to"), not a participle ("a group linked to").
func (d *doc) beforeBe(v int) bool {
	s := d.sentenceOf(v)
	j := v - 1
	for j >= s.first && (strings.HasPrefix(d.toks[j].tag, "RB") || d.toks[j].lower == "also") {
		j--
	}
	return j >= s.first && beVerbs.has(d.toks[j].lower)
}

// lend gives accusations that borrow their accuser the accuser of the
// sentence's first other accusation, or drops them when there is none.
func lend(accs []accusation) []accusation {
	var lender *accusation
	for i := range accs {
		if !accs[i].borrow {
			lender = &accs[i]
			break
		}
	}
	out := accs[:0:0]
	for _, a := range accs {
		if a.borrow {
			if lender == nil || lender.accuser.name == a.accused.name {
				continue
			}
			a.accuser, a.from, a.to, a.borrow = lender.accuser, min(a.cue, lender.from), max(a.cue, lender.to), false
		}
		out = append(out, a)
	}
	return out
}

// attributesWrong reports whether what is attributed or linked between
// the cue at v and "to" at to is wrongdoing or an actor: "attributed the
// attack to", "linked Fancy Bear to", "hacks attributed to", "a group tied to".
func (d *doc) attributesWrong(v, to int, passive bool) bool {
	lo, hi := v+1, to
	if passive {
		lo, hi = max(d.sentenceOf(v).first, v-3), v
	}
	for i := lo; i < hi; i++ {
		l := d.toks[i].lower
		if d.lx.attacks.has(l) || d.lx.groups.has(l) || d.inActor(i) {
			return true
		}
		if d.lx.campaigns.has(l) && i > lo && (demonstratives.has(d.toks[i-1].lower) || d.lx.attackModifiers.has(d.toks[i-1].lower)) {
			return true // "link this activity to", "traced the hacking campaign to"; not "the program's success"
		}
	}
	return false
}

// inActor reports whether token i is part of a threat-actor label.
func (d *doc) inActor(i int) bool {
	for _, h := range d.actors {
		if h.span.s <= i && i < h.span.e {
			return true
		}
	}
	return false
}

// claimFrame: "X alleges (that) Y did …", "the network that Beijing claims
// disseminates false information", "alleging a conspiracy between A and B".
func (d *doc) claimFrame(v int, cue *rules.AccuseCue, events []*speech) []accusation {
	s := d.sentenceOf(v)
	if d.passive(v) && d.followedBy(v+1, "to") {
		// "A and B are alleged to have developed the malware"
		accused := d.namedBefore(v)
		if len(accused) == 0 {
			accused = d.subjectList(v)
		}
		accuser := d.agentOf(v, events)
		if !accuser.ok() && cue.ByAuthorities {
			accuser = d.chargingAuthority(v)
		}
		return d.pairs(v, cue, []party{accuser}, accused, "accuse.claim.passive")
	}
	accusers := d.accusersOf(v, events)
	if subj := d.subjectOf(v); !subj.empty() && subj.s > s.first && d.toks[subj.s-1].lower == "that" && v+1 < s.last && d.bareVerb(v+1) {
		target := d.npEndingAt(subj.s-1, s.first)
		return withDeed(d.pairs(v, cue, accusers, []party{d.resolve(target)}, "accuse.claim.relative"), d.deed(v+1))
	}
	j := v + 1
	if j < s.last && d.toks[j].lower == "that" {
		j++
	}
	np := d.npStartingAt(j, s.last)
	if np.empty() {
		return nil
	}
	if between := d.findWord(np.s, np.e+2, "between"); between > 0 {
		return d.pairs(v, cue, accusers, d.resolveAll(d.listAfter(d.npStartingAt(between+1, s.last), s.last)), "accuse.claim.between")
	}
	if k := d.skipAppositive(np.e, s.last); k < s.last && d.isHostileAt(k) {
		return withDeed(d.pairs(v, cue, accusers, []party{d.resolve(np)}, "accuse.claim"), d.deed(k))
	}
	return nil
}

// withNaming extends a phrase over the name it is given right after it:
// "a pro-Russia group called Ghostwriter", "a unit dubbed APT31".
func (d *doc) withNaming(p span) span {
	named := false
	for j := p.e; j < len(d.toks) && j <= p.e+6; j++ {
		for _, h := range d.actors {
			if h.span.s == j && named {
				return span{p.s, h.span.e}
			}
		}
		l := d.toks[j].lower
		if !namingWords.has(l) && !d.lx.naming.has(l) && !d.lx.roles.has(l) {
			return p
		}
		named = named || d.lx.naming.has(l)
	}
	return p
}

// namingWords may stand between a description and the name it is given,
// besides the naming verbs and roles of the rules: "a group (that) it
// tracks as Fancy Bear", "a unit, dubbed APT31", "a gang researchers call X".
var namingWords = newSet([]string{",", "that", "which", "it", "they", "we", "as", "also", "the", "“", "\"", "itself", "themselves"})

// bareVerb reports whether token i starts a verb phrase with no subject
// of its own, as after "the network that Beijing claims": a lower-case
// word that is no determiner, pronoun or "that".
func (d *doc) bareVerb(i int) bool {
	t := &d.toks[i]
	if strings.HasPrefix(t.tag, "VB") {
		return true
	}
	return t.isWord() && !t.isCap() && !determiners.has(t.lower) && !t.isPronoun() && t.tag != "IN" && t.tag != "DT"
}

// withDeed sets the allegation of accusations to what the accused did.
func withDeed(accs []accusation, deed string) []accusation {
	for i := range accs {
		accs[i].allegation = deed
	}
	return accs
}

// nounFrame: "charges against X", "indictments against two nationals".
func (d *doc) nounFrame(v int, cue *rules.AccuseCue, events []*speech) []accusation {
	s := d.sentenceOf(v)
	if v+2 >= s.last {
		return nil
	}
	next := d.toks[v+1].lower
	if next == "that" {
		return d.nounThat(v, v+1, cue, d.bringerOf(v))
	}
	if owner, that := d.ownerAfter(v); that > 0 {
		return d.nounThat(v, that, cue, []party{owner}) // "accusations by Exxon that its journalists misled"
	}
	if next == "of" && cue.Prep != "" {
		return d.nounOfTo(v, cue)
	}
	if next != "against" && !(next == "on" && d.toks[v].lower == "sanctions") {
		return nil
	}
	target := d.npStartingAt(v+2, s.last)
	if target.empty() {
		return nil
	}
	return d.pairs(v, cue, d.bringerOf(v), d.resolveAll(d.listAfter(target, s.last)), "accuse.noun")
}

// nounThat: "Ortiz's accusation that Acme and Globex rigged the bid": the
// parties of the clause are accused by the owner of the accusation.
func (d *doc) nounThat(v, that int, cue *rules.AccuseCue, accusers []party) []accusation {
	s := d.sentenceOf(v)
	if that+1 >= s.last {
		return nil
	}
	np := d.phraseAt(that+1, s.last)
	if np.empty() {
		return nil
	}
	list := d.listAfter(np, s.last)
	if k := list[len(list)-1].e; k >= s.last || !d.bareVerb(d.skipAuxiliaries(k)) {
		return nil // "the allegation that surfaced" has no clause of its own
	}
	return d.pairs(v, cue, accusers, d.resolveAll(list), "accuse.noun.that")
}

// ownerAfter returns who makes the statement a noun at v names when a
// phrase after it says so, and the "that" its clause opens with:
// "accusations by Exxon that", "rumors, emanating from an agency, that".
func (d *doc) ownerAfter(v int) (party, int) {
	s := d.sentenceOf(v)
	j := v + 1
	if j < s.last && d.toks[j].text == "," {
		j++
	}
	if j < s.last && (d.toks[j].tag == "VBG" || d.toks[j].tag == "VBN") {
		j++ // "emanating from", "made by"
	}
	if j+1 >= s.last || d.toks[j].lower != "by" && d.toks[j].lower != "from" {
		return party{}, -1
	}
	np := d.npStartingAt(j+1, s.last)
	if np.empty() {
		return party{}, -1
	}
	k := np.e
	if k < s.last && d.toks[k].text == "," {
		k++
	}
	if k+1 >= s.last || d.toks[k].lower != "that" {
		return party{}, -1
	}
	return d.resolve(np), k
}

// sourceAccusations: a source that is no verb of saying, whose that-clause
// holds a responsibility statement: "CrowdStrike's claim that Fancy Bear is
// tied to the GRU", "rumors from an agency that APT28 is behind the
// attack", "the company is confident that the group hacked it".
func (d *doc) sourceAccusations(v int) []accusation {
	owner, that := d.sourceOwner(v)
	if that < 0 || !d.canAccuse(owner) {
		return nil
	}
	s := d.sentenceOf(v)
	accs := d.contentAccusations(owner, []byteRange{{d.toks[that+1].start, d.toks[s.last-1].end}})
	for i := range accs {
		accs[i].indirect = true
	}
	return accs
}

// sourceOwner returns who makes the statement of a source noun or
// adjective at v, and the index of the "that" opening the statement, or
// -1: the noun's owner ("X's claim that", "the claim by X that"), or the
// adjective's subject ("X is confident that").
func (d *doc) sourceOwner(v int) (party, int) {
	s := d.sentenceOf(v)
	t := &d.toks[v]
	if v+2 >= s.last {
		return party{}, -1
	}
	if d.lx.sourceAdjectives.has(t.lower) && strings.HasPrefix(t.tag, "JJ") && d.toks[v+1].lower == "that" && d.beforeBe(v) {
		j := v - 1
		for !beVerbs.has(d.toks[j].lower) {
			j--
		}
		subj := d.subjectOf(j)
		if subj.empty() || subj.e-subj.s == 1 && d.toks[subj.s].isPronoun() {
			return party{}, -1 // "it is certain that" is the author's
		}
		return d.resolve(subj), v + 1
	}
	if !d.lx.sourceNouns.has(t.lower) || !strings.HasPrefix(t.tag, "NN") {
		return party{}, -1
	}
	if d.toks[v+1].lower == "that" && d.possessiveBefore(v) >= 0 {
		if by := d.bringerOf(v); len(by) > 0 {
			return by[0], v + 1
		}
		return party{}, -1
	}
	return d.ownerAfter(v)
}

// ownedStatementAt reports whether the words from j up to end open a noun
// phrase whose head is a source noun with an owner of its own and a
// that-clause: "Keystone Labs' earlier claim that …", "the claim by
// Keystone Labs that …". A verb of saying that takes such a phrase as its
// object ("repeated X's claim that …") does not say the clause: the owner
// does.
func (d *doc) ownedStatementAt(j, end int) bool {
	for k := j; k+1 < end && k <= j+maxSubjectWords; k++ {
		t := &d.toks[k]
		if isFinite(t.tag) || t.text == "," || t.text == ";" || t.text == ":" || t.lower == "that" {
			return false
		}
		if !d.lx.sourceNouns.has(t.lower) || !strings.HasPrefix(t.tag, "NN") {
			continue
		}
		if pos := d.possessiveBefore(k); pos > j && d.toks[pos].tag != "PRP$" && d.toks[k+1].lower == "that" {
			return true // "X's claim that", not "her claim that"
		}
		_, that := d.ownerAfter(k)
		return that > 0
	}
	return false
}

// nounOfTo: "the agency's attribution of the hacks to Norway": what the
// cue's preposition introduces is accused by the owner of the noun.
func (d *doc) nounOfTo(v int, cue *rules.AccuseCue) []accusation {
	s := d.sentenceOf(v)
	to := d.findWord(v+2, min(s.last, v+12), cue.Prep)
	if to < 0 || !d.attributesWrong(v, to, false) {
		return nil
	}
	target := d.npStartingAt(to+1, s.last)
	if target.empty() {
		return nil
	}
	return d.pairs(v, cue, d.bringerOf(v), d.resolveAll(d.listAfter(target, s.last)), "accuse.noun.to")
}

// skipAuxiliaries returns the first token from i that is no auxiliary or adverb.
func (d *doc) skipAuxiliaries(i int) int {
	hi := d.sentenceOf(i).last
	for i+1 < hi && (auxiliaries.has(d.toks[i].lower) || strings.HasPrefix(d.toks[i].tag, "RB")) {
		i++
	}
	return i
}

// owned reports whether the accusation noun at v names who makes it:
// "Ortiz's accusations", "accusations by Ortiz". A denial by someone else
// leaves the owner's accusation standing.
func (d *doc) owned(v int) bool {
	return len(d.bringerOf(v)) > 0 && (d.possessiveBefore(v) >= 0 || d.followedBy(v+1, "by"))
}

// possessiveBefore returns the index of the "'s" that owns the noun at v
// past its adjectives, or -1.
func (d *doc) possessiveBefore(v int) int {
	s := d.sentenceOf(v)
	j := v - 1
	for j >= s.first && (strings.HasPrefix(d.toks[j].tag, "JJ") || d.toks[j].tag == "CD") {
		j--
	}
	if j >= s.first && (d.toks[j].lower == "'s" || d.toks[j].lower == "'" || d.toks[j].tag == "PRP$") {
		return j
	}
	return -1
}

// bringerOf returns who brought the charges named at v: the owner
// ("Beijing’s accusations against"), the agent ("charges by the DOJ
// against"), or the subject of the verb that has them as object ("a grand
// jury had returned indictments against"). Allegations merely mentioned
// ("the allegations against Biden are not credible") have no accuser.
func (d *doc) bringerOf(v int) []party {
	s := d.sentenceOf(v)
	if k := d.possessiveBefore(v); k >= s.first && d.toks[k].tag == "PRP$" {
		if p := d.antecedent(d.toks[k].lower, k); p.ok() {
			return []party{p} // "renewed her accusation that"
		}
		return nil
	} else if k > s.first {
		return d.resolveAll(d.listBefore(d.npEndingAt(k, s.first), s.first))
	}
	if d.followedBy(v+1, "by") && v+2 < s.last {
		return []party{d.resolve(d.npStartingAt(v+2, s.last))}
	}
	j := v - 1
	for j >= s.first && !d.lx.bringing.has(d.toks[j].lower) && (strings.HasPrefix(d.toks[j].tag, "JJ") || determiners.has(d.toks[j].lower) || d.toks[j].tag == "CD" || d.toks[j].tag == "RP") {
		j-- // "returned new indictments", and "imposed" tagged as an adjective
	}
	if j >= s.first && d.lx.bringing.has(d.toks[j].lower) {
		if by := d.purposeOf(j); len(by) > 0 {
			return by
		}
		return d.actorsOf(j)
	}
	return nil
}

// purposeOf returns who acts in an infinitive of purpose at v that
// follows the object of a finite verb: in "lawmakers passed a set of
// measures to step up sanctions" it is the lawmakers.
func (d *doc) purposeOf(v int) []party {
	s := d.sentenceOf(v)
	if v-2 < s.first || d.toks[v-1].lower != "to" || !strings.HasPrefix(d.toks[v-2].tag, "NN") {
		return nil
	}
	np := d.npEndingAt(v-1, s.first)
	for k := np.s - 1; k > s.first && d.toks[k].lower == "of"; k = np.s - 1 {
		if np = d.npEndingAt(k, s.first); np.empty() {
			return nil
		}
	}
	if k := np.s - 1; k >= s.first && isFinite(d.toks[k].tag) && !beVerbs.has(d.toks[k].lower) {
		return d.actorsOf(k)
	}
	return nil
}

// allegedly: "two FSB agents — A and B — who allegedly contracted …":
// the people of the clause are accused by the sentence's authority.
func (d *doc) allegedly(v int, events []*speech) []accusation {
	s := d.sentenceOf(v)
	verb := v + 1
	if verb >= s.last || !strings.HasPrefix(d.toks[verb].tag, "VB") {
		return nil
	}
	var accused []party
	subj := d.subjectOf(v)
	if !subj.empty() && relatives.has(d.toks[subj.s].lower) {
		subj = d.antecedentOfRelative(subj.s)
	}
	if !subj.empty() {
		for _, p := range d.namedIn(subj) {
			if !d.followedBy(p.span.e, "'s") {
				accused = append(accused, p) // "Trump's campaign manager, who allegedly …" is not Trump
			}
		}
	}
	if d.negatedBefore(min(verb+2, s.last-1), d.toks[v].start) {
		return nil // "allegedly hasn't been returning calls"
	}
	end := verb + 1
	for end < s.last && d.toks[end].text != ";" && !(d.toks[end].text == "," && end+1 < s.last && relatives.has(d.toks[end+1].lower)) {
		end++
	}
	for _, p := range d.namedIn(span{verb + 1, end}) {
		if d.hostileAfter(p.span.e, end) {
			accused = append(accused, p) // "contracted two hackers — A and B — to compromise", not a victim
		}
	}
	cue := &rules.AccuseCue{Name: "allegedly", CAMEO: "112"}
	si := d.toks[v].sent
	subj = d.mainSubject(si)
	if dl := d.datelineEnd(si); subj.s < dl {
		subj = d.phraseAt(dl, s.last)
	}
	accuser := d.resolve(subj)
	if sp := d.speakerOf(events, v); sp.ok() {
		accuser = sp
	}
	return d.pairs(v, cue, []party{accuser}, accused, "accuse.allegedly")
}

// hostileAfter reports an infinitive of wrongdoing in tokens [i, end):
// "… to compromise the database".
func (d *doc) hostileAfter(i, end int) bool {
	for j := i; j+1 < end; j++ {
		if d.toks[j].lower == "to" && d.lx.hostile.has(d.toks[j+1].lower) {
			return true
		}
	}
	return false
}

// namedBefore returns the people named in the clause before the verb at v:
// "Karimi, 27, of Tabriz, Iran, and Rahimi, 34, of Yazd, Iran, have been
// charged".
func (d *doc) namedBefore(v int) []party {
	s := d.sentenceOf(v)
	start := s.first
	for j := v - 1; j >= s.first; j-- {
		if d.toks[j].lower == "that" || d.toks[j].text == ";" || d.toks[j].isQuote() {
			start = j + 1
			break
		}
	}
	return d.namedIn(span{start, v})
}

// namedIn returns the people and named parties in tokens p, including
// those listed in dashes: "two FSB agents — Ivan Petrov and Oleg Sokolov —".
func (d *doc) namedIn(p span) []party {
	var out []party
	for i := p.s; i < p.e; i++ {
		if !d.toks[i].isCap() || !d.nameToken(i) {
			continue
		}
		j := i
		for j < p.e && d.nameToken(j) {
			j++
		}
		if j < p.e && d.toks[j].isCap() && d.lx.orgWords.has(d.toks[j].lower) {
			i = j // "Forward Now Movement" names an organisation
			continue
		}
		if d.noNER && i > 0 && placePreps.has(d.toks[i-1].lower) && !d.knownPerson(d.toks[j-1].text) {
			i = j // "in Central Park" is a place
			continue
		}
		if j-i >= 2 || d.knownPerson(d.toks[i].text) {
			r := d.resolvePerson(span{i, j})
			if r.ok() && r.kind == entPerson {
				out = append(out, r)
			}
		}
		i = j
	}
	return out
}

// antecedentOfRelative returns the phrase a relative pronoun at i refers
// to: the noun phrase before it, or the names in a dashed appositive.
func (d *doc) antecedentOfRelative(i int) span {
	s := d.sentenceOf(i)
	j := i - 1
	if j >= s.first && (d.toks[j].text == "—" || d.toks[j].text == "–" || d.toks[j].text == ",") {
		j--
	}
	if j < s.first {
		return span{}
	}
	np := d.npEndingAt(j+1, s.first)
	if np.s > s.first && (d.toks[np.s-1].lower == "and" || d.toks[np.s-1].text == ",") {
		for _, p := range d.listBefore(np, s.first) {
			if p.s < np.s {
				np.s = p.s
			}
		}
	}
	return np
}

// agentOf returns who performs a passive verb: its "by" phrase, else the
// speaker of the sentence, else the authority the article last cited.
func (d *doc) agentOf(v int, events []*speech) party {
	s := d.sentenceOf(v)
	if by := d.findWord(v+1, min(s.last, v+8), "by"); by > 0 {
		if p := d.resolve(d.npStartingAt(by+1, s.last)); p.ok() {
			return p
		}
	}
	if sp := d.speakerOf(events, v); sp.ok() {
		return sp
	}
	if si := d.toks[v].sent; d.authoritySent >= 0 && si-d.authoritySent <= 2 && d.sents[si].para-d.sents[d.authoritySent].para <= 2 {
		return d.authority
	}
	return party{} // the author's own statement accuses no one
}

// reducedRelative returns the noun phrase a passive participle at v
// follows with no "be" between them ("people accused of rape", "two
// nationals charged with"), and whether there is one.
func (d *doc) reducedRelative(v int) (span, bool) {
	first := d.sentenceOf(v).first
	if v <= first || d.beforeBe(v) || !strings.HasPrefix(d.toks[v-1].tag, "NN") {
		return span{}, false
	}
	np := d.npEndingAt(v, first)
	return np, !np.empty()
}

// agentHere returns who performs a passive verb by what its own sentence
// says: its "by" phrase, else the sentence's speaker.
func (d *doc) agentHere(v int, events []*speech) party {
	s := d.sentenceOf(v)
	if by := d.findWord(v+1, min(s.last, v+8), "by"); by > 0 {
		if p := d.resolve(d.npStartingAt(by+1, s.last)); p.ok() {
			return p
		}
	}
	return d.speakerOf(events, v)
}

// speakerOf returns the speaker of the event in whose content token v lies.
func (d *doc) speakerOf(events []*speech, v int) party {
	for _, sp := range events {
		if sp.covers(d.toks[v].start) || sp.cue == v {
			return sp.speaker
		}
	}
	for _, sp := range events {
		return sp.speaker
	}
	return party{}
}

// contentAccusations finds wrongdoing that a speaker attributes to a named
// party in what they say: "said APT31 was behind the hackings", "said the
// attack was conducted by a group called Ghostwriter", "APT28 has been
// targeting". Speakers of a list ("PwC and BAE Systems said") accuse one
// by one.
func (d *doc) contentAccusations(speaker party, content []byteRange) []accusation {
	var out []accusation
	cue := &rules.AccuseCue{Name: "says did", CAMEO: "112"}
	speakers := d.speakerParties(speaker)
	for _, r := range content {
		for i := d.tokenAt(r.s); i < len(d.toks) && d.toks[i].end <= r.e; i++ {
			agent, rule := d.agentAt(i)
			if agent.empty() || d.negatedBefore(i, r.s) {
				continue // "he saw no evidence that X was behind it"
			}
			accusedList := d.expand(agent)
			if rule == "accuse.work" && d.beforeBe(i) {
				// "Fancy Bear is connected to the GRU": the actor tied to its
				// sponsor is blamed with it; not in "APT28, which Western
				// governments have tied to the GRU"
				if a := d.actorBefore(i, r.s); a.ok() {
					accusedList = append(accusedList, a)
				}
			}
			for _, accused := range accusedList {
				if !d.blameable(accused) || d.weakName(accused) || d.unsurePerson(accused) {
					accused = d.actorBefore(i, r.s) // "the Great Recession is to blame" names no party
				}
				for _, sp := range speakers {
					if d.blameable(accused) && accused.name != sp.name && accused.name != speaker.name {
						a := d.newAccusation(i, cue, sp, accused, rule)
						a.allegation, a.list = d.deed(i), len(speakers) > 1
						out = append(out, a)
					}
				}
			}
		}
	}
	return out
}

// namesSomeone reports a description that holds a name: "the Clinton campaign".
func (d *doc) namesSomeone(p span) bool {
	for i := p.s; i < p.e; i++ {
		if d.capitalised(i) {
			return true
		}
	}
	return false
}

// negatedBefore reports a negation between byte offset lo and token i in
// i's sentence: "said X was not behind", "did not see evidence that X hacked".
func (d *doc) negatedBefore(i, lo int) bool {
	s := d.sentenceOf(i)
	for j := i - 1; j >= s.first && d.toks[j].start >= lo; j-- {
		if negations.has(d.toks[j].lower) {
			return true
		}
	}
	return false
}

// speakerParties splits a speaker that is a list of names, or a plural
// description of named organisations, into its parties.
func (d *doc) speakerParties(sp party) []party {
	if sp.span.empty() {
		return []party{sp}
	}
	out := []party{sp}
	if sp.kind == entDesc || sp.kind == entOrg {
		if parts := d.expand(sp.span); len(parts) > 1 || len(parts) == 1 && parts[0].kind != entDesc {
			out = parts
		}
	}
	// "The campaign and some experts have alleged": the speech rules keep
	// the last of two coordinated speakers
	and := sp.span.s - 1
	for and > 0 && strippable.has(d.toks[and].lower) {
		and-- // "and some experts"
	}
	if and > 0 && d.toks[and].lower == "and" && d.toks[and-1].isWord() {
		lo := d.sentenceOf(and).first
		if first := d.resolve(d.npEndingAt(and, lo)); first.ok() && (first.kind != entDesc || d.namesSomeone(first.span)) && first.name != sp.name {
			out = append([]party{first}, out...)
		}
	}
	return out
}

// agentAt returns the party that token i says did wrong, if any: the
// subject of a responsibility phrase ("X was behind", "X is to blame"),
// the phrase after one ("the work of X", "linked to X"), the agent of a
// wrongdoing ("an attack by X", "carried out by X") or the subject of a
// verb of wrongdoing ("X hacked").
func (d *doc) agentAt(i int) (span, string) {
	t := &d.toks[i]
	s := d.sentenceOf(i)
	if g := d.groupBehind(i); !g.empty() {
		return g, "accuse.behind"
	}
	if n := d.cuePhraseAt(i, d.lx.responsibleSubject); n > 0 && !d.modifiesNext(i, n) {
		j := i - 1
		for j >= s.first && strings.HasPrefix(d.toks[j].tag, "RB") {
			j--
		}
		if j >= s.first && beVerbs.has(d.toks[j].lower) {
			return d.subjectOf(j), "accuse.behind"
		}
		return span{}, ""
	}
	if n := d.cuePhraseAt(i, d.lx.responsibleObject); n > 0 && d.wrongBefore(i) && !d.othersTie(i) {
		return d.withNaming(d.npStartingAt(i+n, s.last)), "accuse.work"
	}
	switch {
	case agentPreps.has(t.lower) && i > s.first && (d.lx.hostile.has(d.toks[i-1].lower) || d.lx.attacks.has(d.toks[i-1].lower) || d.wrongfulCampaign(i-1) ||
		d.lx.agentive.has(d.toks[i-1].lower) && d.lx.attacks.has(d.toks[d.headBefore(i-1)].lower) ||
		d.toks[i-1].lower == "out" && i > s.first+1 && d.lx.agentive.has(d.toks[i-2].lower)):
		return d.withNaming(d.npStartingAt(i+1, s.last)), "accuse.by"
	case agentPreps.has(t.lower) && i > s.first && d.toks[i-1].tag == "VBN":
		// "the domains were created by hackers it calls the Callisto Group":
		// any deed of a group the source names as a threat actor
		np := d.npStartingAt(i+1, s.last)
		if named := d.withNaming(np); !np.empty() && named.e > np.e && d.lx.groups.has(d.toks[d.headOf(np)].lower) {
			return named, "accuse.by"
		}
	case d.isHostileAt(i) && !d.passive(i):
		v := d.tryVerb(i)
		subj := d.subjectOf(v)
		if subj.empty() || relatives.has(d.toks[subj.s].lower) {
			subj = d.npEndingAt(v, s.first) // "Doe, who said Smith hacked it": the name just before
		}
		if !subj.empty() && !relatives.has(d.toks[subj.s].lower) {
			return subj, "accuse.did"
		}
	}
	return span{}, ""
}

// othersTie reports a responsibility phrase at i in a relative clause with
// a subject of its own: in "APT28, which Western governments have tied to
// the GRU" the tie is the governments', not the speaker's.
func (d *doc) othersTie(i int) bool {
	s := d.sentenceOf(i)
	for j := i - 1; j >= s.first && j >= i-8; j-- {
		if t := &d.toks[j]; t.text == "," || t.text == ";" {
			return false
		}
		if (d.toks[j].lower == "which" || d.toks[j].lower == "whom") && j+1 < i {
			next := &d.toks[j+1]
			return !strings.HasPrefix(next.tag, "VB") && !auxiliaries.has(next.lower) && !strings.HasPrefix(next.tag, "RB")
		}
	}
	return false
}

// groupBehind returns the name given to "the group behind the attacks,
// named X": a group described as behind a wrongdoing, then named.
func (d *doc) groupBehind(i int) span {
	s := d.sentenceOf(i)
	if d.toks[i].lower != "behind" || i == s.first || !d.lx.groups.has(d.toks[i-1].lower) {
		return span{}
	}
	what := d.npStartingAt(i+1, s.last)
	if what.empty() || !d.lx.attacks.has(d.toks[d.headOf(what)].lower) {
		return span{}
	}
	named := d.withNaming(span{d.npEndingAt(i, s.first).s, what.e})
	if named.e == what.e {
		return span{} // never named: "the group behind the attacks" alone blames no one
	}
	return named
}

// modifiesNext reports a one-word adjective phrase followed by a word it
// modifies: "responsible people" blames no one, "was responsible." does.
func (d *doc) modifiesNext(i, n int) bool {
	return n == 1 && strings.HasPrefix(d.toks[i].tag, "JJ") && i+1 < d.sentenceOf(i).last && d.toks[i+1].isWord()
}

// cuePhraseAt returns the length of the first of phrases that starts at
// token i, or 0.
func (d *doc) cuePhraseAt(i int, phrases [][]string) int {
	hi := d.sentenceOf(i).last
	for _, p := range phrases {
		if matchLower(d.toks, i, hi, p) {
			return len(p)
		}
	}
	return 0
}

// wrongBefore reports whether the clause before token i speaks of a
// wrongdoing or a threat actor, so that "the campaign was the work of X"
// blames X and "the album was the work of X" does not.
func (d *doc) wrongBefore(i int) bool {
	s := d.sentenceOf(i)
	for j := i - 1; j >= s.first && j >= i-12; j-- {
		l := d.toks[j].lower
		if d.lx.attacks.has(l) || d.lx.campaigns.has(l) || d.lx.groups.has(l) || d.lx.hostile.has(l) || d.inActor(j) {
			return true
		}
		if l == ";" || l == "said" || l == "says" {
			break
		}
	}
	return false
}

// actorBefore returns the first threat actor between the start of the
// clause holding token i and i: in "a unit, dubbed APT31, was behind" the
// subject is a description and the actor names it.
func (d *doc) actorBefore(i, lo int) party {
	s := d.sentenceOf(i)
	start := s.first
	for j := i - 1; j >= s.first && d.toks[j].start >= lo; j-- {
		if d.toks[j].lower == "that" || d.toks[j].text == ":" || d.toks[j].text == ";" {
			start = j + 1
			break
		}
	}
	for _, h := range d.actors {
		if h.span.s >= start && h.span.e <= i {
			return party{kind: entActor, name: h.label, country: h.sponsor, span: h.span}
		}
	}
	return party{}
}

// attackObject reports whether the verb at i has an attack as its object:
// "launched the attack", "carried out cyberattacks".
func (d *doc) attackObject(i int) bool {
	s := d.sentenceOf(i)
	for j := i + 1; j < s.last && j <= i+6; j++ {
		t := &d.toks[j]
		if d.lx.attacks.has(t.lower) {
			return true
		}
		if t.text == "," || t.text == "." || isFinite(t.tag) {
			return false
		}
	}
	return false
}

// wrongfulCampaign reports a campaign or operation qualified as
// wrongdoing: "the same covert influence campaign by …", "a hacking
// operation by …".
func (d *doc) wrongfulCampaign(i int) bool {
	if !d.lx.campaigns.has(d.toks[i].lower) {
		return false
	}
	s := d.sentenceOf(i)
	for j := i + 2; j < s.last && j <= i+10; j++ {
		if d.toks[j].tag == "VBG" && d.lx.hostile.has(d.toks[j].lower) {
			return true // "a campaign by APT29 … targeting diplomats"
		}
	}
	lo := max(d.sentenceOf(i).first, i-3)
	for j := i - 1; j >= lo; j-- {
		if d.lx.attackModifiers.has(d.toks[j].lower) || d.lx.attacks.has(d.toks[j].lower) {
			return true
		}
	}
	return false
}

// headBefore returns the noun a participle at i modifies: "the attack
// conducted by", "a cyberattack carried out by".
func (d *doc) headBefore(i int) int {
	s := d.sentenceOf(i)
	j := i - 1
	for j > s.first && (beVerbs.has(d.toks[j].lower) || strings.HasPrefix(d.toks[j].tag, "RB")) {
		j--
	}
	return max(j, s.first)
}

// tryVerb returns the verb that carries the subject of a hostile verb: in
// "Moscow has tried to manipulate" that is "tried".
func (d *doc) tryVerb(i int) int {
	if i >= 2 && d.toks[i-1].lower == "to" && d.lx.tries.has(d.toks[i-2].lower) {
		return i - 2
	}
	return i
}

// isHostileAt reports whether token i is a finite or progressive verb of
// wrongdoing: "hacked", "has been targeting", "launched".
func (d *doc) isHostileAt(i int) bool {
	t := &d.toks[i]
	if !strings.HasPrefix(t.tag, "VB") {
		return false
	}
	if !d.lx.hostile.has(t.lower) && !(d.lx.agentive.has(t.lower) && d.attackObject(i)) {
		return false
	}
	if t.tag == "VBG" {
		return i > 0 && beVerbs.has(d.toks[i-1].lower)
	}
	if t.tag == "VBN" {
		return i > 0 && (d.toks[i-1].lower == "has" || d.toks[i-1].lower == "have" || d.toks[i-1].lower == "had")
	}
	return t.tag != "VB" || i > 1 && d.toks[i-1].lower == "to" && d.lx.tries.has(d.toks[i-2].lower)
}

// weakName reports a capitalised phrase read as an organisation for want
// of anything better: no organisation word, no acronym, no owner ("the
// Great Recession").
func (d *doc) weakName(p party) bool {
	if p.kind != entOrg || isAllCaps(p.name) || strings.Contains(p.name, "’s") {
		return false
	}
	for _, w := range strings.Fields(p.name) {
		if d.lx.orgWords.has(fold(w)) {
			return false
		}
	}
	return true
}

// unsurePerson reports a person found by capitalisation alone, whom the
// entity model does not take for a person and no title introduces ("the
// Great Slump is to blame").
func (d *doc) unsurePerson(p party) bool {
	if p.kind != entPerson || p.span.empty() || d.knownPerson(p.name) && p.span.e-p.span.s == 1 {
		return false
	}
	return !d.nerSays(p.span, "PERSON") && !d.hasTitleBefore(span{max(d.sentenceOf(p.span.s).first, p.span.s-2), p.span.s})
}

// blameable reports whether a party can be the accused of a claim: a named
// party, or a description that names a state ("Russian intelligence hackers").
func (d *doc) blameable(p party) bool {
	switch p.kind {
	case entCountry, entParty, entActor, entPerson, entOrg:
		return true
	case entDesc:
		return d.countryIn(p.span) != "" || d.hyphenCountry(p.span) // "a China-based gang"
	}
	return false
}

// hyphenCountry reports a country inside a hyphenated word of p that
// describes a group: "a China-based cyber gang", "Russia-linked hackers".
func (d *doc) hyphenCountry(p span) bool {
	if !d.lx.groups.has(d.toks[d.headOf(p)].lower) {
		return false
	}
	for i := p.s; i < p.e; i++ {
		if strings.Contains(d.toks[i].text, "-") && d.countryOfToken(i) != "" {
			return true
		}
	}
	return false
}

// canAccuse reports whether a party can make an accusation: a named
// party, or a description of people or of a document ("officials",
// "the indictment").
func (d *doc) canAccuse(p party) bool {
	if !p.ok() {
		return false
	}
	if p.kind != entDesc || p.span.empty() {
		return true
	}
	head := &d.toks[d.headOf(p.span)]
	last := &d.toks[p.span.e-1] // "dozens of women"
	return d.lx.roles.has(head.lower) || d.lx.documents.has(head.lower) || d.lx.orgWords.has(head.lower) || d.lx.lawsuits.has(head.lower) ||
		plural(head.lower) && d.lx.people.has(head.lower) || plural(last.lower) && d.lx.people.has(last.lower) ||
		head == last && d.lx.titles.has(head.lower) && !d.lx.people.has(head.lower) // "the president", "the senator"
}

// isAuthority reports a description that names an authority that brings
// charges: "the district attorney", "federal prosecutors".
func (d *doc) isAuthority(p party) bool {
	if p.kind != entDesc || p.span.empty() {
		return false
	}
	for i := p.span.s; i < p.span.e; i++ {
		if d.cuePhraseAt(i, d.lx.authorities) > 0 {
			return true
		}
	}
	return false
}

// plural reports a plural noun, roughly: "customers", "women", "people".
func plural(w string) bool {
	return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "men") || w == "people"
}

// datelineEnd returns the first token after a dateline that opens
// sentence si (see afterDateline), or the sentence's first token.
func (d *doc) datelineEnd(si int) int {
	s := d.sents[si]
	return d.afterDateline(s.first, s.last)
}

// titleCase reports a headline in title case ("Agency Accused Of Covering
// Up Hack"), where the phrase rules cannot tell names from words.
func (d *doc) titleCase(si int) bool {
	s := d.sents[si]
	words, caps := 0, 0
	for i := s.first; i < s.last; i++ {
		if t := &d.toks[i]; t.isWord() && len(t.text) > 3 {
			words++
			if t.isCap() {
				caps++
			}
		}
	}
	return words >= 3 && caps == words
}

// describesPeople reports whether a description's head is a noun for
// people or organisations: "the worker", "criminal hackers".
func (d *doc) describesPeople(p span) bool {
	h := d.headOf(p)
	head := &d.toks[h]
	if h == p.s && p.s > 0 && demonstratives.has(d.toks[p.s-1].lower) {
		return false // "that group" refers back; unresolved, it names no one
	}
	return d.lx.people.has(head.lower) || d.lx.groups.has(head.lower) || d.lx.roles.has(head.lower)
}

// pairs makes one accusation per accuser and accused. An explicit cue
// ("accused", "charged") may accuse a description ("the worker", "two
// Iranian nationals"); pronouns stay out.
func (d *doc) pairs(v int, cue *rules.AccuseCue, accusers, accused []party, rule string) []accusation {
	var out []accusation
	for _, a := range accusers {
		if !d.canAccuse(a) && !d.isAuthority(a) {
			continue
		}
		for _, b := range accused {
			if a.ok() && b.ok() && a.name != b.name && (d.blameable(b) || b.kind == entDesc && !b.span.empty() && d.describesPeople(b.span)) {
				acc := d.newAccusation(v, cue, a, b, rule)
				acc.list = len(accusers) > 1 || len(accused) > 1
				out = append(out, acc)
			}
		}
	}
	return out
}

// resolveAll resolves a list of phrases, one party per name.
func (d *doc) resolveAll(ps []span) []party {
	var out []party
	for _, p := range ps {
		out = append(out, d.expand(p)...)
	}
	return out
}

// subjectList returns the subject of the verb at v with its coordinated
// siblings: "Karimi and Rahimi are accused".
func (d *doc) subjectList(v int) []party {
	subj := d.subjectOf(v)
	if subj.empty() {
		return nil
	}
	if relatives.has(d.toks[subj.s].lower) {
		subj = d.antecedentOfRelative(subj.s)
	}
	return d.resolveAll(d.listBefore(subj, d.sentenceOf(v).first))
}

// listBefore extends a noun phrase leftwards over its coordinated siblings.
func (d *doc) listBefore(last span, lo int) []span {
	out := []span{last}
	i := last.s
	conj := false
	for i > lo {
		j := i - 1
		if d.toks[j].lower != "and" && d.toks[j].lower != "or" && d.toks[j].text != "," {
			break
		}

		if d.toks[j].lower == "and" && j > lo && d.toks[j-1].text == "," {
			j--
		}
		if j <= lo || !d.toks[j-1].isCap() {
			break
		}
		conj = conj || d.toks[j].lower == "and" || d.toks[j].lower == "or"
		if !conj && d.capitalised(last.s) && d.toks[last.e-1].isCap() {
			// "in Tulsa, Oklahoma, Ortiz says", "Speaking to reporters,
			// Ortiz said": a name after a comma and no "and" ends no
			// list; a description does ("Ana Ortiz, an analyst at Acme, said")
			return []span{last}
		}
		prev := d.npEndingAt(j, lo)
		if prev.empty() || !d.toks[prev.s].isCap() && !determiners.has(d.toks[prev.s].lower) ||
			d.lx.timeWords.has(d.toks[prev.e-1].lower) || prev.s > lo && d.toks[prev.s-1].tag == "IN" {
			break // "On Thursday, Swift …" lists no one
		}
		out = append([]span{prev}, out...)
		i = prev.s
	}
	return out
}

// aliasList extends a phrase with the names after "aka" or "also known
// as": "APT28, aka Fancy Bear, and Sofacy".
func (d *doc) aliasList(p span, hi int) []span {
	out := []span{p}
	i := p.e
	if i+1 < hi && d.toks[i].text == "," && (d.toks[i+1].lower == "aka" || d.toks[i+1].lower == "a.k.a.") {
		out = append(out, d.listAfter(d.npStartingAt(i+2, hi), hi)...)
	}
	return out
}

// allegation returns what the accused is accused of: the phrase after
// "of", "for" or "with" that follows the cue.
func (d *doc) allegation(v int) string {
	s := d.sentenceOf(v)
	for j := v + 1; j < s.last && j < v+10; j++ {
		switch d.toks[j].lower {
		case "of", "for", "with":
			end := j + 1
			for end < s.last && d.toks[end].text != "," && d.toks[end].text != "." && d.toks[end].text != ";" && end-j < 16 {
				end++
			}
			return d.words(span{j + 1, end})
		case ",", ".", ";":
			return ""
		}
	}
	return ""
}

// deed returns what a party is said to have done, from the word at i to
// the end of its clause: "behind the hackings over the last decade",
// "targeted UK lawmakers’ accounts".
func (d *doc) deed(i int) string {
	s := d.sentenceOf(i)
	end := i + 1
	for end < s.last && end-i < 16 && !clauseEnd.has(d.toks[end].text) {
		end++
	}
	for end > i+1 && !d.toks[end-1].isWord() {
		end--
	}
	return d.words(span{i, end})
}

var clauseEnd = newSet([]string{",", ".", ";", ":", "—", "(", "”"})

func (d *doc) followedBy(i int, words ...string) bool {
	if i >= len(d.toks) {
		return false
	}
	for _, w := range words {
		if d.toks[i].lower == w {
			return true
		}
	}
	return false
}

// findWord returns the index of the first token in [from, to) whose
// lower-case form is w, stopping at a clause boundary; -1 if none.
func (d *doc) findWord(from, to int, w string) int {
	to = min(to, len(d.toks))
	for i := from; i < to; i++ {
		if d.toks[i].lower == w {
			return i
		}
		if d.toks[i].text == ";" || d.toks[i].text == "." {
			return -1
		}
	}
	return -1
}

// tokenAt returns the index of the first token that starts at or after off.
func (d *doc) tokenAt(off int) int {
	lo, hi := 0, len(d.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if d.toks[m].start < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
