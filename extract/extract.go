// Package extract finds checkable claims in the text of a news article:
// accusations (who blames whom), threat-actor labels, quotes (who said
// what) and claimed numbers. It is rules plus prose's part-of-speech
// tagger and entity recogniser; the rules (cue words, gazetteers,
// patterns) are data from package rules.
package extract

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/claimwire/claimwire/extract/number"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
)

// MaxText bounds the article text Extract accepts: 1 MiB is far more than
// any news story and keeps one hostile page from stalling a batch.
const MaxText = 1 << 20

// Extractor finds claims in article text. It is safe for concurrent use.
type Extractor struct {
	lx      *lexicon
	numbers *number.Parser
}

// New compiles a rule set into an Extractor.
func New(rs *rules.Set) (*Extractor, error) {
	if rs == nil {
		return nil, fmt.Errorf("extract: no rules")
	}
	if err := checkFrames(rs.Cues.Accuse); err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	np, err := number.New(rs.Numbers)
	if err != nil {
		return nil, fmt.Errorf("extract: number rules: %w", err)
	}
	return &Extractor{lx: newLexicon(rs), numbers: np}, nil
}

// Extract returns the claims of one article's plain text, each with its
// sentence and byte offsets into text, within the bounds of bound.go;
// ExtractNoted also says which bounds were hit.
func (e *Extractor) Extract(ctx context.Context, text string) ([]model.Claim, error) {
	claims, _, err := e.ExtractNoted(ctx, text)
	return claims, err
}

// extract finds the claims of text in text order. Once it has found
// MaxClaims claims and speech events it reads no further sentences: it
// returns the byte offset where it stopped (len(text) if it read all).
func (e *Extractor) extract(ctx context.Context, text string) (*doc, []model.Claim, int, error) {
	d, err := e.analyse(text)
	if err != nil {
		return nil, nil, 0, err
	}
	var claims []model.Claim
	var events []*speech
	var dens []denial
	stop := len(text)
	for si := range d.sents {
		if err := ctx.Err(); err != nil {
			return nil, nil, 0, err
		}
		if len(claims)+len(events)+d.quotesBefore(d.sents[si].start) >= MaxClaims {
			stop = d.sents[si].start
			d.quotes = d.quotes[:d.quotesBefore(stop)] // each may become a claim
			break
		}
		d.rememberSubject(si)
		sentEvents := d.findSpeech(si)
		accs := d.findAccusations(si, sentEvents)
		claims = append(claims, d.accusationClaims(accs)...)
		dens = append(dens, d.findDenials(si, sentEvents)...)
		d.rememberSentence(si, sentEvents, accs)
		events = append(events, sentEvents...)
	}
	claims = append(claims, d.quoteClaims(events)...)
	for _, c := range d.continued {
		accs := d.contentAccusations(c.sp.speaker, []byteRange{{c.q.start, c.q.end}})
		claims = append(claims, d.accusationClaims(accs)...)
	}
	claims = append(claims, d.actorClaims()...)
	claims = append(claims, d.numberClaims(e.numbers, stop)...)
	slices.SortStableFunc(claims, func(a, b model.Claim) int { return a.Start - b.Start })
	return d, d.denialClaims(claims, dens), stop, nil
}

// analyse cuts text into sentences and tokens, tags them and finds what
// the rules build on: gazetteer names, acronyms, quotations and actors.
func (e *Extractor) analyse(text string) (*doc, error) {
	if len(text) > MaxText {
		return nil, fmt.Errorf("extract: text is %d bytes, more than the %d allowed", len(text), MaxText)
	}
	if !utf8.ValidString(text) {
		// offsets must point into the text as stored; callers convert first
		return nil, errors.New("extract: text is not valid UTF-8")
	}
	d := e.newDoc(text)
	d.tagAll()
	d.markEntities()
	d.findAcronyms()
	d.quotes = d.findQuotes()
	d.actors = d.findActors()
	return d, nil
}

