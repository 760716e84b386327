package extract

import (
	"math"
	"slices"
	"strings"
)

// quoteSentences returns, in order, the sentences a quote's evidence must
// name: those holding the quotation, the one holding its cue and the one
// naming its speaker when a pronoun or a description ("she", "the
// agency") refers back to it.
func (d *doc) quoteSentences(sp *speech, start, end int) []int {
	var sents []int
	// every sentence the quote runs through: a long one cut in pieces
	// may break inside a quotation
	for si := d.toks[min(d.tokenAt(start), len(d.toks)-1)].sent; si < len(d.sents) && (len(sents) == 0 || d.sents[si].start < end); si++ {
		sents = append(sents, si)
	}
	if sp.cue >= 0 {
		sents = append(sents, d.toks[sp.cue].sent)
	}
	if p := sp.speaker.span; !p.empty() && p.s < len(d.toks) {
		sents = append(sents, d.toks[p.s].sent)
	}
	slices.Sort(sents)
	return slices.Compact(sents)
}

// sentencesText joins sentences for a claim's evidence: adjacent ones as
// the text runs, others with an ellipsis between them.
func (d *doc) sentencesText(sents []int) string {
	var b strings.Builder
	for i, si := range sents {
		switch {
		case i == 0:
		case si == sents[i-1]+1:
			b.WriteString(d.text[d.sents[sents[i-1]].end:d.sents[si].start])
		default:
			b.WriteString(" … ")
		}
		b.WriteString(d.sentenceText(si))
	}
	return b.String()
}

// quoteConfidence says how often quotes found this way are right, by the
// rule that found them and the kind of speaker. Speakers found across
// sentences ("she said" after a sentence naming her, a quotation carried
// on from the last speaker) were right as often as others on the
// development sets, so the evidence, which then names both sentences,
// tells them apart, not the confidence.
func quoteConfidence(rule string, sp *speech) float64 {
	c := ruleConfidence[rule] - kindDoubt[sp.speaker.kind]
	if sp.speaker.kind == entCountry && rule != "quote.direct" {
		c -= 0.2 // "China said": more often a stance than words said
	}
	return math.Round(c*100) / 100 // 0.81, not 0.8099999999999999
}

// ruleConfidence is the precision of each way of finding a quote on the
// development sets (direct 0.97, carried on to a later quotation 0.96,
// reported 0.87, a quotation given to its sentence's subject 0.70).
var ruleConfidence = map[string]float64{
	"quote.direct": 0.95, "quote.continued": 0.93, "quote.reported": 0.86, "quote.subject": 0.65,
}

// kindDoubt lowers the confidence of speakers that are not named people:
// descriptions and organisations are more often the wrong speaker.
var kindDoubt = map[entKind]float64{entDesc: 0.05, entOrg: 0.04, entParty: 0.06, entCountry: 0.1, entActor: 0.3}
