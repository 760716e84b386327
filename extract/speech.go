package extract

import (
	"strings"
)

// byteRange is a half-open range of byte offsets into the article.
type byteRange struct{ s, e int }

// speech is one act of saying: who said it, the cue, and where the content is.
type speech struct {
	cue     int // token index of the cue word
	at      int // byte offset of the cue word
	speaker party
	source  span // the words that name the speaker, when the event has them
	content []byteRange
	deny    bool
}

// findSpeech returns the speech events of sentence si.
func (d *doc) findSpeech(si int) []*speech {
	s := d.sents[si]
	var out []*speech
	for v := s.first; v < s.last; v++ {
		var sp *speech
		if d.insideQuote(d.toks[v].start) {
			continue // "“We believe …,” he said": only he speaks
		}
		if n := d.attributionAt(v); n > 0 {
			sp = d.accordingTo(v, n)
		} else if d.isSpeechVerb(v) {
			sp = d.speechAt(v)
		}
		if sp != nil && len(sp.content) == 0 {
			sp.content = d.quoteAfter(v)
		}
		if sp != nil && len(sp.content) > 0 {
			out = append(out, sp)
		}
	}
	return dropNested(out)
}

// quoteAfter returns the quotation that opens the next sentence when the
// verb at v ends its own with nothing to say: "Ortiz said in a
// statement. “We …”", "Ortiz said: ¶ “We …”".
func (d *doc) quoteAfter(v int) []byteRange {
	s := d.sentenceOf(v)
	k := d.skipAdjuncts(v+1, s.last)
	if k != s.last-1 || d.toks[k].text != "." && d.toks[k].text != ":" {
		return nil
	}
	si := d.toks[v].sent + 1
	if si >= len(d.sents) || d.sents[si].para > s.para+1 {
		return nil
	}
	open := d.toks[d.sents[si].first].start
	for _, q := range d.quotes {
		if q.open == open {
			return []byteRange{{q.start, q.end}}
		}
	}
	return nil
}

// isSpeechVerb reports whether token v is a verb of saying used as a verb.
func (d *doc) isSpeechVerb(v int) bool {
	t := &d.toks[v]
	if !d.lx.speech.has(t.lower) {
		return false
	}
	if t.tag != "" && !strings.HasPrefix(t.tag, "VB") {
		// prose tags sentence-final "said" after a quote as a noun at
		// times, and "states" in "…,” the report states."
		return t.lower == "said" || t.lower == "says" || t.lower == "told" || t.lower == "wrote" ||
			d.lx.invertible.has(t.lower) && v+1 < len(d.toks) && d.toks[v+1].text == "." && d.quoteCloses(v)
	}
	if v > 0 && (d.toks[v-1].lower == "to" || determiners.has(d.toks[v-1].lower) && d.toks[v-1].lower != "that") {
		return false // "to say", "the report"
	}
	if v+1 < len(d.toks) && d.lx.notSpeech.has(d.toks[v+1].lower) {
		return false // "claimed responsibility"
	}
	if (t.tag == "VBN" || t.tag == "JJ") && v+1 < len(d.toks) && strings.HasPrefix(d.toks[v+1].tag, "NN") {
		return false // "alleged hackers"
	}
	return true
}

// quoteCloses reports whether a quotation closes, followed by a comma,
// within the few words before token v: "“…,” the report states".
func (d *doc) quoteCloses(v int) bool {
	lo := d.sentenceOf(v).first
	for k := v - 1; k > lo && k >= v-maxSubjectWords; k-- {
		if d.toks[k].isQuote() && d.toks[k-1].text == "," {
			return true
		}
		if !d.isNounish(k) && d.toks[k].tag != "DT" && d.toks[k].tag != "JJ" {
			return false
		}
	}
	return false
}

// attributionAt returns the length of an attribution phrase ("according
// to") starting at token v, or 0.
func (d *doc) attributionAt(v int) int {
	for _, words := range d.lx.attribution {
		if matchLower(d.toks, v, d.sentenceOf(v).last, words) {
			return len(words)
		}
	}
	return 0
}

func matchLower(toks []token, i, limit int, words []string) bool {
	if i+len(words) > limit {
		return false
	}
	for k, w := range words {
		if toks[i+k].lower != w {
			return false
		}
	}
	return true
}

