package extract

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviations", "Mr. Rymer said the U.S. was hit on Jan. 6. Officials agreed.",
			[]string{"Mr. Rymer said the U.S. was hit on Jan. 6.", "Officials agreed."}},
		{"initial", "J. Smith spoke. He left.", []string{"J. Smith spoke.", "He left."}},
		{"closing quote stays", "He said “it is done.” Then he left.", []string{"He said “it is done.”", "Then he left."}},
		{"straight quote opens the next", `"We believe it," Bossert said. "It is difficult."`,
			[]string{`"We believe it," Bossert said.`, `"It is difficult."`}},
		{"paragraphs end sentences", "APT31 and APT40\nLondon said so.", []string{"APT31 and APT40", "London said so."}},
		{"ellipsis inside", "computers... that caused losses. Next.", []string{"computers... that caused losses.", "Next."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := testExtractor().newDoc(tt.text)
			var got []string
			for si := range d.sents {
				got = append(got, d.sentenceText(si))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Beijing’s “big step” cost $4.4bn\u00a0— U.S. officials said."
	d := testExtractor().newDoc(text)
	var words []string
	for _, tok := range d.toks {
		if text[tok.start:tok.end] != tok.text {
			t.Errorf("token %q at [%d:%d] reads %q", tok.text, tok.start, tok.end, text[tok.start:tok.end])
		}
		words = append(words, tok.text)
	}
	want := "Beijing|’s|“|big|step|”|cost|$4.4|bn|—|U.S.|officials|said|."
	if got := strings.Join(words, "|"); got != want {
		t.Errorf("tokens %s, want %s", got, want)
	}
}
