package extract

import (
	"strings"
)

// span is a half-open range of token indices.
type span struct{ s, e int }

func (p span) empty() bool { return p.e <= p.s }

var (
	determiners = newSet([]string{"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some", "another"})
	auxiliaries = newSet([]string{"has", "have", "had", "was", "were", "is", "are", "be", "been", "being", "will", "would", "could", "can", "may", "might", "must", "should", "shall", "did", "does", "do", "not", "n't", "never", "also", "to", "get", "got"})
	pronouns    = newSet([]string{"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"})
	relatives   = newSet([]string{"who", "which", "that", "whom"})
	nameLinks   = newSet([]string{"of", "for", "the", "and", "&", "on", "in", "de", "du", "la", "le", "van", "von", "al", "bin"})
	closedClass = set{"IN": {}, "WRB": {}, "WDT": {}, "WP": {}, "CC": {}, "TO": {}, "MD": {}, "PRP": {}, "EX": {}, "RB": {}, "DT": {}, "UH": {}}
	timePreps   = newSet([]string{"on", "in", "at", "last", "this", "earlier", "late", "early", "during", "since", "by"})
)

// isNoun reports whether token i can be part of a noun phrase.
func (d *doc) isNounish(i int) bool {
	t := &d.toks[i]
	if t.lower == "'s" {
		return true
	}
	if !t.isWord() {
		return t.text == "-" || t.text == "&"
	}
	if d.lx.speech.has(t.lower) && strings.HasPrefix(t.tag, "VB") && !(t.tag == "VBN" && i+1 < len(d.toks) && strings.HasPrefix(d.toks[i+1].tag, "NN")) {
		return false // "said", but not "alleged hackers"
	}
	if d.lx.numberWords.has(t.lower) {
		return true // "Seven alleged hackers", whatever the tagger says
	}
	if closedClass.has(t.tag) && !(t.tag == "DT" && determiners.has(t.lower)) && (!t.isCap() || d.sents[t.sent].first == i) {
		return false // "When Acme …", "However, …"; a capitalised word inside a sentence is a name the tagger missed
	}
	if t.isCap() && !(relatives.has(t.lower) || auxiliaries.has(t.lower)) {
		return true
	}
	switch {
	case strings.HasPrefix(t.tag, "NN"), strings.HasPrefix(t.tag, "JJ"), t.tag == "CD", t.tag == "PRP$",
		(t.tag == "VBN" || t.tag == "VBG" && !d.lx.speech.has(t.lower)) && i+1 < len(d.toks) && strings.HasPrefix(d.toks[i+1].tag, "NN"):
		return !auxiliaries.has(t.lower) && !relatives.has(t.lower)
	case t.tag == "DT":
		return determiners.has(t.lower) || t.lower == "all"
	}
	return false
}

// npEndingAt returns the noun phrase that ends just before token end and
// starts no earlier than lo. Capitalised names may contain linking words
// ("Federal Office for the Protection of the Constitution").
func (d *doc) npEndingAt(end, lo int) span {
	i := end - 1
	for i >= lo {
		t := &d.toks[i]
		switch {
		case d.isNounish(i) && !(t.lower == "that" && i+1 < end):
		case nameLinks.has(t.lower) && i > lo && i+1 < end && d.toks[i+1].isCap() && (d.toks[i-1].isCap() || d.toks[i-1].lower == "the" || d.toks[i-1].lower == "'s") && !d.joinsNames(i):
		case d.abbreviationDot(i) && i+1 < end:
		default:
			return span{i + 1, end}
		}
		i--
	}
	return span{lo, end}
}

// npStartingAt returns the noun phrase that starts at token start and ends
// no later than hi.
func (d *doc) npStartingAt(start, hi int) span {
	i := start
	for i < hi {
		t := &d.toks[i]
		switch {
		case t.isQuote() && i > start && i+1 < hi && d.shortQuoteAt(i, hi):
			// quoted words inside a name: the Chinese “state-sponsored group” APT40
		case i > start && (t.tag == "PRP$" || t.tag == "DT") && d.isNounish(i-1) && !determiners.has(d.toks[i-1].lower):
			return span{start, i} // "told Reuters his review …"
		case d.isNounish(i) && !(relatives.has(t.lower) && i > start):
		case d.abbreviationDot(i) && i > start && i+1 < hi && d.toks[i+1].isCap():
		case nameLinks.has(t.lower) && i > start && i+1 < hi && d.toks[i+1].isCap() && d.toks[i-1].isCap() && !d.joinsNames(i):
		case t.lower == "the" && i > start && i+1 < hi && d.toks[i-1].lower == "of" && d.toks[i+1].isCap():
		default:
			return span{start, i}
		}
		i++
	}
	return span{start, hi}
}