// accordingTo handles "According to X, CONTENT" and "CONTENT, according to X".
func (d *doc) accordingTo(v, n int) *speech {
	s := d.sentenceOf(v)
	src := d.npStartingAt(v+n, s.last)
	if src.empty() || src.e < s.last && d.toks[src.e].isWord() {
		// the tagger stumbles on "according to blockchain analysis firm
		// Chainalysis": the source runs to the comma or the full stop
		src = span{v + n, v + n}
		for src.e < s.last && d.toks[src.e].text != "," && d.toks[src.e].text != "." {
			src.e++
		}
	}
	if src.empty() {
		return nil
	}
	sp := &speech{cue: v, at: d.toks[v].start, speaker: d.resolve(src), source: src}
	switch {
	case v == s.first || v == s.first+1 && !d.toks[s.first].isWord():
		k := src.e
		for k < s.last && d.toks[k].text != "," {
			k++
		}
		if j := d.sourceAppositive(k+1, s.last); j > 0 {
			k = j // "According to Ana Ortiz, director of research, the problem is …"
		}
		sp.content = d.rangeOf(k+1, s.last)
	case v > s.first+1 && clauseJoins.has(d.toks[v-1].lower) && d.toks[v-2].text == ",":
		// "…, but according to X, a researcher, CONTENT": the
		// attribution opens a clause of its own
		if k := d.afterAppositive(src.e, s.last); k > 0 {
			sp.content = d.rangeOf(k, s.last)
		}
	case d.toks[v-1].text == "," && src.e+1 < s.last && d.toks[src.e].text == "," && d.finiteVerb(src.e+1):
		// "The group, according to X, developed …": the attribution
		// sits between the subject and its verb
		sp.content = append(d.rangeOf(s.first, d.trimBack(v, s.first)), d.rangeOf(src.e+1, s.last)...)
	default:
		sp.content = d.rangeOf(s.first, d.trimBack(v, s.first))
	}
	return sp
}

// sourceAppositive returns the comma closing an appositive that starts at
// k and describes the source before it ("director of security research,",
// "a researcher at the firm,"), when a clause follows; else 0.
func (d *doc) sourceAppositive(k, last int) int {
	if k >= last || !(determiners.has(d.toks[k].lower) || d.lx.titles.has(d.toks[k].lower)) {
		return 0
	}
	j := k
	for j < last && j-k <= maxSubjectWords && d.toks[j].text != "," {
		if d.finiteVerb(j) || d.toks[j].isQuote() {
			return 0
		}
		j++
	}
	if j >= last || d.toks[j].text != "," || !d.finiteBeforeBreak(j+1, last) {
		return 0
	}
	return j
}

// clauseJoins are the conjunctions after which "according to X," opens a
// clause of its own.
var clauseJoins = newSet([]string{"but", "and", "yet", "while", "although", "though", "so"})

