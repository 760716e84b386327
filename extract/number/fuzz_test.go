package number

import (
	"math"
	"os"
	"runtime"
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
		// A hang guard for the fuzzer, far above any linear time.
		if d := time.Since(start); d > 10*time.Second {
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
// work on and checks that its work grows in step with the input: the
// memory it allocates for 128 KiB is at most 16 times that for 16 KiB
// (eight times the input, and slices that grow by doubling may end
// twice as large), where a parser that rescans would allocate 64 times
// as much. Allocations are counted, not time, so
// a loaded machine cannot fail it.
func TestFindLinear(t *testing.T) {
	p := defaultParser(t)
	for _, unit := range []string{
		"one and ", "1,", "a-", "more than 1 and less than ", "hundred and ", "1.", "1/", "$",
		"between 1 and ", "APT", "- ", "of a ", "point ", "(1) ", "1 ",
	} {
		small := strings.Repeat(unit, 16<<10/len(unit))
		large := strings.Repeat(unit, 128<<10/len(unit))
		bytesFor := func(text string) uint64 {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			checkMatches(t, text, p.Find(text))
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		bytesFor(small) // warm up lazily built tables
		s, l := bytesFor(small), bytesFor(large)
		t.Logf("%q: %d bytes allocated for 16 KiB, %d for 128 KiB", unit, s, l)
		if l > 16*s+64<<10 {
			t.Errorf("%q: %d bytes allocated for 128 KiB against %d for 16 KiB: more than linear", unit, l, s)
		}
	}
}
