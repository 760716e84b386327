package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const (
	devSet   = "../../../shared/eval/dev"
	scorePy  = "../../../shared/eval/score.py"
	articles = "../../testdata/articles"
)

// TestEvalMatchesScorePy compares eval with the reference scorer on the
// claims that `claimwire extract --format json` prints for every article
// (score.py --pred reads them; run in process, the extract command is the
// binary's): the whole output of --show --json, on the project's articles
// and the shared dev set, with and without --kinds.
func TestEvalMatchesScorePy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs python3")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if _, err := os.Stat(scorePy); err != nil {
		t.Skipf("no reference scorer: %v", err)
	}
	for _, tc := range []struct {
		dir   string
		kinds []string
	}{
		{articles, []string{"", "quote", "accusation,number"}},
		{devSet, []string{"", "quote"}},
	} {
		preds := extractAll(t, tc.dir)
		for _, kinds := range tc.kinds {
			args := []string{"--show", "--json"}
			if kinds != "" {
				args = append(args, "--kinds", kinds)
			}
			want, err := exec.Command(py, append([]string{scorePy, tc.dir, "--pred", preds}, args...)...).Output()
			if err != nil {
				t.Fatalf("score.py %s %s: %v", tc.dir, kinds, err)
			}
			if got := mustRun(t, append(append([]string{"eval"}, args...), tc.dir)...); got != string(want) {
				t.Errorf("%s --kinds %q: eval:\n%s\nscore.py:\n%s", tc.dir, kinds, got, want)
			}
		}
	}
}

// extractAll writes what `claimwire extract --format json` prints for each
// article of a gold folder to <id>.json in a new folder, for score.py --pred.
func extractAll(t *testing.T, goldDir string) string {
	t.Helper()
	golds, err := filepath.Glob(filepath.Join(goldDir, "*.gold.json"))
	if err != nil || len(golds) == 0 {
		t.Fatalf("no gold files in %s (%v)", goldDir, err)
	}
	dir := t.TempDir()
	for _, g := range golds {
		id := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		out := mustRun(t, "extract", "--format", "json", filepath.Join(goldDir, id+".txt"))
		if err := os.WriteFile(filepath.Join(dir, id+".json"), []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEvalErrors(t *testing.T) {
	gold := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(gold, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a.gold.json", `{"id": "a", "text": "a.txt", "claims": [{"kind": "number", "value": 3, "unit": "hackers"}]}`)
	write("a.txt", strings.Repeat("Three hackers were charged. ", 40000)) // over extract.MaxText
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"eval"}, exitUsage, "claimwire: eval: want one GOLD_DIR, got 0 arguments\n"},
		{[]string{"eval", gold, gold}, exitUsage, "claimwire: eval: want one GOLD_DIR, got 2 arguments\n"},
		{[]string{"eval", filepath.Join(gold, "none")}, exitUsage, "claimwire: eval: gold: open "},
		{[]string{"eval", "--rules", filepath.Join(gold, "none"), gold}, exitUsage, "claimwire: eval: rules: "},
		{[]string{"eval", gold}, exitFail, "FAILED a: extract: "},
		{[]string{"eval", "--kinds", "quotes", gold}, exitUsage, "claimwire: eval: --kinds: unknown kind \"quotes\""},
	} {
		r := runCLI(t, "", tc.args...)
		if r.code != tc.code || !strings.HasPrefix(r.stderr, tc.stderr) {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tc.args, r.code, r.stderr, tc.code, tc.stderr)
		}
	}
}

// The project's own articles score in a fresh clone; with --kinds quote
// only quotes are scored.
func TestEvalArticles(t *testing.T) {
	out := mustRun(t, "eval", articles)
	for _, kind := range []string{"accusation", "actor", "quote", "number", "quote_span"} {
		if !strings.Contains(out, "\n"+kind+" ") {
			t.Errorf("no %s row:\n%s", kind, out)
		}
	}
	out = mustRun(t, "eval", "--kinds", "quote", articles)
	if rows := strings.Count(out, "\n"); rows != 5 || !strings.Contains(out, "\nquote ") || strings.Contains(out, "number") {
		t.Errorf("--kinds quote:\n%s", out)
	}
}

func TestEvalTable(t *testing.T) {
	out := mustRun(t, "eval", "../../evalscore/testdata/gold")
	if !strings.HasPrefix(out, "kind            tp    fp    fn      P      R     F1\n") ||
		!strings.HasSuffix(out, " over 3 articles, 0 failed\n") {
		t.Errorf("eval:\n%s", out)
	}
}

// --bands prints a confidence band table after the score table.
func TestEvalBands(t *testing.T) {
	out := mustRun(t, "eval", "--bands", articles)
	i := strings.Index(out, "\nkind         confidence     tp    fp      P\n")
	if i < 0 || !strings.Contains(out[i:], "\naccusation   [") || !strings.Contains(out[i:], "\nquote        [") {
		t.Errorf("eval --bands:\n%s", out)
	}
	if out := mustRun(t, "eval", articles); strings.Contains(out, "confidence") {
		t.Errorf("bands without --bands:\n%s", out)
	}
}
