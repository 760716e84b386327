package extract

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedEvalSets are the annotated sets beside the repository whose every
// sentence the tagger is checked on.
var sharedEvalSets = []string{"dev", "train", "polnear/dev", "polnear/train"}

// tagDiff is one token whose tag differs between prose and postag.
type tagDiff struct {
	where    string
	tok      string
	old, new string
	sentence string
	// tie: an exact tie earlier in the sentence, which prose breaks at
	// random, explains the difference
	tie bool
}

// compareTags tags every sentence of text (not only those a rule can start
// from) and labels its entities, both through prose, as extract did, and
// through postag, and returns the tokens whose tags or labels differ, the
// number of tokens compared and the number of exact ties.
func compareTags(where, text string, withEntities bool) ([]tagDiff, int, int) {
	d := testExtractor().newDoc(text)
	st := taggers.Get().(*sentenceTagger)
	defer taggers.Put(st)
	var diffs []tagDiff
	n, ties := 0, 0
	for _, s := range d.sents {
		toks := d.toks[s.first:s.last]
		old := runProse(toks, false)
		st.tag(toks)
		ties += len(st.tg.Ties())
		tieAt := st.tieAt
		oldEnts, ents := old, old
		if withEntities {
			oldEnts, ents = runProse(toks, true), st.entities(toks)
		}
		for i := range toks {
			n++
			tie := tieAt >= 0 && (i >= tieAt || repeatsFrom(toks, i, tieAt))
			if toks[i].tag != old[i] {
				diffs = append(diffs, tagDiff{where, toks[i].text, old[i], toks[i].tag, d.text[s.start:s.end], tie})
			}
			if ents[i] != oldEnts[i] {
				diffs = append(diffs, tagDiff{where, toks[i].text, "entity " + oldEnts[i], "entity " + ents[i], d.text[s.start:s.end], tie})
			}
		}
	}
	return diffs, n, ties
}

// repeatsFrom reports whether token i's text occurs again from token from
// on: prose gives a repeated word the tags of its last occurrence.
func repeatsFrom(toks []token, i, from int) bool {
	for j := max(from, i+1); j < len(toks); j++ {
		if toks[j].text == toks[i].text {
			return true
		}
	}
	return false
}

// report fails the test for a difference that no tie explains, and logs
// the others.
func report(t *testing.T, d tagDiff) {
	t.Helper()
	if d.tie {
		t.Logf("%s: %q tagged %s, prose %s after an exact tie in %q", d.where, d.tok, d.new, d.old, d.sentence)
		return
	}
	t.Errorf("%s: %q tagged %s, prose %s in %q", d.where, d.tok, d.new, d.old, d.sentence)
}

var allEntities = flag.Bool("prose-entities", false, "compare entity labels with prose on polnear/train too (minutes)")

// TestTagsMatchProseOnEval checks that extract's tokens get the same tags
// from postag as from prose on every sentence of every shared eval set, and
// the same entity labels on every set but polnear/train, where prose's
// entity model takes minutes (-prose-entities compares them there too).
func TestTagsMatchProseOnEval(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: tagging the eval sets with prose takes a minute")
	}
	found := false
	for _, set := range sharedEvalSets {
		if raceEnabled && strings.HasPrefix(set, "polnear/") {
			t.Logf("%s skipped under the race detector, where prose takes several minutes over it", set)
			continue
		}
		files, _ := filepath.Glob(filepath.Join("../../shared/eval", set, "*.txt"))
		if len(files) == 0 {
			continue
		}
		found = true
		tokens, diffs, tied, ties := 0, 0, 0, 0
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ds, n, nt := compareTags(f, string(data), *allEntities || set != "polnear/train")
			tokens += n
			ties += nt
			for _, d := range ds {
				report(t, d)
				if d.tie {
					tied++
				} else {
					diffs++
				}
			}
		}
		t.Logf("%s: %d articles, %d tokens, %d tags differ from prose; %d exact ties, after which %d differ this run",
			set, len(files), tokens, diffs, ties, tied)
	}
	if !found {
		t.Skip("../../shared/eval not found: the comparison needs the shared eval sets beside the repository")
	}
}

// TestTagsMatchProse runs without the shared sets: invented news text that
// goes through extract's tokeniser and then both taggers.
func TestTagsMatchProse(t *testing.T) {
	texts := []string{
		"The ministry blamed Russia’s GRU for the attack, saying “we won’t tolerate it.”\n" +
			"Mr. Novak didn't comment. The U.S. embassy said costs rose 4.5% to $1,200 in 2023.",
		"A state-backed group (so-called \"Blue Lynx\") was accused; officials said it's the 1990s' worst case.\n" +
			"Contact press@example.org or visit www.example.org :) for the report's details.",
		"O’Neill’s team – the “red” group – said: ‘no.’ Zürich-based ÉCOLE agreed!",
	}
	for i, text := range texts {
		diffs, n, _ := compareTags(fmt.Sprint("text ", i), text, true)
		if n == 0 {
			t.Fatalf("text %d: no tokens compared", i)
		}
		for _, d := range diffs {
			report(t, d)
		}
	}
}

// TestTagAllTagsClaimSentences checks what tagAll tags: every sentence up
// to the last one a rule can start from, and nothing after it.
func TestTagAllTagsClaimSentences(t *testing.T) {
	d := testExtractor().newDoc("The sun rose over the hills. Officials said the group attacked the network. " +
		"The rain fell on the plain. Nobody was there.")
	d.tagAll()
	for _, tk := range d.toks {
		tagged := tk.tag != ""
		if want := tk.sent <= 1; tagged != want {
			t.Errorf("%q in sentence %d: tagged %v, want %v", tk.text, tk.sent, tagged, want)
		}
	}
	if got := tagOf(d, "attacked"); got != "VBD" {
		t.Errorf("attacked: tag %q, want VBD", got)
	}
}

func tagOf(d *doc, word string) string {
	for _, tk := range d.toks {
		if tk.text == word {
			return tk.tag
		}
	}
	return ""
}

func TestWriteFoldedMatchesQuoteFolder(t *testing.T) {
	for _, s := range []string{"", "plain", "“quoted”", "it’s", "‘a’ – b … \u2018", "\xe2\x80", "x\xe2\x80\x94y"} {
		var b strings.Builder
		writeFolded(&b, s)
		if want := quoteFolder.Replace(s); b.String() != want {
			t.Errorf("writeFolded(%q) = %q, quoteFolder gives %q", s, b.String(), want)
		}
	}
}
