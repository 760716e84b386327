package evalscore

import (
	"strings"
	"testing"
)

func TestParseKinds(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"accusation,actor,quote,number", "accusation actor quote number", ""},
		{"quote", "quote", ""},
		{"number, accusation", "number accusation", ""},
		{"quotes", "", `unknown kind "quotes"`},
		{"quote_span", "", `unknown kind "quote_span"`},
		{"quote,", "", `unknown kind ""`},
		{"", "", `unknown kind ""`},
	} {
		got, err := ParseKinds(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseKinds(%q): error %v, want %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || strings.Join(got, " ") != tc.want):
			t.Errorf("ParseKinds(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// TestScoreKinds checks that a kind left out of --kinds is neither
// counted nor listed, in gold or in predictions; quote_span goes with
// quote; the macro F1 is over the kinds scored.
func TestScoreKinds(t *testing.T) {
	golds := loadTestGold(t)
	for _, tc := range []struct {
		kinds []string
		table string
	}{
		{[]string{"quote"}, `kind            tp    fp    fn      P      R     F1
quote            3     3     1  0.500  0.750  0.600
quote_span       4     2     0  0.667  1.000  0.800
micro            3     3     1  0.500  0.750  0.600
macro F1 0.600 over 3 articles, 1 failed
`},
		{[]string{"number", "accusation"}, `kind            tp    fp    fn      P      R     F1
accusation       3     2     1  0.600  0.750  0.667
number           3     3     1  0.500  0.750  0.600
micro            6     5     2  0.545  0.750  0.632
macro F1 0.633 over 3 articles, 1 failed
`},
		{[]string{"actor"}, `kind            tp    fp    fn      P      R     F1
actor            3     1     0  0.750  1.000  0.857
micro            3     1     0  0.750  1.000  0.857
macro F1 0.857 over 3 articles, 1 failed
`},
	} {
		r := scoreDirKinds(golds, "testdata/pred", tc.kinds)
		var b strings.Builder
		if err := r.WriteTable(&b); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.table {
			t.Errorf("kinds %q:\n%s\nwant:\n%s", tc.kinds, b.String(), tc.table)
		}
		for _, m := range r.Misses {
			if k := strings.TrimSuffix(m.Kind, "_span"); !strings.Contains(strings.Join(tc.kinds, ","), k) {
				t.Errorf("kinds %q: a miss of kind %s", tc.kinds, m.Kind)
			}
		}
	}
}

// TestScoreKindsMatchesScorePy runs the reference scorer with --kinds on
// the same files.
func TestScoreKindsMatchesScorePy(t *testing.T) {
	for _, kinds := range []string{"quote", "number,accusation", "actor"} {
		want := string(runPython(t, scorePy, "testdata/gold", "--pred", "testdata/pred", "--kinds", kinds, "--show", "--json"))
		list, err := ParseKinds(kinds)
		if err != nil {
			t.Fatal(err)
		}
		if got := output(t, scoreDirKinds(loadTestGold(t), "testdata/pred", list)); got != want {
			t.Errorf("--kinds %s: Go and score.py differ (-score.py +Go):\n%s", kinds, lineDiff(want, got))
		}
	}
}
