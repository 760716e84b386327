package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
	"unicode/utf8"
)

// tokenRE is the grammar nextToken implements, matched by Go's regexp:
// the tests check that both cut text the same way.
var tokenRE = regexp.MustCompile(`(?:\p{L}\.){2,}|\$?\d[\d,.]*\d%?|\d+%?|` +
	`[\p{L}\p{N}]+(?:[-'’.&/][\p{L}\p{N}]+)*|['’]s\b|''|[^\s\p{Z}]`)

func scanAll(text string) [][]int {
	var out [][]int
	for i := 0; ; {
		s, e := nextToken(text, i)
		if s < 0 {
			return out
		}
		out = append(out, []int{s, e})
		i = e
	}
}

func sameCuts(t *testing.T, where, text string) {
	t.Helper()
	got, want := scanAll(text), tokenRE.FindAllStringIndex(text, -1)
	if !slices.EqualFunc(got, want, slices.Equal) {
		for i := range min(len(got), len(want)) {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("%s: token %d: %q at %v, the regexp gives %q at %v", where, i,
					text[got[i][0]:got[i][1]], got[i], text[want[i][0]:want[i][1]], want[i])
				return
			}
		}
		t.Errorf("%s: %d tokens, the regexp gives %d", where, len(got), len(want))
	}
}

func TestNextTokenMatchesRegexp(t *testing.T) {
	for _, s := range []string{
		"", " ", "U.S. and e.g. and U.S and A.B.C.D.", "$5 $5.00 $ 5 $abc 10,000 1.5 1. 1, 3.5% 5% 12%% 2020s 1,2,3.",
		"cyber-espionage AT&T O'Neill O’Neill and/or re- -x x- a.b. Beijing’s it's ’s 's 'st ’s_ 's9 'sé",
		"''Yes,'' she said ''' '''' “quoted” «x» —dash– …",
		"٣٤ Ⅻ ½ x²y Zürich naïve ÉCOLE 北京 Москва", "a\u00a0b\u2028c\u2003d\ve\u0085f\tg\rh\fi\n",
		"p.m. a.m.. i.e.) U.S.-led $1.5bn 3-2 9/11 24/7 50-50 1.2.3.4 .5 ,5 5..6 5,,6",
		"x’y x’ ’y Ⅻ.Ⅻ. é.é. 1.a. a.1.",
	} {
		sameCuts(t, "", s)
	}
	var files []string
	for _, dir := range []string{"../testdata/articles", "../../shared/eval/dev", "../../shared/eval/train",
		"../../shared/eval/polnear/dev", "../../shared/eval/polnear/train"} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		files = append(files, fs...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sameCuts(t, f, string(data))
	}
}

func FuzzNextToken(f *testing.F) {
	for _, s := range []string{"U.S. $5.00 10,000 cyber-attack O’Neill's ''x'' 3.5%", "Beijing’s it’s", "a.b.c 1.2.x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		sameCuts(t, "", s)
	})
}