// abbreviationDot reports whether token i is the full stop of an
// abbreviated title or of an initial inside a name: "Sen. Mark Warner",
// "Cmdr. Ana Ortiz", "Mary E. Lovely".
func (d *doc) abbreviationDot(i int) bool {
	return d.toks[i].text == "." && i > 0 && d.toks[i-1].end == d.toks[i].start &&
		(d.lx.abbreviations.has(d.toks[i-1].lower) && d.lx.titles.has(d.toks[i-1].lower) || d.initialDot(i))
}

// initialDot reports whether token i is the full stop of an initial: a
// single capital letter between capitalised words ("Mary E. Lovely",
// "J. Ana Ortiz").
func (d *doc) initialDot(i int) bool {
	if i == 0 || d.toks[i].text != "." {
		return false
	}
	prev := &d.toks[i-1]
	if prev.end != d.toks[i].start || !isInitial(prev.text) {
		return false
	}
	return i+1 < len(d.toks) && d.toks[i+1].sent == d.toks[i].sent && d.toks[i+1].isCap()
}

// isInitial reports a single capital letter or a run of dotted ones
// ("E", "G.K").
func isInitial(s string) bool {
	for i, r := range s {
		if i%2 == 0 && !(r >= 'A' && r <= 'Z') || i%2 == 1 && r != '.' {
			return false
		}
	}
	return len(s)%2 == 1
}

// shortQuoteAt reports whether the quote mark at i opens or closes a
// quotation of a few words: a label inside a phrase, not a quotation.
func (d *doc) shortQuoteAt(i, hi int) bool {
	if d.quoteDir(i) == -1 {
		return true // closing a short quotation the phrase already holds
	}
	for j := i + 1; j < hi && j <= i+4; j++ {
		if d.toks[j].isQuote() {
			return true
		}
	}
	return false
}

// joinsNames reports whether the linking word at i stands between two
// separate names, as "and" in "Britain and the US" does.
func (d *doc) joinsNames(i int) bool {
	if next := &d.toks[i+1]; d.lx.timeWords.has(next.lower) || isDigit(next.text) {
		return true // "Beijing on Tuesday"
	}
	if d.toks[i].lower != "and" && d.toks[i].lower != "&" && d.toks[i].lower != "or" {
		return false
	}
	return d.toks[i+1].ent == 1 || d.toks[i-1].ent != 0 || d.toks[i+1].sent == d.toks[i].sent && d.personPair(i)
}

// personPair reports "Ivan Petrov and Oleg Sokolov": names of two
// or more words on both sides of "and".
func (d *doc) personPair(i int) bool {
	return i >= 2 && i+2 < len(d.toks) && d.toks[i-2].isCap() && d.toks[i+2].isCap() && !d.lx.orgWords.has(d.toks[i-1].lower) && !d.lx.orgWords.has(d.toks[i+2].lower)
}

// listAfter extends a noun phrase with its coordinated siblings:
// "the United States, United Kingdom and New Zealand". Only names are
// joined, so that "Ukraine, and accused" does not run on.
func (d *doc) listAfter(first span, hi int) []span {
	out := []span{first}
	i := first.e
	for i < hi {
		j := i
		if d.toks[j].text == "," {
			j++
		}
		if j < hi && (d.toks[j].lower == "and" || d.toks[j].lower == "or") {
			j++
		}
		if j < hi && j+1 < hi && determiners.has(d.toks[j].lower) && d.toks[j+1].isCap() && j > i {
			j++ // "criminal hackers and the Russian Federal Security Agency"
		}
		if j == i || j >= hi || !d.toks[j].isCap() {
			break
		}
		next := d.npStartingAt(j, hi)
		if next.empty() {
			break
		}
		out = append(out, next)
		i = next.e
	}
	return out
}

// sentenceOf returns the sentence that holds token i.
func (d *doc) sentenceOf(i int) sentence { return d.sents[d.toks[i].sent] }

