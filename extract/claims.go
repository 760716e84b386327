package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/claimwire/claimwire/model"
)

// evidence fills a claim's sentence and offsets for byte range [s, e).
func (d *doc) evidence(c *model.Claim, s, e int) {
	si := d.toks[min(d.tokenAt(s), len(d.toks)-1)].sent
	c.Sentence = d.sentenceText(si)
	c.Start, c.End = s, e
}

func (d *doc) accusationClaims(accs []accusation) []model.Claim {
	var out []model.Claim
	seen := map[[2]string]bool{}
	for _, a := range accs {
		key := [2]string{a.accuser.name, a.accused.name}
		if seen[key] {
			continue
		}
		seen[key] = true
		c := model.Claim{
			Kind: model.Accusation, Accuser: a.accuser.name, AccuserOrg: d.accuserOrg(a.accuser), Accused: a.accused.name,
			Allegation: a.allegation, CAMEO: d.lx.refineCAMEO(a.cameo, a.allegation), Cue: a.cueWord, Rule: a.rule,
			Confidence: d.confidence(a),
		}
		d.accusationEvidence(&c, a)
		out = append(out, c)
	}
	return out
}

// accusationEvidence names the sentences an accusation was read from: the
// cue's, and those naming a party that a pronoun, a description or an
// agentless passive refers back to. Sentences in between are not evidence:
// the sentence text joins the others with an ellipsis, and the offsets
// span them only when they are adjacent, else the cue's sentence alone.
func (d *doc) accusationEvidence(c *model.Claim, a accusation) {
	cue := d.toks[a.cue].sent
	sents := []int{cue}
	for _, p := range []party{a.accuser, a.accused} {
		if !p.span.empty() && p.span.s < len(d.toks) {
			sents = append(sents, d.toks[p.span.s].sent)
		}
	}
	if a.from < a.cue {
		sents = append(sents, d.toks[a.from].sent) // a lent accuser: "X attributed it to A, a group linked to B"
	}
	if a.to > a.cue {
		sents = append(sents, d.toks[a.to].sent)
	}
	slices.Sort(sents)
	sents = slices.Compact(sents)
	c.Sentence = d.sentencesText(sents)
	first, last := d.sents[sents[0]], d.sents[sents[len(sents)-1]]
	if sents[len(sents)-1]-sents[0] != len(sents)-1 {
		first, last = d.sents[cue], d.sents[cue]
	}
	c.Start, c.End = first.start, last.end
}

// Quotes shorter than this many words inside reported speech are scare
// quotes: the reported speech is the claim, not the fragment. A quotation
// is a claim of its own when it has fullQuoteWords words, or minQuoteWords
// and minQuoteShare of its content's; else the whole reported speech is
// ("said that, “of course we will appeal” against the ruling").
const (
	minQuoteWords   = 5
	fullQuoteWords  = 12
	minQuoteShare   = 0.6
	minStrayQuote   = 5
	minContentWords = 3
	minWholeQuote   = 4 // a shorter quotation that is all the content is an answer ("No," she said)
)

// quoteClaims turns speech events and direct quotations into quote claims.
func (d *doc) quoteClaims(events []*speech) []model.Claim {
	var out []model.Claim
	for _, sp := range events {
		out = append(out, d.eventQuotes(sp)...)
	}
	return append(out, d.strayQuotes(events)...)
}