// finiteVerb reports whether token k is a verb with a tense: "developed",
// "has", "will".
func (d *doc) finiteVerb(k int) bool {
	switch d.toks[k].tag {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// afterAppositive returns the first token of the clause that follows the
// source of an attribution ending at k ("according to X, the creator of Y,
// CONTENT" or "according to X, CONTENT"), or 0 when no clause follows.
func (d *doc) afterAppositive(k, last int) int {
	if k >= last || d.toks[k].text != "," {
		return 0
	}
	k++
	// an appositive is a noun phrase closed by a comma before the clause
	j := k
	for j < last && d.toks[j].text != "," && !d.finiteVerb(j) {
		j++
	}
	if j < last && d.toks[j].text == "," && j > k && determiners.has(d.toks[k].lower) {
		k = j + 1
	}
	for j := k; j < last; j++ {
		if d.finiteVerb(j) {
			return k
		}
	}
	return 0
}

// speechAt builds the speech event of the verb at v: "X said (that) …",
// "…, X said", "…,” said X", "X told Reuters …".
func (d *doc) speechAt(v int) *speech {
	s := d.sentenceOf(v)
	sp := &speech{cue: v, at: d.toks[v].start, deny: d.lx.deny.has(d.toks[v].lower)}
	switch {
	case d.inverted(v):
		src := d.npStartingAt(v+1, s.last)
		sp.speaker, sp.source = d.resolve(src), src
		d.rememberSpeaker(sp.speaker, src.s)
		sp.content = d.rangeOf(d.contentStart(s), d.trimBack(v, s.first))
		return sp
	case d.invertedAside(v):
		// "Above all, said the report, the group targeted …"
		src := d.npStartingAt(v+1, s.last)
		sp.speaker = d.resolve(src)
		d.rememberSpeaker(sp.speaker, src.s)
		end := s.last
		if d.toks[end-1].text == "." {
			end--
		}
		sp.content = d.rangeOf(src.e+1, d.trimBack(end, src.e+1))
		return sp
	case d.passive(v) && !d.lx.speechObjects.has(d.toks[v].lower):
		return nil // "data were posted on a site": no speaker, no speech
	case d.passive(v):
		// "Students were warned that …": the speaker is the agent, or
		// the authority the story is about
		sp.speaker = d.agentOf(v, nil)
		if after := d.contentAfter(v); !after.empty() {
			sp.content = d.rangeOf(after.s, after.e)
		}
		return sp
	}
	subj := d.speakerPhrase(v)
	if subj.empty() {
		return nil
	}
	sp.speaker, sp.source = d.resolve(subj), subj
	if isDigit(d.toks[subj.s].text) || d.toks[subj.e-1].lower == "percent" || d.toks[subj.e-1].text == "%" {
		sp.speaker = party{} // "Fifty-one percent say" reports a poll
	}
	if negatives.has(d.toks[subj.s].lower) {
		sp.speaker = party{} // "Nothing in it suggests", "Nobody said": no source
	}
	d.rememberSpeaker(sp.speaker, subj.s)
	if k := d.parenthetical(subj, v); k > 0 && d.toks[v].tag != "VBG" {
		sp.content = d.aroundParenthetical(subj, k)
		return sp
	}
	after := d.contentAfter(v)
	if !after.empty() {
		sp.content = d.rangeOf(after.s, after.e)
	}
	if d.toks[v].tag != "VBG" {
		// "…, Ortiz said", not "…, Ortiz said, adding that …" nor
		// "In the spring, Ortiz vowed to …"
		sp.content = append(sp.content, d.contentBefore(subj, !after.empty())...)
	}
	return sp
}

// speakerPhrase returns the phrase naming who says the verb at v: its
// subject, the subject of a participle or of a coordinated verb, the first
// of a list, the antecedent of "who".
func (d *doc) speakerPhrase(v int) span {
	s := d.sentenceOf(v)
	subj := d.subjectOf(v)
	if d.toks[v].tag == "VBG" {
		subj = d.participleSubject(v)
	} else if subj.empty() && d.coordinated(v) {
		subj = d.mainSubject(d.toks[v].sent) // "Borrell condemned the attack and said …"
	}
	if subj.empty() {
		return subj
	}
	if k := subj.e; k+2 < s.last && d.toks[k].text == "(" && d.toks[k+2].text == ")" && strings.HasSuffix(d.acronymFor(d.toks[k+1].text), d.words(subj)) && d.acronymFor(d.toks[k+1].text) != d.words(subj) {
		return span{k + 1, k + 2} // "Organization for Security and Co-operation in Europe (OSCE)" is one name
	}
	subj = d.listBefore(subj, s.first)[0] // "CISA, the FBI and the NSA warned": the first speaks for all
	if relatives.has(d.toks[subj.s].lower) {
		subj = d.antecedentOfRelative(subj.s)
		if !subj.empty() && d.toks[subj.s].tag == "VBG" {
			return span{} // "…, which suggests …" refers back to a whole clause
		}
	}
	if name := d.namedAppositive(subj, v); !name.empty() {
		subj = name // "a third, Ana Ortiz, said": the name says who
	}
	if subj.e-subj.s == 1 && d.toks[subj.s].tag == "JJ" && !d.toks[subj.s].isCap() {
		return span{} // "It is hard not to think that …"
	}
	return subj
}

// namedAppositive returns the proper name set off by commas between a
// subject without a name and its verb at v: "a third, Ana Ortiz, said".
func (d *doc) namedAppositive(subj span, v int) span {
	if subj.e+2 >= v || d.toks[subj.e].text != "," || d.toks[v-1].text != "," {
		return span{}
	}
	for i := subj.s; i < subj.e; i++ {
		if d.toks[i].isCap() && i > d.sentenceOf(v).first {
			return span{} // the subject has a name of its own
		}
	}
	name := span{subj.e + 1, v - 1}
	if name.e-name.s > 4 {
		return span{}
	}
	for i := name.s; i < name.e; i++ {
		if !d.toks[i].isCap() {
			return span{}
		}
	}
	return name
}

// parenthetical returns the index of the comma that closes an attribution
// set inside its content ("The risk, he said, is a delay"; "When the rule
// takes effect, Ortiz added, “it will …”"), or 0.
func (d *doc) parenthetical(subj span, v int) int {
	s := d.sentenceOf(v)
	if subj.s-1 <= s.first || d.toks[subj.s-1].text != "," || d.toks[subj.s-2].isQuote() {
		return 0 // "“…,” she said, …" splits a quotation: contentBefore handles it
	}
	k := d.skipAdjuncts(v+1, s.last)
	if k+2 >= s.last || d.toks[k].text != "," || d.insideQuote(d.toks[subj.s].start) {
		return 0
	}
	return k
}

// aroundParenthetical returns the content on both sides of a parenthetical
// attribution whose subject is subj and whose closing comma is at k.
func (d *doc) aroundParenthetical(subj span, k int) []byteRange {
	s := d.sentenceOf(k)
	end := s.last
	for end > k+1 && !d.toks[end-1].isWord() && !d.toks[end-1].isQuote() {
		end--
	}
	start, stop := d.contentStart(s), d.trimBack(subj.s, s.first)
	if stop > start && d.adjunct(span{start, stop}) {
		// "Between 2019 and 2023, she said, they …": an opening adjunct
		// frames the clause after the attribution, which is the content
		return d.rangeOf(k+1, end)
	}
	return append(d.rangeOf(start, stop), d.rangeOf(k+1, end)...)
}

// openingPreps are prepositions the tagger may misread at the start of a
// sentence.
var openingPreps = newSet([]string{"between", "after", "before", "during", "since", "until", "in", "on", "at", "for", "by", "from", "over", "under", "within"})

// adjunct reports whether tokens p are an opening adverbial with no clause
// of its own: "Between 2019 and 2023", "Last year", "In the end".
func (d *doc) adjunct(p span) bool {
	if d.clauseOrQuote(p) {
		return false
	}
	switch t := d.toks[p.s].tag; {
	case t == "IN" || t == "RB" || t == "CD" || openingPreps.has(d.toks[p.s].lower):
		return true
	case t == "JJ" || t == "DT":
		// "Last year", "This week": a time noun closes it
		w := d.toks[p.e-1].lower
		return d.lx.durations.has(w) || d.lx.timeWords.has(w) && w != "this" && w != "that"
	}
	return false
}

// contentBefore returns what precedes "…,” he said": the quotation or
// clause before the speaker. With content after the verb as well, only a
// quotation split by its attribution counts.
func (d *doc) contentBefore(subj span, hasAfter bool) []byteRange {
	s := d.sentenceOf(subj.s)
	if subj.s <= s.first || !d.isSpeechBoundary(subj.s-1) {
		return nil
	}
	start, end := d.contentStart(s), d.trimBack(subj.s, s.first)
	split := d.toks[subj.s-1].isQuote() || subj.s-2 >= s.first && d.toks[subj.s-2].isQuote()
	if end <= start || !d.clauseOrQuote(span{start, end}) || hasAfter && !split || d.titledAdjunct(span{start, end}) || d.participlePhrase(span{start, end}) {
		return nil
	}
	return d.rangeOf(start, end)
}

// titledAdjunct reports whether tokens p are an opening prepositional
// phrase whose only quotation is a title: "In an interview on “Face the
// Nation,” Ortiz said …" frames the speech, it is not its content.
func (d *doc) titledAdjunct(p span) bool {
	if t := d.toks[p.s]; t.tag != "IN" && !openingPreps.has(t.lower) {
		return false
	}
	for i := p.s; i < p.e; i++ {
		if isFinite(d.toks[i].tag) {
			return false
		}
	}
	return true
}

// clauseOrQuote reports whether tokens p hold a quotation or a finite
// verb: content, not an opening adjunct such as "In a letter to employees".
func (d *doc) clauseOrQuote(p span) bool {
	for i := p.s; i < p.e; i++ {
		if d.toks[i].isQuote() || isFinite(d.toks[i].tag) {
			return true
		}
	}
	return false
}

// participleSubject returns who does a participle of saying: the noun
// right before it ("with forecasters warning"), else the subject of the
// last finite verb before its comma ("Boudreau expressed confidence …,
// saying"), else the sentence's subject.
func (d *doc) participleSubject(v int) span {
	s := d.sentenceOf(v)
	if prev := &d.toks[max(v-1, 0)]; v > s.first && strings.HasPrefix(prev.tag, "NN") && !prev.isCap() && !d.lx.timeWords.has(prev.lower) {
		np := d.npEndingAt(v, s.first)
		if k := np.s - 1; d.lx.documents.has(prev.lower) && k > s.first && d.lx.issuing.has(d.toks[k].lower) {
			if subj := d.subjectOf(k); !subj.empty() {
				return subj // "Ortiz issued a statement saying …": Ortiz says it
			}
		}
		return np
	}
	if np := d.npEndingAt(v, s.first); !np.empty() && np.s > s.first && d.toks[np.s-1].lower == "with" {
		return np // "…, with Acme noting that …"
	}
	for k := v - 1; k > s.first; k-- {
		// "Ortiz said the plan was sound, insisting …": the one who said
		if d.lx.speech.has(d.toks[k].lower) && isFinite(d.toks[k].tag) && !d.insideQuote(d.toks[k].start) {
			if subj := d.speakerPhrase(k); !subj.empty() {
				return subj
			}
		}
	}
	for k := v - 1; k > s.first; k-- {
		if isFinite(d.toks[k].tag) && !d.insideQuote(d.toks[k].start) {
			if subj := d.subjectOf(k); !subj.empty() {
				return subj
			}
			break
		}
	}
	return d.mainSubject(d.toks[v].sent)
}

// inverted reports "…,” said Ana Ortiz" and "…, says the report":
// a verb of saying after its content, followed by its speaker and nothing
// more than an appositive or an adjunct.
func (d *doc) inverted(v int) bool {
	s := d.sentenceOf(v)
	if v == s.first || v+1 >= s.last || !d.lx.invertible.has(d.toks[v].lower) {
		return false
	}
	prev := d.toks[v-1].text
	if prev != "," && prev != "”" && prev != `"` && prev != "''" {
		return false
	}
	next := &d.toks[v+1]
	afterQuote := d.toks[v-1].isQuote() || v-2 >= s.first && d.toks[v-2].isQuote()
	np := d.npStartingAt(v+1, s.last)
	if !(next.isCap() || determiners.has(next.lower) || afterQuote && d.namesSomeone(np)) || next.lower == "that" || next.isPronoun() || d.lx.timeWords.has(next.lower) {
		return false
	}
	np.e = d.skipParen(np.e, s.last) // "said Sen. Ana Ortiz (D-Minn.), who …"
	if np.e < s.last && !(d.toks[np.e].text == "," || d.toks[np.e].text == "." || timePreps.has(d.toks[np.e].lower) || d.toks[np.e].lower == "in") &&
		!(afterQuote && speakerPostmodifiers.has(d.toks[np.e].lower)) {
		return false
	}
	return d.clauseOrQuote(span{s.first, v})
}

// negatives are pronouns that name no source.
var negatives = newSet([]string{"nothing", "nobody", "none", "neither"})

// invertedAside reports an inverted attribution set off by commas after an
// opening adjunct, with the content after it: "Above all, said the
// report, the group targeted …".
func (d *doc) invertedAside(v int) bool {
	s := d.sentenceOf(v)
	if v == s.first || v+1 >= s.last || d.toks[v-1].text != "," || !d.lx.invertible.has(d.toks[v].lower) {
		return false
	}
	next := &d.toks[v+1]
	if !(next.isCap() || determiners.has(next.lower)) || next.lower == "that" || next.isPronoun() {
		return false
	}
	np := d.npStartingAt(v+1, s.last)
	if np.empty() || np.e >= s.last || d.toks[np.e].text != "," || d.clauseOrQuote(span{s.first, v}) {
		return false
	}
	return d.finiteBeforeBreak(np.e+1, s.last)
}

// speakerPostmodifiers may follow a speaker named after a quotation:
// "“…,” said Ana Ortiz of the Retail Federation", "…, said Ana Ortiz who
// chairs the panel".
var speakerPostmodifiers = newSet([]string{"of", "who", "whose", "at", "from", "for", "with", "and", "on"})

// skipParen returns the index after a short parenthesis that opens at k,
// such as a party tag ("(D-Minn.)", "(R)"), or k when there is none.
func (d *doc) skipParen(k, hi int) int {
	if k >= hi || d.toks[k].text != "(" {
		return k
	}
	for j := k + 1; j < hi && j <= k+8; j++ {
		if d.toks[j].text == ")" {
			return j + 1
		}
	}
	return k
}

// isSpeechBoundary reports whether token i, just before a speaker, ends
// the content that the speaker said: "…,” he said", "…, Ortiz said".
func (d *doc) isSpeechBoundary(i int) bool {
	switch d.toks[i].text {
	case ",", "”", `"`, "''", ")", "—", ":":
		return true
	}
	return false
}

// contentStart returns where content that precedes its attribution begins:
// the sentence start, or earlier when the sentence sits inside a
// quotation that began in an earlier sentence.
func (d *doc) contentStart(s sentence) int {
	start := s.first
	for _, q := range d.quotes {
		if q.start < d.toks[s.first].start && q.end > d.toks[s.first].start {
			for i := s.first; i > 0 && d.toks[i].start > q.open; i-- {
				start = i - 1
			}
		}
	}
	return start
}

// trimBack returns the end (exclusive) of the content before token k:
// k less the commas, quote marks and dashes that separate it.
func (d *doc) trimBack(k, lo int) int {
	for k > lo && d.isSpeechBoundary(k-1) {
		k--
	}
	return k
}

// contentAfter returns the token span of what the verb at v introduces:
// "said (on Friday) (that) CONTENT", "told Reuters (in November) that CONTENT".
func (d *doc) contentAfter(v int) span {
	s := d.sentenceOf(v)
	j := v + 1
	if d.lx.speechObjects.has(d.toks[v].lower) && j < s.last {
		// "told Reuters (in November) that …", "told a Senate committee
		// Thursday that …": the hearer comes before the content
		if obj := d.npStartingAt(j, s.last); !obj.empty() && (!d.startsClause(j) || d.thatAfter(obj.e, s.last)) {
			j = obj.e
		}
	}
	if j < s.last && d.toks[j].lower == "out" {
		j++ // "pointed out that …"
	}
	j = d.skipAdjuncts(j, s.last)
	if j+1 < s.last && strings.HasPrefix(d.toks[j].tag, "RB") && d.toks[j+1].lower == "that" {
		j++ // "complain bitterly that …"
	}
	direct := false
	for j < s.last && (d.toks[j].lower == "that" || d.toks[j].text == ":" || d.toks[j].text == ",") {
		direct = direct || d.toks[j].text == ":" || d.toks[j].lower == "that"
		j++
	}
	end := s.last
	for end > j && !d.toks[end-1].isWord() && !d.toks[end-1].isQuote() {
		end--
	}
	if end-j < 2 {
		return span{}
	}
	if !direct && (!d.startsClause(j) && !d.clauseSoon(j, end) || d.ownedStatementAt(j, end)) {
		return span{}
	}
	return span{j, d.coordinatedVerbEnd(v, j, d.nextSaying(j, end))}
}

// coordinatedVerbEnd returns where content [j, end) of the verb of saying
// at v ends before a verb coordinated with v rather than with the
// content's own: in "The ministry said it “opposes all such attacks” and
// accused its rivals of …" accused is said's (the same tense) and not
// opposes's.
func (d *doc) coordinatedVerbEnd(v, j, end int) int {
	last := ""
	for k := j; k+1 < end; k++ {
		t := &d.toks[k]
		if isFinite(t.tag) {
			last = t.tag
		}
		if t.lower == "and" && last != "" {
			next := d.toks[k+1].tag
			if next == d.toks[v].tag && isFinite(next) && next != last {
				return d.trimBack(k, j)
			}
		}
	}
	return end
}

// clauseSoon reports whether a finite clause begins at j even though its
// subject is more than a simple noun phrase: "said both Obama and Biden
// have been fair", "said the heat and unsettled weather could last", "said
// if he were president, …". A finite verb must come within a few words,
// before any clause break.
func (d *doc) clauseSoon(j, end int) bool {
	t := &d.toks[j]
	sub := subordinators.has(t.lower)
	if sub {
		j++ // "said if he were president", "asked whether …"
	} else if !(t.tag == "DT" || t.tag == "PDT" || t.isCap() || strings.HasPrefix(t.tag, "JJ") || t.tag == "CD" || quantifiers.has(t.lower) ||
		strings.HasPrefix(t.tag, "RB") || correlatives.has(t.lower)) {
		return false // "said too much is made of it", "said neither she nor her staff knew"
	}
	for k := j; k < end && k <= j+maxSubjectWords; k++ {
		tk := &d.toks[k]
		if tk.text == ";" || tk.text == ":" || tk.text == "," && !sub || d.lx.speech.has(tk.lower) && strings.HasPrefix(tk.tag, "VB") {
			return false
		}
		if isFinite(tk.tag) && k > j {
			return true
		}
	}
	return false
}

// maxSubjectWords bounds how far clauseSoon looks for the verb of a
// content clause.
const maxSubjectWords = 10

// quantifiers may open the subject of a content clause: "said much of
// the money was spent".
var quantifiers = newSet([]string{"much", "many", "most", "more", "few", "all", "both", "each", "every", "none", "several", "some", "any", "no", "half"})

// correlatives open a subject of two parts: "neither A nor B".
var correlatives = newSet([]string{"neither", "either", "both"})

// subordinators open a content clause after a verb of saying.
var subordinators = newSet([]string{"if", "whether", "when", "while", "because", "although", "though", "once", "unless"})

// nextSaying returns where content that starts at j ends: before a verb of
// saying coordinated with the first ("said A, but added that B", "said A,
// adding that B"), which says content of its own, or at end.
func (d *doc) nextSaying(j, end int) int {
	for k := j + 2; k < end; k++ {
		t := &d.toks[k]
		if !d.lx.speech.has(t.lower) || !strings.HasPrefix(t.tag, "VB") || d.insideQuote(t.start) {
			continue
		}
		if t.tag == "VBG" && d.toks[k-1].text == "," {
			return d.trimBack(k, j) // "…, adding"
		}
		if t.tag != "VBG" && d.coordinated(k) {
			return d.trimBack(d.skipBackAdjuncts(k-1, j), j) // "…, but added"
		}
		if t.tag != "VBG" && k-3 >= j && d.toks[k-1].isPronoun() && clauseJoins.has(d.toks[k-2].lower) && d.isSpeechBoundary(k-3) {
			return d.trimBack(k-2, j) // "…, though she noted …": a clause of saying of its own
		}
	}
	return end
}

// thatAfter reports whether "that" or the sentence end follows token k,
// past adjuncts.
func (d *doc) thatAfter(k, hi int) bool {
	k = d.skipAdjuncts(k, hi)
	return k >= hi || d.toks[k].lower == "that" || d.toks[k].text == ":" || d.toks[k].text == "."
}

// skipAdjuncts moves right over time expressions and prepositional phrases
// between a verb and its content: "said on Friday", "said in a statement".
func (d *doc) skipAdjuncts(j, hi int) int {
	for j < hi {
		t := &d.toks[j]
		switch {
		case d.lx.timeWords.has(t.lower) && !(t.lower == "may" || t.lower == "march"):
			j++
		case adjunctPreps.has(t.lower) && d.adjunctPP(j, hi) > j:
			j = d.adjunctPP(j, hi)
		default:
			return j
		}
	}
	return j
}

// adjunctPP returns the end of a prepositional phrase at j that names a
// time, a document, a medium or an occasion ("in a statement", "on
// Twitter", "at a press conference"), or j when there is none.
func (d *doc) adjunctPP(j, hi int) int {
	np := d.npStartingAt(j+1, hi)
	if np.empty() {
		return j
	}
	if np.e < hi && d.lx.occasions.has(d.toks[np.e].lower) {
		np.e++ // "after a private intelligence briefing", tagged as a verb
	}
	head := &d.toks[np.e-1]
	if head.isCap() && np.e+2 < hi && d.toks[np.e].text == "," && d.toks[np.e+1].isCap() && d.toks[np.e+2].text == "," {
		return np.e + 2 // "in Dayton, Ohio, that …"
	}
	if d.lx.timeWords.has(head.lower) || isDigit(head.text) || d.lx.documents.has(head.lower) || head.isCap() ||
		d.lx.occasions.has(head.lower) || d.toks[j].lower == "through" && d.lx.roles.has(head.lower) {
		return np.e
	}
	return j
}

// postmodifierTags start what may follow a subject before its verb: a
// prepositional phrase or a relative clause.
var postmodifierTags = set{"IN": {}, "TO": {}, "WDT": {}, "WP": {}}

var adjunctPreps = newSet([]string{"in", "on", "at", "during", "to", "after", "before", "following", "via", "through"}) // "said through a spokeswoman"

// startsClause reports whether a clause begins at token j: a pronoun,
// determiner or name followed soon by a finite verb, or a quotation.
func (d *doc) startsClause(j int) bool {
	t := &d.toks[j]
	if t.isQuote() || t.lower == "that" {
		return true
	}
	s := d.sentenceOf(j)
	np := d.npStartingAt(j, s.last)
	if t.isPronoun() || t.tag == "EX" {
		np = span{j, j + 1}
	}
	if np.empty() || np.e >= s.last {
		return false
	}
	k := d.skipAppositive(np.e, s.last)
	if k < s.last && d.quoteDir(k) == 1 || k < s.last && d.toks[k].text == "“" {
		return true // "said China “firmly opposes …”"
	}
	for k < s.last && (strings.HasPrefix(d.toks[k].tag, "RB") || d.toks[k].isQuote()) {
		k++
	}
	if k < s.last && (isFinite(d.toks[k].tag) || d.toks[k].tag == "VBN" && k == np.e) {
		return true
	}
	if k < s.last && postmodifierTags.has(d.toks[k].tag) {
		return d.finiteBeforeBreak(k, s.last)
	}
	if k+1 < s.last && d.toks[k].isPronoun() && isFinite(d.toks[k+1].tag) {
		return d.finiteBeforeBreak(k+2, s.last) // "a group it calls RedEcho had targeted"
	}
	return false
}

// finiteBeforeBreak reports whether a finite verb comes after token k
// before a comma or another verb of saying: the subject had modifiers
// ("definitive proof of who conducted an attack would reveal").
func (d *doc) finiteBeforeBreak(k, hi int) bool {
	for ; k < hi && k < len(d.toks); k++ {
		t := &d.toks[k]
		if t.text == "," || t.text == ";" || d.lx.speech.has(t.lower) && t.tag == "VBG" {
			return false
		}
		if isFinite(t.tag) {
			return true
		}
	}
	return false
}

// skipAppositive moves past ", an appositive," at k when a comma closes it
// within a few words: "a unit, dubbed APT31, was".
func (d *doc) skipAppositive(k, hi int) int {
	if k >= hi || d.toks[k].text != "," {
		return k
	}
	relative := k+1 < hi && relatives.has(d.toks[k+1].lower) && d.toks[k+1].lower != "that"
	for j := k + 1; j < hi && j <= k+14; j++ {
		if d.toks[j].text == "," {
			return j + 1
		}
		if isFinite(d.toks[j].tag) && !relative {
			return k // "the suspect, who was arrested in Spain, had" is one subject
		}
	}
	return k
}

func isFinite(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// rangeOf returns the byte range covered by tokens [s, e).
func (d *doc) rangeOf(s, e int) []byteRange {
	if e <= s {
		return nil
	}
	return []byteRange{{d.toks[s].start, d.toks[e-1].end}}
}

// dropNested removes speech events whose cue lies inside the content of
// another: in "X said Washington can say that …" only X speaks.
func dropNested(events []*speech) []*speech {
	var out []*speech
	for _, sp := range events {
		nested := false
		for _, o := range events {
			if o == sp || !o.covers(sp.cueStart()) {
				continue
			}
			// Two events inside each other's content ("The group
			// maintained a network, said Reyes"): the verb after the
			// content is the sentence's attribution, the other is
			// part of what it reports.
			if !sp.covers(o.cueStart()) || o.cueStart() > sp.cueStart() {
				nested = true
			}
		}
		if !nested {
			out = append(out, sp)
		}
	}
	return out
}

func (sp *speech) cueStart() int { return sp.at }

func (sp *speech) covers(off int) bool {
	for _, r := range sp.content {
		if r.s <= off && off < r.e {
			return true
		}
	}
	return false
}