// skipBackAdjuncts moves left from token j (inclusive) over auxiliaries,
// adverbs and time expressions that stand between a subject and its verb:
// "Beijing on Tuesday insisted", "officials have also previously linked".
func (d *doc) skipBackAdjuncts(j, lo int) int {
	for j >= lo {
		t := &d.toks[j]
		switch {
		case auxiliaries.has(t.lower) || strings.HasPrefix(t.tag, "RB") && !t.isCap():
			j--
		case d.lx.timeWords.has(t.lower) || isDigit(t.text) && len(t.text) <= 4:
			k := j
			for k > lo && (d.lx.timeWords.has(d.toks[k-1].lower) || isDigit(d.toks[k-1].text) || d.toks[k-1].text == ",") {
				k--
			}
			if k > lo && timePreps.has(d.toks[k-1].lower) {
				k--
			}
			if k > lo && d.toks[k-1].tag == "VBN" {
				k-- // "a report … released Friday accused"
			}
			j = k - 1
		default:
			return j
		}
	}
	return j
}

// subjectOf finds the subject of the verb at token v: the noun phrase
// before it, past adjuncts, parenthesised acronyms and appositives
// ("Ana Ortiz, director of research at Mandiant, told").
func (d *doc) subjectOf(v int) span {
	s := d.sentenceOf(v)
	j := d.skipBackAdjuncts(v-1, s.first)
	for range 4 {
		if j < s.first {
			return span{}
		}
		if d.toks[j].text == ")" {
			if k := d.openParen(j, s.first); k > s.first {
				j = k - 1
			}
		}
		if d.toks[j].text == "!" && j > s.first && d.toks[j-1].isCap() {
			j-- // "Forward Now!"
		}
		viaAppositive := false
		if d.isDash(j) || d.toks[j].text == "," {
			k := d.appositiveStart(j, s.first)
			if k <= s.first {
				return span{}
			}
			j, viaAppositive = k-1, true
			if d.toks[j].text == "." && j > s.first && d.toks[j-1].end == d.toks[j].start {
				j--
			}
		}
		if j < s.first || !d.isNounish(j) && !d.toks[j].isPronoun() && !relatives.has(d.toks[j].lower) {
			return span{}
		}
		if d.toks[j].isPronoun() && j-1 > s.first && d.toks[j-1].tag == "IN" && d.isNounish(j-2) && d.npEndingAt(j-1, s.first).s == s.first {
			j -= 2 // "Nothing in it suggests": the pronoun is the object of "in"
			continue
		}
		if d.toks[j].isPronoun() || relatives.has(d.toks[j].lower) {
			return span{j, j + 1}
		}
		np := d.npEndingAt(j+1, s.first)
		// "APT 28, a group tied to the GRU, the Russian …, was": an NP
		// after a preposition, reached past an appositive, sits inside
		// another appositive; its subject is before the comma opening it
		if p := np.s - 1; viaAppositive && p > s.first && (d.toks[p].tag == "IN" || d.toks[p].tag == "TO") && d.commaBefore(p, s.first) > s.first {
			j = d.commaBefore(p, s.first) - 1
			continue
		}
		np = d.withPostmodifier(np, s.first)
		if viaAppositive && np.e-np.s <= 2 && np.s-1 > s.first && d.toks[np.s-1].text == "," {
			if name := d.npEndingAt(np.s-1, s.first); name.e-name.s >= 2 && d.capitalised(name.e-1) && d.capitalised(name.e-2) {
				return name // "Mark Warner, D-Va., the chairman of …"
			}
		}
		if r := d.relativeBefore(np, s.first); r > s.first {
			return d.npEndingAt(r, s.first) // "consumers who sought help … reported"
		}
		if r := d.reducedRelativeBefore(np, s.first); r > s.first {
			if head := d.npEndingAt(r, s.first); !head.empty() {
				return head // "a report drawn up by the three firms reveals"
			}
		}
		return np
	}
	return span{}
}

// reducedRelativeBefore returns the index of the past participle that
// opens a reduced relative clause ending with np ("drawn up by the three
// firms", "involved in exposing the campaign") when a noun stands before
// it, or -1.
func (d *doc) reducedRelativeBefore(np span, lo int) int {
	p := np.s - 1
	if p > lo && d.toks[p].tag == "VBG" {
		p-- // "in exposing the campaign"
	}
	if p <= lo || d.toks[p].tag != "IN" || d.toks[p].lower == "that" {
		return -1
	}
	p--
	if p > lo && d.toks[p].tag == "RP" {
		p-- // "drawn up by"
	}
	if p <= lo || d.toks[p].tag != "VBN" || !strings.HasPrefix(d.toks[p-1].tag, "NN") {
		return -1
	}
	return p
}

