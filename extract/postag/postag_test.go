package postag

import (
	"sync"
	"testing"

	"github.com/jdkato/prose/v2"
)

var (
	testModel = sync.OnceValue(func() *Model {
		m, err := Load()
		if err != nil {
			panic(err)
		}
		return m
	})
	proseTagger = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("test") })
)

// proseTokens is what prose itself gives for text.
func proseTokens(tb testing.TB, text string) []Token {
	tb.Helper()
	d, err := prose.NewDocument(text, prose.UsingModel(proseTagger()),
		prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		tb.Fatal(err)
	}
	var out []Token
	for _, pt := range d.Tokens() {
		out = append(out, Token{Text: pt.Text, Tag: pt.Tag})
	}
	return out
}

// sameTokens reports the first difference between two tokenisations.
func sameTokens(a, b []Token) (int, bool) {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i, false
		}
	}
	return min(len(a), len(b)), len(a) == len(b)
}

// Invented sentences that exercise every path of prose's tokenizer and
// tagger: clitics, negations, opening and closing marks, typographic
// quotes, links, e-mail addresses, handles, numbers, years, hyphens,
// abbreviations, emoticons, treebank placeholders and non-ASCII words.
var sentences = []string{
	`The minister said the ministry had not been told.`,
	`“We won't accept it,” she said, adding that they'll appeal.`,
	`Officials didn't say whether O'Neill's team (the "red" group) was involved.`,
	`Costs rose 4.5% to $1,200 in 2023, up from 1.50 a year earlier.`,
	`Visit www.example.org or write to press@example.com for details :)`,
	`The U.S. and Mr. Smith met Dr. Jones at 10 a.m. on Jan. 6.`,
	`A state-backed group -- so-called "Blue Lynx" -- was blamed; @analyst agreed.`,
	`-LRB- 0 *T*-1 * -RRB- placeholders stay as they are.`,
	`Zürich's ÉCOLE and Ⱥlpha Ünion signed; naïve café-owners cheered!`,
	`"Why?" he asked. [Sources] said: 'no.'`,
	`I'm sure you're right, it's the 1990s' best-known case.`,
	`  spaces   and	tabs  between   words  `,
	`n'tsa 'sorry' 'll`,
	`-`,
	``,
}

func TestTagMatchesProse(t *testing.T) {
	tg := testModel().NewTagger()
	for _, s := range sentences {
		want := proseTokens(t, s)
		got := tg.Tag(s)
		if i, ok := sameTokens(got, want); !ok {
			t.Errorf("%q: token %d: got %v, prose gives %v", s, i, got[i:], want[i:])
		}
	}
}
