package extract

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// proseModel is prose's tagger and entity model, loaded once per process:
// loading takes a quarter of a second, tagging a sentence well under a
// millisecond.
var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("claimwire") })

// LoadModel loads the part-of-speech and entity model now rather than on
// the first article, so that a daemon pays for it at start-up.
func LoadModel() { proseModel() }

// proseInput joins the tokens of a sentence with single spaces, with
// typographic quotes folded as prose folds them, and returns each token's
// offset in the joined string.
func proseInput(toks []token) (string, []int) {
	var b strings.Builder
	offs := make([]int, len(toks))
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		offs[i] = b.Len()
		b.WriteString(quoteFolder.Replace(t.text))
	}
	return b.String(), offs
}

// runProse tags the tokens and, with entities, sets their IOB entity labels.
// prose tokenises again; its tokens are mapped back to ours by offset.
func runProse(toks []token, entities bool) []string {
	in, offs := proseInput(toks)
	pd, err := prose.NewDocument(in,
		prose.UsingModel(proseModel()),
		prose.WithSegmentation(false),
		prose.WithExtraction(entities))
	if err != nil {
		return nil
	}
	labels := make([]string, len(toks))
	cur, k := 0, 0
	for _, pt := range pd.Tokens() {
		at := strings.Index(in[cur:], pt.Text)
		if at < 0 {
			continue
		}
		cur += at
		for k+1 < len(offs) && offs[k+1] <= cur {
			k++
		}
		if labels[k] == "" {
			if entities {
				labels[k] = pt.Label
			} else {
				labels[k] = pt.Tag
			}
		}
		cur += len(pt.Text)
	}
	return labels
}

// tagAll sets the part-of-speech tags of the sentences that a rule can
// use: tagging is most of the cost of extraction, and a sentence with no
// cue word, number or quotation yields no claim.
func (d *doc) tagAll() {
	for si, s := range d.sents {
		if !d.mayClaim(si) {
			continue
		}
		toks := d.toks[s.first:s.last]
		for i, tag := range runProse(toks, false) {
			toks[i].tag = tag
		}
	}
}

// mayClaim reports whether sentence si holds anything a rule starts from:
// a cue word, a number, a quotation mark or a pronoun that may speak.
func (d *doc) mayClaim(si int) bool {
	s := d.sents[si]
	for i := s.first; i < s.last; i++ {
		t := &d.toks[i]
		if t.isQuote() || isDigit(t.text) || d.lx.numberWords.has(t.lower) || d.lx.triggers.has(t.lower) {
			return true
		}
	}
	return false
}

// entities returns prose's IOB entity labels for sentence si, computing
// them on first use: the entity model costs several times the tagger, and
// most sentences never need it.
func (d *doc) entities(si int) []string {
	if d.ents == nil {
		d.ents = make([][]string, len(d.sents))
	}
	if d.ents[si] == nil {
		s := d.sents[si]
		d.ents[si] = runProse(d.toks[s.first:s.last], true)
	}
	return d.ents[si]
}