// relativeBefore returns the index of the relative pronoun whose clause
// has np as its object ("who sought help on launch day"), or -1.
func (d *doc) relativeBefore(np span, lo int) int {
	p := np.s - 1
	if p <= lo || !strings.HasPrefix(d.toks[p].tag, "VB") {
		return -1
	}
	for k := p - 1; k > lo && k >= p-4; k-- {
		if relatives.has(d.toks[k].lower) && d.toks[k].lower != "that" {
			return k
		}
	}
	return -1
}

// commaBefore returns the index of the last comma or dash before i in the
// sentence, or -1.
func (d *doc) commaBefore(i, lo int) int {
	for k := i - 1; k >= lo; k-- {
		if d.toks[k].text == "," || d.isDash(k) {
			return k
		}
		if d.toks[k].isQuote() {
			return -1
		}
	}
	return -1
}

func (d *doc) isDash(i int) bool { return d.toks[i].text == "—" || d.toks[i].text == "–" }

// withPostmodifier extends a subject leftwards over the noun it modifies:
// in "A declassified intelligence report on the Russian hacking" the
// subject is the report, not the hacking.
func (d *doc) withPostmodifier(np span, lo int) span {
	for range 2 {
		p := np.s - 1
		if p <= lo || !postPreps.has(d.toks[p].lower) || !strings.HasPrefix(d.toks[p-1].tag, "NN") || d.capitalised(p-1) && !d.toks[np.s].isCap() {
			return np
		}
		head := d.npEndingAt(p, lo)
		if head.empty() || d.capitalised(head.e-1) && d.toks[p].lower != "of" && d.toks[p].lower != "for" {
			return np
		}
		np.s = head.s
	}
	return np
}

var postPreps = newSet([]string{"on", "of", "about", "into", "from", "at", "in", "for", "inside", "within", "to"})

// openParen returns the index of the "(" matching the ")" at j.
func (d *doc) openParen(j, lo int) int {
	for k := j - 1; k >= lo && j-k <= 8; k-- {
		if d.toks[k].text == "(" {
			return k
		}
	}
	return -1
}

// appositiveStart returns the index of the comma or dash that opens the
// appositive closed at j, or -1 when the words before j are not one.
func (d *doc) appositiveStart(j, lo int) int {
	closer := d.toks[j].text
	for k := j - 1; k >= lo; k-- {
		t := d.toks[k].text
		if t == closer || closer != "," && (t == "—" || t == "–") {
			before := k - 1
			if before > lo && d.toks[before].text == "." && d.toks[before-1].end == d.toks[before].start {
				before-- // "D-Va., the chairman"
			}
			if k+1 < j && d.looksAppositive(k+1, j) && before >= lo && d.isNounish(before) {
				return k
			}
			return -1
		}
		if d.toks[k].isQuote() && !d.shortQuoteAt(k, j) || t == ";" {
			return -1 // a quotation is not an appositive; a quoted nickname may be in one
		}
	}
	return -1
}

// looksAppositive reports whether tokens [s, e) describe the noun before
// them: "director of research at Flashpoint", "a research fellow", "28".
func (d *doc) looksAppositive(s, e int) bool {
	t := &d.toks[s]
	if isDigit(t.text) && e-s <= 2 {
		return true // an age
	}
	if determiners.has(t.lower) || d.lx.titles.has(t.lower) || d.lx.roles.has(t.lower) || t.tag == "VBN" || t.tag == "VBG" || relatives.has(t.lower) && t.lower != "that" {
		return true // "a research fellow", "director of research", "dubbed APT31"
	}
	for i := s; i < e; i++ {
		if strings.HasPrefix(d.toks[i].tag, "VB") && !strings.HasSuffix(d.toks[i].tag, "N") && !strings.HasSuffix(d.toks[i].tag, "G") {
			return false
		}
	}
	if t.tag == "IN" || strings.HasPrefix(t.tag, "RB") {
		return true // a parenthesis: "Smith, in a statement, said", "The agency, however, said"
	}
	return t.isCap() && e-s <= 6 || strings.HasPrefix(t.tag, "NN") || strings.HasPrefix(t.tag, "JJ")
}