// rememberSentence records the sentence's subject and people for later
// pronouns, and who last spoke with authority.
func (d *doc) rememberSentence(si int, events []*speech, accs []accusation) {
	for _, a := range accs {
		d.authority, d.authoritySent = a.accuser, si
	}
	for _, sp := range events {
		if sp.speaker.kind != entPerson && sp.speaker.kind != entDesc && sp.speaker.ok() {
			d.authority, d.authoritySent = sp.speaker, si
		}
	}
}

// rememberSubject records the subject of sentence si before its claims
// are read, so that "it" later in the sentence can refer to it.
func (d *doc) rememberSubject(si int) {
	if subj := d.mainSubject(si); !subj.empty() {
		d.remember(d.resolve(subj), subj.s, true)
	}
	s := d.sents[si]
	d.noNER = true // names only remembered for pronouns need not pay for the entity model
	for _, p := range d.namedIn(span{s.first, s.last}) {
		d.remember(p, p.span.s, false)
	}
	d.noNER = false
	d.noteDeaths(si)
	d.sortMentions()
}

// sortMentions sorts the mentions by token, stably. Those sorted before
// stay in order, so only the ones after the earliest new one are sorted:
// an article of thousands of sentences does not sort them all each time.
func (d *doc) sortMentions() {
	byTok := func(a, b mention) int { return a.tok - b.tok }
	fresh := d.mentions[min(d.sorted, len(d.mentions)):]
	slices.SortStableFunc(fresh, byTok)
	if len(fresh) > 0 {
		p, _ := slices.BinarySearchFunc(d.mentions[:len(d.mentions)-len(fresh)], fresh[0].tok+1, func(m mention, tok int) int { return m.tok - tok })
		slices.SortStableFunc(d.mentions[p:], byTok)
	}
	d.sorted = len(d.mentions)
}

// findAcronyms remembers names introduced with an acronym in brackets:
// "The National Cyber Security Centre (NCSC)".
func (d *doc) findAcronyms() {
	for i := 1; i+2 < len(d.toks); i++ {
		if d.toks[i].text != "(" || d.toks[i+2].text != ")" && !(d.toks[i+1].lower == "or" && i+3 < len(d.toks) && d.toks[i+3].text == ")") {
			continue
		}
		acr := d.toks[i+1]
		if acr.lower == "or" {
			acr = d.toks[i+2]
		}
		if !isAllCaps(acr.text) && !(acr.isCap() && len(acr.text) <= 5) {
			continue
		}
		s := d.sentenceOf(i)
		np := d.spelledBy(acr.text, d.npEndingAt(i, s.first), s.first)
		if org := d.orgName(np); !org.empty() {
			d.acronyms[acr.text] = d.words(org)
		} else if p := d.resolve(np); p.ok() && p.kind != entDesc {
			d.acronyms[acr.text] = p.name
		}
	}
}

// spelledBy widens np to the left over capitalised words and name links
// ("and", "for", "of", "in") when the wider name is the one the acronym
// spells: "Organization for Security and Co-operation in Europe (OSCE)".
func (d *doc) spelledBy(acr string, np span, lo int) span {
	if initials(d, np) == strings.ToUpper(acr) {
		return np
	}
	for b := np.s - 1; b >= lo && np.s-b <= 8; b-- {
		t := d.toks[b]
		if !t.isCap() && !nameLinks.has(t.lower) && t.lower != "and" {
			break
		}
		if t.isCap() && initials(d, span{b, np.e}) == strings.ToUpper(acr) {
			return span{b, np.e}
		}
	}
	return np
}

// initials returns the first letters of the capitalised words of p.
func initials(d *doc, p span) string {
	var b strings.Builder
	for i := p.s; i < p.e; i++ {
		if d.toks[i].isCap() {
			b.WriteString(strings.ToUpper(d.toks[i].text[:1]))
		}
	}
	return b.String()
}

func (d *doc) sentenceText(si int) string {
	s := d.sents[si]
	return d.text[s.start:s.end]
}