// eventQuotes emits an event's substantial direct quotations, or its
// content as reported speech when it has none.
func (d *doc) eventQuotes(sp *speech) []model.Claim {
	contentWords := 0
	for _, r := range sp.content {
		contentWords += d.wordCount(r.s, r.e)
	}
	var direct []*quoteSpan
	for i := range d.quotes {
		q := &d.quotes[i]
		if sp.overlaps(q) {
			q.used, q.by = true, sp
			n := d.wordCount(q.start, q.end)
			if n >= fullQuoteWords || n >= minQuoteWords && float64(n) >= minQuoteShare*float64(contentWords) ||
				n >= minWholeQuote && d.wholeContent(sp, q) {
				direct = append(direct, q)
			}
		}
	}
	if !sp.speaker.ok() || sp.deny || d.beliefOnly(sp.cue) {
		return nil
	}
	var out []model.Claim
	for _, q := range direct {
		out = append(out, d.quoteClaim(sp, q.start, q.end, true, "quote.direct"))
	}
	for _, r := range sp.content {
		// a part of the content outside every direct quotation is reported
		// speech of its own: "When the rule takes effect, she added, “…”"
		if (len(direct) == 0 || !d.quotedIn(r)) && d.wordCount(r.s, r.e) >= minContentWords {
			out = append(out, d.quoteClaim(sp, r.s, r.e, false, "quote.reported"))
		}
	}
	return out
}

// beliefOnly reports a verb of belief that no verb of saying reports:
// "officials believe …" tells what they believe, not what they said or
// wrote, but "he said he now believes …" is speech.
func (d *doc) beliefOnly(v int) bool {
	if !d.lx.belief.has(d.toks[v].lower) {
		return false
	}
	s := d.sentenceOf(v)
	for k := v - 1; k >= s.first && k >= v-4; k-- {
		if d.lx.speech.has(d.toks[k].lower) && !d.lx.belief.has(d.toks[k].lower) {
			return false
		}
	}
	return true
}

// wholeContent reports whether quotation q is all of one part of the
// event's content: "“…,” the investor said, “that's even worse.”" is a
// quotation of its own, however short, not a scare quote.
func (d *doc) wholeContent(sp *speech, q *quoteSpan) bool {
	for _, r := range sp.content {
		if q.start < r.e && r.s < q.end && (r.s >= q.open || d.wordCount(r.s, q.open) == 0) && (r.e <= q.end || d.wordCount(q.end, r.e) == 0) {
			return true
		}
	}
	return false
}

// quotedIn reports whether a quotation overlaps byte range r.
func (d *doc) quotedIn(r byteRange) bool {
	// the first quotation ending after r.s is the only one that can overlap
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].end > r.s })
	return i < len(d.quotes) && d.quotes[i].open < r.e
}

func (sp *speech) overlaps(q *quoteSpan) bool {
	for _, r := range sp.content {
		if q.start < r.e && r.s < q.end {
			return true
		}
	}
	return false
}

func (d *doc) quoteClaim(sp *speech, s, e int, direct bool, rule string) model.Claim {
	s, e = trimQuote(d.text, s, e)
	if !direct && e > s && d.text[e-1] == '.' {
		e-- // reported speech ends where its sentence does
	}
	c := model.Claim{
		Kind: model.Quote, Speaker: d.quoteSpeaker(sp), SpeakerTitle: sp.speaker.title,
		Quote: d.text[s:e], Direct: direct, Rule: rule,
	}
	if sp.cue >= 0 {
		c.Cue = d.toks[sp.cue].text
	}
	d.evidence(&c, s, e)
	sents := d.quoteSentences(sp, s, e)
	c.Sentence = d.sentencesText(sents)
	c.Confidence = quoteConfidence(rule, sp)
	return c
}

// trimQuote trims spaces, quote marks and trailing commas off [s, e).
func trimQuote(text string, s, e int) (int, int) {
	for s < e {
		if strings.ContainsRune(" \t\n“”\"‘,:", rune(text[s])) {
			s++
		} else if m := leadingMark(text[s:e]); m > 0 {
			s += m
		} else {
			break
		}
	}
	for e > s {
		switch {
		case strings.HasSuffix(text[s:e], "”"):
			e -= len("”")
		case strings.HasSuffix(text[s:e], "''"):
			e -= len("''")
		case strings.ContainsRune(" \t\n\",;:", rune(text[e-1])):
			e--
		default:
			return s, e
		}
	}
	return s, e
}