// objectOf returns the noun phrase after the verb at v, skipping adverbs.
func (d *doc) objectOf(v int) span {
	s := d.sentenceOf(v)
	j := v + 1
	for j < s.last && (strings.HasPrefix(d.toks[j].tag, "RB") && !d.toks[j].isCap() || d.toks[j].lower == "publicly") {
		j++
	}
	return d.phraseAt(j, s.last)
}

// mainSubject returns the subject of the sentence's first clause, past
// opening adjuncts ("In 2007, Estonia …", "And in October, Britain's …").
func (d *doc) mainSubject(si int) span {
	s := d.sents[si]
	i := s.first
	for i < s.last && (d.toks[i].lower == "and" || d.toks[i].lower == "but" || d.toks[i].lower == "however" || d.toks[i].text == ",") {
		i++
	}
	i = d.afterDateline(i, s.last)
	if comma := d.findWord(i, min(s.last, i+12), ","); comma > i && d.openingAdjunct(span{i, comma}) {
		i = comma + 1
		for i < s.last && d.toks[i].isQuote() {
			i++ // "On the “Morning Show,” Ortiz said"
		}
	}
	return d.phraseAt(i, s.last)
}

// afterDateline returns where the sentence goes on past a dateline that
// opens it at token i, "SPRINGFIELD, Ill. — The council voted …", "SPRINGFIELD —
// Sen. Ana Ortiz said …", "DAYTON, Ohio (Reuters) - …", "Dayton (AP)
// — …": a place in capitals, or any place with the news agency in
// brackets, then a dash, before any word in lower case. Otherwise it
// returns i. Datelines open the first paragraphs only.
func (d *doc) afterDateline(i, hi int) int {
	if i >= hi || d.sents[d.toks[i].sent].para > 2 {
		return i
	}
	t := &d.toks[i]
	caps := len(t.text) >= 3 && strings.ToUpper(t.text) == t.text && strings.ToLower(t.text) != t.text
	for k := i + 1; k < hi && k <= i+10; k++ {
		u := &d.toks[k]
		if d.isDash(k) || u.text == "-" || u.text == "--" {
			if caps || d.toks[k-1].text == ")" {
				return k + 1
			}
			return i
		}
		if u.isWord() && !u.isCap() {
			return i
		}
	}
	return i
}

// phraseAt returns the pronoun or noun phrase that starts at token i.
func (d *doc) phraseAt(i, hi int) span {
	if i >= hi {
		return span{}
	}
	if d.toks[i].isPronoun() {
		return span{i, i + 1}
	}
	return d.npStartingAt(i, hi)
}

// openingAdjunct reports whether tokens p, before the first comma of a
// sentence, are an adverbial rather than the subject: "Today", "In 2007",
// "While the ministry did not know if that data was taken".
func (d *doc) openingAdjunct(p span) bool {
	t := &d.toks[p.s]
	if timePreps.has(t.lower) || t.tag == "IN" || t.tag == "RB" || t.tag == "WRB" {
		return true
	}
	if t.tag == "VBG" || t.tag == "VBN" {
		return d.participlePhrase(p) // "Speaking Sunday on the radio, Ortiz said"
	}
	for i := p.s; i < p.e; i++ {
		if !d.lx.timeWords.has(d.toks[i].lower) && !isDigit(d.toks[i].text) {
			return false
		}
	}
	return true
}

// participlePhrase reports a phrase that opens with a participle and has
// no finite verb: "Speaking Sunday on the radio", "Asked about the plan".
func (d *doc) participlePhrase(p span) bool {
	if p.empty() || d.toks[p.s].tag != "VBG" && d.toks[p.s].tag != "VBN" {
		return false
	}
	for i := p.s + 1; i < p.e; i++ {
		if isFinite(d.toks[i].tag) {
			return false
		}
	}
	return true
}

// words returns the text of tokens [s, e) as written.
func (d *doc) words(p span) string {
	if p.empty() {
		return ""
	}
	return d.text[d.toks[p.s].start:d.toks[p.e-1].end]
}

// capitalised reports whether token i is capitalised as a name is: the
// first word of a sentence counts only when tagged a proper noun.
func (d *doc) capitalised(i int) bool {
	t := &d.toks[i]
	if !t.isCap() {
		return false
	}
	if d.sents[t.sent].first != i || strings.HasPrefix(t.tag, "NNP") {
		return true
	}
	// an untagged sentence opening with a given name: "Ana Ortiz spoke"
	return d.lx.nameSex[t.lower] != genderUnknown && i+1 < len(d.toks) && d.toks[i+1].sent == t.sent && d.toks[i+1].isCap()
}
