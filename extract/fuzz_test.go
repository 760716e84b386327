package extract

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary text to the extractor: it must not panic,
// and every claim's offsets must lie within the text, on rune boundaries,
// with its sentence taken from the text.
func FuzzExtract(f *testing.F) {
	for _, seed := range []string{
		"Washington said a unit, dubbed APT31, was behind the hackings.",
		"“That conversation has now taken place,” he said. \"Open quote never closed",
		"Seven alleged hackers have been charged, the Justice Department said.\n\nMore than 10,000 emails.",
		"\"\"\"“”” , , said said , according to",
		"accused accused of of by by the the “APT 28”",
	} {
		f.Add(seed)
	}
	x := testExtractor()
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 {
			return
		}
		claims, err := x.Extract(context.Background(), text)
		if !utf8.ValidString(text) {
			if err == nil {
				t.Fatal("no error for invalid UTF-8")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range claims {
			if c.Start < 0 || c.End > len(text) || c.Start > c.End {
				t.Fatalf("claim %+v: offsets outside the text (%d bytes)", c, len(text))
			}
			if c.Start < len(text) && !utf8.RuneStart(text[c.Start]) || c.End < len(text) && !utf8.RuneStart(text[c.End]) {
				t.Fatalf("claim %+v: offsets split a rune", c)
			}
			if len(c.Sentence) > MaxEvidence {
				t.Fatalf("claim %+v: sentence of %d bytes, more than %d", c, len(c.Sentence), MaxEvidence)
			}
			if !strings.Contains(text, strings.TrimSuffix(strings.TrimPrefix(c.Sentence, Clip), Clip)) {
				t.Fatalf("claim %+v: sentence is not in the text", c)
			}
		}
	})
}

func TestExtractRejectsHugeText(t *testing.T) {
	_, err := testExtractor().Extract(context.Background(), strings.Repeat("a ", MaxText))
	if err == nil {
		t.Fatal("no error for text over MaxText")
	}
}

func TestExtractHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := testExtractor().Extract(ctx, "Beijing said so. London said so too."); err == nil {
		t.Fatal("no error from a cancelled context")
	}
}