// leadingMark returns the length of an opening quotation mark at the start
// of s: a typographic one or two apostrophes.
func leadingMark(s string) int {
	for _, m := range []string{"“", "''"} {
		if strings.HasPrefix(s, m) {
			return len(m)
		}
	}
	return 0
}

// strayQuotes attributes quotations that no speech event covers: a quote
// that follows one of a speaker's, in the same or the next paragraph,
// continues it; a long quote in a sentence whose subject is named is the
// subject's.
func (d *doc) strayQuotes(events []*speech) []model.Claim {
	var out []model.Claim
	for i := range d.quotes {
		q := &d.quotes[i]
		if q.used || d.wordCount(q.start, q.end) < 2 {
			continue
		}
		sp := d.previousSpeaker(events, q)
		if sp == nil || !d.opensSentence(q) || d.attributedAfter(q) {
			sp = d.nextSpeaker(i)
		}
		if sp != nil {
			q.used, q.by = true, sp
			out = append(out, d.quoteClaim(sp, q.start, q.end, true, "quote.continued"))
			d.continued = append(d.continued, continuedQuote{sp, q})
			continue
		}
		si := d.toks[d.tokenAt(q.start)].sent
		subj := d.mainSubject(si)
		if subj.empty() || d.wordCount(q.start, q.end) < minStrayQuote || d.toks[subj.s].start >= q.open || d.copulaAfter(subj) {
			continue
		}
		// an unnamed organisation's "quotation" here is mostly a label or a title
		if p := d.resolve(subj); p.ok() && p.kind != entDesc && p.kind != entOrg {
			out = append(out, d.quoteClaim(&speech{cue: -1, speaker: p}, q.start, q.end, true, "quote.subject"))
		}
	}
	return out
}

// attributedAfter reports whether a verb of saying follows the quotation
// in its sentence: "“…,” tweeted Ana Ortiz, who …" has an attribution of its
// own, even one the rules could not read, and continues no one.
func (d *doc) attributedAfter(q *quoteSpan) bool {
	k := d.tokenAt(q.end)
	s := d.sentenceOf(min(k, len(d.toks)-1))
	for i := k; i < s.last && i <= k+5; i++ {
		if d.lx.speech.has(d.toks[i].lower) && !d.insideQuote(d.toks[i].start) {
			return true
		}
	}
	return false
}

// continuedQuote is a quotation attributed by continuation, kept so that
// the accusations inside it can be found.
type continuedQuote struct {
	sp *speech
	q  *quoteSpan
}

// opensSentence reports whether a quotation starts its sentence, past a
// connective at most: "“It’s very difficult …”", "However, “it is not known …”".
func (d *doc) opensSentence(q *quoteSpan) bool {
	open := d.tokenAt(q.open)
	return open-d.sentenceOf(open).first <= 2
}

// copulaAfter reports whether the subject's verb is a form of "be":
// "The lab is a “centre of excellence …”" labels, it does not quote.
func (d *doc) copulaAfter(subj span) bool {
	s := d.sentenceOf(subj.s)
	k := subj.e
	for k < s.last && strings.HasPrefix(d.toks[k].tag, "RB") {
		k++
	}
	return k < s.last && beVerbs.has(d.toks[k].lower)
}

// nextSpeaker returns the speaker of a quotation that runs on into the
// next paragraph, where its attribution comes: "“…¶“…,” she said."
func (d *doc) nextSpeaker(i int) *speech {
	q := &d.quotes[i]
	if q.closed || i+1 >= len(d.quotes) {
		return nil
	}
	next := &d.quotes[i+1]
	if next.para != q.para+1 || next.by == nil || !d.opensSentence(next) {
		return nil
	}
	return next.by
}

