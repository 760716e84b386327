package extract

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCueTableMayClaim(t *testing.T) {
	x := testExtractor()
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The sun rose over the hills.", false},
		{"Officials blamed the group.", true},
		{"It was a cyber-attack on the port.", true},
		{"Three ships sailed.", true},         // a number word
		{"The 5 ships sailed.", true},         // a digit
		{"“Go home” was on the sign.", true},  // a quotation mark
		{"He SAID nothing of note.", true},    // cue words are folded
		{"The sayings of the elders.", false}, // only whole tokens count
		{"The tides are rare here.", false},
	} {
		d := x.newDoc(c.text)
		s := d.sents[0]
		if got := x.lx.claimWords.mayClaim(d.toks[s.first:s.last]); got != c.want {
			t.Errorf("%q: mayClaim %v, want %v", c.text, got, c.want)
		}
	}
}

// TestSkippedSentencesDoNotMatter extracts every article of the project
// and of the shared eval sets twice, tagging only the sentences a rule can
// start from and tagging every sentence, and checks that the claims are
// the same.
func TestSkippedSentencesDoNotMatter(t *testing.T) {
	dirs := []string{"../testdata/articles"}
	if !testing.Short() && !raceEnabled {
		for _, set := range sharedEvalSets {
			dirs = append(dirs, filepath.Join("../../shared/eval", set))
		}
	}
	x := testExtractor()
	ctx := context.Background()
	n := 0
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			skipping, err := x.Extract(ctx, string(data))
			if err != nil {
				t.Fatal(err)
			}
			tagEverySentence = true
			every, err := x.Extract(ctx, string(data))
			tagEverySentence = false
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(skipping, every) {
				t.Errorf("%s: claims differ when every sentence is tagged:\n%v\n%v", f, skipping, every)
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no articles")
	}
	t.Logf("%d articles", n)
}

func TestNormLabelMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`[^A-Z0-9]+`)
	for _, s := range []string{"", "APT 31", "apt-28", "Fancy Bear", "ıſk", "Ünion ß straße", "ǅemal", "x\u212ay", "Lazarus\tGroup", "UNC3886!", "ＡＰＴ２８"} {
		if got, want := normLabel(s), re.ReplaceAllString(strings.ToUpper(s), ""); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzNormLabel(f *testing.F) {
	re := regexp.MustCompile(`[^A-Z0-9]+`)
	f.Add("APT 31")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := normLabel(s), re.ReplaceAllString(strings.ToUpper(s), ""); got != want {
			t.Errorf("normLabel(%q) = %q, want %q", s, got, want)
		}
	})
}
