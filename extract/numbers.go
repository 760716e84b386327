package extract

import (
	"strings"

	"github.com/claimwire/claimwire/extract/number"
	"github.com/claimwire/claimwire/model"
)

// durations are units of time: "24 hours", "more than a decade" are
// durations, not claimed counts.
var durations = newSet([]string{"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "century", "centuries", "time", "times"})

// numberClaims returns the claimed numbers of the article: the number
// parser's expressions that are amounts, each with what it counts.
func (d *doc) numberClaims(p *number.Parser) []model.Claim {
	var out []model.Claim
	for _, m := range p.Find(d.text) {
		if m.Skip != "" || m.Vague || d.notCount(m) {
			continue
		}
		unit, end := m.Unit, m.End
		if unit == "" {
			unit, end = d.countedNoun(m.Next)
		}
		if unit == "" || durations.has(strings.ToLower(unit)) || d.lx.notCounted.has(strings.ToLower(unit)) {
			continue
		}
		c := model.Claim{Kind: model.Number, Value: m.Value, Unit: unit, Qualifier: m.Qualifier, Text: m.Text, Rule: "number", Confidence: 0.8}
		d.evidence(&c, m.Start, end)
		out = append(out, c)
	}
	return out
}

// notCount reports number expressions that count nothing: a number glued
// to its unit as a compound adjective ("the 16-inch MacBook", "a
// 1,900-mile-wide moon"), and "one of the …", which picks one of many.
func (d *doc) notCount(m number.Match) bool {
	if m.End < len(d.text) && d.text[m.End] == '-' {
		return true
	}
	return m.Value == 1 && m.Next > m.End && strings.EqualFold(strings.TrimSpace(m.Text), "one")
}

// countedNoun returns the noun a number counts, found from byte offset
// off: past adjectives and participles ("seven alleged hackers"), past a
// proper name that modifies the noun ("2,500 City of Boston computers"),
// to the last noun of the compound ("two FSB agents" → agents). It also
// returns where the noun ends.
func (d *doc) countedNoun(off int) (string, int) {
	i := d.tokenAt(off)
	if i >= len(d.toks) {
		return "", off
	}
	s := d.sentenceOf(i)
	for i < s.last && i-d.tokenAt(off) < 6 && (modifierTag(d.toks[i].tag) || d.toks[i].lower == "the") {
		i++
	}
	names := i
	for names < s.last && (d.toks[names].isCap() && strings.HasPrefix(d.toks[names].tag, "NNP") ||
		names > i && nameLinks.has(d.toks[names].lower) && names+1 < s.last && d.toks[names+1].isCap()) {
		names++
	}
	if names > i && names < s.last && d.toks[names].lower == "'s" {
		return "", off // "one of China’s strongest backers": counts no noun
	}
	if names > i && names < s.last && strings.HasPrefix(d.toks[names].tag, "NN") && !d.toks[names].isCap() {
		i = names // a name modifying the counted noun
	} else if names == i+1 && (names >= s.last || !strings.HasPrefix(d.toks[names].tag, "NN")) {
		return d.toks[i].text, d.toks[i].end // "six Bitcoin"
	}
	j := i
	for j < s.last && strings.HasPrefix(d.toks[j].tag, "NN") && !d.toks[j].isCap() && d.toks[j].isWord() {
		j++
	}
	if j == i {
		return "", off
	}
	return d.toks[j-1].text, d.toks[j-1].end
}

// modifierTag reports tags of words between a number and its noun:
// adjectives, participles and adverbs ("more than 10 protected computers").
func modifierTag(tag string) bool {
	return strings.HasPrefix(tag, "JJ") || tag == "VBN" || tag == "RB"
}
