package extract

import (
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// proseModel is prose's own tagger and entity model, which extract called
// before postag: the tests compare postag's tags and labels with it.
var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("claimwire") })

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
