package extract

import (
	"slices"
	"strings"

	"github.com/claimwire/claimwire/model"
)

// denial is one party rejecting what it is accused of: "China denied the
// accusations", "Moscow dismissed the allegations as baseless".
type denial struct {
	denier party
	ids    []string // the names that may stand as the accused: the denier's, its state's, its organisation's
	cue    int
	end    int // the token after the object
	rule   string
}

// maxDenialObject bounds how far the object of a deny verb is looked for
// and how much of it a claim quotes.
const maxDenialObject = 24

// clauseOpeners are the words after "deny" that open a clause or a
// gerund phrase: "denied it was behind", "denies any link", "denied ever
// hacking".
var clauseOpeners = newSet([]string{"that", "any", "having", "being", "ever"})

// deniedObjects receive what is denied rather than open a clause:
// "denied him entry".
var deniedObjects = newSet([]string{"him", "her", "them", "us", "me", "you"})

// findDenials returns the denials of sentence si; events are its speech
// events, whose speakers are the "we" of what they say.
func (d *doc) findDenials(si int, events []*speech) []denial {
	s := d.sents[si]
	var out []denial
	for v := s.first; v < s.last; v++ {
		if !d.lx.deny.has(d.toks[v].lower) || !strings.HasPrefix(d.toks[v].tag, "VB") || d.negated(v) || d.passive(v) {
			continue
		}
		end, rule := d.denialObject(v)
		if rule == "" {
			continue
		}
		p := d.denierOf(v, events)
		if !p.ok() || p.kind == entDesc && !d.named(p.span) {
			continue
		}
		out = append(out, denial{denier: p, ids: d.denierIDs(p), cue: v, end: end, rule: rule})
	}
	return out
}

// named reports whether a phrase holds a capitalised word: "the Clinton
// campaign" names who denies, "officials" does not.
func (d *doc) named(p span) bool {
	for i := p.s; i < p.e; i++ {
		if d.toks[i].isCap() && i > d.sentenceOf(i).first {
			return true
		}
	}
	return false
}

// negated reports whether "not" or "never" stands just before the verb
// at v: "did not deny", "never disputed".
func (d *doc) negated(v int) bool {
	s := d.sentenceOf(v)
	return v > s.first && negations.has(d.toks[v-1].lower) || v > s.first+1 && negations.has(d.toks[v-2].lower)
}

// denialObject returns where the object of the deny verb at v ends and the
// rule that makes it a denial of an accusation, or "" when it is none:
// "denied entry", "rejected the offer".
func (d *doc) denialObject(v int) (int, string) {
	s := d.sentenceOf(v)
	end := v + 1
	for end < s.last && end <= v+maxDenialObject && !strings.Contains(".;", d.toks[end].text) {
		if d.toks[end].text == "," && end > v+1 || d.toks[end].lower == "but" ||
			d.toks[end].lower == "and" && d.lx.denialObjects.has(d.toks[end-1].lower) {
			break // "denies any wrongdoing and points out …"
		}
		end++
	}
	if end == v+1 {
		return end, ""
	}
	for i := v + 1; i < end && i <= v+8; i++ {
		if d.lx.denialObjects.has(d.toks[i].lower) {
			return end, "denial.object"
		}
	}
	next := &d.toks[v+1]
	if d.lx.denyClause.has(d.toks[v].lower) && (clauseOpeners.has(next.lower) || next.tag == "VBG" || next.tag == "PRP" && !deniedObjects.has(next.lower)) {
		return end, "denial.clause"
	}
	return end, ""
}

// denierOf returns who denies at v: the verb's subject, or the speaker
// when the subject is the "we" of a quotation.
func (d *doc) denierOf(v int, events []*speech) party {
	subj := d.speakerPhrase(v)
	if subj.empty() {
		return party{}
	}
	if subj.e-subj.s == 1 && firstPerson.has(d.toks[subj.s].lower) {
		for _, sp := range events {
			if sp.covers(d.toks[v].start) {
				return sp.speaker
			}
		}
		return party{}
	}
	if k := d.possessive(subj); k > subj.s {
		// "Iran's mission to the United Nations" speaks for Iran
		if owner := d.resolve(span{subj.s, k}); owner.kind == entCountry || owner.kind == entParty {
			return owner
		}
	}
	return d.resolve(subj)
}

// denierIDs returns the names under which a denier may have been accused:
// its own, and for a person the state or organisation they speak for.
func (d *doc) denierIDs(p party) []string {
	ids := []string{p.name}
	for _, n := range []string{p.country, d.accuserOrg(p), p.org} {
		if n != "" && !slices.Contains(ids, n) {
			ids = append(ids, n)
		}
	}
	return ids
}

// denialClaims adds the claims of the denials to claims, which are in
// text order, and links each to the accusation it answers: the last one
// before it whose accused is the denier, or else the first after it.
func (d *doc) denialClaims(claims []model.Claim, dens []denial) []model.Claim {
	sponsors := map[string]string{} // actor → the state the article ties it to
	for _, c := range claims {
		if c.Kind == model.Actor && c.Sponsor != "" {
			sponsors[c.Label], sponsors[c.Canonical] = c.Sponsor, c.Sponsor
		}
	}
	for _, dn := range dens {
		c := model.Claim{
			Kind: model.Denial, Denier: dn.denier.speakerName(), Cue: d.toks[dn.cue].text, Rule: dn.rule,
			Denied: d.text[d.toks[dn.cue+1].start:d.toks[dn.end-1].end], Confidence: 0.8,
		}
		if dn.rule == "denial.clause" {
			c.Confidence = 0.7
		}
		d.evidence(&c, d.toks[dn.cue].start, d.toks[dn.end-1].end)
		if a := answered(claims, dn.ids, sponsors, c.Start); a >= 0 {
			c.Accuser, c.Accused = claims[a].Accuser, claims[a].Accused
		}
		claims = append(claims, c)
	}
	slices.SortStableFunc(claims, func(a, b model.Claim) int { return a.Start - b.Start })
	numberAnswers(claims)
	return claims
}

// answered returns the index of the accusation a denial at offset at
// answers, or -1: one whose accused is the denier, or an actor the
// article ties to the denier's state.
func answered(claims []model.Claim, ids []string, sponsors map[string]string, at int) int {
	best := -1
	for i, c := range claims {
		denier := func(id string) bool {
			return strings.EqualFold(id, c.Accused) || strings.EqualFold(id, sponsors[c.Accused])
		}
		if c.Kind != model.Accusation || !slices.ContainsFunc(ids, denier) {
			continue
		}
		if c.Start <= at || best < 0 {
			best = i
		}
		if c.Start > at {
			break
		}
	}
	return best
}

// numberAnswers sets each linked denial's Answers to the position, from 1,
// of the first accusation with its parties: the sequence the store gives it.
func numberAnswers(claims []model.Claim) {
	for i := range claims {
		c := &claims[i]
		if c.Kind != model.Denial || c.Accused == "" {
			continue
		}
		c.Answers = 1 + slices.IndexFunc(claims, func(a model.Claim) bool {
			return a.Kind == model.Accusation && a.Accuser == c.Accuser && a.Accused == c.Accused
		})
	}
}
