package number

import (
	"math"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics, that its spans lie inside the
// input on UTF-8 boundaries, in order and apart, and that it stays fast.
func FuzzFind(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s)
	}
	p := defaultParser(f)
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		ms := p.Find(text)
		if d := time.Since(start); d > time.Second {
			t.Fatalf("Find took %v on %d bytes", d, len(text))
		}
		checkMatches(t, text, ms)
	})
}

func fuzzSeeds(f *testing.F) []string {
	seeds := []string{
		"more than 10,000 emails", "$4.4 billion dollars", "between 10 and 20 million", "1-1/2",
		"CVE-2017-0144", "+1-222-2222/2222", "hundreds of millions of", "one hundred and first",
		"- 10  k", "−5", "forty-five (45)", "<>30", "9.30am", "2024-03-26", "12,34,567.89",
		"the Apollo 10 crew", "Meal 1\nEat", "a 4-1 win", "eight out of ten", "one in five adults", "a year or two",
		"1,5 cm", "-1.62 -1.41%", "50 rupees to 2 crore people", "five 787 jets", "8/8",
	}
	if text, err := os.ReadFile("testdata/article.txt"); err == nil {
		seeds = append(seeds, strings.Split(string(text), "\n")...)
	}
	cases, _ := loadPeerCases(&testing.T{}, ownCases)
	for _, c := range cases {
		seeds = append(seeds, c.Input)
	}
	return seeds
}

func checkMatches(t *testing.T, text string, ms []Match) {
	t.Helper()
	valid := utf8.ValidString(text)
	prev := 0
	for _, m := range ms {
		switch {
		case m.Start < prev || m.Start >= m.End || m.End > len(text):
			t.Fatalf("span [%d,%d) out of order or outside %d bytes (previous end %d)", m.Start, m.End, len(text), prev)
		case m.Next < m.End || m.Next > len(text):
			t.Fatalf("Next %d outside [%d,%d]", m.Next, m.End, len(text))
		case m.Text != text[m.Start:m.End]:
			t.Fatalf("Text %q is not the span %q", m.Text, text[m.Start:m.End])
		case valid && (!runeStart(text, m.Start) || !runeStart(text, m.End) || !runeStart(text, m.Next)):
			t.Fatalf("span [%d,%d) or Next %d splits a character of %q", m.Start, m.End, m.Next, text)
		case math.IsNaN(m.Value) || m.Min > m.Max:
			t.Fatalf("value %v, range [%v,%v]", m.Value, m.Min, m.Max)
		}
		prev = m.End
	}
}

func runeStart(text string, i int) bool { return i == len(text) || utf8.RuneStart(text[i]) }

// TestFindLinear feeds Find long runs of the patterns its look-aheads
// work on; a parser that rescans would take seconds.
func TestFindLinear(t *testing.T) {
	p := defaultParser(t)
	for _, unit := range []string{
		"one and ", "1,", "a-", "more than 1 and less than ", "hundred and ", "1.", "1/", "$",
		"between 1 and ", "APT", "- ", "of a ", "point ", "(1) ", "1 ",
	} {
		text := strings.Repeat(unit, 64<<10/len(unit))
		start := time.Now()
		ms := p.Find(text)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%d bytes of %q took %v", len(text), unit, d)
		}
		checkMatches(t, text, ms)
	}
}