// previousSpeaker returns the event a quotation continues: the last event
// before it, if that was in the same or the previous paragraph and had
// quotations or ended its paragraph.
func (d *doc) previousSpeaker(events []*speech, q *quoteSpan) *speech {
	var last *speech
	for _, sp := range events {
		if sp.at < q.start {
			last = sp
		}
	}
	if last == nil || !last.speaker.ok() {
		return nil
	}
	para := d.sents[d.toks[last.cue].sent].para
	for _, c := range d.continued {
		if c.sp == last && c.q.para > para {
			para = c.q.para // a quote that ran on carries its speaker further
		}
	}
	if q.para-para > 1 {
		return nil
	}
	// another sentence with a subject of its own in between breaks the chain
	qs := d.toks[d.tokenAt(q.start)].sent
	for si := d.toks[last.cue].sent + 1; si < qs; si++ {
		if !d.insideQuote(d.sents[si].start) {
			return nil
		}
	}
	return last
}

func (d *doc) insideQuote(off int) bool {
	// quotations are outermost and in order, so only the last one opened
	// at or before off can hold it
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].open > off })
	return i > 0 && off < d.quotes[i-1].end
}

func (d *doc) actorClaims() []model.Claim {
	var out []model.Claim
	seen := map[string]bool{}
	for _, h := range d.actors {
		c := model.Claim{Kind: model.Actor, Label: h.label, Canonical: h.label, Sponsor: h.sponsor, Rule: h.rule, Confidence: 0.9}
		if h.entry != nil && h.entry.actor != nil {
			a := h.entry.actor
			c.Canonical = a.Name
			c.Alias, c.ActorKind, c.ActorSource = h.entry.alias, a.Kind, a.Source
			if a.Galaxy != nil {
				c.GalaxyUUID, c.MISPTag = a.Galaxy.UUID, a.Galaxy.Tag()
			}
			for _, n := range a.Names() {
				if normLabel(n) != normLabel(h.label) {
					c.Aliases = append(c.Aliases, n)
				}
			}
		}
		key := normLabel(c.Canonical)
		if seen[key] {
			continue
		}
		seen[key] = true
		d.evidence(&c, d.toks[h.span.s].start, d.toks[h.span.e-1].end)
		out = append(out, c)
	}
	return out
}

// Confidence of an accusation by how it was found, highest for what is
// most often right: an accusation cue with both parties in its sentence;
// a speaker's statement naming the doer of a wrong; one pair of a list,
// or a statement through a source that is no verb of saying ("X's claim
// that", "X is confident that") or a criticism ("slammed X for"); a
// description as accuser; a party from an earlier sentence, found through
// a pronoun, a description or an agentless passive.
const (
	confDirect   = 0.85
	confComposed = 0.75
	confList     = 0.7
	confIndirect = 0.7
	confDesc     = 0.6
	confCross    = 0.5
)

func (d *doc) confidence(a accusation) float64 {
	switch {
	case d.toks[a.from].sent != d.toks[a.cue].sent || d.toks[a.to].sent != d.toks[a.cue].sent:
		return confCross
	case a.accuser.kind == entDesc:
		return confDesc
	case a.list:
		return confList
	case a.indirect:
		return confIndirect
	case strings.HasPrefix(a.rule, "accuse.") && composedRules.has(a.rule):
		return confComposed
	}
	return confDirect
}

// composedRules find an accusation as a source's statement that a party
// did wrong, rather than from an accusation cue.
var composedRules = newSet([]string{"accuse.did", "accuse.behind", "accuse.work", "accuse.by", "accuse.allegedly"})

// quoteSpeaker names who speaks as the story does when the speaker is
// unnamed people of a state ("White House officials", "Saudi officials"):
// the state is who they speak for, and accusations name it, but the quote
// is theirs.
func (d *doc) quoteSpeaker(sp *speech) string {
	src := sp.source
	for src.s < src.e && strippable.has(d.toks[src.s].lower) {
		src.s++
	}
	if sp.speaker.kind == entCountry && src.e-src.s >= 2 {
		head := d.toks[src.e-1].lower
		if d.lx.roles.has(head) && strings.HasSuffix(head, "s") {
			return d.words(src)
		}
	}
	return sp.speaker.speakerName()
}
