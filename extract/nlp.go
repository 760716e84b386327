package extract

import (
	"fmt"
	"strings"
	"sync"

	"github.com/claimwire/claimwire/extract/postag"
)

// tagModel is prose's part-of-speech model laid out for fast lookup: the
// same tags as prose's tagger at several times its speed.
var tagModel = sync.OnceValue(func() *postag.Model {
	m, err := postag.Load()
	if err != nil {
		// the model is embedded in the binary: failing to read it is a broken build
		panic(fmt.Errorf("extract: loading the part-of-speech model: %w", err))
	}
	return m
})

// entityModel is prose's named-entity model laid out the same way.
var entityModel = sync.OnceValue(func() *postag.EntityModel {
	m, err := postag.LoadEntities()
	if err != nil {
		panic(fmt.Errorf("extract: loading the entity model: %w", err))
	}
	return m
})

// LoadModel loads the part-of-speech and entity model now rather than on
// the first article, so that a daemon pays for it at start-up.
func LoadModel() {
	tagModel()
	entityModel()
}

// taggers holds part-of-speech taggers with their scratch space, one per
// goroutine tagging at a time.
var taggers = sync.Pool{New: func() any { return &sentenceTagger{tg: tagModel().NewTagger()} }}

// sentenceTagger tags extract's tokens the way prose did when it was given
// them joined by spaces: postag cuts the joined text as prose does, and
// each of our tokens takes the tag of the first of its tokens.
type sentenceTagger struct {
	tg   *postag.Tagger
	offs []int
	// tieAt is the first of our tokens whose tag was an exact tie, which
	// prose breaks at random, or -1: tests comparing with prose need it.
	tieAt int
}

func (st *sentenceTagger) tag(toks []token) {
	in := st.join(toks)
	st.tieAt = -1
	ptoks := st.tg.Tag(in)
	ties := st.tg.Ties()
	st.mapBack(in, ptoks, func(j, k int) {
		if toks[k].tag == "" {
			toks[k].tag = ptoks[j].Tag
		}
		if st.tieAt < 0 && len(ties) > 0 && ties[0] == j {
			st.tieAt = k
		}
	})
}

// entities returns prose's IOB entity labels of the tokens.
func (st *sentenceTagger) entities(toks []token) []string {
	in := st.join(toks)
	ptoks := st.tg.Tag(in)
	plabels := st.tg.Entities(entityModel())
	labels := make([]string, len(toks))
	st.mapBack(in, ptoks, func(j, k int) {
		if labels[k] == "" {
			labels[k] = plabels[j]
		}
	})
	return labels
}

// mapBack calls set(j, k) for each of postag's tokens j with the index k
// of our token it falls in, found by searching the joined text in order
// as extract always has.
func (st *sentenceTagger) mapBack(in string, ptoks []postag.Token, set func(j, k int)) {
	cur, k := 0, 0
	for j, pt := range ptoks {
		at := strings.Index(in[cur:], pt.Text)
		if at < 0 {
			continue
		}
		cur += at
		for k+1 < len(st.offs) && st.offs[k+1] <= cur {
			k++
		}
		set(j, k)
		cur += len(pt.Text)
	}
}

// join is proseInput with the offsets kept in st.
func (st *sentenceTagger) join(toks []token) string {
	n := 0
	for _, t := range toks {
		n += len(t.text) + 1
	}
	var b strings.Builder
	b.Grow(n)
	st.offs = st.offs[:0]
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		st.offs = append(st.offs, b.Len())
		writeFolded(&b, t.text)
	}
	return b.String()
}

// writeFolded writes s with typographic quotes folded as quoteFolder
// folds them: ‘ and ’ (UTF-8 E2 80 98/99) to ', “ and ” (E2 80 9C/9D) to ".
func writeFolded(b *strings.Builder, s string) {
	for {
		i := strings.Index(s, "\xe2\x80")
		if i < 0 || i+2 >= len(s) {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i+2] {
		case 0x98, 0x99:
			b.WriteByte('\'')
		case 0x9C, 0x9D:
			b.WriteByte('"')
		default:
			b.WriteString(s[i : i+3])
		}
		s = s[i+3:]
	}
}

// tagAll sets the part-of-speech tags of the sentences that a rule can
// use: every sentence up to the last one holding a cue word, number or
// quotation (found in one pass over its tokens, see cueTable). Sentences
// after it yield no claim and no rule reads their tags; an earlier
// sentence without a cue still matters, since its subject and the people
// it names are what later pronouns and surnames refer to.
func (d *doc) tagAll() {
	st := taggers.Get().(*sentenceTagger)
	defer taggers.Put(st)
	last := len(d.sents) - 1
	if !tagEverySentence {
		for last >= 0 && !d.lx.claimWords.mayClaim(d.toks[d.sents[last].first:d.sents[last].last]) {
			last--
		}
	}
	for _, s := range d.sents[:last+1] {
		st.tag(d.toks[s.first:s.last])
	}
}

// tagEverySentence makes tagAll tag every sentence: tests check with it
// that the sentences it skips make no difference.
var tagEverySentence = false

// entities returns prose's IOB entity labels for sentence si, computing
// them on first use: the entity model costs several times the tagger, and
// most sentences never need it.
func (d *doc) entities(si int) []string {
	if d.ents == nil {
		d.ents = make([][]string, len(d.sents))
	}
	if d.ents[si] == nil {
		s := d.sents[si]
		st := taggers.Get().(*sentenceTagger)
		d.ents[si] = st.entities(d.toks[s.first:s.last])
		taggers.Put(st)
	}
	return d.ents[si]
}
